"""The assessment's pure rules: round states, the panel, blindness, disagreement, the
overall result, appeals; and the trajectory path only an appeal may take."""

from __future__ import annotations

from datetime import date

import pytest

from utq_desktop.domain.assessment import (
    ASSESSMENT_TRANSITIONS,
    AppealOutcome,
    AssessmentState,
    Phase,
    Verdict,
    appeal_deadline,
    check_appeal_filing,
    check_appeal_outcome,
    check_assessment_transition,
    check_panel,
    disagreement,
    final_verdict,
    judgements_complete,
    overall_result,
    phase_of,
    visible_to,
)
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.workflow import allowed_next, check_transition
from utq_desktop.errors import IllegalTransitionError, ValidationError

S, I = Verdict.SUFFICIENT, Verdict.INSUFFICIENT  # noqa: E741
A = AssessmentState


@pytest.mark.parametrize(
    ("current", "new"),
    [(c, n) for c in A for n in A if n in ASSESSMENT_TRANSITIONS[c]],
)
def test_allowed_round_transitions_pass(current: A, new: A) -> None:
    check_assessment_transition(current, new)


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        (A.DECIDED, A.DECIDED, "only change through the outcome of an appeal"),
        (A.JUDGING, A.APPEAL, "no result to appeal"),
        (A.DECIDED, A.CANCELLED, "cannot be cancelled"),
        (A.APPEAL, A.APPEAL, "pending already"),
        (A.DECIDED, A.JUDGING, "cannot be judged again"),
        (A.CANCELLED, A.JUDGING, "was cancelled"),
    ],
)
def test_refused_round_transitions_say_why(current: A, new: A, message: str) -> None:
    with pytest.raises(IllegalTransitionError, match=message):
        check_assessment_transition(current, new)


def test_panel_needs_two_distinct_assessors_and_a_separate_chair() -> None:
    assert check_panel([1, 2], 3) == (1, 2)
    with pytest.raises(ValidationError, match="2 to 4 assessors"):
        check_panel([1], 3)
    with pytest.raises(ValidationError, match="each assessor once"):
        check_panel([1, 1], 3)
    with pytest.raises(ValidationError, match="chair cannot also be an assessor"):
        check_panel([1, 2], 2)
    with pytest.raises(ValidationError, match="Appoint a chair"):
        check_panel([1, 2], None)


def test_a_viewer_sees_only_own_judgements_until_all_are_in() -> None:
    assert visible_to(1, 1, complete=False)
    assert not visible_to(1, 2, complete=False)
    assert not visible_to(None, 2, complete=False)  # the coordinator: counts only
    assert visible_to(1, 2, complete=True)
    assert visible_to(None, 2, complete=True)


def test_complete_means_every_assessor_judged_every_competence() -> None:
    judgements = {(1, 10): S, (1, 11): S, (2, 10): I}
    assert not judgements_complete(judgements, [1, 2], [10, 11])
    assert judgements_complete({**judgements, (2, 11): S}, [1, 2], [10, 11])


def test_disagreement_goes_to_the_chair() -> None:
    assert not disagreement([S, S])
    assert disagreement([S, I])
    assert final_verdict([S, S], None) is S
    assert final_verdict([S, I], None) is None  # waits for the chair
    assert final_verdict([S, I], I) is I
    assert final_verdict([I, I], S) is I  # a chair's word counts only on disagreement


def test_overall_is_sufficient_only_when_every_competence_is() -> None:
    assert overall_result([S, S, S]) is S
    assert overall_result([S, I, S]) is I
    assert overall_result([S, None]) is None
    assert overall_result([]) is None


def test_phase_follows_from_judgements_and_disagreements() -> None:
    assert phase_of(A.JUDGING, complete=False, open_disagreements=0) is Phase.JUDGING
    assert phase_of(A.JUDGING, complete=True, open_disagreements=2) is Phase.CHAIR
    assert phase_of(A.JUDGING, complete=True, open_disagreements=0) is Phase.READY
    assert phase_of(A.APPEAL, complete=True, open_disagreements=0) is Phase.APPEAL


def test_appeal_deadline_and_late_filing() -> None:
    deadline = appeal_deadline(date(2026, 3, 2), 6)
    assert deadline == date(2026, 4, 13)
    check_appeal_filing(date(2026, 4, 13), deadline, None)  # the last day still counts
    with pytest.raises(ValidationError, match="after the deadline of 13-4-2026"):
        check_appeal_filing(date(2026, 4, 14), deadline, None)
    with pytest.raises(ValidationError, match="reason"):
        check_appeal_filing(date(2026, 4, 14), deadline, "  ")
    check_appeal_filing(date(2026, 4, 14), deadline, "candidate was in hospital")


def test_appeal_outcomes() -> None:
    upheld = check_appeal_outcome(AppealOutcome.UPHELD, I, None, "")
    assert upheld.new_result is None
    granted = check_appeal_outcome(AppealOutcome.GRANTED, I, None, "C3 was judged on old work")
    assert granted.new_result is S
    with pytest.raises(ValidationError, match="motivation"):
        check_appeal_outcome(AppealOutcome.GRANTED, I, None, " ")
    with pytest.raises(ValidationError, match="already"):
        check_appeal_outcome(AppealOutcome.GRANTED, I, I, "same")
    with pytest.raises(ValidationError, match="how the appeal ended"):
        check_appeal_outcome(AppealOutcome.PENDING, I, None, "")


def test_only_an_appeal_moves_a_candidate_out_of_qualified_or_straight_to_it() -> None:
    T = TrajectoryStatus
    with pytest.raises(IllegalTransitionError, match="final"):
        check_transition(T.QUALIFIED, T.PORTFOLIO)
    with pytest.raises(IllegalTransitionError):
        check_transition(T.PORTFOLIO, T.QUALIFIED)
    check_transition(T.QUALIFIED, T.PORTFOLIO, by_appeal=True)
    check_transition(T.PORTFOLIO, T.QUALIFIED, by_appeal=True)
    with pytest.raises(IllegalTransitionError):
        check_transition(T.REGISTERED, T.QUALIFIED, by_appeal=True)
    assert allowed_next(T.QUALIFIED) == [T.QUALIFIED]  # never offered as an edit
