"""What can be done with a certificate wherever it is listed (the candidate's tab, the
register window): open its PDF, save a copy, reissue it, revoke it. PDFs are rendered on
the worker thread; reissue and revoke ask first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget
from utq_desktop.errors import StaleEditError, UtqError
from utq_desktop.services.certificates_dto import CertificateInfo

from ui.certificates.guard import while_alive
from ui.certificates.revoke_dialog import RevokeDialog
from ui.certificates.texts import kind_text, what_text
from ui.formatting import format_date
from ui.messages import confirm, show_error
from ui.workers import TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services


def suggested_name(certificate: CertificateInfo) -> str:
    """'Siobhán van 't Hof - UTQ certificate - UTQ-2026-000123.pdf'."""
    name = "".join(ch for ch in certificate.holder_name if ch not in '\\/:*?"<>|')
    return f"{name} - {kind_text(certificate.kind)} - {certificate.serial}.pdf"


class CertificateCommands(QObject):
    """``changed(candidate_id, certificate_id)``: a certificate was issued, reissued or
    revoked (the id of the one to select afterwards)."""

    changed = Signal(int, int)
    notice = Signal(str)

    def __init__(
        self, parent: QWidget, services: Callable[[], Services], runner: TaskRunner
    ) -> None:
        super().__init__(parent)
        self.widget = parent
        self._services = services
        self.runner = runner

    def open_pdf(self, certificate: CertificateInfo) -> None:
        service = self._services().certificates
        self.runner.run(
            lambda: service.open_copy(certificate.id),
            while_alive(self, self._show_copy),
            while_alive(
                self, lambda error: self._failed(self.tr("Could not open the certificate"), error)
            ),
        )

    def _show_copy(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._failed(
                self.tr("Could not open the certificate"),
                UtqError(
                    self.tr(
                        "No program is set up to open PDF files; the copy is at {path}."
                    ).format(path=path)
                ),
            )

    def save_copy(self, certificate: CertificateInfo) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self.widget,
            self.tr("Save a copy of the certificate"),
            suggested_name(certificate),
            self.tr("PDF (*.pdf)"),
        )
        if not target:
            return
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        service = self._services().certificates
        self.runner.run(
            lambda: service.export(certificate.id, Path(target)),
            while_alive(
                self,
                lambda _none: self.notice.emit(
                    self.tr("Saved {serial} to {path}.").format(
                        serial=certificate.serial, path=target
                    )
                ),
            ),
            while_alive(
                self, lambda error: self._failed(self.tr("Could not save the certificate"), error)
            ),
        )

    def reissue(self, certificate: CertificateInfo) -> None:
        question = self.tr(
            "Reissue {what} {serial} of {name}?\n\n"
            "A new certificate gets a new serial number and verification code, with the "
            "same date ({date}) and the name as registered now. The old one is marked "
            "replaced: its code will no longer verify as valid."
        ).format(
            what=what_text(certificate),
            serial=certificate.serial,
            name=certificate.holder_name,
            date=format_date(certificate.award_date),
        )
        if not confirm(self.widget, self.tr("Reissue certificate"), question, self.tr("Reissue")):
            return
        try:
            new = self._services().certificates.reissue(certificate.id, certificate.row_version)
        except UtqError as error:
            self._failed(self.tr("Could not reissue the certificate"), error)
            if isinstance(error, StaleEditError):
                self.changed.emit(certificate.candidate_id, certificate.id)
            return
        self.changed.emit(new.candidate_id, new.id)
        self.notice.emit(
            self.tr("Reissued as {serial}; {old} is marked replaced.").format(
                serial=new.serial, old=certificate.serial
            )
        )

    def revoke(self, certificate: CertificateInfo) -> None:
        dialog = RevokeDialog(certificate, self.widget)
        if dialog.exec() != RevokeDialog.DialogCode.Accepted:
            return
        try:
            self._services().certificates.revoke(
                certificate.id, dialog.reason_text(), certificate.row_version
            )
        except UtqError as error:
            self._failed(self.tr("Could not revoke the certificate"), error)
            if isinstance(error, StaleEditError):
                self.changed.emit(certificate.candidate_id, certificate.id)
            return
        self.changed.emit(certificate.candidate_id, certificate.id)
        self.notice.emit(self.tr("Revoked {serial}.").format(serial=certificate.serial))

    def _failed(self, title: str, error: Exception) -> None:
        show_error(self.widget, title, error)
