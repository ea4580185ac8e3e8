"""Dialogs of the route tab: an activity (or a template item), a status change with its
date, the agreement with the UTQ supervisor and a recognised competence.

Each dialog hands what was entered to its ``save`` callback, which calls the service: a
UtqError keeps the dialog open with the message, and the field it names gets the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.route import ActivityKind
from utq_desktop.domain.route_template_spec import MAX_OFFSET_MONTHS
from utq_desktop.errors import UtqError, ValidationError
from utq_desktop.services.route_dto import (
    ActivityInput,
    CompetenceChoice,
    Recognition,
    RouteAgreement,
    TemplateItemInput,
)

from ui.detail.route.texts import kind_text
from ui.formatting import date_format
from ui.messages import error_text

NO_DATE = QDate(1900, 1, 1)
MAX_HOURS = 1000.0


def to_qdate(day: date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else NO_DATE


def from_qdate(value: QDate) -> date | None:
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, name: str, accessible: str, optional: bool) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_format())
    edit.setAccessibleName(accessible)
    if optional:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(parent.tr("not set"))
    return edit


class FormDialog(QDialog):
    """A form, an error line and Save/Cancel; ``_fields`` maps error fields to widgets."""

    def __init__(self, parent: QWidget | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fields: dict[str, QWidget] = {}

    def _value(self) -> Any:
        raise NotImplementedError

    def _store(self, value: Any) -> None:
        raise NotImplementedError

    def _save(self) -> None:
        try:
            self._store(self._value())
        except UtqError as error:
            self.error.setText(error_text(error))
            self.error.show()
            field = error.field if isinstance(error, ValidationError) else None
            widget = self._fields.get(field or "")
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()


class ActivityDialog(FormDialog):
    """An activity (``template=False``) or a template item (``template=True``: planned a
    number of months after the intake instead of on a date, no notes)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        competences: Sequence[CompetenceChoice],
        initial: ActivityInput | TemplateItemInput | None,
        save: Callable[[Any], None],
        *,
        template: bool = False,
    ) -> None:
        super().__init__(parent, "activityDialog", title)
        self._save_value = save
        self._template = template
        self.kind = QComboBox(self)
        self.kind.setObjectName("activityKind")
        self.kind.setAccessibleName(self.tr("Kind of activity"))
        for kind in ActivityKind:
            self.kind.addItem(kind_text(kind), kind.value)
        self.title = QLineEdit(self)
        self.title.setObjectName("activityTitle")
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setMaxLength(200)
        self.provider = QLineEdit(self)
        self.provider.setObjectName("activityProvider")
        self.provider.setAccessibleName(self.tr("Provider"))
        self.provider.setPlaceholderText(self.tr("e.g. the teaching academy, UTQ supervisor"))
        self.provider.setMaxLength(200)
        self.planned_on = date_edit(self, "activityPlannedOn", self.tr("Planned date"), False)
        self.undated = QCheckBox(self.tr("&no date yet"), self)
        self.undated.setObjectName("activityUndated")
        self.undated.toggled.connect(lambda checked: self.planned_on.setEnabled(not checked))
        planned_row = QHBoxLayout()
        planned_row.addWidget(self.planned_on, 1)
        planned_row.addWidget(self.undated)
        self.offset = QSpinBox(self)
        self.offset.setObjectName("activityOffset")
        self.offset.setRange(0, MAX_OFFSET_MONTHS)
        self.offset.setSuffix(self.tr(" months after the intake"))
        self.offset.setAccessibleName(self.tr("Months after the intake"))
        self.hours = QDoubleSpinBox(self)
        self.hours.setObjectName("activityHours")
        self.hours.setRange(0.0, MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(1.0)
        self.hours.setSpecialValueText(self.tr("not set"))
        self.hours.setAccessibleName(self.tr("Hours"))
        self.competence_model = QStandardItemModel(self)
        for choice in competences:
            item = QStandardItem(f"{choice.code}  {choice.name}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(choice.id, Qt.ItemDataRole.UserRole)
            item.setData(choice.code, Qt.ItemDataRole.UserRole + 1)
            self.competence_model.appendRow(item)
        self.competences = QListView(self)
        self.competences.setObjectName("activityCompetences")
        self.competences.setAccessibleName(self.tr("Competences this activity serves"))
        self.competences.setModel(self.competence_model)
        self.competences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = max(3, min(6, len(competences)))
        self.competences.setFixedHeight(self.competences.sizeHintForRow(0) * rows + 6)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("activityNotes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 10)

        self.form.addRow(self.tr("&Kind:"), self.kind)
        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Provider:"), self.provider)
        if template:
            self.form.addRow(self.tr("P&lanned:"), self.offset)
            self.planned_on.hide()
            self.undated.hide()
            self.notes.hide()
        else:
            label = QLabel(self.tr("P&lanned on:"), self)
            label.setBuddy(self.planned_on)  # a row of widgets gets no buddy by itself
            self.form.addRow(label, planned_row)
            self.offset.hide()
        self.form.addRow(self.tr("&Hours:"), self.hours)
        if competences:
            self.form.addRow(self.tr("&Competences:"), self.competences)
        else:
            self.competences.hide()
        if not template:
            self.form.addRow(self.tr("N&otes:"), self.notes)
        self._fields = {
            "title": self.title,
            "provider": self.provider,
            "planned_on": self.planned_on,
            "offset_months": self.offset,
            "hours": self.hours,
            "competences": self.competences,
            "notes": self.notes,
        }
        self._load(initial)
        self.setMinimumWidth(520)

    def _load(self, initial: ActivityInput | TemplateItemInput | None) -> None:
        initial = initial or (TemplateItemInput() if self._template else ActivityInput())
        self.kind.setCurrentIndex(max(0, self.kind.findData(initial.kind.value)))
        self.title.setText(initial.title)
        self.provider.setText(initial.provider)
        self.hours.setValue(initial.hours or 0.0)
        if isinstance(initial, TemplateItemInput):
            self.offset.setValue(initial.offset_months)
            wanted = set(initial.competence_codes)
            role = Qt.ItemDataRole.UserRole + 1
        else:
            # a new activity starts on the first of next month; an undated one stays undated
            today = date.today()
            first_of_next = date(today.year + today.month // 12, today.month % 12 + 1, 1)
            planned = initial.planned_on or first_of_next
            self.planned_on.setDate(to_qdate(planned))
            self.undated.setChecked(initial.planned_on is None and bool(initial.title))
            self.notes.setPlainText(initial.notes)
            wanted = set(initial.competence_ids)  # type: ignore[arg-type]
            role = Qt.ItemDataRole.UserRole
        for row in range(self.competence_model.rowCount()):
            item = self.competence_model.item(row)
            checked = item.data(role) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked(self, role: int = Qt.ItemDataRole.UserRole) -> tuple[Any, ...]:
        model = self.competence_model
        return tuple(
            model.item(row).data(role)
            for row in range(model.rowCount())
            if model.item(row).checkState() == Qt.CheckState.Checked
        )

    def _value(self) -> ActivityInput | TemplateItemInput:
        kind = ActivityKind(self.kind.currentData())
        hours = self.hours.value() or None
        if self._template:
            return TemplateItemInput(
                kind=kind,
                title=self.title.text(),
                provider=self.provider.text(),
                hours=hours,
                competence_codes=self.checked(Qt.ItemDataRole.UserRole + 1),
                offset_months=self.offset.value(),
            )
        return ActivityInput(
            kind=kind,
            title=self.title.text(),
            provider=self.provider.text(),
            planned_on=None if self.undated.isChecked() else from_qdate(self.planned_on.date()),
            hours=hours,
            competence_ids=self.checked(),
            notes=self.notes.toPlainText(),
        )

    def _store(self, value: Any) -> None:
        self._save_value(value)


class StatusDialog(FormDialog):
    """The day an activity was registered for, completed or cancelled."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        question: str,
        today: date,
        save: Callable[[date], None],
    ) -> None:
        super().__init__(parent, "statusDialog", title)
        self._save_date = save
        text = QLabel(question, self)
        text.setWordWrap(True)
        self.day = date_edit(self, "statusDate", self.tr("Date"), False)
        self.day.setDate(to_qdate(today))
        self.form.addRow(text)
        self.form.addRow(self.tr("&On:"), self.day)
        self._fields = {"status_date": self.day}
        self.setMinimumWidth(380)

    def _value(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def _store(self, value: date) -> None:
        self._save_date(value)


class AgreementDialog(FormDialog):
    """Who agreed the route (the UTQ supervisor) and when; unticked: not agreed."""

    def __init__(
        self,
        parent: QWidget | None,
        current: RouteAgreement,
        supervisor: str,
        today: date,
        save: Callable[[RouteAgreement], None],
    ) -> None:
        super().__init__(parent, "agreementDialog", "")
        self.setWindowTitle(self.tr("Route agreement"))
        self._save_agreement = save
        self.agreed = QCheckBox(self.tr("The route is &agreed with the UTQ supervisor"), self)
        self.agreed.setObjectName("routeAgreed")
        self.agreed_by = QLineEdit(current.agreed_by or supervisor, self)
        self.agreed_by.setObjectName("agreedBy")
        self.agreed_by.setAccessibleName(self.tr("Agreed by"))
        self.agreed_on = date_edit(self, "agreedOn", self.tr("Agreed on"), False)
        self.agreed_on.setDate(to_qdate(current.agreed_on or today))
        self.agreed.setChecked(True)
        self.agreed.toggled.connect(self.agreed_by.setEnabled)
        self.agreed.toggled.connect(self.agreed_on.setEnabled)
        self.agreed_by.setEnabled(self.agreed.isChecked())
        self.agreed_on.setEnabled(self.agreed.isChecked())
        self.form.addRow(self.agreed)
        self.form.addRow(self.tr("Agreed &by:"), self.agreed_by)
        self.form.addRow(self.tr("Agreed &on:"), self.agreed_on)
        hint = QLabel(
            self.tr("Later changes to the route stay visible in the Overview's timeline."), self
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self._fields = {"agreed_by": self.agreed_by, "agreed_on": self.agreed_on}
        self.setMinimumWidth(440)

    def _value(self) -> RouteAgreement:
        if not self.agreed.isChecked():
            return RouteAgreement()
        return RouteAgreement(self.agreed_by.text(), from_qdate(self.agreed_on.date()))

    def _store(self, value: RouteAgreement) -> None:
        self._save_agreement(value)


class RecognitionDialog(FormDialog):
    """Record a competence as recognised (a partial certificate from another university)."""

    def __init__(
        self,
        parent: QWidget | None,
        competence: str,
        current: Recognition | None,
        today: date,
        save: Callable[[Recognition], None],
    ) -> None:
        super().__init__(parent, "recognitionDialog", "")
        self.setWindowTitle(self.tr("Recognise a competence"))
        self._save_recognition = save
        label = QLabel(competence, self)
        label.setWordWrap(True)
        self.reason = QLineEdit(current.reason if current else "", self)
        self.reason.setObjectName("recognitionReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("e.g. partial certificate, Universiteit Utrecht"))
        self.reason.setMaxLength(300)
        self.on = date_edit(self, "recognitionDate", self.tr("Recognised on"), False)
        self.on.setDate(to_qdate(current.on if current else today))
        self.form.addRow(self.tr("Competence:"), label)
        self.form.addRow(self.tr("&Reason:"), self.reason)
        self.form.addRow(self.tr("Recognised &on:"), self.on)
        self._fields = {"reason": self.reason, "recognised_on": self.on}
        self.setMinimumWidth(460)

    def _value(self) -> Recognition:
        value = self.on.date()
        return Recognition(self.reason.text(), date(value.year(), value.month(), value.day()))

    def _store(self, value: Recognition) -> None:
        self._save_recognition(value)
