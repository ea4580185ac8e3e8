"""Test data for certificate tests: assessment results and exemptions written straight into
the database (the assessment and exemption workflows have their own tests), and a
completed route activity."""

from __future__ import annotations

from datetime import date, datetime

from utq_desktop.domain.assessment import AssessmentState, Verdict
from utq_desktop.domain.assessment_models import Assessment
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround
from utq_desktop.domain.exemption import Verdict as ExemptionVerdict
from utq_desktop.domain.exemption_models import ExemptionCase
from utq_desktop.domain.portfolio_models import PortfolioDossier, PortfolioSnapshot
from utq_desktop.domain.route import ActivityKind, ActivityStatus
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.route_dto import ActivityInput

NOW = datetime(2026, 1, 5, 9, 0)


def add_candidate(
    services: Services,
    number: str,
    first_name: str,
    surname: str,
    prefix: str = "",
    status: TrajectoryStatus = TrajectoryStatus.ASSESSMENT,
) -> int:
    return services.candidates.create(
        CandidateInput(
            staff_number=number,
            first_name=first_name,
            prefix=prefix,
            surname=surname,
            employment_start=date(2023, 9, 1),
            status=status,
        )
    )


def record_result(
    services: Services, candidate_id: int, on: date, verdict: Verdict = Verdict.SUFFICIENT
) -> None:
    """A decided assessment round with ``verdict`` on day ``on`` (a new round each call)."""
    with services.context.transaction() as session:
        dossier = session.query(PortfolioDossier).filter_by(candidate_id=candidate_id).first()
        if dossier is None:
            dossier = PortfolioDossier(candidate_id=candidate_id, created_at=NOW, updated_at=NOW)
            session.add(dossier)
            session.flush()
        rounds = session.query(Assessment).filter_by(candidate_id=candidate_id).count()
        snapshot = PortfolioSnapshot(
            dossier_id=dossier.id,
            number=rounds + 1,
            submitted_at=NOW,
            submitted_by="tester",
            item_count=0,
            attachment_count=0,
            content={},
            content_sha256="0" * 64,
        )
        session.add(snapshot)
        session.flush()
        session.add(
            Assessment(
                candidate_id=candidate_id,
                snapshot_id=snapshot.id,
                round=rounds + 1,
                state=AssessmentState.DECIDED,
                started_on=on,
                result=verdict,
                result_on=on,
                created_at=NOW,
            )
        )


def grant_exemption(services: Services, candidate_id: int) -> None:
    """A granted exemption case (the candidate's status is left as it is)."""
    with services.context.transaction() as session:
        session.add(
            ExemptionCase(
                candidate_id=candidate_id,
                ground=next(iter(ExemptionGround)),
                status=CaseStatus.DECIDED,
                filed_on=date(2025, 1, 6),
                filed_by="HR",
                decision=ExemptionVerdict.GRANT,
                created_at=NOW,
                updated_at=NOW,
            )
        )


def completed_activity(
    services: Services, candidate_id: int, title: str, on: date | None = None
) -> int:
    """A training module on the candidate's route, completed on ``on`` (else only planned)."""
    activity_id = services.route.add_activity(
        candidate_id,
        ActivityInput(kind=ActivityKind.TRAINING_MODULE, title=title, planned_on=date(2025, 3, 3)),
    )
    if on is not None:
        version = next(
            a.row_version
            for a in services.route.detail(candidate_id).activities
            if a.id == activity_id
        )
        services.route.set_status(activity_id, ActivityStatus.COMPLETED, on, version)
    return activity_id
