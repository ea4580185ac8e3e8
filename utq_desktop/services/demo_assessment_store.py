"""Storing the demo assessments that services.demo_assessment planned on the portfolio
demo's snapshots: the rounds with their panels, judgements and appeals, in bulk inserts; a
round that returned a dossier returns it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from utq_desktop.domain.assessment import (
    AppealOutcome,
    AssessmentState,
    MemberRole,
    Verdict,
)
from utq_desktop.domain.assessment_models import (
    Assessment,
    AssessmentAppeal,
    AssessmentJudgement,
    AssessmentMember,
)
from utq_desktop.domain.enums import TrajectoryStatus as T
from utq_desktop.domain.models import AuditEntry, Candidate
from utq_desktop.domain.portfolio import DossierState
from utq_desktop.domain.portfolio_models import (
    PortfolioDossier,
    PortfolioFeedback,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
)
from utq_desktop.store.bulk import insert_rows

S, I = Verdict.SUFFICIENT, Verdict.INSUFFICIENT  # noqa: E741
VALUES = {S: S.value, I: I.value}  # looked up per row: Enum.value is slow in bulk
ROLES = {role: role.value for role in MemberRole}

MOTIVATIONS = {
    S: (
        "The evidence shows this competence convincingly; the reflection links it to practice.",
        "Well documented with student evaluations and a thoughtful self-analysis.",
        "Sufficient: the peer feedback and the observation report support the claims.",
        "The redesign is argued well and evaluated with the students.",
    ),
    I: (
        "The reflection describes what was done but not why, nor what was learned.",
        "Too little evidence: one course only, without student or peer feedback.",
        "The assessment plan does not align the tests with the learning goals.",
        "No evaluation of the teaching was carried out or discussed.",
    ),
}
RESULT_TEXT = {
    S: "Every competence is shown at the required level.",
    I: "Not every competence is shown yet; see the motivations per competence.",
}
APPEAL_GROUNDS = (
    "The assessors overlooked the appendix with the student evaluations.",
    "The observation report was judged on the draft instead of the final version.",
    "The candidate disputes the motivation for the assessment competence.",
)


@dataclass
class Round:
    candidate_id: int
    snapshot_key: tuple[int, int]  # (dossier id, number): resolved to the snapshot id later
    kind: str  # sufficient | insufficient | granted | returned | judging | chair | ready
    started_on: date
    result_on: date | None = None
    judgements: list[tuple[int, int, Verdict, date]] = field(default_factory=list)
    appeal: dict[str, Any] | None = None


# --- storing --------------------------------------------------------------------------------


def store_rounds(
    session: Session,
    rounds: list[Round],
    keys: Mapping[tuple[int, int], int],
    panel: list[int],
    today: date,
    actor: str,
) -> None:
    if not rounds:
        return
    last_id = session.scalar(select(func.max(Assessment.id))) or 0
    numbers: dict[int, int] = defaultdict(int)
    assessment_rows = []
    for r in sorted(rounds, key=lambda r: (r.candidate_id, r.snapshot_key[1])):
        numbers[r.candidate_id] += 1
        decided = r.kind in ("sufficient", "granted", "insufficient", "returned")
        result = S if r.kind in ("sufficient", "granted") else I if decided else None
        state = (
            AssessmentState.APPEAL
            if r.appeal is not None and r.appeal["outcome"] is AppealOutcome.PENDING
            else AssessmentState.DECIDED
            if decided
            else AssessmentState.JUDGING
        )
        assessment_rows.append(
            {
                "candidate_id": r.candidate_id,
                "snapshot_id": keys[r.snapshot_key],
                "round": numbers[r.candidate_id],
                "framework_id": None,
                "state": state.value,
                "started_on": r.started_on,
                "result": result.value if result else None,
                "result_on": r.result_on if decided else None,
                "result_motivation": RESULT_TEXT[result] if result else "",
                "decided_by": actor if decided else "",
                "created_at": datetime.combine(r.started_on, time(9)),
                "row_version": 1,
            }
        )
    insert_rows(session, Assessment.__table__, [assessment_rows], {})
    session.execute(
        update(Assessment)
        .where(Assessment.id > last_id, Assessment.framework_id.is_(None))
        .values(
            framework_id=select(Candidate.framework_id)
            .where(Candidate.id == Assessment.candidate_id)
            .scalar_subquery()
        )
        .execution_options(synchronize_session=False)
    )
    ids = {
        (cid, number): aid
        for aid, cid, number in session.execute(
            select(Assessment.id, Assessment.candidate_id, Assessment.round).where(
                Assessment.id > last_id
            )
        )
    }
    numbers.clear()
    members, judgements, appeals, entries = [], [], [], []
    for r in sorted(rounds, key=lambda r: (r.candidate_id, r.snapshot_key[1])):
        numbers[r.candidate_id] += 1
        aid = ids[(r.candidate_id, numbers[r.candidate_id])]
        people = list(dict.fromkeys(j[0] for j in r.judgements)) or panel[:3]
        panel_ids = _panel_of(r, people, panel)
        for position, (uid, role) in enumerate(panel_ids):
            members.append(
                {"assessment_id": aid, "user_id": uid, "role": ROLES[role], "position": position}
            )
        for uid, competence, verdict, on in r.judgements:
            judgements.append(
                {
                    "assessment_id": aid,
                    "competence_id": competence,
                    "user_id": uid,
                    "verdict": VALUES[verdict],
                    "motivation": MOTIVATIONS[verdict][(competence + uid) % 4],
                    "judged_on": on,
                }
            )
        if r.appeal is not None:
            appeals.append(
                {
                    "assessment_id": aid,
                    "grounds": APPEAL_GROUNDS[aid % len(APPEAL_GROUNDS)],
                    "late_accepted": False,
                    "late_reason": "",
                    "created_at": datetime.combine(r.appeal["filed_on"], time(11)),
                    **{k: (v.value if hasattr(v, "value") else v) for k, v in r.appeal.items()},
                }
            )
        entries.append(
            {
                "at": datetime.combine(r.started_on, time(9)),
                "actor": actor,
                "entity": "assessment",
                "entity_id": aid,
                "candidate_id": r.candidate_id,
                "action": "create",
                "field": None,
                "old_value": None,
                "new_value": "demo data",
            }
        )
    insert_rows(session, AssessmentMember.__table__, [members], {})
    if judgements:
        insert_rows(
            session,
            AssessmentJudgement.__table__,
            [judgements],
            {"entered_by": actor, "row_version": 1},
        )
    if appeals:
        session.execute(
            insert(AssessmentAppeal.__table__), [{**a, "row_version": 1} for a in appeals]
        )
    session.execute(insert(AuditEntry.__table__), entries)
    _return_dossiers(session, [r for r in rounds if r.kind == "returned"], keys, actor)


def _panel_of(r: Round, judges: list[int], panel: list[int]) -> list[tuple[int, MemberRole]]:
    """The round's two assessors and chair: those who judged, filled up from the panel."""
    chosen = list(judges[:3])
    for uid in panel:
        if len(chosen) == 3:
            break
        if uid not in chosen:
            chosen.append(uid)
    return [
        (chosen[0], MemberRole.ASSESSOR),
        (chosen[1], MemberRole.ASSESSOR),
        (chosen[2], MemberRole.CHAIR),
    ]


