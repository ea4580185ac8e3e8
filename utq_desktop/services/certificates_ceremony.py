"""The ceremony batch: the UTQ certificates of everyone qualified in a period (or named by
staff number), issued where missing — all in one transaction — and then written as PDFs
into a folder and/or one combined PDF for the printer, with progress and cancel.

Who is in it: every candidate whose standing sufficient result (services.assessment_rules)
falls in the period. From a period, exempted candidates and candidates whose UTQ certificate
was revoked are left out, each with the reason (``CeremonyPlan.skipped``); a candidate named
by staff number who cannot get a certificate is a problem, and the batch refuses to run
until it is resolved (``CeremonyPlan.problems``). Existing certificates are written again
from the register: the same serial, code and file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.certificate_models import IssuedCertificate
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.names import fold, full_name, sort_name
from utq_desktop.domain.route import dmy
from utq_desktop.errors import ExportError, OperationCancelledError, ValidationError
from utq_desktop.services.assessment_rules import qualified_since, sufficient_result_date
from utq_desktop.services.certificates_dto import (
    CeremonyItem,
    CeremonyPlan,
    CeremonyResult,
    WrittenCertificate,
)
from utq_desktop.services.certificates_read import by_ids, valid_utq_of
from utq_desktop.services.certificates_render import CertificateRenderer, certificate_data
from utq_desktop.services.context import Context
from utq_desktop.services.exemption_rules import exempted_among

Progress = Callable[[int, int], None]
_IN_CHUNK = 500


def plan_ceremony(
    context: Context,
    since: date | None = None,
    until: date | None = None,
    staff_numbers: Sequence[str] = (),
) -> CeremonyPlan:
    """Who a batch for results dated ``since``..``until`` (either open) would hold; with
    ``staff_numbers``, only those candidates (each must qualify in the period)."""
    if since is not None and until is not None and until < since:
        raise ValidationError(
            f"The period ends ({dmy(until)}) before it starts ({dmy(since)}).", "until"
        )
    with context.read() as session:
        qualified = {
            cid: on
            for cid, on in qualified_since(session, since).items()
            if until is None or on <= until
        }
        problems: list[str] = []
        skipped: list[str] = []
        if staff_numbers:
            chosen = _named(session, staff_numbers, qualified, since, until, problems)
        else:
            chosen = list(qualified)
        people = _people(session, chosen)
        exempted = exempted_among(session, chosen)
        held = valid_utq_of(session, chosen)
        revoked = _revoked_without_valid(session, [c for c in chosen if c not in held])
        items: list[CeremonyItem] = []
        for cid in chosen:
            number, name, _ = people[cid]
            if cid in exempted:
                reason = (
                    f"{name} ({number}) is exempted from the UTQ: an exemption never gives a "
                    "UTQ certificate."
                )
                (problems if staff_numbers else skipped).append(reason)
                continue
            if cid in revoked and not staff_numbers:
                skipped.append(
                    f"{name} ({number}): their UTQ certificate {revoked[cid]} was revoked; "
                    "issue a new one for them deliberately if that is right."
                )
                continue
            items.append(CeremonyItem(cid, number, name, qualified[cid], None))
        certificates = {c.id: c for c in by_ids(session, list(held.values()))}
    items = [
        CeremonyItem(
            i.candidate_id,
            i.staff_number,
            i.full_name,
            i.award_date,
            certificates.get(held.get(i.candidate_id, 0)),
        )
        for i in items
    ]
    items.sort(key=lambda i: people[i.candidate_id][2])
    return CeremonyPlan(tuple(items), tuple(skipped), tuple(problems))


def _named(
    session: Session,
    staff_numbers: Sequence[str],
    qualified: dict[int, date],
    since: date | None,
    until: date | None,
    problems: list[str],
) -> list[int]:
    """The ids of the candidates named, in order, once each; a problem for each that is
    unknown or has no sufficient result in the period."""
    numbers = list(dict.fromkeys(n.strip() for n in staff_numbers if n.strip()))
    found: dict[str, int] = {}
    for start in range(0, len(numbers), _IN_CHUNK):
        chunk = numbers[start : start + _IN_CHUNK]
        rows = session.execute(
            select(Candidate.staff_number, Candidate.id).where(Candidate.staff_number.in_(chunk))
        )
        found.update((number, cid) for number, cid in rows)
    chosen: list[int] = []
    for number in numbers:
        cid = found.get(number)
        if cid is None:
            problems.append(f"Staff number {number}: there is no such candidate.")
            continue
        if cid in qualified:
            chosen.append(cid)
            continue
        name = _people(session, [cid])[cid][1]
        on = sufficient_result_date(session, cid)
        if on is None:
            problems.append(
                f"{name} ({number}) has no sufficient assessment result; a UTQ certificate "
                "is issued only for a sufficient result."
            )
        else:
            period = " to ".join(
                part for part in (dmy(since) if since else "", dmy(until) if until else "") if part
            )
            problems.append(
                f"{name} ({number}) qualified on {dmy(on)}, outside the period ({period})."
            )
    return chosen


def _people(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
    """id → (staff number, full name as registered, sort key)."""
    result: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = list(ids[start : start + _IN_CHUNK])
        rows = session.execute(
            select(
                Candidate.id,
                Candidate.staff_number,
                Candidate.first_name,
                Candidate.prefix,
                Candidate.surname,
                Candidate.initials,
            ).where(Candidate.id.in_(chunk))
        )
        for cid, number, first, prefix, surname, initials in rows:
            name = full_name(first, prefix, surname, initials)
            result[cid] = (number, name, fold(sort_name(first, prefix, surname)))
    return result


def _revoked_without_valid(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """Of ``ids`` (who hold no valid UTQ certificate), those whose last one was revoked:
    id → its serial."""
    result: dict[int, str] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = list(ids[start : start + _IN_CHUNK])
        rows = session.execute(
            select(IssuedCertificate.candidate_id, IssuedCertificate.serial)
            .where(
                IssuedCertificate.candidate_id.in_(chunk),
                IssuedCertificate.kind == CertificateKind.UTQ,
                IssuedCertificate.status == CertificateStatus.REVOKED,
            )
            .order_by(IssuedCertificate.issued_at)
        )
        result.update((cid, serial) for cid, serial in rows)
    return result


def run_ceremony(
    context: Context,
    issue: Callable[[Session, Candidate], int],
    renderer: CertificateRenderer,
    plan: CeremonyPlan,
    folder: Path | None,
    combined: Path | None,
    progress: Progress | None = None,
) -> CeremonyResult:
    """Issue the plan's missing certificates (one transaction), then write every
    certificate of the plan (documents.certificate_batch): separate PDFs in ``folder``
    and/or one ``combined`` PDF. A certificate rendered for the first time is kept in the
    register's file store; one rendered before is written as kept, byte for byte.

    ``progress(done, total)`` counts PDFs (and combined pages); an exception from it, like
    OperationCancelledError, stops the writing — the certificates issued stay issued.
    """
    if plan.problems:
        more = f" (and {len(plan.problems) - 1} more)" if len(plan.problems) > 1 else ""
        raise ValidationError(f"{plan.problems[0]}{more} Nothing was issued or written.")
    if folder is None and combined is None:
        raise ValidationError("Choose a folder for the PDFs, a combined PDF, or both.")
    if not plan.items:
        return CeremonyResult((), 0, None, None)
    for target in (folder, combined.parent if combined else None):
        if target is not None:
            _make_folder(target)
    issued = 0
    ids: list[int] = []
    with context.transaction() as session:
        for item in plan.items:
            if item.certificate is not None:
                ids.append(item.certificate.id)
                continue
            candidate = session.get(Candidate, item.candidate_id)
            if candidate is None:
                raise ValidationError(f"{item.full_name} is no longer in the register.")
            ids.append(issue(session, candidate))
            issued += 1
    with context.read() as session:
        rows = {
            row.id: row
            for row in session.scalars(
                select(IssuedCertificate).where(IssuedCertificate.id.in_(ids))
            )
        }
        data = [certificate_data(session, rows[i]) for i in ids]
        stored = {i: rows[i].file_sha256 for i in ids}
        logo = renderer.logo_path(session)
    from utq_desktop.documents.certificate_batch import write_certificates

    try:
        batch = write_certificates(data, folder, combined=combined, logo=logo, progress=progress)
    except OperationCancelledError as error:
        if not issued:
            raise
        raise OperationCancelledError(
            f"{error} The {issued} certificate(s) issued for this batch stay in the register; "
            "run the batch again to write them."
        ) from error
    written, first_files = [], []
    separate = batch.certificates if folder is not None else ()
    for certificate_id, item in zip(ids if separate else (), separate, strict=True):
        digest = stored[certificate_id]
        if digest is None:
            first_files.append((certificate_id, item.path.read_bytes()))
        elif digest != item.sha256 and not item.existed:
            renderer.export(certificate_id, item.path)  # the certificate as issued
        written.append(
            WrittenCertificate(item.path, item.holder_name, item.verification_code, item.serial)
        )
    if first_files:
        renderer.keep_all(first_files)
    return CeremonyResult(tuple(written), issued, batch.combined, folder)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"The folder '{folder}' cannot be created ({error.strerror}).") from error
