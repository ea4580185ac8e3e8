"""Demo assessments: rounds in every state, every qualified candidate with a standing
sufficient result (at least 5% of the candidates), rounds that obey the rules they were
made to show, and the same data for the same seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from database_backends import DatabaseFactory

from utq_desktop.domain.assessment import AppealOutcome, AssessmentState, Phase, Verdict
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import CriterionState
from utq_desktop.services.app import Services
from utq_desktop.services.assessment_dto import CellState, RegisterStage
from utq_desktop.services.assessment_rules import qualified_since
from utq_desktop.services.demo import generate_demo_data

TODAY = date(2026, 11, 23)
COUNT = 900


@pytest.fixture(scope="module")
def sample(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, Any]]:
    database = databases.migrated(tmp_path_factory.mktemp("assessment-sample"), "assessments")
    services = database.open("tester", today=TODAY)
    assert generate_demo_data(services.context, COUNT, seed=3, today=TODAY) == COUNT
    yield services, database
    databases.drop(database)


def test_every_qualified_candidate_has_a_standing_sufficient_result(
    sample: tuple[Services, Any],
) -> None:
    services, _ = sample
    register = services.candidates.register()
    qualified = {r.id for r in register if r.status is TrajectoryStatus.QUALIFIED}
    assert len(qualified) / len(register) >= 0.05
    with services.context.read() as session:
        results = qualified_since(session, None)
    assert set(results) == qualified
    assert all(on <= TODAY for on in results.values())
    assert len({on.year for on in results.values()}) >= 2  # spread, not one day


def test_rounds_in_every_state(sample: tuple[Services, Any]) -> None:
    services, _ = sample
    rows = services.assessment.register()
    stages = Counter(r.stage for r in rows)
    assert set(stages) == set(RegisterStage)
    phases = Counter(r.phase for r in rows if r.phase is not None)
    assert {Phase.JUDGING, Phase.CHAIR, Phase.READY, Phase.DECIDED, Phase.APPEAL} <= set(phases)
    assert any(r.result is Verdict.INSUFFICIENT for r in rows)
    appeals = [
        a
        for r in rows
        if r.stage is RegisterStage.DECIDED
        for round_ in services.assessment.candidate(r.candidate_id).rounds
        for a in round_.appeals
    ]
    outcomes = Counter(a.outcome for a in appeals)
    assert outcomes[AppealOutcome.PENDING] >= 1 and outcomes[AppealOutcome.GRANTED] >= 1


def test_demo_rounds_follow_the_rules(sample: tuple[Services, Any]) -> None:
    services, _ = sample
    for row in services.assessment.register():
        view = services.assessment.candidate(row.candidate_id)
        status = view.candidate_status
        for round_ in view.rounds:
            assert len(round_.assessors) == 2 and round_.chair is not None
            if round_.state in (AssessmentState.DECIDED, AssessmentState.APPEAL):
                assert round_.revealed and round_.result is not None
                granted = any(a.result_after is not None for a in round_.appeals)
                assert granted or round_.proposed_result is round_.result
            for c in round_.competences:
                decided = c.chair.state is CellState.SHOWN
                assert not decided or c.disagreement  # the chair decides disagreements only
        current = view.current
        if status is TrajectoryStatus.QUALIFIED:
            assert current is not None and current.result is Verdict.SUFFICIENT
        if current is not None and current.state is AssessmentState.JUDGING:
            assert status is TrajectoryStatus.ASSESSMENT
        if current is not None and current.result is Verdict.INSUFFICIENT:
            assert current.snapshot_id in {s.id for s in view.snapshots if s.returned}
            # back in the portfolio, or submitted again and waiting for the next round
            assert status is TrajectoryStatus.PORTFOLIO or (
                status is TrajectoryStatus.ASSESSMENT and view.waiting
            )


def test_a_qualified_candidate_was_assessed_on_a_full_dossier(
    sample: tuple[Services, Any],
) -> None:
    """The submission a qualified candidate's sufficient result stands on holds their whole
    dossier (not an empty stand-in), and the working dossier shows the same."""
    services, _ = sample
    register = services.candidates.register()
    qualified = [r.id for r in register if r.status is TrajectoryStatus.QUALIFIED]
    assert qualified
    for cid in qualified[:25]:
        current = services.assessment.candidate(cid).current
        assert current is not None and current.result is Verdict.SUFFICIENT
        snapshot = services.portfolio.snapshot(current.snapshot_id)
        content = snapshot.content
        assert snapshot.checklist and all(check.met for check in snapshot.checklist)
        assert content.observations and snapshot.info.attachments > 0
        assert snapshot.info.items == len(content.items) > 0
        for competence in content.competences:
            if competence.recognised:
                continue
            assert competence.items > competence.reflections > 0, competence.code
            assert all(k.evidence > 0 for k in competence.criteria), competence.code
        # every item was made, every observation held, before the submission
        submitted = snapshot.info.submitted_at.date()
        assert all(i.data.made_on <= submitted for i in content.items)
        assert all(o.data.observed_on <= submitted for o in content.observations)
        dossier = services.portfolio.dossier(cid)
        assert dossier.requirements_met and len(dossier.items) == len(content.items)
        states = {k.state for k in dossier.content.criteria if not k.recognised_because}
        assert states == {CriterionState.ACCEPTED}


def test_same_seed_same_assessments(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    def snapshot(name: str) -> list[tuple[object, ...]]:
        database = databases.migrated(tmp_path_factory.mktemp(name), name)
        services = database.open("tester", today=TODAY)
        generate_demo_data(services.context, 150, seed=9, today=TODAY)
        rows = database.query(
            "SELECT c.staff_number, a.round, a.state, a.result, a.result_on, a.started_on "
            "FROM assessment a JOIN candidate c ON c.id = a.candidate_id ORDER BY 1, 2"
        )
        services.close()
        databases.drop(database)
        return rows

    first = snapshot("again1")
    assert first and first == snapshot("again2")
