"""Demo learning routes: most candidates past the intake have one, built from the shipped
template of their framework (so applying that template again adds nothing) plus a few
activities of their own, in every state: done ones in the past, some still open although
their date has passed (overdue), registrations for what is coming, some cancelled, and for
slow candidates some planned after their deadline. Most routes are agreed with the
candidate's supervisor; a few recognise a competence through a partial certificate.

Each candidate's route follows from (seed, staff number) alone, so it does not depend on
the count or on what is already stored. Rows go in with one driver call per table and
chunk: 50,000 candidates stay within a few seconds.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import Date, DateTime, func, select
from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus as S
from utq_desktop.domain.models import AppUser, Competence, Framework
from utq_desktop.domain.models import InstitutionSettings as Settings
from utq_desktop.domain.route import ActivityKind as K
from utq_desktop.domain.route import ActivityStatus as A
from utq_desktop.domain.route_models import (
    LearningRoute,
    RouteActivity,
    RouteTemplate,
    RouteTemplateItem,
)

PAST_INTAKE = frozenset({S.LEARNING_ROUTE, S.PORTFOLIO, S.ASSESSMENT, S.QUALIFIED})
DONE_STAGES = frozenset({S.PORTFOLIO, S.ASSESSMENT, S.QUALIFIED})  # past the route
DAYS_PER_MONTH = 30.44
PLANNED, REGISTERED = A.PLANNED.value, A.REGISTERED.value
COMPLETED, CANCELLED = A.COMPLETED.value, A.CANCELLED.value
WITH_ROUTE = 0.88  # share of candidates past the intake who have a route
# qualified before the application was used: for most, the route was never recorded here
WITH_ROUTE_QUALIFIED = 0.4
AGREED = 0.8
RECOGNISED = 0.05
EXTRAS = (
    (K.WORKSHOP, "Feedback in large groups", "Teaching academy", 3.0),
    (K.WORKSHOP, "Activating lectures", "Teaching academy", 4.0),
    (K.SELF_STUDY, "Toolbox: rubrics and grading", "Toolboxes", 6.0),
    (K.CLASS_OBSERVATION, "Peer observation by a colleague", "Department", 2.0),
    (K.PEER_SUPERVISION, "Intervision group", "UTQ supervisor", 6.0),
    (K.OTHER, "Educational conference", "", 8.0),
    (K.WRITING_SESSION, "Extra writing session", "UTQ supervisor", 4.0),
)
NOTES = (
    "Registration closes 12 days before the start.",
    "Session in English.",
    "Ask the department head for approval first.",
    "Waiting list.",
    "Combine with the redesign of the own course.",
)
PARTIAL = (
    "Partial certificate, Universiteit Utrecht",
    "Partial certificate, Radboud Universiteit",
    "Partial certificate, Vrije Universiteit Amsterdam",
)
ROUTE_COLUMNS = (
    "candidate_id",
    "framework_id",
    "agreed_by",
    "agreed_on",
    "created_at",
    "updated_at",
    "row_version",
)
ACTIVITY_COLUMNS = (
    "route_id",
    "kind",
    "title",
    "provider",
    "planned_on",
    "hours",
    "status",
    "registered_on",
    "completed_on",
    "cancelled_on",
    "notes",
    "template_item_id",
    "created_at",
    "row_version",
)


@dataclass(frozen=True)
class _Item:
    id: int | None  # the template item, None for an activity of the candidate's own
    kind: str
    title: str
    provider: str
    hours: float | None
    competences: tuple[int, ...]
    offset: int  # months after the intake


@dataclass
class _Setting:
    """What every chunk needs (a few small queries)."""

    years: int
    items: dict[int, tuple[_Item, ...]]  # framework id -> template items
    competences: dict[int, tuple[int, ...]]  # framework id -> competence ids
    consultants: dict[int, str]


def insert_routes(
    session: Session,
    seed: int,
    today: date,
    rows: Sequence[dict[str, Any]],
    ids: dict[str, int],
    plans: dict[str, Any],
    actor: str,
) -> None:
    """Add demo routes for the new candidates ``rows`` (ids by staff number; ``plans``:
    their intake plans by staff number, whose ``row`` holds the meeting)."""
    setting = _setting(session)
    bind = _binder(session.connection().dialect)
    rng = random.Random()  # seeded per candidate
    routes: list[tuple[Any, ...]] = []
    planned: dict[int, _Plan] = {}
    today_n = today.toordinal()
    for row in rows:
        number = row["staff_number"]
        candidate_id = ids.get(number)
        plan = plans.get(number)
        if candidate_id is None or plan is None or row["status"] not in PAST_INTAKE:
            continue
        meeting = plan.row.get("meeting_on")
        items = setting.items.get(row["framework_id"] or 0)
        if meeting is None or not items or not plan.row.get("meeting_held"):
            continue
        rng.seed(seed * 10_000_000 + int(number))
        r = rng.random
        if r() > (WITH_ROUTE_QUALIFIED if row["status"] is S.QUALIFIED else WITH_ROUTE):
            continue
        meeting_n = meeting.toordinal()
        agreed_on = None
        if r() < AGREED:
            agreed_on = bind.day(min(today_n - 1, meeting_n + 7 + int(r() * 30)))
        agreed_by = setting.consultants.get(row["supervisor_id"] or 0, "") if agreed_on else ""
        stamp = bind.stamp(datetime.combine(meeting, time(9 + int(r() * 8), int(r() * 60))))
        routes.append((candidate_id, row["framework_id"], agreed_by, agreed_on, stamp, stamp, 1))
        done = row["status"] in DONE_STAGES
        competences = setting.competences[row["framework_id"]]
        planned[candidate_id] = _activities(r, bind, items, competences, meeting_n, today_n, done)
        planned[candidate_id].stamp = stamp
    if not routes:
        return
    last_route = session.scalar(select(func.max(LearningRoute.id))) or 0
    last_activity = session.scalar(select(func.max(RouteActivity.id))) or 0
    _plain(session, "learning_route", ROUTE_COLUMNS, routes)
    route_ids = {
        candidate_id: route_id
        for candidate_id, route_id in session.execute(
            select(LearningRoute.candidate_id, LearningRoute.id).where(
                LearningRoute.id > last_route
            )
        )
        if candidate_id in planned  # on a server, others' routes may have arrived meanwhile
    }
    activities, links, recognitions, entries = [], [], [], []
    for candidate_id, route_id in sorted(route_ids.items(), key=lambda item: item[1]):
        plan_ = planned[candidate_id]
        activities += [(route_id, *activity, plan_.stamp, 1) for activity in plan_.activities]
        links += plan_.links
        recognitions += [(route_id, *recognition) for recognition in plan_.recognitions]
        entries.append(
            (plan_.stamp, actor, "learning_route", route_id, candidate_id, "create", "demo data")
        )
    _plain(session, "route_activity", ACTIVITY_COLUMNS, activities)
    ours = set(route_ids.values())
    new_ids = [
        activity_id
        for activity_id, route_id in session.connection()
        .exec_driver_sql(
            f"SELECT id, route_id FROM route_activity WHERE id > {int(last_activity)} ORDER BY id"
        )
        .fetchall()
        if route_id in ours
    ]
    pairs = [
        (activity_id, competence_id)
        for activity_id, competences in zip(new_ids, links, strict=True)
        for competence_id in competences
    ]
    _plain(session, "route_activity_competence", ("activity_id", "competence_id"), pairs)
    columns = ("route_id", "competence_id", "reason", "recognised_on")
    _plain(session, "route_recognition", columns, recognitions)
    audit = ("at", "actor", "entity", "entity_id", "candidate_id", "action", "new_value")
    _plain(session, "audit_entry", audit, entries)


@dataclass
class _Plan:
    activities: list[tuple[Any, ...]]  # ACTIVITY_COLUMNS but route id, created_at, version
    links: list[tuple[int, ...]]  # the competences of each activity
    recognitions: list[tuple[Any, ...]]  # (competence id, reason, day)
    stamp: Any = None  # when the route was made (bound value)


class _Binder:
    """Dates and times as the database driver takes them, each distinct value converted
    once by the column type's own bind processor (ISO text on SQLite)."""

    def __init__(self, dialect: Any) -> None:
        to_day = Date().dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)
        self.stamp = DateTime().dialect_impl(dialect).bind_processor(dialect) or (
            lambda value: value
        )
        self.day = cache(lambda number: to_day(date.fromordinal(number)))


