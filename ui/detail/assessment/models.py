"""The Assessment tab's table models: one row per competence with each assessor's
judgement, the chair's decision and the final verdict; and the appeal cases."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from utq_desktop.services.assessment_dto import (
    AppealView,
    CellState,
    CompetenceJudgements,
    JudgementCell,
    RoundView,
)

from ui.detail.assessment.texts import (
    DISAGREEMENT_BACKGROUND,
    SEALED_COLOR,
    cell_text,
    outcome_text,
    verdict_color,
    verdict_text,
)
from ui.formatting import format_date
from ui.qt_types import ModelIndex
from ui.row_table_model import RowTableModel

COMPETENCE_ROLE = Qt.ItemDataRole.UserRole + 1
CELL_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentJudgements", text)


class JudgementTableModel(QAbstractTableModel):
    """Competences down, the panel across: Competence | assessors… | Chair | Final.

    A sealed judgement reads 'in (sealed)'; a disagreement (known once all are in) has a
    highlighted row, its chair cell says what is still needed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._round: RoundView | None = None
        self._headers: list[str] = []
        self._chair_tip = ""
        self._bold = QFont()
        self._bold.setBold(True)

    def set_round(self, round_: RoundView | None) -> None:
        self.beginResetModel()
        self._round = round_
        names = [m.name for m in round_.assessors] if round_ else []
        chair = round_.chair if round_ else None
        # a short "Chair" header leaves the width to the competence names; who chairs is
        # the header's tooltip (and in the progress line above the table)
        self._headers = [_tr("Competence"), *names, _tr("Chair"), _tr("Final")]
        self._chair_tip = _tr("Chair: {name}").format(name=chair.name) if chair else ""
        self.endResetModel()

    @property
    def round(self) -> RoundView | None:
        return self._round

    def competence_at(self, row: int) -> CompetenceJudgements | None:
        if self._round is None or not 0 <= row < len(self._round.competences):
            return None
        return self._round.competences[row]

    def cell_at(self, row: int, column: int) -> JudgementCell | None:
        """The judgement under (row, column): an assessor's, the chair's, or None."""
        competence = self.competence_at(row)
        if competence is None:
            return None
        assessors = len(competence.cells)
        if 1 <= column <= assessors:
            return competence.cells[column - 1]
        if column == assessors + 1:
            return competence.chair
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._round is None:
            return 0
        return len(self._round.competences)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == len(self._headers) - 2:
            return self._chair_tip or None
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        competence = self.competence_at(index.row()) if index.isValid() else None
        if competence is None or not 0 <= index.column() < len(self._headers):
            return None
        column = index.column()
        cell = self.cell_at(index.row(), column)
        final_column = len(self._headers) - 1
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return f"{competence.code} {competence.name}"
            if column == final_column:
                return verdict_text(competence.final)
            assert cell is not None
            if cell is competence.chair and cell.state is CellState.MISSING:
                return _tr("to decide") if competence.needs_chair else ""
            return cell_text(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is not None and cell.state is CellState.SHOWN:
                return cell.motivation
            if cell is not None and cell.state is CellState.SEALED:
                return _tr("Entered; shown once every assessor has judged every competence.")
            return f"{competence.code} {competence.name}" if column == 0 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == final_column:
                return verdict_color(competence.final)
            if cell is not None:
                if cell.state is CellState.SHOWN:
                    return verdict_color(cell.verdict)
                return SEALED_COLOR
            return None
        if role == Qt.ItemDataRole.BackgroundRole and competence.disagreement:
            return DISAGREEMENT_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and column == final_column:
            return self._bold
        if role == COMPETENCE_ROLE:
            return competence
        if role == CELL_ROLE:
            return cell
        return None


APPEAL_HEADERS = ("Filed", "Deadline", "Hearing", "Outcome", "Decided", "Grounds")


class AppealTableModel(RowTableModel[AppealView]):
    """The appeal cases against a round's result, oldest first."""

    CONTEXT = "AssessmentAppeals"
    HEADERS = APPEAL_HEADERS

    def set_appeals(self, appeals: tuple[AppealView, ...]) -> None:
        self.set_rows(appeals)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        appeal = self.row_in(index)
        if appeal is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                late = QCoreApplication.translate("AssessmentAppeals", " (accepted late)")
                return format_date(appeal.filed_on) + (late if appeal.late_accepted else "")
            if column == 1:
                return format_date(appeal.deadline)
            if column == 2:
                return format_date(appeal.hearing_on)
            if column == 3:
                text = outcome_text(appeal.outcome)
                if appeal.result_after is not None:
                    text += f" → {verdict_text(appeal.result_after)}"
                return text
            if column == 4:
                return format_date(appeal.outcome_on)
            return " ".join(appeal.grounds.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [appeal.grounds]
            if appeal.late_reason:
                parts.append(
                    QCoreApplication.translate("AssessmentAppeals", "Accepted late: {r}").format(
                        r=appeal.late_reason
                    )
                )
            if appeal.outcome_motivation:
                parts.append(appeal.outcome_motivation)
            return "\n\n".join(parts)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return verdict_color(appeal.result_after)
        return None
