"""What every part of the portfolio service shares: the transaction that opens (or
creates) a candidate's dossier and the one that loads a record at an expected version
(the audit rows and the message of a refused, stale, edit come from services.locking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.models import AppUser, Candidate
from utq_desktop.domain.portfolio import DossierState
from utq_desktop.domain.portfolio_models import PortfolioDossier
from utq_desktop.errors import IllegalTransitionError, StaleEditError
from utq_desktop.services import audit
from utq_desktop.services.audit import utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.files import FileService
from utq_desktop.services.locking import AuditedService
from utq_desktop.services.portfolio_framework import FrameworkMap, framework_map
from utq_desktop.services.portfolio_read import DOSSIER, dossier_framework_id, dossier_of
from utq_desktop.services.records import candidate_of

Row = TypeVar("Row")


def audit_field(name: str, what: str) -> str:
    """'made_on:Course syllabus': which item (or criterion) an audited change is about."""
    return f"{name}:{what}"[:64]


class PortfolioBase(AuditedService):
    def __init__(
        self, context: Context, files: FileService, today: Callable[[], date] = date.today
    ) -> None:
        self._context = context
        self._files = files
        self._today = today

    # --- transactions --------------------------------------------------------------------

    @contextmanager
    def _in_dossier(
        self, candidate_id: int
    ) -> Iterator[tuple[Session, PortfolioDossier, FrameworkMap]]:
        """A transaction on the candidate's dossier, created if it does not exist yet."""
        try:
            with self._context.transaction() as session:
                candidate = candidate_of(session, candidate_id)
                check_open(candidate)
                dossier = open_dossier(session, candidate, self.actor)
                yield session, dossier, framework_map(session, dossier.framework_id)
        except StaleDataError as error:
            raise self._stale(DOSSIER, 0, "dossier", candidate_id=candidate_id) from error

    @contextmanager
    def _dossier_edit(
        self, candidate_id: int, expected_version: int
    ) -> Iterator[tuple[Session, PortfolioDossier, Candidate]]:
        """A transaction on the dossier itself (its state), at ``expected_version``
        (0: no dossier was recorded when the user looked)."""
        try:
            with self._context.transaction() as session:
                candidate = candidate_of(session, candidate_id)
                existing = dossier_of(session, candidate_id)
                current = existing.row_version if existing else 0
                if current != expected_version:
                    raise self._stale(DOSSIER, existing.id if existing else 0, "dossier")
                yield session, open_dossier(session, candidate, self.actor), candidate
        except StaleDataError as error:
            raise self._stale(DOSSIER, 0, "dossier", candidate_id=candidate_id) from error

    @contextmanager
    def _owned(
        self, model: type[Row], row_id: int, expected_version: int, entity: str, noun: str
    ) -> Iterator[tuple[Session, Row, PortfolioDossier, FrameworkMap]]:
        """A transaction on one record of a dossier (item, observation, criterion state,
        feedback) as the user saw it at ``expected_version``."""
        try:
            with self._context.transaction() as session:
                row = session.get(model, row_id)
                if row is None:
                    raise self._stale(entity, row_id, noun, removed=True)
                if row.row_version != expected_version:  # type: ignore[attr-defined]
                    raise self._stale(entity, row_id, noun)
                dossier = session.get(PortfolioDossier, row.dossier_id)  # type: ignore[attr-defined]
                assert dossier is not None
                check_open(candidate_of(session, dossier.candidate_id))
                yield session, row, dossier, framework_map(session, dossier.framework_id)
        except StaleDataError as error:
            raise self._stale(entity, row_id, noun) from error

    # --- audit ---------------------------------------------------------------------------

    @property
    def actor(self) -> str:
        return self._context.actor

    def _actor_name(self, session: Session) -> str:
        """The user's name as the application knows it (else their login)."""
        name = session.scalar(select(AppUser.name).where(AppUser.login == self.actor))
        return name or self.actor


def check_open(candidate: Candidate) -> None:
    """A qualified or exempted candidate's dossier is closed: it can be read and exported,
    not changed (its assessed submission stays as it was either way)."""
    if candidate.status in (TrajectoryStatus.QUALIFIED, TrajectoryStatus.EXEMPTED):
        raise IllegalTransitionError(
            f"The dossier is closed: the candidate is {candidate.status.label.lower()}. "
            "It can still be read and exported, but no longer changed."
        )


def open_dossier(session: Session, candidate: Candidate, actor: str) -> PortfolioDossier:
    """The candidate's dossier, created (tied to a framework version) if needed."""
    dossier = dossier_of(session, candidate.id)
    if dossier is not None:
        return dossier
    now = utc_now()
    dossier = PortfolioDossier(
        candidate_id=candidate.id,
        framework_id=dossier_framework_id(session, candidate),
        state=DossierState.WORKING,
        marked_ready_by="",
        created_at=now,
        updated_at=now,
    )
    session.add(dossier)
    try:
        session.flush()
    except IntegrityError:  # someone else started this dossier just now
        raise StaleEditError(
            "Someone else started this candidate's dossier just now. "
            "Reload it and make your change again."
        ) from None
    audit.record(
        session,
        actor,
        entity=DOSSIER,
        entity_id=dossier.id,
        candidate_id=candidate.id,
        action="create",
    )
    return dossier
