"""The main window's assessment action (View menu): Assessments…, the register of dossiers
waiting for assessment, in assessment and decided. Opening a dossier from it selects the
candidate in the main register and shows the Assessment tab. Kept apart from
main_window.py, which only creates this object and lists its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ui.assessment.register_window import AssessmentRegisterWindow
from ui.detail.assessment.tab import AssessmentTab
from ui.window_actions import RegisterActions

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class AssessmentActions(RegisterActions):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.register_action = self._action(
            "actionAssessments", self.tr("&Assessments…"), self.show_register, "Ctrl+Shift+J"
        )
        window.detail.candidate_changed.connect(self.reload_register)
        self._listen()

    @property
    def actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.register_action]

    def _create_register(self) -> AssessmentRegisterWindow:
        register = AssessmentRegisterWindow(self.window.services, self.window.runner, self.window)
        register.candidate_requested.connect(self.open_candidate)
        return register

    def open_candidate(self, candidate_id: int) -> None:
        """Select the candidate in the main register and show its Assessment tab."""
        if not self.window.register.select_candidate(candidate_id):
            self.window.statusBar().showMessage(
                self.tr(
                    "That candidate is hidden by the register's search or filters (or "
                    "archived); clear them to open the candidate."
                ),
                8000,
            )
            return
        tabs = self.window.detail.tabs
        for page in self.window.detail.pages:
            if isinstance(page, AssessmentTab):
                tabs.setCurrentWidget(page)
        self.window.raise_()
        self.window.activateWindow()
