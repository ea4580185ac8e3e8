"""The intake's tables: one intake per candidate, its teaching experience and self-diagnosis.

The intake's state is not stored: domain.intake.intake_state derives it from these rows.
Self-ratings refer to the competences and criteria of one framework version (the intake's
``framework_id``, the candidate's framework when the intake began), so a new framework
version never changes a self-diagnosis already recorded.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from utq_desktop.domain.intake import ProgrammeLevel
from utq_desktop.domain.models import Base, enum_column_type


class Intake(Base):
    """The intake of one candidate: documents, the talk about teaching tasks, the meeting."""

    __tablename__ = "intake"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("framework.id"), nullable=True)
    # educational CV: an optional document besides the structured teaching experience
    cv_document_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("stored_file.sha256"), nullable=True
    )
    cv_document_name: Mapped[str] = mapped_column(String(255), default="")
    # teaching tasks discussed with the department supervisor
    tasks_supervisor: Mapped[str] = mapped_column(String(200), default="")
    tasks_discussed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    tasks_agreed: Mapped[str] = mapped_column(Text, default="")
    # documents sent to the faculty educational consultant
    cv_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    self_diagnosis_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    tasks_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    documents_sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # the intake meeting and its outcome
    meeting_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    meeting_with: Mapped[str] = mapped_column(String(200), default="")
    meeting_held: Mapped[bool] = mapped_column(Boolean, default=False)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    agreements: Mapped[str] = mapped_column(Text, default="")
    consider_exemption: Mapped[bool] = mapped_column(Boolean, default=False)
    consider_partial_certificate: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # set by every edit of the intake itself, so that an edit of only the self-ratings
    # still updates this row, and with it row_version (the self-diagnosis's lock too)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class TeachingExperience(Base):
    """One line of the educational CV: a course the candidate taught, and in what role."""

    __tablename__ = "teaching_experience"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id"), index=True)
    course: Mapped[str] = mapped_column(String(200))
    level: Mapped[ProgrammeLevel] = mapped_column(enum_column_type(ProgrammeLevel))
    role: Mapped[str] = mapped_column(String(60), default="")
    year_from: Mapped[int] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: ongoing
    students: Mapped[int | None] = mapped_column(Integer, nullable=True)
    language: Mapped[str] = mapped_column(String(40), default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class CompetenceRating(Base):
    """The candidate's self-rating on one competence (``rating`` None: notes only)."""

    __tablename__ = "intake_competence_rating"
    __table_args__ = (UniqueConstraint("intake_id", "competence_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id"))
    competence_id: Mapped[int] = mapped_column(ForeignKey("competence.id"))
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class CriterionRating(Base):
    """A self-rating on one criterion, where the candidate wanted to be specific."""

    __tablename__ = "intake_criterion_rating"
    __table_args__ = (UniqueConstraint("intake_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id"))
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
