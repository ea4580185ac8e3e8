"""The Exemption tab's edits of partial certificates: each made through the services,
then pushed on the undo stack (ui/detail/exemption/commands.py). Removing one asks first:
the competences it recognised are no longer recognised."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from utq_desktop.errors import UtqError
from utq_desktop.services.exemption_dto import (
    PartialCertificateInfo,
    PartialCertificateInput,
    PartialCertificateSnapshot,
)

from ui.detail.exemption.certificate_dialog import CertificateDialog
from ui.detail.exemption.commands import (
    AddCertificate,
    EditCertificate,
    Handle,
    RemoveCertificate,
)
from ui.detail.exemption.editing import Editor
from ui.formatting import format_date
from ui.messages import confirm

if TYPE_CHECKING:
    from utq_desktop.services.files import Upload

    from ui.detail.exemption.tab import ExemptionTab


class CertificateEditor(Editor):
    """Edits of the candidate's partial certificates; commands about one share a Handle."""

    def __init__(self, tab: ExemptionTab) -> None:
        super().__init__(tab)
        self._certificates: dict[int, Handle] = {}

    def _certificate_handle(self, certificate: PartialCertificateInfo) -> Handle:
        handle = next((h for h in self._certificates.values() if h.id == certificate.id), None)
        if handle is None:
            handle = self._certificates.setdefault(
                certificate.id, Handle(certificate.id, certificate.row_version)
            )
        handle.version = certificate.row_version
        return handle

    def add_certificate(self) -> None:
        detail = self.tab.detail
        if detail is None:
            return
        added: list[tuple[int, PartialCertificateSnapshot]] = []

        def save(data: PartialCertificateInput) -> None:
            upload = self._upload(dialog.document_path)
            certificate_id = self.services.partial_certificates.add(
                detail.candidate_id, data, upload
            )
            info = self.services.exemption.detail(detail.candidate_id)
            stored = next(c for c in info.certificates if c.id == certificate_id)
            added.append((certificate_id, _snapshot(stored)))

        title = self.tr("Partial certificate of {name}").format(name=detail.candidate_name)
        dialog = CertificateDialog(
            self.tab,
            title,
            detail.competences,
            PartialCertificateInput(obtained_on=detail.today),
            "",
            detail.today,
            self._guard(save),
        )
        accepted = dialog.exec() == CertificateDialog.DialogCode.Accepted
        self._reload_if_stale()
        if not accepted or not added:
            return
        certificate_id, snapshot = added[-1]
        handle = self._certificates.setdefault(certificate_id, Handle(certificate_id, 1))
        self._push(
            AddCertificate(
                self.services,
                detail.candidate_id,
                handle,
                snapshot,
                self._changed,
                self._undo_failed,
            )
        )

    def edit_certificate(self) -> None:
        detail, certificate = self.tab.detail, self.tab.certificate
        if detail is None or certificate is None:
            return
        handle = self._certificate_handle(certificate)
        saved: list[PartialCertificateSnapshot] = []

        def save(data: PartialCertificateInput) -> None:
            upload = self._upload(dialog.document_path)
            version = self.services.partial_certificates.update(
                handle.id,
                data,
                handle.version,
                upload=upload,
                remove_document=dialog.remove_document,
            )
            if version != handle.version:
                handle.version = version
                info = self.services.exemption.detail(detail.candidate_id)
                stored = next(c for c in info.certificates if c.id == handle.id)
                saved.append(_snapshot(stored))

        title = self.tr("Partial certificate of {name}").format(name=detail.candidate_name)
        document = certificate.document.name if certificate.document else ""
        dialog = CertificateDialog(
            self.tab,
            title,
            detail.competences,
            certificate.data,
            document,
            detail.today,
            self._guard(save),
        )
        accepted = dialog.exec() == CertificateDialog.DialogCode.Accepted
        self._reload_if_stale()
        if not accepted or not saved:
            return
        self._push(
            EditCertificate(
                self.services,
                detail.candidate_id,
                handle,
                _snapshot(certificate),
                saved[-1],
                self._changed,
                self._undo_failed,
            )
        )

    def remove_certificate(self) -> None:
        detail, certificate = self.tab.detail, self.tab.certificate
        if detail is None or certificate is None:
            return
        codes = ", ".join(c.code for c in certificate.competences)
        question = self.tr(
            "Remove the partial certificate of {institution} ({date})?\n\nThe competences it "
            "recognised ({codes}) are no longer recognised in the learning route. Edit → Undo "
            "puts both back."
        ).format(
            institution=certificate.data.institution,
            date=format_date(certificate.data.obtained_on),
            codes=codes,
        )
        if not confirm(
            self.tab, self.tr("Remove partial certificate"), question, self.tr("Remove")
        ):
            return
        handle = self._certificate_handle(certificate)
        try:
            snapshot = self.services.partial_certificates.remove(handle.id, handle.version)
        except UtqError as error:
            self.tab.failed(self.tr("Could not remove the partial certificate"), error)
            return
        handle.id = 0
        self._push(
            RemoveCertificate(
                self.services,
                detail.candidate_id,
                handle,
                snapshot,
                self._changed,
                self._undo_failed,
            )
        )

    def _upload(self, path: str) -> Upload | None:
        """The chosen file, read before the service's transaction (None: none chosen)."""
        return self.services.files.read_upload(Path(path)) if path else None


def _snapshot(certificate: PartialCertificateInfo) -> PartialCertificateSnapshot:
    document = certificate.document
    return PartialCertificateSnapshot(
        certificate.data,
        document.sha256 if document else None,
        document.name if document else "",
    )
