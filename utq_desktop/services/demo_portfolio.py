"""Demo dossiers at every stage, so the Portfolio tab, its coverage matrix, the checklist
and the file check have something real to show:

- some candidates still on their learning route have started collecting evidence;
- candidates in Portfolio: a few empty dossiers, most partly covered (some criteria
  'needs revision', open feedback), some complete but not yet marked, a quarter marked
  ready by their supervisor;
- candidates in Assessment or Qualified: a complete dossier (every open competence's
  criteria covered by items with attachments, a reflection per competence, a class
  observation), submitted (snapshot 1), some after a return for revision (snapshot 1
  returned, snapshot 2 submitted); everything dated before the submission that holds it,
  so the assessed snapshot shows the full dossier. services.demo_assessment judges these
  snapshots.

Attachments come from a small pool of generated files (services.demo_portfolio_files),
stored once and shared through the content-addressed store. Each dossier follows from
(seed, staff number) alone; rows go in with one driver call per table and chunk.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus as S
from utq_desktop.domain.models import AppUser, Competence
from utq_desktop.domain.portfolio import CriterionState as C
from utq_desktop.domain.portfolio import DossierState as D
from utq_desktop.domain.portfolio import EvidenceKind as K
from utq_desktop.domain.route_models import LearningRoute, RouteRecognition
from utq_desktop.services.demo_portfolio_files import COURSES, store_pool
from utq_desktop.services.demo_portfolio_insert import insert_plans
from utq_desktop.services.portfolio_framework import FrameworkMap, framework_map
from utq_desktop.store.files import FileStore

# share of candidates with a dossier, by status
WITH_DOSSIER = {S.LEARNING_ROUTE: 0.12, S.PORTFOLIO: 1.0, S.ASSESSMENT: 1.0, S.QUALIFIED: 1.0}
SUBMITTED = frozenset({S.ASSESSMENT, S.QUALIFIED})  # their dossier holds a submitted snapshot
# candidates in Portfolio: (stage, cumulative share)
PORTFOLIO_STAGES = (("empty", 0.08), ("partial", 0.6), ("complete", 0.75), ("ready", 1.0))
RESUBMITTED = 0.15  # of the submitted: returned once, submitted again
EVIDENCE = (
    (K.COURSE_MATERIAL, "Course manual {course}"),
    (K.STUDENT_EVALUATION, "Student evaluation {course}"),
    (K.PEER_FEEDBACK, "Peer feedback on a lecture in {course}"),
    (K.STUDENT_FEEDBACK, "Mid-term student feedback, {course}"),
    (K.CERTIFICATE, "Certificate of participation"),
    (K.OTHER, "Assessment plan {course}"),
)
DESCRIPTIONS = (
    "Redesigned along constructive alignment: outcomes, activities and test now match.",
    "Shows how I collect and use student input to improve the course.",
    "A colleague's view on my teaching, with the points I took up afterwards.",
    "Evidence of the activating methods I introduced this year.",
    "",
)
FEEDBACK = (
    "Make explicit which criterion this item shows, and how.",
    "Add the student numbers and response rate.",
    "Your reflection describes what happened; say more about why and what you would change.",
    "Link this to the learning outcomes of the course.",
    "Good piece of evidence; mention your own role in it.",
)
RETURNED = (
    "Competence {code}: the evidence does not yet show the criteria; add a reflection "
    "on your own assessment practice."
)


@dataclass
class _Item:
    kind: K
    title: str
    made_on: date
    description: str
    criteria: tuple[str, ...] = ()
    competences: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()


@dataclass
class _Observation:
    observed_on: date
    observer: str
    course: str
    criteria: tuple[str, ...]
    files: tuple[tuple[str, str], ...]


@dataclass
class _Feedback:
    text: str
    author: str
    given_on: date
    item: int | None = None  # index into the plan's items
    competence: str | None = None
    resolved_on: date | None = None


@dataclass
class Plan:
    """One demo dossier, before it has database ids."""

    candidate_id: int
    framework_id: int
    state: D
    stamp: datetime
    supervisor: str
    items: list[_Item] = field(default_factory=list)
    observations: list[_Observation] = field(default_factory=list)
    states: dict[str, C] = field(default_factory=dict)
    feedback: list[_Feedback] = field(default_factory=list)
    marked_ready_on: date | None = None
    # (submitted at, items it holds, returned (at, feedback) or None)
    submissions: list[tuple[datetime, int, tuple[datetime, str] | None]] = field(
        default_factory=list
    )


def insert_dossiers(
    session: Session,
    store: FileStore,
    seed: int,
    today: date,
    rows: Sequence[dict[str, Any]],
    ids: dict[str, int],
    actor: str,
) -> None:
    """Add demo dossiers for the new candidates ``rows`` (ids by staff number)."""
    chosen = [
        (row, ids[row["staff_number"]])
        for row in rows
        if row["staff_number"] in ids and row["status"] in WITH_DOSSIER and row["framework_id"]
    ]
    if not chosen:
        return
    pool = store_pool(session, store)
    maps: dict[int, FrameworkMap] = {}
    names = dict(session.execute(select(AppUser.id, AppUser.name)).all())
    recognised = _recognised(session, [cid for _row, cid in chosen])
    plans: list[Plan] = []
    for row, candidate_id in chosen:
        rng = random.Random(f"{seed}/{row['staff_number']}/portfolio")
        if rng.random() > WITH_DOSSIER[row["status"]]:
            continue
        fid = row["framework_id"]
        fmap = maps.get(fid) or maps.setdefault(fid, framework_map(session, fid))
        supervisor = names.get(row["supervisor_id"] or 0, "Janneke de Vries")
        plans.append(
            _plan(
                rng,
                row,
                candidate_id,
                fmap,
                recognised.get(candidate_id, set()),
                pool,
                today,
                supervisor,
            )
        )
    if plans:
        insert_plans(session, plans, maps, rows, ids, recognised, actor)


def _recognised(session: Session, candidate_ids: list[int]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = defaultdict(dict)
    wanted = set(candidate_ids)
    for cid, code, reason in session.execute(
        select(LearningRoute.candidate_id, Competence.code, RouteRecognition.reason)
        .join(LearningRoute, LearningRoute.id == RouteRecognition.route_id)
        .join(Competence, Competence.id == RouteRecognition.competence_id)
        .where(LearningRoute.candidate_id >= min(wanted))
    ):
        if cid in wanted:
            found[cid][code] = reason
    return found


def _stage(r: random.Random, status: S) -> str:
    if status is S.LEARNING_ROUTE:
        return "early"
    if status in SUBMITTED:
        return "resubmitted" if r.random() < RESUBMITTED else "submitted"
    roll = r.random()
    return next(stage for stage, limit in PORTFOLIO_STAGES if roll < limit)


def _submission_days(
    r: random.Random, status: S, created: date, today: date, resubmitted: bool
) -> tuple[date, date]:
    """(first, last) submission day: in assessment, submitted in the last weeks; qualified,
    submitted long enough ago for the result (services.demo_assessment) to be in."""
    if status is S.QUALIFIED:
        earliest = min(created + timedelta(days=300), today - timedelta(days=70))
        span = max(0, (today - timedelta(days=60) - earliest).days)
        last = earliest + timedelta(days=r.randint(0, span))
    else:
        last = today - timedelta(days=3 + r.randrange(73))
    last = min(max(last, created + timedelta(days=60)), today)
    first = last - timedelta(days=21) if resubmitted else last
    return max(first, created), last


def _plan(
    r: random.Random,
    row: dict[str, Any],
    candidate_id: int,
    fmap: FrameworkMap,
    recognised: Any,
    pool: dict[K, tuple[tuple[str, str], ...]],
    today: date,
    supervisor: str,
) -> Plan:
    stage = _stage(r, row["status"])
    submitted = stage in ("submitted", "resubmitted")
    created = row["created_at"].date()
    first = last = today
    again = False  # returned for revision and submitted again
    if submitted:
        first, last = _submission_days(r, row["status"], created, today, stage == "resubmitted")
        again = (last - first).days >= 21
        first = first if again else last
    start = max(created, first - timedelta(days=900))
    span = max(1, (first - start).days - 14)  # the evidence predates the first submission

    def day() -> date:
        return start + timedelta(days=r.randrange(span))

    course = COURSES[r.randrange(len(COURSES))]
    state = {"ready": D.READY, "submitted": D.SUBMITTED, "resubmitted": D.SUBMITTED}
    stamp = datetime.combine(start, time(10, r.randrange(60)))
    plan = Plan(candidate_id, fmap.id or 0, state.get(stage, D.WORKING), stamp, supervisor)
    open_competences = [c for c in fmap.competences if c.code not in recognised]
    if stage == "empty":
        return plan
    complete = stage in ("complete", "ready", "submitted", "resubmitted")
    if stage == "early":
        chosen = r.sample(open_competences, min(len(open_competences), 1 + r.randrange(2)))
    elif stage == "partial":
        chosen = r.sample(open_competences, max(1, r.randrange(len(open_competences) + 1)))
    else:
        chosen = list(open_competences)
    for competence in chosen:
        kind, title = EVIDENCE[r.randrange(len(EVIDENCE))]
        criteria = tuple(
            k.code for k in competence.criteria if r.random() < (0.6 if complete else 0.35)
        ) or (competence.criteria[0].code,)
        # a complete dossier's evidence carries at least one file
        count = 1 + r.randrange(2) if complete else r.randrange(3)
        files: tuple[tuple[str, str], ...] = ()
        if pool[kind]:
            offset = r.randrange(len(pool[kind]))
            files = tuple(
                pool[kind][(offset + n) % len(pool[kind])]
                for n in range(min(count, len(pool[kind])))
            )
        plan.items.append(
            _Item(
                kind,
                title.format(course=course),
                day(),
                DESCRIPTIONS[r.randrange(len(DESCRIPTIONS))],
                criteria,
                (),
                files,
            )
        )
        if complete or (stage == "partial" and r.random() < 0.5):
            reflection = pool[K.REFLECTION][:1] if r.random() < 0.3 else ()
            # in a complete dossier the reflection shows the criteria the evidence left open
            rest = tuple(k.code for k in competence.criteria if k.code not in criteria)
            plan.items.append(
                _Item(
                    K.REFLECTION,
                    f"Reflection on {competence.name.lower()}",
                    day(),
                    f"My development in {competence.name.lower()}: what I did in {course}, "
                    "what worked, what did not, and what I will do differently.\n\n"
                    "The feedback of students and colleagues made me see that explaining "
                    "why an activity matters is as important as the activity itself.",
                    rest if complete else (),
                    (competence.code,),
                    reflection,
                )
            )
    plan.items.sort(key=lambda item: item.made_on)
    again = again and len(plan.items) > 1
    if again:
        # the item added after the return for revision, before submitting again
        plan.items[-1].made_on = first + timedelta(days=15 + r.randrange(5))
    observed = [c for c in open_competences if c.criteria]
    if observed and (complete or r.random() < 0.3):
        target = next((c for c in observed if c.code in ("C2", "M1")), observed[0])
        plan.observations.append(
            _Observation(
                day(),
                supervisor,
                course,
                tuple(k.code for k in target.criteria[:2]),
                (pool[K.OBSERVATION_REPORT][r.randrange(len(pool[K.OBSERVATION_REPORT]))],),
            )
        )
    covered = {k for item in plan.items for k in item.criteria}
    covered |= {k for o in plan.observations for k in o.criteria}
    for code in sorted(covered):
        roll = r.random()
        if row["status"] is S.QUALIFIED:
            plan.states[code] = C.ACCEPTED
        elif complete:
            plan.states[code] = C.ACCEPTED if roll < 0.5 else C.READY
        elif roll < 0.2:
            plan.states[code] = C.NEEDS_REVISION
        elif roll < 0.4:
            plan.states[code] = C.READY
    until = last if submitted else today  # no feedback after the (last) submission
    for _ in range(r.randrange(4 if stage in ("partial", "early") else 2)):
        if not plan.items:
            break
        index = r.randrange(len(plan.items))
        made_on = plan.items[index].made_on
        given = max(made_on, min(until, made_on + timedelta(days=3 + r.randrange(30))))
        resolved = complete or r.random() < 0.4
        resolved_on = min(until, given + timedelta(days=r.randrange(20))) if resolved else None
        plan.feedback.append(
            _Feedback(
                FEEDBACK[r.randrange(len(FEEDBACK))],
                supervisor,
                given,
                index,
                None,
                max(given, resolved_on) if resolved_on else None,
            )
        )
    if stage in ("ready", "submitted", "resubmitted"):
        plan.marked_ready_on = max(i.made_on for i in plan.items) if plan.items else today
    if submitted:
        at = datetime.combine(first, time(9 + r.randrange(8), 0))
        if again:
            code = plan.items[-1].competences[0] if plan.items[-1].competences else "C3"
            returned = (at + timedelta(days=14), RETURNED.format(code=code))
            plan.submissions.append((at, len(plan.items) - 1, returned))
            at = datetime.combine(last, at.time())
            plan.feedback.append(
                _Feedback(
                    returned[1],
                    supervisor,
                    returned[0].date(),
                    None,
                    None,
                    (at - timedelta(days=1)).date(),
                )
            )
        plan.submissions.append((at, len(plan.items), None))
    return plan
