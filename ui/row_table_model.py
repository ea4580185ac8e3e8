"""A read-only table model over a list of frozen DTOs, one per row, replaced wholesale
after each reload (so there are no partial updates to get wrong). Subclasses name their
columns in HEADERS (translated at display time in CONTEXT) and answer ``data``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from ui.qt_types import ModelIndex

T = TypeVar("T")


class RowTableModel(QAbstractTableModel, Generic[T]):
    CONTEXT = ""
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int | None:
        """Where the row with this ``id`` stands (for rows that have one)."""
        return next((i for i, r in enumerate(self._rows) if getattr(r, "id", None) == row_id), None)

    def headers(self) -> Sequence[str]:
        """The untranslated column titles; HEADERS unless the columns are chosen per model."""
        return self.HEADERS

    def row_in(self, index: ModelIndex) -> T | None:
        """The row of a valid index inside the table, else None (for ``data``)."""
        if not index.isValid() or not 0 <= index.column() < len(self.headers()):
            return None
        return self.row_at(index.row())

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        headers = self.headers()
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(headers)
        ):
            return QCoreApplication.translate(self.CONTEXT, headers[section])
        return None
