"""Undoable portfolio edits on the window's QUndoStack (Edit → Undo), as in the route tab.

Each command has been done when it is pushed; undo and redo go through the portfolio
service with the version the command last saw, so a colleague's change in between is
refused (StaleEditError) and reported, never overwritten. Two shapes cover every edit:

- ``Presence``: a record (evidence item, observation, feedback) added or removed. Removing
  returns what is needed to put it back; putting it back gives it a new id, which the
  shared ``Handle`` follows so later commands about the same record keep working.
- ``Change``: a value set from ``before`` to ``after`` (an item's fields, a criterion's
  state, a comment resolved, the dossier marked ready).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ui.undo import CandidateCommand, Notify, ReportError


@dataclass
class Handle:
    """Where a record is now: its id (0 while removed) and row version."""

    id: int
    version: int


Remove = Callable[[int, int], Any]  # (id, version) -> what restores it
Restore = Callable[[int, Any], int]  # (candidate id, removed) -> new id
Setter = Callable[[Handle, Any], int]  # set a value at the handle's version -> new version


class Presence(CandidateCommand):
    def __init__(
        self,
        text: str,
        candidate_id: int,
        handle: Handle,
        *,
        added: bool,
        removed: Any,
        remove: Remove,
        restore: Restore,
        notify: Notify,
        report: ReportError,
    ) -> None:
        super().__init__(text, candidate_id, notify, report)
        self.handle = handle
        self.added = added  # True: the command added the record; False: removed it
        self.removed = removed  # what puts it back (known once it was removed)
        self._remove, self._restore = remove, restore

    def apply(self) -> None:
        self._set(self.added)

    def revert(self) -> None:
        self._set(not self.added)

    def _set(self, present: bool) -> None:
        if present:
            self.handle.id = self._restore(self.candidate_id, self.removed)
            self.handle.version = 1
        else:
            self.removed = self._remove(self.handle.id, self.handle.version)
            self.handle.id = 0  # gone: its id may be given to another record


class Change(CandidateCommand):
    def __init__(
        self,
        text: str,
        candidate_id: int,
        handle: Handle,
        before: Any,
        after: Any,
        setter: Setter,
        notify: Notify,
        report: ReportError,
    ) -> None:
        super().__init__(text, candidate_id, notify, report)
        self.handle = handle
        self.before, self.after = before, after
        self._setter = setter

    def apply(self) -> None:
        self.handle.version = self._setter(self.handle, self.after)

    def revert(self) -> None:
        self.handle.version = self._setter(self.handle, self.before)
