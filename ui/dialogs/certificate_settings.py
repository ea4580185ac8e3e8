"""The certificate part of the institution settings: two signatories and the logo, with a
preview (the chosen image, or the neutral built-in emblem drawn as it prints)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.documents.certificate_art import Emblem, default_emblem
from utq_desktop.errors import UtqError
from utq_desktop.services.dto import CertificateSettings, Signatory

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

PREVIEW = QSize(180, 96)


def emblem_pixmap(emblem: Emblem, side: int) -> QPixmap:
    """The built-in emblem, drawn with Qt the way the PDF draws it."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = side / emblem.size
    painter.scale(scale, scale)
    for shape in emblem.shapes:
        path = QPainterPath()
        if shape.kind == "circle":
            cx, cy, r = shape.points
            path.addEllipse(QPointF(cx, cy), r, r)
        else:
            for command, *numbers in shape.points:
                if command == "M":
                    path.moveTo(*numbers)
                elif command == "L":
                    path.lineTo(*numbers)
                elif command == "C":
                    path.cubicTo(*numbers)
                else:
                    path.closeSubpath()
        fill = QColor.fromRgbF(*shape.fill) if shape.fill else Qt.GlobalColor.transparent
        pen = (
            QPen(QColor.fromRgbF(*shape.stroke), shape.width)
            if shape.stroke
            else QPen(Qt.PenStyle.NoPen)
        )
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawPath(path)
    painter.end()
    return pixmap


class CertificateSettingsBox(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Certificates"))
        self.setObjectName("certificateSettings")
        self.services = services
        self.logo_sha256: str | None = None  # as stored
        self.new_logo: str | None = None  # a file chosen now, stored on Save
        self.names: list[QLineEdit] = []
        self.roles: list[QLineEdit] = []
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Signed by"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("in the role of"), self), 0, 2)
        for number in (1, 2):
            name = QLineEdit(self)
            name.setObjectName(f"signatory{number}Name")
            name.setAccessibleName(self.tr("Signatory {n}: name").format(n=number))
            name.setPlaceholderText(self.tr("e.g. prof. dr. A.B. de Vries"))
            role = QLineEdit(self)
            role.setObjectName(f"signatory{number}Role")
            role.setAccessibleName(self.tr("Signatory {n}: role").format(n=number))
            role.setPlaceholderText(self.tr("e.g. Dean") if number == 1 else "Rector Magnificus")
            label = QLabel(self.tr("Signatory &{n}:").format(n=number), self)
            label.setBuddy(name)
            grid.addWidget(label, number, 0)
            grid.addWidget(name, number, 1)
            grid.addWidget(role, number, 2)
            self.names.append(name)
            self.roles.append(role)
        self.preview = QLabel(self)
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: white; border: 1px solid #d9d3c7;")
        self.logo_label = QLabel(self)
        self.logo_label.setObjectName("logoDescription")
        self.logo_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose &logo…"), self)
        self.choose_button.setObjectName("chooseLogoButton")
        self.choose_button.clicked.connect(self.choose_logo)
        self.builtin_button = QPushButton(self.tr("Use &built-in"), self)
        self.builtin_button.setObjectName("builtinLogoButton")
        self.builtin_button.clicked.connect(self.use_builtin)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_label)
        logo_buttons.addWidget(self.choose_button)
        logo_buttons.addWidget(self.builtin_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.preview)
        logo_row.addLayout(logo_buttons, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(logo_row)

    def fill(self, settings: CertificateSettings) -> None:
        for signatory, name, role in zip(settings.signatories, self.names, self.roles, strict=True):
            name.setText(signatory.name)
            role.setText(signatory.role)
        self.logo_sha256 = settings.logo_sha256
        self.new_logo = None
        self._show_logo()

    def value(self) -> CertificateSettings:
        first, second = (
            Signatory(name.text(), role.text())
            for name, role in zip(self.names, self.roles, strict=True)
        )
        return CertificateSettings((first, second), self.logo_sha256)

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the institution's logo"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg)"),
        )
        if not path:
            return
        pixmap = QPixmap(path)
        if pixmap.isNull():
            self.logo_label.setText(
                self.tr("'{path}' cannot be read as an image; choose a PNG or JPEG file.").format(
                    path=path
                )
            )
            return
        self.new_logo = path
        self._show_logo(pixmap)

    def use_builtin(self) -> None:
        self.new_logo = None
        self.logo_sha256 = None
        self._show_logo()

    def _show_logo(self, chosen: QPixmap | None = None) -> None:
        if chosen is not None:
            self._set_preview(chosen)
            self.logo_label.setText(self.tr("New logo, stored when you save."))
        elif self.logo_sha256:
            pixmap = QPixmap()
            self.logo_label.setText(self.tr("The institution's logo."))
            try:
                pixmap.loadFromData(self.services.files.content(self.logo_sha256))
            except UtqError as error:
                self.logo_label.setText(str(error))
            self._set_preview(pixmap)
        else:
            side = PREVIEW.height() - 8
            self._set_preview(emblem_pixmap(default_emblem(), side))
            self.logo_label.setText(
                self.tr("The neutral built-in emblem (no logo of your own chosen).")
            )
        self.builtin_button.setEnabled(bool(self.logo_sha256 or self.new_logo))

    def _set_preview(self, pixmap: QPixmap) -> None:
        if pixmap.isNull():
            self.preview.clear()
            return
        box = QSize(PREVIEW.width() - 8, PREVIEW.height() - 8)
        self.preview.setPixmap(
            pixmap.scaled(
                box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
