"""Reading the certificate register: rows to DTOs, a candidate's certificates, the register
with filters, and lookups by code. Shared by the certificate service and the ceremony batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from utq_desktop.domain.certificate_models import IssuedCertificate
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.names import fold
from utq_desktop.errors import NotFoundError
from utq_desktop.services.certificates_dto import CertificateInfo, RegisterQuery

ENTITY = "certificate"
REGISTER_LIMIT = 5000  # rows one register view shows; narrow the filters for more

_Replacement = aliased(IssuedCertificate)


def _query() -> Select[tuple[IssuedCertificate, str, str | None]]:
    return (
        select(IssuedCertificate, Candidate.staff_number, _Replacement.serial)
        .join(Candidate, Candidate.id == IssuedCertificate.candidate_id)
        .outerjoin(_Replacement, _Replacement.id == IssuedCertificate.replaced_by_id)
    )


def info(row: IssuedCertificate, staff_number: str, replaced_by: str | None) -> CertificateInfo:
    return CertificateInfo(
        id=row.id,
        row_version=row.row_version,
        kind=CertificateKind(row.kind),
        candidate_id=row.candidate_id,
        staff_number=staff_number,
        holder_name=row.holder_name,
        title=row.title,
        activity_id=row.activity_id,
        serial=row.serial,
        verification_code=row.verification_code,
        award_date=row.award_date,
        issued_at=row.issued_at,
        issued_by=row.issued_by,
        status=CertificateStatus(row.status),
        replaced_by_serial=replaced_by,
        revoke_reason=row.revoke_reason,
        revoked_at=row.revoked_at,
        revoked_by=row.revoked_by,
        file_sha256=row.file_sha256,
    )


def _infos(
    session: Session, query: Select[tuple[IssuedCertificate, str, str | None]]
) -> list[CertificateInfo]:
    return [info(row, number, replaced) for row, number, replaced in session.execute(query)]


def certificate_info(session: Session, certificate_id: int) -> CertificateInfo:
    found = _infos(session, _query().where(IssuedCertificate.id == certificate_id))
    if not found:
        raise NotFoundError(f"Certificate {certificate_id} is not in the register (any more).")
    return found[0]


def certificate_row(session: Session, certificate_id: int) -> IssuedCertificate:
    row = session.get(IssuedCertificate, certificate_id)
    if row is None:
        raise NotFoundError(f"Certificate {certificate_id} is not in the register (any more).")
    return row


def by_code(session: Session, code: str) -> CertificateInfo | None:
    found = _infos(session, _query().where(IssuedCertificate.verification_code == code))
    return found[0] if found else None


def of_candidate(session: Session, candidate_id: int) -> list[CertificateInfo]:
    """Newest first: what the candidate holds now at the top."""
    return _infos(
        session,
        _query()
        .where(IssuedCertificate.candidate_id == candidate_id)
        .order_by(IssuedCertificate.issued_at.desc(), IssuedCertificate.id.desc()),
    )


def by_ids(session: Session, ids: Sequence[int]) -> list[CertificateInfo]:
    """In the order of ``ids``."""
    found: dict[int, CertificateInfo] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for item in _infos(session, _query().where(IssuedCertificate.id.in_(chunk))):
            found[item.id] = item
    return [found[i] for i in ids if i in found]


def valid_utq_of(session: Session, candidate_ids: Iterable[int]) -> dict[int, int]:
    """Candidate id → id of their valid UTQ certificate, for those who hold one."""
    ids = list(candidate_ids)
    result: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(IssuedCertificate.utq_holder_id, IssuedCertificate.id).where(
            IssuedCertificate.utq_holder_id.in_(chunk)
        )
        result.update({int(holder): cid for holder, cid in session.execute(query)})
    return result


def register(session: Session, query: RegisterQuery) -> list[CertificateInfo]:
    """The register with ``query``'s filters, newest award first (at most REGISTER_LIMIT).

    The text matches the holder's name ignoring case and diacritics ('dogan' finds Doğan),
    the staff number, the serial and the verification code (typed with or without dashes).
    """
    conditions = []
    if query.kind is not None:
        conditions.append(IssuedCertificate.kind == query.kind)
    if query.status is not None:
        conditions.append(IssuedCertificate.status == query.status)
    if query.awarded_from is not None:
        conditions.append(IssuedCertificate.award_date >= query.awarded_from)
    if query.awarded_to is not None:
        conditions.append(IssuedCertificate.award_date <= query.awarded_to)
    order = (IssuedCertificate.award_date.desc(), IssuedCertificate.id.desc())
    needle = fold(query.text.strip())
    if not needle:
        return _infos(session, _query().where(*conditions).order_by(*order).limit(REGISTER_LIMIT))
    compact = _compact(needle)
    keys = (
        select(
            IssuedCertificate.id,
            IssuedCertificate.holder_name,
            IssuedCertificate.serial,
            IssuedCertificate.verification_code,
            Candidate.staff_number,
        )
        .join(Candidate, Candidate.id == IssuedCertificate.candidate_id)
        .where(*conditions)
        .order_by(*order)
    )
    ids = [
        cid
        for cid, name, serial, code, number in session.execute(keys)
        if needle in fold(name)
        or needle in number.casefold()
        or (compact and (compact in _compact(serial) or compact in _compact(code)))
    ]
    return by_ids(session, ids[:REGISTER_LIMIT])


def _compact(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
