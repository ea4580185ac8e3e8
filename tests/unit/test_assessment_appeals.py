"""Appeals against a result, and the rule the certificate code asks
(sufficient_result_date / qualified_since)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from assessment_setup import (
    TODAY,
    I,
    Panel,
    S,
    judge_all,
    make_candidate,
    make_panel,
    returned_snapshots,
    start,
    submit,
    version,
)
from database_backends import TempDatabase

from utq_desktop.domain.assessment import AppealOutcome, AssessmentState, Verdict
from utq_desktop.domain.assessment_models import Assessment
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.errors import IllegalTransitionError, StaleEditError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.assessment_rules import qualified_since, sufficient_result_date
from utq_desktop.services.dto import InstitutionSettingsData

DECIDED_ON = date(2026, 4, 1)  # appeal deadline (6 weeks): 13-5-2026


@pytest.fixture
def services(database: TempDatabase) -> Iterator[Services]:
    yield database.open("coordinator", today=TODAY)


@pytest.fixture
def panel(services: Services) -> Panel:
    return make_panel(services)


def decided(
    services: Services, panel: Panel, verdicts: list[Verdict], number: str = "100001"
) -> tuple[int, int]:
    cid = make_candidate(services, number)
    round_id = start(services, cid, panel)
    # the round started before its result; start() dates it TODAY, so date it back
    with services.context.transaction() as session:
        row = session.get(Assessment, round_id)
        assert row is not None
        row.started_on = date(2026, 3, 1)
    judge_all(services, round_id, cid, panel, verdicts, verdicts)
    services.assessment.record_result(round_id, DECIDED_ON, "as judged", version(services, cid))
    return cid, round_id


def rules(services: Services, cid: int) -> date | None:
    with services.context.read() as session:
        return sufficient_result_date(session, cid)


def test_appeal_within_the_deadline_records_the_case(services: Services, panel: Panel) -> None:
    returned_snapshots(services)
    cid, round_id = decided(services, panel, [S, I, S, S, S])
    appeal_id = services.appeals.file(
        round_id, date(2026, 5, 13), "C2 was judged on an old version", version(services, cid)
    )
    view = services.assessment.candidate(cid).current
    assert view is not None and view.state is AssessmentState.APPEAL
    appeal = view.pending_appeal
    assert appeal is not None and appeal.id == appeal_id
    assert (appeal.deadline, appeal.late_accepted) == (date(2026, 5, 13), False)
    with pytest.raises(IllegalTransitionError, match="pending already"):
        services.appeals.file(round_id, date(2026, 5, 13), "again", version(services, cid))
    v = services.appeals.set_hearing(appeal_id, date(2026, 6, 20), appeal.row_version)
    with pytest.raises(ValidationError, match="before the appeal was filed"):
        services.appeals.set_hearing(appeal_id, date(2026, 5, 1), v)


def test_late_filing_is_refused_unless_accepted_with_a_reason(
    services: Services, panel: Panel
) -> None:
    returned_snapshots(services)
    cid, round_id = decided(services, panel, [I, I, S, S, S])
    with pytest.raises(ValidationError, match="after the deadline of 13-5-2026"):
        services.appeals.file(round_id, date(2026, 5, 14), "late", version(services, cid))
    with pytest.raises(ValidationError, match="before the result"):
        services.appeals.file(round_id, date(2026, 3, 31), "early", version(services, cid))
    services.appeals.file(
        round_id, date(2026, 5, 14), "late", version(services, cid), late_reason="postal strike"
    )
    appeal = services.assessment.candidate(cid).rounds[0].appeals[0]
    assert appeal.late_accepted and appeal.late_reason == "postal strike"


def test_the_appeal_period_is_an_institution_setting(services: Services, panel: Panel) -> None:
    versioned = services.settings.get_versioned()
    services.settings.update(replace(versioned.data, appeal_weeks=8), versioned.row_version)
    cid, _ = decided(services, panel, [S] * 5)
    view = services.assessment.candidate(cid).current
    assert view is not None and view.appeal_deadline == date(2026, 5, 27)
    with pytest.raises(ValidationError, match="appeal period"):
        services.settings.update(InstitutionSettingsData("X", 3, "4tu", appeal_weeks=0))


def test_granted_appeal_turns_insufficient_into_qualified(services: Services, panel: Panel) -> None:
    returned_snapshots(services)
    cid, round_id = decided(services, panel, [S, I, S, S, S])
    assert rules(services, cid) is None
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.PORTFOLIO
    appeal_id = services.appeals.file(round_id, date(2026, 5, 1), "grounds", version(services, cid))
    with pytest.raises(ValidationError, match="motivation"):
        services.appeals.decide(appeal_id, AppealOutcome.GRANTED, date(2026, 5, 20), "", 1)
    result = services.appeals.decide(
        appeal_id, AppealOutcome.GRANTED, date(2026, 5, 20), "C2 shown after all", 1
    )
    assert result is S
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.QUALIFIED
    view = services.assessment.candidate(cid).current
    assert view is not None
    assert (view.state, view.result, view.result_on) == (
        AssessmentState.DECIDED,
        S,
        date(2026, 5, 20),
    )
    assert (view.appeals[0].result_before, view.appeals[0].result_after) == (I, S)
    assert rules(services, cid) == date(2026, 5, 20)
    with pytest.raises(IllegalTransitionError, match="ended already"):
        services.appeals.decide(appeal_id, AppealOutcome.UPHELD, TODAY, "", 2)


def test_granted_appeal_takes_a_sufficient_result_away(services: Services, panel: Panel) -> None:
    calls = returned_snapshots(services)
    cid, round_id = decided(services, panel, [S] * 5)
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.QUALIFIED
    assert rules(services, cid) == DECIDED_ON
    appeal_id = services.appeals.file(round_id, date(2026, 4, 2), "fraud", version(services, cid))
    services.appeals.decide(appeal_id, AppealOutcome.GRANTED, TODAY, "plagiarised evidence", 1)
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.PORTFOLIO
    assert rules(services, cid) is None
    assert len(calls) == 1 and calls[0][0] == cid


def test_upheld_and_withdrawn_leave_the_result(services: Services, panel: Panel) -> None:
    returned_snapshots(services)
    cid, round_id = decided(services, panel, [S, S, I, S, S])
    appeal_id = services.appeals.file(round_id, date(2026, 4, 2), "unfair", version(services, cid))
    with pytest.raises(StaleEditError):
        services.appeals.decide(appeal_id, AppealOutcome.UPHELD, TODAY, "", 7)
    services.appeals.decide(appeal_id, AppealOutcome.UPHELD, TODAY, "judged carefully", 1)
    view = services.assessment.candidate(cid).current
    assert view is not None and (view.state, view.result) == (AssessmentState.DECIDED, I)
    second = services.appeals.file(
        round_id, TODAY, "next instance", version(services, cid), late_reason="board allowed it"
    )
    services.appeals.decide(second, AppealOutcome.WITHDRAWN, TODAY, "", 1)
    view = services.assessment.candidate(cid).current
    assert view is not None and view.result is I and len(view.appeals) == 2
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.PORTFOLIO


def test_no_new_round_while_an_appeal_is_pending(services: Services, panel: Panel) -> None:
    returned_snapshots(services)
    cid, round_id = decided(services, panel, [I] * 5)
    services.appeals.file(round_id, date(2026, 4, 2), "grounds", version(services, cid))
    snapshot = submit(services, cid)
    with pytest.raises(IllegalTransitionError, match=r"appeal .* is pending"):
        services.assessment.start(cid, snapshot, [panel.first, panel.second], panel.chair)


def test_qualified_since_lists_standing_sufficient_results(
    services: Services, panel: Panel
) -> None:
    returned_snapshots(services)
    good, _ = decided(services, panel, [S] * 5, "200001")
    bad, _ = decided(services, panel, [I] * 5, "200002")
    undecided = make_candidate(services, "200003")
    start(services, undecided, panel)
    with services.context.read() as session:
        assert qualified_since(session, None) == {good: DECIDED_ON}
        assert qualified_since(session, DECIDED_ON) == {good: DECIDED_ON}
        assert qualified_since(session, date(2026, 4, 2)) == {}
        assert sufficient_result_date(session, bad) is None
        assert sufficient_result_date(session, undecided) is None
