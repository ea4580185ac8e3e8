"""The Portfolio tab's judgements: the supervisor's criterion states, feedback, marking the
dossier ready and the coordinator's submission. All undoable except the submission, which
takes an immutable snapshot (so it is confirmed first instead)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from utq_desktop.domain.portfolio import CriterionState
from utq_desktop.errors import UtqError
from utq_desktop.services.portfolio_dto import (
    CriterionCoverage,
    Feedback,
    FeedbackInput,
    SnapshotInfo,
)

from ui.detail.portfolio.commands import Change, Presence
from ui.detail.portfolio.dossier_dialogs import (
    CriterionStateDialog,
    FeedbackDialog,
    SubmitDialog,
    Target,
    feedback_targets,
)
from ui.detail.portfolio.texts import state_text
from ui.formatting import format_date
from ui.messages import confirm

if TYPE_CHECKING:
    from ui.detail.portfolio.editing import ItemEditor
    from ui.detail.portfolio.tab import PortfolioTab

StateValue = tuple[CriterionState | None, str]  # (the supervisor's state, the note)


class ReviewEditor(QObject):
    def __init__(self, tab: PortfolioTab, items: ItemEditor) -> None:
        super().__init__(tab)
        self.tab = tab
        self.items = items  # shares its handles, undo plumbing and error reporting

    @property
    def portfolio(self) -> Any:
        return self.tab.services.portfolio

    def _today(self) -> date:
        dossier = self.tab.dossier
        return (dossier.today if dossier else None) or date.today()

    # --- criterion states -------------------------------------------------------------------

    def set_state(self, criterion: CriterionCoverage, state: CriterionState | None) -> None:
        """Set the supervisor's state directly (menu, keyboard), keeping the note."""
        if criterion.set_state == state:
            return
        dossier = self.tab.dossier
        if dossier is None:
            return
        handle = self.items.handles.get(
            "criterion:" + criterion.code, dossier.candidate_id, criterion.row_version
        )
        try:
            handle.version = self.portfolio.set_criterion_state(
                dossier.candidate_id, criterion.code, state, handle.version, criterion.note
            )
        except UtqError as error:
            self.items.failed(self.tr("Could not set the state"), error)
            return
        self._push_state(criterion, (state, criterion.note), handle)

    def edit_state(self, criterion: CriterionCoverage) -> None:
        """The state with a note, in a dialog."""
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio, candidate_id = self.portfolio, dossier.candidate_id
        handle = self.items.handles.get(
            "criterion:" + criterion.code, candidate_id, criterion.row_version
        )
        version = handle.version
        dialog = CriterionStateDialog(
            self.tab,
            self.tab.context.runner,
            criterion,
            lambda value: portfolio.set_criterion_state(
                candidate_id, criterion.code, value[0], version, value[1]
            ),
        )
        if dialog.exec() != CriterionStateDialog.DialogCode.Accepted:
            if dialog.stale:
                self.tab.changed()
            return
        if dialog.result_ == version:
            return
        handle.version = dialog.result_
        self._push_state(criterion, dialog.saved_value, handle)

    def _push_state(self, criterion: CriterionCoverage, after: StateValue, handle: Any) -> None:
        dossier = self.tab.dossier
        assert dossier is not None
        portfolio, candidate_id, code = self.portfolio, dossier.candidate_id, criterion.code
        state = after[0]
        text = self.tr("{code}: {state}").format(
            code=code,
            state=state_text(state) if state else self.tr("automatic state"),
        )
        self.items.push(
            Change(
                text,
                candidate_id,
                handle,
                (criterion.set_state, criterion.note),
                after,
                lambda h, value: portfolio.set_criterion_state(
                    candidate_id, code, value[0], h.version, value[1]
                ),
                self.items.notify,
                self.items.undo_failed,
            )
        )

    # --- feedback ---------------------------------------------------------------------------

    def add_feedback(self, target: Target) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio, candidate_id = self.portfolio, dossier.candidate_id
        dialog = FeedbackDialog(
            self.tab,
            self.tab.context.runner,
            self.tr("New feedback"),
            feedback_targets(dossier),
            target,
            None,
            self.tab.services.actor,
            self._today(),
            lambda data: portfolio.add_feedback(candidate_id, data),
        )
        if dialog.exec() != FeedbackDialog.DialogCode.Accepted:
            return
        handle = self.items.handles.new("feedback", dialog.result_)
        self.items.push(
            Presence(
                self.tr("Add feedback"),
                candidate_id,
                handle,
                added=True,
                removed=None,
                remove=portfolio.remove_feedback,
                restore=portfolio.restore_feedback,
                notify=self.items.notify,
                report=self.items.undo_failed,
            )
        )

    def edit_feedback(self, feedback: Feedback) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio = self.portfolio
        handle = self.items.handles.get("feedback", feedback.id, feedback.row_version)
        version = handle.version
        dialog = FeedbackDialog(
            self.tab,
            self.tab.context.runner,
            self.tr("Edit feedback"),
            feedback_targets(dossier),
            (feedback.item_id, feedback.competence_code),
            feedback,
            feedback.author,
            self._today(),
            lambda data: portfolio.update_feedback(feedback.id, data, version),
            fixed=True,
        )
        if dialog.exec() != FeedbackDialog.DialogCode.Accepted:
            if dialog.stale:
                self.tab.changed()
            return
        if dialog.result_ == version:
            return
        handle.version = dialog.result_
        before = FeedbackInput(
            text=feedback.text,
            item_id=feedback.item_id,
            competence_code=feedback.competence_code,
            author=feedback.author,
            given_on=feedback.given_on,
        )
        self.items.push(
            Change(
                self.tr("Edit feedback"),
                dossier.candidate_id,
                handle,
                before,
                dialog.saved_value,
                lambda h, data: portfolio.update_feedback(h.id, data, h.version),
                self.items.notify,
                self.items.undo_failed,
            )
        )

    def set_resolved(self, feedback: Feedback, resolved: bool) -> None:
        dossier = self.tab.dossier
        if dossier is None or feedback.resolved == resolved:
            return
        portfolio = self.portfolio
        handle = self.items.handles.get("feedback", feedback.id, feedback.row_version)
        try:
            handle.version = portfolio.set_feedback_resolved(handle.id, resolved, handle.version)
        except UtqError as error:
            self.items.failed(self.tr("Could not change the feedback"), error)
            return
        self.items.push(
            Change(
                self.tr("Resolve feedback") if resolved else self.tr("Reopen feedback"),
                dossier.candidate_id,
                handle,
                not resolved,
                resolved,
                lambda h, value: portfolio.set_feedback_resolved(h.id, value, h.version),
                self.items.notify,
                self.items.undo_failed,
            )
        )

    def remove_feedback(self, feedback: Feedback) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        question = self.tr(
            "Remove {author}'s feedback of {date} on {about}?\n\nEdit → Undo brings it back."
        ).format(author=feedback.author, date=format_date(feedback.given_on), about=feedback.about)
        if not confirm(self.tab, self.tr("Remove feedback"), question, self.tr("Remove")):
            return
        portfolio = self.portfolio
        handle = self.items.handles.get("feedback", feedback.id, feedback.row_version)
        try:
            removed = portfolio.remove_feedback(handle.id, handle.version)
        except UtqError as error:
            self.items.failed(self.tr("Could not remove the feedback"), error)
            return
        handle.id = 0
        self.items.push(
            Presence(
                self.tr("Remove feedback"),
                dossier.candidate_id,
                handle,
                added=False,
                removed=removed,
                remove=portfolio.remove_feedback,
                restore=portfolio.restore_feedback,
                notify=self.items.notify,
                report=self.items.undo_failed,
            )
        )

    # --- readiness and submission -----------------------------------------------------------

    def set_ready(self, ready: bool) -> None:
        """The supervisor marks the dossier ready (or takes it back); undoable."""
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio, candidate_id = self.portfolio, dossier.candidate_id
        handle = self.items.handles.get("dossier", candidate_id, dossier.row_version)

        def setter(h: Any, value: bool) -> int:
            if value:
                return int(portfolio.mark_ready(candidate_id, h.version))
            return int(portfolio.unmark_ready(candidate_id, h.version))

        try:
            handle.version = setter(handle, ready)
        except UtqError as error:
            self.items.failed(self.tr("Could not change the dossier"), error)
            return
        self.items.push(
            Change(
                self.tr("Mark the dossier ready") if ready else self.tr("Unmark ready"),
                candidate_id,
                handle,
                not ready,
                ready,
                setter,
                self.items.notify,
                self.items.undo_failed,
            )
        )

    def submit(self) -> SnapshotInfo | None:
        dossier = self.tab.dossier
        if dossier is None:
            return None
        portfolio, candidate_id, version = self.portfolio, dossier.candidate_id, dossier.row_version
        dialog = SubmitDialog(
            self.tab,
            self.tab.context.runner,
            dossier,
            lambda reason: portfolio.submit(candidate_id, version, reason),
        )
        if dialog.exec() != SubmitDialog.DialogCode.Accepted:
            if dialog.stale:
                self.tab.changed()
            return None
        snapshot: SnapshotInfo = dialog.result_
        self.tab.show_notice(
            self.tr("Submitted: snapshot {number} is with the assessment.").format(
                number=snapshot.number
            )
        )
        self.tab.changed()
        return snapshot
