"""Assessment of a submitted dossier snapshot: the coordinator appoints a panel (two or more
assessors and a chair), each assessor judges each competence blind, the chair decides where
they disagree, the coordinator records the result; an appeal may change it afterwards.

One transaction per change, audited in it with the candidate's id. A judgement is entered by
the current user or, usually, by the coordinator on an assessor's behalf: the row keeps who
typed it (``entered_by``) and the audit names both. The audit trail never shows a sealed
verdict (the Overview timeline would otherwise break the blindness); the verdicts are in
the round once all are in. Appeals live in services/assessment_appeals.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select

from utq_desktop.domain.assessment import (
    AssessmentState,
    MemberRole,
    Phase,
    Verdict,
    check_assessment_transition,
    check_panel,
    phase_of,
)
from utq_desktop.domain.assessment_models import (
    Assessment,
    AssessmentMember,
)
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.models import AppUser
from utq_desktop.domain.portfolio_models import PortfolioDossier
from utq_desktop.errors import (
    IllegalTransitionError,
    ValidationError,
)
from utq_desktop.services.assessment_dto import AssessmentRegisterRow, CandidateAssessment
from utq_desktop.services.assessment_judging import Judging
from utq_desktop.services.assessment_read import (
    ROUND,
    appeal_weeks,
    build_round,
    candidate_name,
    feedback_text,
    live_snapshot_ids,
    round_facts,
    snapshot_refs,
    waiting_refs,
)
from utq_desktop.services.assessment_register import register_rows
from utq_desktop.services.assessment_write import (
    check_no_open_round,
    clean_motivation,
    return_dossier,
    returnable,
    user_names,
)
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.records import candidate_of


class AssessmentService(Judging):
    """Rounds, judgements and results; appeals are services.assessment_appeals."""

    # --- reading -------------------------------------------------------------------------

    def candidate(self, candidate_id: int, viewer_id: int | None = None) -> CandidateAssessment:
        """The candidate's rounds (newest first) as ``viewer_id`` may see them: their own
        judgements always, the others' once every assessor has judged every competence.
        None is someone not on the panel (the coordinator): only the counts until then."""
        with self._context.read() as session:
            candidate = candidate_of(session, candidate_id)
            refs = snapshot_refs(session, candidate_id)
            numbers = {r.id: r.number for r in refs}
            weeks = appeal_weeks(session)
            rows = session.scalars(
                select(Assessment)
                .where(Assessment.candidate_id == candidate_id)
                .order_by(Assessment.round.desc())
            )
            rounds = tuple(build_round(session, r, viewer_id, weeks, numbers) for r in rows)
            return CandidateAssessment(
                candidate_id,
                candidate_name(candidate),
                candidate.status,
                rounds,
                tuple(refs),
                waiting_refs(refs, live_snapshot_ids(session, candidate_id)),
                weeks,
            )

    def register(self) -> list[AssessmentRegisterRow]:
        """Every dossier waiting for assessment, in assessment or decided (one row per
        candidate: the current submission or latest round), sorted by name."""
        with self._context.read() as session:
            return register_rows(session)

    def today(self) -> date:
        """The day the service works on (dialogs offer it as the default date)."""
        return self._today()

    def user_id_of(self, login: str) -> int | None:
        """The application user with this login (the viewer the current user is), if any."""
        with self._context.read() as session:
            return session.scalar(select(AppUser.id).where(AppUser.login == login))

    # --- starting ------------------------------------------------------------------------

    def start(
        self,
        candidate_id: int,
        snapshot_id: int,
        assessor_ids: Iterable[int],
        chair_id: int | None,
        started_on: date | None = None,
    ) -> int:
        """Start a round on a submitted snapshot with its panel; returns the round's id."""
        assessors = check_panel(assessor_ids, chair_id)
        assert chair_id is not None  # check_panel refuses a missing chair
        started_on = started_on or self._today()
        self._check_day(started_on, "start date", "started_on")
        with self._context.transaction() as session:
            candidate = candidate_of(session, candidate_id)
            refs = {r.id: r for r in snapshot_refs(session, candidate_id)}
            ref = refs.get(snapshot_id)
            if ref is None:
                raise ValidationError(
                    "Choose one of this candidate's submitted dossiers.", "snapshot"
                )
            if ref.returned:
                raise IllegalTransitionError(
                    f"Submission {ref.number} was returned for revision; assess the next "
                    "submission instead."
                )
            if snapshot_id in live_snapshot_ids(session, candidate_id):
                raise IllegalTransitionError(
                    f"Submission {ref.number} is being assessed or was assessed already."
                )
            check_no_open_round(session, candidate_id)
            names = user_names(session, [*assessors, chair_id])
            if candidate.status is TrajectoryStatus.PORTFOLIO:
                self._move_candidate(session, candidate, TrajectoryStatus.ASSESSMENT)
            elif candidate.status is not TrajectoryStatus.ASSESSMENT:
                raise IllegalTransitionError(
                    f"{candidate_name(candidate)} is '{candidate.status.label}'; only a "
                    "candidate whose dossier was submitted can be assessed."
                )
            number = (
                session.scalar(
                    select(func.max(Assessment.round)).where(
                        Assessment.candidate_id == candidate_id
                    )
                )
                or 0
            ) + 1
            framework_id = session.scalar(
                select(PortfolioDossier.framework_id).where(
                    PortfolioDossier.candidate_id == candidate_id
                )
            )
            row = Assessment(
                candidate_id=candidate_id,
                snapshot_id=snapshot_id,
                round=number,
                framework_id=framework_id or candidate.framework_id,
                state=AssessmentState.JUDGING,
                started_on=started_on,
                result_motivation="",
                decided_by="",
                created_at=utc_now(),
            )
            session.add(row)
            session.flush()
            members = [(a, MemberRole.ASSESSOR) for a in assessors] + [(chair_id, MemberRole.CHAIR)]
            for position, (user_id, role) in enumerate(members):
                session.add(
                    AssessmentMember(
                        assessment_id=row.id, user_id=user_id, role=role, position=position
                    )
                )
            changes: list[Change] = [
                ("round", None, number),
                ("submission", None, ref.number),
                ("started_on", None, started_on),
                ("assessors", None, ", ".join(names[a] for a in assessors)),
                ("chair", None, names[chair_id]),
            ]
            self._audit(session, ROUND, row.id, candidate_id, "create", changes)
            return row.id

    def cancel(self, assessment_id: int, reason: str, expected_version: int) -> int:
        """Cancel a round that has no result (started on the wrong submission, the wrong
        panel); its submission waits for assessment again. Returns the new version."""
        reason = reason.strip()
        if not reason:
            raise ValidationError("Say why the assessment is cancelled.", "reason")
        with self._round(assessment_id, expected_version) as (session, row):
            check_assessment_transition(row.state, AssessmentState.CANCELLED)
            row.state = AssessmentState.CANCELLED
            session.flush()
            self._audit(
                session,
                ROUND,
                row.id,
                row.candidate_id,
                "cancel",
                [
                    ("state", AssessmentState.JUDGING, AssessmentState.CANCELLED),
                    ("reason", None, reason),
                ],
            )
            return row.row_version

    # --- the result ----------------------------------------------------------------------

    def record_result(
        self, assessment_id: int, decided_on: date, motivation: str, expected_version: int
    ) -> Verdict:
        """Record the round's result — sufficient only when every competence is (after the
        chair's decisions) — with its date and motivation. Sufficient: the candidate is
        qualified. Insufficient: the candidate goes back to the portfolio and the dossier is
        returned with the judgements' motivations as feedback. Returns the result."""
        motivation = clean_motivation(motivation, "Give the motivation of the result.")
        self._check_day(decided_on, "date of the result", "decided_on")
        with self._round(assessment_id, expected_version) as (session, row):
            check_assessment_transition(row.state, AssessmentState.DECIDED)
            facts = round_facts(session, row)
            phase = phase_of(row.state, facts.complete, facts.open_disagreements())
            if phase is Phase.JUDGING:
                raise IllegalTransitionError(
                    f"Judgements are missing ({facts.judgements_in} of {facts.needed} in); "
                    "the result is recorded once every competence is judged."
                )
            if phase is Phase.CHAIR:
                raise IllegalTransitionError(
                    f"The chair has yet to decide {facts.open_disagreements()} competence(s) "
                    "the assessors disagree on."
                )
            if decided_on < row.started_on:
                raise ValidationError(
                    "The result cannot be dated before the assessment started.", "decided_on"
                )
            result = facts.proposed()
            assert result is not None  # phase READY: every competence has a final verdict
            row.state = AssessmentState.DECIDED
            row.result = result
            row.result_on = decided_on
            row.result_motivation = motivation
            row.decided_by = self._context.actor
            session.flush()
            self._audit(
                session,
                ROUND,
                row.id,
                row.candidate_id,
                "decide",
                [
                    ("result", None, result),
                    ("result_on", None, decided_on),
                    ("motivation", None, motivation),
                ],
            )
            candidate = candidate_of(session, row.candidate_id)
            if result is Verdict.SUFFICIENT:
                self._move_candidate(session, candidate, TrajectoryStatus.QUALIFIED)
            else:
                if not returnable(session, row.candidate_id, row.snapshot_id):
                    raise IllegalTransitionError(
                        "The assessed submission is no longer the dossier's open submission, "
                        "so it cannot be sent back for revision; reload the candidate."
                    )
                self._move_candidate(session, candidate, TrajectoryStatus.PORTFOLIO)
                return_dossier(
                    self._return_dossier,
                    session,
                    row.candidate_id,
                    row.snapshot_id,
                    feedback_text(session, row),
                )
        return result

    # --- helpers -------------------------------------------------------------------------
