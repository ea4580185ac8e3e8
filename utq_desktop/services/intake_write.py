"""How every intake change is written: one transaction, the version checked, audited, and
the candidate's trajectory following the intake's state (used by services.intake)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.intake import IntakeState, status_steps
from utq_desktop.domain.intake_models import Intake, TeachingExperience
from utq_desktop.domain.models import AppUser, AuditEntry, Candidate
from utq_desktop.domain.workflow import check_transition
from utq_desktop.errors import StaleEditError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.intake_read import EXPERIENCE, INTAKE, SELF_DIAGNOSIS, state_in
from utq_desktop.services.locking import AuditedService
from utq_desktop.services.records import candidate_of

# (session, candidate, intake) -> the intake's own audited changes; other entities' rows
# (teaching experience, self-ratings) are written and audited by the function itself
Apply = Callable[[Session, Candidate, Intake], list[Change]]


class _Unchanged(Exception):
    """Nothing to save: roll back (a new, still empty intake is not kept)."""

    def __init__(self, version: int) -> None:
        super().__init__()
        self.version = version


class IntakeWriter(AuditedService):
    def __init__(self, context: Context) -> None:
        self._context = context

    def write(
        self,
        candidate_id: int,
        apply: Apply,
        *,
        expected_version: int | None,
        others_changed: Callable[[], bool] = lambda: False,
        stale: Callable[[], StaleEditError] | None = None,
    ) -> int:
        """Run ``apply`` on the candidate's intake (created when there is none) in one
        transaction: check the version, audit, let the trajectory follow the new state.
        Returns the intake's version afterwards (0 when there is still no intake).

        ``apply`` returns the changes of the intake's own fields (audited here); rows of
        its own (CV lines, self-ratings) it writes and audits itself, and ``others_changed``
        then says whether it did. ``expected_version`` None skips the intake's version
        check (CV lines have their own versions); otherwise any change moves it on.
        """
        stale = stale or (lambda: self.stale_intake(candidate_id))
        stage = INTAKE
        try:
            with self._context.transaction() as session:
                candidate = get_candidate(session, candidate_id)
                intake = session.scalar(select(Intake).where(Intake.candidate_id == candidate_id))
                new = intake is None
                if intake is None:
                    if expected_version:
                        raise stale()
                    intake = new_intake(candidate)
                    session.add(intake)
                    try:
                        session.flush()
                    except IntegrityError:  # someone else started this intake just now
                        raise self.stale_intake(candidate_id) from None
                    before = IntakeState.NOT_STARTED
                else:
                    if expected_version is not None and intake.row_version != expected_version:
                        raise stale()
                    before = state_in(session, intake.id)
                changes = apply(session, candidate, intake)
                if not changes and not others_changed():
                    raise _Unchanged(0 if new else intake.row_version)
                if new:
                    self.audit(session, INTAKE, intake.id, candidate_id, "create", [])
                elif expected_version is not None:
                    intake.updated_at = utc_now()  # moves row_version on, also for ratings
                session.flush()
                if changes:
                    self.audit(session, INTAKE, intake.id, candidate_id, "update", changes)
                after = state_in(session, intake.id)
                stage = "candidate"
                self._follow(session, candidate, intake, before, after, changes)
                return intake.row_version
        except _Unchanged as unchanged:
            return unchanged.version
        except StaleDataError as error:
            if stage == "candidate":
                raise self.stale("candidate", candidate_id, "candidate") from error
            raise stale() from error

    def _follow(
        self,
        session: Session,
        candidate: Candidate,
        intake: Intake,
        before: IntakeState,
        after: IntakeState,
        changes: list[Change],
    ) -> None:
        """Move the candidate's status along with the intake; on completion (or a new
        supervisor on a completed intake) make the assigned supervisor theirs."""
        candidate_changes: list[Change] = []
        for step in status_steps(candidate.status, before, after):
            check_transition(candidate.status, step)
            candidate_changes.append(("status", candidate.status, step))
            candidate.status = step
        new_supervisor = any(field == "supervisor" for field, _old, _new in changes)
        if (
            after is IntakeState.COMPLETED
            and (before is not IntakeState.COMPLETED or new_supervisor)
            and candidate.supervisor_id != intake.supervisor_id
        ):
            candidate_changes.append(
                (
                    "supervisor",
                    user_name(session, candidate.supervisor_id),
                    user_name(session, intake.supervisor_id),
                )
            )
            candidate.supervisor_id = intake.supervisor_id
        if candidate_changes:
            session.flush()
            self.audit(
                session, "candidate", candidate.id, candidate.id, "update", candidate_changes
            )

    audit = AuditedService._audit  # the intake service writes its audit rows through this

    # --- helpers -------------------------------------------------------------------------

    def experience(
        self, session: Session, experience_id: int, expected_version: int
    ) -> TeachingExperience:
        row = session.get(TeachingExperience, experience_id)
        if row is None:
            raise self.stale(EXPERIENCE, experience_id, "line of the CV", removed=True)
        if row.row_version != expected_version:
            raise self.stale(EXPERIENCE, experience_id, "line of the CV")
        return row

    def candidate_of_experience(self, experience_id: int) -> int:
        query = (
            select(Intake.candidate_id)
            .join(TeachingExperience, TeachingExperience.intake_id == Intake.id)
            .where(TeachingExperience.id == experience_id)
        )
        with self._context.read() as session:
            candidate_id = session.scalar(query)
        if candidate_id is None:
            raise self.stale(EXPERIENCE, experience_id, "line of the CV", removed=True)
        return candidate_id

    def stale_intake(self, candidate_id: int) -> StaleEditError:
        query = (
            select(AuditEntry.actor, AuditEntry.at, AuditEntry.field)
            .where(
                AuditEntry.candidate_id == candidate_id,
                AuditEntry.entity.in_((INTAKE, SELF_DIAGNOSIS)),
            )
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
        with self._context.read() as session:
            last = session.execute(query).first()
        return stale_error(last, "intake")

    def stale(
        self, entity: str, entity_id: int, noun: str, removed: bool = False
    ) -> StaleEditError:
        last = audit.AuditService(self._context).last_change(entity, entity_id)
        found = (last.actor, last.at, last.field) if last else None
        return stale_error(found, noun, removed)


def stale_error(
    last: tuple[str, object, str | None] | None, noun: str, removed: bool = False
) -> StaleEditError:
    if last is None:
        return StaleEditError(f"This {noun} was changed by someone else. Reload it.")
    actor, at, field = last
    what = "removed" if removed else "changed"
    detail = f" ({field})" if field and not removed else ""
    return StaleEditError(
        f"{actor} {what} this {noun}{detail} at {at:%d-%m-%Y %H:%M} UTC, after you opened "
        "it. Your edit was not saved: reload and make it again."
    )


get_candidate = candidate_of


def new_intake(candidate: Candidate) -> Intake:
    now = utc_now()
    return Intake(
        candidate_id=candidate.id,
        framework_id=candidate.framework_id,
        cv_document_name="",
        tasks_supervisor="",
        tasks_agreed="",
        cv_sent=False,
        self_diagnosis_sent=False,
        tasks_sent=False,
        meeting_with="",
        meeting_held=False,
        agreements="",
        consider_exemption=False,
        consider_partial_certificate=False,
        created_at=now,
        updated_at=now,
    )


def setter(values: dict[str, object]) -> Apply:
    """An Apply that sets the intake's fields to ``values`` and lists what changed."""

    def apply(_session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
        changes: list[Change] = []
        for name, value in values.items():
            old = getattr(intake, name)
            if old != value:
                changes.append((name, old, value))
                setattr(intake, name, value)
        return changes

    return apply


def user_name(session: Session, user_id: int | None) -> str | None:
    user = session.get(AppUser, user_id) if user_id is not None else None
    return user.name if user else None
