"""The Exemption tab's edits: each made through the services, then pushed on the window's
undo stack as a command that can take it back (ui/detail/exemption/commands.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from utq_desktop.domain.exemption import CaseStatus
from utq_desktop.errors import StaleEditError, UtqError
from utq_desktop.services.exemption_dto import (
    CaseInput,
    ExemptionCaseInfo,
    StepInput,
)

from ui.detail.exemption.commands import EditCase, FileCase, Handle, RecordStep
from ui.detail.exemption.dialogs import CaseDialog, StepDialog
from ui.messages import show_error

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

    from ui.detail.exemption.tab import ExemptionTab


T = TypeVar("T")


class Editor(QObject):
    """What the tab's editors share: the services, dialogs whose refused saves reload the
    tab, and pushing done changes on the undo stack."""

    def __init__(self, tab: ExemptionTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._stale = False  # a save in the open dialog was refused: reload after it

    @property
    def services(self) -> Services:
        return self.tab.services

    def _guard(self, save: Callable[[T], None]) -> Callable[[T], None]:
        """``save`` for a dialog: a change refused because a colleague saved first is
        shown in the dialog, and the tab reloads once the dialog closes."""

        def guarded(value: T) -> None:
            try:
                save(value)
            except StaleEditError:
                self._stale = True
                raise

        return guarded

    def _reload_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.tab.saved()

    def _push(self, command: object) -> None:
        self.tab.context.undo_stack.push(command)  # type: ignore[arg-type]
        self.tab.saved()

    def _changed(self, candidate_id: int) -> None:
        if candidate_id:
            self.tab.candidate_changed.emit(candidate_id)

    def _undo_failed(self, what: str, error: UtqError) -> None:
        show_error(self.tab, self.tr("Could not undo or redo: {what}").format(what=what), error)


class ExemptionEditor(Editor):
    """Edits of the requests the tab shows; commands about one request share a Handle."""

    def __init__(self, tab: ExemptionTab) -> None:
        super().__init__(tab)
        self._cases: dict[int, Handle] = {}

    def _names(self) -> tuple[list[str], str]:
        """The application's users by name, and the current user's name."""
        users = self.services.users.list()
        actor = self.services.actor
        me = next((u.name for u in users if u.login == actor), actor)
        return [u.name for u in users], me

    def _case_handle(self, case: ExemptionCaseInfo) -> Handle:
        handle = next((h for h in self._cases.values() if h.id == case.id), None)
        if handle is None:
            handle = self._cases.setdefault(case.id, Handle(case.id, case.row_version))
        handle.version = case.row_version  # the user edits what they see
        return handle

    # --- cases ---------------------------------------------------------------------------

    def file_case(self) -> None:
        detail = self.tab.detail
        if detail is None:
            return
        if detail.filing_refusal:
            show_error(self.tab, self.tr("Cannot file a request"), UtqError(detail.filing_refusal))
            return
        names, me = self._names()
        filed: list[tuple[int, CaseInput]] = []

        def save(data: CaseInput) -> None:
            filed.append((self.services.exemption.file_case(detail.candidate_id, data), data))

        title = self.tr("Exemption request for {name}").format(name=detail.candidate_name)
        initial = CaseInput(filed_on=detail.today, filed_by=me)
        dialog = CaseDialog(self.tab, title, initial, names, detail.today, self._guard(save))
        accepted = dialog.exec() == CaseDialog.DialogCode.Accepted
        self._reload_if_stale()
        if not accepted or not filed:
            return
        case_id, data = filed[-1]
        handle = self._cases.setdefault(case_id, Handle(case_id, 1))
        self.tab.select_next = case_id
        self._push(
            FileCase(
                self.services, detail.candidate_id, handle, data, self._changed, self._undo_failed
            )
        )

    def edit_case(self) -> None:
        detail, case = self.tab.detail, self.tab.case
        if detail is None or case is None:
            return
        names, _me = self._names()
        handle = self._case_handle(case)
        saved: list[CaseInput] = []

        def save(data: CaseInput) -> None:
            version = self.services.exemption.update_case(handle.id, data, handle.version)
            if version != handle.version:
                handle.version = version
                saved.append(data)

        title = self.tr("Edit the exemption request of {name}").format(name=detail.candidate_name)
        dialog = CaseDialog(self.tab, title, case.data, names, detail.today, self._guard(save))
        accepted = dialog.exec() == CaseDialog.DialogCode.Accepted
        self._reload_if_stale()
        if not accepted or not saved:
            return
        self._push(
            EditCase(
                self.services,
                detail.candidate_id,
                handle,
                case.data,
                saved[-1],
                self._changed,
                self._undo_failed,
            )
        )

    def record_step(self, target: CaseStatus) -> None:
        detail, case = self.tab.detail, self.tab.case
        if detail is None or case is None or target not in case.next_steps:
            return
        names, me = self._names()
        handle = self._case_handle(case)
        recorded: list[StepInput] = []

        def save(step: StepInput) -> None:
            handle.version = self.services.exemption.advance(handle.id, step, handle.version)
            recorded.append(step)

        dialog = StepDialog(
            self.tab,
            target,
            case,
            detail.candidate_name,
            names,
            me,
            detail.today,
            self._guard(save),
        )
        accepted = dialog.exec() == StepDialog.DialogCode.Accepted
        self._reload_if_stale()
        if not accepted or not recorded:
            return
        self._push(
            RecordStep(
                self.services,
                detail.candidate_id,
                handle,
                recorded[-1],
                self._changed,
                self._undo_failed,
            )
        )
