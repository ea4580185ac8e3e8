"""The assessment register: every dossier waiting for assessment, in assessment, or decided,
one row per candidate (their current submission or latest round). A handful of bulk
queries, whatever the number of candidates."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Select, String, and_, exists, func, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from utq_desktop.domain.assessment import (
    AppealOutcome,
    AssessmentState,
    MemberRole,
    phase_of,
)
from utq_desktop.domain.assessment_models import (
    Assessment,
    AssessmentAppeal,
    AssessmentJudgement,
    AssessmentMember,
)
from utq_desktop.domain.models import AppUser, Candidate, Competence
from utq_desktop.domain.names import fold, full_name
from utq_desktop.domain.portfolio_models import (
    PortfolioDossier,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
)
from utq_desktop.services.assessment_dto import AssessmentRegisterRow, RegisterStage

LIVE = Assessment.state != AssessmentState.CANCELLED


def register_rows(session: Session) -> list[AssessmentRegisterRow]:
    """Every candidate with a submitted dossier or an assessment round, sorted by name.

    Core queries on the session's connection: no ORM row processing (tens of thousands of
    rows at 50,000 candidates)."""
    db = session.connection()
    names = _names(db)
    rows: dict[int, AssessmentRegisterRow] = {}
    for cid, number, submitted_at in db.execute(_waiting_query()).all():
        if cid in rows:  # two waiting submissions: the newest counts (not expected)
            continue
        name, staff, faculty = names[cid]
        rows[cid] = AssessmentRegisterRow(
            cid,
            name,
            staff,
            faculty,
            RegisterStage.WAITING,
            None,
            number,
            submitted_at.date() if submitted_at else None,
            None,
            0,
            0,
            None,
            False,
            "",
        )
    latest = db.execute(_latest_rounds_query()).all()
    judging = [r for r in latest if r.state is AssessmentState.JUDGING]
    counts = _judging_counts(db, [r.id for r in judging])
    panels = _panels(db)
    pending = set(
        db.scalars(
            select(AssessmentAppeal.assessment_id).where(
                AssessmentAppeal.outcome == AppealOutcome.PENDING
            )
        )
    )
    for r in latest:
        if r.candidate_id in rows or r.candidate_id not in names:
            continue
        name, staff, faculty = names[r.candidate_id]
        judged, needed, open_disagreements, complete = counts.get(r.id, (0, 0, 0, False))
        decided = r.state is not AssessmentState.JUDGING
        rows[r.candidate_id] = AssessmentRegisterRow(
            r.candidate_id,
            name,
            staff,
            faculty,
            RegisterStage.DECIDED if decided else RegisterStage.IN_ASSESSMENT,
            r.round,
            r.number,
            r.result_on if decided else r.started_on,
            phase_of(r.state, complete, open_disagreements),
            judged,
            needed,
            r.result,
            r.id in pending,
            panels.get(r.id, ""),
        )
    return sorted(rows.values(), key=lambda row: (fold(row.candidate_name), row.candidate_id))


def _panels(db: Connection) -> dict[int, str]:
    """Per live round, its panel as one line: 'A. Assessor, B. Assessor; chair C. Chair'."""
    users = dict(db.execute(select(AppUser.id, AppUser.name)).all())
    assessors: dict[int, list[str]] = defaultdict(list)
    chairs: dict[int, str] = {}
    query = (
        select(
            AssessmentMember.assessment_id,
            type_coerce(AssessmentMember.role, String),
            AssessmentMember.user_id,
        )
        .join(Assessment, Assessment.id == AssessmentMember.assessment_id)
        .where(LIVE)
        .order_by(AssessmentMember.assessment_id, AssessmentMember.position)
    )
    for aid, role, uid in db.execute(query).all():
        if role == MemberRole.CHAIR.value:
            chairs[aid] = users.get(uid, "")
        else:
            assessors[aid].append(users.get(uid, ""))
    return {
        aid: ", ".join(names) + (f"; chair {chairs[aid]}" if aid in chairs else "")
        for aid, names in assessors.items()
    }


def _names(db: Connection) -> dict[int, tuple[str, str, str]]:
    query = select(
        Candidate.id,
        Candidate.first_name,
        Candidate.prefix,
        Candidate.surname,
        Candidate.initials,
        Candidate.staff_number,
        Candidate.faculty,
    ).where(
        Candidate.id.in_(select(PortfolioDossier.candidate_id))
        | Candidate.id.in_(select(Assessment.candidate_id))
    )
    return {
        cid: (full_name(first, prefix, surname, initials), staff, faculty)
        for cid, first, prefix, surname, initials, staff, faculty in db.execute(query).all()
    }


def _waiting_query() -> Select[Any]:
    """Submitted snapshots not returned and in no live round, newest first."""
    return (
        select(
            PortfolioDossier.candidate_id, PortfolioSnapshot.number, PortfolioSnapshot.submitted_at
        )
        .join(PortfolioDossier, PortfolioDossier.id == PortfolioSnapshot.dossier_id)
        .where(
            ~exists().where(PortfolioSnapshotReturn.snapshot_id == PortfolioSnapshot.id),
            ~exists().where(and_(Assessment.snapshot_id == PortfolioSnapshot.id, LIVE)),
        )
        .order_by(PortfolioSnapshot.number.desc())
    )


def _latest_rounds_query() -> Select[Any]:
    latest = (
        select(Assessment.candidate_id, func.max(Assessment.round).label("round"))
        .where(LIVE)
        .group_by(Assessment.candidate_id)
        .subquery()
    )
    return (
        select(
            Assessment.id,
            Assessment.candidate_id,
            Assessment.round,
            Assessment.state,
            Assessment.started_on,
            Assessment.result,
            Assessment.result_on,
            PortfolioSnapshot.number,
        )
        .join(
            latest,
            and_(
                latest.c.candidate_id == Assessment.candidate_id,
                latest.c.round == Assessment.round,
            ),
        )
        .outerjoin(PortfolioSnapshot, PortfolioSnapshot.id == Assessment.snapshot_id)
    )


def _judging_counts(db: Connection, round_ids: list[int]) -> dict[int, tuple[int, int, int, bool]]:
    """Per judging round: judgements in, needed, open disagreements, all in."""
    if not round_ids:
        return {}
    judging = Assessment.state == AssessmentState.JUDGING
    assessors: dict[int, set[int]] = defaultdict(set)
    chairs: dict[int, int] = {}
    members = (
        select(
            AssessmentMember.assessment_id,
            AssessmentMember.user_id,
            type_coerce(AssessmentMember.role, String),
        )
        .join(Assessment, Assessment.id == AssessmentMember.assessment_id)
        .where(judging)
    )
    for aid, uid, role in db.execute(members).all():
        if role == MemberRole.CHAIR.value:
            chairs[aid] = uid
        else:
            assessors[aid].add(uid)
    frameworks = dict(
        db.execute(select(Assessment.id, Assessment.framework_id).where(judging)).all()
    )
    sizes = dict(
        db.execute(
            select(Competence.framework_id, func.count(Competence.id)).group_by(
                Competence.framework_id
            )
        ).all()
    )
    verdicts: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    chair_done: dict[int, set[int]] = defaultdict(set)
    judgements = (
        select(
            AssessmentJudgement.assessment_id,
            AssessmentJudgement.competence_id,
            AssessmentJudgement.user_id,
            type_coerce(AssessmentJudgement.verdict, String),
        )
        .join(Assessment, Assessment.id == AssessmentJudgement.assessment_id)
        .where(judging)
    )
    for aid, cid, uid, verdict in db.execute(judgements).all():
        if uid in assessors[aid]:
            verdicts[aid][cid].append(verdict)
        elif chairs.get(aid) == uid:
            chair_done[aid].add(cid)
    result: dict[int, tuple[int, int, int, bool]] = {}
    for aid in round_ids:
        needed = len(assessors[aid]) * sizes.get(frameworks.get(aid), 0)
        judged = sum(len(v) for v in verdicts[aid].values())
        complete = needed > 0 and judged >= needed
        open_disagreements = (
            sum(
                1
                for cid, vs in verdicts[aid].items()
                if len(set(vs)) > 1 and cid not in chair_done[aid]
            )
            if complete
            else 0
        )
        result[aid] = (judged, needed, open_disagreements, complete)
    return result
