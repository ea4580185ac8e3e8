"""The main window's certificate actions (View menu): Certificate register…, Verify code…
(Ctrl+Shift+V) and Ceremony batch…. Kept apart from main_window.py, which only creates
this object and lists its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ui.certificates.ceremony_dialog import CeremonyDialog
from ui.certificates.register_window import CertificateRegisterWindow
from ui.certificates.verify_dialog import VerifyDialog
from ui.window_actions import RegisterActions

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class CertificateActions(RegisterActions):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.register_action = self._action(
            "actionCertificateRegister",
            self.tr("Certificate &register…"),
            self.show_register,
            "Ctrl+Shift+R",
        )
        self.verify_action = self._action(
            "actionVerifyCode", self.tr("&Verify code…"), self.verify_code, "Ctrl+Shift+V"
        )
        self.ceremony_action = self._action(
            "actionCeremonyBatch", self.tr("&Ceremony batch…"), self.ceremony
        )
        self._listen()

    @property
    def actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.register_action, self.verify_action, self.ceremony_action]

    def _create_register(self) -> CertificateRegisterWindow:
        register = CertificateRegisterWindow(self.window.services, self.window.runner, self.window)
        register.candidate_changed.connect(self.window.refresh_candidate)
        register.verify_requested.connect(self.verify_code)
        register.ceremony_requested.connect(self.ceremony)
        return register

    def verify_code(self) -> None:
        parent = self.register_window if self.register_visible() else self.window
        self._exec(VerifyDialog(self.window.services, parent))

    def ceremony(self) -> None:
        parent = self.register_window if self.register_visible() else self.window
        dialog = CeremonyDialog(self.window.services, self.window.runner, parent)
        dialog.issued.connect(self._issued)
        self._exec(dialog)

    def _issued(self, _count: int) -> None:
        self.reload_register()
        candidate_id = self.window.detail.candidate_id()
        if candidate_id:
            self.window.detail.refresh()
