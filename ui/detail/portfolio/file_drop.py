"""Files dragged from the file manager: which widgets take them, and a first check.

A ``FileDrop`` filter on a widget (an item view's viewport, or the tab) accepts drags that
carry local file URLs and hands the paths and drop position to a callback. ``problem``
tells before anything is read why a file cannot be attached (a folder, unreadable, over the
size limit), so the message comes at once; the service checks again when it reads them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QPoint, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox, QWidget
from utq_desktop.errors import UtqError

from ui.detail.portfolio.texts import size_text
from ui.messages import show_error

OnDrop = Callable[[list[Path], QPoint], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("PortfolioFiles", text)


def local_files(mime: QMimeData | None) -> list[Path]:
    """The local files a drag carries; empty when it carries anything else as well."""
    if mime is None or not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


def problem(paths: Sequence[Path], max_bytes: int) -> str | None:
    """Why these files cannot be attached, in one message; None when they look fine."""
    lines = []
    for path in paths:
        try:
            size = path.stat().st_size
        except OSError as error:
            lines.append(
                _tr("'{name}' cannot be read: {reason}.").format(
                    name=path.name, reason=error.strerror or error
                )
            )
            continue
        if path.is_dir():
            lines.append(
                _tr("'{name}' is a folder; drop the files in it instead.").format(name=path.name)
            )
        elif size == 0:
            lines.append(
                _tr("'{name}' is empty (0 bytes); attach the file with its content.").format(
                    name=path.name
                )
            )
        elif size > max_bytes:
            lines.append(
                _tr(
                    "'{name}' is {size}; an attachment may be at most {limit}. Attach a "
                    "smaller or compressed version."
                ).format(name=path.name, size=size_text(size), limit=size_text(max_bytes))
            )
        elif not os.access(path, os.R_OK):
            lines.append(_tr("'{name}' cannot be read: permission denied.").format(name=path.name))
    return "\n".join(lines) or None


def refuse(parent: QWidget, message: str) -> QMessageBox:
    """Say why files were not attached (window-modal, does not block)."""
    return show_error(parent, _tr("Cannot attach these files"), UtqError(message))


class FileDrop(QObject):
    """Accept dropped files on ``widget`` (made to accept drops) and call ``on_drop``."""

    def __init__(self, widget: QWidget, on_drop: OnDrop, enabled: Callable[[], bool]) -> None:
        super().__init__(widget)
        self._on_drop = on_drop
        self._enabled = enabled
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if self._enabled() and local_files(event.mimeData()):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = local_files(event.mimeData())
            if not paths or not self._enabled():
                event.ignore()
                return True
            event.acceptProposedAction()
            # after the drop has finished: a dialog must not block the file manager's drag
            position = event.position().toPoint()
            QTimer.singleShot(0, self, lambda: self._on_drop(paths, position))
            return True
        return False
