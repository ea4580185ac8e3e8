"""The evidence list: one line per item, filtered by competence and text, sortable.

A dossier may hold hundreds of items: texts are made when a cell is painted, filtering and
sorting are one pass in Python over the item tuples (no proxy model callbacks per row).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from utq_desktop.domain.names import fold
from utq_desktop.services.portfolio_dto import EvidenceItem

from ui.detail.portfolio.base_model import RowsModel
from ui.detail.portfolio.texts import OPEN_FEEDBACK_COLOR, codes_text, kind_text
from ui.formatting import date_format, format_date

COLUMNS = ("Date", "Title", "Kind", "Shows", "Files", "Feedback")
DATE, TITLE, KIND, SHOWS, FILES, FEEDBACK = range(len(COLUMNS))
DESCRIPTION_TIP = 400  # characters of the description in a tooltip


def _sort_key(column: int) -> Any:
    keys = {
        DATE: lambda i: (i.data.made_on or date.min, i.id),
        TITLE: lambda i: (fold(i.title), i.id),
        KIND: lambda i: (kind_text(i.kind), fold(i.title)),
        SHOWS: lambda i: (codes_text(i.data.competence_codes, i.data.criterion_codes), i.id),
        FILES: lambda i: (len(i.attachments), i.id),
        FEEDBACK: lambda i: (i.open_feedback, i.id),
    }
    return keys[column]


class EvidenceModel(RowsModel):
    HEADERS = COLUMNS
    CONTEXT = "PortfolioEvidence"
    RIGHT_ALIGNED = frozenset({FILES, FEEDBACK})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[EvidenceItem] = []
        self._text = ""
        self._competence = ""
        self._sort: tuple[int, bool] | None = None  # None: as the service gives them
        self._folded: dict[int, str] = {}
        self._date_format = date_format()

    def set_rows(self, rows: Sequence[EvidenceItem]) -> None:
        self._all = list(rows)
        self._folded = {}
        super().set_rows(self._select())

    def set_filter(self, text: str = "", competence: str = "") -> None:
        if (fold(text), competence) == (self._text, self._competence):
            return
        self._text, self._competence = fold(text), competence
        super().set_rows(self._select())

    def total(self) -> int:
        return len(self._all)

    def filtered(self) -> bool:
        return bool(self._text or self._competence)

    def _select(self) -> list[EvidenceItem]:
        chosen = self._all
        if self._competence:
            code = self._competence
            chosen = [i for i in chosen if code in i.competences or code in i.data.criterion_codes]
        for token in self._text.split():
            chosen = [i for i in chosen if token in self._search_key(i)]
        if self._sort is not None:
            column, descending = self._sort
            chosen = sorted(chosen, key=_sort_key(column), reverse=descending)
        return list(chosen)

    def _search_key(self, item: EvidenceItem) -> str:
        key = self._folded.get(item.id)
        if key is None:
            names = " ".join(a.name for a in item.attachments)
            key = fold(f"{item.title} {item.data.description} {names}")
            self._folded[item.id] = key
        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if i.row() < len(self._rows) else None for i in persistent]
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._rows = self._select()
        self._texts = {}
        position = {item.id: row for row, item in enumerate(self._rows)}
        moved = [
            self.index(position[i], index.column()) if i in position else index
            for i, index in zip(ids, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # --- cells ----------------------------------------------------------------------------

    def text(self, row: EvidenceItem, column: int) -> str:
        if column == DATE:
            return format_date(row.data.made_on, self._date_format)
        if column == TITLE:
            return row.title
        if column == KIND:
            return kind_text(row.kind)
        if column == SHOWS:
            return codes_text(row.data.competence_codes, row.data.criterion_codes)
        if column == FILES:
            return str(len(row.attachments)) if row.attachments else ""
        return str(row.open_feedback) if row.open_feedback else ""

    def accessible(self, row: EvidenceItem, column: int) -> str:
        if column == FILES:
            return self.tr_("Files: %n", len(row.attachments))
        if column == FEEDBACK:
            return self.tr_("Open feedback: %n", row.open_feedback)
        return self.text(row, column)

    def tooltip(self, row: EvidenceItem, column: int) -> str | None:
        if column == FILES and row.attachments:
            return "\n".join(a.name for a in row.attachments)
        if column == FEEDBACK and row.open_feedback:
            return self.tr_("Unresolved feedback: %n", row.open_feedback)
        description = row.data.description
        if len(description) > DESCRIPTION_TIP:
            description = description[:DESCRIPTION_TIP] + "…"
        return f"{row.title}\n\n{description}" if description else row.title

    def foreground(self, row: EvidenceItem, column: int) -> QColor | None:
        return OPEN_FEEDBACK_COLOR if column == FEEDBACK and row.open_feedback else None
