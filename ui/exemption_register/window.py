"""The exemption register (View → Exemption register…): every exemption request with its
status, days open and next action, for the HR advisors who follow them up. Filter by
faculty and status, sort by any column, export what is shown to Excel; double-click (or
Enter) shows that candidate's Exemption tab in the main window."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround, Verdict
from utq_desktop.domain.names import fold
from utq_desktop.services.exemption_dto import ExemptionRegisterRow

from ui.detail.exemption.texts import case_status_text, ground_short_text
from ui.exemption_register.model import (
    COLUMN_INDEX,
    ROW_ROLE,
    ExemptionFilterModel,
    ExemptionRegisterModel,
    StatusFilter,
)
from ui.messages import show_error
from ui.register_window import RegisterWindow
from ui.workers import TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

RegisterData = tuple[list[ExemptionRegisterRow], date]


class ExemptionRegisterWindow(RegisterWindow):
    """``candidate_activated(id)``: the user wants to see that candidate's case."""

    candidate_activated = Signal(int)
    loaded = Signal(int)  # number of cases, after every (re)load

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            services, runner, parent, "exemptionRegisterWindow", self.tr("Exemption register")
        )

        self.faculty = QComboBox(self)
        self.faculty.setObjectName("exemptionFacultyFilter")
        self.faculty.setAccessibleName(self.tr("Faculty filter"))
        self.faculty.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.faculty.addItem(self.tr("All faculties"), None)
        self.status = QComboBox(self)
        self.status.setObjectName("exemptionStatusFilter")
        self.status.setAccessibleName(self.tr("Status filter"))
        self.status.addItem(self.tr("All requests"), None)
        self.status.addItem(self.tr("Open requests"), StatusFilter.OPEN.value)
        self.status.addItem(self.tr("Closed requests"), StatusFilter.CLOSED.value)
        for status in CaseStatus:
            self.status.addItem(case_status_text(status), status.value)
        self.status.setCurrentIndex(1)  # what HR follows up: the open ones
        self.faculty.currentIndexChanged.connect(self._filter)
        self.status.currentIndexChanged.connect(self._filter)

        self.model = ExemptionRegisterModel(self)
        self.proxy = ExemptionFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._table(
            "exemptionRegisterTable", self.tr("Exemption requests"), self.proxy
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_INDEX["filed_on"], Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # ground and status as wide as their longest text ('Candidate informed (granted)'),
        # measured: fixed widths cut them off in a larger font
        metrics = self.table.fontMetrics()
        ground = max(metrics.horizontalAdvance(ground_short_text(g)) for g in ExemptionGround)
        status = max(
            metrics.horizontalAdvance(case_status_text(s, v))
            for s in CaseStatus
            for v in (None, *Verdict)
        )
        for key, width in (
            ("candidate", 175),
            ("staff_number", 75),
            ("faculty", 150),
            ("ground", ground + 16),
            ("status", status + 16),
            ("advisor", 125),
            ("filed_on", 80),
            ("days_open", 75),
        ):
            header.resizeSection(COLUMN_INDEX[key], width)
        self.table.activated.connect(self._activated)  # double-click or Enter

        self.count = QLabel(self)
        self.count.setObjectName("exemptionRegisterCount")
        self.show_button = QPushButton(self.tr("&Show candidate"), self)
        self.show_button.setObjectName("exemptionShowCandidate")
        self.show_button.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        self.export_button = QPushButton(self.tr("&Export to Excel…"), self)
        self.export_button.setObjectName("exemptionExport")
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Faculty:"), self))
        filters.addWidget(self.faculty)
        filters.addWidget(QLabel(self.tr("Status:"), self))
        filters.addWidget(self.status)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1380, 640)
        self._update_buttons()
        self.reload()

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        services = self.services

        def fetch() -> RegisterData:
            return services.exemption.register(), services.exemption.today()

        self.runner.run(fetch, self._show, self._failed)

    def _show(self, data: RegisterData) -> None:
        rows, today = data
        selected = self.selected()
        current = self.faculty.currentData()
        faculties = sorted({row.faculty for row in rows if row.faculty}, key=fold)
        self.faculty.blockSignals(True)
        self.faculty.clear()
        self.faculty.addItem(self.tr("All faculties"), None)
        for name in faculties:
            self.faculty.addItem(name, name)
        self.faculty.setCurrentIndex(max(self.faculty.findData(current), 0) if current else 0)
        self.faculty.blockSignals(False)
        self.model.set_rows(rows, today)
        self._filter()
        if selected is not None:
            self.select_case(selected.case_id)
        self.loaded.emit(len(rows))

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the exemption register"), error)

    def _filter(self, *_args: object) -> None:
        self.proxy.set_filter(self.faculty.currentData(), self.status.currentData())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        open_ = sum(not row.status.closed for row in self.proxy.rows())
        self.count.setText(
            self.tr("{shown} of {total} requests shown · {open} open").format(
                shown=shown, total=total, open=open_
            )
        )
        self._update_buttons()

    # --- selection -----------------------------------------------------------------------

    def selected(self) -> ExemptionRegisterRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_case(self, case_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            found = index.data(ROW_ROLE)
            if found is not None and found.case_id == case_id:
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        self.show_button.setEnabled(self.selected() is not None)
        self.export_button.setEnabled(self.proxy.rowCount() > 0)

    def _activated(self, index: object) -> None:
        row = self.selected()
        if row is not None:
            self.candidate_activated.emit(row.candidate_id)

    # --- export --------------------------------------------------------------------------

    def export(self) -> None:
        suggested = self.tr("exemptions-{date}.xlsx").format(date=date.today().isoformat())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the exemption register"), suggested, self.tr("Excel (*.xlsx)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the requests shown, in the order shown, to ``path`` (off the GUI thread)."""
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        rows, exemption = self.proxy.rows(), self.services.exemption
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self._update_buttons()
            self.count.setText(
                self.tr("Exported %n request(s) to {name}.", "", count).format(name=Path(path).name)
            )

        def failed(error: Exception) -> None:
            self._update_buttons()
            show_error(self, self.tr("Could not export the exemption register"), error)

        self.runner.run(lambda: exemption.export_register(path, rows), done, failed)
