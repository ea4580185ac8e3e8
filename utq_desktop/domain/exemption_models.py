"""The exemption tables: cases (one row each, with what every step recorded), the history
of their steps, the documents filed with them, and partial certificates from other Dutch
universities with the competences they cover.

A partial certificate's competences are recognised in the candidate's learning route:
each ``route_recognition`` row it made carries its ``partial_certificate_id`` (see
services/partial_certificates.py), so the route and the dossier coverage show them as
recognised, with the certificate as the reason.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround, Verdict
from utq_desktop.domain.models import Base, enum_column_type


class ExemptionCase(Base):
    """A request to exempt a candidate from the UTQ, from filing to informing them."""

    __tablename__ = "exemption_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    ground: Mapped[ExemptionGround] = mapped_column(enum_column_type(ExemptionGround))
    # the diploma or certificate as named, or what 'other' means
    ground_detail: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[CaseStatus] = mapped_column(
        enum_column_type(CaseStatus), default=CaseStatus.FILED
    )
    filed_on: Mapped[date] = mapped_column(Date)
    filed_by: Mapped[str] = mapped_column(String(200))  # the HR advisor
    advisor: Mapped[str] = mapped_column(String(200), default="")  # the exemption advisor
    meeting_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    advice: Mapped[Verdict | None] = mapped_column(enum_column_type(Verdict), nullable=True)
    advice_motivation: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[Verdict | None] = mapped_column(enum_column_type(Verdict), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decision_motivation: Mapped[str] = mapped_column(Text, default="")
    # the candidate's status when an exemption was granted: what taking it back restores
    status_before: Mapped[TrajectoryStatus | None] = mapped_column(
        enum_column_type(TrajectoryStatus), nullable=True
    )
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    # the decision letter (documents/exemption_letter.py), kept in the file store
    letter_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("stored_file.sha256"), nullable=True
    )
    letter_name: Mapped[str] = mapped_column(String(255), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class ExemptionStep(Base):
    """One step of a case: what it reached, on which day, by whom (as said), and who
    recorded it when."""

    __tablename__ = "exemption_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("exemption_case.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(enum_column_type(CaseStatus))
    happened_on: Mapped[date] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class ExemptionDocument(Base):
    """A document filed with a case (diploma, reflection report, …), by hash."""

    __tablename__ = "exemption_document"
    __table_args__ = (UniqueConstraint("case_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("exemption_case.id"))
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    name: Mapped[str] = mapped_column(String(255))
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(DateTime)


class PartialCertificate(Base):
    """A UTQ partial certificate the candidate obtained at another Dutch university."""

    __tablename__ = "partial_certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    institution: Mapped[str] = mapped_column(String(200))
    obtained_on: Mapped[date] = mapped_column(Date)
    document_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("stored_file.sha256"), nullable=True
    )
    document_name: Mapped[str] = mapped_column(String(255), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


# The competences a partial certificate covers (of the candidate's route's framework
# version). Only the key: on SQLite a table without rowid.
partial_certificate_competence = Table(
    "partial_certificate_competence",
    Base.metadata,
    Column(
        "certificate_id",
        # named by hand: the convention's name is longer than PostgreSQL's 63 characters
        ForeignKey("partial_certificate.id", name="fk_partial_certificate_competence_certificate"),
        primary_key=True,
    ),
    Column("competence_id", ForeignKey("competence.id"), primary_key=True),
    sqlite_with_rowid=False,
)
