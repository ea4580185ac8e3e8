"""Which of the Assessment tab's actions apply to what is shown: a pure function of the
loaded assessment, the chosen round, the selected competence and who is judging."""

from __future__ import annotations

from dataclasses import dataclass

from utq_desktop.domain.assessment import AssessmentState, Phase
from utq_desktop.services.assessment_dto import (
    CandidateAssessment,
    CompetenceJudgements,
    RoundView,
)


@dataclass(frozen=True)
class EnabledActions:
    start: bool
    judge: bool
    decide: bool
    result: bool
    cancel: bool
    appeal: bool
    hearing: bool
    outcome: bool


def enabled_actions(
    view: CandidateAssessment | None,
    round_: RoundView | None,
    competence: CompetenceJudgements | None,
    viewer_id: int | None,
) -> EnabledActions:
    """A round starts only when a submission waits and no round is open; only an assessor
    of the round judges, until all judgements are revealed; an appeal is filed against the
    latest decided round only."""
    open_round = view is not None and any(
        r.state in (AssessmentState.JUDGING, AssessmentState.APPEAL) for r in view.rounds
    )
    judging = round_ is not None and round_.state is AssessmentState.JUDGING
    assessor_ids = {m.user_id for m in round_.assessors} if round_ else set()
    latest = (
        next((r for r in view.rounds if r.state is not AssessmentState.CANCELLED), None)
        if view
        else None
    )
    decided_latest = (
        round_ is not None
        and latest is not None
        and latest.id == round_.id
        and round_.state is AssessmentState.DECIDED
    )
    pending = round_.pending_appeal if round_ else None
    return EnabledActions(
        start=view is not None and bool(view.waiting) and not open_round,
        judge=judging
        and round_ is not None
        and not round_.revealed
        and viewer_id in assessor_ids
        and competence is not None,
        decide=judging and competence is not None and competence.disagreement,
        result=round_ is not None and round_.phase is Phase.READY,
        cancel=judging,
        appeal=decided_latest,
        hearing=pending is not None,
        outcome=pending is not None,
    )
