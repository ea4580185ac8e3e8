"""The audit trail: written in the caller's transaction, read back as a timeline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import Enum

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import AuditEntry
from utq_desktop.services.context import Context
from utq_desktop.services.dto import AuditEvent

Change = tuple[str, object, object]  # field, old value, new value


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record(
    session: Session,
    actor: str,
    *,
    entity: str,
    entity_id: int,
    action: str,
    candidate_id: int | None = None,
    changes: Iterable[Change] = (),
) -> None:
    """Add audit rows for one action: one per changed field, or one without a field."""
    now = utc_now()
    base = {
        "at": now,
        "actor": actor,
        "entity": entity,
        "entity_id": entity_id,
        "candidate_id": candidate_id,
        "action": action,
    }
    rows = [
        {**base, "field": name, "old_value": as_text(old), "new_value": as_text(new)}
        for name, old, new in changes
    ]
    if not rows:
        rows = [{**base, "field": None, "old_value": None, "new_value": None}]
    session.execute(insert(AuditEntry), rows)


class AuditService:
    def __init__(self, context: Context) -> None:
        self._context = context

    def candidate_timeline(self, candidate_id: int, limit: int = 500) -> list[AuditEvent]:
        """Everything that changed for a candidate, newest first."""
        query = (
            select(
                AuditEntry.at,
                AuditEntry.actor,
                AuditEntry.entity,
                AuditEntry.action,
                AuditEntry.field,
                AuditEntry.old_value,
                AuditEntry.new_value,
            )
            .where(AuditEntry.candidate_id == candidate_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
        with self._context.read() as session:
            return [AuditEvent(*row) for row in session.execute(query)]

    def last_change(self, entity: str, entity_id: int) -> AuditEvent | None:
        query = (
            select(
                AuditEntry.at,
                AuditEntry.actor,
                AuditEntry.entity,
                AuditEntry.action,
                AuditEntry.field,
                AuditEntry.old_value,
                AuditEntry.new_value,
            )
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
        with self._context.read() as session:
            row = session.execute(query).first()
        return AuditEvent(*row) if row else None
