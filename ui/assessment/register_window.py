"""The assessment register (View → Assessments…): every dossier waiting for assessment, in
assessment, or decided (appeal pending), with filters. Double-click (or Enter) opens the
candidate in the main window on the Assessment tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.assessment_dto import AssessmentRegisterRow, RegisterStage

from ui.assessment.model import APPEAL_PENDING, ID_ROLE, WIDTH_SAMPLES, AssessmentRegisterModel
from ui.detail.assessment.texts import stage_text
from ui.messages import show_error
from ui.register_window import RegisterWindow
from ui.workers import TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services


class AssessmentRegisterWindow(RegisterWindow):
    """``candidate_requested(id)``: the user wants this candidate's Assessment tab."""

    candidate_requested = Signal(int)

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            services, runner, parent, "assessmentRegisterWindow", self.tr("Assessments")
        )

        self.stage = QComboBox(self)
        self.stage.setObjectName("assessmentStageFilter")
        self.stage.setAccessibleName(self.tr("Stage"))
        self.stage.addItem(self.tr("All stages"), None)
        for stage in RegisterStage:
            self.stage.addItem(stage_text(stage), stage)
        self.stage.addItem(self.tr("Appeal pending"), APPEAL_PENDING)
        self.search = QLineEdit(self)
        self.search.setObjectName("assessmentSearch")
        self.search.setPlaceholderText(self.tr("Name, staff number, faculty or assessor"))
        self.search.setAccessibleName(self.tr("Search assessments"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("assessmentCount")
        filters = QHBoxLayout()
        stage_label = QLabel(self.tr("&Stage:"), self)
        stage_label.setBuddy(self.stage)
        filters.addWidget(stage_label)
        filters.addWidget(self.stage)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)

        self.model = AssessmentRegisterModel(self)
        self.table = self._table("assessmentRegister", self.tr("Assessments"), self.model)
        header = self.table.horizontalHeader()  # fixed widths: no pass over every row
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        for column, sample in enumerate(WIDTH_SAMPLES[:-1]):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.activated.connect(self._open)  # double-click and Enter
        self.hint = QLabel(
            self.tr("Double-click a dossier to open the candidate's Assessment tab."), self
        )
        self.hint.setObjectName("assessmentHint")

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.stage.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.resize(1100, 560)
        self.reload()

    def reload(self) -> None:
        services = self.services
        self.count.setText(self.tr("Loading…"))
        self.runner.run(services.assessment.register, self._show, self._failed)

    def _show(self, rows: list[AssessmentRegisterRow]) -> None:
        self.model.set_rows(rows)
        self._filter()

    def _failed(self, error: Exception) -> None:
        self.count.clear()
        show_error(self, self.tr("Could not load the assessments"), error)

    def _filter(self, *_args: object) -> None:
        value = self.stage.currentData()  # Qt hands enum item data back as plain strings
        stage = RegisterStage(value) if value in set(RegisterStage) else value
        self.model.set_filter(stage, self.search.text())
        self.count.setText(
            self.tr("{shown} of {total} dossiers").format(
                shown=self.model.rowCount(), total=self.model.total()
            )
        )

    def _open(self, index: QModelIndex) -> None:
        candidate_id = self.model.data(index, ID_ROLE)
        if candidate_id:
            self.candidate_requested.emit(int(candidate_id))
