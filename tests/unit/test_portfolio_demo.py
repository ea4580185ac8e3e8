"""Demo dossiers: at every stage (empty, partly covered, complete, ready, submitted, returned
and resubmitted), with attachments shared through the content-addressed store, snapshots
that read back as submitted, open feedback in the register; reproducible per seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from database_backends import DatabaseFactory

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import CriterionState, DossierState
from utq_desktop.services.app import Services
from utq_desktop.services.demo import generate_demo_data
from utq_desktop.services.demo_portfolio_files import POOL, tiny_pdf

TODAY = date(2026, 11, 23)
S = TrajectoryStatus


@pytest.fixture(scope="module")
def sample(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, Any]]:
    database = databases.migrated(tmp_path_factory.mktemp("portfolio-sample"), "portfolio")
    services = database.open("tester", today=TODAY)
    assert generate_demo_data(services.context, 400, seed=3, today=TODAY) == 400
    yield services, database
    databases.drop(database)


@pytest.fixture(scope="module")
def views(sample: tuple[Services, Any]) -> dict[int, Any]:
    """The dossiers of the candidates in Portfolio and Assessment, read once."""
    services, _database = sample
    return {
        row.id: services.portfolio.dossier(row.id)
        for row in services.candidates.register()
        if row.status in (S.PORTFOLIO, S.ASSESSMENT)
    }


def test_dossiers_at_every_stage(views: dict[int, Any]) -> None:
    in_portfolio = [v for v in views.values() if v.candidate_status is S.PORTFOLIO]
    states = Counter(v.state for v in in_portfolio if v.row_version)
    assert states[DossierState.WORKING] > 0 and states[DossierState.READY] > 0
    assert any(v.row_version and not v.items for v in in_portfolio)  # empty
    assert any(v.items and not v.requirements_met for v in in_portfolio)  # partly covered
    assert any(v.requirements_met for v in in_portfolio)
    cells = Counter(k.state for v in views.values() for k in v.content.criteria)
    for state in (
        CriterionState.NO_EVIDENCE,
        CriterionState.IN_PROGRESS,
        CriterionState.READY,
        CriterionState.ACCEPTED,
        CriterionState.NEEDS_REVISION,
    ):
        assert cells[state] > 0, state
    submitted = [v for v in views.values() if v.candidate_status is S.ASSESSMENT]
    assert submitted and all(v.items and v.snapshots for v in submitted)  # none left empty
    assert all(v.state is DossierState.SUBMITTED for v in submitted)
    assert any(len(v.snapshots) == 2 and v.snapshots[0].returned for v in submitted)


def test_snapshots_read_back_as_submitted(
    sample: tuple[Services, Any], views: dict[int, Any]
) -> None:
    services, _database = sample
    submitted = [v for v in views.values() if v.snapshots and v.items]
    for view in submitted[:15]:
        latest = services.portfolio.snapshot(view.snapshots[-1].id)
        assert latest.info.items == len(latest.content.items) <= len(view.items)
        assert {i.title for i in latest.content.items} <= {i.title for i in view.items}
        assert latest.candidate_name == view.candidate_name


def test_attachments_come_from_a_small_shared_pool(sample: tuple[Services, Any]) -> None:
    services, database = sample
    pool = sum(len(files) for files in POOL.values())
    (stored,) = database.query("SELECT count(*) FROM stored_file")
    (attached,) = database.query("SELECT count(*) FROM portfolio_attachment")
    assert stored[0] <= pool + 5  # other demo documents may add a few
    assert attached[0] > 5 * pool
    report = services.portfolio.check_files()
    assert report.ok and report.checked == stored[0]


def test_open_feedback_shows_in_the_register(sample: tuple[Services, Any]) -> None:
    services, _database = sample
    counts = services.portfolio.unresolved_feedback()
    assert counts
    rows = {r.id: r for r in services.candidates.register()}
    assert all(rows[cid].unresolved_feedback == n for cid, n in counts.items())


def test_tiny_pdfs_are_real_pdfs() -> None:
    pdf = tiny_pdf("Course manual (draft)", ("A line with a \\ backslash",))
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert b"(Course manual \\(draft\\))" in pdf
    offset = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[offset:].startswith(b"xref")
