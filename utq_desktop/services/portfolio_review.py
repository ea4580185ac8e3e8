"""The supervisor's side of a dossier: the state of each criterion (the coverage matrix)
and feedback on items, competences or the whole dossier, resolved or not."""

from __future__ import annotations

from sqlalchemy import select

from utq_desktop.domain.portfolio import CriterionState, check_supervisor_state
from utq_desktop.domain.portfolio_models import (
    PortfolioCriterionState,
    PortfolioFeedback,
    PortfolioItem,
)
from utq_desktop.errors import ValidationError
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.portfolio_base import PortfolioBase, audit_field
from utq_desktop.services.portfolio_content import THE_DOSSIER
from utq_desktop.services.portfolio_dto import FeedbackInput, RemovedFeedback
from utq_desktop.services.portfolio_framework import FrameworkMap
from utq_desktop.services.portfolio_read import CRITERION_STATE, FEEDBACK
from utq_desktop.services.portfolio_validation import MAX_TEXT, clean_feedback, text


class PortfolioReview(PortfolioBase):
    # --- criterion states ----------------------------------------------------------------

    def set_criterion_state(
        self,
        candidate_id: int,
        criterion_code: str,
        state: CriterionState | None,
        expected_version: int,
        note: str = "",
    ) -> int:
        """Set the supervisor's state of one criterion (None: clear it, the matrix then
        follows the evidence); returns its new version (pass 0 when none was ever set)."""
        state = CriterionState(state) if state is not None else None
        check_supervisor_state(state)
        note = text(note, "note", "note", MAX_TEXT, required=False)
        with self._in_dossier(candidate_id) as (session, dossier, fmap):
            criterion = fmap.criteria.get(criterion_code.strip())
            if criterion is None:
                raise ValidationError(
                    f"'{criterion_code}' is not a criterion of "
                    f"{fmap.label or 'the candidate’s framework'}.",
                    "criterion_codes",
                )
            row = session.scalar(
                select(PortfolioCriterionState).where(
                    PortfolioCriterionState.dossier_id == dossier.id,
                    PortfolioCriterionState.criterion_id == criterion.id,
                )
            )
            current = row.row_version if row else 0
            if current != expected_version:
                raise self._stale(
                    CRITERION_STATE, row.id if row else 0, "criterion", candidate_id=candidate_id
                )
            old = (row.state, row.note) if row else (None, "")
            if old == (state, note):
                return current
            if row is None:
                row = PortfolioCriterionState(dossier_id=dossier.id, criterion_id=criterion.id)
                session.add(row)
            row.state, row.note = state, note
            row.set_by, row.set_on = self._actor_name(session), self._today()
            session.flush()
            changes: list[Change] = [
                (audit_field(name, criterion.code), before, after)
                for name, before, after in (("state", old[0], state), ("note", old[1], note))
                if before != after
            ]
            self._audit(session, CRITERION_STATE, row.id, candidate_id, "update", changes)
            return row.row_version

    # --- feedback ------------------------------------------------------------------------

    def add_feedback(self, candidate_id: int, data: FeedbackInput) -> int:
        """Record feedback (unresolved); returns its id."""
        return self.restore_feedback(candidate_id, RemovedFeedback(data))

    def restore_feedback(self, candidate_id: int, removed: RemovedFeedback) -> int:
        """Add feedback as ``removed`` describes it (undo of a removal); returns its id."""
        with self._in_dossier(candidate_id) as (session, dossier, fmap):
            data = clean_feedback(removed.data, fmap, self._today(), self._actor_name(session))
            if data.item_id is not None:
                item = session.get(PortfolioItem, data.item_id)
                if item is None or item.dossier_id != dossier.id:
                    raise ValidationError(
                        "The evidence item was removed meanwhile; reload the dossier.", "item_id"
                    )
            row = PortfolioFeedback(
                dossier_id=dossier.id,
                item_id=data.item_id,
                competence_id=fmap.competence_ids[data.competence_code]
                if data.competence_code
                else None,
                author=data.author,
                given_on=data.given_on,
                text=data.text,
                resolved=removed.resolved,
                resolved_on=removed.resolved_on,
                resolved_by=removed.resolved_by,
                created_at=utc_now(),
            )
            session.add(row)
            session.flush()
            about = _about(session, row, fmap)
            changes: list[Change] = [
                (audit_field("feedback", about), None, data.text),
                (audit_field("author", about), None, data.author),
            ]
            if removed.resolved:
                changes.append((audit_field("resolved", about), None, True))
            self._audit(session, FEEDBACK, row.id, candidate_id, "create", changes)
            return row.id

    def update_feedback(self, feedback_id: int, data: FeedbackInput, expected_version: int) -> int:
        """Correct the text, author or date of feedback (what it is on stays)."""
        with self._owned(
            PortfolioFeedback, feedback_id, expected_version, FEEDBACK, "feedback"
        ) as (
            session,
            row,
            dossier,
            fmap,
        ):
            target = FeedbackInput(
                data.text,
                row.item_id,
                fmap.competence_codes.get(row.competence_id) if row.competence_id else None,
                data.author,
                data.given_on or row.given_on,
            )
            data = clean_feedback(target, fmap, self._today(), self._actor_name(session))
            about = _about(session, row, fmap)
            changes: list[Change] = []
            for name, value in (
                ("text", data.text),
                ("author", data.author),
                ("given_on", data.given_on),
            ):
                if getattr(row, name) != value:
                    field = "feedback" if name == "text" else name
                    changes.append((audit_field(field, about), getattr(row, name), value))
                    setattr(row, name, value)
            if not changes:
                return row.row_version
            session.flush()
            self._audit(session, FEEDBACK, row.id, dossier.candidate_id, "update", changes)
            return row.row_version

    def set_feedback_resolved(self, feedback_id: int, resolved: bool, expected_version: int) -> int:
        """Mark feedback resolved (today, by the current user) or open again."""
        with self._owned(
            PortfolioFeedback, feedback_id, expected_version, FEEDBACK, "feedback"
        ) as (
            session,
            row,
            dossier,
            fmap,
        ):
            if row.resolved == resolved:
                return row.row_version
            row.resolved = resolved
            row.resolved_on = self._today() if resolved else None
            row.resolved_by = self._actor_name(session) if resolved else ""
            session.flush()
            about = _about(session, row, fmap)
            self._audit(
                session,
                FEEDBACK,
                row.id,
                dossier.candidate_id,
                "update",
                [(audit_field("resolved", about), not resolved, resolved)],
            )
            return row.row_version

    def remove_feedback(self, feedback_id: int, expected_version: int) -> RemovedFeedback:
        with self._owned(
            PortfolioFeedback, feedback_id, expected_version, FEEDBACK, "feedback"
        ) as (
            session,
            row,
            dossier,
            fmap,
        ):
            removed = RemovedFeedback(
                FeedbackInput(
                    row.text,
                    row.item_id,
                    fmap.competence_codes.get(row.competence_id) if row.competence_id else None,
                    row.author,
                    row.given_on,
                ),
                row.resolved,
                row.resolved_on,
                row.resolved_by,
            )
            about = _about(session, row, fmap)
            session.delete(row)
            session.flush()
            self._audit(
                session,
                FEEDBACK,
                feedback_id,
                dossier.candidate_id,
                "delete",
                [(audit_field("feedback", about), removed.data.text, None)],
            )
            return removed


def _about(session: object, row: PortfolioFeedback, fmap: FrameworkMap) -> str:
    """What feedback is on, for the audit trail: the item's title or the competence's code."""
    if row.item_id is not None:
        item = session.get(PortfolioItem, row.item_id)  # type: ignore[attr-defined]
        return item.title if item else THE_DOSSIER
    if row.competence_id is not None:
        return fmap.competence_codes.get(row.competence_id, THE_DOSSIER)
    return THE_DOSSIER
