"""Checks on a planned activity, and the small helpers the route services share."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import Competence
from utq_desktop.domain.route import ActivityKind, ActivityStatus, StatusDates, format_hours
from utq_desktop.domain.route_models import LearningRoute, activity_competence
from utq_desktop.errors import ValidationError
from utq_desktop.services.audit import Change
from utq_desktop.services.route_dto import ActivityInput

MAX_HOURS = 1000.0
EARLIEST_PLANNED = date(2000, 1, 1)
PLAN_AHEAD_YEARS = 10


def clean_activity(data: ActivityInput, today: date) -> ActivityInput:
    """The input trimmed, or a ValidationError naming the first bad field."""
    data = replace(
        data,
        kind=ActivityKind(data.kind),
        title=data.title.strip(),
        provider=data.provider.strip(),
        notes=data.notes.strip(),
        competence_ids=tuple(dict.fromkeys(data.competence_ids)),
    )
    if not data.title:
        raise ValidationError("An activity needs a title.", "title")
    if len(data.title) > 200:
        raise ValidationError("A title is at most 200 characters.", "title")
    if len(data.provider) > 200:
        raise ValidationError("A provider is at most 200 characters.", "provider")
    if data.hours is not None and not 0 < data.hours <= MAX_HOURS:
        raise ValidationError(
            f"Hours are more than 0 and at most {MAX_HOURS:.0f} (got {data.hours:g}).", "hours"
        )
    if data.planned_on is not None:
        latest = today + timedelta(days=365 * PLAN_AHEAD_YEARS)
        if not EARLIEST_PLANNED <= data.planned_on <= latest:
            raise ValidationError(
                f"A planned date of {data.planned_on:%d-%m-%Y} is impossible; use a date "
                f"between 1-1-2000 and {latest:%d-%m-%Y}.",
                "planned_on",
            )
    return data


def check_competences(session: Session, route: LearningRoute, ids: tuple[int, ...]) -> None:
    if not ids:
        return
    known = set(
        session.scalars(select(Competence.id).where(Competence.framework_id == route.framework_id))
    )
    if not set(ids) <= known:
        raise ValidationError(
            "An activity can only serve competences of the framework version this route "
            "uses; reload the route and choose again.",
            "competences",
        )


def competence_code(session: Session, route: LearningRoute, competence_id: int) -> str:
    competence = session.get(Competence, competence_id)
    if competence is None or competence.framework_id != route.framework_id:
        raise ValidationError(
            "That competence is not part of the framework version this route uses.",
            "competence",
        )
    return competence.code


def link_competences(session: Session, activity_id: int, competence_ids: tuple[int, ...]) -> None:
    if competence_ids:
        session.execute(
            insert(activity_competence),
            [{"activity_id": activity_id, "competence_id": cid} for cid in competence_ids],
        )


def activity_columns(data: ActivityInput) -> dict[str, object]:
    return {
        "kind": data.kind,
        "title": data.title,
        "provider": data.provider,
        "planned_on": data.planned_on,
        "hours": data.hours,
        "notes": data.notes,
    }


def competence_codes(session: Session, ids: tuple[int, ...]) -> str | None:
    if not ids:
        return None
    codes = dict(
        session.execute(select(Competence.id, Competence.code).where(Competence.id.in_(ids))).all()
    )
    return ", ".join(codes.get(cid, "?") for cid in ids)


def audit_value(name: str, value: object) -> object:
    """How a column's value is written in the audit trail ('4' hours, not '4.0')."""
    if name == "hours" and isinstance(value, float):
        return format_hours(value)
    return value


def described(session: Session, data: ActivityInput, dates: StatusDates) -> list[Change]:
    """The audit changes of a new activity: each value it was given."""
    changes: list[Change] = [
        (audit_field(name, data.title), None, audit_value(name, value))
        for name, value in activity_columns(data).items()
        if name != "title" and value not in (None, "")
    ]
    if data.competence_ids:
        changes.append(
            (
                audit_field("competences", data.title),
                None,
                competence_codes(session, data.competence_ids),
            )
        )
    changes += [
        (audit_field(f.name, data.title), None, getattr(dates, f.name))
        for f in fields(StatusDates)
        if f.name != "status" and getattr(dates, f.name) is not None
    ]
    if dates.status is not ActivityStatus.PLANNED:
        changes.append((audit_field("status", data.title), None, dates.status))
    return changes


def audit_field(name: str, title: str) -> str:
    """'planned_on:Teaching in practice': which activity an audited change is about."""
    return f"{name}:{title}"[:64]
