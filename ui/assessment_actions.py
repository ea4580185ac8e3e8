"""The main window's assessment action (View menu): Assessments…, the register of dossiers
waiting for assessment, in assessment and decided. Opening a dossier from it selects the
candidate in the main register and shows the Assessment tab. Kept apart from
main_window.py, which only creates this object and lists its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ui.assessment.register_window import AssessmentRegisterWindow
from ui.detail.assessment.tab import AssessmentTab

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class AssessmentActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.register_window: AssessmentRegisterWindow | None = None
        self.register_action = QAction(self.tr("&Assessments…"), window)
        self.register_action.setObjectName("actionAssessments")
        self.register_action.setShortcut("Ctrl+Shift+J")
        self.register_action.triggered.connect(self.show_register)
        window.addAction(self.register_action)
        window.register.model.modelReset.connect(self.update)  # also after a database opens
        window.detail.candidate_changed.connect(self._candidate_changed)
        self.update()

    @property
    def actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.register_action]

    def update(self, *_args: object) -> None:
        """Enabled while a database is open; a register of another database closes."""
        open_ = self.window.context.services is not None
        self.register_action.setEnabled(open_)
        if self.register_window is not None and (
            not open_ or self.register_window.services is not self.window.context.services
        ):
            self.register_window.close()
            self.register_window.deleteLater()
            self.register_window = None

    def show_register(self) -> None:
        if self.register_window is None:
            window = AssessmentRegisterWindow(self.window.services, self.window.runner, self.window)
            window.candidate_requested.connect(self.open_candidate)
            self.register_window = window
        else:
            self.register_window.reload()
        self.register_window.show()
        self.register_window.raise_()
        self.register_window.activateWindow()

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

    def _candidate_changed(self, _candidate_id: int) -> None:
        if self.register_window is not None and self.register_window.isVisible():
            self.register_window.reload()
