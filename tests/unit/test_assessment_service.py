"""The assessment service on a real database: starting a round, blind judgements, the
chair, the result and what it does to the candidate and the dossier, a second round."""

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
    competence_ids,
    judge_all,
    make_candidate,
    make_panel,
    returned_snapshots,
    start,
    submit,
    version,
)
from database_backends import TempDatabase
from sqlalchemy import select

from utq_desktop.domain.assessment import AssessmentState, Phase
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import DossierState
from utq_desktop.domain.portfolio_models import PortfolioDossier
from utq_desktop.errors import IllegalTransitionError, StaleEditError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.assessment_dto import CellState, RegisterStage
from utq_desktop.services.dto import CandidateInput


@pytest.fixture
def services(database: TempDatabase) -> Iterator[Services]:
    yield database.open("coordinator", today=TODAY)


@pytest.fixture
def panel(services: Services) -> Panel:
    return make_panel(services)


def test_start_appoints_the_panel_and_audits_it(
    services: Services, panel: Panel, database: TempDatabase
) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    view = services.assessment.candidate(cid)
    current = view.current
    assert current is not None and current.id == round_id
    assert (current.round, current.state, current.phase) == (
        1,
        AssessmentState.JUDGING,
        Phase.JUDGING,
    )
    assert [m.name for m in current.assessors] == ["Anna Assessor", "Bert Beoordelaar"]
    assert current.chair is not None and current.chair.name == "Carla Chair"
    assert len(current.competences) == 5 and current.judgements_needed == 10
    assert view.waiting == ()
    rows = database.query(
        "SELECT field, new_value FROM audit_entry WHERE entity = 'assessment' AND candidate_id = ?",
        cid,
    )
    assert ("chair", "Carla Chair") in rows


def test_start_refuses_bad_panels_and_snapshots(services: Services, panel: Panel) -> None:
    cid = make_candidate(services)
    snapshot = submit(services, cid)
    with pytest.raises(ValidationError, match="chair cannot also be an assessor"):
        services.assessment.start(cid, snapshot, [panel.first, panel.chair], panel.chair)
    with pytest.raises(ValidationError, match="not a user"):
        services.assessment.start(cid, snapshot, [panel.first, 999], panel.chair)
    other = make_candidate(services, "100002")
    with pytest.raises(ValidationError, match="submitted dossiers"):
        services.assessment.start(other, snapshot, [panel.first, panel.second], panel.chair)
    with pytest.raises(ValidationError, match="still to come"):
        services.assessment.start(
            cid, snapshot, [panel.first, panel.second], panel.chair, date(2026, 7, 1)
        )
    services.assessment.start(cid, snapshot, [panel.first, panel.second], panel.chair)
    with pytest.raises(IllegalTransitionError, match="being assessed or was assessed"):
        services.assessment.start(cid, snapshot, [panel.first, panel.second], panel.chair)


def test_start_refuses_a_candidate_without_submitted_dossier_status(
    services: Services, panel: Panel
) -> None:
    cid = make_candidate(services)
    snapshot = submit(services, cid)
    detail = services.candidates.detail(cid)
    # a coordinator corrected the status back by hand (assessment → portfolio → route)
    v = services.candidates.update(
        cid, replace(detail.data, status=TrajectoryStatus.PORTFOLIO), detail.row_version
    )
    detail = services.candidates.detail(cid)
    services.candidates.update(cid, replace(detail.data, status=TrajectoryStatus.LEARNING_ROUTE), v)
    with pytest.raises(IllegalTransitionError, match="'Learning route'"):
        services.assessment.start(cid, snapshot, [panel.first, panel.second], panel.chair)


