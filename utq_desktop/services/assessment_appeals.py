"""Objection / appeal against an assessment result (4TU regulation: arbitration and appeal).

A case is filed against the latest decided round of a candidate, within the appeal period
(``appeal_weeks`` after the result, an institution setting) or accepted late with a reason.
It may get a hearing date, and ends upheld (the result stands), granted (the result changes,
with a motivation) or withdrawn. A granted appeal is the only way a decided result changes:
to sufficient, the candidate becomes qualified; away from sufficient, the candidate goes back
to the portfolio (a certificate issued on it is the certificate code's to revoke: it asks
services.assessment_rules).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.assessment import (
    AppealOutcome,
    AssessmentState,
    Verdict,
    appeal_deadline,
    check_appeal_filing,
    check_appeal_outcome,
    check_assessment_transition,
)
from utq_desktop.domain.assessment_models import Assessment, AssessmentAppeal
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.errors import (
    IllegalTransitionError,
    NotFoundError,
    StaleEditError,
    ValidationError,
)
from utq_desktop.services.assessment_read import APPEAL, ROUND, appeal_weeks, feedback_text
from utq_desktop.services.assessment_write import (
    ReturnDossier,
    check_day,
    move_candidate,
    return_dossier,
    returnable,
)
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.locking import AuditedService
from utq_desktop.services.records import candidate_of

MAX_TEXT = 20_000


class AppealService(AuditedService):
    def __init__(
        self,
        context: Context,
        today: Callable[[], date] = date.today,
        return_dossier: ReturnDossier | None = None,
    ) -> None:
        self._context = context
        self._today = today
        self._return_dossier = return_dossier

    def file(
        self,
        assessment_id: int,
        filed_on: date,
        grounds: str,
        expected_version: int,
        late_reason: str | None = None,
    ) -> int:
        """File an appeal against a round's result; returns the case's id. After the
        deadline it is refused unless ``late_reason`` says why it is accepted late."""
        grounds = _text(grounds, "grounds", "Give the grounds of the appeal.")
        check_day(filed_on, self._today(), "filing date", "filed_on")
        try:
            with self._context.transaction() as session:
                row = _round(session, assessment_id)
                if row.row_version != expected_version:
                    raise _stale()
                check_assessment_transition(row.state, AssessmentState.APPEAL)
                newer = session.scalar(
                    select(Assessment.round).where(
                        Assessment.candidate_id == row.candidate_id,
                        Assessment.round > row.round,
                        Assessment.state != AssessmentState.CANCELLED,
                    )
                )
                if newer is not None:
                    raise IllegalTransitionError(
                        f"Round {newer} has started since; an appeal is filed against the "
                        "latest result only."
                    )
                assert row.result_on is not None  # decided
                if filed_on < row.result_on:
                    raise ValidationError(
                        "An appeal cannot be filed before the result it is against.", "filed_on"
                    )
                deadline = appeal_deadline(row.result_on, appeal_weeks(session))
                check_appeal_filing(filed_on, deadline, late_reason)
                late = filed_on > deadline
                appeal = AssessmentAppeal(
                    assessment_id=row.id,
                    filed_on=filed_on,
                    grounds=grounds,
                    deadline=deadline,
                    late_accepted=late,
                    late_reason=(late_reason or "").strip() if late else "",
                    outcome=AppealOutcome.PENDING,
                    outcome_motivation="",
                    created_at=utc_now(),
                )
                session.add(appeal)
                row.state = AssessmentState.APPEAL
                session.flush()
                changes: list[Change] = [
                    ("filed_on", None, filed_on),
                    ("grounds", None, grounds),
                    ("deadline", None, deadline),
                ]
                if late:
                    changes.append(("accepted late", None, appeal.late_reason))
                self._audit(session, APPEAL, appeal.id, row.candidate_id, "create", changes)
                self._audit(
                    session,
                    ROUND,
                    row.id,
                    row.candidate_id,
                    "update",
                    [("state", AssessmentState.DECIDED, AssessmentState.APPEAL)],
                )
                return appeal.id
        except StaleDataError as error:
            raise _stale() from error

    def set_hearing(self, appeal_id: int, hearing_on: date | None, expected_version: int) -> int:
        """Plan (or take back) the hearing of a pending appeal; returns its new version.
        A hearing may be planned ahead, but not before the appeal was filed."""
        with self._appeal(appeal_id, expected_version) as (session, appeal, row):
            if appeal.outcome is not AppealOutcome.PENDING:
                raise IllegalTransitionError("This appeal is decided; its hearing is history.")
            if hearing_on is not None and hearing_on < appeal.filed_on:
                raise ValidationError(
                    "The hearing cannot be before the appeal was filed.", "hearing_on"
                )
            if hearing_on == appeal.hearing_on:
                return appeal.row_version
            old = appeal.hearing_on
            appeal.hearing_on = hearing_on
            session.flush()
            self._audit(
                session,
                APPEAL,
                appeal.id,
                row.candidate_id,
                "update",
                [("hearing_on", old, hearing_on)],
            )
            return appeal.row_version

    def decide(
        self,
        appeal_id: int,
        outcome: AppealOutcome,
        decided_on: date,
        motivation: str,
        expected_version: int,
    ) -> Verdict:
        """Record how the appeal ended; returns the round's result after it. Granted changes
        the result (and moves the candidate: qualified, or back to the portfolio)."""
        outcome = AppealOutcome(outcome)
        motivation = motivation.strip()
        if len(motivation) > MAX_TEXT:
            raise ValidationError(f"At most {MAX_TEXT:,} characters.", "motivation")
        check_day(decided_on, self._today(), "date of the outcome", "decided_on")
        with self._appeal(appeal_id, expected_version) as (session, appeal, row):
            if appeal.outcome is not AppealOutcome.PENDING:
                raise IllegalTransitionError(
                    f"This appeal ended already ({appeal.outcome.label.lower()})."
                )
            if decided_on < appeal.filed_on:
                raise ValidationError(
                    "The outcome cannot be dated before the appeal was filed.", "decided_on"
                )
            assert row.result is not None
            decision = check_appeal_outcome(outcome, row.result, None, motivation)
            check_assessment_transition(row.state, AssessmentState.DECIDED)
            appeal.outcome = outcome
            appeal.outcome_on = decided_on
            appeal.outcome_motivation = motivation
            row.state = AssessmentState.DECIDED
            changes: list[Change] = [("outcome", AppealOutcome.PENDING, outcome)]
            round_changes: list[Change] = [
                ("state", AssessmentState.APPEAL, AssessmentState.DECIDED)
            ]
            if decision.new_result is not None:
                before = row.result
                appeal.result_before, appeal.result_after = before, decision.new_result
                round_changes += [
                    ("result", before, decision.new_result),
                    ("result_on", row.result_on, decided_on),
                ]
                row.result, row.result_on = decision.new_result, decided_on
            session.flush()
            if motivation:
                changes.append(("motivation", None, motivation))
            self._audit(session, APPEAL, appeal.id, row.candidate_id, "decide", changes)
            self._audit(session, ROUND, row.id, row.candidate_id, "update", round_changes)
            if decision.new_result is not None:
                candidate = candidate_of(session, row.candidate_id)
                if decision.new_result is Verdict.SUFFICIENT:
                    target = TrajectoryStatus.QUALIFIED
                else:
                    target = TrajectoryStatus.PORTFOLIO
                    if returnable(session, row.candidate_id, row.snapshot_id):
                        return_dossier(
                            self._return_dossier,
                            session,
                            row.candidate_id,
                            row.snapshot_id,
                            feedback_text(session, row),
                        )
                if candidate.status is TrajectoryStatus.ASSESSMENT:
                    move_candidate(session, self._context.actor, candidate, target)
                else:
                    move_candidate(session, self._context.actor, candidate, target, by_appeal=True)
            result = row.result
        return result

    @contextmanager
    def _appeal(
        self, appeal_id: int, expected_version: int
    ) -> Iterator[tuple[Session, AssessmentAppeal, Assessment]]:
        try:
            with self._context.transaction() as session:
                appeal = session.get(AssessmentAppeal, appeal_id)
                if appeal is None:
                    raise NotFoundError(f"Appeal {appeal_id} does not exist (any more).")
                if appeal.row_version != expected_version:
                    raise _stale()
                yield session, appeal, _round(session, appeal.assessment_id)
        except StaleDataError as error:
            raise _stale() from error


def _round(session: Session, assessment_id: int) -> Assessment:
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise NotFoundError(f"Assessment {assessment_id} does not exist (any more).")
    return row


def _text(text: str, field: str, missing: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(missing, field)
    if len(text) > MAX_TEXT:
        raise ValidationError(f"At most {MAX_TEXT:,} characters.", field)
    return text


def _stale() -> StaleEditError:
    return StaleEditError(
        "This appeal or its assessment was changed by someone else after you opened it. "
        "Reload and try again."
    )
