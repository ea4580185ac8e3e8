"""Institution settings: name, deadline period and default competence framework."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.deadlines import DEADLINE_YEARS_MAX as MAX_YEARS
from utq_desktop.domain.deadlines import DEADLINE_YEARS_MIN as MIN_YEARS
from utq_desktop.errors import UtqError
from utq_desktop.services.dto import InstitutionSettingsData

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services


class SettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Institution settings"))
        self.services = services
        current = services.settings.get()

        self.name = QLineEdit(current.name, self)
        self.name.setObjectName("institutionName")
        self.name.setAccessibleName(self.tr("Institution name"))
        self.years = QSpinBox(self)
        self.years.setObjectName("deadlineYears")
        self.years.setRange(MIN_YEARS, MAX_YEARS)
        self.years.setSuffix(self.tr(" years"))
        self.years.setValue(current.deadline_years)
        self.years.setAccessibleName(self.tr("Deadline period"))
        self.framework = QComboBox(self)
        self.framework.setObjectName("defaultFramework")
        self.framework.setAccessibleName(self.tr("Default competence framework"))
        codes: list[str] = []
        for framework in services.frameworks.list():
            if framework.code not in codes:
                codes.append(framework.code)
                self.framework.addItem(framework.name, framework.code)
        self.framework.setCurrentIndex(
            max(self.framework.findData(current.default_framework_code), 0)
        )
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Institution:"), self.name)
        form.addRow(self.tr("UTQ &deadline after employment start:"), self.years)
        form.addRow(self.tr("Default &framework for new candidates:"), self.framework)
        hint = QLabel(
            self.tr(
                "Changing the period moves every candidate's deadline; "
                "individual extensions still apply on top."
            ),
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _save(self) -> None:
        try:
            self.services.settings.update(
                InstitutionSettingsData(
                    self.name.text(), self.years.value(), self.framework.currentData()
                )
            )
        except UtqError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
