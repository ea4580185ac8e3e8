"""Attachments of evidence items and class observations: store the files by hash and link
them (skipping content the owner has already), detach one, open or export one. Files are
read before the transaction (services.files.read_upload: size limit, unreadable file) and
stored inside it, so the same file attached twice is stored once; a file's bytes are read
again only when it is opened or exported."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import StoredFile
from utq_desktop.domain.portfolio_models import (
    PortfolioAttachment,
    PortfolioItem,
    PortfolioObservation,
)
from utq_desktop.errors import NotFoundError, ValidationError
from utq_desktop.services import files as files_module
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.files import Upload
from utq_desktop.services.portfolio_base import PortfolioBase, audit_field
from utq_desktop.services.portfolio_dto import KeptFile
from utq_desktop.services.portfolio_read import ITEM, OBSERVATION

Owner = PortfolioItem | PortfolioObservation


class PortfolioAttachments(PortfolioBase):
    def remove_attachment(self, attachment_id: int, expected_version: int) -> int:
        """Detach a file from its item or observation (``expected_version`` is the
        owner's); returns the owner's new version. The stored file itself stays."""
        with self._context.read() as session:
            found = session.get(PortfolioAttachment, attachment_id)
            if found is None:
                raise self._stale(ITEM, 0, "attachment", removed=True)
            item_id, observation_id = found.item_id, found.observation_id
        if item_id is not None:
            owner = self._owned(PortfolioItem, item_id, expected_version, ITEM, "evidence item")
            entity = ITEM
        else:
            assert observation_id is not None
            owner = self._owned(
                PortfolioObservation, observation_id, expected_version, OBSERVATION, "observation"
            )
            entity = OBSERVATION
        with owner as (session, row, dossier, _fmap):
            attachment = session.get(PortfolioAttachment, attachment_id)
            if attachment is None:
                raise self._stale(entity, row.id, "attachment", removed=True)
            what = row.title if isinstance(row, PortfolioItem) else observation_label(row)
            session.delete(attachment)
            row.updated_at = utc_now()
            session.flush()
            self._audit(
                session,
                entity,
                row.id,
                dossier.candidate_id,
                "update",
                [(audit_field("attachment", what), attachment.name, None)],
            )
            return row.row_version

    def open_attachment(self, attachment_id: int) -> Path:
        """A temporary copy under the file's own name, for the system viewer. The file is
        read (and its hash checked) only now."""
        sha, name = self._attachment(attachment_id)
        return self._files.open_copy(sha, name)

    def export_attachment(self, attachment_id: int, target: Path) -> None:
        sha, _name = self._attachment(attachment_id)
        self._files.export(sha, target)

    @property
    def max_file_bytes(self) -> int:
        """The largest file that can be attached (services.files.MAX_FILE_BYTES)."""
        return files_module.MAX_FILE_BYTES

    def _attachment(self, attachment_id: int) -> tuple[str, str]:
        with self._context.read() as session:
            row = session.get(PortfolioAttachment, attachment_id)
            if row is None:
                raise NotFoundError(
                    "This file was removed from the dossier meanwhile; reload the dossier."
                )
            return row.sha256, row.name

    def _attach_to(
        self,
        session: Session,
        row: Owner,
        candidate_id: int,
        uploads: Sequence[Upload],
        what: str,
        entity: str,
    ) -> int:
        names = self._attach(session, row, uploads, ())
        if uploads and not names:
            raise ValidationError(
                "These files are attached already (the same content); nothing was added.",
                "files",
            )
        if not names:
            return row.row_version
        row.updated_at = utc_now()
        session.flush()
        changes: list[Change] = [(audit_field("attachment", what), None, n) for n in names]
        self._audit(session, entity, row.id, candidate_id, "update", changes)
        return row.row_version

    def _attach(
        self, session: Session, owner: Owner, uploads: Sequence[Upload], kept: Sequence[KeptFile]
    ) -> list[str]:
        """Store and attach files, skipping content the owner has already; returns the
        names attached."""
        is_item = isinstance(owner, PortfolioItem)
        column = PortfolioAttachment.item_id if is_item else PortfolioAttachment.observation_id
        present = set(session.scalars(select(PortfolioAttachment.sha256).where(column == owner.id)))
        files = [(self._files.store(session, u), u.name) for u in uploads]
        files += [(k.sha256, k.name) for k in kept if session.get(StoredFile, k.sha256)]
        names: list[str] = []
        now = utc_now()
        for sha, name in files:
            if sha in present:
                continue
            present.add(sha)
            session.add(
                PortfolioAttachment(
                    dossier_id=owner.dossier_id,
                    item_id=owner.id if is_item else None,
                    observation_id=None if is_item else owner.id,
                    sha256=sha,
                    name=name,
                    added_at=now,
                )
            )
            names.append(name)
        return names


def linked_codes(
    session: Session, column: object, owner_column: object, owner_id: int, codes: dict[int, str]
) -> list[str]:
    return [
        codes[i]
        for i in session.scalars(select(column).where(owner_column == owner_id))  # type: ignore[call-overload]
        if i in codes
    ]


def observation_label(row: PortfolioObservation) -> str:
    day = row.observed_on
    return f"{row.course} {day.day}-{day.month}-{day.year}"


def kept_files(session: Session, where: object) -> tuple[KeptFile, ...]:
    return tuple(
        KeptFile(sha, name)
        for sha, name in session.execute(
            select(PortfolioAttachment.sha256, PortfolioAttachment.name)
            .where(where)  # type: ignore[arg-type]
            .order_by(PortfolioAttachment.id)
        )
    )
