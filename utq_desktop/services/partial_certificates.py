"""Partial certificates: a part of the UTQ obtained at another Dutch university. The
competences one covers count as recognised: recording, editing or removing a certificate
brings the candidate's route recognitions in line in the same transaction
(services/partial_recognitions.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.exemption_models import PartialCertificate, partial_certificate_competence
from utq_desktop.domain.models import Candidate, Competence
from utq_desktop.errors import StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.exemption_dto import (
    PartialCertificateInput,
    PartialCertificateSnapshot,
)
from utq_desktop.services.exemption_read import CERTIFICATE
from utq_desktop.services.files import FileService, Upload
from utq_desktop.services.locking import stale_edit_error
from utq_desktop.services.partial_certificates_read import competence_choices
from utq_desktop.services.partial_recognitions import sync_recognitions
from utq_desktop.services.records import candidate_of

MAX_INSTITUTION = 200
MAX_NOTES = 4000
EARLIEST = date(1990, 1, 1)  # the UTQ (BKO) exists since about 2008; older is a typo


class PartialCertificateService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today
        self._files = FileService(context)

    def add(
        self, candidate_id: int, data: PartialCertificateInput, upload: Upload | None = None
    ) -> int:
        """Record a partial certificate (with its document, if any); returns its id."""
        snapshot = PartialCertificateSnapshot(data)
        return self._insert(candidate_id, snapshot, upload)

    def restore(self, candidate_id: int, snapshot: PartialCertificateSnapshot) -> int:
        """Put back a removed certificate (undo), with its document; returns its new id."""
        return self._insert(candidate_id, snapshot, None)

    def _insert(
        self, candidate_id: int, snapshot: PartialCertificateSnapshot, upload: Upload | None
    ) -> int:
        with self._context.transaction() as session:
            candidate = candidate_of(session, candidate_id)
            data = self._clean(session, candidate, snapshot.data)
            digest, name = snapshot.document_sha256, snapshot.document_name
            if upload is not None:
                digest, name = self._files.store(session, upload), upload.name
                session.flush()  # the stored file first: the certificate refers to it
            row = PartialCertificate(
                candidate_id=candidate_id,
                institution=data.institution,
                obtained_on=data.obtained_on,
                document_sha256=digest,
                document_name=(name or "")[:255] if digest else "",
                notes=data.notes,
                recorded_by=self._context.actor,
                recorded_at=utc_now(),
            )
            session.add(row)
            session.flush()
            _link(session, row.id, data.competence_ids)
            changes: list[Change] = [
                ("institution", None, data.institution),
                ("obtained_on", None, data.obtained_on),
                ("competences", None, _codes(session, data.competence_ids)),
            ]
            if row.document_name:
                changes.append(("document", None, row.document_name))
            if data.notes:
                changes.append(("notes", None, data.notes))
            self._audit(session, row, "create", changes)
            sync_recognitions(session, candidate, self._context.actor, self._today())
            return row.id

    def update(
        self,
        certificate_id: int,
        data: PartialCertificateInput,
        expected_version: int,
        *,
        upload: Upload | None = None,
        remove_document: bool = False,
        document: tuple[str | None, str] | None = None,
    ) -> int:
        """Save an edited certificate; returns its new version. ``upload`` replaces the
        document, ``remove_document`` drops it, ``document`` (hash, name) puts back one
        stored before (undo)."""
        with self._certificate(certificate_id, expected_version) as (session, row, candidate):
            data = self._clean(session, candidate, data)
            old_ids = _linked(session, row.id)
            changes: list[Change] = []
            for name in ("institution", "obtained_on", "notes"):
                if getattr(row, name) != getattr(data, name):
                    changes.append((name, getattr(row, name), getattr(data, name)))
                    setattr(row, name, getattr(data, name))
            if set(old_ids) != set(data.competence_ids):
                changes.append(
                    (
                        "competences",
                        _codes(session, old_ids),
                        _codes(session, data.competence_ids),
                    )
                )
                session.execute(
                    delete(partial_certificate_competence).where(
                        partial_certificate_competence.c.certificate_id == row.id
                    )
                )
                _link(session, row.id, data.competence_ids)
            if upload is not None:
                changes.append(("document", row.document_name or None, upload.name))
                digest = self._files.store(session, upload)
                session.flush()  # the stored file first: the certificate refers to it
                row.document_sha256 = digest
                row.document_name = upload.name[:255]
            elif remove_document and row.document_sha256:
                changes.append(("document", row.document_name, None))
                row.document_sha256, row.document_name = None, ""
            elif document is not None and document[0] != row.document_sha256:
                digest, name = document
                changes.append(("document", row.document_name or None, name if digest else None))
                row.document_sha256, row.document_name = digest, name if digest else ""
            if not changes:
                return row.row_version
            flag_modified(row, "notes")  # new links alone must move the version on too
            session.flush()
            self._audit(session, row, "update", changes)
            sync_recognitions(session, candidate, self._context.actor, self._today())
            return row.row_version

    def remove(self, certificate_id: int, expected_version: int) -> PartialCertificateSnapshot:
        """Remove a certificate and the recognitions it made; returns it, for undo."""
        with self._certificate(certificate_id, expected_version) as (session, row, candidate):
            ids = _linked(session, row.id)
            snapshot = PartialCertificateSnapshot(
                PartialCertificateInput(row.institution, row.obtained_on, ids, row.notes),
                row.document_sha256,
                row.document_name,
            )
            session.execute(
                delete(partial_certificate_competence).where(
                    partial_certificate_competence.c.certificate_id == row.id
                )
            )
            sync_recognitions(session, candidate, self._context.actor, self._today(), row.id)
            session.delete(row)
            session.flush()
            self._audit(session, row, "delete", [("institution", snapshot.data.institution, None)])
            return snapshot

    # --- helpers -------------------------------------------------------------------------

    def _clean(
        self, session: Session, candidate: Candidate, data: PartialCertificateInput
    ) -> PartialCertificateInput:
        institution = " ".join(data.institution.split())
        if not institution:
            raise ValidationError(
                "Name the university that issued the partial certificate.", "institution"
            )
        if len(institution) > MAX_INSTITUTION:
            raise ValidationError(
                f"A university's name is at most {MAX_INSTITUTION} characters.", "institution"
            )
        if data.obtained_on is None:
            raise ValidationError(
                "Give the day the partial certificate was obtained.", "obtained_on"
            )
        if not EARLIEST <= data.obtained_on <= self._today():
            raise ValidationError(
                f"{data.obtained_on:%d-%m-%Y} cannot be the day it was obtained: use a day "
                f"between 1-1-{EARLIEST.year} and today.",
                "obtained_on",
            )
        ids = tuple(dict.fromkeys(data.competence_ids))
        if not ids:
            raise ValidationError(
                "Tick the competences the partial certificate covers.", "competences"
            )
        allowed = {choice.id for choice in competence_choices(session, candidate)}
        if not allowed:
            raise ValidationError(
                "The candidate has no competence framework, so no competences can be "
                "recognised. Set the framework first.",
                "competences",
            )
        if not set(ids) <= allowed:
            raise ValidationError(
                "These competences are not of the candidate's framework version; reload and "
                "tick them again.",
                "competences",
            )
        notes = data.notes.strip()
        if len(notes) > MAX_NOTES:
            raise ValidationError(f"Notes are at most {MAX_NOTES} characters.", "notes")
        return PartialCertificateInput(institution, data.obtained_on, ids, notes)

    @contextmanager
    def _certificate(
        self, certificate_id: int, expected_version: int
    ) -> Iterator[tuple[Session, PartialCertificate, Candidate]]:
        try:
            with self._context.transaction() as session:
                row = session.get(PartialCertificate, certificate_id)
                if row is None:
                    raise self._stale(certificate_id, removed=True)
                if row.row_version != expected_version:
                    raise self._stale(certificate_id)
                yield session, row, candidate_of(session, row.candidate_id)
        except StaleDataError as error:
            raise self._stale(certificate_id) from error

    def _audit(
        self, session: Session, row: PartialCertificate, action: str, changes: list[Change]
    ) -> None:
        audit.record(
            session,
            self._context.actor,
            entity=CERTIFICATE,
            entity_id=row.id,
            candidate_id=row.candidate_id,
            action=action,
            changes=changes,
        )

    def _stale(self, certificate_id: int, removed: bool = False) -> StaleEditError:
        return stale_edit_error(
            self._context, CERTIFICATE, certificate_id, "partial certificate", removed=removed
        )


def _link(session: Session, certificate_id: int, competence_ids: tuple[int, ...]) -> None:
    if competence_ids:
        session.execute(
            insert(partial_certificate_competence),
            [{"certificate_id": certificate_id, "competence_id": cid} for cid in competence_ids],
        )


def _linked(session: Session, certificate_id: int) -> tuple[int, ...]:
    return tuple(
        session.scalars(
            select(partial_certificate_competence.c.competence_id)
            .join(Competence, Competence.id == partial_certificate_competence.c.competence_id)
            .where(partial_certificate_competence.c.certificate_id == certificate_id)
            .order_by(Competence.position)
        )
    )


def _codes(session: Session, competence_ids: tuple[int, ...]) -> str:
    if not competence_ids:
        return ""
    rows = session.execute(
        select(Competence.code)
        .where(Competence.id.in_(competence_ids))
        .order_by(Competence.position)
    )
    return ", ".join(code for (code,) in rows)
