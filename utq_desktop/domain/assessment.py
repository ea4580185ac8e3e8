"""The assessment's rules: round states and their allowed changes (as data, checked in one
place), the blind-visibility rule, disagreement, the overall result from per-competence
verdicts and chair decisions, and the appeal rules.

Pure functions of plain values (no SQLAlchemy, no Qt): the services, the demo data and the
Assessment tab all use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from utq_desktop.errors import IllegalTransitionError, ValidationError


class Verdict(StrEnum):
    """A judgement on one competence, and the overall result (stored by value)."""

    SUFFICIENT = "sufficient"
    INSUFFICIENT = "insufficient"

    @property
    def label(self) -> str:
        return "Sufficient" if self is Verdict.SUFFICIENT else "Insufficient"


class MemberRole(StrEnum):
    """What an appointed person does in a round (stored by value)."""

    ASSESSOR = "assessor"
    CHAIR = "chair"

    @property
    def label(self) -> str:
        return "Assessor" if self is MemberRole.ASSESSOR else "Chair"


class AssessmentState(StrEnum):
    """Where an assessment round stands (stored by value)."""

    JUDGING = "judging"  # appointed; judgements and chair decisions are being entered
    DECIDED = "decided"  # the result is recorded
    APPEAL = "appeal"  # an appeal against the result is pending
    CANCELLED = "cancelled"  # started by mistake; nothing was decided

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    AssessmentState.JUDGING: "In assessment",
    AssessmentState.DECIDED: "Decided",
    AssessmentState.APPEAL: "Appeal pending",
    AssessmentState.CANCELLED: "Cancelled",
}

S = AssessmentState

# judging → decided (the result) or cancelled (before any result); decided ⇄ appeal (an
# appeal is filed, its outcome brings the round back to decided). Nothing leaves cancelled.
ASSESSMENT_TRANSITIONS: dict[S, frozenset[S]] = {
    S.JUDGING: frozenset({S.DECIDED, S.CANCELLED}),
    S.DECIDED: frozenset({S.APPEAL}),
    S.APPEAL: frozenset({S.DECIDED}),
    S.CANCELLED: frozenset(),
}

_REFUSALS = {
    (S.DECIDED, S.DECIDED): "The result is recorded already; it can only change through "
    "the outcome of an appeal.",
    (S.APPEAL, S.APPEAL): "An appeal against this result is pending already; record its "
    "outcome first.",
    (S.JUDGING, S.APPEAL): "There is no result to appeal against yet.",
    (S.DECIDED, S.CANCELLED): "A decided assessment cannot be cancelled; the result can "
    "only change through an appeal.",
    (S.APPEAL, S.CANCELLED): "A decided assessment cannot be cancelled; the result can "
    "only change through an appeal.",
    (S.APPEAL, S.JUDGING): "A decided assessment cannot be judged again.",
    (S.DECIDED, S.JUDGING): "A decided assessment cannot be judged again.",
}


def check_assessment_transition(current: S, new: S) -> None:
    """THE check of every round state change; raises IllegalTransitionError."""
    if new in ASSESSMENT_TRANSITIONS[current]:
        return
    if current is S.CANCELLED:
        raise IllegalTransitionError("This assessment was cancelled; start a new one.")
    raise IllegalTransitionError(
        _REFUSALS.get(
            (current, new), f"An assessment cannot go from '{current.label}' to '{new.label}'."
        )
    )


class Phase(StrEnum):
    """What a round waits for, derived from its state and its judgements (never stored)."""

    JUDGING = "judging"  # judgements still to come
    CHAIR = "chair"  # all in; the chair must decide where the assessors disagree
    READY = "ready"  # every competence has a final verdict: the result can be recorded
    DECIDED = "decided"
    APPEAL = "appeal"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    Phase.JUDGING: "Judging",
    Phase.CHAIR: "Chair to decide",
    Phase.READY: "Ready for the result",
    Phase.DECIDED: "Decided",
    Phase.APPEAL: "Appeal pending",
    Phase.CANCELLED: "Cancelled",
}


# --- the panel -------------------------------------------------------------------------------

MIN_ASSESSORS, MAX_ASSESSORS = 2, 4


def check_panel(assessor_ids: Iterable[int], chair_id: int | None) -> tuple[int, ...]:
    """The appointed assessors (2–4, distinct) and a chair who is not one of them."""
    assessors = tuple(assessor_ids)
    if len(set(assessors)) != len(assessors):
        raise ValidationError("Appoint each assessor once.", "assessors")
    if not MIN_ASSESSORS <= len(assessors) <= MAX_ASSESSORS:
        raise ValidationError(
            f"Appoint {MIN_ASSESSORS} to {MAX_ASSESSORS} assessors "
            f"({len(assessors)} chosen): they judge the dossier independently.",
            "assessors",
        )
    if chair_id is None:
        raise ValidationError("Appoint a chair: the chair decides where assessors disagree.")
    if chair_id in assessors:
        raise ValidationError(
            "The chair cannot also be an assessor: the chair decides between them.", "chair"
        )
    return assessors


# --- judgements, blindness, disagreement, result ----------------------------------------------

# (assessor id, competence id) → verdict
Judgements = Mapping[tuple[int, int], Verdict]


def judgements_complete(
    judgements: Judgements, assessor_ids: Iterable[int], competence_ids: Iterable[int]
) -> bool:
    """True when every appointed assessor has judged every competence."""
    needed = {(a, c) for a in assessor_ids for c in competence_ids}
    return needed <= judgements.keys()


def visible_to(
    viewer_id: int | None,
    judge_id: int,
    complete: bool,
) -> bool:
    """THE blindness rule: a viewer sees their own judgements always, everyone else's only
    once every appointed assessor has judged every competence. ``viewer_id`` None is someone
    who is not on the panel (the coordinator): they too see nothing before that."""
    return complete or viewer_id == judge_id


def disagreement(verdicts: Iterable[Verdict]) -> bool:
    """Assessors disagree on a competence when their verdicts are not all the same."""
    return len(set(verdicts)) > 1


def final_verdict(verdicts: Iterable[Verdict], chair: Verdict | None) -> Verdict | None:
    """A competence's verdict: the assessors' when they agree, else the chair's decision
    (None while it is missing)."""
    distinct = set(verdicts)
    if not distinct:
        return None
    if len(distinct) == 1:
        return distinct.pop()
    return chair


def overall_result(finals: Iterable[Verdict | None]) -> Verdict | None:
    """Sufficient only when every competence is sufficient; None while any is undecided."""
    values = list(finals)
    if not values or any(v is None for v in values):
        return None
    if all(v is Verdict.SUFFICIENT for v in values):
        return Verdict.SUFFICIENT
    return Verdict.INSUFFICIENT


def phase_of(state: S, complete: bool, open_disagreements: int) -> Phase:
    if state is not S.JUDGING:
        return Phase(state.value)
    if not complete:
        return Phase.JUDGING
    return Phase.CHAIR if open_disagreements else Phase.READY


# --- appeals --------------------------------------------------------------------------------

APPEAL_WEEKS_MIN, APPEAL_WEEKS_MAX, APPEAL_WEEKS_DEFAULT = 1, 26, 6


class AppealOutcome(StrEnum):
    """How an appeal ended (stored by value); PENDING until it is decided."""

    PENDING = "pending"
    UPHELD = "upheld"  # the result stands
    GRANTED = "granted"  # the result changes
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    AppealOutcome.PENDING: "Pending",
    AppealOutcome.UPHELD: "Upheld: the result stands",
    AppealOutcome.GRANTED: "Granted: the result changes",
    AppealOutcome.WITHDRAWN: "Withdrawn",
}


def appeal_deadline(result_on: date, weeks: int) -> date:
    """The last day an appeal against a result of ``result_on`` may be filed."""
    return result_on + timedelta(weeks=weeks)


def check_appeal_filing(filed_on: date, deadline: date, late_reason: str | None) -> None:
    """A filing after the deadline is refused unless it is accepted late, with a reason."""
    if filed_on <= deadline:
        return
    if late_reason is None:
        raise ValidationError(
            f"The appeal was filed on {filed_on.day}-{filed_on.month}-{filed_on.year}, after "
            f"the deadline of {deadline.day}-{deadline.month}-{deadline.year}; it can only be "
            "recorded when it is accepted late, with the reason.",
            "filed_on",
        )
    if not late_reason.strip():
        raise ValidationError("Give the reason the late appeal is accepted.", "late_reason")


@dataclass(frozen=True, slots=True)
class AppealDecision:
    """What an appeal's outcome does to the result."""

    outcome: AppealOutcome
    new_result: Verdict | None  # set only for GRANTED: the result after the appeal


def check_appeal_outcome(
    outcome: AppealOutcome, current: Verdict, new_result: Verdict | None, motivation: str
) -> AppealDecision:
    """Upheld and withdrawn leave the result as it is; granted changes it (to the other
    verdict) and needs a motivation."""
    if outcome is AppealOutcome.PENDING:
        raise ValidationError("Choose how the appeal ended.", "outcome")
    if outcome is not AppealOutcome.GRANTED:
        return AppealDecision(outcome, None)
    target = new_result or _other(current)
    if target is current:
        raise ValidationError(
            f"A granted appeal changes the result; it is '{current.label}' already.", "result"
        )
    if not motivation.strip():
        raise ValidationError("Give the motivation for changing the result.", "motivation")
    return AppealDecision(outcome, target)


def _other(verdict: Verdict) -> Verdict:
    return Verdict.INSUFFICIENT if verdict is Verdict.SUFFICIENT else Verdict.SUFFICIENT
