"""The candidate register as a table model that filters and sorts itself.

It holds every row once and shows an index list. Filtering and sorting run as one pass in
Python (utq_desktop.services.register_filter) rather than through QSortFilterProxyModel,
whose per-row Python callbacks are too slow at 50,000 candidates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from utq_desktop.domain.enums import DueState
from utq_desktop.services.dto import RegisterRow
from utq_desktop.services.register_filter import RegisterFilter, RegisterIndex, sort_order

from ui.formatting import (
    ALIGN_RIGHT,
    ARCHIVED_COLOR,
    date_format,
    due_color,
    format_date,
    intake_text,
    status_with_intake,
)
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
    Column("open_feedback", "Open feedback"),
    Column("email", "E-mail"),
)
COLUMN_INDEX = {column.key: position for position, column in enumerate(COLUMNS)}
COLORED_COLUMNS = frozenset({COLUMN_INDEX["name"], COLUMN_INDEX["deadline"]})
FEEDBACK_COLUMN = COLUMN_INDEX["open_feedback"]
TEXT_CACHE_ROWS = 2000


class CandidateTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._index = RegisterIndex([])
        self._rows: list[RegisterRow] = self._index.rows
        self._order: list[int] = []  # every row, in the current sort order
        self._visible: list[int] = []  # the rows that pass the filter, in that order
        self._filter = RegisterFilter()
        self._sort_key, self._descending = "name", False
        self._index_of_id: dict[int, int] = {}
        self._date_format = date_format()
        self._italic = QFont()
        self._italic.setItalic(True)
        self._text_cache: dict[int, tuple[str, ...]] = {}
        text = self._texts
        self._role_handlers: dict[int, Callable[[int, int], Any]] = {
            Qt.ItemDataRole.DisplayRole: lambda r, c: text(r)[c],
            Qt.ItemDataRole.AccessibleTextRole: lambda r, c: text(r)[c],
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Qt.ItemDataRole.FontRole: self._font,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            Qt.ItemDataRole.TextAlignmentRole: lambda _r, c: (
                ALIGN_RIGHT if c == FEEDBACK_COLUMN else None
            ),
            ID_ROLE: lambda r, _c: self._rows[r].id,
            ROW_ROLE: lambda r, _c: self._rows[r],
        }

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
        # Called for every role of every painted cell: unhandled roles leave at once.
        handler = self._role_handlers.get(role)
        if handler is None:
            return None
        position = index.row()
        if not 0 <= position < len(self._visible):
            return None
        return handler(self._visible[position], index.column())

    def _texts(self, row_index: int) -> tuple[str, ...]:
        """All display texts of one row, made once and kept until the row changes."""
        texts = self._text_cache.get(row_index)
        if texts is None:
            row = self._rows[row_index]
            texts = tuple(self._display(row, column.key) for column in COLUMNS)
            if len(self._text_cache) > TEXT_CACHE_ROWS:
                self._text_cache.clear()
            self._text_cache[row_index] = texts
        return texts

    def _foreground(self, row_index: int, column: int) -> QColor | None:
        row = self._rows[row_index]
        if row.archived:
            return ARCHIVED_COLOR
        return due_color(row.due_state) if column in COLORED_COLUMNS else None

    def _font(self, row_index: int, _column: int) -> QFont | None:
        return self._italic if self._rows[row_index].archived else None

    def _tooltip(self, row_index: int, column: int) -> str | None:
        row = self._rows[row_index]
        if column == COLUMN_INDEX["deadline"] and row.deadline:
            return QCoreApplication.translate("DueState", row.due_state.label)
        if column == FEEDBACK_COLUMN and row.unresolved_feedback:
            return QCoreApplication.translate(
                "Register", "Unresolved feedback on the dossier: {n}"
            ).format(n=row.unresolved_feedback)
        if column == COLUMN_INDEX["status"]:
            if row.intake_completed_on is not None:
                return QCoreApplication.translate("Register", "Intake completed on {date}").format(
                    date=format_date(row.intake_completed_on, self._date_format)
                )
            return QCoreApplication.translate("Register", "Intake: {state}").format(
                state=intake_text(row.intake_state)
            )
        return None

    def _display(self, row: RegisterRow, key: str) -> str:
        if key == "status":
            text = status_with_intake(row.status, row.intake_state)
            return (
                text + QCoreApplication.translate("Register", " (archived)")
                if row.archived
                else text
            )
        if key in ("employment_start", "deadline"):
            return format_date(getattr(row, key), self._date_format)
        if key == "open_feedback":
            return str(row.unresolved_feedback) if row.unresolved_feedback else ""
        return str(getattr(row, key) if key != "name" else row.full_name)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_key = COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        old_visible = list(self._visible)
        self._order = sort_order(self._rows, self._sort_key, self._descending)
        self._visible = self._index.select(self._order, self._filter)
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
        self._text_cache.clear()
        self._index = RegisterIndex(rows)
        self._rows = self._index.rows
        self._index_of_id = {row.id: i for i, row in enumerate(self._rows)}
        self._order = sort_order(self._rows, self._sort_key, self._descending)
        self._visible = self._index.select(self._order, self._filter)
        self.endResetModel()

    def set_filter(self, register_filter: RegisterFilter, force: bool = False) -> None:
        if register_filter == self._filter and not force:
            return
        narrows = not force and register_filter.narrows(self._filter)
        self.beginResetModel()
        # typing on narrows the shown rows: search only those, not all 50,000
        self._visible = self._index.select(
            self._visible if narrows else self._order, register_filter
        )
        self._filter = register_filter
        self.endResetModel()

    @property
    def current_filter(self) -> RegisterFilter:
        return self._filter

    def update_row(self, row: RegisterRow) -> None:
        """Replace one candidate's row; a new candidate is added and shown.

        A shown candidate who no longer matches the filter after a change (granted an
        exemption while the list shows who is overdue) stays shown, and selected, until the
        filter or search changes: the coordinator is still working on them. An archived
        one leaves at once.
        """
        index = self._index_of_id.get(row.id)
        if index is None:
            self._index.append(row)
            self.set_rows(self._rows)
            return
        self._index.replace(index, row)
        self._text_cache.pop(index, None)
        visible_row = self.row_of_id(row.id)
        stays = visible_row is not None and not row.archived
        if (visible_row is not None) != self._filter.accepts(row) and not stays:
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