def _return_dossiers(
    session: Session, rounds: list[Round], keys: Mapping[tuple[int, int], int], actor: str
) -> None:
    """What an insufficient result does (services.portfolio return_for_revision), in bulk:
    the snapshot returned with the feedback, the dossier working again, the candidate back
    in the portfolio (the candidate's "demo data" entry stands for the status it ends in,
    as for every demo candidate)."""
    if not rounds:
        return
    snapshot_ids = [keys[r.snapshot_key] for r in rounds]
    dossier_of = dict(
        session.execute(
            select(PortfolioSnapshot.id, PortfolioSnapshot.dossier_id).where(
                PortfolioSnapshot.id.in_(snapshot_ids)
            )
        ).all()
    )
    feedback = RESULT_TEXT[I]
    returns, notes = [], []
    for r, sid in zip(rounds, snapshot_ids, strict=True):
        at = datetime.combine(r.result_on or r.started_on, time(15))
        returns.append(
            {"snapshot_id": sid, "returned_at": at, "returned_by": actor, "feedback": feedback}
        )
        notes.append(
            {
                "dossier_id": dossier_of[sid],
                "item_id": None,
                "competence_id": None,
                "author": "Assessment",
                "given_on": at.date(),
                "text": feedback,
                "resolved": False,
                "resolved_on": None,
                "resolved_by": "",
                "created_at": at,
            }
        )
    session.execute(insert(PortfolioSnapshotReturn.__table__), returns)
    session.execute(insert(PortfolioFeedback.__table__), [{**n, "row_version": 1} for n in notes])
    session.execute(
        update(PortfolioDossier)
        .where(PortfolioDossier.id.in_(set(dossier_of.values())))
        .values(state=DossierState.WORKING, row_version=PortfolioDossier.row_version + 1)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Candidate)
        .where(Candidate.id.in_([r.candidate_id for r in rounds]))
        .values(status=T.PORTFOLIO, row_version=Candidate.row_version + 1)
        .execution_options(synchronize_session=False)
    )
