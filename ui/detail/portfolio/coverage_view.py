"""The coverage matrix on screen: tiles per criterion, a legend with counts, and the
supervisor's state actions (context menu, keys 1–4 and 0, or the State button)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from utq_desktop.domain.portfolio import SUPERVISOR_STATES, CriterionState
from utq_desktop.services.portfolio_dto import DossierContent

from ui.detail.portfolio.coverage_model import CRITERION_ROLE, CoverageModel
from ui.detail.portfolio.texts import STATE_COLORS, STATE_MARKS, state_text

COMPETENCE_WIDTH = 170  # px for the competence names; the criteria share the rest


class TileDelegate(QStyledItemDelegate):
    """Paints a criterion as a coloured tile: its mark and code, and its state in words."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        criterion = index.data(CRITERION_ROLE)
        if criterion is None:
            super().paint(painter, option, index)
            return
        fill, ink = STATE_COLORS[criterion.state]
        rect = QRectF(option.rect).adjusted(2, 2, -2, -2)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(option.palette.highlight().color() if selected else ink.lighter(160))  # type: ignore[attr-defined]
        pen.setWidthF(3.0 if selected else 1.0)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(ink)
        half = rect.height() / 2
        top = QRectF(rect.left() + 4, rect.top() + 2, rect.width() - 8, half - 2)
        bottom = QRectF(rect.left() + 4, rect.top() + half, rect.width() - 8, half - 2)
        metrics = painter.fontMetrics()
        code = f"{STATE_MARKS[criterion.state]} {criterion.code}"
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            metrics.elidedText(code, Qt.TextElideMode.ElideRight, int(top.width())),
        )
        font.setBold(False)
        font.setPointSizeF(font.pointSizeF() * 0.9)
        painter.setFont(font)
        label = painter.fontMetrics().elidedText(
            state_text(criterion.state), Qt.TextElideMode.ElideRight, int(bottom.width())
        )
        painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 64), size.height())


class CoverageMatrix(QTableView):
    """Arrow keys move between criteria; 1–4 set a state, 0 makes it automatic again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioCoverage")
        self.setAccessibleName(self.tr("Coverage matrix"))
        self.coverage = CoverageModel(self)
        self.setModel(self.coverage)
        self.setItemDelegate(TileDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().setVisible(False)
        self.verticalHeader().setVisible(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 14)  # two lines
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.state_actions: dict[CriterionState | None, QAction] = {}

    def add_state_actions(
        self, set_state: Callable[[CriterionState | None], None], edit: Callable[[], None]
    ) -> list[QAction]:
        """The menu entries (and keys) that set the selected criterion's state."""
        actions = []
        for key, state in enumerate((*SUPERVISOR_STATES, None), start=1):
            text = state_text(state) if state else self.tr("Automatic (from the evidence)")
            action = QAction(f"{STATE_MARKS[state]}  {text}" if state else text, self)
            action.setObjectName(f"coverageState_{state.value if state else 'automatic'}")
            action.setShortcut(QKeySequence(str(key % 5)))  # 1–4, and 0 for automatic
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _c=False, s=state: set_state(s))
            self.addAction(action)
            self.state_actions[state] = action
            actions.append(action)
        note = QAction(self.tr("State with a &note…"), self)
        note.setObjectName("coverageStateNote")
        note.setShortcut(QKeySequence("Ctrl+Return"))
        note.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        note.triggered.connect(lambda _c=False: edit())
        self.addAction(note)
        actions.append(note)
        return actions

    def show_content(self, content: DossierContent | None) -> None:
        current = self.coverage.criterion_at(self.currentIndex())
        self.coverage.set_competences(content.competences if content else ())
        self.fit_columns()
        self.fit_height()
        if current is not None:
            index = self.coverage.index_of(current.code)
            if index.isValid():
                self.setCurrentIndex(index)

    def fit_columns(self) -> None:
        columns = self.coverage.columnCount()
        if columns == 0:
            return
        width = self.viewport().width()
        first = min(COMPETENCE_WIDTH, max(110, width // 3))
        self.setColumnWidth(0, first)
        tile = max(48, (width - first) // max(1, columns - 1))
        for column in range(1, columns):
            self.setColumnWidth(column, tile)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_height(self) -> None:
        """Up to as high as its rows (a framework has a handful of competences); in a small
        window it scrolls, down to two rows."""
        row = self.verticalHeader().defaultSectionSize()
        frame = 2 * self.frameWidth()
        self.setMinimumHeight(row * min(2, max(self.coverage.rowCount(), 1)) + frame)
        self.setMaximumHeight(row * max(self.coverage.rowCount(), 1) + frame)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.maximumHeight())


def legend_html(content: DossierContent | None) -> str:
    """Every state as a coloured chip with its mark, name and count."""
    counts = content.state_counts if content else {}
    chips = []
    for state in CriterionState:
        fill, ink = STATE_COLORS[state]
        label = html.escape(state_text(state)).replace(" ", "&nbsp;")  # a chip never breaks
        chips.append(
            f"<span style='background-color:{fill.name()}; color:{ink.name()};'>"
            f"&nbsp;{STATE_MARKS[state]}&nbsp;{label}&nbsp;</span>&nbsp;{counts.get(state, 0)}"
        )
    return " &nbsp; ".join(chips)


def legend_text(content: DossierContent | None) -> str:
    """The legend in words, for screen readers: 'No evidence: 11, In progress: 3, …'."""
    counts = content.state_counts if content else {}
    return ", ".join(f"{state_text(state)}: {counts.get(state, 0)}" for state in CriterionState)
