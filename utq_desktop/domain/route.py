"""The learning route's rules: activity kinds and statuses, the allowed status changes (as
data, checked in one place), the date each change records, and what counts as overdue or
planned past the deadline. Pure functions of plain values, shared by the services, the
demo data, the PDF and the tab.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from utq_desktop.errors import IllegalTransitionError, ValidationError


class ActivityKind(StrEnum):
    """What sort of activity a candidate plans (stored by value)."""

    TRAINING_MODULE = "training_module"
    WORKSHOP = "workshop"
    SELF_STUDY = "self_study"
    WRITING_SESSION = "writing_session"
    PEER_SUPERVISION = "peer_supervision"
    CLASS_OBSERVATION = "class_observation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ActivityKind.TRAINING_MODULE: "Training module",
    ActivityKind.WORKSHOP: "Workshop",
    ActivityKind.SELF_STUDY: "Self-study / toolbox",
    ActivityKind.WRITING_SESSION: "Writing session",
    ActivityKind.PEER_SUPERVISION: "Peer supervision",
    ActivityKind.CLASS_OBSERVATION: "Class observation",
    ActivityKind.OTHER: "Other",
}


class ActivityStatus(StrEnum):
    """Where a planned activity stands (stored by value)."""

    PLANNED = "planned"
    REGISTERED = "registered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def open(self) -> bool:
        """Still to happen: planned or registered."""
        return self in (ActivityStatus.PLANNED, ActivityStatus.REGISTERED)


_STATUS_LABELS = {
    ActivityStatus.PLANNED: "Planned",
    ActivityStatus.REGISTERED: "Registered",
    ActivityStatus.COMPLETED: "Completed",
    ActivityStatus.CANCELLED: "Cancelled",
}

A = ActivityStatus

# planned → registered → completed, or cancelled. A step back is a correction (registration
# withdrawn, not completed after all) and a cancelled activity may be planned or registered
# again. What makes no sense is refused: completing a cancelled activity (plan it again
# first) and cancelling one that was completed.
ACTIVITY_TRANSITIONS: dict[A, frozenset[A]] = {
    A.PLANNED: frozenset({A.REGISTERED, A.COMPLETED, A.CANCELLED}),
    A.REGISTERED: frozenset({A.PLANNED, A.COMPLETED, A.CANCELLED}),
    A.COMPLETED: frozenset({A.PLANNED, A.REGISTERED}),
    A.CANCELLED: frozenset({A.PLANNED, A.REGISTERED}),
}

_REFUSALS = {
    (A.CANCELLED, A.COMPLETED): "A cancelled activity cannot be completed; plan it again "
    "(or register for it) first.",
    (A.COMPLETED, A.CANCELLED): "A completed activity cannot be cancelled; if it did not "
    "take place after all, set it back to planned.",
}


def allowed_activity_next(status: A) -> list[A]:
    """The statuses reachable from ``status``, in order, the current one first."""
    targets = ACTIVITY_TRANSITIONS[status]
    return [status, *(s for s in A if s in targets)]


def check_activity_transition(current: A, new: A) -> None:
    """THE check of every status change of an activity; raises IllegalTransitionError."""
    if new == current or new in ACTIVITY_TRANSITIONS[current]:
        return
    raise IllegalTransitionError(
        _REFUSALS.get(
            (current, new),
            f"An activity cannot go from '{current.label}' to '{new.label}'.",
        )
    )


@dataclass(frozen=True, slots=True)
class StatusDates:
    """An activity's status and the day of each change that led there."""

    status: A = A.PLANNED
    registered_on: date | None = None
    completed_on: date | None = None
    cancelled_on: date | None = None

    def date_of(self, status: A) -> date | None:
        return {
            A.REGISTERED: self.registered_on,
            A.COMPLETED: self.completed_on,
            A.CANCELLED: self.cancelled_on,
        }.get(status)

    @property
    def changed_on(self) -> date | None:
        """The day the current status was reached (None for planned)."""
        return self.date_of(self.status)


