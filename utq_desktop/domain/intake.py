"""The intake rules: which state an intake is in, and how the trajectory status follows it.

Both are pure functions of plain facts, so the register, the intake tab, the exports and
the demo data all agree: an intake's state is never stored, always derived here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from functools import cache

from utq_desktop.domain.enums import TrajectoryStatus as S


class IntakeState(StrEnum):
    """How far a candidate's intake has come, in order."""

    NOT_STARTED = "not_started"
    DOCUMENTS_INCOMPLETE = "documents_incomplete"
    READY_FOR_MEETING = "ready_for_meeting"
    MEETING_PLANNED = "meeting_planned"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def started(self) -> bool:
        return self is not IntakeState.NOT_STARTED


_STATE_LABELS = {
    IntakeState.NOT_STARTED: "Not started",
    IntakeState.DOCUMENTS_INCOMPLETE: "Documents incomplete",
    IntakeState.READY_FOR_MEETING: "Ready for meeting",
    IntakeState.MEETING_PLANNED: "Meeting planned",
    IntakeState.COMPLETED: "Completed",
}


class ProgrammeLevel(StrEnum):
    """The level of the programme a course was taught in (stored by value)."""

    BACHELOR = "bachelor"
    MASTER = "master"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            ProgrammeLevel.BACHELOR: "Bachelor",
            ProgrammeLevel.MASTER: "Master",
            ProgrammeLevel.OTHER: "Other",
        }[self]


@dataclass(frozen=True, slots=True)
class IntakeFacts:
    """What is recorded about one intake, as yes/no facts (all False: nothing recorded)."""

    has_cv: bool = False  # teaching experience or a CV document
    has_self_diagnosis: bool = False  # at least one self-rating or note
    tasks_discussed: bool = False  # anything about the talk with the department supervisor
    cv_sent: bool = False
    self_diagnosis_sent: bool = False
    tasks_sent: bool = False
    documents_sent_on: bool = False  # the date the documents went to the consultant
    meeting_planned: bool = False  # a meeting date is set
    meeting_held: bool = False
    supervisor_assigned: bool = False  # the outcome names a UTQ supervisor

    @property
    def documents_complete(self) -> bool:
        """CV, self-diagnosis and teaching tasks all sent to the consultant, with the date."""
        return (
            self.cv_sent and self.self_diagnosis_sent and self.tasks_sent and self.documents_sent_on
        )

    @property
    def anything_recorded(self) -> bool:
        return any(getattr(self, name) for name in FACT_NAMES)

    def bits(self) -> int:
        """The facts packed into an integer, bit i for FACT_NAMES[i]."""
        return sum(1 << i for i, name in enumerate(FACT_NAMES) if getattr(self, name))

    @classmethod
    def from_bits(cls, bits: int) -> IntakeFacts:
        return cls(**{name: bool(bits >> i & 1) for i, name in enumerate(FACT_NAMES)})


FACT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(IntakeFacts))


def intake_state(facts: IntakeFacts) -> IntakeState:
    """THE intake rule: the furthest step reached.

    - completed: the meeting was held and a UTQ supervisor assigned;
    - meeting planned: a meeting date is set (also when the documents are still missing —
      the tab shows what is missing — or when it was held but no supervisor is named yet);
    - ready for meeting: CV, self-diagnosis and teaching tasks sent, with the date;
    - documents incomplete: something is recorded, but not all of that;
    - not started: nothing is recorded.
    """
    if facts.meeting_held and facts.supervisor_assigned:
        return IntakeState.COMPLETED
    if facts.meeting_planned or facts.meeting_held:
        return IntakeState.MEETING_PLANNED
    if facts.documents_complete:
        return IntakeState.READY_FOR_MEETING
    if facts.anything_recorded:
        return IntakeState.DOCUMENTS_INCOMPLETE
    return IntakeState.NOT_STARTED


@cache
def intake_state_of_bits(bits: int | None) -> IntakeState:
    """intake_state() for packed facts (None: no intake at all); cached, as the register
    asks it for every one of up to 50,000 candidates and there are only 1,024 patterns."""
    if not bits:
        return IntakeState.NOT_STARTED
    return intake_state(IntakeFacts.from_bits(bits))


def status_steps(status: S, before: IntakeState, after: IntakeState) -> list[S]:
    """The trajectory statuses a candidate passes through when an edit moves their intake
    from ``before`` to ``after`` (empty: the status stays). Each step is one legal
    transition of domain.workflow.

    While a candidate is at the start of the trajectory, the status follows the intake:
    starting it moves 'registered' to 'intake', completing it moves on to 'learning route';
    taking back a completion (a correction) moves 'learning route' back to 'intake', and
    clearing everything moves 'intake' back to 'registered'. A candidate further along, or
    exempted, is never moved by an intake edit.
    """
    if before is after:
        return []
    completed = IntakeState.COMPLETED
    if after is completed:
        return {S.REGISTERED: [S.INTAKE, S.LEARNING_ROUTE], S.INTAKE: [S.LEARNING_ROUTE]}.get(
            status, []
        )
    if before is completed and status is S.LEARNING_ROUTE:
        return [S.INTAKE] if after.started else [S.INTAKE, S.REGISTERED]
    if not before.started and status is S.REGISTERED:
        return [S.INTAKE]
    if not after.started and status is S.INTAKE:
        return [S.REGISTERED]
    return []


# Offered as choices when entering teaching experience; any other text is allowed too.
TEACHING_ROLES = (
    "Lecturer",
    "Course coordinator",
    "Tutor",
    "Thesis supervisor",
    "Project supervisor",
    "Lab instructor",
    "Teaching assistant",
)
TEACHING_LANGUAGES = ("English", "Dutch", "English and Dutch", "German")
