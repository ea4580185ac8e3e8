"""Assessment tab: the candidate's submitted dossiers and their assessment rounds — the
panel, each assessor's judgements per competence (sealed from others until all are in),
disagreements and the chair's decisions, the result and the appeals against it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.assessment import MemberRole
from utq_desktop.services.assessment_dto import (
    CandidateAssessment,
    CompetenceJudgements,
    RoundView,
)

from ui.detail.assessment.action_rules import enabled_actions
from ui.detail.assessment.appeal_section import AppealSection, read_only_table
from ui.detail.assessment.editing import AssessmentEditor
from ui.detail.assessment.models import JudgementTableModel
from ui.detail.assessment.round_texts import (
    details_html,
    progress_text,
    result_html,
    summary_html,
)
from ui.detail.assessment.texts import phase_text
from ui.detail.base import DetailTab, TabContext
from ui.messages import show_error


class AssessmentTab(DetailTab):
    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("assessmentTab")
        self.view: CandidateAssessment | None = None
        self.viewer_id: int | None = None
        self._me: int | None = None
        self._requested = 0
        self._shown_candidate = 0
        self.editor = AssessmentEditor(self)

        self.summary = QLabel(self)
        self.summary.setObjectName("assessmentSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.start_action = self._action(
            "assessmentStart", self.tr("&Start assessment…"), self.editor.start
        )
        self.rounds = QComboBox(self)
        self.rounds.setObjectName("assessmentRounds")
        self.rounds.setAccessibleName(self.tr("Assessment round"))
        self.rounds.currentIndexChanged.connect(self._show_round)
        self.viewer = QComboBox(self)
        self.viewer.setObjectName("assessmentViewer")
        self.viewer.setAccessibleName(self.tr("Judging as"))
        self.viewer.setToolTip(
            self.tr(
                "Whose judgements you enter and see. Judgements of the others stay sealed "
                "until every assessor has judged every competence."
            )
        )
        self.viewer.activated.connect(self._viewer_chosen)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self._button(self.start_action), 0, Qt.AlignmentFlag.AlignTop)
        choose = QFormLayout()  # one row each: side by side both were cut off
        choose.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        round_label = QLabel(self.tr("Rou&nd:"), self)
        round_label.setBuddy(self.rounds)
        viewer_label = QLabel(self.tr("J&udging as:"), self)
        viewer_label.setBuddy(self.viewer)
        choose.addRow(round_label, self.rounds)
        choose.addRow(viewer_label, self.viewer)

        self.progress = QLabel(self)
        self.progress.setObjectName("assessmentProgress")
        self.progress.setWordWrap(True)
        self.model = JudgementTableModel(self)
        self.table = read_only_table(
            self, "assessmentJudgements", self.tr("Judgements per competence")
        )
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.activated.connect(self.editor.activate)  # double-click or Enter
        self.table.selectionModel().currentRowChanged.connect(self._update_details)

        self.judge_action = self._action(
            "assessmentJudge", self.tr("&Judge…"), lambda: self.editor.judge()
        )
        self.judge_action.setShortcut(QKeySequence("Ctrl+J"))
        self.decide_action = self._action(
            "assessmentDecide", self.tr("Chair &decision…"), self.editor.decide
        )
        self.result_action = self._action(
            "assessmentResult", self.tr("Record &result…"), self.editor.record_result
        )
        self.cancel_action = self._action(
            "assessmentCancel", self.tr("&Cancel round…"), self.editor.cancel
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.judge_action, self.decide_action])
        buttons = QHBoxLayout()
        for action in (self.judge_action, self.decide_action, self.result_action):
            buttons.addWidget(self._button(action))
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.cancel_action))

        self.details = QLabel(self)
        self.details.setObjectName("assessmentDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.result = QLabel(self)
        self.result.setObjectName("assessmentResultText")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)

        self.appeal_action = self._action(
            "appealFile", self.tr("File &appeal…"), self.editor.file_appeal
        )
        self.hearing_action = self._action(
            "appealHearing", self.tr("Hearin&g…"), self.editor.set_hearing
        )
        self.outcome_action = self._action(
            "appealOutcome", self.tr("&Outcome…"), self.editor.decide_appeal
        )
        self.appeal_box = AppealSection(
            self.tr("Objection and appeal"),
            self.tr("Appeals"),
            (self.appeal_action, self.hearing_action, self.outcome_action),
            self._button,
            self,
        )
        self.appeal_model = self.appeal_box.model
        self.appeals = self.appeal_box.table

        content = QWidget(self)  # scrolls: a small window still shows every part
        content.setObjectName("assessmentContent")
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addLayout(choose)
        layout.addWidget(self.progress)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.details)
        layout.addWidget(self.result)
        layout.addWidget(self.appeal_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("assessmentScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Assessment")

    # --- loading -----------------------------------------------------------------------------

    def load(self, candidate_id: int) -> None:
        self._requested = candidate_id
        services = self.services
        new_candidate = candidate_id != self._shown_candidate
        viewer = None if new_candidate else self.viewer_id

        def fetch() -> tuple[CandidateAssessment, int | None, int | None]:
            me = services.assessment.user_id_of(services.actor)
            panel = services.assessment.candidate(candidate_id)
            chosen = viewer
            if new_candidate:
                current = panel.current
                members = {m.user_id for m in current.members} if current else set()
                chosen = me if me in members else None
            if chosen is not None:
                panel = services.assessment.candidate(candidate_id, chosen)
            return panel, chosen, me

        self.context.runner.run(fetch, self._show, self._failed)

    def reload(self) -> None:
        if self._requested:
            self.load(self._requested)

    def _show(self, data: tuple[CandidateAssessment, int | None, int | None]) -> None:
        view, viewer, me = data
        if view.candidate_id != self._requested:
            return  # the user moved on while this was loading
        selected_round = self.current_round().id if self.current_round() else 0
        if view.candidate_id != self._shown_candidate:
            selected_round = 0
        row = self.table.currentIndex().row()
        self.view, self.viewer_id, self._me = view, viewer, me
        self._shown_candidate = view.candidate_id
        self.summary.setText(summary_html(self.tr, view))
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for r in view.rounds:
            self.rounds.addItem(
                self.tr("Round {n} · submission {s} · {phase}").format(
                    n=r.round, s=r.snapshot_number or "?", phase=phase_text(r.phase)
                ),
                r.id,
            )
        index = max(0, self.rounds.findData(selected_round)) if view.rounds else -1
        self.rounds.setCurrentIndex(index)
        self.rounds.blockSignals(False)
        self.rounds.setEnabled(len(view.rounds) > 1)
        self._show_round()
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the assessment"), error)

    def current_round(self) -> RoundView | None:
        view = self.view
        if view is None or not view.rounds:
            return None
        index = self.rounds.currentIndex()
        return view.rounds[index] if 0 <= index < len(view.rounds) else view.rounds[0]

    def selected_competence(self) -> CompetenceJudgements | None:
        index = self.table.currentIndex()
        return self.model.competence_at(index.row()) if index.isValid() else None

    def _show_round(self, *_args: object) -> None:
        round_ = self.current_round()
        self.model.set_round(round_)
        header = self.table.horizontalHeader()
        if self.model.columnCount():  # the columns follow the panel: set after each reset
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rows = self.model.rowCount()
        height = (
            header.sizeHint().height()
            + self.table.verticalHeader().defaultSectionSize() * max(rows, 3)
        )
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())
        self.appeal_box.set_appeals(round_.appeals if round_ else ())
        self.viewer.clear()
        self.viewer.addItem(self.tr("Coordinator (judgements sealed until all are in)"), None)
        if round_ is not None:
            for member in round_.members:
                role = (
                    self.tr("assessor") if member.role is MemberRole.ASSESSOR else self.tr("chair")
                )
                self.viewer.addItem(f"{member.name} ({role})", member.user_id)
        self.viewer.setCurrentIndex(max(0, self.viewer.findData(self.viewer_id)))
        self.viewer.setEnabled(round_ is not None)
        self.progress.setText(progress_text(self.tr, round_))
        self.result.setText(result_html(self.tr, round_))
        self.appeal_box.setVisible(round_ is not None and round_.result is not None)
        self._update_details()

    def _viewer_chosen(self, index: int) -> None:
        data = self.viewer.itemData(index)
        self.viewer_id = int(data) if data is not None else None
        self.reload()

    def _update_details(self, *_args: object) -> None:
        competence = self.selected_competence()
        round_ = self.current_round()
        if competence is None or round_ is None:
            self.details.setText(
                self.tr("Select a competence to read the motivations.") if round_ else ""
            )
            self._update_actions()
            return
        self.details.setText(details_html(self.tr, competence, round_))
        self._update_actions()

    # --- actions -----------------------------------------------------------------------------

    def _update_actions(self, *_args: object) -> None:
        state = enabled_actions(
            self.view, self.current_round(), self.selected_competence(), self.viewer_id
        )
        self.start_action.setEnabled(state.start)
        self.judge_action.setEnabled(state.judge)
        self.decide_action.setEnabled(state.decide)
        self.result_action.setEnabled(state.result)
        self.cancel_action.setEnabled(state.cancel)
        self.appeal_action.setEnabled(state.appeal)
        self.hearing_action.setEnabled(state.hearing)
        self.outcome_action.setEnabled(state.outcome)
