"""The Portfolio tab's edits of evidence items and class observations: each made through
the portfolio service, then pushed on the window's undo stack (commands.py). A new item's
files are read on the worker thread (the dialog saves there)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from utq_desktop.errors import StaleEditError, UtqError
from utq_desktop.services.portfolio_dto import (
    EvidenceInput,
    EvidenceItem,
    Observation,
    ObservationInput,
)

from ui.detail.portfolio.commands import Change, Handle, Presence
from ui.detail.portfolio.item_dialogs import EvidenceDialog, ObservationDialog
from ui.messages import confirm, show_error

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class Handles:
    """One Handle per record, found by its current id (which changes when undo puts a
    removed record back)."""

    def __init__(self) -> None:
        self._handles: dict[str, list[Handle]] = {}

    def get(self, kind: str, record_id: int, version: int) -> Handle:
        handles = self._handles.setdefault(kind, [])
        handle = next((h for h in handles if h.id == record_id), None)
        if handle is None:
            handle = Handle(record_id, version)
            handles.append(handle)
        handle.version = version  # the user edits what they see
        return handle

    def new(self, kind: str, record_id: int, version: int = 1) -> Handle:
        handle = Handle(record_id, version)
        self._handles.setdefault(kind, []).append(handle)
        return handle


class ItemEditor(QObject):
    def __init__(self, tab: PortfolioTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.handles = Handles()

    # --- shared -----------------------------------------------------------------------------

    @property
    def portfolio(self) -> Any:
        return self.tab.services.portfolio

    def push(self, command: Any) -> None:
        self.tab.context.undo_stack.push(command)
        self.tab.changed()

    def notify(self, candidate_id: int) -> None:
        if candidate_id:
            self.tab.candidate_changed.emit(candidate_id)

    def undo_failed(self, what: str, error: UtqError) -> None:
        show_error(self.tab, self.tr("Could not undo or redo: {what}").format(what=what), error)

    def failed(self, title: str, error: Exception) -> None:
        show_error(self.tab, title, error)
        if isinstance(error, StaleEditError):
            self.tab.changed()  # show what the colleague saved

    def _max_bytes(self) -> int:
        return int(self.portfolio.max_file_bytes)

    def _accepted(self, dialog: EvidenceDialog | ObservationDialog) -> bool:
        """Run the dialog; when it was refused as stale, reload what a colleague saved."""
        if dialog.exec() == dialog.DialogCode.Accepted:
            return True
        if dialog.stale:
            self.tab.changed()
        return False

    def _push_presence(
        self, text: str, candidate_id: int, handle: Handle, removed: Any, kind: str
    ) -> None:
        """Undo for adding (``removed`` None) or removing an item or observation."""
        portfolio = self.portfolio
        remove, restore = {
            "item": (portfolio.remove_item, portfolio.restore_item),
            "observation": (portfolio.remove_observation, portfolio.restore_observation),
        }[kind]
        self.push(
            Presence(
                text,
                candidate_id,
                handle,
                added=removed is None,
                removed=removed,
                remove=remove,
                restore=restore,
                notify=self.notify,
                report=self.undo_failed,
            )
        )

    def _push_added(self, kind: str, record_id: int, text: str, candidate_id: int) -> None:
        self.tab.select_next = (kind, record_id)
        self._push_presence(text, candidate_id, self.handles.new(kind, record_id), None, kind)

    def _push_change(
        self,
        text: str,
        candidate_id: int,
        handle: Handle,
        change: tuple[Any, Any],
        update: Any,
        saved: int,
    ) -> None:
        """Undo for an edit saved at version ``saved`` (nothing when nothing changed)."""
        if saved == handle.version:
            return
        handle.version = saved
        before, after = change
        self.push(
            Change(text, candidate_id, handle, before, after, update, self.notify, self.undo_failed)
        )

    # --- evidence items ---------------------------------------------------------------------

    def add_item(self, files: Sequence[Path] = ()) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio, candidate_id = self.portfolio, dossier.candidate_id
        dialog = EvidenceDialog(
            self.tab,
            self.tab.context.runner,
            self.tr("New evidence item"),
            dossier.competences,
            None,
            lambda value: portfolio.add_item(candidate_id, value[0], value[1]),
            today=dossier.today or date.today(),
            max_bytes=self._max_bytes(),
            files=files,
        )
        if not self._accepted(dialog):
            return
        data: EvidenceInput = dialog.saved_value[0]
        text = self.tr("Add '{title}' to the dossier").format(title=data.title)
        self._push_added("item", dialog.result_, text, candidate_id)

    def edit_item(self, item: EvidenceItem) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio = self.portfolio
        handle = self.handles.get("item", item.id, item.row_version)
        version = handle.version
        dialog = EvidenceDialog(
            self.tab,
            self.tab.context.runner,
            self.tr("Edit {title}").format(title=item.title),
            dossier.competences,
            item.data,
            lambda value: portfolio.update_item(item.id, value[0], version),
            today=dossier.today or date.today(),
        )
        if not self._accepted(dialog):
            return
        after: EvidenceInput = dialog.saved_value[0]
        self._push_change(
            self.tr("Edit '{title}'").format(title=after.title),
            dossier.candidate_id,
            handle,
            (item.data, after),
            lambda h, data: portfolio.update_item(h.id, data, h.version),
            dialog.result_,
        )

    def remove_item(self, item: EvidenceItem) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        extra = []
        if item.attachments:
            extra.append(self.tr("its files: %n", "", len(item.attachments)))
        feedback = sum(1 for f in dossier.feedback if f.item_id == item.id)
        if feedback:
            extra.append(self.tr("feedback on it: %n", "", feedback))
        question = self.tr("Remove '{title}' from {name}'s dossier?").format(
            title=item.title, name=dossier.candidate_name
        )
        if extra:
            question += "\n\n" + self.tr("With it go {what}.").format(what=", ".join(extra))
        question += "\n\n" + self.tr("Edit → Undo brings it back.")
        if not confirm(self.tab, self.tr("Remove evidence item"), question, self.tr("Remove")):
            return
        portfolio = self.portfolio
        handle = self.handles.get("item", item.id, item.row_version)
        try:
            removed = portfolio.remove_item(handle.id, handle.version)
        except UtqError as error:
            self.failed(self.tr("Could not remove the item"), error)
            return
        handle.id = 0
        text = self.tr("Remove '{title}' from the dossier").format(title=item.title)
        self._push_presence(text, dossier.candidate_id, handle, removed, "item")

    # --- class observations -----------------------------------------------------------------

    def add_observation(self, files: Sequence[Path] = ()) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio, candidate_id = self.portfolio, dossier.candidate_id
        dialog = ObservationDialog(
            self.tab,
            self.tab.context.runner,
            self.tr("New class observation"),
            dossier.competences,
            None,
            lambda value: portfolio.add_observation(candidate_id, value[0], value[1]),
            today=dossier.today or date.today(),
            max_bytes=self._max_bytes(),
            files=files,
        )
        if not self._accepted(dialog):
            return
        data: ObservationInput = dialog.saved_value[0]
        text = self.tr("Add the observation of {course}").format(course=data.course)
        self._push_added("observation", dialog.result_, text, candidate_id)

    def edit_observation(self, observation: Observation) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        portfolio = self.portfolio
        handle = self.handles.get("observation", observation.id, observation.row_version)
        version = handle.version
        dialog = ObservationDialog(
            self.tab,
            self.tab.context.runner,
            self.tr("Edit the observation of {course}").format(course=observation.data.course),
            dossier.competences,
            observation.data,
            lambda value: portfolio.update_observation(observation.id, value[0], version),
            today=dossier.today or date.today(),
        )
        if not self._accepted(dialog):
            return
        after: ObservationInput = dialog.saved_value[0]
        self._push_change(
            self.tr("Edit the observation of {course}").format(course=after.course),
            dossier.candidate_id,
            handle,
            (observation.data, after),
            lambda h, data: portfolio.update_observation(h.id, data, h.version),
            dialog.result_,
        )

    def remove_observation(self, observation: Observation) -> None:
        dossier = self.tab.dossier
        if dossier is None:
            return
        data = observation.data
        question = self.tr(
            "Remove the class observation of {course} by {observer}?\n\nEdit → Undo brings it back."
        ).format(course=data.course, observer=data.observer)
        if not confirm(self.tab, self.tr("Remove observation"), question, self.tr("Remove")):
            return
        portfolio = self.portfolio
        handle = self.handles.get("observation", observation.id, observation.row_version)
        try:
            removed = portfolio.remove_observation(handle.id, handle.version)
        except UtqError as error:
            self.failed(self.tr("Could not remove the observation"), error)
            return
        handle.id = 0
        text = self.tr("Remove the observation of {course}").format(course=data.course)
        self._push_presence(text, dossier.candidate_id, handle, removed, "observation")
