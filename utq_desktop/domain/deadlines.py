"""The UTQ deadline: employment start + the institution's period, plus any extension."""

from __future__ import annotations

import calendar
from datetime import date

from utq_desktop.domain.enums import DueState, TrajectoryStatus

DUE_SOON_MONTHS = 6
DEADLINE_YEARS_MIN, DEADLINE_YEARS_MAX = 1, 10  # the range an institution may set


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; the 31st becomes the month's last day where needed."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def deadline(
    employment_start: date | None, period_years: int, extension_months: int
) -> date | None:
    if employment_start is None:
        return None
    return add_months(employment_start, period_years * 12 + extension_months)


def due_state(status: TrajectoryStatus, due: date | None, today: date) -> DueState:
    if status.obligation_fulfilled:
        return DueState.FULFILLED
    if due is None:
        return DueState.ON_TRACK
    if due < today:
        return DueState.OVERDUE
    if due <= add_months(today, DUE_SOON_MONTHS):
        return DueState.DUE_SOON
    return DueState.ON_TRACK
