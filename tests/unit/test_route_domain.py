"""The learning route's rules: activity status transitions (as data, checked in one place),
the date each change records, overdue and after-the-deadline, progress per competence."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from utq_desktop.domain.route import (
    ACTIVITY_TRANSITIONS,
    ActivityFacts,
    ActivityStatus,
    StatusDates,
    after_deadline,
    allowed_activity_next,
    check_activity_transition,
    dmy,
    format_hours,
    is_overdue,
    moved,
    progress_by_competence,
)
from utq_desktop.errors import IllegalTransitionError, ValidationError

A = ActivityStatus
TODAY = date(2026, 11, 23)

REFUSED = {(A.CANCELLED, A.COMPLETED), (A.COMPLETED, A.CANCELLED)}


@pytest.mark.parametrize(("current", "new"), list(product(A, A)))
def test_every_transition_is_allowed_or_refused_by_the_table(current: A, new: A) -> None:
    if (current, new) in REFUSED:
        with pytest.raises(IllegalTransitionError):
            check_activity_transition(current, new)
    else:
        check_activity_transition(current, new)  # the same status is no change at all


def test_the_refusals_say_what_to_do() -> None:
    with pytest.raises(
        IllegalTransitionError, match="cancelled activity cannot be completed; plan"
    ):
        check_activity_transition(A.CANCELLED, A.COMPLETED)
    with pytest.raises(IllegalTransitionError, match="completed activity cannot be cancelled"):
        check_activity_transition(A.COMPLETED, A.CANCELLED)


def test_every_step_can_be_taken_back() -> None:
    """Undo puts the earlier status back: the way back of each allowed step is allowed."""
    for current, targets in ACTIVITY_TRANSITIONS.items():
        for new in targets:
            assert current in ACTIVITY_TRANSITIONS[new], (current, new)


def test_allowed_next_lists_the_current_status_first() -> None:
    assert allowed_activity_next(A.PLANNED) == [A.PLANNED, A.REGISTERED, A.COMPLETED, A.CANCELLED]
    assert allowed_activity_next(A.CANCELLED) == [A.CANCELLED, A.PLANNED, A.REGISTERED]


def test_each_change_records_its_date() -> None:
    planned = StatusDates()
    registered = moved(planned, A.REGISTERED, date(2026, 10, 1), TODAY)
    assert registered == StatusDates(A.REGISTERED, registered_on=date(2026, 10, 1))
    completed = moved(registered, A.COMPLETED, date(2026, 11, 20), TODAY)
    assert completed == StatusDates(
        A.COMPLETED, registered_on=date(2026, 10, 1), completed_on=date(2026, 11, 20)
    )
    assert completed.changed_on == date(2026, 11, 20)
    cancelled = moved(registered, A.CANCELLED, date(2026, 10, 5), TODAY)
    assert cancelled.registered_on == date(2026, 10, 1)
    assert cancelled.cancelled_on == date(2026, 10, 5)
    assert moved(cancelled, A.PLANNED, TODAY, TODAY) == StatusDates()
    assert moved(completed, A.COMPLETED, TODAY, TODAY) is completed  # no change


def test_dates_that_make_no_sense_are_refused() -> None:
    registered = StatusDates(A.REGISTERED, registered_on=date(2026, 10, 1))
    with pytest.raises(ValidationError, match="is still to come") as future:
        moved(registered, A.COMPLETED, date(2026, 12, 1), TODAY)
    assert future.value.field == "status_date"
    with pytest.raises(ValidationError, match=r"before it was registered \(01-10-2026\)"):
        moved(registered, A.COMPLETED, date(2026, 9, 30), TODAY)
    with pytest.raises(IllegalTransitionError):
        moved(StatusDates(A.CANCELLED, cancelled_on=TODAY), A.COMPLETED, TODAY, TODAY)


def test_overdue_and_after_the_deadline_concern_open_activities_only() -> None:
    past, future, deadline = date(2026, 6, 1), date(2029, 6, 1), date(2028, 9, 1)
    assert is_overdue(A.PLANNED, past, TODAY) and is_overdue(A.REGISTERED, past, TODAY)
    assert not is_overdue(A.COMPLETED, past, TODAY)
    assert not is_overdue(A.PLANNED, future, TODAY) and not is_overdue(A.PLANNED, None, TODAY)
    assert after_deadline(A.PLANNED, future, deadline)
    assert not after_deadline(A.CANCELLED, future, deadline)
    assert not after_deadline(A.PLANNED, future, None)
    assert not after_deadline(A.PLANNED, None, deadline)


def test_progress_counts_an_activity_for_each_competence_it_serves() -> None:
    activities = [
        ActivityFacts(A.COMPLETED, 16.0, (1,)),
        ActivityFacts(A.REGISTERED, 8.0, (1, 2), overdue=True),
        ActivityFacts(A.CANCELLED, 4.0, (2,)),
        ActivityFacts(A.PLANNED, None, (2, 99), late=True),  # 99: not of this framework
    ]
    progress = progress_by_competence([1, 2, 3], activities)
    assert progress[1].completed == 1 and progress[1].planned == 1
    assert (progress[1].hours_done, progress[1].hours_planned) == (16.0, 24.0)
    assert (progress[2].planned, progress[2].registered, progress[2].cancelled) == (2, 1, 1)
    assert (progress[2].overdue, progress[2].late, progress[2].hours_planned) == (1, 1, 8.0)
    assert progress[3].total == 0


def test_formats() -> None:
    assert (format_hours(4.0), format_hours(1.5), format_hours(None)) == ("4", "1.5", "")
    assert dmy(date(2026, 3, 1)) == "1-3-2026" and dmy(None) == ""
