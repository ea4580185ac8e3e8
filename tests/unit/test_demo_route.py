"""Demo learning routes: most candidates past the intake have one, with activities in every
state, some overdue, some after the deadline; consistent dates; reproducible per seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from database_backends import DatabaseFactory

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.services.app import Services
from utq_desktop.services.demo import generate_demo_data

TODAY = date(2026, 11, 23)
S = TrajectoryStatus
PAST_INTAKE = {S.LEARNING_ROUTE, S.PORTFOLIO, S.ASSESSMENT}


def generate(services: Services, count: int, seed: int = 1) -> int:
    return generate_demo_data(services.context, count, seed=seed, today=TODAY)


@pytest.fixture(scope="module")
def sample(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, Any]]:
    database = databases.migrated(tmp_path_factory.mktemp("route-sample"), "routes")
    services = database.open("tester", today=TODAY)
    assert generate(services, 800) == 800
    yield services, database
    databases.drop(database)


def routes_by_candidate(services: Services) -> dict[int, Any]:
    return {
        row.id: services.route.detail(row.id)
        for row in services.candidates.register()
        if row.status in PAST_INTAKE
    }


def test_most_candidates_past_the_intake_have_a_route_in_every_state(
    sample: tuple[Services, Any],
) -> None:
    services, _database = sample
    routes = routes_by_candidate(services)
    with_route = [r for r in routes.values() if r.row_version]
    assert len(with_route) / len(routes) > 0.75
    activities = [a for r in with_route for a in r.activities]
    statuses = Counter(a.status.value for a in activities)
    assert set(statuses) == {"planned", "registered", "completed", "cancelled"}
    assert statuses["completed"] > statuses["planned"] > statuses["cancelled"]
    assert sum(a.overdue for a in activities) >= 10
    assert sum(any(a.late for a in r.activities) for r in with_route) >= 3
    assert sum(r.agreement.agreed for r in with_route) / len(with_route) > 0.6
    assert any(c.recognition for r in with_route for c in r.competences)
    for route in with_route:
        assert route.activities and all(
            a.template or a.data.competence_ids for a in route.activities
        )
        if route.agreement.agreed:
            assert route.agreement.agreed_by == route.supervisor


def test_dates_follow_the_status_rules(sample: tuple[Services, Any]) -> None:
    _services, database = sample
    rows = database.query(
        "SELECT status, registered_on, completed_on, cancelled_on FROM route_activity"
    )
    today = TODAY.isoformat()
    for status, registered, completed, cancelled in rows:
        for day in (registered, completed, cancelled):
            assert day is None or str(day) < today
        assert (completed is not None) == (status == "completed")
        assert (cancelled is not None) == (status == "cancelled")
        if status == "registered":
            assert registered is not None
        if completed and registered:
            assert str(registered) <= str(completed)


def test_routes_use_the_template_so_applying_it_again_adds_nothing_twice(
    database: Any,
) -> None:
    services = database.open("tester", today=TODAY)
    assert generate(services, 200) == 200
    template = next(t for t in services.route_templates.list() if t.framework_code == "4tu")
    with_route = [cid for cid, r in routes_by_candidate(services).items() if r.row_version][:40]
    before = database.query("SELECT COUNT(*) FROM route_activity")[0][0]
    result = services.route_templates.apply(template.id, with_route)
    for outcome in result.outcomes:
        assert outcome.added + outcome.already + outcome.recognised == len(template.items)
    assert result.added < len(with_route) * len(template.items) / 3  # most were there
    duplicates = database.query(
        "SELECT route_id, template_item_id FROM route_activity WHERE template_item_id IS NOT "
        "NULL GROUP BY route_id, template_item_id HAVING COUNT(*) > 1"
    )
    assert (
        duplicates == []
        and before + result.added == database.query("SELECT COUNT(*) FROM route_activity")[0][0]
    )


def test_each_route_has_one_audit_entry_in_the_timeline(sample: tuple[Services, Any]) -> None:
    services, _database = sample
    candidate_id = next(cid for cid, r in routes_by_candidate(services).items() if r.row_version)
    events = services.audit.candidate_timeline(candidate_id)
    assert [(e.action, e.new_value) for e in events if e.entity == "learning_route"] == [
        ("create", "demo data")
    ]


def route_rows(database: Any) -> list[tuple[Any, ...]]:
    return database.query(
        "SELECT c.staff_number, a.title, a.planned_on, a.status, a.completed_on, r.agreed_on,"
        " (SELECT COUNT(*) FROM route_activity_competence l WHERE l.activity_id = a.id)"
        " FROM route_activity a JOIN learning_route r ON r.id = a.route_id"
        " JOIN candidate c ON c.id = r.candidate_id ORDER BY 1, 2"
    )


def test_routes_are_reproducible_and_grow_stably(
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
        rows = route_rows(opened["a"])
        assert rows and rows == route_rows(opened["b"]) == route_rows(opened["grown"])
    finally:
        for database in opened.values():
            databases.drop(database)
