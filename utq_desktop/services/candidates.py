"""Create, edit, archive and list candidates; every change audited in its transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.deadlines import deadline, due_state
from utq_desktop.domain.enums import Language, TrajectoryStatus
from utq_desktop.domain.intake import IntakeState, intake_state_of_bits
from utq_desktop.domain.intake_models import Intake
from utq_desktop.domain.models import AppUser, Candidate, Framework, InstitutionSettings
from utq_desktop.domain.names import fold, full_name, sort_name
from utq_desktop.domain.workflow import check_transition
from utq_desktop.errors import NotFoundError, StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.audit import utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.dto import CandidateDetail, CandidateInput, RegisterRow
from utq_desktop.services.intake_read import facts_bits
from utq_desktop.services.portfolio_read import open_feedback_per_candidate
from utq_desktop.services.validation import clean_candidate

ENTITY = "candidate"
EDITABLE_FIELDS = tuple(f.name for f in fields(CandidateInput))


class CandidateService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today

    # --- reading -------------------------------------------------------------------------

    def register(self, include_archived: bool = True) -> list[RegisterRow]:
        """Every candidate as a register row, sorted by surname."""
        query = _register_query().order_by(Candidate.surname, Candidate.first_name, Candidate.id)
        if not include_archived:
            query = query.where(Candidate.archived_at.is_(None))
        return self._register_rows(query)

    def register_row(self, candidate_id: int) -> RegisterRow:
        rows = self._register_rows(_register_query().where(Candidate.id == candidate_id))
        if not rows:
            raise NotFoundError(f"Candidate {candidate_id} does not exist.")
        return rows[0]

    def _register_rows(self, query: Select[Any]) -> list[RegisterRow]:
        today = self._today()
        with self._context.read() as session:
            years = _deadline_years(session)
            return [_register_row(row, years, today) for row in session.execute(query)]

    def detail(self, candidate_id: int) -> CandidateDetail:
        with self._context.read() as session:
            candidate = session.get(Candidate, candidate_id)
            if candidate is None:
                raise NotFoundError(f"Candidate {candidate_id} does not exist.")
            years = _deadline_years(session)
            due = deadline(candidate.employment_start, years, candidate.extension_months)
            framework = (
                f"{candidate.framework.name_en} (version {candidate.framework.version})"
                if candidate.framework
                else ""
            )
            return CandidateDetail(
                id=candidate.id,
                row_version=candidate.row_version,
                data=_input_of(candidate),
                full_name=full_name(
                    candidate.first_name, candidate.prefix, candidate.surname, candidate.initials
                ),
                supervisor=candidate.supervisor.name if candidate.supervisor else "",
                framework=framework,
                deadline=due,
                due_state=due_state(candidate.status, due, self._today()),
                created_at=candidate.created_at,
                archived_at=candidate.archived_at,
            )

    def faculties(self) -> list[str]:
        query = select(Candidate.faculty).where(Candidate.faculty != "").distinct()
        with self._context.read() as session:
            return sorted(session.scalars(query), key=fold)

    def count(self) -> int:
        with self._context.read() as session:
            return session.scalar(select(func.count(Candidate.id))) or 0

    # --- changing ------------------------------------------------------------------------

    def create(self, data: CandidateInput) -> int:
        data = clean_candidate(data, self._today())
        with self._context.transaction() as session:
            _check_unique_staff_number(session, data.staff_number, None)
            _check_supervisor(session, data.supervisor_id)
            framework_id = default_framework_id(session)
            candidate = Candidate(**asdict(data), framework_id=framework_id, created_at=utc_now())
            session.add(candidate)
            session.flush()
            audit.record(
                session,
                self._context.actor,
                entity=ENTITY,
                entity_id=candidate.id,
                candidate_id=candidate.id,
                action="create",
                changes=_readable(
                    session,
                    [(k, None, v) for k, v in asdict(data).items() if _filled(k, v)],
                ),
            )
            return candidate.id

    def update(self, candidate_id: int, data: CandidateInput, expected_version: int) -> int:
        """Save an edit made on the version ``expected_version``; refuse if someone else
        saved in between (StaleEditError says who and what). Returns the new version."""
        data = clean_candidate(data, self._today())
        try:
            with self._context.transaction() as session:
                candidate = _get(session, candidate_id)
                if candidate.row_version != expected_version:
                    raise self._stale(candidate_id)
                _check_unique_staff_number(session, data.staff_number, candidate_id)
                _check_supervisor(session, data.supervisor_id)
                check_transition(candidate.status, data.status)
                changes = []
                for name in EDITABLE_FIELDS:
                    old, new = getattr(candidate, name), getattr(data, name)
                    if old != new:
                        changes.append((name, old, new))
                        setattr(candidate, name, new)
                if not changes:
                    return candidate.row_version
                session.flush()
                audit.record(
                    session,
                    self._context.actor,
                    entity=ENTITY,
                    entity_id=candidate_id,
                    candidate_id=candidate_id,
                    action="update",
                    changes=_readable(session, changes),
                )
                return candidate.row_version
        except StaleDataError as error:
            raise self._stale(candidate_id) from error

    def archive(self, candidate_id: int) -> None:
        self._set_archived(candidate_id, archived=True)

    def restore(self, candidate_id: int) -> None:
        self._set_archived(candidate_id, archived=False)

    def _set_archived(self, candidate_id: int, archived: bool) -> None:
        with self._context.transaction() as session:
            candidate = _get(session, candidate_id)
            if (candidate.archived_at is not None) == archived:
                return
            old = candidate.archived_at
            candidate.archived_at = utc_now() if archived else None
            audit.record(
                session,
                self._context.actor,
                entity=ENTITY,
                entity_id=candidate_id,
                candidate_id=candidate_id,
                action="archive" if archived else "restore",
                changes=[("archived_at", old, candidate.archived_at)],
            )

    def _stale(self, candidate_id: int) -> StaleEditError:
        last = audit.AuditService(self._context).last_change(ENTITY, candidate_id)
        if last is None:
            return StaleEditError("This candidate was changed by someone else. Reload it.")
        what = f" ({last.field})" if last.field else ""
        return StaleEditError(
            f"{last.actor} changed this candidate{what} at {last.at:%d-%m-%Y %H:%M} UTC, "
            "after you opened it. Your edit was not saved: reload and make it again."
        )


def _register_query() -> Select[Any]:
    open_feedback = open_feedback_per_candidate()
    return (
        select(
            Candidate.id,
            Candidate.staff_number,
            Candidate.initials,
            Candidate.first_name,
            Candidate.prefix,
            Candidate.surname,
            Candidate.email,
            Candidate.faculty,
            Candidate.department,
            Candidate.status,
            Candidate.employment_start,
            Candidate.extension_months,
            Candidate.archived_at,
            AppUser.name,
            facts_bits(),  # the intake's state, from the same facts as IntakeService.states
            Intake.meeting_on,
            open_feedback.c.open_feedback,  # unresolved portfolio feedback
        )
        .outerjoin(AppUser, Candidate.supervisor_id == AppUser.id)
        .outerjoin(Intake, Intake.candidate_id == Candidate.id)
        .outerjoin(open_feedback, open_feedback.c.candidate_id == Candidate.id)
    )


def _filled(name: str, value: object) -> bool:
    """Worth a line in a new candidate's timeline: entered, and not the default language."""
    if name == "language":
        return value != Language.DUTCH
    return value not in (None, "", 0)


