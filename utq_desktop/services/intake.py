"""The intake of a candidate: educational CV, self-diagnosis, teaching tasks, documents sent
to the consultant and the intake meeting. One transaction per change, audited in it.

Edits of the intake itself carry the ``row_version`` the user saw (0 while there is no
intake yet); a teaching-experience line carries its own. When an edit moves the intake's
state, the candidate's trajectory status follows it (domain.intake.status_steps, each
step checked by domain.workflow) and completing the intake makes the assigned supervisor
the candidate's UTQ supervisor — audited on the candidate, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.intake import IntakeState, intake_state_of_bits, status_steps
from utq_desktop.domain.intake_models import (
    CompetenceRating,
    CriterionRating,
    Intake,
    TeachingExperience,
)
from utq_desktop.domain.models import AppUser, AuditEntry, Candidate, Framework
from utq_desktop.domain.workflow import check_transition
from utq_desktop.errors import NotFoundError, StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.dto import (
    DocumentsInput,
    IntakeDetail,
    MeetingInput,
    SelfDiagnosisInput,
    SelfRating,
    TeachingExperienceInput,
    TeachingTasksInput,
)
from utq_desktop.services.files import FileService, Upload
from utq_desktop.services.intake_read import (
    EXPERIENCE,
    INTAKE,
    SELF_DIAGNOSIS,
    build_detail,
    experience_input,
    facts_bits,
    meeting_of,
    scale_label,
    state_in,
)
from utq_desktop.services.intake_validation import (
    clean_documents,
    clean_experience,
    clean_meeting,
    clean_self_diagnosis,
    clean_tasks,
)

# Above this many ids, states() reads every intake in one pass and picks the wanted ones:
# a long IN list is slower and may exceed the database's parameter limit.
IN_LIST_LIMIT = 500

# (session, candidate, intake) -> the intake's own audited changes; other entities' rows
# (teaching experience, self-ratings) are written and audited by the function itself
Apply = Callable[[Session, Candidate, Intake], list[Change]]


class _Unchanged(Exception):
    """Nothing to save: roll back (a new, still empty intake is not kept)."""

    def __init__(self, version: int) -> None:
        super().__init__()
        self.version = version


class IntakeService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today
        self._files = FileService(context)

    # --- reading -------------------------------------------------------------------------

    def states(self, candidate_ids: list[int] | None = None) -> dict[int, IntakeState]:
        """The intake state of each candidate (every one when ``candidate_ids`` is None),
        in one query; ids of candidates that do not exist are left out."""
        query = select(Candidate.id, facts_bits()).outerjoin(
            Intake, Intake.candidate_id == Candidate.id
        )
        wanted: set[int] | None = None
        if candidate_ids is not None:
            if len(candidate_ids) <= IN_LIST_LIMIT:
                query = query.where(Candidate.id.in_(candidate_ids))
            else:
                wanted = set(candidate_ids)
        with self._context.read() as session:
            return {
                cid: intake_state_of_bits(bits)
                for cid, bits in session.execute(query)
                if wanted is None or cid in wanted
            }

    def detail(self, candidate_id: int) -> IntakeDetail:
        with self._context.read() as session:
            return build_detail(session, _candidate(session, candidate_id))

    # --- the educational CV --------------------------------------------------------------

    def add_experience(self, candidate_id: int, data: TeachingExperienceInput) -> int:
        """Add a line to the educational CV; returns its id."""
        data = clean_experience(data, self._today())
        added: list[int] = []

        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            row = TeachingExperience(intake_id=intake.id, row_version=1, **_columns(data))
            session.add(row)
            session.flush()
            added.append(row.id)
            self._audit(
                session, EXPERIENCE, row.id, intake.candidate_id, "create", _described(data)
            )
            return []

        self._write(candidate_id, apply, expected_version=None, others_changed=lambda: True)
        return added[0]

    def update_experience(
        self, experience_id: int, data: TeachingExperienceInput, expected_version: int
    ) -> int:
        """Save an edited CV line seen at ``expected_version``; returns its new version."""
        data = clean_experience(data, self._today())
        versions: list[int] = []
        changed: list[Change] = []

        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            row = self._experience(session, experience_id, expected_version)
            old = experience_input(row)
            changed.extend(
                (name, getattr(old, name), getattr(data, name))
                for name in _columns(data)
                if getattr(old, name) != getattr(data, name)
            )
            for name, _old, new in changed:
                setattr(row, name, new)
            if changed:
                session.flush()
                self._audit(session, EXPERIENCE, row.id, intake.candidate_id, "update", changed)
            versions.append(row.row_version)
            return []

        self._write(
            self._candidate_of_experience(experience_id),
            apply,
            expected_version=None,
            others_changed=lambda: bool(changed),
            stale=lambda: self._stale(EXPERIENCE, experience_id, "line of the CV"),
        )
        return versions[0]

    def remove_experience(self, experience_id: int, expected_version: int) -> None:
        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            row = self._experience(session, experience_id, expected_version)
            course = row.course
            session.delete(row)
            session.flush()
            changes: list[Change] = [("course", course, None)]
            self._audit(session, EXPERIENCE, experience_id, intake.candidate_id, "delete", changes)
            return []

        self._write(
            self._candidate_of_experience(experience_id),
            apply,
            expected_version=None,
            others_changed=lambda: True,
            stale=lambda: self._stale(EXPERIENCE, experience_id, "line of the CV"),
        )

    def attach_cv_document(self, candidate_id: int, upload: Upload, expected_version: int) -> int:
        """Attach (or replace) the CV document; ``upload`` comes from files.read_upload."""

        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            digest = self._files.store(session, upload)
            session.flush()  # the stored file first: the intake refers to it
            if (intake.cv_document_sha256, intake.cv_document_name) == (digest, upload.name):
                return []
            old = intake.cv_document_name or None
            intake.cv_document_sha256, intake.cv_document_name = digest, upload.name
            return [("cv_document", old, upload.name)]

        return self._write(candidate_id, apply, expected_version=expected_version)

    def remove_cv_document(self, candidate_id: int, expected_version: int) -> int:
        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            if intake.cv_document_sha256 is None:
                return []
            old = intake.cv_document_name
            intake.cv_document_sha256, intake.cv_document_name = None, ""
            return [("cv_document", old, None)]

        return self._write(candidate_id, apply, expected_version=expected_version)

    # --- the other parts -----------------------------------------------------------------

    def save_self_diagnosis(
        self, candidate_id: int, data: SelfDiagnosisInput, expected_version: int
    ) -> int:
        """Replace the self-ratings (per competence and criterion) with ``data``."""
        data = clean_self_diagnosis(data)
        changed: list[Change] = []

        def apply(session: Session, candidate: Candidate, intake: Intake) -> list[Change]:
            framework_id = intake.framework_id or candidate.framework_id
            framework = session.get(Framework, framework_id) if framework_id else None
            if framework is None:
                raise ValidationError(
                    "This candidate has no competence framework, so there is nothing to rate."
                )
            intake.framework_id = framework.id
            changed.extend(_save_ratings(session, intake.id, framework, data))
            if changed:
                self._audit(session, SELF_DIAGNOSIS, intake.id, candidate.id, "update", changed)
            return []

        return self._write(
            candidate_id,
            apply,
            expected_version=expected_version,
            others_changed=lambda: bool(changed),
        )

    def save_teaching_tasks(
        self, candidate_id: int, data: TeachingTasksInput, expected_version: int
    ) -> int:
        data = clean_tasks(data, self._today())
        values = {
            "tasks_supervisor": data.supervisor,
            "tasks_discussed_on": data.discussed_on,
            "tasks_agreed": data.agreed,
        }
        return self._write(candidate_id, _setter(values), expected_version=expected_version)

    def save_documents(self, candidate_id: int, data: DocumentsInput, expected_version: int) -> int:
        data = clean_documents(data, self._today())
        values = {
            "cv_sent": data.cv,
            "self_diagnosis_sent": data.self_diagnosis,
            "tasks_sent": data.teaching_tasks,
            "documents_sent_on": data.sent_on,
        }
        return self._write(candidate_id, _setter(values), expected_version=expected_version)

    def save_meeting(self, candidate_id: int, data: MeetingInput, expected_version: int) -> int:
        """The meeting and its outcome. Held, with a supervisor, completes the intake."""
        data = clean_meeting(data, self._today())

        def apply(session: Session, candidate: Candidate, intake: Intake) -> list[Change]:
            if data.supervisor_id is not None and session.get(AppUser, data.supervisor_id) is None:
                raise ValidationError("The chosen supervisor does not exist.", "supervisor_id")
            old = meeting_of(intake)
            changes = _setter(
                {
                    "meeting_on": data.planned_on,
                    "meeting_with": data.with_whom,
                    "meeting_held": data.held,
                    "agreements": data.agreements,
                    "consider_exemption": data.consider_exemption,
                    "consider_partial_certificate": data.consider_partial_certificate,
                }
            )(session, candidate, intake)
            if old.supervisor_id != data.supervisor_id:
                intake.supervisor_id = data.supervisor_id
                changes.append(
                    (
                        "supervisor",
                        _user(session, old.supervisor_id),
                        _user(session, data.supervisor_id),
                    )
                )
            return changes

        return self._write(candidate_id, apply, expected_version=expected_version)

    # --- the one way every change is written ---------------------------------------------

    def _write(
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
        stale = stale or (lambda: self._stale_intake(candidate_id))
        stage = INTAKE
        try:
            with self._context.transaction() as session:
                candidate = _candidate(session, candidate_id)
                intake = session.scalar(select(Intake).where(Intake.candidate_id == candidate_id))
                new = intake is None
                if intake is None:
                    if expected_version:
                        raise stale()
                    intake = _new_intake(candidate)
                    session.add(intake)
                    try:
                        session.flush()
                    except IntegrityError:  # someone else started this intake just now
                        raise self._stale_intake(candidate_id) from None
                    before = IntakeState.NOT_STARTED
                else:
                    if expected_version is not None and intake.row_version != expected_version:
                        raise stale()
                    before = state_in(session, intake.id)
                changes = apply(session, candidate, intake)
                if not changes and not others_changed():
                    raise _Unchanged(0 if new else intake.row_version)
                if new:
                    self._audit(session, INTAKE, intake.id, candidate_id, "create", [])
                elif expected_version is not None:
                    intake.updated_at = utc_now()  # moves row_version on, also for ratings
                session.flush()
                if changes:
                    self._audit(session, INTAKE, intake.id, candidate_id, "update", changes)
                after = state_in(session, intake.id)
                stage = "candidate"
                self._follow(session, candidate, intake, before, after, changes)
                return intake.row_version
        except _Unchanged as unchanged:
            return unchanged.version
        except StaleDataError as error:
            if stage == "candidate":
                raise self._stale("candidate", candidate_id, "candidate") from error
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
                    _user(session, candidate.supervisor_id),
                    _user(session, intake.supervisor_id),
                )
            )
            candidate.supervisor_id = intake.supervisor_id
        if candidate_changes:
            session.flush()
            self._audit(
                session, "candidate", candidate.id, candidate.id, "update", candidate_changes
            )

    def _audit(
        self,
        session: Session,
        entity: str,
        entity_id: int,
        candidate_id: int,
        action: str,
        changes: list[Change],
    ) -> None:
        audit.record(
            session,
            self._context.actor,
            entity=entity,
            entity_id=entity_id,
            candidate_id=candidate_id,
            action=action,
            changes=changes,
        )

    # --- helpers -------------------------------------------------------------------------

    def _experience(
        self, session: Session, experience_id: int, expected_version: int
    ) -> TeachingExperience:
        row = session.get(TeachingExperience, experience_id)
        if row is None:
            raise self._stale(EXPERIENCE, experience_id, "line of the CV", removed=True)
        if row.row_version != expected_version:
            raise self._stale(EXPERIENCE, experience_id, "line of the CV")
        return row

    def _candidate_of_experience(self, experience_id: int) -> int:
        query = (
            select(Intake.candidate_id)
            .join(TeachingExperience, TeachingExperience.intake_id == Intake.id)
            .where(TeachingExperience.id == experience_id)
        )
        with self._context.read() as session:
            candidate_id = session.scalar(query)
        if candidate_id is None:
            raise self._stale(EXPERIENCE, experience_id, "line of the CV", removed=True)
        return candidate_id

    def _stale_intake(self, candidate_id: int) -> StaleEditError:
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
        return _stale_error(last, "intake")

    def _stale(
        self, entity: str, entity_id: int, noun: str, removed: bool = False
    ) -> StaleEditError:
        last = audit.AuditService(self._context).last_change(entity, entity_id)
        found = (last.actor, last.at, last.field) if last else None
        return _stale_error(found, noun, removed)


def _stale_error(
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


def _candidate(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"Candidate {candidate_id} does not exist (any more).")
    return candidate


def _new_intake(candidate: Candidate) -> Intake:
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


def _setter(values: dict[str, object]) -> Apply:
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


def _user(session: Session, user_id: int | None) -> str | None:
    user = session.get(AppUser, user_id) if user_id is not None else None
    return user.name if user else None


def _columns(data: TeachingExperienceInput) -> dict[str, object]:
    return {
        "course": data.course,
        "level": data.level,
        "role": data.role,
        "year_from": data.year_from,
        "year_to": data.year_to,
        "students": data.students,
        "language": data.language,
    }


def _described(data: TeachingExperienceInput) -> list[Change]:
    return [(k, None, v) for k, v in _columns(data).items() if v not in (None, "")]


def _save_ratings(
    session: Session, intake_id: int, framework: Framework, data: SelfDiagnosisInput
) -> list[Change]:
    """Write the self-ratings that differ; returns the audit changes, framework order."""
    scale = framework.scale
    values = {point.get("value") for point in scale}
    competences = {c.id: c for c in framework.competences}
    criteria = {k.id: k for c in framework.competences for k in c.criteria}
    for key, rating in data.competences.items():
        _check_rating(key, rating, competences, values, "competence")
    for key, rating in data.criteria.items():
        _check_rating(key, rating, criteria, values, "criterion")
    stored_competences = {
        r.competence_id: r
        for r in session.scalars(
            select(CompetenceRating).where(CompetenceRating.intake_id == intake_id)
        )
    }
    stored_criteria = {
        r.criterion_id: r
        for r in session.scalars(
            select(CriterionRating).where(CriterionRating.intake_id == intake_id)
        )
    }
    changes: list[Change] = []
    for competence in framework.competences:
        targets = [(competence.code, competence.id, stored_competences, data.competences)]
        targets += [(k.code, k.id, stored_criteria, data.criteria) for k in competence.criteria]
        for code, key, stored, wanted in targets:
            row = stored.get(key)
            old = SelfRating(row.rating, row.notes) if row else SelfRating()
            new = wanted.get(key, SelfRating())
            if old == new:
                continue
            if old.rating != new.rating:
                changes.append(
                    (
                        f"rating:{code}",
                        scale_label(scale, old.rating),
                        scale_label(scale, new.rating),
                    )
                )
            if old.notes != new.notes:
                changes.append((f"notes:{code}", old.notes or None, new.notes or None))
            if new.empty and row is not None:
                session.delete(row)
            elif row is not None:
                row.rating, row.notes = new.rating, new.notes
            elif stored is stored_competences:
                session.add(
                    CompetenceRating(
                        intake_id=intake_id, competence_id=key, rating=new.rating, notes=new.notes
                    )
                )
            else:
                session.add(
                    CriterionRating(
                        intake_id=intake_id, criterion_id=key, rating=new.rating, notes=new.notes
                    )
                )
    return changes


def _check_rating(
    key: int, rating: SelfRating, known: dict[int, object], values: set[object], kind: str
) -> None:
    if key not in known:
        raise ValidationError(
            f"That {kind} is not part of this candidate's competence framework.",
            f"{kind}_rating_{key}",
        )
    if rating.rating is not None and rating.rating not in values:
        allowed = ", ".join(str(v) for v in sorted(values))  # type: ignore[type-var]
        raise ValidationError(
            f"A self-rating is one of {allowed} (got {rating.rating}).", f"{kind}_rating_{key}"
        )
