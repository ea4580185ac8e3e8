"""What an exemption means for the rest of the trajectory — asked by other features, never
the other way round.

THE certificate rule: a UTQ exemption fulfils the candidate's UTQ obligation but never
leads to a UTQ certificate (the Twente regulation says so in as many words). Code that
issues a UTQ certificate must ask ``has_granted_exemption`` (or ``exempted_among`` for a
batch, or call ``check_certificate_allowed``) and issue none for an exempted candidate.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.exemption import CaseStatus, Verdict
from utq_desktop.domain.exemption_models import ExemptionCase
from utq_desktop.domain.models import Candidate
from utq_desktop.errors import IllegalTransitionError

DECIDED = (CaseStatus.DECIDED, CaseStatus.INFORMED)
_IN_CHUNK = 900  # ids per IN (…)


def _granted_case() -> Select[tuple[int]]:
    return select(ExemptionCase.candidate_id).where(
        ExemptionCase.status.in_(DECIDED), ExemptionCase.decision == Verdict.GRANT
    )


def has_granted_exemption(session: Session, candidate_id: int) -> bool:
    """True when the candidate is exempted from the UTQ: the faculty granted an exemption
    case, or the status 'Exempted' was recorded by hand (data from before the exemption
    cases). THE rule that a UTQ certificate must never be issued to such a candidate:
    certificate code asks this before it issues one, and issues none when it is True."""
    if session.scalar(_granted_case().where(ExemptionCase.candidate_id == candidate_id)):
        return True
    status = session.scalar(select(Candidate.status).where(Candidate.id == candidate_id))
    return status is TrajectoryStatus.EXEMPTED


def exempted_among(session: Session, candidate_ids: Iterable[int]) -> set[int]:
    """The exempted ones among ``candidate_ids`` (has_granted_exemption for a batch, e.g.
    everyone qualified since January before a ceremony)."""
    ids = list(dict.fromkeys(candidate_ids))
    found: set[int] = set()
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        found.update(
            session.scalars(
                select(Candidate.id).where(
                    Candidate.id.in_(chunk),
                    or_(
                        Candidate.status == TrajectoryStatus.EXEMPTED,
                        Candidate.id.in_(_granted_case()),
                    ),
                )
            )
        )
    return found


def check_certificate_allowed(session: Session, candidate_id: int, name: str = "") -> None:
    """Raise IllegalTransitionError when a UTQ certificate may not be issued because the
    candidate is exempted (has_granted_exemption)."""
    if has_granted_exemption(session, candidate_id):
        who = name or "This candidate"
        raise IllegalTransitionError(
            f"{who} is exempted from the UTQ. An exemption fulfils the UTQ obligation but "
            "never leads to a UTQ certificate, so none can be issued."
        )
