"""The Assessment tab's "Objection and appeal" box: the appeal cases against the round's
result in a table, with the buttons to file one, set its hearing and record its outcome."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.assessment_dto import AppealView

from ui.detail.assessment.models import APPEAL_HEADERS, AppealTableModel

GROUNDS_COLUMN = APPEAL_HEADERS.index("Grounds")


def read_only_table(parent: QWidget, name: str, accessible: str) -> QTableView:
    """A row-selecting, read-only table without row numbers; long text is elided."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    return table


class AppealSection(QGroupBox):
    """Dates and outcome sized to their contents; Grounds takes the rest of the width and
    is elided (the full grounds are the row's tooltip), so the table need not scroll
    sideways."""

    def __init__(
        self,
        title: str,
        accessible: str,
        actions: Sequence[QAction],
        button: Callable[[QAction], QWidget],
        parent: QWidget,
    ) -> None:
        super().__init__(title, parent)
        self.model = AppealTableModel(self)
        self.table = read_only_table(self, "assessmentAppeals", accessible)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMaximumHeight(110)
        buttons = QHBoxLayout()
        for action in actions:
            buttons.addWidget(button(action))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_appeals(self, appeals: tuple[AppealView, ...]) -> None:
        self.model.set_appeals(appeals)
        # a model reset drops per-section modes: set Grounds' again
        self.table.horizontalHeader().setSectionResizeMode(
            GROUNDS_COLUMN, QHeaderView.ResizeMode.Stretch
        )
