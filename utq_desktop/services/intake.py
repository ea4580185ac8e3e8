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
from sqlalchemy.orm import Session

from utq_desktop.domain.intake import IntakeState, intake_state_of_bits
from utq_desktop.domain.intake_models import Intake, TeachingExperience
from utq_desktop.domain.models import AppUser, Candidate, Framework
from utq_desktop.errors import ValidationError
from utq_desktop.services.audit import Change
from utq_desktop.services.context import Context
from utq_desktop.services.dto import (
    DocumentsInput,
    IntakeDetail,
    MeetingInput,
    SelfDiagnosisInput,
    TeachingExperienceInput,
    TeachingTasksInput,
)
from utq_desktop.services.files import FileService, Upload
from utq_desktop.services.intake_ratings import save_ratings
from utq_desktop.services.intake_read import (
    EXPERIENCE,
    SELF_DIAGNOSIS,
    build_detail,
    experience_input,
    facts_bits,
    meeting_of,
)
from utq_desktop.services.intake_validation import (
    clean_documents,
    clean_experience,
    clean_meeting,
    clean_self_diagnosis,
    clean_tasks,
)
from utq_desktop.services.intake_write import IntakeWriter, get_candidate, setter, user_name

# Above this many ids, states() reads every intake in one pass and picks the wanted ones:
# a long IN list is slower and may exceed the database's parameter limit.
IN_LIST_LIMIT = 500


class IntakeService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today
        self._files = FileService(context)
        self._writer = IntakeWriter(context)

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
            return build_detail(session, get_candidate(session, candidate_id))

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
            self._writer.audit(
                session, EXPERIENCE, row.id, intake.candidate_id, "create", _described(data)
            )
            return []

        self._writer.write(candidate_id, apply, expected_version=None, others_changed=lambda: True)
        return added[0]

    def update_experience(
        self, experience_id: int, data: TeachingExperienceInput, expected_version: int
    ) -> int:
        """Save an edited CV line seen at ``expected_version``; returns its new version."""
        data = clean_experience(data, self._today())
        versions: list[int] = []
        changed: list[Change] = []

        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            row = self._writer.experience(session, experience_id, expected_version)
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
                self._writer.audit(
                    session, EXPERIENCE, row.id, intake.candidate_id, "update", changed
                )
            versions.append(row.row_version)
            return []

        self._writer.write(
            self._writer.candidate_of_experience(experience_id),
            apply,
            expected_version=None,
            others_changed=lambda: bool(changed),
            stale=lambda: self._writer.stale(EXPERIENCE, experience_id, "line of the CV"),
        )
        return versions[0]

    def remove_experience(self, experience_id: int, expected_version: int) -> None:
        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            row = self._writer.experience(session, experience_id, expected_version)
            course = row.course
            session.delete(row)
            session.flush()
            changes: list[Change] = [("course", course, None)]
            self._writer.audit(
                session, EXPERIENCE, experience_id, intake.candidate_id, "delete", changes
            )
            return []

        self._writer.write(
            self._writer.candidate_of_experience(experience_id),
            apply,
            expected_version=None,
            others_changed=lambda: True,
            stale=lambda: self._writer.stale(EXPERIENCE, experience_id, "line of the CV"),
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

        return self._writer.write(candidate_id, apply, expected_version=expected_version)

    def remove_cv_document(self, candidate_id: int, expected_version: int) -> int:
        def apply(session: Session, _candidate: Candidate, intake: Intake) -> list[Change]:
            if intake.cv_document_sha256 is None:
                return []
            old = intake.cv_document_name
            intake.cv_document_sha256, intake.cv_document_name = None, ""
            return [("cv_document", old, None)]

        return self._writer.write(candidate_id, apply, expected_version=expected_version)

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
            changed.extend(save_ratings(session, intake.id, framework, data))
            if changed:
                self._writer.audit(
                    session, SELF_DIAGNOSIS, intake.id, candidate.id, "update", changed
                )
            return []

        return self._writer.write(
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
        return self._writer.write(candidate_id, setter(values), expected_version=expected_version)

    def save_documents(self, candidate_id: int, data: DocumentsInput, expected_version: int) -> int:
        data = clean_documents(data, self._today())
        values = {
            "cv_sent": data.cv,
            "self_diagnosis_sent": data.self_diagnosis,
            "tasks_sent": data.teaching_tasks,
            "documents_sent_on": data.sent_on,
        }
        return self._writer.write(candidate_id, setter(values), expected_version=expected_version)

    def save_meeting(self, candidate_id: int, data: MeetingInput, expected_version: int) -> int:
        """The meeting and its outcome. Held, with a supervisor, completes the intake."""
        data = clean_meeting(data, self._today())

        def apply(session: Session, candidate: Candidate, intake: Intake) -> list[Change]:
            if data.supervisor_id is not None and session.get(AppUser, data.supervisor_id) is None:
                raise ValidationError("The chosen supervisor does not exist.", "supervisor_id")
            old = meeting_of(intake)
            changes = setter(
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
                        user_name(session, old.supervisor_id),
                        user_name(session, data.supervisor_id),
                    )
                )
            return changes

        return self._writer.write(candidate_id, apply, expected_version=expected_version)


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
