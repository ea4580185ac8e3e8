"""A certificate's PDF from the register: rendered once, then kept.

The first time a certificate is needed as a PDF (opened, saved, printed in a ceremony
batch) it is rendered from its register row, the institution settings and the logo, stored
in the file store and its hash recorded in ``file_sha256``; every later copy is those very
bytes. The hash is set with a plain UPDATE, not through the ORM: rendering is not an edit,
so it leaves the row's version alone (an open tab can still reissue or revoke).
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from utq_desktop.domain.certificate_models import IssuedCertificate
from utq_desktop.domain.certificates import CertificateKind
from utq_desktop.domain.models import InstitutionSettings
from utq_desktop.domain.route import ActivityKind
from utq_desktop.domain.route_models import RouteActivity
from utq_desktop.services.certificates_read import certificate_row
from utq_desktop.services.context import Context
from utq_desktop.services.settings import certificate_settings
from utq_desktop.store.files import FileStore

if TYPE_CHECKING:
    from utq_desktop.documents.certificate_data import CertificateData

PDF = "application/pdf"


@cache
def _logo_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="utq-logo-"))


class CertificateRenderer:
    def __init__(self, context: Context) -> None:
        self._context = context

    @property
    def _files(self) -> FileStore:
        return self._context.database.files

    def pdf(self, certificate_id: int) -> bytes:
        """The certificate's PDF: the stored one, or rendered and stored now."""
        with self._context.read() as session:
            row = certificate_row(session, certificate_id)
            if row.file_sha256 is not None:
                return self._files.get(session, row.file_sha256)
            data = certificate_data(session, row)
            logo = self.logo_path(session)
        from utq_desktop.documents.certificate_art import load_logo  # loads reportlab
        from utq_desktop.documents.certificate_pdf import certificate_pdf_bytes

        return self.keep(certificate_id, certificate_pdf_bytes(data, load_logo(logo)))

    def keep(self, certificate_id: int, content: bytes) -> bytes:
        """Store a freshly rendered PDF as the certificate's file (unless someone else
        stored one meanwhile: then theirs is the certificate, and is returned)."""
        if self.keep_all([(certificate_id, content)]):
            return content
        with self._context.read() as session:
            row = certificate_row(session, certificate_id)
            assert row.file_sha256 is not None
            return self._files.get(session, row.file_sha256)

    def keep_all(self, rendered: list[tuple[int, bytes]]) -> set[int]:
        """Store freshly rendered PDFs (certificate id, bytes) in one transaction, for the
        certificates that have no file yet; returns the ids that took the new file."""
        kept: set[int] = set()
        with self._context.transaction() as session:
            for certificate_id, content in rendered:
                digest = self._files.put(session, content, PDF)
                updated = session.execute(
                    update(IssuedCertificate)
                    .where(IssuedCertificate.id == certificate_id)
                    .where(IssuedCertificate.file_sha256.is_(None))
                    .values(file_sha256=digest)
                    .execution_options(synchronize_session=False)
                )
                if updated.rowcount == 1:
                    kept.add(certificate_id)
        return kept

    def logo_path(self, session: Session) -> Path | None:
        """The institution's logo (settings) as a file the PDF layer can read; None for
        the built-in emblem. Written once per process and logo into a private folder."""
        digest = session.scalar(select(InstitutionSettings.logo_sha256))
        if not digest:
            return None
        path = _logo_folder() / digest
        if not path.exists():
            content = self._files.get(session, digest)
            partial = path.with_suffix(".part")
            partial.write_bytes(content)
            partial.replace(path)
        return path

    def export(self, certificate_id: int, target: Path) -> None:
        from utq_desktop.documents.output import write_file

        write_file(target, self.pdf(certificate_id))

    def open_copy(self, certificate_id: int) -> Path:
        """A temporary copy named after the holder and the kind, for the system viewer."""
        content = self.pdf(certificate_id)
        with self._context.read() as session:
            row = certificate_row(session, certificate_id)
            name = file_name(row.holder_name, CertificateKind(row.kind), row.serial)
        folder = Path(tempfile.mkdtemp(prefix="utq-open-"))
        target = folder / name
        target.write_bytes(content)
        return target


def file_name(holder: str, kind: CertificateKind, serial: str) -> str:
    """'Siobhán van 't Hof - UTQ certificate - UTQ-2026-000123.pdf' (no path characters)."""
    safe = "".join(ch for ch in holder if ch not in '\\/:*?"<>|' and ch.isprintable())
    return f"{safe.strip() or 'certificate'} - {kind.label} - {serial}.pdf"


def certificate_data(session: Session, row: IssuedCertificate) -> CertificateData:
    """What the PDF shows, from the register row as issued and the settings as they are."""
    from utq_desktop.documents.certificate_data import (
        CertificateData,
        ParticipationActivity,
        Signatory,
    )

    settings = session.scalars(select(InstitutionSettings)).one()
    signatories = tuple(
        Signatory(s.name, s.role)
        for s in certificate_settings(settings).signatories
        if s.name or s.role
    )
    activity = None
    if row.kind == CertificateKind.PARTICIPATION:
        done = session.get(RouteActivity, row.activity_id) if row.activity_id else None
        activity = ParticipationActivity(
            title=row.title,
            kind=ActivityKind(done.kind) if done is not None else None,
            hours=done.hours if done is not None else None,
            first_day=row.award_date,
        )
    return CertificateData(
        kind=CertificateKind(row.kind),
        holder_name=row.holder_name,
        institution=settings.name,
        award_date=row.award_date,
        serial=row.serial,
        verification_code=row.verification_code,
        signatories=signatories,
        activity=activity,
    )
