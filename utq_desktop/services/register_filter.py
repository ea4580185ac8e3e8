"""Search-as-you-type and filters over the register rows, in memory.

Kept out of Qt on purpose: at 50,000 candidates a Python filterAcceptsRow() per row costs
more than a keystroke may take, while one pass over pre-folded search keys does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.domain.names import fold
from utq_desktop.services.dto import RegisterRow


class DueFilter(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ATTENTION = "attention"  # overdue or due within 6 months

    def accepts(self, state: DueState) -> bool:
        if self is DueFilter.ATTENTION:
            return state in (DueState.OVERDUE, DueState.DUE_SOON)
        return state.value == self.value


@dataclass(frozen=True)
class RegisterFilter:
    text: str = ""
    faculty: str | None = None
    status: TrajectoryStatus | None = None
    due: DueFilter | None = None
    include_archived: bool = False

    def predicate(self) -> Callable[[RegisterRow], bool]:
        tokens = fold(self.text).split()
        faculty, status, due = self.faculty, self.status, self.due
        include_archived = self.include_archived

        def accepts(row: RegisterRow) -> bool:
            if row.archived and not include_archived:
                return False
            if faculty is not None and row.faculty != faculty:
                return False
            if status is not None and row.status != status:
                return False
            if due is not None and not due.accepts(row.due_state):
                return False
            key = row.search_key
            return all(token in key for token in tokens)

        return accepts


def select_rows(
    rows: Sequence[RegisterRow], order: Sequence[int], register_filter: RegisterFilter
) -> list[int]:
    """Indices into ``rows`` that pass the filter, in the order given by ``order``."""
    accepts = register_filter.predicate()
    return [index for index in order if accepts(rows[index])]


_STATUS_ORDER = {status: position for position, status in enumerate(TrajectoryStatus)}
_FAR = date.max


SORT_KEYS: dict[str, Callable[[RegisterRow], Any]] = {
    "name": lambda r: r.sort_name,
    "staff_number": lambda r: r.staff_number,
    "faculty": lambda r: (fold(r.faculty), r.sort_name),
    "department": lambda r: (fold(r.department), r.sort_name),
    "status": lambda r: (_STATUS_ORDER[r.status], r.sort_name),
    "employment_start": lambda r: (r.employment_start or _FAR, r.sort_name),
    "deadline": lambda r: (r.deadline or _FAR, r.sort_name),
    "supervisor": lambda r: (fold(r.supervisor) or "\uffff", r.sort_name),
    "email": lambda r: r.email,
}


def sort_order(rows: Sequence[RegisterRow], key: str, descending: bool = False) -> list[int]:
    """Indices into ``rows`` sorted by one of SORT_KEYS."""
    get = SORT_KEYS[key]
    return sorted(range(len(rows)), key=lambda i: get(rows[i]), reverse=descending)
