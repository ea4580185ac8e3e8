"""A table of certificates: the candidate's (Certificates tab) or the whole register."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from utq_desktop.domain.certificates import CertificateStatus
from utq_desktop.services.certificates_dto import CertificateInfo

from ui.certificates.texts import STATUS_COLORS, status_detail, status_text, what_text
from ui.formatting import format_date, format_timestamp
from ui.qt_types import ModelIndex
from ui.row_table_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CERTIFICATE_ROLE = Qt.ItemDataRole.UserRole + 2

HEADERS = {
    "holder": "Holder",
    "staff_number": "Staff no.",
    "what": "Certificate",
    "award_date": "Date",
    "serial": "Serial",
    "code": "Verification code",
    "status": "Status",
    "issued": "Issued",
}
CANDIDATE_COLUMNS = ("what", "award_date", "status", "serial", "code", "issued")
REGISTER_COLUMNS = (
    "holder",
    "staff_number",
    "what",
    "award_date",
    "status",
    "serial",
    "code",
    "issued",
)


class CertificateTableModel(RowTableModel[CertificateInfo]):
    """Certificates in the order given; replaced and revoked ones greyed or struck out."""

    CONTEXT = "CertificateColumns"

    def __init__(self, columns: Sequence[str] = CANDIDATE_COLUMNS, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._headers = tuple(HEADERS[column] for column in self.columns)
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    def headers(self) -> Sequence[str]:
        return self._headers

    def set_certificates(self, certificates: Sequence[CertificateInfo]) -> None:
        self.set_rows(certificates)

    def certificate_at(self, row: int) -> CertificateInfo | None:
        return self.row_at(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        certificate = self.row_in(index)
        if certificate is None:
            return None
        key = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(certificate, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(certificate)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return STATUS_COLORS[certificate.status]
        if (
            role == Qt.ItemDataRole.FontRole
            and certificate.status is not CertificateStatus.VALID
            and key in ("serial", "code")
        ):
            return self._strike
        if role == ID_ROLE:
            return certificate.id
        if role == CERTIFICATE_ROLE:
            return certificate
        return None

    @staticmethod
    def _text(certificate: CertificateInfo, key: str) -> str:
        if key == "holder":
            return certificate.holder_name
        if key == "staff_number":
            return certificate.staff_number
        if key == "what":
            return what_text(certificate)
        if key == "award_date":
            return format_date(certificate.award_date)
        if key == "serial":
            return certificate.serial
        if key == "code":
            return certificate.verification_code
        if key == "status":
            return status_text(certificate.status)
        return QCoreApplication.translate("Certificates", "{when} by {who}").format(
            when=format_timestamp(certificate.issued_at), who=certificate.issued_by
        )

    @staticmethod
    def _tooltip(certificate: CertificateInfo) -> str:
        lines = [
            f"{certificate.holder_name} · {what_text(certificate)}",
            status_detail(certificate),
        ]
        if certificate.status is CertificateStatus.REVOKED and certificate.revoked_by:
            lines.append(
                QCoreApplication.translate("Certificates", "Revoked by {who}").format(
                    who=certificate.revoked_by
                )
            )
        return "\n".join(lines)
