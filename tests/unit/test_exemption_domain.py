"""The exemption procedure's rules as data: every step allowed in order, every other one
refused with a message that says what comes next; the dates a step may carry."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from utq_desktop.domain.exemption import (
    CASE_STEPS,
    PROCEDURE,
    CaseStatus,
    Verdict,
    check_meeting_date,
    check_step,
    check_step_date,
    days_open,
    next_action,
    status_text,
)
from utq_desktop.errors import IllegalTransitionError, ValidationError

C = CaseStatus
ALLOWED = {
    (C.FILED, C.UNDER_EVALUATION),
    (C.UNDER_EVALUATION, C.MEETING_PLANNED),
    (C.MEETING_PLANNED, C.ADVICE_GIVEN),
    (C.ADVICE_GIVEN, C.DECIDED),
    (C.DECIDED, C.INFORMED),
    (C.FILED, C.WITHDRAWN),
    (C.UNDER_EVALUATION, C.WITHDRAWN),
    (C.MEETING_PLANNED, C.WITHDRAWN),
    (C.ADVICE_GIVEN, C.WITHDRAWN),
}


@pytest.mark.parametrize("current", list(C))
@pytest.mark.parametrize("target", list(C))
def test_every_step_is_allowed_in_order_and_refused_otherwise(current: C, target: C) -> None:
    if (current, target) in ALLOWED:
        check_step(current, target)
        return
    with pytest.raises(IllegalTransitionError) as refused:
        check_step(current, target)
    message = str(refused.value)
    if current.closed:
        assert "file a new request" in message
    elif target is C.WITHDRAWN:
        assert "can no longer be withdrawn" in message
    else:
        assert "Next:" in message


def test_the_rules_are_data_and_the_procedure_follows_them() -> None:
    assert {(a, b) for a, targets in CASE_STEPS.items() for b in targets} == ALLOWED
    for previous, following in pairwise(PROCEDURE):
        assert following in CASE_STEPS[previous]


def test_a_refusal_names_the_next_step() -> None:
    with pytest.raises(IllegalTransitionError, match="'plan meeting' or 'withdraw'"):
        check_step(C.UNDER_EVALUATION, C.DECIDED)
    with pytest.raises(IllegalTransitionError, match="already at 'Filed'"):
        check_step(C.FILED, C.FILED)


def test_step_dates() -> None:
    today = date(2026, 3, 10)
    check_step_date(C.UNDER_EVALUATION, date(2026, 3, 1), date(2026, 3, 1), today)
    with pytest.raises(ValidationError, match="still to come") as future:
        check_step_date(C.UNDER_EVALUATION, date(2026, 3, 11), date(2026, 3, 1), today)
    assert future.value.field == "on"
    with pytest.raises(ValidationError, match="before the previous step"):
        check_step_date(C.INFORMED, date(2026, 2, 28), date(2026, 3, 1), today)
    with pytest.raises(ValidationError, match="follows the meeting"):
        check_step_date(C.ADVICE_GIVEN, date(2026, 3, 2), date(2026, 3, 1), today, date(2026, 3, 5))
    check_step_date(C.ADVICE_GIVEN, date(2026, 3, 5), date(2026, 3, 1), today, date(2026, 3, 5))
    check_meeting_date(date(2026, 4, 1), date(2026, 3, 10))  # a meeting may be ahead
    with pytest.raises(ValidationError, match="before the day it was planned"):
        check_meeting_date(date(2026, 3, 9), date(2026, 3, 10))


def test_days_open_next_action_and_status_text() -> None:
    assert days_open(date(2026, 1, 1), None, date(2026, 1, 31)) == 30
    assert days_open(date(2026, 1, 1), date(2026, 1, 11), date(2026, 3, 1)) == 10
    assert next_action(C.FILED) == "Assign an exemption advisor"
    assert next_action(C.INFORMED) == next_action(C.WITHDRAWN) == ""
    assert all(next_action(s) for s in C if not s.closed)
    assert status_text(C.DECIDED, Verdict.GRANT) == "Faculty decided: granted"
    assert status_text(C.INFORMED, Verdict.REFUSE) == "Candidate informed (refused)"
    assert status_text(C.WITHDRAWN, None) == "Withdrawn"
