"""Demo exemption cases: every exempted candidate has the granted case that exempted them,
other requests cover every state, the steps are in order and dated consistently; the
routes' partial-certificate recognitions are real partial certificates; reproducible."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from typing import Any

import pytest
from database_backends import DatabaseFactory

from utq_desktop.domain.exemption import PROCEDURE, CaseStatus, Verdict
from utq_desktop.services.app import Services
from utq_desktop.services.demo import generate_demo_data

TODAY = date(2026, 3, 20)
C = CaseStatus


@pytest.fixture(scope="module")
def sample(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, Any]]:
    database = databases.migrated(tmp_path_factory.mktemp("exemption-sample"), "exemptions")
    services = database.open("tester", today=TODAY)
    assert generate_demo_data(services.context, 3000, seed=1, today=TODAY) == 3000
    yield services, database
    databases.drop(database)


def test_cases_in_every_state_and_granted_ones_match_the_status(
    sample: tuple[Services, Any],
) -> None:
    services, database = sample
    rows = services.exemption.register()
    states = Counter((row.status, row.decision) for row in rows)
    assert {status for status, _ in states} == set(C)
    assert states[(C.INFORMED, Verdict.REFUSE)] and states[(C.DECIDED, Verdict.REFUSE)]
    assert states[(C.INFORMED, Verdict.GRANT)] > states[(C.DECIDED, Verdict.GRANT)] > 0
    exempted = {
        cid for (cid,) in database.query("SELECT id FROM candidate WHERE status = 'exempted'")
    }
    granted = {row.candidate_id for row in rows if row.decision is Verdict.GRANT}
    assert granted == exempted
    for row in rows:
        if row.candidate_id not in exempted:
            assert row.decision is not Verdict.GRANT
    assert len(rows) - len(granted) < 0.03 * 3000  # other requests: a few percent at most


def test_steps_are_in_order_and_dated_consistently(sample: tuple[Services, Any]) -> None:
    services, _database = sample
    rows = services.exemption.register()
    for row in rows[:: max(1, len(rows) // 40)]:
        case = services.exemption.detail(row.candidate_id).case(row.case_id)
        assert case is not None and case.steps[0].status is C.FILED
        statuses = [step.status for step in case.steps]
        assert statuses[-1] is case.status
        for before, after in pairwise(case.steps):
            assert before.on <= after.on < TODAY
            assert after.status in {*PROCEDURE[PROCEDURE.index(before.status) + 1 :], C.WITHDRAWN}
        if C.ADVICE_GIVEN in statuses:
            assert case.meeting_on is not None
            assert case.step(C.ADVICE_GIVEN).on >= case.meeting_on  # type: ignore[union-attr]
            assert case.advice is not None and case.advice_motivation
        if case.status is C.WITHDRAWN:
            assert case.withdrawn_reason
        if case.status.decided:
            assert case.decided_by and case.decision_motivation


def test_partial_certificates_with_their_recognitions(sample: tuple[Services, Any]) -> None:
    services, database = sample
    loose = database.query(
        "SELECT COUNT(*) FROM route_recognition WHERE partial_certificate_id IS NULL"
    )
    assert loose == [(0,)]
    [(certificates,)] = database.query("SELECT COUNT(*) FROM partial_certificate")
    assert certificates >= 10
    [(candidate_id,)] = database.query("SELECT candidate_id FROM partial_certificate LIMIT 1")
    detail = services.exemption.detail(candidate_id)
    [certificate] = detail.certificates
    assert certificate.recognised == certificate.data.competence_ids != ()
    reason = detail.recognitions[certificate.recognised[0]]
    assert reason.startswith(f"Partial certificate, {certificate.data.institution}, ")


def test_the_same_seed_gives_the_same_cases(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    def cases(name: str) -> list[tuple[Any, ...]]:
        database = databases.migrated(tmp_path_factory.mktemp(name), name)
        try:
            services = database.open("tester", today=TODAY)
            generate_demo_data(services.context, 400, seed=5, today=TODAY)
            return database.query(
                "SELECT c.staff_number, e.status, e.filed_on, e.ground FROM exemption_case e "
                "JOIN candidate c ON c.id = e.candidate_id ORDER BY c.staff_number"
            )
        finally:
            databases.drop(database)

    first = cases("first")
    assert first and first == cases("second")
