"""A read-only table model over a list of frozen DTOs: the shape every portfolio list shares.

Subclasses name their columns (translated at display time) and say how a row reads in a
column; ROW_ROLE gives the DTO, ID_ROLE its id. Rows are replaced wholesale after each
reload (a dossier is read in one go), so there are no partial updates to get wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ui.qt_types import ModelIndex
from ui.row_table_model import RowTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        ROW_ROLE,
        ID_ROLE,
    }
)


class RowsModel(RowTableModel[Any]):
    CONTEXT = "Portfolio"
    RIGHT_ALIGNED: frozenset[int] = frozenset()
    EXTRA_ROLES: frozenset[int] = frozenset()  # roles ``extra`` answers

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._texts: dict[int, tuple[str, ...]] = {}  # row → its cells' texts, made once

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = {}
        self.endResetModel()

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # called for every role of every painted cell: the others leave at once
        if role not in _ROLES and role not in self.EXTRA_ROLES:
            return None
        row = self.row_in(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(index.row())
            if texts is None:
                texts = tuple(self.text(row, c) for c in range(len(self.HEADERS)))
                self._texts[index.row()] = texts
            return texts[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_ALIGNED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return self.extra(row, column, role)

    # --- what subclasses say --------------------------------------------------------------

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def accessible(self, row: Any, column: int) -> str:
        return self.text(row, column)

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    def foreground(self, row: Any, column: int) -> QColor | None:
        return None

    def extra(self, row: Any, column: int, role: int) -> Any:
        return None

    @classmethod
    def tr_(cls, text: str, n: int = -1) -> str:
        return QCoreApplication.translate(cls.CONTEXT, text, None, n)
