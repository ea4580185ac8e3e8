"""Reading intakes: the facts the intake rule needs, as SQL, and the tab's detail.

``facts_bits()`` computes IntakeFacts.bits() inside the query, so the register, the state
lookup for 50,000 candidates and the service's own checks all read the same facts in one
pass; domain.intake.intake_state turns them into the state.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from sqlalchemy import ColumnElement, case, exists, or_, select, true
from sqlalchemy.orm import Session

from utq_desktop.domain.intake import (
    FACT_NAMES,
    IntakeFacts,
    IntakeState,
    intake_state,
    intake_state_of_bits,
)
from utq_desktop.domain.intake_models import (
    CompetenceRating,
    CriterionRating,
    Intake,
    TeachingExperience,
)
from utq_desktop.domain.models import AppUser, AuditEntry, Candidate, Framework, StoredFile
from utq_desktop.domain.names import full_name
from utq_desktop.services.dto import (
    AttachedDocument,
    CompetenceInfo,
    CriterionInfo,
    DocumentsInput,
    IntakeDetail,
    MeetingInput,
    ScaleOption,
    SectionChange,
    SelfDiagnosis,
    SelfDiagnosisInput,
    SelfRating,
    TeachingExperienceInput,
    TeachingTasksInput,
)
from utq_desktop.services.dto import (
    TeachingExperience as ExperienceDto,
)

# audit entities of the intake; every row also carries the candidate's id
INTAKE = "intake"
EXPERIENCE = "teaching_experience"
SELF_DIAGNOSIS = "self_diagnosis"
ENTITIES = (INTAKE, EXPERIENCE, SELF_DIAGNOSIS)

# which part of the intake an audited intake field belongs to
SECTION_OF_FIELD = {
    "cv_document": "cv",
    "tasks_supervisor": "tasks",
    "tasks_discussed_on": "tasks",
    "tasks_agreed": "tasks",
    "cv_sent": "documents",
    "self_diagnosis_sent": "documents",
    "tasks_sent": "documents",
    "documents_sent_on": "documents",
    "meeting_on": "meeting",
    "meeting_with": "meeting",
    "meeting_held": "meeting",
    "supervisor": "meeting",
    "agreements": "meeting",
    "consider_exemption": "meeting",
    "consider_partial_certificate": "meeting",
}


def fact_conditions() -> dict[str, ColumnElement[bool]]:
    """One SQL condition per IntakeFacts field, on the Intake row of the query."""
    return {
        "has_cv": or_(
            Intake.cv_document_sha256.is_not(None),
            exists().where(TeachingExperience.intake_id == Intake.id),
        ),
        "has_self_diagnosis": or_(
            exists().where(CompetenceRating.intake_id == Intake.id),
            exists().where(CriterionRating.intake_id == Intake.id),
        ),
        "tasks_discussed": or_(
            Intake.tasks_discussed_on.is_not(None),
            Intake.tasks_supervisor != "",
            Intake.tasks_agreed != "",
        ),
        "cv_sent": Intake.cv_sent == true(),
        "self_diagnosis_sent": Intake.self_diagnosis_sent == true(),
        "tasks_sent": Intake.tasks_sent == true(),
        "documents_sent_on": Intake.documents_sent_on.is_not(None),
        "meeting_planned": Intake.meeting_on.is_not(None),
        "meeting_held": Intake.meeting_held == true(),
        "supervisor_assigned": Intake.supervisor_id.is_not(None),
    }


def facts_bits() -> ColumnElement[Any]:
    """IntakeFacts.bits() of the query's Intake row; NULL where an outer join found none."""
    conditions = fact_conditions()
    assert tuple(conditions) == FACT_NAMES, "fact_conditions() must follow IntakeFacts"
    packed = reduce(
        operator.add,
        (case((condition, 1 << bit), else_=0) for bit, condition in enumerate(conditions.values())),
    )
    return case((Intake.id.is_(None), None), else_=packed).label("intake_facts")


def state_in(session: Session, intake_id: int) -> IntakeState:
    """The intake's state as the session sees it now (pending changes flushed first)."""
    bits = session.scalar(select(facts_bits()).where(Intake.id == intake_id))
    return intake_state_of_bits(bits)


def scale_label(scale: list[dict[str, object]], value: int | None) -> str | None:
    """'3 (Competent)': how a rating is written in the audit trail."""
    if value is None:
        return None
    label = next((p.get("en") for p in scale if p.get("value") == value), None)
    return f"{value} ({label})" if label else str(value)


def section_changes(session: Session, candidate_id: int) -> dict[str, SectionChange]:
    """Who last changed each part of the candidate's intake, and when."""
    rows = session.execute(
        select(AuditEntry.entity, AuditEntry.field, AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.candidate_id == candidate_id, AuditEntry.entity.in_(ENTITIES))
        .order_by(AuditEntry.id.desc())
    )
    found: dict[str, SectionChange] = {}
    for entity, field, actor, at in rows:
        if entity == EXPERIENCE:
            section = "cv"
        elif entity == SELF_DIAGNOSIS:
            section = "self_diagnosis"
        else:
            section = SECTION_OF_FIELD.get(field or "")
        if section is not None and section not in found:
            found[section] = SectionChange(actor, at)
    return found


