"""The candidate register as a table model that filters and sorts itself.

It holds every row once and shows an index list. Filtering and sorting run as one pass in
Python (utq_desktop.services.register_filter) rather than through QSortFilterProxyModel,
whose per-row Python callbacks are too slow at 50,000 candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from utq_desktop.domain.enums import DueState
from utq_desktop.services.dto import RegisterRow
from utq_desktop.services.register_filter import RegisterFilter, select_rows, sort_order

from ui.formatting import ARCHIVED_COLOR, date_format, due_color, format_date, status_text
from ui.qt_types import ModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # translated at display time (context "RegisterColumns")


COLUMNS: tuple[Column, ...] = (
    Column("name", "Name"),
    Column("staff_number", "Staff no."),
    Column("faculty", "Faculty"),
    Column("department", "Department"),
    Column("status", "Status"),
    Column("employment_start", "Started"),
    Column("deadline", "Deadline"),
    Column("supervisor", "Supervisor"),
    Column("email", "E-mail"),
)
COLUMN_INDEX = {column.key: position for position, column in enumerate(COLUMNS)}


class CandidateTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RegisterRow] = []
        self._order: list[int] = []  # every row, in the current sort order
        self._visible: list[int] = []  # the rows that pass the filter, in that order
        self._filter = RegisterFilter()
        self._sort_key, self._descending = "name", False
        self._index_of_id: dict[int, int] = {}
        self._date_format = date_format()
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

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
            return QCoreApplication.translate("RegisterColumns", COLUMNS[section].title)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        row = self._rows[self._visible[index.row()]]
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.archived:
                return ARCHIVED_COLOR
            if key in ("deadline", "name"):
                return due_color(row.due_state)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if row.archived else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "deadline" and row.deadline:
            return QCoreApplication.translate("DueState", row.due_state.label)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, key)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: RegisterRow, key: str) -> str:
        if key == "status":
            text = status_text(row.status)
            return (
                text + QCoreApplication.translate("Register", " (archived)")
                if row.archived
                else text
            )
        if key in ("employment_start", "deadline"):
            return format_date(getattr(row, key), self._date_format)
        return str(getattr(row, key) if key != "name" else row.full_name)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_key = COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        old_visible = list(self._visible)
        self._order = sort_order(self._rows, self._sort_key, self._descending)
        self._visible = select_rows(self._rows, self._order, self._filter)
        self._move_persistent_indexes(old_visible)
        self.layoutChanged.emit()

    def _move_persistent_indexes(self, old_visible: list[int]) -> None:
        position = {row: i for i, row in enumerate(self._visible)}
        old, new = [], []
        for index in self.persistentIndexList():
            old.append(index)
            moved = (
                position.get(old_visible[index.row()]) if index.row() < len(old_visible) else None
            )
            new.append(QModelIndex() if moved is None else self.index(moved, index.column()))
        self.changePersistentIndexList(old, new)

    # --- our interface --------------------------------------------------------------------

    def set_rows(self, rows: list[RegisterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._index_of_id = {row.id: i for i, row in enumerate(self._rows)}
        self._order = sort_order(self._rows, self._sort_key, self._descending)
        self._visible = select_rows(self._rows, self._order, self._filter)
        self.endResetModel()

    def set_filter(self, register_filter: RegisterFilter, force: bool = False) -> None:
        if register_filter == self._filter and not force:
            return
        self.beginResetModel()
        self._filter = register_filter
        self._visible = select_rows(self._rows, self._order, self._filter)
        self.endResetModel()

    @property
    def current_filter(self) -> RegisterFilter:
        return self._filter

    def update_row(self, row: RegisterRow) -> None:
        """Replace one candidate's row; a new candidate is added and shown."""
        index = self._index_of_id.get(row.id)
        if index is None:
            self._rows.append(row)
            self._index_of_id[row.id] = len(self._rows) - 1
            self.set_rows(self._rows)
            return
        self._rows[index] = row
        visible_row = self.row_of_id(row.id)
        if (visible_row is not None) != self._filter.predicate()(row):
            self.set_filter(self._filter, force=True)  # it joins or leaves the shown rows
        elif visible_row is not None:
            self.dataChanged.emit(
                self.index(visible_row, 0), self.index(visible_row, len(COLUMNS) - 1)
            )

    def row_of_id(self, candidate_id: int) -> int | None:
        index = self._index_of_id.get(candidate_id)
        if index is None:
            return None
        try:
            return self._visible.index(index)
        except ValueError:
            return None

    def row_at(self, visible_row: int) -> RegisterRow | None:
        if 0 <= visible_row < len(self._visible):
            return self._rows[self._visible[visible_row]]
        return None

    def total(self) -> int:
        return len(self._rows)

    def summary(self) -> tuple[int, int, int]:
        """(shown, overdue among shown, due soon among shown)."""
        overdue = due_soon = 0
        for index in self._visible:
            state = self._rows[index].due_state
            if state is DueState.OVERDUE:
                overdue += 1
            elif state is DueState.DUE_SOON:
                due_soon += 1
        return len(self._visible), overdue, due_soon
