"""Evidence items: add (with files), edit (its competence and criterion links too), remove
(with what undo needs to put it back, its feedback included) and attach more files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from utq_desktop.domain.portfolio_models import (
    PortfolioAttachment,
    PortfolioFeedback,
    PortfolioItem,
    PortfolioObservation,
    item_competence,
    item_criterion,
)
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.files import Upload
from utq_desktop.services.portfolio_attachments import (
    PortfolioAttachments,
    kept_files,
    linked_codes,
)
from utq_desktop.services.portfolio_base import audit_field
from utq_desktop.services.portfolio_content import feedback_of
from utq_desktop.services.portfolio_dto import (
    EvidenceInput,
    Feedback,
    KeptFile,
    RemovedItem,
)
from utq_desktop.services.portfolio_framework import FrameworkMap
from utq_desktop.services.portfolio_read import ITEM
from utq_desktop.services.portfolio_validation import (
    clean_item,
    read_files,
)

Owner = PortfolioItem | PortfolioObservation


class PortfolioItems(PortfolioAttachments):
    # --- evidence items ------------------------------------------------------------------

    def add_item(self, candidate_id: int, data: EvidenceInput, files: Sequence[Path] = ()) -> int:
        """Add an evidence item with ``files`` attached; returns its id."""
        return self._add_item(candidate_id, data, read_files(self._files, files), ())

    def restore_item(self, candidate_id: int, removed: RemovedItem) -> int:
        """Put a removed item back with its files and feedback (undo); returns its new id."""
        return self._add_item(candidate_id, removed.data, (), removed.files, removed.feedback)

    def _add_item(
        self,
        candidate_id: int,
        data: EvidenceInput,
        uploads: Sequence[Upload],
        kept: Sequence[KeptFile],
        feedback: Sequence[Feedback] = (),
    ) -> int:
        with self._in_dossier(candidate_id) as (session, dossier, fmap):
            data = clean_item(data, fmap, self._today())
            now = utc_now()
            row = PortfolioItem(
                dossier_id=dossier.id,
                kind=data.kind,
                title=data.title,
                made_on=data.made_on,
                description=data.description,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            _link_item(session, row.id, data, fmap)
            changes: list[Change] = [("item", None, data.title)]
            changes += [
                (audit_field(name, data.title), None, value)
                for name, value in _item_values(data).items()
                if name != "title" and value
            ]
            names = self._attach(session, row, uploads, kept)
            changes += [(audit_field("attachment", data.title), None, n) for n in names]
            for f in feedback:
                session.add(
                    PortfolioFeedback(
                        dossier_id=dossier.id,
                        item_id=row.id,
                        author=f.author,
                        given_on=f.given_on,
                        text=f.text,
                        resolved=f.resolved,
                        resolved_on=f.resolved_on,
                        resolved_by=f.resolved_by,
                        created_at=now,
                    )
                )
            self._audit(session, ITEM, row.id, dossier.candidate_id, "create", changes)
            return row.id

    def update_item(self, item_id: int, data: EvidenceInput, expected_version: int) -> int:
        """Save an item edited at ``expected_version``; returns its new version."""
        with self._owned(PortfolioItem, item_id, expected_version, ITEM, "evidence item") as (
            session,
            row,
            dossier,
            fmap,
        ):
            data = clean_item(data, fmap, self._today())
            old = _item_values(_item_input(session, row, fmap))
            new = _item_values(data)
            changes: list[Change] = [
                (audit_field(name, row.title), old[name], new[name])
                for name in new
                if old[name] != new[name]
            ]
            if not changes:
                return row.row_version
            row.kind, row.title, row.made_on = data.kind, data.title, data.made_on
            row.description = data.description
            row.updated_at = utc_now()  # new links alone must move the version on too
            if old["criteria"] != new["criteria"] or old["competences"] != new["competences"]:
                _unlink_item(session, row.id)
                _link_item(session, row.id, data, fmap)
            session.flush()
            self._audit(session, ITEM, row.id, dossier.candidate_id, "update", changes)
            return row.row_version

    def remove_item(self, item_id: int, expected_version: int) -> RemovedItem:
        """Remove an item, its attachments' links and its feedback; returns what it was
        (restore_item puts it back). The stored files stay: snapshots may use them."""
        with self._owned(PortfolioItem, item_id, expected_version, ITEM, "evidence item") as (
            session,
            row,
            dossier,
            fmap,
        ):
            data = _item_input(session, row, fmap)
            feedback = tuple(
                f for f in feedback_of(session, dossier.id, fmap) if f.item_id == row.id
            )
            files = kept_files(session, PortfolioAttachment.item_id == row.id)
            session.execute(delete(PortfolioFeedback).where(PortfolioFeedback.item_id == row.id))
            session.execute(
                delete(PortfolioAttachment).where(PortfolioAttachment.item_id == row.id)
            )
            _unlink_item(session, row.id)
            session.delete(row)
            session.flush()
            changes: list[Change] = [("item", data.title, None)]
            changes += [(audit_field("attachment", data.title), f.name, None) for f in files]
            if feedback:
                changes.append((audit_field("feedback", data.title), len(feedback), None))
            self._audit(session, ITEM, item_id, dossier.candidate_id, "delete", changes)
            return RemovedItem(data, files, feedback)

    def add_attachments(self, item_id: int, files: Sequence[Path], expected_version: int) -> int:
        """Attach files to an item; returns the item's new version."""
        uploads = read_files(self._files, files)
        with self._owned(PortfolioItem, item_id, expected_version, ITEM, "evidence item") as (
            session,
            row,
            dossier,
            _fmap,
        ):
            return self._attach_to(session, row, dossier.candidate_id, uploads, row.title, ITEM)


# --- helpers -------------------------------------------------------------------------------


def _item_values(data: EvidenceInput) -> dict[str, object]:
    """An item's audited values (links as readable code lists)."""
    return {
        "kind": data.kind,
        "title": data.title,
        "made_on": data.made_on,
        "description": data.description,
        "competences": ", ".join(data.competence_codes),
        "criteria": ", ".join(data.criterion_codes),
    }


def _item_input(session: Session, row: PortfolioItem, fmap: FrameworkMap) -> EvidenceInput:
    criteria = set(
        linked_codes(
            session,
            item_criterion.c.criterion_id,
            item_criterion.c.item_id,
            row.id,
            fmap.criterion_codes,
        )
    )
    competences = set(
        linked_codes(
            session,
            item_competence.c.competence_id,
            item_competence.c.item_id,
            row.id,
            fmap.competence_codes,
        )
    )
    return EvidenceInput(
        row.kind,
        row.title,
        row.made_on,
        row.description,
        fmap.order(competences),
        fmap.order(criteria),
    )


def _link_item(session: Session, item_id: int, data: EvidenceInput, fmap: FrameworkMap) -> None:
    if data.criterion_codes:
        session.execute(
            item_criterion.insert(),
            [
                {"item_id": item_id, "criterion_id": fmap.criteria[c].id}
                for c in data.criterion_codes
            ],
        )
    if data.competence_codes:
        session.execute(
            item_competence.insert(),
            [
                {"item_id": item_id, "competence_id": fmap.competence_ids[c]}
                for c in data.competence_codes
            ],
        )


def _unlink_item(session: Session, item_id: int) -> None:
    session.execute(delete(item_criterion).where(item_criterion.c.item_id == item_id))
    session.execute(delete(item_competence).where(item_competence.c.item_id == item_id))