_BINDERS: dict[str, _Binder] = {}


def _binder(dialect: Any) -> _Binder:
    binder = _BINDERS.get(dialect.name)
    if binder is None:
        binder = _BINDERS[dialect.name] = _Binder(dialect)
    return binder


def _activities(
    r: Any,
    bind: _Binder,
    items: tuple[_Item, ...],
    competences: tuple[int, ...],
    meeting: int,
    today: int,
    done: bool,
) -> _Plan:
    """The activities of one route (days as ordinals), in every state that fits their
    date: in the past mostly completed, some cancelled, some still open (overdue); soon
    often registered; later planned. ``done``: the candidate is past the route."""
    day = bind.day
    # pace: how far the plan stretches; slow planners end up after their deadline
    stretch = (0.8 + r() * 0.9 + (1.2 if r() < 0.15 else 0.0)) * DAYS_PER_MONTH
    plan = _Plan([], [], [])
    recognised: set[int] = set()
    if r() < RECOGNISED and competences:
        competence = competences[int(r() * len(competences))]
        recognised.add(competence)
        on = day(min(today - 1, meeting + int(r() * 20)))
        plan.recognitions.append((competence, PARTIAL[int(r() * len(PARTIAL))], on))
    chosen = [i for i in items if r() < 0.9]
    if recognised:  # a competence already covered: its own items are left out
        chosen = [i for i in chosen if not set(i.competences) <= recognised]
    titles = {item.title for item in chosen}
    for _ in range(int(r() * 2.6)):
        kind, title, provider, hours = EXTRAS[int(r() * len(EXTRAS))]
        if title not in titles and competences:
            titles.add(title)
            picked = (competences[int(r() * len(competences))],)
            chosen.append(_Item(None, kind.value, title, provider, hours, picked, int(r() * 20)))
    yesterday = today - 1
    for item in chosen:
        planned = max(meeting + 1, meeting + int(item.offset * stretch) + int(r() * 21) - 7)
        registered = max(meeting, min(yesterday, planned - 14 - int(r() * 40)))
        status, reg, completed, cancelled = PLANNED, None, None, None
        if planned < today:
            roll = r()
            if done or roll < 0.82:
                status, reg, completed = COMPLETED, registered, min(yesterday, planned)
            elif roll < 0.9:
                status, cancelled = CANCELLED, max(meeting, min(yesterday, planned))
            elif roll < 0.95:  # overdue: registered, never marked completed
                status, reg = REGISTERED, registered
            # else overdue: planned, never registered
        elif planned <= today + 60 and r() < 0.55:
            status, reg = REGISTERED, registered
        elif r() < 0.04:
            status, cancelled = CANCELLED, yesterday
        plan.activities.append(
            (
                item.kind,
                item.title,
                item.provider,
                day(planned),
                item.hours,
                status,
                reg and day(reg),
                completed and day(completed),
                cancelled and day(cancelled),
                NOTES[int(r() * len(NOTES))] if r() < 0.15 else "",
                item.id,
            )
        )
        plan.links.append(item.competences)
    return plan


