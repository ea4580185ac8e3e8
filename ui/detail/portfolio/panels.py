"""Widgets and helpers the portfolio pages share: a titled (or embedded) panel, a one-line
elided label, and how tables, columns, actions and buttons are set up alike."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

NOTE_STYLE = "color: palette(placeholder-text);"


class ElidedLabel(QLabel):
    """One line of a longer text, ending in '…' when it does not fit (the tooltip has it
    all): a description under a list must not push the list away or be cut in half."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)

    @property
    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = " ".join(text.split())
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        )


def make_table(parent: QWidget, name: str, accessible: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return table


def set_widths(table: QTableView, samples: dict[int, str], stretch: int) -> None:
    """Columns as wide as a sample text (or their title), ``stretch`` takes the rest.

    Instead of ResizeToContents, which measures every row: with hundreds of items that
    alone would cost more than the whole dossier may take to open.
    """
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    model = table.model()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, sample in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
        header.resizeSection(column, width + 24)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def tool_button(parent: QWidget, action: QAction) -> QToolButton:
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setObjectName(f"{action.objectName()}Button")
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    # a tool button shows the action's iconText, which drops the '&' and the '…': keep the
    # full text, so Alt+letter presses it and '…' says a dialog follows (as DetailTab._button)
    action.changed.connect(lambda: button.setText(action.text()))
    button.setText(action.text())
    return button


def make_action(
    parent: QWidget, name: str, text: str, slot: Callable[[], None], shortcut: str = ""
) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    parent.addAction(action)
    return action


class Panel(QGroupBox):
    """A titled box; ``embedded`` (a page of an inner tab widget, whose tab names it): no
    frame or title, and ``heading`` holds what the title would say."""

    def __init__(self, parent: QWidget | None, name: str, embedded: bool) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.embedded = embedded
        self.heading = ""
        if embedded:
            self.setFlat(True)
            self.setStyleSheet(f"QGroupBox#{name} {{ border: none; margin-top: 0; }}")

    def set_heading(self, text: str) -> None:
        self.heading = text
        if not self.embedded:
            self.setTitle(text)

    def body(self) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        if self.embedded:
            layout.setContentsMargins(0, 4, 0, 0)
        return layout
