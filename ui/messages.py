"""Errors shown to the user: our own messages as they are, anything else briefly."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from utq_desktop.errors import UtqError

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    if isinstance(error, UtqError):
        return str(error)
    log.error("unexpected error", exc_info=error)
    return f"{type(error).__name__}: {error}"


def show_error(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    """A window-modal error box that does not block the caller (so workers keep going)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, error_text(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def confirm(parent: QWidget | None, title: str, text: str, accept_label: str) -> bool:
    """Ask before something consequential; the safe answer is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    box.setObjectName("confirmMessage")
    accept = box.addButton(accept_label, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_reload(parent: QWidget, message: str, reload_label: str, consequence: str) -> bool:
    """After a refused save (someone else saved first): True when the user wants their
    version loaded, replacing what they entered; Cancel keeps the dialog as it is."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        parent.tr("Changed by someone else"),
        message,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("staleEditMessage")
    reload_button = box.addButton(reload_label, QMessageBox.ButtonRole.AcceptRole)
    box.setInformativeText(consequence)
    box.exec()
    return box.clickedButton() is reload_button
