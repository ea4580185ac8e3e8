"""Pieces the intake tab's sections and dialogs share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import StaleEditError, UtqError, ValidationError
from utq_desktop.services.dto import IntakeDetail, SectionChange

from ui.formatting import date_format, format_timestamp
from ui.messages import ask_reload, error_text

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: palette(placeholder-text);"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def fit_rows(table: QTableView, rows: int) -> None:
    """Make a table inside the scrolling tab exactly ``rows`` lines high (one scroll area
    inside another is awkward): header, lines, and room for a horizontal scroll bar."""
    scroll_bar = (
        0
        if table.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        else table.horizontalScrollBar().sizeHint().height()
    )
    table.setFixedHeight(
        table.horizontalHeader().sizeHint().height()
        + table.verticalHeader().defaultSectionSize() * rows
        + scroll_bar
        + 2 * table.frameWidth()
    )


class FirstColumnTable(QTableView):
    """A table whose first column takes the room the others leave, but never less than
    ``minimum`` pixels (then the table scrolls sideways instead of eliding it to nothing)."""

    def __init__(self, minimum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minimum = minimum

    def fit_first_column(self) -> None:
        model = self.model()
        if model is None or model.columnCount() == 0:
            return
        others = sum(self.columnWidth(c) for c in range(1, model.columnCount()))
        self.setColumnWidth(0, max(self._minimum, self.viewport().width() - others))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_first_column()


class DateField(QWidget):
    """A date that may be unknown: a tick box that switches a date editor on.

    Ticking it starts at today. ``objectName`` is the field's name (for error messages);
    the parts are ``<name>_set`` and ``<name>_date``.
    """

    changed = Signal()

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.check = QCheckBox(self)
        self.check.setObjectName(f"{name}_set")
        self.check.setAccessibleName(self.tr("{what} known").format(what=accessible))
        self.check.setToolTip(self.tr("Tick to enter the date"))
        self.edit = QDateEdit(self)
        self.edit.setObjectName(f"{name}_date")
        self.edit.setAccessibleName(accessible)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(date_format())
        self.edit.setDate(QDate.currentDate())
        self.none = QLabel(self.tr("not set"), self)
        self.none.setStyleSheet(NOTE_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addWidget(self.none)
        layout.addStretch(1)
        self.setFocusProxy(self.check)
        self._show_state(False)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(self.changed)

    def _toggled(self, on: bool) -> None:
        self._show_state(on)
        if on:
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _show_state(self, on: bool) -> None:
        self.edit.setEnabled(on)
        self.edit.setVisible(on)
        self.none.setVisible(not on)
        self.setFocusProxy(self.edit if on else self.check)

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.edit.setDate(to_qdate(value) if value else QDate.currentDate())
        self.check.blockSignals(True)
        self.check.setChecked(value is not None)
        self.check.blockSignals(False)
        self._show_state(value is not None)
        self.changed.emit()


def changed_text(change: SectionChange | None) -> str:
    if change is None:
        return ""
    return QCoreApplication.translate("IntakeTab", "Last changed by {who}, {when}").format(
        who=change.actor, when=format_timestamp(change.at)
    )


class SectionBox(QGroupBox):
    """A part of the intake: its content, who changed it last, and its buttons."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.body = QVBoxLayout()
        self.changed_label = QLabel(self)
        self.changed_label.setObjectName(f"{name}Changed")
        self.changed_label.setStyleSheet(NOTE_STYLE)
        self.changed_label.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addWidget(self.changed_label)
        layout.addLayout(self.buttons)

    def action_button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def tool_button(self, name: str, text: str, slot: Callable[[], None]) -> QToolButton:
        """A compact button, for actions on a detail (the CV document)."""
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    def show_change(self, change: SectionChange | None) -> None:
        text = changed_text(change)
        self.changed_label.setText(text)
        self.changed_label.setVisible(bool(text))

    @staticmethod
    def value_label(parent: QWidget, name: str, accessible: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


class IntakeDialog(QDialog):
    """Edit one part of the intake. Invalid input keeps the dialog open with the field
    marked; a colleague's save in between is refused, with their version on offer."""

    def __init__(self, services: Services, detail: IntakeDetail, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.services = services
        self.detail = detail
        self.saved_version = 0
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
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
        self.setMinimumWidth(520)

    def set_title(self, template: str) -> None:
        """``template`` names the candidate as {name}."""
        self.setWindowTitle(template.format(name=self.detail.candidate_name))

    def fill(self, detail: IntakeDetail) -> None:
        raise NotImplementedError

    def save(self) -> int:
        """Save through the service; returns the intake's new version."""
        raise NotImplementedError

    def _save(self) -> None:
        try:
            self.saved_version = self.save()
        except ValidationError as error:
            self.show_error(str(error), error.field)
            return
        except StaleEditError as error:
            self._offer_reload(str(error))
            return
        except UtqError as error:
            self.show_error(error_text(error), None)
            return
        self.accept()

    def show_error(self, message: str, field: str | None) -> None:
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
                "Reloading replaces what you entered with the saved data. "
                "Cancel keeps your input so you can copy it."
            ),
        )
        if wants_reload:
            try:
                self.detail = self.services.intake.detail(self.detail.candidate_id)
            except UtqError as error:
                self.show_error(error_text(error), None)
                return
            self.fill(self.detail)
            self.error.hide()
