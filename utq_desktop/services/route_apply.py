"""Applying a route template to candidates, inside the caller's transaction.

Idempotent: a template item already on a route is skipped (the unique constraint on
route_activity (route_id, template_item_id) guards it as well), and an item whose
competences are all recognised for the candidate is left out. Each item is planned its
``offset_months`` after the candidate's intake meeting (today when there was none).

Candidates are read and written a chunk at a time, with a handful of statements per chunk
rather than per candidate, so a template reaches a thousand candidates in seconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from utq_desktop.domain.deadlines import add_months
from utq_desktop.domain.intake_models import Intake
from utq_desktop.domain.models import AuditEntry, Candidate, Framework
from utq_desktop.domain.names import full_name
from utq_desktop.domain.route import ActivityStatus, format_hours
from utq_desktop.domain.route_models import (
    LearningRoute,
    RouteActivity,
    RouteRecognition,
    RouteTemplate,
    RouteTemplateItem,
    activity_competence,
)
from utq_desktop.errors import NotFoundError, ValidationError
from utq_desktop.services.audit import as_text, utc_now
from utq_desktop.services.route_dto import ApplyOutcome, ApplyResult
from utq_desktop.services.route_read import ACTIVITY, ROUTE
from utq_desktop.services.route_validation import audit_field

CHUNK = 500  # candidates per round of statements (and the longest IN list)
T = TypeVar("T")


@dataclass
class _Version:
    """A framework version as the application needs it."""

    code: str
    name: str
    competence_ids: dict[str, int]  # by code


def apply_template(
    session: Session, actor: str, template_id: int, candidate_ids: Sequence[int], today: date
) -> ApplyResult:
    template = session.get(RouteTemplate, template_id)
    if template is None:
        raise NotFoundError(f"Route template {template_id} does not exist.")
    if template.retired_at is not None:
        raise ValidationError(f"The template '{template.name}' is no longer in use.")
    items = list(
        session.scalars(
            select(RouteTemplateItem)
            .where(RouteTemplateItem.template_id == template.id)
            .order_by(RouteTemplateItem.position, RouteTemplateItem.id)
        )
    )
    versions: dict[int, _Version] = {}
    outcomes: list[ApplyOutcome] = []
    for chunk in _chunks(list(dict.fromkeys(candidate_ids)), CHUNK):
        outcomes += _apply_chunk(session, actor, template, items, chunk, versions, today)
    return ApplyResult(template.name, tuple(outcomes))


def _apply_chunk(
    session: Session,
    actor: str,
    template: RouteTemplate,
    items: list[RouteTemplateItem],
    chunk: list[int],
    versions: dict[int, _Version],
    today: date,
) -> list[ApplyOutcome]:
    candidates = {
        c.id: c for c in session.scalars(select(Candidate).where(Candidate.id.in_(chunk)))
    }
    routes = {
        r.candidate_id: r
        for r in session.scalars(select(LearningRoute).where(LearningRoute.candidate_id.in_(chunk)))
    }
    intakes = {
        cid: (framework_id, meeting_on if held else None)
        for cid, framework_id, meeting_on, held in session.execute(
            select(
                Intake.candidate_id, Intake.framework_id, Intake.meeting_on, Intake.meeting_held
            ).where(Intake.candidate_id.in_(chunk))
        )
    }
    outcomes: dict[int, ApplyOutcome] = {}
    new_routes: list[LearningRoute] = []
    for cid in chunk:
        candidate = candidates.get(cid)
        if candidate is None:
            outcomes[cid] = ApplyOutcome(cid, "", problem="does not exist (any more)")
            continue
        name = full_name(
            candidate.first_name, candidate.prefix, candidate.surname, candidate.initials
        )
        route = routes.get(cid)
        # a new route takes the version of the intake's self-diagnosis, else the candidate's
        framework_id = (
            route.framework_id if route else intakes.get(cid, (None,))[0] or candidate.framework_id
        )
        version = _version(session, framework_id, versions)
        if version is None:
            outcomes[cid] = ApplyOutcome(cid, name, problem="has no competence framework")
        elif version.code != template.framework_code:
            problem = f"follows {version.name}, not this template's"
            outcomes[cid] = ApplyOutcome(cid, name, problem=problem)
        else:
            outcomes[cid] = ApplyOutcome(cid, name)
            if route is None:
                now = utc_now()
                route = LearningRoute(
                    candidate_id=cid,
                    framework_id=framework_id,
                    agreed_by="",
                    created_at=now,
                    updated_at=now,
                )
                routes[cid] = route
                new_routes.append(route)
    session.add_all(new_routes)
    session.flush()
    audit: list[dict[str, Any]] = [
        _audit(actor, ROUTE, route.id, route.candidate_id, "create") for route in new_routes
    ]
    ready = [cid for cid in chunk if cid in outcomes and not outcomes[cid].problem]
    route_ids = [routes[cid].id for cid in ready]
    present: dict[int, set[int | None]] = defaultdict(set)
    recognised: dict[int, set[int]] = defaultdict(set)
    if route_ids:
        for route_id, item_id in session.execute(
            select(RouteActivity.route_id, RouteActivity.template_item_id).where(
                RouteActivity.route_id.in_(route_ids), RouteActivity.template_item_id.is_not(None)
            )
        ):
            present[route_id].add(item_id)
        for route_id, competence_id in session.execute(
            select(RouteRecognition.route_id, RouteRecognition.competence_id).where(
                RouteRecognition.route_id.in_(route_ids)
            )
        ):
            recognised[route_id].add(competence_id)
    added: list[tuple[int, RouteActivity, tuple[int, ...], str]] = []
    counts: dict[int, list[int]] = {}
    for cid in ready:
        route = routes[cid]
        version = versions[route.framework_id or 0]
        anchor = intakes.get(cid, (None, None))[1] or today
        count = counts[cid] = [0, 0, 0]  # added, already, recognised
        for item in items:
            if item.id in present[route.id]:
                count[1] += 1
                continue
            codes = [c for c in item.competence_codes if c in version.competence_ids]
            ids = tuple(version.competence_ids[c] for c in codes)
            if ids and set(ids) <= recognised[route.id]:
                count[2] += 1
                continue
            activity = RouteActivity(
                route_id=route.id,
                kind=item.kind,
                title=item.title,
                provider=item.provider,
                planned_on=add_months(anchor, item.offset_months),
                hours=item.hours,
                status=ActivityStatus.PLANNED,
                notes="",
                template_item_id=item.id,
                created_at=utc_now(),
            )
            added.append((cid, activity, ids, ", ".join(codes)))
            count[0] += 1
    session.add_all([activity for _cid, activity, _ids, _codes in added])
    session.flush()
    links = [
        {"activity_id": activity.id, "competence_id": competence_id}
        for _cid, activity, ids, _codes in added
        for competence_id in ids
    ]
    if links:
        session.execute(insert(activity_competence), links)
    for cid, activity, _ids, codes in added:
        entry = (actor, ACTIVITY, activity.id, cid, "create")
        audit.append(_audit(*entry, "activity", None, activity.title))
        audit.append(
            _audit(*entry, audit_field("planned_on", activity.title), None, activity.planned_on)
        )
        if activity.hours:
            hours = format_hours(activity.hours)
            audit.append(_audit(*entry, audit_field("hours", activity.title), None, hours))
        if codes:
            audit.append(_audit(*entry, audit_field("competences", activity.title), None, codes))
    for cid in ready:
        if counts[cid][0]:
            route = routes[cid]
            audit.append(
                _audit(actor, ROUTE, route.id, cid, "update", "template", None, template.name)
            )
    if audit:
        session.execute(insert(AuditEntry), audit)
    for cid in ready:
        new, already, left_out = counts[cid]
        outcome = outcomes[cid]
        outcomes[cid] = ApplyOutcome(cid, outcome.candidate_name, new, already, left_out)
    return [outcomes[cid] for cid in chunk]


def _version(
    session: Session, framework_id: int | None, versions: dict[int, _Version]
) -> _Version | None:
    if framework_id is None:
        return None
    found = versions.get(framework_id)
    if found is None:
        framework = session.get(Framework, framework_id)
        if framework is None:
            return None
        found = versions[framework_id] = _Version(
            framework.code, framework.name_en, {c.code: c.id for c in framework.competences}
        )
    return found


def _audit(
    actor: str,
    entity: str,
    entity_id: int,
    candidate_id: int,
    action: str,
    field: str | None = None,
    old: object = None,
    new: object = None,
) -> dict[str, Any]:
    """One audit row, as services.audit.record writes them (all rows of a chunk go in one
    statement)."""
    return {
        "at": utc_now(),
        "actor": actor,
        "entity": entity,
        "entity_id": entity_id,
        "candidate_id": candidate_id,
        "action": action,
        "field": field,
        "old_value": as_text(old),
        "new_value": as_text(new),
    }


def _chunks(values: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
