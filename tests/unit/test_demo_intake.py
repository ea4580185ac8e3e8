"""Demo intakes: every state occurs, each fits the candidate's status, and they are as
reproducible as the candidates themselves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from database_backends import DatabaseFactory
from sqlalchemy import select

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.intake import IntakeState
from utq_desktop.domain.intake_models import (
    CompetenceRating,
    CriterionRating,
    Intake,
    TeachingExperience,
)
from utq_desktop.services.app import Services
from utq_desktop.services.demo import generate_demo_data

TODAY = date(2026, 11, 23)
S = TrajectoryStatus
IS = IntakeState
LATER = {S.LEARNING_ROUTE, S.PORTFOLIO, S.ASSESSMENT, S.QUALIFIED}
IN_PROGRESS = {IS.DOCUMENTS_INCOMPLETE, IS.READY_FOR_MEETING, IS.MEETING_PLANNED}


def generate(services: Services, count: int, seed: int = 1) -> int:
    return generate_demo_data(services.context, count, seed=seed, today=TODAY)


@pytest.fixture(scope="module")
def sample(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    database = databases.migrated(tmp_path_factory.mktemp("intake-sample"), "intakes")
    services = database.open("tester", today=TODAY)
    assert generate(services, 600) == 600
    yield services
    databases.drop(database)


def table_rows(services: Services, model: Any, order: Any) -> list[dict[str, Any]]:
    with services.context.read() as session:
        result = session.execute(select(*model.__table__.columns).order_by(order))
        return [dict(row._mapping) for row in result]


def intake_tables(services: Services) -> list[list[dict[str, Any]]]:
    return [
        table_rows(services, Intake, Intake.candidate_id),
        table_rows(services, TeachingExperience, TeachingExperience.id),
        table_rows(services, CompetenceRating, CompetenceRating.id),
        table_rows(services, CriterionRating, CriterionRating.id),
    ]


def test_every_intake_state_occurs_in_a_realistic_share(sample: Services) -> None:
    rows = sample.candidates.register()
    states = Counter(row.intake_state for row in rows)
    assert set(states) == set(IntakeState)
    assert states[IS.COMPLETED] > 0.4 * len(rows)
    assert all(states[state] >= 5 for state in IntakeState)
    assert sample.intake.states() == {row.id: row.intake_state for row in rows}


def test_intakes_fit_the_trajectory(sample: Services) -> None:
    for row in sample.candidates.register():
        if row.status in LATER:
            assert row.intake_state is IS.COMPLETED, row
            assert row.intake_completed_on is not None
            assert row.employment_start is not None
            assert row.intake_completed_on < TODAY
        elif row.status is S.INTAKE:
            assert row.intake_state in IN_PROGRESS, row
        else:
            assert row.intake_state is IS.NOT_STARTED, row


def test_completed_intakes_are_whole_or_from_paper(sample: Services) -> None:
    completed = [r for r in sample.candidates.register() if r.intake_state is IS.COMPLETED]
    paper_before = date(TODAY.year - 1, TODAY.month, TODAY.day)
    kinds = Counter()
    for row in completed[:80]:
        detail = sample.intake.detail(row.id)
        assert detail.supervisor == row.supervisor != ""
        documents = detail.documents
        assert documents.sent_on is not None and documents.sent_on <= detail.completed_on  # type: ignore[operator]
        assert detail.tasks.discussed_on is not None
        assert detail.tasks.discussed_on <= documents.sent_on
        assert detail.meeting.agreements
        if detail.completed_on < paper_before:  # type: ignore[operator]
            assert "paper" in detail.meeting.agreements
            assert not detail.experiences and not detail.facts.has_self_diagnosis
            kinds["paper"] += 1
        else:
            assert detail.experiences, row
            assert len(detail.self_diagnosis.ratings.competences) == 5
            kinds["typed"] += 1
    assert kinds["paper"] > 5 and kinds["typed"] > 5


def test_self_ratings_stay_on_the_framework(sample: Services) -> None:
    detail = sample.intake.detail(sample.candidates.register()[0].id)
    competences = {c.id for c in detail.self_diagnosis.competences}
    criteria = {k.id for c in detail.self_diagnosis.competences for k in c.criteria}
    ratings = table_rows(sample, CompetenceRating, CompetenceRating.id)
    assert {r["competence_id"] for r in ratings} <= competences
    assert {r["rating"] for r in ratings} == {1, 2, 3, 4}
    specific = table_rows(sample, CriterionRating, CriterionRating.id)
    assert specific and {r["criterion_id"] for r in specific} <= criteria
    lines = table_rows(sample, TeachingExperience, TeachingExperience.id)
    assert {r["level"] for r in lines} == {"bachelor", "master", "other"}
    assert all(r["year_to"] is None or r["year_from"] <= r["year_to"] <= TODAY.year for r in lines)


def test_each_intake_has_one_audit_entry_in_the_timeline(sample: Services) -> None:
    started = [r for r in sample.candidates.register() if r.intake_state is not IS.NOT_STARTED]
    timeline = sample.audit.candidate_timeline(started[0].id)
    assert [(e.action, e.new_value) for e in timeline if e.entity == "intake"] == [
        ("create", "demo data")
    ]


def test_intakes_are_reproducible_and_grow_stably(
    databases: DatabaseFactory, tmp_path: Path
) -> None:
    opened = {name: databases.migrated(tmp_path, name) for name in ("a", "b", "grown")}
    try:
        first, second, grown = (d.open("tester", today=TODAY) for d in opened.values())
        assert generate(first, 150, seed=5) == 150
        assert generate(second, 150, seed=5) == 150
        assert generate(grown, 60, seed=5) == 60
        assert generate(grown, 150, seed=5) == 90
        assert generate(grown, 150, seed=5) == 0
        assert intake_tables(first) == intake_tables(second)
        # the same candidates got the same intakes, whatever the order of the runs
        by_number = {row.staff_number: row.intake_state for row in first.candidates.register()}
        assert {r.staff_number: r.intake_state for r in grown.candidates.register()} == by_number
    finally:
        for database in opened.values():
            databases.drop(database)
