"""Plain, frozen data about certificates for the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from utq_desktop.domain.certificates import CertificateKind, CertificateStatus


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    """One certificate in the register, as issued and as it stands now."""

    id: int
    row_version: int
    kind: CertificateKind
    candidate_id: int
    staff_number: str
    holder_name: str  # as printed: the full name as registered on the day of issue
    title: str  # the activity, for a certificate of participation
    activity_id: int | None
    serial: str
    verification_code: str
    award_date: date
    issued_at: datetime
    issued_by: str
    status: CertificateStatus
    replaced_by_serial: str | None = None
    revoke_reason: str = ""
    revoked_at: datetime | None = None
    revoked_by: str = ""
    file_sha256: str | None = None  # None until first rendered

    @property
    def valid(self) -> bool:
        return self.status is CertificateStatus.VALID

    @property
    def status_text(self) -> str:
        """'Valid', 'Replaced by UTQ-2026-000124', 'Revoked: reason'."""
        if self.status is CertificateStatus.REPLACED and self.replaced_by_serial:
            return f"Replaced by {self.replaced_by_serial}"
        if self.status is CertificateStatus.REVOKED and self.revoke_reason:
            return f"Revoked: {self.revoke_reason}"
        return self.status.label


@dataclass(frozen=True, slots=True)
class UtqEligibility:
    """Whether the core would issue a UTQ certificate now, and if not, why not."""

    eligible: bool
    reason: str = ""  # why not; empty when eligible
    award_date: date | None = None  # the day of the standing sufficient result


@dataclass(frozen=True, slots=True)
class ParticipationOption:
    """A completed route activity that has no valid certificate of participation yet."""

    activity_id: int
    title: str
    completed_on: date


@dataclass(frozen=True, slots=True)
class CandidateCertificates:
    """Everything the Certificates tab shows for one candidate."""

    candidate_id: int
    full_name: str
    certificates: tuple[CertificateInfo, ...]
    utq: UtqEligibility
    participation: tuple[ParticipationOption, ...]


@dataclass(frozen=True, slots=True)
class RegisterQuery:
    """Filters on the register; empty/None means any."""

    text: str = ""  # name, staff number, serial or code
    kind: CertificateKind | None = None
    status: CertificateStatus | None = None
    awarded_from: date | None = None
    awarded_to: date | None = None


@dataclass(frozen=True, slots=True)
class CeremonyItem:
    """A candidate qualified in the period, with the certificate they hold (if any yet)."""

    candidate_id: int
    staff_number: str
    full_name: str
    award_date: date
    certificate: CertificateInfo | None


@dataclass(frozen=True, slots=True)
class CeremonyPlan:
    """Who is in a ceremony batch: the issued ones are rendered again, the others issued."""

    items: tuple[CeremonyItem, ...]
    # left out of a period's selection, each with the reason (exempted, certificate revoked)
    skipped: tuple[str, ...] = ()
    # named on purpose but cannot get a certificate: the batch refuses to run while any
    problems: tuple[str, ...] = ()

    @property
    def to_issue(self) -> int:
        return sum(item.certificate is None for item in self.items)


@dataclass(frozen=True, slots=True)
class WrittenCertificate:
    """One PDF a batch wrote."""

    path: Path
    holder_name: str
    verification_code: str
    serial: str


@dataclass(frozen=True, slots=True)
class CeremonyResult:
    written: tuple[WrittenCertificate, ...]
    issued: int  # how many certificates were issued for this batch
    combined: Path | None = None
    folder: Path | None = None
