"""Undoable changes of the Exemption tab, on the window's QUndoStack (Edit → Undo).

As in ui/undo.py, each command has already been done when it is pushed; undo and redo go
through the services with the version the command last saw, so a change someone else made
meanwhile is refused (StaleEditError) and reported, never overwritten. A case or a partial
certificate removed and put back gets a new id: commands about one share a ``Handle``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from utq_desktop.services.exemption_dto import (
    CaseInput,
    PartialCertificateInput,
    PartialCertificateSnapshot,
    StepInput,
)

from ui.detail.exemption.texts import step_action_text
from ui.detail.route.commands import Handle
from ui.undo import CandidateCommand, Notify, ReportError

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services

__all__ = [
    "AddCertificate",
    "EditCase",
    "EditCertificate",
    "FileCase",
    "Handle",
    "RecordStep",
    "RemoveCertificate",
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExemptionUndo", text)


class ExemptionCommand(CandidateCommand):
    def __init__(
        self, services: Services, text: str, candidate_id: int, notify: Notify, report: ReportError
    ) -> None:
        super().__init__(text, candidate_id, notify, report)
        self.services = services


class FileCase(ExemptionCommand):
    """Filing a request; undo removes it (while nothing else is recorded on it)."""

    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        data: CaseInput,
        notify: Notify,
        report: ReportError,
    ) -> None:
        super().__init__(services, _tr("File exemption request"), candidate_id, notify, report)
        self.handle, self.data = handle, data

    def apply(self) -> None:
        self.handle.id = self.services.exemption.file_case(self.candidate_id, self.data)
        self.handle.version = 1

    def revert(self) -> None:
        self.services.exemption.delete_case(self.handle.id, self.handle.version)
        self.handle.id = 0


class EditCase(ExemptionCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        before: CaseInput,
        after: CaseInput,
        notify: Notify,
        report: ReportError,
    ) -> None:
        super().__init__(services, _tr("Edit exemption request"), candidate_id, notify, report)
        self.handle, self.before, self.after = handle, before, after

    def apply(self) -> None:
        self.handle.version = self.services.exemption.update_case(
            self.handle.id, self.after, self.handle.version
        )

    def revert(self) -> None:
        self.handle.version = self.services.exemption.update_case(
            self.handle.id, self.before, self.handle.version
        )


class RecordStep(ExemptionCommand):
    """One step of the procedure; undo takes it back (a granted decision: the candidate's
    earlier status returns)."""

    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        step: StepInput,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Exemption: {action}").format(action=step_action_text(step.target))
        super().__init__(services, text, candidate_id, notify, report)
        self.handle, self.step = handle, step

    def apply(self) -> None:
        self.handle.version = self.services.exemption.advance(
            self.handle.id, self.step, self.handle.version
        )

    def revert(self) -> None:
        self.handle.version = self.services.exemption.revert_step(
            self.handle.id, self.handle.version
        )


class AddCertificate(ExemptionCommand):
    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        snapshot: PartialCertificateSnapshot,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Add partial certificate {institution}").format(
            institution=snapshot.data.institution
        )
        super().__init__(services, text, candidate_id, notify, report)
        self.handle, self.snapshot = handle, snapshot

    def apply(self) -> None:
        self.handle.id = self.services.partial_certificates.restore(
            self.candidate_id, self.snapshot
        )
        self.handle.version = 1

    def revert(self) -> None:
        self.snapshot = self.services.partial_certificates.remove(
            self.handle.id, self.handle.version
        )
        self.handle.id = 0


class RemoveCertificate(AddCertificate):
    """Removing a certificate (and its recognitions); undo puts both back."""

    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        snapshot: PartialCertificateSnapshot,
        notify: Notify,
        report: ReportError,
    ) -> None:
        super().__init__(services, candidate_id, handle, snapshot, notify, report)
        self.setText(
            _tr("Remove partial certificate {institution}").format(
                institution=snapshot.data.institution
            )
        )

    def apply(self) -> None:
        super().revert()

    def revert(self) -> None:
        super().apply()


class EditCertificate(ExemptionCommand):
    """An edit of a certificate, its document included."""

    def __init__(
        self,
        services: Services,
        candidate_id: int,
        handle: Handle,
        before: PartialCertificateSnapshot,
        after: PartialCertificateSnapshot,
        notify: Notify,
        report: ReportError,
    ) -> None:
        text = _tr("Edit partial certificate {institution}").format(
            institution=after.data.institution
        )
        super().__init__(services, text, candidate_id, notify, report)
        self.handle, self.before, self.after = handle, before, after

    def apply(self) -> None:
        self._set(self.after.data, self.after)

    def revert(self) -> None:
        self._set(self.before.data, self.before)

    def _set(self, data: PartialCertificateInput, document: PartialCertificateSnapshot) -> None:
        self.handle.version = self.services.partial_certificates.update(
            self.handle.id,
            data,
            self.handle.version,
            document=(document.document_sha256, document.document_name),
        )
