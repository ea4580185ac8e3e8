"""The audit timeline of one candidate as a read-only table model."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.services.dto import AuditEvent

from ui.formatting import format_date, format_timestamp, status_text
from ui.qt_types import ModelIndex

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FIELD_LABELS = {
    "staff_number": "Staff number",
    "initials": "Initials",
    "first_name": "First name",
    "prefix": "Prefix",
    "surname": "Surname",
    "email": "E-mail",
    "faculty": "Faculty",
    "department": "Department",
    "position": "Position",
    "fte": "FTE",
    "employment_start": "Employment start",
    "extension_months": "Extension (months)",
    "extension_reason": "Extension reason",
    "supervisor": "Supervisor",
    "status": "Status",
    "archived_at": "Archived",
}
ACTION_LABELS = {
    "create": "Created",
    "update": "Changed",
    "archive": "Archived",
    "restore": "Restored",
}
HEADERS = ("When", "Who", "What", "Change")


def field_label(field: str | None) -> str:
    if field is None:
        return ""
    return QCoreApplication.translate("AuditFields", FIELD_LABELS.get(field, field))


def value_text(field: str | None, value: str | None) -> str:
    if value is None or value == "":
        return "—"
    if field == "status":
        try:
            return status_text(TrajectoryStatus(value))
        except ValueError:
            return value
    if ISO_DATE.match(value):
        return format_date(date.fromisoformat(value))
    if field == "archived_at":
        return QCoreApplication.translate("AuditFields", "yes")
    return value


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEvent] = []

    def set_events(self, events: list[AuditEvent]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate("Timeline", HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        event = self._events[index.row()]
        column = index.column()
        if column == 0:
            return format_timestamp(event.at)
        if column == 1:
            return event.actor
        if column == 2:
            action = QCoreApplication.translate(
                "AuditActions", ACTION_LABELS.get(event.action, event.action)
            )
            label = field_label(event.field)
            return f"{action}: {label}" if label else action
        if event.field is None:
            return event.new_value or ""
        if event.action == "create":
            return value_text(event.field, event.new_value)
        old = value_text(event.field, event.old_value)
        new = value_text(event.field, event.new_value)
        return f"{old} → {new}"