def moved(current: StatusDates, new: A, on: date, today: date) -> StatusDates:
    """``current`` after a change to ``new`` on day ``on``: checked, with its date recorded.

    Registering keeps nothing of a later stage; completing or cancelling keeps the
    registration date; going back to planned clears every date.
    """
    check_activity_transition(current.status, new)
    if new == current.status:
        return current
    if new is not A.PLANNED and on > today:
        raise ValidationError(
            f"'{new.label}' is recorded on the day it happened; {on:%d-%m-%Y} is still to come.",
            "status_date",
        )
    registered = current.registered_on
    if new in (A.COMPLETED, A.CANCELLED) and registered is not None and on < registered:
        raise ValidationError(
            f"An activity cannot be {new.label.lower()} on {on:%d-%m-%Y}, "
            f"before it was registered ({registered:%d-%m-%Y}).",
            "status_date",
        )
    if new is A.PLANNED:
        return StatusDates()
    if new is A.REGISTERED:
        return StatusDates(A.REGISTERED, registered_on=on)
    if new is A.COMPLETED:
        return StatusDates(A.COMPLETED, registered_on=current.registered_on, completed_on=on)
    return StatusDates(A.CANCELLED, registered_on=current.registered_on, cancelled_on=on)


def check_restorable(current: StatusDates, earlier: StatusDates) -> None:
    """An undo puts ``earlier`` back: allowed when the change back is itself allowed."""
    check_activity_transition(current.status, earlier.status)


# --- at a glance ---------------------------------------------------------------------------


def is_overdue(status: A, planned_on: date | None, today: date) -> bool:
    """Still open although its planned date has passed."""
    return status.open and planned_on is not None and planned_on < today


def after_deadline(status: A, planned_on: date | None, deadline: date | None) -> bool:
    """Planned (and still open) after the candidate's UTQ deadline: to be flagged."""
    if planned_on is None or deadline is None:
        return False
    return status.open and planned_on > deadline


@dataclass(frozen=True, slots=True)
class ActivityFacts:
    """What the progress summary needs of one activity."""

    status: A
    hours: float | None
    competence_ids: tuple[int, ...]
    overdue: bool = False
    late: bool = False  # planned after the deadline


@dataclass(frozen=True, slots=True)
class Progress:
    """Per competence: how many activities in each state, and their hours."""

    planned: int = 0  # still open (planned or registered)
    registered: int = 0
    completed: int = 0
    cancelled: int = 0
    overdue: int = 0
    late: int = 0
    hours_planned: float = 0.0  # of open and completed activities
    hours_done: float = 0.0

    @property
    def total(self) -> int:
        return self.planned + self.completed + self.cancelled


def progress_by_competence(
    competence_ids: Iterable[int], activities: Iterable[ActivityFacts]
) -> dict[int, Progress]:
    """Progress for each competence (an activity that serves several counts for each)."""
    counts: dict[int, dict[str, float]] = {cid: {} for cid in competence_ids}
    for activity in activities:
        for cid in activity.competence_ids:
            bucket = counts.get(cid)
            if bucket is None:
                continue
            status = activity.status
            hours = activity.hours or 0.0
            if status is A.COMPLETED:
                _add(bucket, "completed", 1)
                _add(bucket, "hours_done", hours)
            elif status is A.CANCELLED:
                _add(bucket, "cancelled", 1)
            else:
                _add(bucket, "planned", 1)
                if status is A.REGISTERED:
                    _add(bucket, "registered", 1)
            if status is not A.CANCELLED:
                _add(bucket, "hours_planned", hours)
            _add(bucket, "overdue", activity.overdue)
            _add(bucket, "late", activity.late)
    return {
        cid: Progress(
            planned=int(b.get("planned", 0)),
            registered=int(b.get("registered", 0)),
            completed=int(b.get("completed", 0)),
            cancelled=int(b.get("cancelled", 0)),
            overdue=int(b.get("overdue", 0)),
            late=int(b.get("late", 0)),
            hours_planned=float(b.get("hours_planned", 0.0)),
            hours_done=float(b.get("hours_done", 0.0)),
        )
        for cid, b in counts.items()
    }


def _add(bucket: dict[str, float], key: str, amount: float) -> None:
    bucket[key] = bucket.get(key, 0) + amount


def format_hours(hours: float | None) -> str:
    """'4', '1.5', '' for none."""
    if hours is None:
        return ""
    return f"{hours:.1f}".rstrip("0").rstrip(".")


def dmy(day: date | None) -> str:
    """d-m-yyyy, how Dutch users write a date (for the PDF and messages)."""
    return f"{day.day}-{day.month}-{day.year}" if day else ""
