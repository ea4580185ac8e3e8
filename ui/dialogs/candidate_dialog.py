"""Add or edit a candidate. Invalid input keeps the dialog open with the field marked."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.deadlines import deadline, due_state
from utq_desktop.domain.enums import Language, TrajectoryStatus
from utq_desktop.domain.workflow import allowed_next
from utq_desktop.errors import StaleEditError, UtqError, ValidationError
from utq_desktop.services.dto import CandidateDetail, CandidateInput

from ui.formatting import date_format, due_color, format_date, status_text
from ui.messages import ask_reload, error_text

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services

NO_DATE = QDate(1900, 1, 1)


class CandidateDialog(QDialog):
    """``saved_id`` holds the candidate's id after a successful save; ``before``/``after``
    the data around an edit (for undo)."""

    def __init__(
        self,
        services: Services,
        detail: CandidateDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("candidateDialog")
        self.services = services
        self.detail = detail
        self.saved_id = 0
        self.saved_version = 0
        self.before: CandidateInput | None = detail.data if detail else None
        self.after: CandidateInput | None = None
        self._years = services.settings.get().deadline_years
        self.setWindowTitle(
            self.tr("Edit {name}").format(name=detail.full_name)
            if detail
            else self.tr("New candidate")
        )

        self.staff_number = self._line("staff_number", self.tr("Staff number"))
        self.initials = self._line("initials", self.tr("Initials"))
        self.first_name = self._line("first_name", self.tr("First name"))
        self.prefix = self._line("prefix", self.tr("Prefix (e.g. van der)"))
        self.surname = self._line("surname", self.tr("Surname"))
        self.email = self._line("email", self.tr("E-mail"))
        self.faculty = QComboBox(self)
        self.faculty.setObjectName("faculty")
        self.faculty.setEditable(True)
        self.faculty.addItems(services.candidates.faculties())
        self.faculty.setCurrentText("")
        self.faculty.setAccessibleName(self.tr("Faculty"))
        self.department = self._line("department", self.tr("Department"))
        self.position = self._line("position", self.tr("Position"))
        self.fte = QDoubleSpinBox(self)
        self.fte.setObjectName("fte")
        self.fte.setRange(0.0, 1.0)
        self.fte.setSingleStep(0.1)
        self.fte.setDecimals(2)
        self.fte.setSpecialValueText(self.tr("not set"))
        self.fte.setAccessibleName(self.tr("FTE"))
        self.employment_start = QDateEdit(self)
        self.employment_start.setObjectName("employment_start")
        self.employment_start.setCalendarPopup(True)
        self.employment_start.setDisplayFormat(date_format())
        self.employment_start.setMinimumDate(NO_DATE)
        self.employment_start.setSpecialValueText(self.tr("not set"))
        self.employment_start.setDate(NO_DATE)
        self.employment_start.setAccessibleName(self.tr("Employment start"))
        self.extension_months = QSpinBox(self)
        self.extension_months.setObjectName("extension_months")
        self.extension_months.setRange(0, 60)
        self.extension_months.setSuffix(self.tr(" months"))
        self.extension_months.setSpecialValueText(self.tr("none"))
        self.extension_months.setAccessibleName(self.tr("Deadline extension"))
        self.extension_reason = self._line("extension_reason", self.tr("Reason for the extension"))
        self.supervisor = QComboBox(self)
        self.supervisor.setObjectName("supervisor_id")
        self.supervisor.setAccessibleName(self.tr("UTQ supervisor"))
        self.supervisor.addItem(self.tr("not assigned"), None)
        for user in services.users.list(role="consultant"):
            self.supervisor.addItem(user.name, user.id)
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.status.setAccessibleName(self.tr("Status"))
        self._set_status_choices(detail.data.status if detail else TrajectoryStatus.REGISTERED)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Language of letters"))
        self.language.addItem(self.tr("Dutch"), Language.DUTCH)
        self.language.addItem(self.tr("English"), Language.ENGLISH)
        self.deadline_preview = QLabel(self)
        self.deadline_preview.setObjectName("deadlinePreview")
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()

        name_row = QHBoxLayout()
        name_row.addWidget(self.initials, 1)
        name_row.addWidget(self.first_name, 3)
        name_row.addWidget(self.prefix, 1)
        name_row.addWidget(self.surname, 3)
        extension_row = QHBoxLayout()
        extension_row.addWidget(self.extension_months)
        extension_row.addWidget(self.extension_reason, 1)
        form = QFormLayout()
        form.addRow(self.tr("Staff &number:"), self.staff_number)
        form.addRow(self.tr("Na&me:"), name_row)
        form.addRow(self.tr("&E-mail:"), self.email)
        form.addRow(self.tr("&Faculty:"), self.faculty)
        form.addRow(self.tr("&Department:"), self.department)
        form.addRow(self.tr("&Position:"), self.position)
        form.addRow(self.tr("FT&E:"), self.fte)
        form.addRow(self.tr("Employment &start:"), self.employment_start)
        form.addRow(self.tr("E&xtension:"), extension_row)
        form.addRow(self.tr("UTQ deadline:"), self.deadline_preview)
        form.addRow(self.tr("UTQ s&upervisor:"), self.supervisor)
        form.addRow(self.tr("S&tatus:"), self.status)
        form.addRow(self.tr("&Letters in:"), self.language)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

        for signal in (
            self.employment_start.dateChanged,
            self.extension_months.valueChanged,
            self.status.currentIndexChanged,
        ):
            signal.connect(self._update_preview)
        self.extension_months.valueChanged.connect(
            lambda months: self.extension_reason.setEnabled(months > 0)
        )
        if detail:
            self._fill(detail.data)
        self.extension_reason.setEnabled(self.extension_months.value() > 0)
        self._update_preview()
        self.staff_number.setFocus()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(placeholder)
        return edit

    def _fill(self, data: CandidateInput) -> None:
        for name in (
            "staff_number",
            "initials",
            "first_name",
            "prefix",
            "surname",
            "email",
            "department",
            "position",
            "extension_reason",
        ):
            getattr(self, name).setText(getattr(data, name))
        self.faculty.setCurrentText(data.faculty)
        self.fte.setValue(data.fte or 0.0)
        start = data.employment_start
        self.employment_start.setDate(
            QDate(start.year, start.month, start.day) if start else NO_DATE
        )
        self.extension_months.setValue(data.extension_months)
        self.supervisor.setCurrentIndex(max(self.supervisor.findData(data.supervisor_id), 0))
        self._set_status_choices(data.status)
        self.language.setCurrentIndex(max(self.language.findData(data.language), 0))

    def _set_status_choices(self, current: TrajectoryStatus) -> None:
        """Only the statuses the workflow allows from the saved one."""
        self.status.blockSignals(True)
        self.status.clear()
        for status in allowed_next(current):
            self.status.addItem(status_text(status), status)
        self.status.blockSignals(False)

    def value(self) -> CandidateInput:
        qdate = self.employment_start.date()
        start = None if qdate == NO_DATE else date(qdate.year(), qdate.month(), qdate.day())
        return CandidateInput(
            staff_number=self.staff_number.text(),
            initials=self.initials.text(),
            first_name=self.first_name.text(),
            prefix=self.prefix.text(),
            surname=self.surname.text(),
            email=self.email.text(),
            faculty=self.faculty.currentText(),
            department=self.department.text(),
            position=self.position.text(),
            fte=self.fte.value() or None,
            employment_start=start,
            extension_months=self.extension_months.value(),
            extension_reason=self.extension_reason.text(),
            supervisor_id=self.supervisor.currentData(),
            status=TrajectoryStatus(self.status.currentData()),
            language=Language(self.language.currentData()),
        )

    def _update_preview(self) -> None:
        data = self.value()
        due = deadline(data.employment_start, self._years, data.extension_months)
        if due is None:
            self.deadline_preview.setText(self.tr("set the employment start"))
            self.deadline_preview.setStyleSheet("")
            return
        state = due_state(data.status, due, date.today())
        self.deadline_preview.setText(
            self.tr("{date}  ({years} years after the start{extension})").format(
                date=format_date(due),
                years=self._years,
                extension=self.tr(", extended") if data.extension_months else "",
            )
        )
        color = due_color(state)
        self.deadline_preview.setStyleSheet(f"color: {color.name()};" if color else "")

    def _save(self) -> None:
        data = self.value()
        try:
            if self.detail is None:
                self.saved_id = self.services.candidates.create(data)
            else:
                self.saved_version = self.services.candidates.update(
                    self.detail.id, data, self.detail.row_version
                )
                self.saved_id = self.detail.id
        except ValidationError as error:
            self._show_error(str(error), error.field)
            return
        except StaleEditError as error:
            self._offer_reload(str(error))
            return
        except UtqError as error:
            self._show_error(error_text(error), None)
            return
        self.after = data
        self.accept()

    def _show_error(self, message: str, field: str | None) -> None:
        self.error.setText(message)
        self.error.show()
        widget = self.findChild(QWidget, field) if field else None
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _offer_reload(self, message: str) -> None:
        wants_reload = ask_reload(
            self,
            message,
            self.tr("Reload their version"),
            self.tr(
                "Reloading replaces what you typed with the saved data. "
                "Cancel keeps your text so you can copy it."
            ),
        )
        if wants_reload and self.detail is not None:
            try:
                self.detail = self.services.candidates.detail(self.detail.id)
            except UtqError as error:  # e.g. the connection dropped meanwhile
                self._show_error(error_text(error), None)
                return
            self.before = self.detail.data
            self._fill(self.detail.data)
            self.error.hide()
