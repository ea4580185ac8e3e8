"""The exemption procedure's rules: the grounds, the steps of a case (allowed steps as
data, checked in one place), the dates each step may carry, and what a case needs next.

An HR advisor files the request; the exemption advisor evaluates the evidence, meets the
candidate and advises the faculty (grant or refuse, with a motivation); the faculty
decides and the candidate is informed. A case can be withdrawn until the faculty decides.
A granted exemption fulfils the UTQ obligation but never leads to a UTQ certificate
(services/exemption_rules.py). Pure functions of plain values: no Qt, no database.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from utq_desktop.errors import IllegalTransitionError, ValidationError


class ExemptionGround(StrEnum):
    """Why the candidate asks to be exempted (stored by value)."""

    TEACHER_TRAINING = "teacher_training"
    VELON = "velon"
    FOREIGN = "foreign"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _GROUND_LABELS[self]


_GROUND_LABELS = {
    ExemptionGround.TEACHER_TRAINING: "Postgraduate teacher-training diploma "
    "(eerstegraads bevoegdheid) with a reflection report on the UTQ competences",
    ExemptionGround.VELON: "VELON certificate",
    ExemptionGround.FOREIGN: "Equivalent foreign pedagogical diploma or certificate "
    "in an academic context",
    ExemptionGround.OTHER: "Other",
}

# short forms, for tables and the register
GROUND_SHORT = {
    ExemptionGround.TEACHER_TRAINING: "Teacher training + reflection",
    ExemptionGround.VELON: "VELON certificate",
    ExemptionGround.FOREIGN: "Foreign equivalent",
    ExemptionGround.OTHER: "Other",
}


class Verdict(StrEnum):
    """An advice (grant / refuse) or a faculty decision (granted / refused)."""

    GRANT = "grant"
    REFUSE = "refuse"

    @property
    def advice_label(self) -> str:
        return "Grant" if self is Verdict.GRANT else "Refuse"

    @property
    def decision_label(self) -> str:
        return "Granted" if self is Verdict.GRANT else "Refused"


class CaseStatus(StrEnum):
    """Where an exemption case stands: the last step recorded (stored by value)."""

    FILED = "filed"
    UNDER_EVALUATION = "under_evaluation"
    MEETING_PLANNED = "meeting_planned"
    ADVICE_GIVEN = "advice_given"
    DECIDED = "decided"
    INFORMED = "informed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def closed(self) -> bool:
        """Nothing more will happen: the candidate was informed, or the case withdrawn."""
        return self in (CaseStatus.INFORMED, CaseStatus.WITHDRAWN)

    @property
    def decided(self) -> bool:
        return self in (CaseStatus.DECIDED, CaseStatus.INFORMED)


_STATUS_LABELS = {
    CaseStatus.FILED: "Filed",
    CaseStatus.UNDER_EVALUATION: "Under evaluation",
    CaseStatus.MEETING_PLANNED: "Meeting planned",
    CaseStatus.ADVICE_GIVEN: "Advice given",
    CaseStatus.DECIDED: "Faculty decided",
    CaseStatus.INFORMED: "Candidate informed",
    CaseStatus.WITHDRAWN: "Withdrawn",
}

C = CaseStatus

# The procedure, in order; a withdrawal is possible until the faculty has decided.
CASE_STEPS: dict[C, tuple[C, ...]] = {
    C.FILED: (C.UNDER_EVALUATION, C.WITHDRAWN),
    C.UNDER_EVALUATION: (C.MEETING_PLANNED, C.WITHDRAWN),
    C.MEETING_PLANNED: (C.ADVICE_GIVEN, C.WITHDRAWN),
    C.ADVICE_GIVEN: (C.DECIDED, C.WITHDRAWN),
    C.DECIDED: (C.INFORMED,),
    C.INFORMED: (),
    C.WITHDRAWN: (),
}
PROCEDURE = (
    C.FILED,
    C.UNDER_EVALUATION,
    C.MEETING_PLANNED,
    C.ADVICE_GIVEN,
    C.DECIDED,
    C.INFORMED,
)

# what recording each step means, as a button or a menu item says it
STEP_ACTIONS = {
    C.UNDER_EVALUATION: "Assign exemption advisor",
    C.MEETING_PLANNED: "Plan meeting",
    C.ADVICE_GIVEN: "Record advice",
    C.DECIDED: "Record faculty decision",
    C.INFORMED: "Candidate informed",
    C.WITHDRAWN: "Withdraw",
}

# the case's next action, for the register (HR follows cases by it)
_NEXT_ACTIONS = {
    C.FILED: "Assign an exemption advisor",
    C.UNDER_EVALUATION: "Plan the meeting with the candidate",
    C.MEETING_PLANNED: "Hold the meeting and give the advice",
    C.ADVICE_GIVEN: "Faculty decision",
    C.DECIDED: "Inform the candidate",
    C.INFORMED: "",
    C.WITHDRAWN: "",
}


def next_steps(status: C) -> tuple[C, ...]:
    return CASE_STEPS[status]


def next_action(status: C) -> str:
    """What the case waits for ('' when closed)."""
    return _NEXT_ACTIONS[status]


def check_step(current: C, target: C) -> None:
    """THE check of every step of an exemption case; raises IllegalTransitionError."""
    if target in CASE_STEPS[current]:
        return
    if current.closed:
        what = "withdrawn" if current is C.WITHDRAWN else "closed: the candidate was informed"
        raise IllegalTransitionError(
            f"This exemption case is {what}. Nothing more can be recorded on it; file a new "
            "request if the candidate asks again."
        )
    if target is C.WITHDRAWN:
        raise IllegalTransitionError(
            "The faculty has already decided on this exemption case; it can no longer be withdrawn."
        )
    if target is current:
        raise IllegalTransitionError(
            f"This exemption case is already at '{current.label}'. Next: {_next_text(current)}."
        )
    raise IllegalTransitionError(
        f"An exemption case that is '{current.label}' cannot go to '{target.label}': the "
        f"steps are taken in order. Next: {_next_text(current)}."
    )


def _next_text(current: C) -> str:
    return " or ".join(f"'{STEP_ACTIONS[s].lower()}'" for s in CASE_STEPS[current])


def check_step_date(
    target: C, on: date, previous: date, today: date, meeting_on: date | None = None
) -> None:
    """A step happens on or after the previous one and not in the future; an advice
    follows the meeting. ValidationError names the field ``on``."""
    if on > today:
        raise ValidationError(
            f"'{target.label}' is recorded on the day it happened; {on:%d-%m-%Y} is still to come.",
            "on",
        )
    if on < previous:
        raise ValidationError(
            f"'{target.label}' cannot be dated {on:%d-%m-%Y}, before the previous step of "
            f"the case ({previous:%d-%m-%Y}).",
            "on",
        )
    if target is C.ADVICE_GIVEN and meeting_on is not None and on < meeting_on:
        raise ValidationError(
            f"The advice follows the meeting with the candidate ({meeting_on:%d-%m-%Y}); "
            f"it cannot be dated {on:%d-%m-%Y}.",
            "on",
        )


def check_meeting_date(meeting_on: date, planned_on: date) -> None:
    if meeting_on < planned_on:
        raise ValidationError(
            f"The meeting ({meeting_on:%d-%m-%Y}) cannot be before the day it was planned "
            f"({planned_on:%d-%m-%Y}).",
            "meeting_on",
        )


def days_open(filed_on: date, closed_on: date | None, today: date) -> int:
    """Days from filing until the case closed, or until today while it is open."""
    return max(0, ((closed_on or today) - filed_on).days)


def status_text(status: C, decision: Verdict | None) -> str:
    """'Faculty decided: granted', 'Candidate informed (refused)', 'Withdrawn', …"""
    if status is C.DECIDED and decision is not None:
        return f"{status.label}: {decision.decision_label.lower()}"
    if status is C.INFORMED and decision is not None:
        return f"{status.label} ({decision.decision_label.lower()})"
    return status.label
