"""Driving the Portfolio tab in GUI tests: open it for a candidate, drop files on a widget
through the real drag-and-drop event path, build a dossier through the service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from ui.detail.portfolio.tab import PortfolioTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.portfolio import EvidenceKind
from utq_desktop.services.app import Services
from utq_desktop.services.portfolio_dto import EvidenceInput

TODAY = date.today()


def names(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]


def candidate_id(window: MainWindow, name: str) -> int:
    row = window.register.model.row_at(names(window).index(name))
    assert row is not None
    return row.id


def open_portfolio(qtbot, window: MainWindow, name: str) -> PortfolioTab:
    """Click the candidate in the register, then the Portfolio tab; wait for the dossier."""
    table = window.register.table
    rect = table.visualRect(window.register.model.index(names(window).index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = next(page for page in window.detail.pages if isinstance(page, PortfolioTab))
    index = window.detail.tabs.indexOf(tab)
    assert window.detail.tabs.tabText(index) == "Portfolio"
    bar = window.detail.tabs.tabBar()
    bar.setCurrentIndex(index)  # the tab bar may need scrolling to show it: select it
    wanted = window.register.selected_id()
    qtbot.waitUntil(lambda: tab.dossier is not None and tab.dossier.candidate_id == wanted)
    return tab


def reloaded(qtbot, tab: PortfolioTab, check) -> None:  # type: ignore[no-untyped-def]
    """Wait until the tab shows a dossier for which ``check(dossier)`` holds."""
    qtbot.waitUntil(lambda: tab.dossier is not None and check(tab.dossier), timeout=5000)


def drop_files(widget: QWidget, paths: Sequence[Path], pos: QPoint | None = None) -> bool:
    """Drag ``paths`` from a file manager onto ``widget`` at ``pos`` and drop them there.

    Sent through QApplication like a real drag: the enter event looks for a widget that
    accepts it (this one or a parent), the drop goes to that one. Returns whether the
    drop was accepted.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = pos if pos is not None else widget.rect().center()
    buttons, modifiers = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, copy, mime, buttons, modifiers)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDragMoveEvent(point, copy, mime, buttons, modifiers))
    drop = QDropEvent(QPointF(point), copy, mime, buttons, modifiers)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def save(qtbot, dialog: QWidget) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add_item(
    services: Services,
    candidate: int,
    title: str,
    *,
    kind: EvidenceKind = EvidenceKind.COURSE_MATERIAL,
    criteria: tuple[str, ...] = (),
    competences: tuple[str, ...] = (),
    files: Sequence[Path] = (),
) -> int:
    data = EvidenceInput(kind, title, TODAY, f"About {title}.", competences, criteria)
    return services.portfolio.add_item(candidate, data, files)


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path
