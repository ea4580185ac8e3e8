"""Verify a certificate code (Ctrl+Shift+V): who holds it, what and when, and whether it is
still valid. Typed codes are forgiving: case, spaces and dashes do not matter."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import UtqError
from utq_desktop.services.certificates_dto import CertificateInfo

from ui.certificates.texts import STATUS_COLORS, status_detail, what_text
from ui.formatting import format_date
from ui.messages import error_text

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

UNKNOWN_COLOR = "#c62828"


class VerifyDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyCodeDialog")
        self.setWindowTitle(self.tr("Verify a certificate code"))
        self.services = services
        self.found: CertificateInfo | None = None
        self.code = QLineEdit(self)
        self.code.setObjectName("verifyCode")
        self.code.setAccessibleName(self.tr("Verification code"))
        self.code.setPlaceholderText("7K3M-Q9XD-2HPH")
        self.code.setClearButtonEnabled(True)
        label = QLabel(self.tr("&Code:"), self)
        label.setBuddy(self.code)
        self.verify_button = QPushButton(self.tr("&Verify"), self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.verify)
        self.code.returnPressed.connect(self.verify)
        self.code.textChanged.connect(self._update)
        self.result = QLabel(self)
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setMinimumHeight(self.fontMetrics().height() * 11)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result.setText(
            self.tr("Type or paste the code printed under the QR code of a certificate.")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.code, 1)
        row.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._update()

    def _update(self) -> None:
        self.verify_button.setEnabled(bool(self.code.text().strip()))

    def verify(self) -> None:
        typed = self.code.text()
        if not typed.strip():
            return
        try:
            found = self.services.certificates.verify(typed)
        except UtqError as error:
            self.found = None
            self._show_problem(error_text(error))
            return
        self.found = found
        if found is None:
            self._show_problem(
                self.tr(
                    "No certificate with the code {code} is in this register. Check the "
                    "code, or ask the issuing institution."
                ).format(code=typed.strip().upper())
            )
            return
        color = STATUS_COLORS[found.status].name()
        verdict = (
            self.tr("Valid certificate")
            if found.valid
            else self.tr("Not valid: {status}").format(status=status_detail(found))
        )
        rows = [
            (self.tr("Holder"), found.holder_name),
            (self.tr("Certificate"), what_text(found)),
            (self.tr("Date"), format_date(found.award_date)),
            (self.tr("Serial"), found.serial),
            (self.tr("Code"), found.verification_code),
        ]
        table = "".join(
            f"<tr><td style='padding-right:12px;color:#5f6b7a'>{html.escape(k)}</td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        self.result.setText(
            f"<p style='font-size:large;color:{color}'><b>{html.escape(verdict)}</b></p>"
            f"<table>{table}</table>"
        )

    def _show_problem(self, text: str) -> None:
        self.result.setText(
            f"<p style='font-size:large;color:{UNKNOWN_COLOR}'><b>"
            f"{html.escape(self.tr('Not verified'))}</b></p><p>{html.escape(text)}</p>"
        )
