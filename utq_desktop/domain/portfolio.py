"""The portfolio's rules: evidence kinds, criterion and dossier states, the allowed dossier
state changes (as data, checked in one place), how a criterion's coverage follows from the
supervisor's state and the evidence; the required-components checklist lives in
domain.portfolio_requirements and is re-exported here.

Pure functions of plain values (no SQLAlchemy, no Qt): the services, the demo data, the PDF
and the Portfolio tab all use them.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from utq_desktop.domain.portfolio_requirements import (
    DEFAULT_REQUIREMENTS,
    CompetenceFacts,
    RequirementCheck,
    Requirements,
    RequirementsNotMetError,
    check_requirements,
    requirements_dict,
    requirements_from_dict,
    unmet,
)
from utq_desktop.errors import IllegalTransitionError, ValidationError

__all__ = [
    "DEFAULT_REQUIREMENTS",
    "DOSSIER_TRANSITIONS",
    "EARLIEST",
    "SUPERVISOR_STATES",
    "CompetenceFacts",
    "CriterionState",
    "DossierState",
    "EvidenceKind",
    "RequirementCheck",
    "Requirements",
    "RequirementsNotMetError",
    "check_day",
    "check_dossier_transition",
    "check_requirements",
    "check_supervisor_state",
    "coverage_state",
    "dossier_next",
    "requirements_dict",
    "requirements_from_dict",
    "unmet",
]


class EvidenceKind(StrEnum):
    """What sort of evidence an item is (stored by value)."""

    COURSE_MATERIAL = "course_material"
    STUDENT_EVALUATION = "student_evaluation"
    PEER_FEEDBACK = "peer_feedback"
    STUDENT_FEEDBACK = "student_feedback"
    OBSERVATION_REPORT = "observation_report"
    REFLECTION = "reflection"
    CERTIFICATE = "certificate"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    EvidenceKind.COURSE_MATERIAL: "Course material",
    EvidenceKind.STUDENT_EVALUATION: "Student evaluation",
    EvidenceKind.PEER_FEEDBACK: "Peer feedback",
    EvidenceKind.STUDENT_FEEDBACK: "Student feedback",
    EvidenceKind.OBSERVATION_REPORT: "Observation report",
    EvidenceKind.REFLECTION: "Self-analysis / reflection",
    EvidenceKind.CERTIFICATE: "Certificate of participation",
    EvidenceKind.OTHER: "Other",
}


class CriterionState(StrEnum):
    """A criterion's place in the coverage matrix (stored by value).

    The supervisor sets one of SUPERVISOR_STATES; NO_EVIDENCE and RECOGNISED are never
    stored but follow from the evidence and the route's recognitions (``coverage_state``).
    """

    NO_EVIDENCE = "no_evidence"
    IN_PROGRESS = "in_progress"
    READY = "ready"
    ACCEPTED = "accepted"
    NEEDS_REVISION = "needs_revision"
    RECOGNISED = "recognised"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    CriterionState.NO_EVIDENCE: "No evidence",
    CriterionState.IN_PROGRESS: "In progress",
    CriterionState.READY: "Ready",
    CriterionState.ACCEPTED: "Accepted",
    CriterionState.NEEDS_REVISION: "Needs revision",
    CriterionState.RECOGNISED: "Recognised",
}

# what a supervisor may set (None: back to automatic, i.e. in progress once evidence exists)
SUPERVISOR_STATES: tuple[CriterionState, ...] = (
    CriterionState.IN_PROGRESS,
    CriterionState.READY,
    CriterionState.ACCEPTED,
    CriterionState.NEEDS_REVISION,
)


def coverage_state(
    set_state: CriterionState | None, evidence: int, recognised: bool
) -> CriterionState:
    """A criterion's state in the matrix.

    A criterion of a recognised competence is RECOGNISED (never missing). Without any
    evidence (items or class observations that show it) it is NO_EVIDENCE, whatever the
    supervisor set before the evidence was removed. Otherwise the supervisor's state, and
    IN_PROGRESS while the supervisor has set none.
    """
    if recognised:
        return CriterionState.RECOGNISED
    if evidence <= 0:
        return CriterionState.NO_EVIDENCE
    return set_state or CriterionState.IN_PROGRESS


def check_supervisor_state(state: CriterionState | None) -> None:
    if state is not None and state not in SUPERVISOR_STATES:
        raise ValidationError(
            f"'{state.label}' follows from the evidence and cannot be set; choose one of "
            + ", ".join(f"'{s.label}'" for s in SUPERVISOR_STATES)
            + ".",
            "state",
        )


# --- the dossier's own state ---------------------------------------------------------------


class DossierState(StrEnum):
    """Where a dossier stands (stored by value)."""

    WORKING = "working"
    READY = "ready"  # the supervisor marked it ready for submission
    SUBMITTED = "submitted"  # the coordinator submitted it: a snapshot is being assessed

    @property
    def label(self) -> str:
        return _DOSSIER_LABELS[self]


_DOSSIER_LABELS = {
    DossierState.WORKING: "Working",
    DossierState.READY: "Ready for submission",
    DossierState.SUBMITTED: "Submitted for assessment",
}

D = DossierState

# working → ready (supervisor; may be taken back) → submitted (coordinator: snapshot) →
# working again when the assessment returns it for revision (resubmission: next snapshot).
DOSSIER_TRANSITIONS: dict[D, frozenset[D]] = {
    D.WORKING: frozenset({D.READY}),
    D.READY: frozenset({D.WORKING, D.SUBMITTED}),
    D.SUBMITTED: frozenset({D.WORKING}),
}

_DOSSIER_REFUSALS = {
    (D.WORKING, D.SUBMITTED): "The dossier is not marked ready yet: the supervisor marks it "
    "ready first, then the coordinator submits it.",
    (D.SUBMITTED, D.READY): "The dossier is being assessed; it can only be returned for "
    "revision from the assessment.",
    (D.READY, D.READY): "The dossier is already marked ready.",
    (D.SUBMITTED, D.SUBMITTED): "The dossier is already submitted; a new submission needs "
    "the assessment to return it for revision first.",
    (D.WORKING, D.WORKING): "The dossier is not marked ready.",
}


def check_dossier_transition(current: D, new: D) -> None:
    """THE check of every dossier state change; raises IllegalTransitionError.

    Unlike activities, staying in the same state is refused too: every dossier change is an
    action (mark ready, submit, return) that makes no sense twice.
    """
    if new in DOSSIER_TRANSITIONS[current]:
        return
    raise IllegalTransitionError(
        _DOSSIER_REFUSALS.get(
            (current, new),
            f"A dossier cannot go from '{current.label}' to '{new.label}'.",
        )
    )


def dossier_next(current: D) -> list[D]:
    """The states reachable from ``current``, in order."""
    return [s for s in D if s in DOSSIER_TRANSITIONS[current]]


# --- dates ---------------------------------------------------------------------------------

EARLIEST = date(1970, 1, 1)


def check_day(day: date | None, today: date, what: str, field: str, required: bool) -> None:
    """A day on which something happened: not before 1970 and not still to come."""
    if day is None:
        if required:
            raise ValidationError(f"Enter the {what}.", field)
        return
    if day > today:
        raise ValidationError(
            f"The {what} ({day.day}-{day.month}-{day.year}) is still to come; evidence, "
            "observations and feedback are recorded once they exist.",
            field,
        )
    if day < EARLIEST:
        raise ValidationError(
            f"The {what} ({day.day}-{day.month}-{day.year}) is before 1970; check the year.",
            field,
        )
