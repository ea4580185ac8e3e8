"""The assessment's writing helpers: saving a judgement or chair decision (with the audit
that keeps a sealed verdict out of the trail), moving the candidate through the workflow,
and the checks on days and motivations the services share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.assessment import AssessmentState, Verdict
from utq_desktop.domain.assessment_models import Assessment, AssessmentJudgement
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.models import AppUser, Candidate, Competence
from utq_desktop.domain.portfolio import DossierState
from utq_desktop.domain.portfolio_models import (
    PortfolioDossier,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
)
from utq_desktop.domain.workflow import check_transition
from utq_desktop.errors import IllegalTransitionError, StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.assessment_read import JUDGEMENT
from utq_desktop.services.audit import Change

MAX_MOTIVATION = 5_000  # a few paragraphs per competence
EARLIEST = date(1970, 1, 1)


def save_judgement(
    session: Session,
    actor: str,
    row: Assessment,
    existing: AssessmentJudgement | None,
    competence_id: int,
    user_id: int,
    verdict: Verdict,
    motivation: str,
    on: date,
    expected_version: int,
    what: str,
) -> int:
    if on < row.started_on:
        raise ValidationError(
            f"The {what} cannot be dated before the assessment started.", "judged_on"
        )
    found = existing.row_version if existing else 0
    if found != expected_version:
        raise StaleEditError(
            f"This {what} was entered or changed by someone else after you opened it. "
            "Reload and enter it again."
        )
    code = session.get(Competence, competence_id)
    user = session.get(AppUser, user_id)
    field = f"{what} {code.code if code else competence_id} by {user.name if user else user_id}"
    sealed = what == "judgement"  # an assessor's verdict stays out of the audit trail
    if existing is None:
        judgement = AssessmentJudgement(
            assessment_id=row.id,
            competence_id=competence_id,
            user_id=user_id,
            verdict=verdict,
            motivation=motivation,
            judged_on=on,
            entered_by=actor,
        )
        session.add(judgement)
        changes: list[Change] = [(field, None, "entered" if sealed else verdict)]
        action = "create"
    else:
        judgement = existing
        old = (existing.verdict, existing.motivation, existing.judged_on)
        if old == (verdict, motivation, on):
            return existing.row_version
        changes = [(field, "entered" if sealed else old[0], "changed" if sealed else verdict)]
        judgement.verdict, judgement.motivation, judgement.judged_on = verdict, motivation, on
        judgement.entered_by = actor
        action = "update"
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleEditError(
            f"This {what} was changed by someone else meanwhile. Reload and enter it again."
        ) from error
    audit.record(
        session,
        actor,
        entity=JUDGEMENT,
        entity_id=judgement.id,
        candidate_id=row.candidate_id,
        action=action,
        changes=changes,
    )
    return judgement.row_version


def move_candidate(
    session: Session,
    actor: str,
    candidate: Candidate,
    status: TrajectoryStatus,
    *,
    by_appeal: bool = False,
) -> None:
    """Move the candidate through domain.workflow, audited with the candidate."""
    old = candidate.status
    if old is status:
        return
    check_transition(old, status, by_appeal=by_appeal)
    candidate.status = status
    session.flush()
    audit.record(
        session,
        actor,
        entity="candidate",
        entity_id=candidate.id,
        candidate_id=candidate.id,
        action="update",
        changes=[("status", old, status)],
    )


def check_day(day: date, today: date, what: str, field: str) -> None:
    """A day on which something happened: not before 1970 and not still to come."""
    if day > today:
        raise ValidationError(
            f"The {what} ({day.day}-{day.month}-{day.year}) is still to come.", field
        )
    if day < EARLIEST:
        raise ValidationError(
            f"The {what} ({day.day}-{day.month}-{day.year}) is before 1970; check the year.",
            field,
        )


def clean_motivation(text: str, missing: str = "Give the motivation of the judgement.") -> str:
    text = text.strip()
    if not text:
        raise ValidationError(missing, "motivation")
    if len(text) > MAX_MOTIVATION:
        raise ValidationError(
            f"A motivation is at most {MAX_MOTIVATION:,} characters.", "motivation"
        )
    return text


def check_no_open_round(session: Session, candidate_id: int) -> None:
    """Refuse a new round while one is being judged or its result is under appeal."""
    open_state = session.scalar(
        select(Assessment.state).where(
            Assessment.candidate_id == candidate_id,
            Assessment.state.in_((AssessmentState.JUDGING, AssessmentState.APPEAL)),
        )
    )
    if open_state is AssessmentState.JUDGING:
        raise IllegalTransitionError(
            "This candidate is being assessed already; finish or cancel that round first."
        )
    if open_state is AssessmentState.APPEAL:
        raise IllegalTransitionError(
            "An appeal against this candidate's last result is pending; record its "
            "outcome before a new round starts."
        )


def user_names(session: Session, user_ids: list[int]) -> dict[int, str]:
    """The chosen users by id; refuses one that does not exist (any more)."""
    rows: dict[int, str] = {
        uid: name
        for uid, name in session.execute(
            select(AppUser.id, AppUser.name).where(AppUser.id.in_(user_ids))
        )
    }
    missing = [u for u in user_ids if u not in rows]
    if missing:
        raise ValidationError("A chosen assessor or chair is not a user (any more).")
    return rows


# The portfolio's return for revision, run inside the caller's transaction.
ReturnDossier = Callable[[Session, int, int, str], object]


def returnable(session: Session, candidate_id: int, snapshot_id: int) -> bool:
    """Whether the portfolio can send ``snapshot_id`` back for revision: the latest snapshot
    of the candidate's submitted dossier, not returned yet (its return_for_revision rule)."""
    row = session.execute(
        select(PortfolioDossier.state, func.max(PortfolioSnapshot.id))
        .join(PortfolioSnapshot, PortfolioSnapshot.dossier_id == PortfolioDossier.id)
        .where(PortfolioDossier.candidate_id == candidate_id)
        .group_by(PortfolioDossier.state)
    ).first()
    if row is None or row[0] is not DossierState.SUBMITTED or row[1] != snapshot_id:
        return False
    done = session.scalar(
        select(PortfolioSnapshotReturn.id).where(PortfolioSnapshotReturn.snapshot_id == snapshot_id)
    )
    return done is None


def return_dossier(
    call: ReturnDossier | None,
    session: Session,
    candidate_id: int,
    snapshot_id: int,
    feedback: str,
) -> None:
    """Send the dossier back through the portfolio in the result's own transaction, so the
    insufficient result and the return are saved together or not at all."""
    if call is not None:
        call(session, candidate_id, snapshot_id, feedback)
