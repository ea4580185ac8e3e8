"""The register of issued certificates (UTQ and participation).

A row is the certificate as issued: the holder's name and, for participation, the
activity's title are kept as they were printed, so rendering it again from the register
gives the same document with the same serial and verification code. The rendered PDF is
kept in the file store (``file_sha256``), written the first time it is needed.

``utq_holder_id`` is the candidate's id while this is their valid UTQ certificate and NULL
otherwise: its unique constraint makes a second valid UTQ certificate impossible, even when
two coordinators issue one at the same moment on a shared database.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.domain.models import Base, enum_column_type


class IssuedCertificate(Base):
    """One certificate in the register: issued, and perhaps later replaced or revoked."""

    __tablename__ = "issued_certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CertificateKind] = mapped_column(enum_column_type(CertificateKind))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("route_activity.id"), nullable=True, index=True
    )
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    verification_code: Mapped[str] = mapped_column(String(32), unique=True)
    award_date: Mapped[date] = mapped_column(Date, index=True)
    holder_name: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300), default="")  # the activity, if any
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(64))
    file_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[CertificateStatus] = mapped_column(
        enum_column_type(CertificateStatus), default=CertificateStatus.VALID
    )
    utq_holder_id: Mapped[int | None] = mapped_column(Integer, unique=True, nullable=True)
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("issued_certificate.id"), nullable=True
    )
    revoke_reason: Mapped[str] = mapped_column(Text, default="")
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_by: Mapped[str] = mapped_column(String(64), default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012
