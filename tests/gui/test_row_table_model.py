"""ui.row_table_model: the shared base of the read-only DTO tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ui.qt_types import ModelIndex
from ui.row_table_model import RowTableModel


@dataclass(frozen=True)
class _Row:
    id: int
    name: str


class _Model(RowTableModel[_Row]):
    CONTEXT = "Test"
    HEADERS = ("Id", "Name")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_in(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(row.id) if index.column() == 0 else row.name


def test_rows_headers_and_lookups(qtmodeltester) -> None:
    model = _Model()
    qtmodeltester.check(model)
    model.set_rows([_Row(3, "Ayşe"), _Row(5, "Bram")])
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert model.headerData(2, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.index(1, 1).data() == "Bram"
    assert model.row_of(5) == 1 and model.row_of(4) is None
    assert model.row_at(2) is None and model.row_at(-1) is None
    assert model.row_in(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    model.set_rows([])
    assert model.rowCount() == 0 and model.row_at(0) is None