def _readable(session: Session, changes: list[audit.Change]) -> list[audit.Change]:
    """Audit the supervisor by name, not by database id."""

    def name(user_id: object) -> str | None:
        user = session.get(AppUser, user_id) if user_id is not None else None
        return user.name if user else None

    return [
        ("supervisor", name(old), name(new)) if field == "supervisor_id" else (field, old, new)
        for field, old, new in changes
    ]


def _get(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"Candidate {candidate_id} does not exist (any more).")
    return candidate


def _input_of(candidate: Candidate) -> CandidateInput:
    return CandidateInput(**{name: getattr(candidate, name) for name in EDITABLE_FIELDS})


def _deadline_years(session: Session) -> int:
    return session.scalar(select(InstitutionSettings.deadline_years)) or 3


def default_framework_id(session: Session) -> int | None:
    """The latest version of the institution's default framework: where new candidates start."""
    code = session.scalar(select(InstitutionSettings.default_framework_code))
    return session.scalar(
        select(Framework.id).where(Framework.code == code).order_by(Framework.version.desc())
    )


def _check_unique_staff_number(session: Session, number: str, own_id: int | None) -> None:
    query = select(Candidate.id, Candidate.first_name, Candidate.prefix, Candidate.surname).where(
        Candidate.staff_number == number
    )
    row = session.execute(query).first()
    if row is not None and row.id != own_id:
        raise ValidationError(
            f"Staff number {number} is already used by "
            f"{full_name(row.first_name, row.prefix, row.surname)}.",
            "staff_number",
        )


def _check_supervisor(session: Session, supervisor_id: int | None) -> None:
    if supervisor_id is not None and session.get(AppUser, supervisor_id) is None:
        raise ValidationError("The chosen supervisor does not exist.", "supervisor_id")


def _register_row(row: object, years: int, today: date) -> RegisterRow:
    (
        cid,
        number,
        initials,
        first,
        prefix,
        surname,
        email,
        faculty,
        department,
        status,
        start,
        extension,
        archived_at,
        supervisor,
        intake_facts,
        meeting_on,
        unresolved_feedback,
    ) = row  # type: ignore[misc]
    status = TrajectoryStatus(status)
    intake = intake_state_of_bits(intake_facts)
    due = deadline(start, years, extension)
    name = full_name(first, prefix, surname, initials)
    return RegisterRow(
        id=cid,
        staff_number=number,
        full_name=name,
        sort_name=fold(sort_name(first or initials, prefix, surname)),
        email=email,
        faculty=faculty,
        department=department,
        status=status,
        employment_start=start,
        deadline=due,
        due_state=due_state(status, due, today),
        supervisor=supervisor or "",
        archived=archived_at is not None,
        search_key=f"{fold(name)}\t{number.casefold()}\t{email}",
        intake_state=intake,
        intake_completed_on=meeting_on if intake is IntakeState.COMPLETED else None,
        unresolved_feedback=unresolved_feedback or 0,
    )
