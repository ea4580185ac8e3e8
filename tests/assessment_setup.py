"""Set-up shared by the assessment tests: a candidate with a submitted dossier snapshot, a
panel of application users, and a round with every judgement in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.assessment import Verdict
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.portfolio import DossierState
from utq_desktop.domain.portfolio_models import PortfolioDossier, PortfolioSnapshot
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput

TODAY = date(2026, 6, 1)
S, I = Verdict.SUFFICIENT, Verdict.INSUFFICIENT  # noqa: E741


@dataclass(frozen=True)
class Panel:
    first: int
    second: int
    chair: int


def make_panel(services: Services) -> Panel:
    return Panel(
        services.users.add("anna", "Anna Assessor", "assessor"),
        services.users.add("bert", "Bert Beoordelaar", "assessor"),
        services.users.add("carla", "Carla Chair", "assessor"),
    )


def make_candidate(services: Services, number: str = "100001") -> int:
    return services.candidates.create(
        CandidateInput(staff_number=number, surname="Jansen", first_name="Eva")
    )


def submit(services: Services, candidate_id: int) -> int:
    """What the portfolio's submit does, as far as the assessment cares: a new snapshot of
    the candidate's dossier, the dossier submitted, the candidate in assessment."""
    with services.context.transaction() as session:
        candidate = session.get(Candidate, candidate_id)
        assert candidate is not None
        dossier = session.scalar(
            select(PortfolioDossier).where(PortfolioDossier.candidate_id == candidate_id)
        )
        now = datetime(2026, 5, 1, 12)
        if dossier is None:
            dossier = PortfolioDossier(
                candidate_id=candidate_id,
                framework_id=candidate.framework_id,
                state=DossierState.SUBMITTED,
                created_at=now,
                updated_at=now,
            )
            session.add(dossier)
            session.flush()
        else:
            dossier.state = DossierState.SUBMITTED
        number = (
            len(
                session.scalars(
                    select(PortfolioSnapshot.id).where(PortfolioSnapshot.dossier_id == dossier.id)
                ).all()
            )
            + 1
        )
        snapshot = PortfolioSnapshot(
            dossier_id=dossier.id,
            number=number,
            submitted_at=now,
            submitted_by="tester",
            item_count=0,
            attachment_count=0,
            content={},
            content_sha256="0" * 64,
        )
        session.add(snapshot)
        candidate.status = TrajectoryStatus.ASSESSMENT
        session.flush()
        return snapshot.id


def competence_ids(services: Services, candidate_id: int) -> list[int]:
    view = services.assessment.candidate(candidate_id)
    assert view.current is not None
    return [c.competence_id for c in view.current.competences]


def judge_all(
    services: Services,
    round_id: int,
    candidate_id: int,
    panel: Panel,
    first: list[Verdict],
    second: list[Verdict],
) -> None:
    for index, competence in enumerate(competence_ids(services, candidate_id)):
        services.assessment.judge(
            round_id, competence, panel.first, first[index], f"A on {index}", TODAY
        )
        services.assessment.judge(
            round_id, competence, panel.second, second[index], f"B on {index}", TODAY
        )


def start(services: Services, candidate_id: int, panel: Panel) -> int:
    snapshot = submit(services, candidate_id)
    return services.assessment.start(
        candidate_id, snapshot, [panel.first, panel.second], panel.chair, TODAY
    )


def version(services: Services, candidate_id: int) -> int:
    view = services.assessment.candidate(candidate_id)
    assert view.current is not None
    return view.current.row_version


def returned_snapshots(services: Services) -> list[tuple[int, int, str]]:
    """Record the assessment's calls of the portfolio's return for revision (candidate,
    snapshot, feedback); each still goes through to the real one."""
    calls: list[tuple[int, int, str]] = []
    real = services.portfolio.return_in

    def spy(session: Session, candidate_id: int, snapshot_id: int, feedback: str) -> int:
        calls.append((candidate_id, snapshot_id, feedback))
        return real(session, candidate_id, snapshot_id, feedback)

    services.portfolio.return_in = spy  # type: ignore[method-assign]
    return calls
