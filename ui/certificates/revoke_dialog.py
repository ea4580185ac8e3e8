"""Revoke a certificate: the reason is required, and the dialog says what revoking does."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.certificates_dto import CertificateInfo

from ui.certificates.texts import what_text
from ui.formatting import format_date

MAX_REASON = 500


class RevokeDialog(QDialog):
    def __init__(self, certificate: CertificateInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revokeCertificateDialog")
        self.setWindowTitle(self.tr("Revoke certificate"))
        intro = QLabel(
            self.tr(
                "Revoke {what} {serial} of {name}, dated {date}?\n\n"
                "Its verification code will then say 'revoked' with your reason, to anyone "
                "who checks it. This cannot be undone; the holder can be issued a new "
                "certificate later if that is right."
            ).format(
                what=what_text(certificate),
                serial=certificate.serial,
                name=certificate.holder_name,
                date=format_date(certificate.award_date),
            ),
            self,
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("revokeReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(
            self.tr("Why is it revoked? E.g. the result was annulled after an appeal.")
        )
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().height() * 5)
        label = QLabel(self.tr("&Reason (required):"), self)
        label.setBuddy(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.revoke_button = buttons.addButton(
            self.tr("Re&voke"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.revoke_button.setObjectName("revokeButton")
        self.revoke_button.setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self._update()

    def reason_text(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    def _update(self) -> None:
        text = self.reason_text()
        self.revoke_button.setEnabled(0 < len(text) <= MAX_REASON)