def test_judgements_are_blind_until_every_one_is_in(services: Services, panel: Panel) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    competences = competence_ids(services, cid)
    services.assessment.judge(round_id, competences[0], panel.first, S, "clear design", TODAY)
    services.assessment.judge(round_id, competences[0], panel.second, I, "no evaluation", TODAY)

    as_first = services.assessment.candidate(cid, viewer_id=panel.first).current
    assert as_first is not None and not as_first.revealed
    own, other = as_first.competences[0].cells
    assert (own.state, own.verdict, own.motivation) == (CellState.SHOWN, S, "clear design")
    assert (other.state, other.verdict, other.motivation) == (CellState.SEALED, None, "")
    assert as_first.competences[1].cells[1].state is CellState.MISSING
    assert not as_first.competences[0].disagreement  # not known while sealed

    as_coordinator = services.assessment.candidate(cid).current
    assert as_coordinator is not None
    assert {c.state for c in as_coordinator.competences[0].cells} == {CellState.SEALED}
    assert (as_coordinator.judgements_in, as_coordinator.judgements_needed) == (2, 10)

    as_chair = services.assessment.candidate(cid, viewer_id=panel.chair).current
    assert as_chair is not None
    assert {c.state for c in as_chair.competences[0].cells} == {CellState.SEALED}


def test_the_audit_trail_does_not_leak_a_sealed_verdict(
    services: Services, panel: Panel, database: TempDatabase
) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    competence = competence_ids(services, cid)[0]
    services.assessment.judge(round_id, competence, panel.first, I, "weak", TODAY)
    rows = database.query(
        "SELECT actor, field, new_value FROM audit_entry WHERE entity = 'assessment_judgement'"
    )
    assert rows == [("coordinator", "judgement C1 by Anna Assessor", "entered")]


def test_all_in_reveals_and_locks_the_judgements(services: Services, panel: Panel) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    judge_all(services, round_id, cid, panel, [S, S, S, S, S], [S, I, S, S, I])
    view = services.assessment.candidate(cid, viewer_id=panel.first).current
    assert view is not None and view.revealed
    assert view.competences[1].cells[1].verdict is I
    assert [c.disagreement for c in view.competences] == [False, True, False, False, True]
    assert view.phase is Phase.CHAIR
    with pytest.raises(IllegalTransitionError, match="revealed"):
        services.assessment.judge(
            round_id,
            view.competences[1].competence_id,
            panel.second,
            S,
            "on reflection",
            TODAY,
            view.competences[1].cells[1].row_version,
        )


def test_an_assessor_may_change_an_own_sealed_judgement(services: Services, panel: Panel) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    competence = competence_ids(services, cid)[0]
    v1 = services.assessment.judge(round_id, competence, panel.first, I, "weak", TODAY)
    with pytest.raises(StaleEditError):  # a second "new" judgement: someone entered one
        services.assessment.judge(round_id, competence, panel.first, S, "good", TODAY, 0)
    v2 = services.assessment.judge(round_id, competence, panel.first, S, "good", TODAY, v1)
    assert v2 == v1 + 1
    view = services.assessment.candidate(cid, viewer_id=panel.first).current
    assert view is not None and view.competences[0].cells[0].verdict is S


def test_only_assessors_judge_and_motivation_is_required(services: Services, panel: Panel) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    competence = competence_ids(services, cid)[0]
    with pytest.raises(ValidationError, match="chair decides"):
        services.assessment.judge(round_id, competence, panel.chair, S, "fine", TODAY)
    with pytest.raises(ValidationError, match="motivation"):
        services.assessment.judge(round_id, competence, panel.first, S, "   ", TODAY)
    with pytest.raises(ValidationError, match="not part of this assessment"):
        services.assessment.judge(round_id, 99999, panel.first, S, "fine", TODAY)
    with pytest.raises(ValidationError, match="still to come"):
        services.assessment.judge(round_id, competence, panel.first, S, "x", date(2027, 1, 1))


def test_chair_decides_only_disagreements_and_only_when_all_are_in(
    services: Services, panel: Panel
) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    competences = competence_ids(services, cid)
    with pytest.raises(IllegalTransitionError, match="0 of 10"):
        services.assessment.decide(round_id, competences[1], S, "convincing", TODAY)
    judge_all(services, round_id, cid, panel, [S, S, S, S, S], [S, I, S, S, S])
    with pytest.raises(IllegalTransitionError, match="agree"):
        services.assessment.decide(round_id, competences[0], I, "no", TODAY)
    with pytest.raises(IllegalTransitionError, match="chair has yet to decide 1"):
        services.assessment.record_result(round_id, TODAY, "done", version(services, cid))
    services.assessment.decide(round_id, competences[1], S, "evidence suffices", TODAY)
    view = services.assessment.candidate(cid).current
    assert view is not None
    assert view.phase is Phase.READY and view.proposed_result is S
    assert view.competences[1].chair.verdict is S and view.competences[1].final is S


