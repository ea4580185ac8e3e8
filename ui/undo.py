"""Undoable candidate changes. Each command has already been done when it is pushed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from utq_desktop.errors import UtqError
from utq_desktop.services.dto import CandidateInput

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services

Notify = Callable[[int], None]
ReportError = Callable[[str, UtqError], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Undo", text)


class CandidateCommand(QUndoCommand):
    """A change to one candidate, already made when pushed; undo/redo report failures."""

    def __init__(self, text: str, candidate_id: int, notify: Notify, report: ReportError) -> None:
        super().__init__(text)
        self.candidate_id = candidate_id
        self._notify = notify
        self._report = report
        self._done = True  # pushed after the change was made

    def redo(self) -> None:
        if self._done:
            return
        self._run(self.apply)
        self._done = True

    def undo(self) -> None:
        self._run(self.revert)
        self._done = False

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except UtqError as error:
            self.setObsolete(True)
            self._report(self.text(), error)
        self._notify(self.candidate_id)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class EditCandidate(CandidateCommand):
    """Undo puts the earlier values back, unless someone else changed the candidate since."""

    def __init__(
        self,
        services: Services,
        candidate_id: int,
        before: CandidateInput,
        after: CandidateInput,
        version: int,
        name: str,
        notify: Notify,
        report: ReportError,
    ) -> None:
        super().__init__(_tr("Edit {name}").format(name=name), candidate_id, notify, report)
        self._services = services
        self._before, self._after, self._version = before, after, version

    def apply(self) -> None:
        self._version = self._services.candidates.update(
            self.candidate_id, self._after, self._version
        )

    def revert(self) -> None:
        self._version = self._services.candidates.update(
            self.candidate_id, self._before, self._version
        )


class ArchiveCandidate(CandidateCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        archive: bool,
        name: str,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Archive {name}") if archive else _tr("Restore {name}")
        super().__init__(text.format(name=name), candidate_id, notify, report)
        self._services = services
        self._archive = archive

    def apply(self) -> None:
        self._set(self._archive)

    def revert(self) -> None:
        self._set(not self._archive)

    def _set(self, archived: bool) -> None:
        if archived:
            self._services.candidates.archive(self.candidate_id)
        else:
            self._services.candidates.restore(self.candidate_id)
