"""Certificates as the core sees them: the two kinds (defined with the codes and serials in
domain.certificate_codes), the three states a certificate in the register can be in, and
which state changes are allowed (as data, checked in one place). Pure values: the
services, the CLI and the window share them.
"""

from __future__ import annotations

from enum import StrEnum

from utq_desktop.domain.certificate_codes import CertificateKind
from utq_desktop.errors import IllegalTransitionError

__all__ = ["ALLOWED", "CertificateKind", "CertificateStatus", "check_move"]


class CertificateStatus(StrEnum):
    """Where an issued certificate stands (stored by value)."""

    VALID = "valid"
    REPLACED = "replaced"  # reissued: a new serial and code took its place
    REVOKED = "revoked"  # withdrawn, with a reason

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    CertificateStatus.VALID: "Valid",
    CertificateStatus.REPLACED: "Replaced",
    CertificateStatus.REVOKED: "Revoked",
}

# Only a valid certificate is reissued or revoked; replaced and revoked are final.
ALLOWED: dict[CertificateStatus, frozenset[CertificateStatus]] = {
    CertificateStatus.VALID: frozenset({CertificateStatus.REPLACED, CertificateStatus.REVOKED}),
    CertificateStatus.REPLACED: frozenset(),
    CertificateStatus.REVOKED: frozenset(),
}


def check_move(serial: str, current: CertificateStatus, new: CertificateStatus) -> None:
    """Raise IllegalTransitionError, naming the certificate, when ``current → new`` is not
    allowed."""
    if new in ALLOWED[current]:
        return
    what = {
        CertificateStatus.REPLACED: "reissued",
        CertificateStatus.REVOKED: "revoked",
        CertificateStatus.VALID: "made valid again",
    }[new]
    raise IllegalTransitionError(
        f"Certificate {serial} is {current.label.lower()}, so it cannot be {what}; "
        "only a valid certificate can."
    )
