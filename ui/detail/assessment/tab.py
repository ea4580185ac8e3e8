"""Assessment tab: the candidate's submitted dossiers and their assessment rounds — the
panel, each assessor's judgements per competence (sealed from others until all are in),
disagreements and the chair's decisions, the result and the appeals against it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.assessment import AssessmentState, MemberRole, Phase, Verdict
from utq_desktop.services.assessment_dto import (
    CandidateAssessment,
    CellState,
    CompetenceJudgements,
    RoundView,
)

from ui.detail.assessment.editing import AssessmentEditor
from ui.detail.assessment.models import AppealTableModel, JudgementTableModel
from ui.detail.assessment.texts import phase_text, verdict_color, verdict_text
from ui.detail.base import DetailTab, TabContext
from ui.formatting import format_date, status_text
from ui.messages import show_error


def _table(parent: QWidget, name: str, accessible: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    return table


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
        self.table = _table(self, "assessmentJudgements", self.tr("Judgements per competence"))
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
        self.appeal_model = AppealTableModel(self)
        self.appeals = _table(self, "assessmentAppeals", self.tr("Appeals"))
        self.appeals.setModel(self.appeal_model)
        self.appeals.horizontalHeader().setStretchLastSection(True)
        self.appeals.setMaximumHeight(110)
        appeal_buttons = QHBoxLayout()
        for action in (self.appeal_action, self.hearing_action, self.outcome_action):
            appeal_buttons.addWidget(self._button(action))
        appeal_buttons.addStretch(1)
        self.appeal_box = QGroupBox(self.tr("Objection and appeal"), self)
        box_layout = QVBoxLayout(self.appeal_box)
        box_layout.addWidget(self.appeals)
        box_layout.addLayout(appeal_buttons)

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
        self.summary.setText(self._summary(view))
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
        self.appeal_model.set_appeals(round_.appeals if round_ else ())
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
        self.progress.setText(self._progress(round_))
        self.result.setText(self._result(round_))
        self.appeal_box.setVisible(round_ is not None and round_.result is not None)
        self._update_details()

    def _viewer_chosen(self, index: int) -> None:
        data = self.viewer.itemData(index)
        self.viewer_id = int(data) if data is not None else None
        self.reload()

    # --- texts -------------------------------------------------------------------------------

    def _summary(self, view: CandidateAssessment) -> str:
        parts = [
            f"<b>{html.escape(view.candidate_name)}</b>",
            self.tr("status: {status}").format(status=status_text(view.candidate_status)),
        ]
        if view.waiting:
            parts.append(
                self.tr("Submission %n is waiting for assessment.", "", view.waiting[0].number)
            )
        elif not view.snapshots:
            parts.append(self.tr("No dossier has been submitted for assessment yet."))
        if not view.rounds and view.snapshots and not view.waiting:
            parts.append(self.tr("Every submission was returned for revision."))
        return " · ".join(parts)

    def _progress(self, round_: RoundView | None) -> str:
        if round_ is None:
            return ""
        assessors = ", ".join(
            self.tr("{name}: {n} of {m}").format(name=m.name, n=m.judged, m=len(round_.competences))
            for m in round_.assessors
        )
        chair = round_.chair.name if round_.chair else self.tr("none")
        text = self.tr(
            "Started {date} · {phase} · judgements in: {n} of {m} ({each}) · chair: {chair}"
        ).format(
            date=format_date(round_.started_on),
            phase=phase_text(round_.phase),
            n=round_.judgements_in,
            m=round_.judgements_needed,
            each=assessors,
            chair=chair,
        )
        if round_.phase is Phase.CHAIR:
            open_ = sum(c.needs_chair for c in round_.competences)
            text += " · " + self.tr("the chair has %n disagreement(s) to decide", "", open_)
        return text

    def _result(self, round_: RoundView | None) -> str:
        if round_ is None:
            return ""
        if round_.result is None:
            if round_.proposed_result is not None and round_.state is AssessmentState.JUDGING:
                return self.tr("Every competence has a verdict: the result will be {r}.").format(
                    r=self._verdict_html(round_.proposed_result)
                )
            return ""
        text = self.tr("Result: {r} on {date} (recorded by {who}).").format(
            r=self._verdict_html(round_.result),
            date=format_date(round_.result_on),
            who=html.escape(round_.decided_by),
        )
        if round_.result_motivation:
            text += "<br>" + html.escape(round_.result_motivation)
        if round_.appeal_deadline is not None and round_.pending_appeal is None:
            text += "<br>" + self.tr("Appeal possible until {date}.").format(
                date=format_date(round_.appeal_deadline)
            )
        return text

    def _verdict_html(self, verdict: Verdict) -> str:
        color = verdict_color(verdict)
        return f"<b style='color:{color.name() if color else '#000'}'>{verdict_text(verdict)}</b>"

    def _update_details(self, *_args: object) -> None:
        competence = self.selected_competence()
        round_ = self.current_round()
        if competence is None or round_ is None:
            self.details.setText(
                self.tr("Select a competence to read the motivations.") if round_ else ""
            )
            self._update_actions()
            return
        names = {m.user_id: m for m in round_.members}
        lines = [f"<b>{html.escape(competence.code)} {html.escape(competence.name)}</b>"]
        for cell in (*competence.cells, competence.chair):
            member = names.get(cell.user_id)
            if member is None or cell.state is CellState.MISSING:
                continue
            who = html.escape(member.name)
            if cell.state is CellState.SEALED:
                lines.append(self.tr("{who}: judged; sealed until all are in.").format(who=who))
                continue
            entered = (
                self.tr(" (entered by {login})").format(login=html.escape(cell.entered_by))
                if cell.entered_by and cell.entered_by != member.login
                else ""
            )
            lines.append(
                f"{who}{' (' + self.tr('chair') + ')' if member.role is MemberRole.CHAIR else ''}"
                f", {format_date(cell.judged_on)}{entered}: "
                f"{self._verdict_html(cell.verdict) if cell.verdict else ''} — "
                f"{html.escape(cell.motivation)}"
            )
        if competence.disagreement:
            lines.append(
                "<i>"
                + (
                    self.tr("The assessors disagree: the chair decides.")
                    if competence.needs_chair
                    else self.tr("The assessors disagreed; the chair decided.")
                )
                + "</i>"
            )
        self.details.setText("<br>".join(lines))
        self._update_actions()

    # --- actions -----------------------------------------------------------------------------

    def _update_actions(self, *_args: object) -> None:
        view, round_ = self.view, self.current_round()
        competence = self.selected_competence()
        open_round = view is not None and any(
            r.state in (AssessmentState.JUDGING, AssessmentState.APPEAL) for r in view.rounds
        )
        self.start_action.setEnabled(view is not None and bool(view.waiting) and not open_round)
        judging = round_ is not None and round_.state is AssessmentState.JUDGING
        assessor_ids = {m.user_id for m in round_.assessors} if round_ else set()
        self.judge_action.setEnabled(
            judging
            and round_ is not None
            and not round_.revealed
            and self.viewer_id in assessor_ids
            and competence is not None
        )
        self.decide_action.setEnabled(
            judging and competence is not None and competence.disagreement
        )
        self.result_action.setEnabled(round_ is not None and round_.phase is Phase.READY)
        self.cancel_action.setEnabled(judging)
        latest = (
            next((r for r in view.rounds if r.state is not AssessmentState.CANCELLED), None)
            if view
            else None
        )
        decided_latest = (
            round_ is not None
            and latest is not None
            and latest.id == round_.id
            and round_.state is AssessmentState.DECIDED
        )
        pending = round_.pending_appeal if round_ else None
        self.appeal_action.setEnabled(decided_latest)
        self.hearing_action.setEnabled(pending is not None)
        self.outcome_action.setEnabled(pending is not None)
