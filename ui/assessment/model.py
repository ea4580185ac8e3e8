"""The assessment register's table model: rows from the service, filtered in the model by
stage and search text (cheap at register sizes; no proxy model)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from utq_desktop.domain.assessment import Phase
from utq_desktop.domain.names import fold
from utq_desktop.services.assessment_dto import AssessmentRegisterRow, RegisterStage

from ui.detail.assessment.texts import phase_text, stage_text, verdict_color, verdict_text
from ui.formatting import format_date
from ui.qt_types import ModelIndex
from ui.row_table_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Candidate", "Stage", "Since", "Progress", "Faculty", "Staff number", "Panel")
# what sets each column's initial width (the panel, last, takes the rest)
WIDTH_SAMPLES = (
    "Annemarie van den Akker",
    "In assessment (round 2)",
    "28-12-2026",
    "10 of 10 judgements in",
    "Electrical Engineering",
    "Staff number",
    "",
)
APPEAL_PENDING = "appeal"  # a filter value besides the stages


class AssessmentRegisterModel(RowTableModel[AssessmentRegisterRow]):
    CONTEXT = "AssessmentRegister"
    HEADERS = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[AssessmentRegisterRow] = []
        self._stage: RegisterStage | str | None = None
        self._search = ""

    def set_rows(self, rows: Sequence[AssessmentRegisterRow]) -> None:
        """All the register's rows; the model shows those the filter lets through."""
        self._all = list(rows)
        self._apply()

    def set_filter(self, stage: RegisterStage | str | None, search: str) -> None:
        self._stage, self._search = stage, fold(search.strip())
        self._apply()

    def _apply(self) -> None:
        super().set_rows([r for r in self._all if self._matches(r)])

    def _matches(self, row: AssessmentRegisterRow) -> bool:
        if self._stage == APPEAL_PENDING and not row.appeal_pending:
            return False
        if isinstance(self._stage, RegisterStage) and row.stage is not self._stage:
            return False
        if self._search:
            text = fold(f"{row.candidate_name} {row.staff_number} {row.faculty} {row.panel}")
            return self._search in text
        return True

    def total(self) -> int:
        return len(self._all)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_in(index)
        if row is None:
            return None
        column = index.column()
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,  # the whole text where a column cuts it short
        ):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return verdict_color(row.result)
        if role == ID_ROLE:
            return row.candidate_id
        return None

    def _text(self, row: AssessmentRegisterRow, column: int) -> str:
        if column == 0:
            return row.candidate_name
        if column == 1:
            text = stage_text(row.stage)
            if row.round is not None:
                text += " " + _tr("(round {n})").format(n=row.round)
            return text
        if column == 2:
            return format_date(row.since)
        if column == 3:
            return self._progress(row)
        if column == 4:
            return row.faculty
        if column == 5:
            return row.staff_number
        return row.panel

    def _progress(self, row: AssessmentRegisterRow) -> str:
        if row.stage is RegisterStage.WAITING:
            return _tr("submission {n}").format(n=row.snapshot_number or "?")
        if row.stage is RegisterStage.IN_ASSESSMENT:
            if row.phase is Phase.JUDGING:
                return _tr("{n} of {m} judgements in").format(
                    n=row.judgements_in, m=row.judgements_needed
                )
            return phase_text(row.phase) if row.phase else ""
        text = verdict_text(row.result)
        if row.appeal_pending:
            text += " · " + _tr("appeal pending")
        return text


def _tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentRegister", text)
