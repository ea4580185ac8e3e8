"""Intake tab: the candidate's educational CV, self-diagnosis, teaching tasks, documents
for the consultant and intake meeting, with the intake's state on top.

Each part is a section (ui/detail/intake/); every change goes through IntakeService in
its own transaction and is audited, so it shows in the Overview tab's timeline too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget
from utq_desktop.errors import StaleEditError
from utq_desktop.services.dto import IntakeDetail

from ui.detail.base import DetailTab, TabContext
from ui.detail.intake.cv import CvSection
from ui.detail.intake.parts import DocumentsSection, MeetingSection, TasksSection
from ui.detail.intake.progress import IntakeProgress
from ui.detail.intake.self_diagnosis import SelfDiagnosisSection
from ui.messages import show_error
from ui.workers import TaskRunner


class IntakeTab(DetailTab):
    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("intakeTab")
        self._requested = 0
        self._detail: IntakeDetail | None = None

        self.content = QWidget(self)
        self.content.setObjectName("intakeContent")
        self.progress = IntakeProgress(self.content)
        self.cv = CvSection(self, self.content)
        self.self_diagnosis = SelfDiagnosisSection(self, self.content)
        self.tasks = TasksSection(self, self.content)
        self.documents = DocumentsSection(self, self.content)
        self.meeting = MeetingSection(self, self.content)
        self.sections = (self.cv, self.self_diagnosis, self.tasks, self.documents, self.meeting)
        column = QVBoxLayout(self.content)
        column.addWidget(self.progress)
        for section in self.sections:
            column.addWidget(section)
        column.addStretch(1)

        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("intakeScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.content.setEnabled(False)

    def title(self) -> str:
        return self.tr("Intake")

    # --- IntakeHost ------------------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        return self.context.runner

    @property
    def detail(self) -> IntakeDetail | None:
        return self._detail

    def saved(self) -> None:
        """The register row, this tab and the timeline all show the change."""
        if self._detail is not None:
            self.candidate_changed.emit(self._detail.candidate_id)

    def failed(self, title: str, error: Exception) -> None:
        show_error(self, title, error)
        if isinstance(error, StaleEditError):
            self.saved()  # show what the colleague saved

    # --- loading ---------------------------------------------------------------------------

    def load(self, candidate_id: int) -> None:
        self._requested = candidate_id
        if self._detail is not None and self._detail.candidate_id != candidate_id:
            self._detail = None
            self.content.setEnabled(False)
        intake = self.services.intake
        self.context.runner.run(lambda: intake.detail(candidate_id), self._show, self._failed)

    def _show(self, detail: IntakeDetail) -> None:
        if detail.candidate_id != self._requested:
            return  # the user moved on while this was loading
        self._detail = detail
        self.progress.show_detail(detail)
        for section in self.sections:
            section.show_detail(detail)
        self.content.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the intake"), error)
