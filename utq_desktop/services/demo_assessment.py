"""Demo assessments: rounds in every state on the demo candidates' submitted dossiers.

- every qualified candidate has a sufficient result on their latest submission, dated a few
  weeks after it (a few got it through a granted appeal), so the ceremony batch and the
  certificate demo (services.demo_certificates, which runs after this) have work;
- a candidate in assessment waits for a panel, is being judged (some judgements in), waits
  for the chair (assessors disagree) or is ready for the result; some were just judged
  insufficient: their dossier went back for revision, and some of them have appealed;
- a submission the portfolio demo returned for revision gets the insufficient round that
  returned it.

The portfolio demo (services.demo_portfolio) runs first and gives every qualified and
in-assessment candidate a complete dossier with a submitted snapshot; the rounds judge those
snapshots (a candidate without one, e.g. without a framework, gets no round). Each
candidate's rounds follow from (seed, staff number) alone; rows go in with bulk inserts, one
set per chunk of candidates.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.assessment import (
    APPEAL_WEEKS_DEFAULT,
    AppealOutcome,
    Verdict,
)
from utq_desktop.domain.enums import TrajectoryStatus as T
from utq_desktop.domain.models import AppUser, Competence
from utq_desktop.domain.models import InstitutionSettings as Settings
from utq_desktop.domain.portfolio_models import (
    PortfolioDossier,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
)
from utq_desktop.services import demo_names as N
from utq_desktop.services.demo_assessment_store import Round, store_rounds

S, I = Verdict.SUFFICIENT, Verdict.INSUFFICIENT  # noqa: E741

IN_ASSESSMENT_MIX = (  # share of candidates in assessment, cumulative
    (0.22, "waiting"),
    (0.52, "judging"),
    (0.66, "chair"),
    (0.80, "ready"),
    (1.00, "returned"),
)
GRANTED_SHARE = 0.04  # of qualified candidates: sufficient only after a granted appeal
DISAGREE_SHARE = 0.2  # of sufficient rounds: one disagreement the chair decided


def insert_assessments(
    session: Session,
    seed: int,
    today: date,
    rows: Sequence[Mapping[str, Any]],
    ids: Mapping[str, int],
    actor: str,
) -> None:
    """Assessment rounds for the demo candidates ``rows`` just added (``ids``: their ids by
    staff number)."""
    people = {ids[r["staff_number"]]: r for r in rows if r["staff_number"] in ids}
    if not people:
        return
    panel = _assessors(session)
    if len(panel) < 3:
        return  # their logins belong to other users in this database
    competences = _competences(session, {r["framework_id"] for r in people.values()})
    weeks = session.scalar(select(Settings.appeal_weeks)) or APPEAL_WEEKS_DEFAULT
    found = _snapshots(session, list(people))
    rounds: list[Round] = []
    for cid in sorted(people):
        row = people[cid]
        snaps = found.get(cid, [])
        comps = competences.get(row["framework_id"], [])
        if not comps or not snaps:
            continue
        rng = random.Random(f"{seed}:{row['staff_number']}:assessment")
        for snap in snaps:
            if snap["returned_on"] is not None:
                rounds.append(_returned_round(rng, cid, snap, comps, panel, today, weeks))
        open_snap = next((s for s in snaps if s["returned_on"] is None), None)
        status = row["status"]
        if status not in (T.ASSESSMENT, T.QUALIFIED):
            continue
        if open_snap is None:
            continue
        made = _open_round(rng, cid, open_snap, status, comps, panel, today, weeks)
        if made is not None:
            rounds.append(made)
    keys = {(s["dossier_id"], s["number"]): s["id"] for v in found.values() for s in v}
    store_rounds(session, rounds, keys, panel, today, actor)


# --- what exists ------------------------------------------------------------------------------


def _assessors(session: Session) -> list[int]:
    """The demo users with the assessor role (demo.py adds them with the others)."""
    logins = [login for login, _, role in N.DEMO_USERS if role == "assessor"]
    ids = dict(
        session.execute(select(AppUser.login, AppUser.id).where(AppUser.login.in_(logins))).all()
    )
    return [ids[login] for login in logins if login in ids]


def _competences(session: Session, framework_ids: set[int | None]) -> dict[int, list[int]]:
    query = (
        select(Competence.framework_id, Competence.id)
        .where(Competence.framework_id.in_({f for f in framework_ids if f}))
        .order_by(Competence.framework_id, Competence.position)
    )
    result: dict[int, list[int]] = defaultdict(list)
    for fid, cid in session.execute(query):
        result[fid].append(cid)
    return result


def _snapshots(session: Session, candidate_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Per candidate, their dossier's snapshots (oldest first), with the return date."""
    query = (
        select(
            PortfolioDossier.candidate_id,
            PortfolioDossier.id,
            PortfolioSnapshot.id,
            PortfolioSnapshot.number,
            PortfolioSnapshot.submitted_at,
            PortfolioSnapshotReturn.returned_at,
        )
        .join(PortfolioDossier, PortfolioDossier.id == PortfolioSnapshot.dossier_id)
        .outerjoin(
            PortfolioSnapshotReturn, PortfolioSnapshotReturn.snapshot_id == PortfolioSnapshot.id
        )
        .where(PortfolioDossier.candidate_id.in_(candidate_ids))
        .order_by(PortfolioDossier.candidate_id, PortfolioSnapshot.number)
    )
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for cid, did, sid, number, at, returned in session.execute(query):
        result[cid].append(
            {
                "candidate_id": cid,
                "dossier_id": did,
                "id": sid,
                "number": number,
                "submitted_on": at.date(),
                "returned_on": returned.date() if returned else None,
            }
        )
    return result


# --- planning -------------------------------------------------------------------------------