def build_detail(session: Session, candidate: Candidate) -> IntakeDetail:
    intake = session.scalar(select(Intake).where(Intake.candidate_id == candidate.id))
    framework_id = (intake.framework_id if intake else None) or candidate.framework_id
    framework = session.get(Framework, framework_id) if framework_id else None
    common = {
        "candidate_id": candidate.id,
        "candidate_name": full_name(
            candidate.first_name, candidate.prefix, candidate.surname, candidate.initials
        ),
        "candidate_status": candidate.status,
        "self_diagnosis": _self_diagnosis(session, framework, intake.id if intake else None),
        "changes": section_changes(session, candidate.id),
    }
    if intake is None:
        return IntakeDetail(
            **common,
            row_version=0,
            state=IntakeState.NOT_STARTED,
            facts=IntakeFacts(),
            experiences=(),
            cv_document=None,
            tasks=TeachingTasksInput(),
            documents=DocumentsInput(),
            meeting=MeetingInput(),
            supervisor="",
            completed_on=None,
        )
    facts = IntakeFacts.from_bits(
        session.scalar(select(facts_bits()).where(Intake.id == intake.id)) or 0
    )
    state = intake_state(facts)
    supervisor = session.get(AppUser, intake.supervisor_id) if intake.supervisor_id else None
    document = None
    if intake.cv_document_sha256:
        stored = session.get(StoredFile, intake.cv_document_sha256)
        document = AttachedDocument(
            intake.cv_document_sha256, intake.cv_document_name, stored.size if stored else 0
        )
    return IntakeDetail(
        **common,
        row_version=intake.row_version,
        state=state,
        facts=facts,
        experiences=_experiences(session, intake.id),
        cv_document=document,
        tasks=TeachingTasksInput(
            intake.tasks_supervisor, intake.tasks_discussed_on, intake.tasks_agreed
        ),
        documents=DocumentsInput(
            intake.cv_sent, intake.self_diagnosis_sent, intake.tasks_sent, intake.documents_sent_on
        ),
        meeting=meeting_of(intake),
        supervisor=supervisor.name if supervisor else "",
        completed_on=intake.meeting_on if state is IntakeState.COMPLETED else None,
    )


def meeting_of(intake: Intake) -> MeetingInput:
    return MeetingInput(
        planned_on=intake.meeting_on,
        with_whom=intake.meeting_with,
        held=intake.meeting_held,
        supervisor_id=intake.supervisor_id,
        agreements=intake.agreements,
        consider_exemption=intake.consider_exemption,
        consider_partial_certificate=intake.consider_partial_certificate,
    )


def experience_input(row: TeachingExperience) -> TeachingExperienceInput:
    return TeachingExperienceInput(
        course=row.course,
        level=row.level,
        role=row.role,
        year_from=row.year_from,
        year_to=row.year_to,
        students=row.students,
        language=row.language,
    )


def _experiences(session: Session, intake_id: int) -> tuple[ExperienceDto, ...]:
    rows = session.scalars(
        select(TeachingExperience)
        .where(TeachingExperience.intake_id == intake_id)
        .order_by(
            TeachingExperience.year_to.is_(None).desc(),  # ongoing teaching first
            TeachingExperience.year_to.desc(),
            TeachingExperience.year_from.desc(),
            TeachingExperience.id,
        )
    )
    return tuple(ExperienceDto(row.id, row.row_version, experience_input(row)) for row in rows)


def _self_diagnosis(
    session: Session, framework: Framework | None, intake_id: int | None
) -> SelfDiagnosis:
    if framework is None:
        return SelfDiagnosis("", (), (), SelfDiagnosisInput())
    competences = tuple(
        CompetenceInfo(
            c.id,
            c.code,
            c.name_en,
            tuple(CriterionInfo(k.id, k.code, k.name_en) for k in c.criteria),
        )
        for c in framework.competences
    )
    scale = tuple(
        ScaleOption(int(p["value"]), str(p["en"]))  # type: ignore[call-overload]
        for p in framework.scale
    )
    ratings = SelfDiagnosisInput()
    if intake_id is not None:
        ratings = SelfDiagnosisInput(
            competences={
                r.competence_id: SelfRating(r.rating, r.notes)
                for r in session.scalars(
                    select(CompetenceRating).where(CompetenceRating.intake_id == intake_id)
                )
            },
            criteria={
                r.criterion_id: SelfRating(r.rating, r.notes)
                for r in session.scalars(
                    select(CriterionRating).where(CriterionRating.intake_id == intake_id)
                )
            },
        )
    return SelfDiagnosis(
        f"{framework.name_en} (version {framework.version})", scale, competences, ratings
    )
