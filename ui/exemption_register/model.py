"""The exemption register as a table: every case with its candidate, faculty, ground,
status, filing day, days open and next action; filtered by faculty and status and sorted
through ExemptionFilterModel (a proxy), so the rows themselves stay as loaded."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from utq_desktop.domain.exemption import CaseStatus
from utq_desktop.domain.names import fold
from utq_desktop.services.exemption_dto import ExemptionRegisterRow

from ui.detail.exemption.texts import (
    case_status_text,
    ground_short_text,
    next_action_text,
    status_color,
)
from ui.formatting import ALIGN_RIGHT, ARCHIVED_COLOR, NO_VALUE, format_date
from ui.qt_types import ModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (
    ("candidate", "Candidate"),
    ("staff_number", "Staff no."),
    ("faculty", "Faculty"),
    ("ground", "Ground"),
    ("status", "Status"),
    ("advisor", "Exemption advisor"),
    ("filed_on", "Filed on"),
    ("days_open", "Days open"),
    ("next_action", "Next action"),
)
COLUMN_INDEX = {key: index for index, (key, _label) in enumerate(COLUMNS)}


class StatusFilter(StrEnum):
    """The status choices above the register, besides every single status."""

    OPEN = "open"
    CLOSED = "closed"


class ExemptionRegisterModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ExemptionRegisterRow] = []
        self.today = date.today()

    def set_rows(self, rows: list[ExemptionRegisterRow], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = today
        self.endResetModel()

    def row_at(self, row: int) -> ExemptionRegisterRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[ExemptionRegisterRow]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return QCoreApplication.translate("ExemptionRegister", COLUMNS[section][1])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key) or NO_VALUE  # e.g. no advisor yet: just filed
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text(row, key) or None
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self._sort_key(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "days_open":
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.archived:
                return ARCHIVED_COLOR
            if key == "status":
                return status_color(row.status, row.decision)
        return None

    def _text(self, row: ExemptionRegisterRow, key: str) -> str:
        if key == "candidate":
            if row.archived:
                return QCoreApplication.translate("ExemptionRegister", "{name} (archived)").format(
                    name=row.candidate_name
                )
            return row.candidate_name
        if key == "ground":
            return ground_short_text(row.ground)
        if key == "status":
            return case_status_text(row.status, row.decision)
        if key == "filed_on":
            return format_date(row.filed_on)
        if key == "days_open":
            return str(row.days_open)
        if key == "next_action":
            return next_action_text(row.status, row.meeting_on, self.today)
        return str(getattr(row, key))

    def _sort_key(self, row: ExemptionRegisterRow, key: str) -> Any:
        if key == "candidate":
            return row.sort_name
        if key == "filed_on":
            return row.filed_on.toordinal()
        if key == "days_open":
            return row.days_open
        if key == "status":
            return list(CaseStatus).index(row.status)
        return fold(self._text(row, key))


class ExemptionFilterModel(QSortFilterProxyModel):
    """Filter by faculty (None: all) and status (None: all, OPEN, CLOSED or one status)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._faculty: str | None = None
        self._status: str | None = None

    def set_filter(self, faculty: str | None, status: str | None) -> None:
        self.beginFilterChange()
        self._faculty, self._status = faculty, status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        row = model.row_at(source_row) if isinstance(model, ExemptionRegisterModel) else None
        if row is None:
            return False
        if self._faculty is not None and row.faculty != self._faculty:
            return False
        if self._status == StatusFilter.OPEN:
            return not row.status.closed
        if self._status == StatusFilter.CLOSED:
            return row.status.closed
        return self._status is None or row.status == self._status

    def rows(self) -> list[ExemptionRegisterRow]:
        """The rows shown, in the order shown."""
        found = []
        for proxy_row in range(self.rowCount()):
            row = self.mapToSource(self.index(proxy_row, 0)).data(ROW_ROLE)
            if row is not None:
                found.append(row)
        return found
