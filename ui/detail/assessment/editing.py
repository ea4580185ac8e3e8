"""The Assessment tab's edits, each through the assessment service: start a round, judge,
the chair's decision, the result, cancel; file an appeal, its hearing and outcome.

There is no undo here on purpose: an assessor may change a sealed judgement until all are
in (that is its correction), and a result or an appeal's outcome is a formal decision,
confirmed before it is recorded and changed afterwards only by an appeal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject
from utq_desktop.domain.assessment import AppealOutcome, Verdict
from utq_desktop.errors import UtqError
from utq_desktop.services.assessment_dto import CellState, JudgementCell

from ui.detail.assessment.appeal_dialogs import AppealDialog, HearingDialog, OutcomeDialog
from ui.detail.assessment.round_dialogs import (
    JudgementDialog,
    ReasonDialog,
    ResultDialog,
    StartDialog,
)
from ui.messages import show_error

if TYPE_CHECKING:
    from utq_desktop.services.assessment import AssessmentService

    from ui.detail.assessment.tab import AssessmentTab


class AssessmentEditor(QObject):
    def __init__(self, tab: AssessmentTab) -> None:
        super().__init__(tab)
        self.tab = tab

    @property
    def _service(self) -> AssessmentService:
        return self.tab.services.assessment

    def _changed_status(self) -> None:
        """After a change that may move the candidate: the register row and all tabs."""
        view = self.tab.view
        if view is not None:
            self.tab.candidate_changed.emit(view.candidate_id)

    # --- the round -----------------------------------------------------------------------

    def start(self) -> None:
        view = self.tab.view
        if view is None or not view.waiting:
            return
        try:
            users = self.tab.services.users.list()
        except UtqError as error:
            show_error(self.tab, self.tr("Could not list the users"), error)
            return
        if len(users) < 3:
            show_error(
                self.tab,
                self.tr("Start assessment"),
                UtqError(
                    self.tr(
                        "An assessment needs two assessors and a chair: add them as users "
                        "first (Edit → Users…, role 'assessor')."
                    )
                ),
            )
            return
        candidate_id = view.candidate_id

        def save(snapshot_id: int, assessors: list[int], chair: int, on: date) -> None:
            self._service.start(candidate_id, snapshot_id, assessors, chair, on)

        dialog = StartDialog(self.tab, view.waiting, users, self._service.today(), save)
        if dialog.exec() == StartDialog.DialogCode.Accepted:
            self._changed_status()

    def cancel(self) -> None:
        round_ = self.tab.current_round()
        if round_ is None:
            return

        def save(reason: str) -> None:
            self._service.cancel(round_.id, reason, round_.row_version)

        dialog = ReasonDialog(
            self.tab,
            self.tr("Cancel round {n}").format(n=round_.round),
            self.tr("Why is it &cancelled?"),
            save,
        )
        if dialog.exec() == ReasonDialog.DialogCode.Accepted:
            self._changed_status()

    # --- judgements ----------------------------------------------------------------------

    def activate(self, index: QModelIndex) -> None:
        """Double-click: on an assessor's cell judge as that assessor, on the chair's decide."""
        round_ = self.tab.current_round()
        competence = self.tab.model.competence_at(index.row())
        if round_ is None or competence is None:
            return
        cell = self.tab.model.cell_at(index.row(), index.column())
        if cell is competence.chair:
            if self.tab.decide_action.isEnabled():
                self.decide()
            return
        if cell is not None and not round_.revealed:
            self.judge(cell.user_id)
        elif self.tab.judge_action.isEnabled():
            self.judge()

    def judge(self, assessor_id: int | None = None) -> None:
        tab = self.tab
        round_, competence = tab.current_round(), tab.selected_competence()
        if round_ is None or competence is None:
            return
        assessor_id = assessor_id if assessor_id is not None else tab.viewer_id
        member = next((m for m in round_.assessors if m.user_id == assessor_id), None)
        if member is None:
            return
        cell = next(c for c in competence.cells if c.user_id == member.user_id)
        if cell.state is CellState.SEALED:  # judging as someone else: read as them
            cell = self._own_cell(competence.competence_id, member.user_id) or cell
        if tab.viewer_id != member.user_id:
            tab.viewer_id = member.user_id
        round_id, competence_id = round_.id, competence.competence_id

        def save(verdict: Verdict, motivation: str, on: date) -> None:
            self._service.judge(
                round_id, competence_id, member.user_id, verdict, motivation, on, cell.row_version
            )

        dialog = JudgementDialog(
            tab,
            self.tr("Judgement of {name}").format(name=member.name),
            self.tr("{code} {competence}, judged by {name} (entered by you)").format(
                code=competence.code, competence=competence.name, name=member.name
            ),
            cell.verdict,
            cell.motivation,
            cell.judged_on or self._service.today(),
            save,
        )
        dialog.exec()
        tab.reload()

    def _own_cell(self, competence_id: int, user_id: int) -> JudgementCell | None:
        view = self.tab.view
        if view is None:
            return None
        try:
            mine = self._service.candidate(view.candidate_id, user_id)
        except UtqError as error:
            show_error(self.tab, self.tr("Could not load the judgement"), error)
            return None
        round_ = self.tab.current_round()
        for r in mine.rounds:
            if round_ is not None and r.id == round_.id:
                for c in r.competences:
                    if c.competence_id == competence_id:
                        return next((x for x in c.cells if x.user_id == user_id), None)
        return None

    def decide(self) -> None:
        tab = self.tab
        round_, competence = tab.current_round(), tab.selected_competence()
        if round_ is None or competence is None or round_.chair is None:
            return
        chair, cell = round_.chair, competence.chair
        round_id, competence_id = round_.id, competence.competence_id

        def save(verdict: Verdict, motivation: str, on: date) -> None:
            self._service.decide(round_id, competence_id, verdict, motivation, on, cell.row_version)

        dialog = JudgementDialog(
            tab,
            self.tr("Decision of the chair"),
            self.tr("{code} {competence}: the assessors disagree. {name} (chair) decides.").format(
                code=competence.code, competence=competence.name, name=chair.name
            ),
            cell.verdict,
            cell.motivation,
            cell.judged_on or self._service.today(),
            save,
        )
        dialog.exec()
        tab.reload()

    def record_result(self) -> None:
        view, round_ = self.tab.view, self.tab.current_round()
        if view is None or round_ is None or round_.proposed_result is None:
            return

        def save(on: date, motivation: str) -> None:
            self._service.record_result(round_.id, on, motivation, round_.row_version)

        dialog = ResultDialog(
            self.tab, round_.proposed_result, view.candidate_name, self._service.today(), save
        )
        if dialog.exec() == ResultDialog.DialogCode.Accepted:
            self._changed_status()

    # --- appeals -------------------------------------------------------------------------

    def file_appeal(self) -> None:
        round_ = self.tab.current_round()
        if round_ is None or round_.appeal_deadline is None:
            return
        appeals = self.tab.services.appeals

        def save(filed_on: date, grounds: str, late_reason: str | None) -> None:
            appeals.file(round_.id, filed_on, grounds, round_.row_version, late_reason)

        dialog = AppealDialog(self.tab, round_.appeal_deadline, self._service.today(), save)
        if dialog.exec() == AppealDialog.DialogCode.Accepted:
            self._changed_status()

    def set_hearing(self) -> None:
        round_ = self.tab.current_round()
        appeal = round_.pending_appeal if round_ else None
        if appeal is None:
            return
        appeals = self.tab.services.appeals

        def save(on: date | None) -> None:
            appeals.set_hearing(appeal.id, on, appeal.row_version)

        dialog = HearingDialog(self.tab, appeal.hearing_on, save)
        if dialog.exec() == HearingDialog.DialogCode.Accepted:
            self.tab.reload()

    def decide_appeal(self) -> None:
        round_ = self.tab.current_round()
        appeal = round_.pending_appeal if round_ else None
        if round_ is None or appeal is None or round_.result is None:
            return
        appeals = self.tab.services.appeals

        def save(outcome: AppealOutcome, on: date, motivation: str) -> None:
            appeals.decide(appeal.id, outcome, on, motivation, appeal.row_version)

        dialog = OutcomeDialog(self.tab, round_.result, self._service.today(), save)
        if dialog.exec() == OutcomeDialog.DialogCode.Accepted:
            self._changed_status()
