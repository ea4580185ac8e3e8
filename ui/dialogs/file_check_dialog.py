"""The result of Tools → Check dossier files…: every stored file that is missing or whose
content no longer matches its SHA-256, with who uses it, so the coordinator knows whose
file to restore from a backup (or to ask the candidate for again)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.portfolio_dto import FileCheckProblem, FileCheckReport, FileUse

from ui.detail.portfolio.base_model import RowsModel
from ui.detail.portfolio.panels import set_widths
from ui.detail.portfolio.texts import UNMET_COLOR, size_text


@dataclass(frozen=True)
class ProblemLine:
    """One use of one broken file (a file used twice shows twice)."""

    id: int
    problem: FileCheckProblem
    use: FileUse | None


def problem_lines(report: FileCheckReport) -> list[ProblemLine]:
    lines: list[ProblemLine] = []
    for problem in report.problems:
        for use in problem.uses or (None,):
            lines.append(ProblemLine(len(lines) + 1, problem, use))
    return lines


class FileProblemModel(RowsModel):
    HEADERS = ("File", "Problem", "Candidate", "Used in", "Size")
    CONTEXT = "FileCheck"
    RIGHT_ALIGNED = frozenset({4})

    def text(self, row: ProblemLine, column: int) -> str:
        use = row.use
        if column == 0:
            return use.name if use else row.problem.sha256[:16] + "…"
        if column == 1:
            if row.problem.problem == "missing":
                return self.tr_("Missing")
            return self.tr_("Changed or damaged")
        if column == 2:
            if use is None or use.candidate_id is None:
                return self.tr_("not in use")
            return f"{use.candidate_name} ({use.staff_number})"
        if column == 3:
            return use.where if use else ""
        return size_text(row.problem.size)

    def tooltip(self, row: ProblemLine, column: int) -> str:
        if row.problem.problem == "missing":
            what = self.tr_("The file is no longer in the attachment folder.")
        else:
            what = self.tr_("The file's content no longer matches what was stored.")
        use = row.use
        where = (
            f"{use.name}\n{use.candidate_name} ({use.staff_number}), {use.where}\n" if use else ""
        )
        return f"{where}{what}\nSHA-256 {row.problem.sha256}"

    def foreground(self, row: ProblemLine, column: int) -> Any:
        return UNMET_COLOR if column == 1 else None


class FileCheckDialog(QDialog):
    """Lists the problems; Show candidate selects the candidate in the register."""

    show_candidate = Signal(int)

    def __init__(self, report: FileCheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileCheckDialog")
        self.setWindowTitle(self.tr("Check dossier files"))
        self.report = report
        broken = len(report.problems)
        self.summary = QLabel(self)
        self.summary.setObjectName("fileCheckSummary")
        self.summary.setWordWrap(True)
        self.summary.setText(
            self.tr(
                "{broken} of {checked} stored files in {location} are missing or changed. "
                "Restore them from a backup, or ask the candidate for the file again and "
                "attach it anew."
            ).format(broken=broken, checked=report.checked, location=report.location)
        )
        self.model = FileProblemModel(self)
        self.model.set_rows(problem_lines(report))
        self.table = QTableView(self)
        self.table.setObjectName("fileCheckTable")
        self.table.setAccessibleName(self.tr("Files with problems"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        samples = {0: "Course manual Thermo", 1: "Changed or damaged", 2: "Anna de Berg (0012345)"}
        set_widths(self.table, samples, 3)
        self.table.horizontalHeader().resizeSection(4, 80)
        self.table.doubleClicked.connect(lambda _index: self._show_candidate())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.show_button = QPushButton(self.tr("&Show candidate"), self)
        self.show_button.setObjectName("fileCheckShowCandidate")
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.clicked.connect(self._show_candidate)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(960, 440)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update()

    def _selected(self) -> ProblemLine | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update(self) -> None:
        line = self._selected()
        self.show_button.setEnabled(
            line is not None and line.use is not None and line.use.candidate_id is not None
        )

    def _show_candidate(self) -> None:
        line = self._selected()
        if line is not None and line.use is not None and line.use.candidate_id is not None:
            self.show_candidate.emit(line.use.candidate_id)
