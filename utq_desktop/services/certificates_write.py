"""Writing a new certificate into the register: its serial (the next of its kind and year),
a fresh verification code, the holder's name as registered now, and the audit lines that
say so. Used by the certificate service and the ceremony batch, in their transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from utq_desktop.domain import certificate_codes as codes
from utq_desktop.domain.certificate_models import IssuedCertificate
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.route_models import RouteActivity
from utq_desktop.errors import StaleEditError
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.certificates_rules import holder_name


def new_certificate(
    session: Session,
    actor: str,
    year: int,
    *,
    kind: CertificateKind,
    candidate: Candidate,
    award_date: date,
    activity: RouteActivity | None = None,
    title: str | None = None,
) -> IssuedCertificate:
    """Add a valid certificate (flushed, so it has its id); the caller checked the rules.
    A clash with a certificate issued at the same moment by someone else (the same serial,
    or a second valid UTQ certificate) is refused with StaleEditError."""
    row = IssuedCertificate(
        kind=kind,
        candidate_id=candidate.id,
        activity_id=activity.id if activity is not None else None,
        serial=next_serial(session, kind, year),
        verification_code=codes.new_verification_code(),
        award_date=award_date,
        holder_name=holder_name(candidate),
        title=title if title is not None else (activity.title if activity else ""),
        issued_at=utc_now(),
        issued_by=actor,
        status=CertificateStatus.VALID,
        utq_holder_id=candidate.id if kind is CertificateKind.UTQ else None,
        revoke_reason="",
        revoked_by="",
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise StaleEditError(
            f"Someone else issued a certificate to {row.holder_name} (or one with the "
            "same serial) at this very moment; nothing was issued. Reload and look "
            "again before issuing."
        ) from None
    return row


def issued_changes(row: IssuedCertificate) -> list[Change]:
    """The audit lines of a new certificate."""
    return [
        ("kind", None, CertificateKind(row.kind).label),
        ("serial", None, row.serial),
        ("verification_code", None, row.verification_code),
        ("award_date", None, row.award_date),
    ]


def next_serial(session: Session, kind: CertificateKind, year: int) -> str:
    """The next free serial of ``kind`` in ``year`` ('UTQ-2026-000124')."""
    prefix = f"{kind.serial_prefix}-{year:04d}-"
    last = session.scalar(
        select(IssuedCertificate.serial)
        .where(IssuedCertificate.serial.like(f"{prefix}%"))
        .order_by(func.length(IssuedCertificate.serial).desc(), IssuedCertificate.serial.desc())
        .limit(1)
    )
    number = codes.parse_serial(last).number if last else 0
    return codes.format_serial(kind, year, number + 1)
