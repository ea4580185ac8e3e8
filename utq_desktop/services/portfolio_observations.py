"""Class observations: date, observer, course and the observation criteria, with the
report as an attachment; add, edit, remove (undo puts them back) and attach files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from utq_desktop.domain.portfolio_models import (
    PortfolioAttachment,
    PortfolioItem,
    PortfolioObservation,
    observation_criterion,
)
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.files import Upload
from utq_desktop.services.portfolio_attachments import (
    PortfolioAttachments,
    kept_files,
    linked_codes,
)
from utq_desktop.services.portfolio_base import audit_field
from utq_desktop.services.portfolio_dto import (
    KeptFile,
    ObservationInput,
    RemovedObservation,
)
from utq_desktop.services.portfolio_framework import FrameworkMap
from utq_desktop.services.portfolio_read import OBSERVATION
from utq_desktop.services.portfolio_validation import (
    clean_observation,
    read_files,
)

Owner = PortfolioItem | PortfolioObservation


class PortfolioObservations(PortfolioAttachments):
    # --- class observations --------------------------------------------------------------

    def add_observation(
        self, candidate_id: int, data: ObservationInput, files: Sequence[Path] = ()
    ) -> int:
        """Record a class observation (its report among ``files``); returns its id."""
        return self._add_observation(candidate_id, data, read_files(self._files, files), ())

    def restore_observation(self, candidate_id: int, removed: RemovedObservation) -> int:
        return self._add_observation(candidate_id, removed.data, (), removed.files)

    def _add_observation(
        self,
        candidate_id: int,
        data: ObservationInput,
        uploads: Sequence[Upload],
        kept: Sequence[KeptFile],
    ) -> int:
        with self._in_dossier(candidate_id) as (session, dossier, fmap):
            data = clean_observation(data, fmap, self._today())
            now = utc_now()
            row = PortfolioObservation(
                dossier_id=dossier.id,
                observed_on=data.observed_on,
                observer=data.observer,
                course=data.course,
                notes=data.notes,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            _link_observation(session, row.id, data, fmap)
            what = _observation_label(data)
            changes: list[Change] = [("observation", None, what)]
            changes += [
                (audit_field(name, what), None, value)
                for name, value in _observation_values(data).items()
                if value
            ]
            names = self._attach(session, row, uploads, kept)
            changes += [(audit_field("attachment", what), None, n) for n in names]
            self._audit(session, OBSERVATION, row.id, dossier.candidate_id, "create", changes)
            return row.id

    def update_observation(
        self, observation_id: int, data: ObservationInput, expected_version: int
    ) -> int:
        with self._owned(
            PortfolioObservation, observation_id, expected_version, OBSERVATION, "observation"
        ) as (session, row, dossier, fmap):
            data = clean_observation(data, fmap, self._today())
            old_data = _observation_input(session, row, fmap)
            old, new = _observation_values(old_data), _observation_values(data)
            what = _observation_label(old_data)
            changes: list[Change] = [
                (audit_field(name, what), old[name], new[name])
                for name in new
                if old[name] != new[name]
            ]
            if not changes:
                return row.row_version
            row.observed_on, row.observer = data.observed_on, data.observer
            row.course, row.notes = data.course, data.notes
            row.updated_at = utc_now()
            if old["criteria"] != new["criteria"]:
                session.execute(
                    delete(observation_criterion).where(
                        observation_criterion.c.observation_id == row.id
                    )
                )
                _link_observation(session, row.id, data, fmap)
            session.flush()
            self._audit(session, OBSERVATION, row.id, dossier.candidate_id, "update", changes)
            return row.row_version

    def remove_observation(self, observation_id: int, expected_version: int) -> RemovedObservation:
        with self._owned(
            PortfolioObservation, observation_id, expected_version, OBSERVATION, "observation"
        ) as (session, row, dossier, fmap):
            data = _observation_input(session, row, fmap)
            files = kept_files(session, PortfolioAttachment.observation_id == row.id)
            session.execute(
                delete(PortfolioAttachment).where(PortfolioAttachment.observation_id == row.id)
            )
            session.execute(
                delete(observation_criterion).where(
                    observation_criterion.c.observation_id == row.id
                )
            )
            session.delete(row)
            session.flush()
            what = _observation_label(data)
            changes: list[Change] = [("observation", what, None)]
            changes += [(audit_field("attachment", what), f.name, None) for f in files]
            self._audit(
                session, OBSERVATION, observation_id, dossier.candidate_id, "delete", changes
            )
            return RemovedObservation(data, files)

    def add_observation_attachments(
        self, observation_id: int, files: Sequence[Path], expected_version: int
    ) -> int:
        uploads = read_files(self._files, files)
        with self._owned(
            PortfolioObservation, observation_id, expected_version, OBSERVATION, "observation"
        ) as (session, row, dossier, fmap):
            what = _observation_label(_observation_input(session, row, fmap))
            return self._attach_to(session, row, dossier.candidate_id, uploads, what, OBSERVATION)


def _observation_values(data: ObservationInput) -> dict[str, object]:
    return {
        "observed_on": data.observed_on,
        "observer": data.observer,
        "course": data.course,
        "notes": data.notes,
        "criteria": ", ".join(data.criterion_codes),
    }


def _observation_label(data: ObservationInput) -> str:
    day = data.observed_on
    return f"{data.course} {day.day}-{day.month}-{day.year}" if day else data.course


def _observation_input(
    session: Session, row: PortfolioObservation, fmap: FrameworkMap
) -> ObservationInput:
    criteria = set(
        linked_codes(
            session,
            observation_criterion.c.criterion_id,
            observation_criterion.c.observation_id,
            row.id,
            fmap.criterion_codes,
        )
    )
    return ObservationInput(
        row.observed_on,
        row.observer,
        row.course,
        fmap.order(criteria),
        row.notes,
    )


def _link_observation(
    session: Session, observation_id: int, data: ObservationInput, fmap: FrameworkMap
) -> None:
    if data.criterion_codes:
        session.execute(
            observation_criterion.insert(),
            [
                {"observation_id": observation_id, "criterion_id": fmap.criteria[c].id}
                for c in data.criterion_codes
            ],
        )
