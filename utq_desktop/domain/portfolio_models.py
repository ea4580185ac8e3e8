"""The portfolio's tables: one dossier per candidate, its evidence items (each showing one or
more competences and criteria), class observations, attachments (stored files by hash),
the supervisor's state per criterion, feedback, and the immutable snapshots of submission.

A dossier is tied to one framework version (``framework_id``, the candidate's framework
when the dossier began), like the learning route. A snapshot's ``content`` is JSON that no
service ever updates; the ORM refuses to update or delete a snapshot row (see the events at
the bottom), so a submitted dossier reads the same for as long as it is kept.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from utq_desktop.domain.models import Base, enum_column_type
from utq_desktop.domain.portfolio import CriterionState, DossierState, EvidenceKind
from utq_desktop.errors import UtqError


class PortfolioDossier(Base):
    """A candidate's dossier: its framework version and where it stands."""

    __tablename__ = "portfolio_dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("framework.id"), nullable=True)
    state: Mapped[DossierState] = mapped_column(
        enum_column_type(DossierState), default=DossierState.WORKING
    )
    marked_ready_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    marked_ready_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class PortfolioItem(Base):
    """One piece of evidence: course material, an evaluation, a reflection, …"""

    __tablename__ = "portfolio_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("portfolio_dossier.id"), index=True)
    kind: Mapped[EvidenceKind] = mapped_column(enum_column_type(EvidenceKind))
    title: Mapped[str] = mapped_column(String(200))
    made_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


# Which criteria and which whole competences an item shows (one item may serve several).
# Only the key: on SQLite tables without rowid (one b-tree instead of two).
item_criterion = Table(
    "portfolio_item_criterion",
    Base.metadata,
    Column("item_id", ForeignKey("portfolio_item.id"), primary_key=True),
    Column("criterion_id", ForeignKey("criterion.id"), primary_key=True),
    sqlite_with_rowid=False,
)

item_competence = Table(
    "portfolio_item_competence",
    Base.metadata,
    Column("item_id", ForeignKey("portfolio_item.id"), primary_key=True),
    Column("competence_id", ForeignKey("competence.id"), primary_key=True),
    sqlite_with_rowid=False,
)


class PortfolioObservation(Base):
    """A class observation: date, observer, course; its report is an attachment."""

    __tablename__ = "portfolio_observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("portfolio_dossier.id"), index=True)
    observed_on: Mapped[date] = mapped_column(Date)
    observer: Mapped[str] = mapped_column(String(200))
    course: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


observation_criterion = Table(
    "portfolio_observation_criterion",
    Base.metadata,
    Column(
        "observation_id",
        # the naming convention's name would pass PostgreSQL's 63 characters
        ForeignKey(
            "portfolio_observation.id", name="fk_portfolio_observation_criterion_observation"
        ),
        primary_key=True,
    ),
    Column("criterion_id", ForeignKey("criterion.id"), primary_key=True),
    sqlite_with_rowid=False,
)


class PortfolioAttachment(Base):
    """A stored file attached to an item or to an observation (exactly one of the two),
    under the name it had when it was added."""

    __tablename__ = "portfolio_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    # the dossier too, so listing a dossier's attachments is one indexed query
    dossier_id: Mapped[int] = mapped_column(ForeignKey("portfolio_dossier.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("portfolio_item.id"), nullable=True, index=True
    )
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("portfolio_observation.id"), nullable=True, index=True
    )
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    added_at: Mapped[datetime] = mapped_column(DateTime)


class PortfolioCriterionState(Base):
    """The supervisor's state of one criterion in one dossier (NULL: cleared)."""

    __tablename__ = "portfolio_criterion_state"
    __table_args__ = (UniqueConstraint("dossier_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("portfolio_dossier.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id"))
    state: Mapped[CriterionState | None] = mapped_column(
        enum_column_type(CriterionState), nullable=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    set_by: Mapped[str] = mapped_column(String(200), default="")
    set_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class PortfolioFeedback(Base):
    """A comment on an item, on a competence, or (neither) on the whole dossier."""

    __tablename__ = "portfolio_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("portfolio_dossier.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("portfolio_item.id"), nullable=True)
    competence_id: Mapped[int | None] = mapped_column(ForeignKey("competence.id"), nullable=True)
    author: Mapped[str] = mapped_column(String(200))
    given_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    resolved_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class PortfolioSnapshot(Base):
    """One submission: the dossier's content as JSON, written once, never changed."""

    __tablename__ = "portfolio_snapshot"
    __table_args__ = (UniqueConstraint("dossier_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("portfolio_dossier.id"))
    number: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    submitted_by: Mapped[str] = mapped_column(String(64))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    item_count: Mapped[int] = mapped_column(Integer)
    attachment_count: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_sha256: Mapped[str] = mapped_column(String(64))


class PortfolioSnapshotReturn(Base):
    """A snapshot the assessment sent back for revision (kept apart: the snapshot itself
    is never updated)."""

    __tablename__ = "portfolio_snapshot_return"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("portfolio_snapshot.id"), unique=True)
    returned_at: Mapped[datetime] = mapped_column(DateTime)
    returned_by: Mapped[str] = mapped_column(String(64))
    feedback: Mapped[str] = mapped_column(Text)


class SnapshotImmutableError(UtqError):
    """Something tried to change a submitted dossier's snapshot: refused, nothing saved."""


@event.listens_for(PortfolioSnapshot, "before_update")
def _refuse_update(_mapper: object, _connection: object, target: PortfolioSnapshot) -> None:
    raise SnapshotImmutableError(
        f"Snapshot {target.id} of a submitted dossier cannot be changed; submit again instead."
    )


@event.listens_for(PortfolioSnapshot, "before_delete")
def _refuse_delete(_mapper: object, _connection: object, target: PortfolioSnapshot) -> None:
    raise SnapshotImmutableError(f"Snapshot {target.id} of a submitted dossier cannot be deleted.")
