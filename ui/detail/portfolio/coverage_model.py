"""The coverage matrix as a table model: one row per competence, its criteria side by side.

Column 0 names the competence (and, when it is recognised, why); columns 1… are its
criteria, each cell coloured by its state (BackgroundRole / ForegroundRole) *and* saying
it in words (the state's mark and name), so the matrix never relies on colour alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from utq_desktop.domain.portfolio import CriterionState
from utq_desktop.services.portfolio_dto import CompetenceCoverage, CriterionCoverage

from ui.detail.portfolio.texts import STATE_COLORS, STATE_MARKS, state_text
from ui.formatting import format_date
from ui.qt_types import ModelIndex

CRITERION_ROLE = Qt.ItemDataRole.UserRole + 10
COMPETENCE_ROLE = Qt.ItemDataRole.UserRole + 11
STATE_ROLE = Qt.ItemDataRole.UserRole + 12


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("PortfolioCoverage", text, None, n)


def criterion_tooltip(criterion: CriterionCoverage) -> str:
    lines = [f"{criterion.code} {criterion.name}", state_text(criterion.state)]
    if criterion.state is CriterionState.RECOGNISED:
        lines.append(_tr("Recognised: {source}").format(source=criterion.recognised_because))
    elif criterion.set_state is not None:
        lines.append(
            _tr("Set to '{state}' by {who} on {date}").format(
                state=state_text(criterion.set_state),
                who=criterion.set_by or "?",
                date=format_date(criterion.set_on),
            )
        )
    if criterion.note:
        lines.append(criterion.note)
    lines.append(
        _tr("Evidence items: {items} · class observations: {observations}").format(
            items=len(criterion.items), observations=len(criterion.observations)
        )
    )
    return "\n".join(lines)


class CoverageModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._competences: list[CompetenceCoverage] = []
        self._width = 1

    def set_competences(self, competences: tuple[CompetenceCoverage, ...]) -> None:
        self.beginResetModel()
        self._competences = list(competences)
        self._width = max((len(c.criteria) for c in competences), default=0)
        self.endResetModel()

    def competence_at(self, row: int) -> CompetenceCoverage | None:
        return self._competences[row] if 0 <= row < len(self._competences) else None

    def criterion_at(self, index: ModelIndex) -> CriterionCoverage | None:
        competence = self.competence_at(index.row()) if index.isValid() else None
        column = index.column() - 1
        if competence is None or not 0 <= column < len(competence.criteria):
            return None
        return competence.criteria[column]

    def index_of(self, code: str) -> QModelIndex:
        for row, competence in enumerate(self._competences):
            for column, criterion in enumerate(competence.criteria, start=1):
                if criterion.code == code:
                    return self.index(row, column)
        return QModelIndex()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._competences)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + self._width

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return _tr("Competence")
        if 1 <= section <= self._width:
            return _tr("Criterion {n}").format(n=section)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == 0:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.criterion_at(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        competence = self.competence_at(index.row()) if index.isValid() else None
        if competence is None or not 0 <= index.column() <= self._width:
            return None
        if index.column() == 0:
            return self._competence_data(competence, role)
        criterion = self.criterion_at(index)
        if criterion is None:
            return None
        state = criterion.state
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{STATE_MARKS[state]} {criterion.code}\n{state_text(state)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{criterion.code} {criterion.name}: {state_text(state)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return criterion_tooltip(criterion)
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATE_COLORS[state][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return STATE_COLORS[state][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == CRITERION_ROLE:
            return criterion
        if role == STATE_ROLE:
            return state.value
        if role == COMPETENCE_ROLE:
            return competence
        return None

    def _competence_data(self, competence: CompetenceCoverage, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = f"{competence.code} {competence.name}"
            if competence.recognised:
                text += "\n" + _tr("Recognised: {source}").format(
                    source=competence.recognised_because
                )
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{competence.code} {competence.name}"]
            if competence.recognised:
                lines.append(
                    _tr("Recognised: {source}").format(source=competence.recognised_because)
                )
            lines.append(
                _tr("Evidence items: {items} (reflections: {reflections})").format(
                    items=competence.items, reflections=competence.reflections
                )
            )
            if competence.open_feedback:
                lines.append(_tr("Open feedback: %n", competence.open_feedback))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and competence.recognised:
            return STATE_COLORS[CriterionState.RECOGNISED][1]
        if role == COMPETENCE_ROLE:
            return competence
        return None
