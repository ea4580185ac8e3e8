"""The learning route's tables: one route per candidate, its planned activities (each for
one or more competences), competences recognised through a partial certificate, and the
route templates a coordinator applies to many candidates.

A route is tied to one framework version (``framework_id``, the candidate's framework when
the route began): its activities refer to that version's competences, so a new framework
version never changes a route already recorded. Template items name competences by code,
resolved against each candidate's own version when the template is applied.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from utq_desktop.domain.models import Base, enum_column_type
from utq_desktop.domain.route import ActivityKind, ActivityStatus


class LearningRoute(Base):
    """A candidate's learning route: the framework version it uses and its agreement."""

    __tablename__ = "learning_route"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("framework.id"), nullable=True)
    # agreed with the UTQ supervisor: who (a name, as said) and on which day
    agreed_by: Mapped[str] = mapped_column(String(200), default="")
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class RouteActivity(Base):
    """One planned activity: a module, workshop, writing session, observation, …"""

    __tablename__ = "route_activity"
    # the same template item is applied to a route at most once (NULLs do not collide);
    # its index, led by route_id, is also the one that finds a route's activities
    __table_args__ = (UniqueConstraint("route_id", "template_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("learning_route.id"))
    kind: Mapped[ActivityKind] = mapped_column(enum_column_type(ActivityKind))
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    planned_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[ActivityStatus] = mapped_column(
        enum_column_type(ActivityStatus), default=ActivityStatus.PLANNED
    )
    registered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    cancelled_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    template_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("route_template_item.id"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


# Which competences an activity serves (one activity may serve several). Only the key:
# on SQLite a table without rowid (one b-tree instead of two).
activity_competence = Table(
    "route_activity_competence",
    Base.metadata,
    Column("activity_id", ForeignKey("route_activity.id"), primary_key=True),
    Column("competence_id", ForeignKey("competence.id"), primary_key=True),
    sqlite_with_rowid=False,
)


class RouteRecognition(Base):
    """A competence the candidate need not build: recognised (a partial certificate)."""

    __tablename__ = "route_recognition"
    __table_args__ = (UniqueConstraint("route_id", "competence_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("learning_route.id"))
    competence_id: Mapped[int] = mapped_column(ForeignKey("competence.id"))
    reason: Mapped[str] = mapped_column(String(300))
    recognised_on: Mapped[date] = mapped_column(Date)
    # set when a partial certificate made this recognition (services/partial_certificates)
    partial_certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("partial_certificate.id"), nullable=True, index=True
    )


class RouteTemplate(Base):
    """A standard route for one framework (by code), e.g. Leiden's five modules."""

    __tablename__ = "route_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    framework_code: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    # set for the templates shipped in resources/route_templates: added once, never again
    builtin_code: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    # a removed template is retired, not deleted: routes keep their link to its items
    retired_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class RouteTemplateItem(Base):
    """One activity of a template, planned ``offset_months`` after the intake."""

    __tablename__ = "route_template_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("route_template.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ActivityKind] = mapped_column(enum_column_type(ActivityKind))
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    competence_codes: Mapped[list[str]] = mapped_column(JSON)
    offset_months: Mapped[int] = mapped_column(Integer, default=0)
