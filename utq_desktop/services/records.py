"""Loading a record that must exist inside a service's transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from utq_desktop.domain.models import Candidate
from utq_desktop.errors import NotFoundError


def candidate_of(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"Candidate {candidate_id} does not exist (any more).")
    return candidate
