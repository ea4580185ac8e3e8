"""Undoable edits of a learning route, on the window's QUndoStack (Edit → Undo).

As in ui/undo.py, each command has already been done when it is pushed; undo and redo
go through the route service with the version the command last saw, so a change someone
else made meanwhile is refused (StaleEditError) and reported, never overwritten.

An activity removed and put back gets a new id: the commands about one activity share a
``Handle`` that follows its current id and version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from utq_desktop.domain.route import StatusDates
from utq_desktop.services.route_dto import (
    ActivityInput,
    ActivitySnapshot,
    Recognition,
    RouteAgreement,
)

from ui.undo import CandidateCommand, Notify, ReportError

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("RouteUndo", text)


@dataclass
class Handle:
    """Where an activity (or a route, by candidate) is now: its id and row version."""

    id: int
    version: int


class RouteCommand(CandidateCommand):
    def __init__(
        self, services: Services, text: str, candidate_id: int, notify: Notify, report: ReportError
    ) -> None:
        super().__init__(text, candidate_id, notify, report)
        self.services = services


class AddActivity(RouteCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        data: ActivityInput,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Add '{title}' to the route").format(title=data.title)
        super().__init__(services, text, candidate_id, notify, report)
        self.handle = handle
        self.snapshot = ActivitySnapshot(data, StatusDates())

    def apply(self) -> None:
        self.handle.id = self.services.route.restore_activity(self.candidate_id, self.snapshot)
        self.handle.version = 1

    def revert(self) -> None:
        self.snapshot = self.services.route.remove_activity(self.handle.id, self.handle.version)
        self.handle.id = 0  # gone: its id may be given to another activity


class RemoveActivity(RouteCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        snapshot: ActivitySnapshot,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Remove '{title}' from the route").format(title=snapshot.data.title)
        super().__init__(services, text, candidate_id, notify, report)
        self.handle = handle
        self.snapshot = snapshot

    def apply(self) -> None:
        self.snapshot = self.services.route.remove_activity(self.handle.id, self.handle.version)
        self.handle.id = 0  # gone: its id may be given to another activity

    def revert(self) -> None:
        self.handle.id = self.services.route.restore_activity(self.candidate_id, self.snapshot)
        self.handle.version = 1


class EditActivity(RouteCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        before: ActivityInput,
        after: ActivityInput,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Edit '{title}'").format(title=after.title)
        super().__init__(services, text, candidate_id, notify, report)
        self.handle = handle
        self.before, self.after = before, after

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)

    def _set(self, data: ActivityInput) -> None:
        self.handle.version = self.services.route.update_activity(
            self.handle.id, data, self.handle.version
        )


class ChangeStatus(RouteCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        title: str,
        before: StatusDates,
        after: StatusDates,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Status of '{title}'").format(title=title)
        super().__init__(services, text, candidate_id, notify, report)
        self.handle = handle
        self.before, self.after = before, after

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)

    def _set(self, dates: StatusDates) -> None:
        self.handle.version = self.services.route.restore_status(
            self.handle.id, dates, self.handle.version
        )


class SetAgreement(RouteCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        before: RouteAgreement,
        after: RouteAgreement,
        notify: Notify,
        report: ReportError,
    ) -> None:
        super().__init__(services, _tr("Route agreement"), candidate_id, notify, report)
        self.handle = handle
        self.before, self.after = before, after

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)

    def _set(self, agreement: RouteAgreement) -> None:
        self.handle.version = self.services.route.set_agreement(
            self.candidate_id, agreement, self.handle.version
        )


class SetRecognition(RouteCommand):
    """Recognise a competence, change the recognition or withdraw it (``None``)."""

    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        competence_id: int,
        code: str,
        before: Recognition | None,
        after: Recognition | None,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = (
            _tr("Recognise {code}") if after is not None else _tr("Withdraw recognition of {code}")
        )
        super().__init__(services, text.format(code=code), candidate_id, notify, report)
        self.handle = handle
        self.competence_id = competence_id
        self.before, self.after = before, after

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)

    def _set(self, recognition: Recognition | None) -> None:
        route = self.services.route
        if recognition is None:
            self.handle.version = route.withdraw_recognition(
                self.candidate_id, self.competence_id, self.handle.version
            )
        else:
            self.handle.version = route.recognise(
                self.candidate_id,
                self.competence_id,
                recognition.reason,
                recognition.on,
                self.handle.version,
            )