def test_sufficient_result_qualifies_the_candidate(
    services: Services, panel: Panel, database: TempDatabase
) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    judge_all(services, round_id, cid, panel, [S] * 5, [S] * 5)
    with pytest.raises(ValidationError, match="motivation"):
        services.assessment.record_result(round_id, TODAY, " ", version(services, cid))
    result = services.assessment.record_result(
        round_id, TODAY, "All competences shown.", version(services, cid)
    )
    assert result is S
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.QUALIFIED
    view = services.assessment.candidate(cid).current
    assert view is not None
    assert (view.state, view.result, view.result_on) == (AssessmentState.DECIDED, S, TODAY)
    assert view.appeal_deadline == date(2026, 7, 13)
    status_rows = database.query(
        "SELECT old_value, new_value FROM audit_entry WHERE entity = 'candidate' "
        "AND field = 'status' AND candidate_id = ?",
        cid,
    )
    assert ("assessment", "qualified") in status_rows


def test_a_decided_result_cannot_be_recorded_again_or_rejudged(
    services: Services, panel: Panel
) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    judge_all(services, round_id, cid, panel, [S] * 5, [S] * 5)
    services.assessment.record_result(round_id, TODAY, "fine", version(services, cid))
    with pytest.raises(IllegalTransitionError, match="only change through the outcome"):
        services.assessment.record_result(round_id, TODAY, "again", version(services, cid))
    competence = competence_ids(services, cid)[0]
    with pytest.raises(IllegalTransitionError, match="no longer change"):
        services.assessment.judge(round_id, competence, panel.first, I, "oops", TODAY, 1)
    with pytest.raises(IllegalTransitionError, match="cannot be cancelled"):
        services.assessment.cancel(round_id, "mistake", version(services, cid))
    with pytest.raises(StaleEditError):
        services.assessment.record_result(round_id, TODAY, "stale", 1)


def test_insufficient_returns_the_dossier_and_a_resubmission_gets_round_two(
    services: Services, panel: Panel
) -> None:
    calls = returned_snapshots(services)
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    judge_all(services, round_id, cid, panel, [S, I, S, S, S], [S, I, S, S, S])
    result = services.assessment.record_result(
        round_id, TODAY, "Assessment is not yet shown.", version(services, cid)
    )
    assert result is I
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.PORTFOLIO
    [(candidate, _, feedback)] = calls
    assert candidate == cid
    assert "Assessment is not yet shown." in feedback
    assert "C2" in feedback and "B on 1" in feedback and "insufficient" in feedback
    view = services.assessment.candidate(cid)
    assert view.snapshots[0].returned and view.waiting == ()

    second_snapshot = submit(services, cid)
    assert [s.id for s in services.assessment.candidate(cid).waiting] == [second_snapshot]
    round_two = services.assessment.start(
        cid, second_snapshot, [panel.second, panel.first], panel.chair, TODAY
    )
    view = services.assessment.candidate(cid)
    assert [r.round for r in view.rounds] == [2, 1]
    assert view.current is not None and view.current.id == round_two
    assert view.current.snapshot_number == 2 and view.current.judgements_in == 0


def test_cancel_puts_the_submission_back_in_the_queue(services: Services, panel: Panel) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    with pytest.raises(ValidationError, match="why"):
        services.assessment.cancel(round_id, "", version(services, cid))
    services.assessment.cancel(round_id, "wrong panel", version(services, cid))
    view = services.assessment.candidate(cid)
    assert view.current is not None and view.current.phase is Phase.CANCELLED
    assert len(view.waiting) == 1
    services.assessment.start(cid, view.waiting[0].id, [panel.first, panel.second], panel.chair)
    assert [r.round for r in services.assessment.candidate(cid).rounds] == [2, 1]


