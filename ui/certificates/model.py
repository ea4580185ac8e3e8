"""A table of certificates: the candidate's (Certificates tab) or the whole register."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from utq_desktop.domain.certificates import CertificateStatus
from utq_desktop.services.certificates_dto import CertificateInfo

from ui.certificates.texts import STATUS_COLORS, status_detail, status_text, what_text
from ui.formatting import format_date, format_timestamp
from ui.qt_types import ModelIndex

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


class CertificateTableModel(QAbstractTableModel):
    """Certificates in the order given; replaced and revoked ones greyed or struck out."""

    def __init__(self, columns: Sequence[str] = CANDIDATE_COLUMNS, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[CertificateInfo] = []
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    def set_certificates(self, certificates: Sequence[CertificateInfo]) -> None:
        self.beginResetModel()
        self._rows = list(certificates)
        self.endResetModel()

    def certificate_at(self, row: int) -> CertificateInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, certificate_id: int) -> int | None:
        return next((i for i, c in enumerate(self._rows) if c.id == certificate_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return QCoreApplication.translate("CertificateColumns", HEADERS[self.columns[section]])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        certificate = self.certificate_at(index.row()) if index.isValid() else None
        if certificate is None or not 0 <= index.column() < len(self.columns):
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
