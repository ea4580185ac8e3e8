"""The main window's certificate actions (View menu): Certificate register…, Verify code…
(Ctrl+Shift+V) and Ceremony batch…. Kept apart from main_window.py, which only creates
this object and lists its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from ui.certificates.ceremony_dialog import CeremonyDialog
from ui.certificates.register_window import CertificateRegisterWindow
from ui.certificates.verify_dialog import VerifyDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class CertificateActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.register_window: CertificateRegisterWindow | None = None
        self.register_action = self._action(
            "actionCertificateRegister", self.tr("Certificate &register…"), self.show_register
        )
        self.register_action.setShortcut("Ctrl+Shift+R")
        self.verify_action = self._action(
            "actionVerifyCode", self.tr("&Verify code…"), self.verify_code
        )
        self.verify_action.setShortcut("Ctrl+Shift+V")
        self.ceremony_action = self._action(
            "actionCeremonyBatch", self.tr("&Ceremony batch…"), self.ceremony
        )
        window.register.model.modelReset.connect(self.update)  # also after a database opens
        self.update()

    @property
    def actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.register_action, self.verify_action, self.ceremony_action]

    def _action(self, name: str, text: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def update(self, *_args: object) -> None:
        """Enabled while a database is open."""
        open_ = self.window.context.services is not None
        for action in self.actions:
            action.setEnabled(open_)
        if self.register_window is not None and (
            not open_ or self.register_window.services is not self.window.context.services
        ):
            self.register_window.close()  # it belongs to the database that was open
            self.register_window.deleteLater()
            self.register_window = None

    def show_register(self) -> None:
        if self.register_window is None:
            window = CertificateRegisterWindow(
                self.window.services, self.window.runner, self.window
            )
            window.candidate_changed.connect(self.window.refresh_candidate)
            window.verify_requested.connect(self.verify_code)
            window.ceremony_requested.connect(self.ceremony)
            self.register_window = window
        elif self.register_window.isVisible():
            self.register_window.reload()
            self.register_window.raise_()  # already open: bring it to the front
        else:
            self.register_window.reload()
        self.register_window.show()
        self.register_window.activateWindow()

    def verify_code(self) -> None:
        parent = self.register_window if self._register_visible() else self.window
        dialog = VerifyDialog(self.window.services, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

    def ceremony(self) -> None:
        parent = self.register_window if self._register_visible() else self.window
        dialog = CeremonyDialog(self.window.services, self.window.runner, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.issued.connect(self._issued)
        dialog.exec()

    def _issued(self, _count: int) -> None:
        if self.register_window is not None and self.register_window.isVisible():
            self.register_window.reload()
        candidate_id = self.window.detail.candidate_id()
        if candidate_id:
            self.window.detail.refresh()

    def _register_visible(self) -> bool:
        return self.register_window is not None and self.register_window.isVisible()
