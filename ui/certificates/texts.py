"""How certificate kinds and states read on screen (translated), and their colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.services.certificates_dto import CertificateInfo

from ui.formatting import format_date, format_timestamp

VALID_COLOR = QColor("#2e7d32")
REPLACED_COLOR = QColor("#5f6b7a")
REVOKED_COLOR = QColor("#c62828")
STATUS_COLORS = {
    CertificateStatus.VALID: VALID_COLOR,
    CertificateStatus.REPLACED: REPLACED_COLOR,
    CertificateStatus.REVOKED: REVOKED_COLOR,
}


def kind_text(kind: CertificateKind) -> str:
    return QCoreApplication.translate("CertificateKind", kind.label)


def status_text(status: CertificateStatus) -> str:
    return QCoreApplication.translate("CertificateStatus", status.label)


def status_detail(certificate: CertificateInfo) -> str:
    """'Valid', 'Replaced by UTQ-2026-000124', 'Revoked on 3-6-2026: reason'."""
    tr = QCoreApplication.translate
    if certificate.status is CertificateStatus.REPLACED and certificate.replaced_by_serial:
        return tr("Certificates", "Replaced by {serial}").format(
            serial=certificate.replaced_by_serial
        )
    if certificate.status is CertificateStatus.REVOKED:
        when = certificate.revoked_at.date() if certificate.revoked_at else None
        return tr("Certificates", "Revoked on {date}: {reason}").format(
            date=format_date(when), reason=certificate.revoke_reason
        )
    return status_text(certificate.status)


def what_text(certificate: CertificateInfo) -> str:
    """The kind, and for participation the activity: 'Participation: Teaching in practice'."""
    if certificate.kind is CertificateKind.PARTICIPATION and certificate.title:
        return QCoreApplication.translate("Certificates", "Participation: {title}").format(
            title=certificate.title
        )
    return kind_text(certificate.kind)


def details_text(certificate: CertificateInfo) -> str:
    """One paragraph about a certificate: what, serial and code, status, who issued it."""
    tr = QCoreApplication.translate
    parts = [
        tr("Certificates", "{what} {serial}, dated {date}, verification code {code}.").format(
            what=what_text(certificate),
            serial=certificate.serial,
            date=format_date(certificate.award_date),
            code=certificate.verification_code,
        ),
        tr("Certificates", "Issued {when} by {who}.").format(
            when=format_timestamp(certificate.issued_at), who=certificate.issued_by
        ),
        tr("Certificates", "Status: {status}.").format(status=status_detail(certificate)),
    ]
    if certificate.status is CertificateStatus.REVOKED and certificate.revoked_by:
        parts.append(tr("Certificates", "Revoked by {who}.").format(who=certificate.revoked_by))
    return " ".join(parts)
