"""The self-diagnosis: the chart, the ratings with notes as a table, and Edit…."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget
from utq_desktop.services.dto import IntakeDetail, SelfDiagnosis

from ui.detail.intake.chart import ChartRow, CompetenceChart
from ui.detail.intake.common import NOTE_STYLE, SectionBox, fit_rows
from ui.detail.intake.host import IntakeHost
from ui.detail.intake.self_diagnosis_dialog import SelfDiagnosisDialog
from ui.qt_types import ModelIndex

HEADERS = ("Competence", "Self-rating", "Notes")
VISIBLE_ROWS = 9


@dataclass(frozen=True)
class RatingLine:
    code: str
    name: str
    rating: str
    notes: str
    criterion: bool


def rating_text(diagnosis: SelfDiagnosis, value: int | None) -> str:
    if value is None:
        return QCoreApplication.translate("SelfDiagnosis", "not rated")
    label = next((p.label for p in diagnosis.scale if p.value == value), "")
    return f"{value} · {label}" if label else str(value)


def rating_lines(diagnosis: SelfDiagnosis) -> list[RatingLine]:
    """Every competence, each followed by its criteria that were rated separately."""
    lines = []
    ratings = diagnosis.ratings
    for competence in diagnosis.competences:
        own = ratings.competences.get(competence.id)
        lines.append(
            RatingLine(
                competence.code,
                competence.name,
                rating_text(diagnosis, own.rating if own else None),
                own.notes if own else "",
                False,
            )
        )
        for criterion in competence.criteria:
            rated = ratings.criteria.get(criterion.id)
            if rated is not None:
                lines.append(
                    RatingLine(
                        criterion.code,
                        criterion.name,
                        rating_text(diagnosis, rated.rating),
                        rated.notes,
                        True,
                    )
                )
    return lines


class SelfDiagnosisModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[RatingLine] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, lines: list[RatingLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate("SelfDiagnosis", HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.FontRole and not line.criterion and index.column() == 0:
            return self._bold
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == 0:  # the code; the name as its tooltip (the chart names it)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{line.code}  {line.name}"
            return f"   {line.code}" if line.criterion else line.code
        return line.rating if index.column() == 1 else line.notes


class SelfDiagnosisSection(SectionBox):
    def __init__(self, host: IntakeHost, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Self-diagnosis"), "intakeSelfDiagnosis", parent)
        self.host = host
        self.framework = QLabel(self)
        self.framework.setObjectName("selfDiagnosisFramework")
        self.framework.setStyleSheet(NOTE_STYLE)
        self.framework.setWordWrap(True)
        self.chart = CompetenceChart(self)
        self.model = SelfDiagnosisModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("selfDiagnosisTable")
        self.table.setAccessibleName(self.tr("Self-ratings and notes"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.framework)
        self.body.addWidget(self.chart)
        self.body.addWidget(self.table)
        self.edit_button = self.action_button(
            "intakeEditSelfDiagnosis", self.tr("Edit self-dia&gnosis…"), self._edit
        )

    def show_detail(self, detail: IntakeDetail) -> None:
        diagnosis = detail.self_diagnosis
        ratings = diagnosis.ratings
        self.framework.setText(
            self.tr("Rated on: {framework}").format(framework=diagnosis.framework)
            if diagnosis.framework
            else self.tr("This candidate has no competence framework.")
        )
        rows = []
        for competence in diagnosis.competences:
            own = ratings.competences.get(competence.id)
            criteria = tuple(
                rated.rating
                for criterion in competence.criteria
                if (rated := ratings.criteria.get(criterion.id)) and rated.rating is not None
            )
            rows.append(
                ChartRow(competence.code, competence.name, own.rating if own else None, criteria)
            )
        self.chart.set_data([(p.value, p.label) for p in diagnosis.scale], rows)
        lines = rating_lines(diagnosis)
        self.model.set_lines(lines)
        self.table.setVisible(detail.facts.has_self_diagnosis)
        fit_rows(self.table, min(max(len(lines), 1), VISIBLE_ROWS))
        self.edit_button.setEnabled(bool(diagnosis.competences))
        self.show_change(detail.changes.get("self_diagnosis"))

    def _edit(self) -> None:
        detail = self.host.detail
        if detail is None:
            return
        dialog = SelfDiagnosisDialog(self.host.services, detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == SelfDiagnosisDialog.DialogCode.Accepted:
            self.host.saved()
