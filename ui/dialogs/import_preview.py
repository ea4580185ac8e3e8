"""The import preview: one line per staff-list row, rejected rows highlighted with why."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from utq_desktop.services.import_plan import Outcome, PlannedRow

from ui.formatting import ALIGN_RIGHT, date_format, format_date
from ui.qt_types import ModelIndex

HEADERS = (
    "Row",
    "Result",
    "Staff number",
    "Name",
    "Faculty",
    "Department",
    "Employment start",
    "Problem or change",
)
ROW, RESULT, STAFF, NAME, FACULTY, DEPARTMENT, START, DETAILS = range(len(HEADERS))
REJECTED_BACKGROUND = QColor("#fbe3e1")
REJECTED_TEXT = QColor("#8e1b14")
UPDATED_BACKGROUND = QColor("#fff3d6")
PLANNED_ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def outcome_text(outcome: Outcome) -> str:
    return QCoreApplication.translate("ImportOutcome", outcome.label)


def details(row: PlannedRow) -> str:
    if row.problems:
        return "; ".join(f"{p.column}: {p.reason}" if p.column else p.reason for p in row.problems)
    return row.change_text()


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PlannedRow] = []
        self._shown: list[PlannedRow] = []
        self._only_rejected = False
        self._date_format = date_format()
        self._brushes = {
            Outcome.REJECTED: (QBrush(REJECTED_BACKGROUND), QBrush(REJECTED_TEXT)),
            Outcome.UPDATED: (QBrush(UPDATED_BACKGROUND), None),
        }

    def set_rows(self, rows: list[PlannedRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._shown = self._filtered()
        self.endResetModel()

    def set_only_rejected(self, only: bool) -> None:
        self.beginResetModel()
        self._only_rejected = only
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[PlannedRow]:
        if not self._only_rejected:
            return self._rows
        return [row for row in self._rows if row.outcome is Outcome.REJECTED]

    def planned_row(self, position: int) -> PlannedRow:
        return self._shown[position]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

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
            return QCoreApplication.translate("ImportPreview", HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row = self._shown[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = details(row)
            return text or None
        if role == Qt.ItemDataRole.BackgroundRole:
            brushes = self._brushes.get(row.outcome)
            return brushes[0] if brushes else None
        if role == Qt.ItemDataRole.ForegroundRole:
            brushes = self._brushes.get(row.outcome)
            return brushes[1] if brushes else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return ALIGN_RIGHT
        if role == PLANNED_ROW_ROLE:
            return row
        return None

    def _text(self, row: PlannedRow, column: int) -> str:
        if column == ROW:
            return str(row.row)
        if column == RESULT:
            return outcome_text(row.outcome)
        if column == STAFF:
            return row.staff_number
        if column == NAME:
            return row.name
        if column == DETAILS:
            return details(row)
        key = {FACULTY: "faculty", DEPARTMENT: "department", START: "employment_start"}[column]
        value = row.values.get(key)
        if isinstance(value, date):
            return format_date(value, self._date_format)
        return "" if value is None else str(value)