def _setting(session: Session) -> _Setting:
    competences: dict[int, tuple[int, ...]] = {}
    for framework_id, competence_id in session.execute(
        select(Competence.framework_id, Competence.id).order_by(
            Competence.framework_id, Competence.position
        )
    ):
        competences[framework_id] = (*competences.get(framework_id, ()), competence_id)
    by_code: dict[int, dict[str, int]] = {}
    for framework_id, code, competence_id in session.execute(
        select(Competence.framework_id, Competence.code, Competence.id)
    ):
        by_code.setdefault(framework_id, {})[code] = competence_id
    items: dict[int, tuple[_Item, ...]] = {}
    frameworks = session.execute(select(Framework.id, Framework.code)).all()
    templates = session.execute(
        select(RouteTemplate.id, RouteTemplate.framework_code)
        .where(RouteTemplate.builtin_code.is_not(None), RouteTemplate.retired_at.is_(None))
        .order_by(RouteTemplate.id)
    ).all()
    for framework_id, code in frameworks:
        template = next((tid for tid, fcode in templates if fcode == code), None)
        if template is None:
            continue
        codes = by_code.get(framework_id, {})
        items[framework_id] = tuple(
            _Item(
                item.id,
                item.kind.value,
                item.title,
                item.provider,
                item.hours,
                tuple(codes[c] for c in item.competence_codes if c in codes),
                item.offset_months,
            )
            for item in session.scalars(
                select(RouteTemplateItem)
                .where(RouteTemplateItem.template_id == template)
                .order_by(RouteTemplateItem.position)
            )
        )
    return _Setting(
        years=session.scalar(select(Settings.deadline_years)) or 3,
        items=items,
        competences=competences,
        consultants=dict(session.execute(select(AppUser.id, AppUser.name)).all()),
    )


def _plain(
    session: Session, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
