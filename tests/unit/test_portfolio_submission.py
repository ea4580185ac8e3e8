"""Readiness and submission: the supervisor's mark, the coordinator's submission with its
immutable snapshot (and the candidate's move to assessment in the same transaction), the
override of unmet requirements with a reason, the return for revision and resubmission."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from database_backends import TempDatabase
from portfolio_setup import (
    complete_dossier,
    evidence,
    make_candidate,
    open_portfolio_services,
)
from sqlalchemy import select

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import CriterionState, DossierState, RequirementsNotMetError
from utq_desktop.domain.portfolio_models import PortfolioSnapshot, SnapshotImmutableError
from utq_desktop.errors import IllegalTransitionError, NotFoundError, UtqError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.portfolio_dto import FeedbackInput

S = TrajectoryStatus


@pytest.fixture
def services(database: TempDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    return open_portfolio_services(database, tmp_path, monkeypatch)


@pytest.fixture
def ready(services: Services, tmp_path: Path) -> tuple[int, int]:
    """A complete dossier, marked ready: (candidate id, dossier version)."""
    candidate = make_candidate(services)
    complete_dossier(services, candidate, tmp_path)
    view = services.portfolio.dossier(candidate)
    assert view.requirements_met
    return candidate, services.portfolio.mark_ready(candidate, view.row_version)


def test_marking_ready_and_taking_it_back(services: Services, ready: tuple[int, int]) -> None:
    candidate, version = ready
    view = services.portfolio.dossier(candidate)
    assert view.state is DossierState.READY and view.can_submit
    assert (view.marked_ready_by, view.marked_ready_on) == ("anna", view.today)
    with pytest.raises(IllegalTransitionError, match="already marked ready"):
        services.portfolio.mark_ready(candidate, version)
    version = services.portfolio.unmark_ready(candidate, version)
    view = services.portfolio.dossier(candidate)
    assert view.state is DossierState.WORKING and view.marked_ready_on is None
    with pytest.raises(IllegalTransitionError, match="marks it ready first"):
        services.portfolio.submit(candidate, version)


def test_submission_takes_a_snapshot_and_moves_the_candidate(
    services: Services, ready: tuple[int, int]
) -> None:
    candidate, version = ready
    info = services.portfolio.submit(candidate, version)
    assert (info.number, info.items, info.attachments, info.submitted_by) == (1, 10, 6, "anna")
    view = services.portfolio.dossier(candidate)
    assert view.state is DossierState.SUBMITTED and view.current_snapshot == info
    assert services.candidates.detail(candidate).data.status is S.ASSESSMENT
    snapshot = services.portfolio.snapshot(info.id)
    assert snapshot.candidate_name == "Ayşe Doğan" and snapshot.content == view.content
    assert snapshot.checklist == view.checklist
    assert [s.id for s in services.portfolio.snapshots(candidate)] == [info.id]
    changes = {
        (e.entity, e.field, e.new_value) for e in services.audit.candidate_timeline(candidate)
    }
    assert ("candidate", "status", "assessment") in changes
    assert ("portfolio_snapshot", "snapshot", "1") in changes
    assert ("portfolio_dossier", "dossier_state", "submitted") in changes


def test_editing_after_submission_leaves_the_snapshot_alone(
    services: Services, ready: tuple[int, int], tmp_path: Path
) -> None:
    candidate, version = ready
    info = services.portfolio.submit(candidate, version)
    before = services.portfolio.snapshot(info.id)
    item = next(i for i in services.portfolio.dossier(candidate).items if i.attachments)
    services.portfolio.update_item(item.id, evidence(title="Rewritten after submission"), 1)
    services.portfolio.remove_attachment(item.attachments[0].id, 2)
    services.portfolio.add_item(candidate, evidence(title="A new item"))
    services.portfolio.set_criterion_state(candidate, "C1.1", CriterionState.ACCEPTED, 0)
    services.portfolio.add_feedback(candidate, FeedbackInput("Later feedback"))
    after = services.portfolio.snapshot(info.id)
    assert after == before
    assert "Rewritten after submission" not in {i.title for i in after.content.items}
    assert services.portfolio.dossier(candidate).items[0].title == "A new item"


def test_the_orm_refuses_to_change_or_delete_a_snapshot(
    services: Services, ready: tuple[int, int]
) -> None:
    candidate, version = ready
    info = services.portfolio.submit(candidate, version)
    with (
        pytest.raises(SnapshotImmutableError, match="cannot be changed"),
        services.context.transaction() as session,
    ):
        row = session.get(PortfolioSnapshot, info.id)
        assert row is not None
        row.override_reason = "tampered"
    with (
        pytest.raises(SnapshotImmutableError, match="cannot be deleted"),
        services.context.transaction() as session,
    ):
        session.delete(session.scalar(select(PortfolioSnapshot)))
    assert services.portfolio.snapshot(info.id).info.override_reason == ""


def test_content_altered_outside_the_application_is_detected(
    services: Services, ready: tuple[int, int], database: TempDatabase
) -> None:
    candidate, version = ready
    info = services.portfolio.submit(candidate, version)
    from sqlalchemy import text

    with services.context.database.sessions() as session, session.begin():
        session.execute(
            text("UPDATE portfolio_snapshot SET content = :c WHERE id = :i"),
            {"c": '{"format": 1}', "i": info.id},
        )
    with pytest.raises(UtqError, match="altered outside the application"):
        services.portfolio.snapshot(info.id)


def test_unmet_requirements_block_submission_unless_overridden(
    services: Services,
) -> None:
    candidate = make_candidate(services)
    services.portfolio.add_item(candidate, evidence())
    version = services.portfolio.mark_ready(
        candidate, services.portfolio.dossier(candidate).row_version
    )
    with pytest.raises(RequirementsNotMetError) as error:
        services.portfolio.submit(candidate, version)
    assert "observations" in {c.key for c in error.value.missing}
    assert services.portfolio.dossier(candidate).state is DossierState.READY
    with pytest.raises(ValidationError, match="at most 2,000"):
        services.portfolio.submit(candidate, version, "x" * 2001)
    reason = "Observation done at the previous university; report follows."
    info = services.portfolio.submit(candidate, version, reason)
    assert info.override_reason == reason
    assert not services.portfolio.snapshot(info.id).checklist[-1].met
    events = services.audit.candidate_timeline(candidate)
    assert any(e.field == "requirements_override" and e.new_value == reason for e in events)


def test_a_candidate_still_in_learning_route_moves_via_portfolio(
    services: Services, tmp_path: Path
) -> None:
    candidate = make_candidate(services, status=S.LEARNING_ROUTE)
    complete_dossier(services, candidate, tmp_path)
    version = services.portfolio.mark_ready(
        candidate, services.portfolio.dossier(candidate).row_version
    )
    services.portfolio.submit(candidate, version)
    moves = [
        (e.old_value, e.new_value)
        for e in reversed(services.audit.candidate_timeline(candidate))
        if e.entity == "candidate" and e.field == "status" and e.action == "update"
    ]
    assert moves == [("learning_route", "portfolio"), ("portfolio", "assessment")]


def test_a_candidate_in_intake_cannot_be_submitted(services: Services, tmp_path: Path) -> None:
    candidate = make_candidate(services, status=S.INTAKE)
    complete_dossier(services, candidate, tmp_path)
    version = services.portfolio.mark_ready(
        candidate, services.portfolio.dossier(candidate).row_version
    )
    with pytest.raises(IllegalTransitionError, match=r"cannot be submitted: .*'Intake'"):
        services.portfolio.submit(candidate, version)
    assert services.portfolio.dossier(candidate).snapshots == ()  # nothing half-done
    assert services.candidates.detail(candidate).data.status is S.INTAKE


def test_return_for_revision_and_resubmission_make_a_new_snapshot(
    services: Services, ready: tuple[int, int]
) -> None:
    candidate, version = ready
    first = services.portfolio.submit(candidate, version)
    first_content = services.portfolio.snapshot(first.id)
    with pytest.raises(ValidationError, match="Enter the feedback"):
        services.portfolio.return_for_revision(candidate, first.id, " ")
    version = services.portfolio.return_for_revision(
        candidate, first.id, "C3: the assessment plan lacks a test matrix."
    )
    view = services.portfolio.dossier(candidate)
    assert view.state is DossierState.WORKING and view.row_version == version
    assert services.candidates.detail(candidate).data.status is S.PORTFOLIO
    assert view.snapshots[0].returned and view.snapshots[0].returned_by == "anna"
    assert view.feedback[0].text == "C3: the assessment plan lacks a test matrix."
    assert not view.feedback[0].resolved
    with pytest.raises(IllegalTransitionError, match="returned for revision already"):
        services.portfolio.return_for_revision(candidate, first.id, "again")
    services.portfolio.add_item(candidate, evidence(title="Test matrix", criterion_codes=("C3.1",)))
    version = services.portfolio.mark_ready(candidate, version)
    second = services.portfolio.submit(candidate, version)
    assert second.number == 2 and second.items == first.items + 1
    assert [s.number for s in services.portfolio.snapshots(candidate)] == [1, 2]
    kept = services.portfolio.snapshot(first.id)
    assert kept.content == first_content.content and kept.info.returned
    assert "Test matrix" in {i.title for i in services.portfolio.snapshot(second.id).content.items}


def test_only_the_snapshot_being_assessed_can_be_returned(
    services: Services, ready: tuple[int, int]
) -> None:
    candidate, version = ready
    with pytest.raises(NotFoundError):
        services.portfolio.return_for_revision(candidate, 999, "x")
    first = services.portfolio.submit(candidate, version)
    other = make_candidate(services, "0077777")
    with pytest.raises(NotFoundError, match="not one of this candidate"):
        services.portfolio.return_for_revision(other, first.id, "x")
    with pytest.raises(NotFoundError):
        services.portfolio.snapshot(first.id + 1)


def test_a_qualified_or_exempted_candidates_dossier_is_closed_to_changes(
    services: Services, tmp_path: Path
) -> None:
    """Read and export, yes; change, no — the core refuses, whatever the UI offers."""
    cid = make_candidate(services)
    item_id = services.portfolio.add_item(cid, evidence())
    detail = services.candidates.detail(cid)
    data = replace(detail.data, status=TrajectoryStatus.EXEMPTED)
    services.candidates.update(cid, data, detail.row_version)
    view = services.portfolio.dossier(cid)
    assert view.closed and not view.can_mark_ready
    with pytest.raises(IllegalTransitionError, match="closed: the candidate is exempted"):
        services.portfolio.add_item(cid, evidence(title="Late addition"))
    item = next(i for i in view.items if i.id == item_id)
    with pytest.raises(IllegalTransitionError, match="closed"):
        services.portfolio.remove_item(item.id, item.row_version)
    services.portfolio.export_pdf(cid, tmp_path / "closed.pdf")  # reading stays possible
    assert [i.title for i in services.portfolio.dossier(cid).items] == [item.title]