def test_register_lists_waiting_in_assessment_and_decided(services: Services, panel: Panel) -> None:
    returned_snapshots(services)
    waiting = make_candidate(services, "300001")
    submit(services, waiting)
    judging = make_candidate(services, "300002")
    judging_round = start(services, judging, panel)
    competence = competence_ids(services, judging)[0]
    services.assessment.judge(judging_round, competence, panel.first, S, "ok", TODAY)
    chair = make_candidate(services, "300003")
    chair_round = start(services, chair, panel)
    judge_all(services, chair_round, chair, panel, [S] * 5, [I, S, S, S, S])
    decided = make_candidate(services, "300004")
    decided_round = start(services, decided, panel)
    judge_all(services, decided_round, decided, panel, [S] * 5, [S] * 5)
    services.assessment.record_result(decided_round, TODAY, "fine", version(services, decided))
    services.appeals.file(decided_round, TODAY, "grounds", version(services, decided))
    services.candidates.create(CandidateInput(staff_number="300005", surname="Nobody"))

    rows = {r.candidate_id: r for r in services.assessment.register()}
    assert set(rows) == {waiting, judging, chair, decided}
    assert rows[waiting].stage is RegisterStage.WAITING and rows[waiting].snapshot_number == 1
    assert rows[judging].stage is RegisterStage.IN_ASSESSMENT
    assert (rows[judging].judgements_in, rows[judging].judgements_needed) == (1, 10)
    assert rows[judging].phase is Phase.JUDGING
    assert rows[judging].panel == "Anna Assessor, Bert Beoordelaar; chair Carla Chair"
    assert rows[chair].phase is Phase.CHAIR
    assert rows[decided].stage is RegisterStage.DECIDED and rows[decided].appeal_pending
    assert rows[decided].result is S and rows[decided].since == TODAY


def test_an_insufficient_result_needs_the_submission_still_open(
    services: Services, panel: Panel
) -> None:
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    judge_all(services, round_id, cid, panel, [I] * 5, [I] * 5)
    with services.context.transaction() as session:  # the dossier was reopened meanwhile
        dossier = session.scalar(
            select(PortfolioDossier).where(PortfolioDossier.candidate_id == cid)
        )
        assert dossier is not None
        dossier.state = DossierState.WORKING
    with pytest.raises(IllegalTransitionError, match="cannot be sent back"):
        services.assessment.record_result(round_id, TODAY, "not yet", version(services, cid))
    view = services.assessment.candidate(cid).current
    assert view is not None and view.state is AssessmentState.JUDGING and view.result is None
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.ASSESSMENT


def test_long_motivations_are_shortened_in_the_returned_feedback(
    services: Services, panel: Panel
) -> None:
    calls = returned_snapshots(services)
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    with pytest.raises(ValidationError, match="at most 5,000"):
        services.assessment.judge(
            round_id, competence_ids(services, cid)[0], panel.first, I, "x" * 5001, TODAY
        )
    for competence in competence_ids(services, cid):
        for assessor in (panel.first, panel.second):
            services.assessment.judge(round_id, competence, assessor, I, "y" * 4000, TODAY)
    services.assessment.record_result(round_id, TODAY, "Not shown.", version(services, cid))
    [(_, _, feedback)] = calls
    assert len(feedback) <= 20_000 and feedback.endswith("on the Assessment tab)")
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.PORTFOLIO


def test_an_insufficient_result_is_not_saved_when_the_dossier_cannot_go_back(
    services: Services, panel: Panel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The result and the dossier's return are one transaction: either both or neither."""
    cid = make_candidate(services)
    round_id = start(services, cid, panel)
    judge_all(services, round_id, cid, panel, [S, I, S, S, S], [S, I, S, S, S])

    def refuse(*_args: object) -> int:
        raise IllegalTransitionError("the dossier is locked by a test")

    monkeypatch.setattr(services.portfolio, "return_in", refuse)
    with pytest.raises(IllegalTransitionError, match="locked by a test"):
        services.assessment.record_result(
            round_id, TODAY, "Assessment is not yet shown.", version(services, cid)
        )
    view = services.assessment.candidate(cid)
    assert view.current is not None and view.current.state is not AssessmentState.DECIDED
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.ASSESSMENT