def _open_round(
    rng: random.Random,
    cid: int,
    snap: dict[str, Any],
    status: T,
    comps: list[int],
    panel: list[int],
    today: date,
    weeks: int,
) -> Round | None:
    submitted = snap["submitted_on"]
    if status is T.QUALIFIED:
        kind = "granted" if rng.random() < GRANTED_SHARE else "sufficient"
    else:
        draw = rng.random()
        kind = next(k for limit, k in IN_ASSESSMENT_MIX if draw < limit)
        if kind == "waiting":
            return None
    started = min(submitted + timedelta(days=rng.randint(1, 14)), today)
    key = (snap["dossier_id"], snap["number"])
    members = rng.sample(panel, 3)
    if kind in ("sufficient", "granted"):
        judged = min(started + timedelta(days=rng.randint(14, 40)), today - timedelta(days=2))
        judged = max(judged, started)
        result_on = min(judged + timedelta(days=rng.randint(1, 10)), today - timedelta(days=1))
        result_on = max(result_on, judged)
        made = Round(cid, key, kind, started, result_on)
        finals = [S] * len(comps) if kind == "sufficient" else _failing(rng, comps)
        made.judgements = _judged(rng, comps, members, finals, judged, kind == "sufficient")
        if kind == "granted":
            outcome_on = min(result_on + timedelta(days=rng.randint(20, 60)), today)
            made.appeal = {
                "filed_on": min(result_on + timedelta(days=rng.randint(3, weeks * 7)), outcome_on),
                "deadline": result_on + timedelta(weeks=weeks),
                "hearing_on": outcome_on,
                "outcome": AppealOutcome.GRANTED,
                "outcome_on": outcome_on,
                "outcome_motivation": "On review the evidence for the disputed competence "
                "suffices; the result is changed to sufficient.",
                "result_before": I,
                "result_after": S,
            }
            made.result_on = outcome_on
        return made
    made = Round(cid, key, kind, started)
    if kind == "judging":
        all_ = _judged(rng, comps, members, [S] * len(comps), today, False, chair=False)
        keep = rng.randint(1, len(all_) - 1)
        made.judgements = rng.sample(all_, keep)
    elif kind in ("chair", "ready"):
        finals = [S] * len(comps)
        if rng.random() < 0.4:
            finals[rng.randrange(len(comps))] = I
        made.judgements = _judged(
            rng, comps, members, finals, today, True, chair=kind == "ready", force=True
        )
    else:  # returned: decided insufficient just now; perhaps appealed
        judged = max(started, today - timedelta(days=rng.randint(2, 25)))
        made.result_on = min(judged + timedelta(days=rng.randint(0, 4)), today)
        made.judgements = _judged(rng, comps, members, _failing(rng, comps), judged, True)
        if rng.random() < 0.6:
            filed = min(made.result_on + timedelta(days=rng.randint(1, 20)), today)
            made.appeal = _pending_appeal(rng, made.result_on, filed, today, weeks)
    made.started_on = min(started, *(j[3] for j in made.judgements)) if made.judgements else started
    return made


def _returned_round(
    rng: random.Random,
    cid: int,
    snap: dict[str, Any],
    comps: list[int],
    panel: list[int],
    today: date,
    weeks: int,
) -> Round:
    """The insufficient round that sent a portfolio-demo snapshot back."""
    result_on = snap["returned_on"]
    started = max(snap["submitted_on"], result_on - timedelta(days=rng.randint(14, 45)))
    judged = max(started, result_on - timedelta(days=rng.randint(1, 7)))
    made = Round(cid, (snap["dossier_id"], snap["number"]), "insufficient", started, result_on)
    made.judgements = _judged(rng, comps, rng.sample(panel, 3), _failing(rng, comps), judged, True)
    if (today - result_on).days <= weeks * 7 and rng.random() < 0.4:
        filed = min(result_on + timedelta(days=rng.randint(1, 20)), today)
        made.appeal = _pending_appeal(rng, result_on, filed, today, weeks)
    return made


def _pending_appeal(
    rng: random.Random, result_on: date, filed: date, today: date, weeks: int
) -> dict[str, Any]:
    hearing = filed + timedelta(days=rng.randint(14, 40)) if rng.random() < 0.5 else None
    return {
        "filed_on": filed,
        "deadline": result_on + timedelta(weeks=weeks),
        "hearing_on": hearing,
        "outcome": AppealOutcome.PENDING,
        "outcome_on": None,
        "outcome_motivation": "",
        "result_before": None,
        "result_after": None,
    }


def _failing(rng: random.Random, comps: list[int]) -> list[Verdict]:
    finals = [S] * len(comps)
    for index in rng.sample(range(len(comps)), rng.randint(1, 2)):
        finals[index] = I
    return finals


def _judged(
    rng: random.Random,
    comps: list[int],
    members: list[int],
    finals: list[Verdict],
    on: date,
    may_disagree: bool,
    *,
    chair: bool = True,
    force: bool = False,
) -> list[tuple[int, int, Verdict, date]]:
    """Both assessors' judgements leading to ``finals``; where they disagree (sometimes,
    or always once with ``force``), the chair's decision too unless ``chair`` is False."""
    first, second, chair_id = members
    disagree = set()
    if may_disagree and (force or rng.random() < DISAGREE_SHARE):
        disagree.add(rng.randrange(len(comps)))
    out: list[tuple[int, int, Verdict, date]] = []
    for index, (competence, final) in enumerate(zip(comps, finals, strict=True)):
        if index in disagree:
            other = I if final is S else S
            a, b = (final, other) if rng.random() < 0.5 else (other, final)
            out += [(first, competence, a, on), (second, competence, b, on)]
            if chair:
                out.append((chair_id, competence, final, on))
        else:
            out += [(first, competence, final, on), (second, competence, final, on)]
    return out
