"""Reading exemption cases and partial certificates: the tab's ExemptionDetail and the
register's rows, each in one session."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.exemption import CaseStatus, days_open, next_action
from utq_desktop.domain.exemption_models import (
    ExemptionCase,
    ExemptionDocument,
    ExemptionStep,
)
from utq_desktop.domain.models import Candidate, StoredFile
from utq_desktop.domain.names import fold, full_name, sort_name
from utq_desktop.domain.route_models import RouteRecognition
from utq_desktop.services.dto import AttachedDocument
from utq_desktop.services.exemption_dto import (
    CaseDocument,
    CaseInput,
    CaseStep,
    ExemptionCaseInfo,
    ExemptionDetail,
    ExemptionRegisterRow,
)
from utq_desktop.services.partial_certificates_read import (
    certificate_infos,
    competence_choices,
    file_sizes,
)
from utq_desktop.services.route_read import route_of

# audit entities; every row also carries the candidate's id
CASE = "exemption_case"
CERTIFICATE = "partial_certificate"
CLOSING = (CaseStatus.INFORMED, CaseStatus.WITHDRAWN)


def name_of(candidate: Candidate) -> str:
    return full_name(candidate.first_name, candidate.prefix, candidate.surname, candidate.initials)


def case_input(row: ExemptionCase) -> CaseInput:
    return CaseInput(row.ground, row.ground_detail, row.filed_on, row.filed_by, row.notes)


def steps_of(session: Session, case_id: int) -> list[ExemptionStep]:
    return list(
        session.scalars(
            select(ExemptionStep)
            .where(ExemptionStep.case_id == case_id)
            .order_by(ExemptionStep.happened_on, ExemptionStep.id)
        )
    )


def filing_refusal(session: Session, candidate: Candidate) -> str:
    """Why no new exemption request can be filed for ``candidate`` now ('' if it can)."""
    name = name_of(candidate)
    if candidate.status is TrajectoryStatus.QUALIFIED:
        return f"{name} has obtained the UTQ already; an exemption is not needed."
    statuses = set(
        session.scalars(
            select(ExemptionCase.status).where(ExemptionCase.candidate_id == candidate.id)
        )
    )
    if statuses - {CaseStatus.INFORMED, CaseStatus.WITHDRAWN, CaseStatus.DECIDED}:
        return (
            f"{name} has an exemption request in progress; follow that one up (or withdraw "
            "it) before filing another."
        )
    granted = session.scalar(
        select(ExemptionCase.id).where(
            ExemptionCase.candidate_id == candidate.id,
            ExemptionCase.status.in_((CaseStatus.DECIDED, CaseStatus.INFORMED)),
            ExemptionCase.decision == "grant",
        )
    )
    if granted is not None:
        return f"{name} has been granted an exemption already."
    if CaseStatus.DECIDED in statuses:
        return (
            f"The faculty decided on {name}'s exemption request; inform the candidate before "
            "filing another."
        )
    return ""


def case_infos(session: Session, candidate_id: int, today: date) -> tuple[ExemptionCaseInfo, ...]:
    rows = list(
        session.scalars(
            select(ExemptionCase)
            .where(ExemptionCase.candidate_id == candidate_id)
            .order_by(ExemptionCase.filed_on.desc(), ExemptionCase.id.desc())
        )
    )
    if not rows:
        return ()
    ids = [row.id for row in rows]
    steps: dict[int, list[CaseStep]] = defaultdict(list)
    for step in session.scalars(
        select(ExemptionStep)
        .where(ExemptionStep.case_id.in_(ids))
        .order_by(ExemptionStep.happened_on, ExemptionStep.id)
    ):
        steps[step.case_id].append(
            CaseStep(
                step.status,
                step.happened_on,
                step.done_by,
                step.detail,
                step.recorded_by,
                step.recorded_at,
            )
        )
    documents: dict[int, list[CaseDocument]] = defaultdict(list)
    for document, size in session.execute(
        select(ExemptionDocument, StoredFile.size)
        .join(StoredFile, StoredFile.sha256 == ExemptionDocument.sha256)
        .where(ExemptionDocument.case_id.in_(ids))
        .order_by(ExemptionDocument.added_at, ExemptionDocument.id)
    ):
        documents[document.case_id].append(
            CaseDocument(
                document.id,
                document.sha256,
                document.name,
                size,
                document.added_by,
                document.added_at,
            )
        )
    letters = file_sizes(session, [row.letter_sha256 for row in rows if row.letter_sha256])
    infos = []
    for row in rows:
        history = tuple(steps[row.id])
        closed = next((s.on for s in reversed(history) if s.status in CLOSING), None)
        letter = None
        if row.letter_sha256:
            letter = AttachedDocument(
                row.letter_sha256, row.letter_name, letters.get(row.letter_sha256, 0)
            )
        infos.append(
            ExemptionCaseInfo(
                id=row.id,
                row_version=row.row_version,
                candidate_id=row.candidate_id,
                data=case_input(row),
                status=row.status,
                advisor=row.advisor,
                meeting_on=row.meeting_on,
                advice=row.advice,
                advice_motivation=row.advice_motivation,
                decision=row.decision,
                decided_by=row.decided_by,
                decision_motivation=row.decision_motivation,
                withdrawn_reason=row.withdrawn_reason,
                steps=history,
                documents=tuple(documents[row.id]),
                letter=letter,
                days_open=days_open(row.filed_on, closed, today),
            )
        )
    return tuple(infos)


def build_detail(session: Session, candidate: Candidate, today: date) -> ExemptionDetail:
    choices = competence_choices(session, candidate)
    route = route_of(session, candidate.id)
    recognitions: dict[int, str] = {}
    if route is not None:
        recognitions = dict(
            session.execute(
                select(RouteRecognition.competence_id, RouteRecognition.reason).where(
                    RouteRecognition.route_id == route.id
                )
            ).all()
        )
    return ExemptionDetail(
        candidate_id=candidate.id,
        candidate_name=name_of(candidate),
        candidate_status=candidate.status,
        language=candidate.language,
        faculty=candidate.faculty,
        cases=case_infos(session, candidate.id, today),
        certificates=certificate_infos(session, candidate.id, choices),
        competences=choices,
        recognitions=recognitions,
        filing_refusal=filing_refusal(session, candidate),
        today=today,
    )


def register_rows(session: Session, today: date) -> list[ExemptionRegisterRow]:
    """Every exemption case, the open ones first, then by the day filed."""
    closed: dict[int, date] = dict(
        session.execute(
            select(ExemptionStep.case_id, ExemptionStep.happened_on).where(
                ExemptionStep.status.in_(CLOSING)
            )
        ).all()
    )
    query = select(
        ExemptionCase.id,
        ExemptionCase.candidate_id,
        ExemptionCase.ground,
        ExemptionCase.status,
        ExemptionCase.decision,
        ExemptionCase.advisor,
        ExemptionCase.filed_on,
        ExemptionCase.meeting_on,
        Candidate.first_name,
        Candidate.prefix,
        Candidate.surname,
        Candidate.initials,
        Candidate.staff_number,
        Candidate.faculty,
        Candidate.archived_at,
    ).join(Candidate, Candidate.id == ExemptionCase.candidate_id)
    rows = []
    for row in session.execute(query):
        closed_on = closed.get(row.id) if row.status in CLOSING else None
        rows.append(
            ExemptionRegisterRow(
                case_id=row.id,
                candidate_id=row.candidate_id,
                candidate_name=full_name(row.first_name, row.prefix, row.surname, row.initials),
                sort_name=fold(sort_name(row.first_name or row.initials, row.prefix, row.surname)),
                staff_number=row.staff_number,
                faculty=row.faculty,
                ground=row.ground,
                status=row.status,
                decision=row.decision,
                advisor=row.advisor,
                filed_on=row.filed_on,
                meeting_on=row.meeting_on,
                closed_on=closed_on,
                days_open=days_open(row.filed_on, closed_on, today),
                next_action=next_action(row.status),
                archived=row.archived_at is not None,
            )
        )
    rows.sort(key=lambda r: (r.status.closed, r.filed_on, r.case_id))
    return rows
