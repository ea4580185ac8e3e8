from __future__ import annotations

from enum import StrEnum


class TrajectoryStatus(StrEnum):
    """Where a candidate stands in the UTQ trajectory (stored by value)."""

    REGISTERED = "registered"
    INTAKE = "intake"
    LEARNING_ROUTE = "learning_route"
    PORTFOLIO = "portfolio"
    ASSESSMENT = "assessment"
    QUALIFIED = "qualified"
    EXEMPTED = "exempted"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def obligation_fulfilled(self) -> bool:
        return self in (TrajectoryStatus.QUALIFIED, TrajectoryStatus.EXEMPTED)


_STATUS_LABELS = {
    TrajectoryStatus.REGISTERED: "Registered",
    TrajectoryStatus.INTAKE: "Intake",
    TrajectoryStatus.LEARNING_ROUTE: "Learning route",
    TrajectoryStatus.PORTFOLIO: "Portfolio",
    TrajectoryStatus.ASSESSMENT: "Assessment",
    TrajectoryStatus.QUALIFIED: "Qualified",
    TrajectoryStatus.EXEMPTED: "Exempted",
}


class DueState(StrEnum):
    """How a candidate's deadline stands today."""

    FULFILLED = "fulfilled"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"

    @property
    def label(self) -> str:
        return {
            DueState.FULFILLED: "Fulfilled",
            DueState.OVERDUE: "Overdue",
            DueState.DUE_SOON: "Due within 6 months",
            DueState.ON_TRACK: "On track",
        }[self]


class Language(StrEnum):
    """The language a candidate gets letters in (stored by value)."""

    DUTCH = "nl"
    ENGLISH = "en"

    @property
    def label(self) -> str:
        return "Nederlands" if self is Language.DUTCH else "English"
