"""What other capabilities (certificates, the ceremony batch, reports) may ask of the
assessment: whether — and since when — a candidate has a standing sufficient result.

A candidate's *standing result* is the result of their latest decided assessment round
(cancelled and still-judging rounds do not count), as it stands after any appeal: a granted
appeal changes the round's result and its date; an upheld or withdrawn one leaves both.
A pending appeal does not suspend the result: it stands until the appeal's outcome.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Subquery, func, select
from sqlalchemy.orm import Session

from utq_desktop.domain.assessment import AssessmentState, Verdict
from utq_desktop.domain.assessment_models import Assessment

DECIDED_STATES = (AssessmentState.DECIDED, AssessmentState.APPEAL)


def _latest_decided_rounds() -> Subquery:
    """Per candidate, the number of their latest decided round (a subquery)."""
    return (
        select(Assessment.candidate_id, func.max(Assessment.round).label("round"))
        .where(Assessment.state.in_(DECIDED_STATES), Assessment.result.is_not(None))
        .group_by(Assessment.candidate_id)
        .subquery()
    )


def sufficient_result_date(session: Session, candidate_id: int) -> date | None:
    """The date of the candidate's standing sufficient result, else None.

    The date is the day the result became sufficient: the day it was recorded, or — when a
    granted appeal turned an insufficient result into a sufficient one — the appeal's
    outcome date. None when the candidate has no decided round, or when the latest decided
    round's standing result is insufficient (also after an appeal took a sufficient result
    away: a certificate issued on it should then be revoked by the certificate code).
    Reads only; runs in the caller's session.
    """
    row = session.execute(
        select(Assessment.result, Assessment.result_on)
        .where(Assessment.candidate_id == candidate_id)
        .where(Assessment.state.in_(DECIDED_STATES), Assessment.result.is_not(None))
        .order_by(Assessment.round.desc())
        .limit(1)
    ).first()
    if row is None or row.result != Verdict.SUFFICIENT:
        return None
    return row.result_on


def qualified_since(session: Session, since: date | None) -> dict[int, date]:
    """Every candidate with a standing sufficient result dated ``since`` or later (all of
    them when ``since`` is None): candidate id → the date of that result, as
    ``sufficient_result_date`` gives it. One query, for the ceremony batch."""
    latest = _latest_decided_rounds()
    query = (
        select(Assessment.candidate_id, Assessment.result_on)
        .join(
            latest,
            (latest.c.candidate_id == Assessment.candidate_id)
            & (latest.c.round == Assessment.round),
        )
        .where(Assessment.result == Verdict.SUFFICIENT)
    )
    if since is not None:
        query = query.where(Assessment.result_on >= since)
    return {cid: on for cid, on in session.execute(query) if on is not None}
