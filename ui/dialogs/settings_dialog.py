"""Institution settings: name, deadline period, default competence framework, and what
certificates carry: two signatories and the logo (a chosen image, or the built-in emblem).

On a shared database a colleague may save the settings while this dialog is open: the save
is then refused (who changed what), the typed values stay, and the user can reload theirs.
"""

from __future__ import annotations

from pathlib import Path
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
from utq_desktop.domain.assessment import APPEAL_WEEKS_MAX, APPEAL_WEEKS_MIN
from utq_desktop.domain.deadlines import DEADLINE_YEARS_MAX as MAX_YEARS
from utq_desktop.domain.deadlines import DEADLINE_YEARS_MIN as MIN_YEARS
from utq_desktop.errors import StaleEditError, UtqError
from utq_desktop.services.dto import InstitutionSettingsData

from ui.dialogs.certificate_settings import CertificateSettingsBox
from ui.messages import ask_reload, error_text

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services


class SettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Institution settings"))
        self.services = services
        self.row_version = 0
        self.name = QLineEdit(self)
        self.name.setObjectName("institutionName")
        self.name.setAccessibleName(self.tr("Institution name"))
        self.years = QSpinBox(self)
        self.years.setObjectName("deadlineYears")
        self.years.setRange(MIN_YEARS, MAX_YEARS)
        self.years.setSuffix(self.tr(" years"))
        self.years.setAccessibleName(self.tr("Deadline period"))
        self.appeal_weeks = QSpinBox(self)
        self.appeal_weeks.setObjectName("appealWeeks")
        self.appeal_weeks.setRange(APPEAL_WEEKS_MIN, APPEAL_WEEKS_MAX)
        self.appeal_weeks.setSuffix(self.tr(" weeks"))
        self.appeal_weeks.setAccessibleName(self.tr("Appeal period"))
        self.framework = QComboBox(self)
        self.framework.setObjectName("defaultFramework")
        self.framework.setAccessibleName(self.tr("Default competence framework"))
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Institution:"), self.name)
        form.addRow(self.tr("UTQ &deadline after employment start:"), self.years)
        form.addRow(self.tr("Default &framework for new candidates:"), self.framework)
        form.addRow(self.tr("&Appeal against a result within:"), self.appeal_weeks)
        hint = QLabel(
            self.tr(
                "Changing the period moves every candidate's deadline; "
                "individual extensions still apply on top."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.certificates = CertificateSettingsBox(services, self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.certificates)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._load()

    def _load(self) -> None:
        """Fill the form; if the database cannot be read, say so and offer no Save."""
        try:
            loaded = self.services.settings.get_versioned()
            frameworks = self.services.frameworks.list()
        except UtqError as error:
            self.error.setText(error_text(error))
            self.error.show()
            self.save_button.setEnabled(False)
            return
        codes: list[str] = []
        for framework in frameworks:
            if framework.code not in codes:
                codes.append(framework.code)
                self.framework.addItem(framework.name, framework.code)
        self.row_version = loaded.row_version
        self._fill(loaded.data)
        self.certificates.fill(loaded.certificates)

    def _fill(self, data: InstitutionSettingsData) -> None:
        self.name.setText(data.name)
        self.years.setValue(data.deadline_years)
        self.appeal_weeks.setValue(data.appeal_weeks)
        self.framework.setCurrentIndex(max(self.framework.findData(data.default_framework_code), 0))

    def _save(self) -> None:
        data = InstitutionSettingsData(
            self.name.text(),
            self.years.value(),
            self.framework.currentData(),
            appeal_weeks=self.appeal_weeks.value(),
        )
        try:
            logo_file = self.certificates.new_logo
            logo = self.services.files.read_upload(Path(logo_file)) if logo_file else None
            self.row_version = self.services.settings.update(
                data, self.row_version, certificates=self.certificates.value(), logo=logo
            )
        except StaleEditError as error:
            self._offer_reload(str(error))
            return
        except UtqError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        self.accept()

    def _offer_reload(self, message: str) -> None:
        wants_reload = ask_reload(
            self,
            message,
            self.tr("Reload their settings"),
            self.tr(
                "Reloading replaces what you entered with the saved settings. "
                "Cancel keeps your values so you can compare."
            ),
        )
        if not wants_reload:
            return
        try:
            loaded = self.services.settings.get_versioned()
        except UtqError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        self.row_version = loaded.row_version
        self._fill(loaded.data)
        self.certificates.fill(loaded.certificates)
        self.error.hide()
