"""Applying a route template to candidates, inside the caller's transaction.

Idempotent: a template item already on a route is skipped (the unique constraint on
route_activity (route_id, template_item_id) guards it as well), and an item whose
competences are all recognised for the candidate is left out. Each item is planned its
``offset_months`` after the candidate's intake meeting (today when there was none).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.deadlines import add_months
from utq_desktop.domain.models import Candidate, Framework
from utq_desktop.domain.names import full_name
from utq_desktop.domain.route import StatusDates
from utq_desktop.domain.route_models import (
    RouteActivity,
    RouteRecognition,
    RouteTemplate,
    RouteTemplateItem,
)
from utq_desktop.errors import NotFoundError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.route import open_route
from utq_desktop.services.route_dto import ActivityInput, ApplyOutcome, ApplyResult
from utq_desktop.services.route_read import (
    ACTIVITY,
    ROUTE,
    intake_date,
    route_framework_id,
    route_of,
)
from utq_desktop.services.route_validation import activity_columns, described, link_competences


def apply_template(
    session: Session, actor: str, template_id: int, candidate_ids: list[int], today: date
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
    by_framework: dict[int, dict[str, int]] = {}  # competence id by code, per version
    outcomes = []
    for candidate_id in dict.fromkeys(candidate_ids):
        candidate = session.get(Candidate, candidate_id)
        if candidate is None:
            outcomes.append(ApplyOutcome(candidate_id, "", problem="does not exist (any more)"))
            continue
        outcomes.append(_apply_one(session, actor, template, items, candidate, by_framework, today))
    return ApplyResult(template.name, tuple(outcomes))


def _apply_one(
    session: Session,
    actor: str,
    template: RouteTemplate,
    items: list[RouteTemplateItem],
    candidate: Candidate,
    by_framework: dict[int, dict[str, int]],
    today: date,
) -> ApplyOutcome:
    name = full_name(candidate.first_name, candidate.prefix, candidate.surname, candidate.initials)
    existing = route_of(session, candidate.id)
    framework_id = existing.framework_id if existing else route_framework_id(session, candidate)
    framework = session.get(Framework, framework_id) if framework_id else None
    if framework is None:
        return ApplyOutcome(candidate.id, name, problem="has no competence framework")
    if framework.code != template.framework_code:
        return ApplyOutcome(
            candidate.id, name, problem=f"follows {framework.name_en}, not this template's"
        )
    by_code = by_framework.get(framework.id)
    if by_code is None:
        by_code = by_framework[framework.id] = {c.code: c.id for c in framework.competences}
    route = open_route(session, candidate, actor)
    present = set(
        session.scalars(
            select(RouteActivity.template_item_id).where(RouteActivity.route_id == route.id)
        )
    )
    recognised = set(
        session.scalars(
            select(RouteRecognition.competence_id).where(RouteRecognition.route_id == route.id)
        )
    )
    anchor = intake_date(session, candidate.id) or today
    added = already = skipped = 0
    for item in items:
        if item.id in present:
            already += 1
            continue
        ids = tuple(by_code[code] for code in item.competence_codes if code in by_code)
        if ids and set(ids) <= recognised:
            skipped += 1
            continue
        data = ActivityInput(
            kind=item.kind,
            title=item.title,
            provider=item.provider,
            planned_on=add_months(anchor, item.offset_months),
            hours=item.hours,
            competence_ids=ids,
        )
        row = RouteActivity(
            route_id=route.id,
            **activity_columns(data),
            template_item_id=item.id,
            created_at=utc_now(),
        )
        session.add(row)
        session.flush()
        link_competences(session, row.id, ids)
        changes: list[Change] = [("activity", None, data.title)]
        changes += described(session, data, StatusDates(), brief=True)
        audit.record(
            session,
            actor,
            entity=ACTIVITY,
            entity_id=row.id,
            candidate_id=candidate.id,
            action="create",
            changes=changes,
        )
        added += 1
    if added:
        audit.record(
            session,
            actor,
            entity=ROUTE,
            entity_id=route.id,
            candidate_id=candidate.id,
            action="update",
            changes=[("template", None, template.name)],
        )
    return ApplyOutcome(candidate.id, name, added, already, skipped)
