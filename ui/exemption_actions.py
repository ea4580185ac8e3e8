"""The main window's exemption action (View menu): Exemption register… (Ctrl+Shift+E), a
window of every exemption request; choosing one there selects the candidate in the main
register and shows their Exemption tab. Kept apart from main_window.py, which only
creates this object and lists its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.exemption_register.window import ExemptionRegisterWindow
from ui.window_actions import RegisterActions

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ExemptionActions(RegisterActions):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.register_action = self._action(
            "actionExemptionRegister",
            self.tr("E&xemption register…"),
            self.show_register,
            "Ctrl+Shift+E",
        )
        window.detail.candidate_changed.connect(self.reload_register)  # a case changed in the tab
        self._listen()

    @property
    def actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.register_action]

    def _create_register(self) -> ExemptionRegisterWindow:
        register = ExemptionRegisterWindow(self.window.services, self.window.runner, self.window)
        register.candidate_activated.connect(self.show_candidate)
        return register

    def show_candidate(self, candidate_id: int) -> None:
        """Select the candidate in the main register (clearing its filters if they hide
        them) and show their Exemption tab."""
        register = self.window.register
        if not register.select_candidate(candidate_id):
            register.search.clear()
            for combo in (register.faculty, register.status, register.intake, register.due):
                combo.setCurrentIndex(0)
            register.search.returnPressed.emit()  # apply now, not after the typing delay
            if not register.select_candidate(candidate_id):
                register.show_archived.setChecked(True)  # an archived candidate
                if not register.select_candidate(candidate_id):
                    return
        tabs = self.window.detail.tabs
        page = tabs.findChild(QWidget, "exemptionTab")
        if page is not None:
            tabs.setCurrentWidget(page)
        self.window.activateWindow()  # the register window may be in front
