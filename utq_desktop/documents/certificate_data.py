"""What a certificate prints: plain frozen values the certificate service fills in.

The documents layer never reads the database: everything on the page is here, exactly as it
is to be printed (the holder's full name as registered, with prefix and diacritics).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from utq_desktop.domain.certificate_codes import CertificateKind
from utq_desktop.domain.route import ActivityKind


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signs, e.g. ("prof. dr. A. de Vries", "Decaan Faculteit der Wiskunde / Dean")."""

    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class ParticipationActivity:
    """The training module or route activity a certificate of participation is for."""

    title: str
    kind: ActivityKind | None = None
    hours: float | None = None
    first_day: date | None = None  # a one-day activity: first_day only, or both the same
    last_day: date | None = None


@dataclass(frozen=True, slots=True)
class CertificateData:
    """One certificate. ``award_date`` is the day of the result (UTQ) or of completion
    (participation); ``place`` is printed before it ("Leiden, 12 juni 2026")."""

    kind: CertificateKind
    holder_name: str
    institution: str
    award_date: date
    serial: str
    verification_code: str
    signatories: tuple[Signatory, ...] = ()
    place: str = ""
    qr_text: str = ""  # what the QR code holds, e.g. a verification link; default: the code
    verify_at: str = ""  # where a reader can check the code, printed in the footer
    activity: ParticipationActivity | None = None  # required for participation

    def __post_init__(self) -> None:
        if not self.holder_name.strip():
            raise ValueError("a certificate needs the holder's name")
        if not self.serial.strip() or not self.verification_code.strip():
            raise ValueError("a certificate needs a serial number and a verification code")
        if self.kind is CertificateKind.PARTICIPATION and self.activity is None:
            raise ValueError("a certificate of participation needs its activity")
        if len(self.signatories) > 3:
            raise ValueError("a certificate has room for at most three signatories")

    @property
    def qr_content(self) -> str:
        return self.qr_text or self.verification_code
