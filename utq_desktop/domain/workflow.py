"""Allowed trajectory transitions, as data, checked in one place."""

from __future__ import annotations

from utq_desktop.domain.enums import TrajectoryStatus as S
from utq_desktop.errors import IllegalTransitionError

# A coordinator may move a candidate one stage on, one stage back (a correction), or
# record an exemption before assessment. Qualified is final; an exemption can be revoked
# back to registered only.
TRAJECTORY_TRANSITIONS: dict[S, frozenset[S]] = {
    S.REGISTERED: frozenset({S.INTAKE, S.EXEMPTED}),
    S.INTAKE: frozenset({S.REGISTERED, S.LEARNING_ROUTE, S.EXEMPTED}),
    S.LEARNING_ROUTE: frozenset({S.INTAKE, S.PORTFOLIO, S.EXEMPTED}),
    S.PORTFOLIO: frozenset({S.LEARNING_ROUTE, S.ASSESSMENT, S.EXEMPTED}),
    S.ASSESSMENT: frozenset({S.PORTFOLIO, S.QUALIFIED}),
    S.QUALIFIED: frozenset(),
    S.EXEMPTED: frozenset({S.REGISTERED}),
}


# An appeal's outcome may overturn a decided result, and only that may move a candidate
# this way: a sufficient result granted on appeal qualifies a candidate whose dossier was
# returned (portfolio); a sufficient result overturned on appeal takes a qualified
# candidate back to the portfolio. Never offered as an edit (allowed_next ignores it).
APPEAL_TRANSITIONS: dict[S, frozenset[S]] = {
    S.PORTFOLIO: frozenset({S.QUALIFIED}),
    S.QUALIFIED: frozenset({S.PORTFOLIO}),
}


def allowed_next(status: S) -> list[S]:
    """The statuses reachable from ``status``, in trajectory order, the current one first."""
    targets = TRAJECTORY_TRANSITIONS[status]
    return [status, *(s for s in S if s in targets)]


def check_transition(current: S, new: S, *, by_appeal: bool = False) -> None:
    """Raise IllegalTransitionError unless ``current`` → ``new`` is allowed; with
    ``by_appeal`` (an appeal's outcome, only) APPEAL_TRANSITIONS are allowed as well."""
    if new == current:
        return
    if by_appeal and new in APPEAL_TRANSITIONS.get(current, frozenset()):
        return
    if new not in TRAJECTORY_TRANSITIONS[current]:
        raise IllegalTransitionError(
            f"A candidate cannot go from '{current.label}' to '{new.label}'."
            + (
                " A qualified candidate's status is final."
                if current == S.QUALIFIED
                else f" From '{current.label}' the next steps are: "
                + ", ".join(f"'{s.label}'" for s in allowed_next(current)[1:])
                + "."
            )
        )
