"""Reading a dossier: the Portfolio tab's DossierView in one session, a handful of queries
that fetch columns (never ORM objects, never file content), whatever the dossier's size.
The same content builder feeds a submission's snapshot.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Subquery, false, func, select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import (
    AppUser,
    Candidate,
    Competence,
    InstitutionSettings,
)
from utq_desktop.domain.names import full_name
from utq_desktop.domain.portfolio import (
    DossierState,
)
from utq_desktop.domain.portfolio_models import (
    PortfolioDossier,
    PortfolioFeedback,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
)
from utq_desktop.domain.route_models import LearningRoute, RouteRecognition
from utq_desktop.services.portfolio_content import build_content, checklist
from utq_desktop.services.portfolio_dto import (
    DossierView,
    SnapshotInfo,
)
from utq_desktop.services.portfolio_framework import framework_map
from utq_desktop.services.route_read import route_framework_id

# audit entities of the portfolio; every row also carries the candidate's id
DOSSIER = "portfolio_dossier"
ITEM = "portfolio_item"
OBSERVATION = "portfolio_observation"
CRITERION_STATE = "portfolio_criterion"
FEEDBACK = "portfolio_feedback"
SNAPSHOT = "portfolio_snapshot"


def dossier_of(session: Session, candidate_id: int) -> PortfolioDossier | None:
    return session.scalar(
        select(PortfolioDossier).where(PortfolioDossier.candidate_id == candidate_id)
    )


def dossier_framework_id(session: Session, candidate: Candidate) -> int | None:
    """The version a new dossier uses: the learning route's (its recognitions refer to
    it), else the one the route would use."""
    from_route = session.scalar(
        select(LearningRoute.framework_id).where(LearningRoute.candidate_id == candidate.id)
    )
    return from_route or route_framework_id(session, candidate)


def recognitions(session: Session, candidate_id: int) -> dict[str, str]:
    """Competences recognised on the candidate's route (by code): the reason, e.g. a
    partial certificate from another university."""
    rows = session.execute(
        select(Competence.code, RouteRecognition.reason)
        .join(LearningRoute, LearningRoute.id == RouteRecognition.route_id)
        .join(Competence, Competence.id == RouteRecognition.competence_id)
        .where(LearningRoute.candidate_id == candidate_id)
    )
    return {code: reason for code, reason in rows}


def build_view(session: Session, candidate: Candidate, today: date) -> DossierView:
    dossier = dossier_of(session, candidate.id)
    framework_id = dossier.framework_id if dossier else dossier_framework_id(session, candidate)
    fmap = framework_map(session, framework_id)
    content = build_content(
        session, dossier.id if dossier else None, fmap, recognitions(session, candidate.id)
    )
    supervisor = session.get(AppUser, candidate.supervisor_id) if candidate.supervisor_id else None
    return DossierView(
        candidate_id=candidate.id,
        candidate_name=name_of(candidate),
        staff_number=candidate.staff_number,
        faculty=candidate.faculty,
        candidate_status=candidate.status,
        supervisor=supervisor.name if supervisor else "",
        framework_id=fmap.id,
        framework=fmap.label,
        row_version=dossier.row_version if dossier else 0,
        state=dossier.state if dossier else DossierState.WORKING,
        content=content,
        requirements=fmap.requirements,
        checklist=checklist(fmap.requirements, content),
        snapshots=snapshot_infos(session, dossier.id) if dossier else (),
        marked_ready_on=dossier.marked_ready_on if dossier else None,
        marked_ready_by=dossier.marked_ready_by if dossier else "",
        today=today,
        institution=session.scalar(select(InstitutionSettings.name)) or "",
    )


def name_of(candidate: Candidate) -> str:
    return full_name(candidate.first_name, candidate.prefix, candidate.surname, candidate.initials)


def snapshot_infos(session: Session, dossier_id: int) -> tuple[SnapshotInfo, ...]:
    rows = session.execute(
        select(
            PortfolioSnapshot.id,
            PortfolioDossier.candidate_id,
            PortfolioSnapshot.number,
            PortfolioSnapshot.submitted_at,
            PortfolioSnapshot.submitted_by,
            PortfolioSnapshot.item_count,
            PortfolioSnapshot.attachment_count,
            PortfolioSnapshot.content_sha256,
            PortfolioSnapshot.override_reason,
            PortfolioSnapshotReturn.returned_at,
            PortfolioSnapshotReturn.returned_by,
            PortfolioSnapshotReturn.feedback,
        )
        .join(PortfolioDossier, PortfolioDossier.id == PortfolioSnapshot.dossier_id)
        .outerjoin(
            PortfolioSnapshotReturn, PortfolioSnapshotReturn.snapshot_id == PortfolioSnapshot.id
        )
        .where(PortfolioSnapshot.dossier_id == dossier_id)
        .order_by(PortfolioSnapshot.number)
    )
    return tuple(
        SnapshotInfo(
            id=r[0],
            candidate_id=r[1],
            number=r[2],
            submitted_at=r[3],
            submitted_by=r[4],
            items=r[5],
            attachments=r[6],
            content_sha256=r[7],
            override_reason=r[8],
            returned_at=r[9],
            returned_by=r[10] or "",
            return_feedback=r[11] or "",
        )
        for r in rows
    )


def open_feedback_per_candidate() -> Subquery:
    """For the register's query (an outer join on candidate_id): each candidate's count
    of unresolved feedback, as ``open_feedback``. Grouped once, which at 50,000
    candidates costs a fraction of a count per row."""
    return (
        select(
            PortfolioDossier.candidate_id,
            func.count(PortfolioFeedback.id).label("open_feedback"),
        )
        .join(PortfolioFeedback, PortfolioFeedback.dossier_id == PortfolioDossier.id)
        .where(PortfolioFeedback.resolved == false())
        .group_by(PortfolioDossier.candidate_id)
        .subquery()
    )
