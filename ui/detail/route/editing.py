"""The route tab's edits: each one made through the route service, then pushed on the
window's undo stack as a command that can take it back (ui/detail/route/commands.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from utq_desktop.domain.route import ActivityStatus, StatusDates, moved
from utq_desktop.errors import UtqError
from utq_desktop.services.route_dto import (
    Activity,
    ActivityInput,
    CompetenceChoice,
    Recognition,
    RouteAgreement,
    RouteDetail,
)

from ui.detail.route.commands import (
    AddActivity,
    ChangeStatus,
    EditActivity,
    Handle,
    RemoveActivity,
    SetAgreement,
    SetRecognition,
)
from ui.detail.route.dialogs import (
    ActivityDialog,
    AgreementDialog,
    RecognitionDialog,
    StatusDialog,
)
from ui.detail.route.texts import activity_status_text
from ui.messages import confirm, show_error

if TYPE_CHECKING:
    from ui.detail.route.tab import RouteTab


class RouteEditor(QObject):
    """Edits of the route shown in ``tab``; the commands share a Handle per activity."""

    def __init__(self, tab: RouteTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._activity_handles: list[Handle] = []
        self._route_handles: dict[int, Handle] = {}

    def _choices(self) -> tuple[CompetenceChoice, ...]:
        route = self.tab.route
        return (
            tuple(CompetenceChoice(c.id, c.code, c.name) for c in route.competences)
            if route
            else ()
        )

    def _activity_handle(self, activity: Activity) -> Handle:
        handle = next((h for h in self._activity_handles if h.id == activity.id), None)
        if handle is None:
            handle = Handle(activity.id, activity.row_version)
            self._activity_handles.append(handle)
        handle.version = activity.row_version  # the user edits what they see
        return handle

    def _route_handle(self, route: RouteDetail) -> Handle:
        handle = self._route_handles.setdefault(route.candidate_id, Handle(0, 0))
        handle.version = route.row_version
        return handle

    def _push(self, command: object) -> None:
        self.tab.context.undo_stack.push(command)  # type: ignore[arg-type]
        self._changed(self.tab.route.candidate_id if self.tab.route else 0)

    def _changed(self, candidate_id: int) -> None:
        if candidate_id:
            self.tab.candidate_changed.emit(candidate_id)

    def _undo_failed(self, what: str, error: UtqError) -> None:
        show_error(self.tab, self.tr("Could not undo or redo: {what}").format(what=what), error)

    def add(self) -> None:
        route = self.tab.route
        if route is None:
            return
        services = self.tab.services
        added: list[tuple[int, ActivityInput]] = []

        def save(data: ActivityInput) -> None:
            added.append((services.route.add_activity(route.candidate_id, data), data))

        dialog = ActivityDialog(self.tab, self.tr("New activity"), self._choices(), None, save)
        if dialog.exec() != ActivityDialog.DialogCode.Accepted or not added:
            return
        activity_id, data = added[-1]
        handle = Handle(activity_id, 1)
        self._activity_handles.append(handle)
        self.tab.select_next = activity_id
        self._push(
            AddActivity(
                services, route.candidate_id, handle, data, self._changed, self._undo_failed
            )
        )

    def edit(self) -> None:
        route, activity = self.tab.route, self.tab.selected_activity()
        if route is None or activity is None:
            return
        services = self.tab.services
        handle = self._activity_handle(activity)
        saved: list[ActivityInput] = []

        def save(data: ActivityInput) -> None:
            version = services.route.update_activity(handle.id, data, handle.version)
            if version != handle.version:  # something changed
                handle.version = version
                saved.append(data)

        title = self.tr("Edit {title}").format(title=activity.data.title)
        dialog = ActivityDialog(self.tab, title, self._choices(), activity.data, save)
        if dialog.exec() != ActivityDialog.DialogCode.Accepted or not saved:
            return
        self._push(
            EditActivity(
                services,
                route.candidate_id,
                handle,
                activity.data,
                saved[-1],
                self._changed,
                self._undo_failed,
            )
        )

    def change_status(self, status: ActivityStatus) -> None:
        route, activity = self.tab.route, self.tab.selected_activity()
        if route is None or activity is None:
            return
        services = self.tab.services
        handle = self._activity_handle(activity)
        before = activity.dates
        after: list[StatusDates] = []

        def save(on: date) -> None:
            handle.version = services.route.set_status(handle.id, status, on, handle.version)
            after.append(moved(before, status, on, route.today))

        if status is ActivityStatus.PLANNED:
            try:
                save(route.today)
            except UtqError as error:
                show_error(self.tab, self.tr("Could not change the status"), error)
                return
        else:
            question = self.tr("'{title}': {status} on which day?").format(
                title=activity.data.title, status=activity_status_text(status).lower()
            )
            dialog = StatusDialog(
                self.tab, activity_status_text(status), question, route.today, save
            )
            if dialog.exec() != StatusDialog.DialogCode.Accepted or not after:
                return
        self._push(
            ChangeStatus(
                services,
                route.candidate_id,
                handle,
                activity.data.title,
                before,
                after[-1],
                self._changed,
                self._undo_failed,
            )
        )

    def remove(self) -> None:
        route, activity = self.tab.route, self.tab.selected_activity()
        if route is None or activity is None:
            return
        question = self.tr(
            "Remove '{title}' from {name}'s learning route?\n\nEdit → Undo brings it back."
        ).format(title=activity.data.title, name=route.candidate_name)
        if not confirm(self.tab, self.tr("Remove activity"), question, self.tr("Remove")):
            return
        handle = self._activity_handle(activity)
        try:
            snapshot = self.tab.services.route.remove_activity(handle.id, handle.version)
        except UtqError as error:
            show_error(self.tab, self.tr("Could not remove the activity"), error)
            return
        handle.id = 0  # gone: its id may be given to another activity
        self._push(
            RemoveActivity(
                self.tab.services,
                route.candidate_id,
                handle,
                snapshot,
                self._changed,
                self._undo_failed,
            )
        )

    def edit_agreement(self) -> None:
        route = self.tab.route
        if route is None:
            return
        services = self.tab.services
        handle = self._route_handle(route)
        saved: list[RouteAgreement] = []

        def save(agreement: RouteAgreement) -> None:
            handle.version = services.route.set_agreement(
                route.candidate_id, agreement, handle.version
            )
            saved.append(agreement)

        dialog = AgreementDialog(self.tab, route.agreement, route.supervisor, route.today, save)
        if dialog.exec() != AgreementDialog.DialogCode.Accepted or not saved:
            return
        if saved[-1] == route.agreement:
            return
        self._push(
            SetAgreement(
                services,
                route.candidate_id,
                handle,
                route.agreement,
                saved[-1],
                self._changed,
                self._undo_failed,
            )
        )

    def toggle_recognition(self) -> None:
        route, competence = self.tab.route, self.tab.selected_competence()
        if route is None or competence is None:
            return
        services = self.tab.services
        handle = self._route_handle(route)
        before = competence.recognition
        after: list[Recognition | None] = []
        if before is not None:
            question = self.tr(
                "Withdraw the recognition of {code} {name}? Activities for it can then be "
                "planned again."
            ).format(code=competence.code, name=competence.name)
            if not confirm(
                self.tab, self.tr("Withdraw recognition"), question, self.tr("Withdraw")
            ):
                return
            try:
                handle.version = services.route.withdraw_recognition(
                    route.candidate_id, competence.id, handle.version
                )
            except UtqError as error:
                show_error(self.tab, self.tr("Could not withdraw the recognition"), error)
                return
            after.append(None)
        else:

            def save(value: Recognition) -> None:
                handle.version = services.route.recognise(
                    route.candidate_id, competence.id, value.reason, value.on, handle.version
                )
                after.append(value)

            label = f"{competence.code}  {competence.name}"
            dialog = RecognitionDialog(self.tab, label, None, route.today, save)
            if dialog.exec() != RecognitionDialog.DialogCode.Accepted or not after:
                return
        self._push(
            SetRecognition(
                services,
                route.candidate_id,
                handle,
                competence.id,
                competence.code,
                before,
                after[-1],
                self._changed,
                self._undo_failed,
            )
        )
