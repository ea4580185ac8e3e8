"""What services that edit a candidate's records share: the audit row written in the
edit's transaction, and the error a save raises when its expected row_version is stale
(someone else changed or removed the record after the user opened it), naming who and
when from the audit trail."""

from __future__ import annotations

from sqlalchemy.orm import Session

from utq_desktop.errors import StaleEditError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change
from utq_desktop.services.context import Context


def stale_edit_error(
    context: Context,
    entity: str,
    entity_id: int,
    noun: str,
    *,
    removed: bool = False,
    candidate_id: int | None = None,
) -> StaleEditError:
    """The record's last audited change (else the candidate's, when given) says who and when."""
    service = audit.AuditService(context)
    last = service.last_change(entity, entity_id) if entity_id else None
    if last is None and candidate_id is not None:
        events = service.candidate_timeline(candidate_id, 1)
        last = events[0] if events else None
    what = "removed" if removed else "changed"
    if last is None:
        return StaleEditError(f"This {noun} was {what} by someone else. Reload it.")
    return StaleEditError(
        f"{last.actor} {what} this {noun} at {last.at:%d-%m-%Y %H:%M} UTC, after you "
        "opened it. Your edit was not saved: reload and make it again."
    )


class AuditedService:
    """Base of a service whose edits are audited per candidate and locked by row_version."""

    _context: Context

    def _audit(
        self,
        session: Session,
        entity: str,
        entity_id: int,
        candidate_id: int,
        action: str,
        changes: list[Change],
    ) -> None:
        audit.record(
            session,
            self._context.actor,
            entity=entity,
            entity_id=entity_id,
            candidate_id=candidate_id,
            action=action,
            changes=changes,
        )

    def _stale(
        self,
        entity: str,
        entity_id: int,
        noun: str,
        *,
        removed: bool = False,
        candidate_id: int | None = None,
    ) -> StaleEditError:
        return stale_edit_error(
            self._context, entity, entity_id, noun, removed=removed, candidate_id=candidate_id
        )
