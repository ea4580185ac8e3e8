"""The register: search field, filters and the candidate table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.intake import IntakeState
from utq_desktop.services.dto import RegisterRow
from utq_desktop.services.register_filter import DueFilter, RegisterFilter

from ui.formatting import intake_text, status_text
from ui.register.model import COLUMN_INDEX, CandidateTableModel

SEARCH_DELAY_MS = 60  # coalesce fast typing; a filter pass takes a few ms at 50,000 rows


class RegisterPanel(QWidget):
    """Emits ``current_changed(candidate_id or 0)`` and ``activated(candidate_id)``."""

    current_changed = Signal(int)
    activated = Signal(int)
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerPanel")
        self.model = CandidateTableModel(self)

        self.search = QLineEdit(self)
        self.search.setObjectName("registerSearch")
        self.search.setPlaceholderText(self.tr("Search name, staff number or e-mail  (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search candidates"))
        self.search.setClearButtonEnabled(True)
        # the most used control keeps room to type, however narrow the register pane gets
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 20))

        self.faculty = QComboBox(self)
        self.faculty.setObjectName("facultyFilter")
        self.faculty.setAccessibleName(self.tr("Faculty filter"))
        self.faculty.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.faculty.setMinimumContentsLength(11)
        self.faculty.addItem(self.tr("All faculties"), None)

        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.setAccessibleName(self.tr("Status filter"))
        self.status.addItem(self.tr("All statuses"), None)
        for status in TrajectoryStatus:
            self.status.addItem(status_text(status), status)

        self.intake = QComboBox(self)
        self.intake.setObjectName("intakeFilter")
        self.intake.setAccessibleName(self.tr("Intake filter"))
        self.intake.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.intake.setMinimumContentsLength(11)
        self.intake.addItem(self.tr("Any intake"), None)
        for state in IntakeState:
            self.intake.addItem(self.tr("Intake: {state}").format(state=intake_text(state)), state)

        self.due = QComboBox(self)
        self.due.setObjectName("deadlineFilter")
        self.due.setAccessibleName(self.tr("Deadline filter"))
        self.due.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.due.setMinimumContentsLength(11)
        self.due.addItem(self.tr("Any deadline"), None)
        self.due.addItem(self.tr("Overdue"), DueFilter.OVERDUE)
        self.due.addItem(self.tr("Due within 6 months"), DueFilter.DUE_SOON)
        self.due.addItem(self.tr("Overdue or due within 6 months"), DueFilter.ATTENTION)

        self.show_archived = QCheckBox(self.tr("Show archived"), self)
        self.show_archived.setObjectName("showArchived")

        self.table = QTableView(self)
        self.table.setObjectName("registerTable")
        self.table.setAccessibleName(self.tr("Candidate register"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows for batch actions (Apply route template…); the current row is the
        # one the detail pane shows
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_INDEX["name"], Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for key, width in (
            ("name", 230),
            ("staff_number", 80),
            ("faculty", 170),
            ("department", 150),
            ("status", 205),
            ("employment_start", 90),
            ("deadline", 90),
            ("supervisor", 150),
        ):
            header.resizeSection(COLUMN_INDEX[key], width)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.faculty, 1)
        filters.addWidget(self.status)
        filters.addWidget(self.intake)
        filters.addWidget(self.due)
        filters.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._apply_filter)
        for combo in (self.faculty, self.status, self.intake, self.due):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.show_archived.toggled.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._restore_selection)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search.clear)
        self._selected_id = 0

    # --- data -----------------------------------------------------------------------------

    def set_rows(self, rows: list[RegisterRow], faculties: list[str]) -> None:
        current = self.faculty.currentData()
        self.faculty.blockSignals(True)
        self.faculty.clear()
        self.faculty.addItem(self.tr("All faculties"), None)
        for name in faculties:
            self.faculty.addItem(name, name)
        found = self.faculty.findData(current) if current is not None else 0
        self.faculty.setCurrentIndex(max(found, 0))
        self.faculty.blockSignals(False)
        self.model.set_filter(self._filter())
        self.model.set_rows(rows)
        self.filter_changed.emit()

    def update_row(self, row: RegisterRow) -> None:
        self.model.update_row(row)
        self.filter_changed.emit()

    def select_candidate(self, candidate_id: int) -> bool:
        row = self.model.row_of_id(candidate_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_id(self) -> int:
        return self._selected_id

    def selected_ids(self) -> list[int]:
        """The ids of every selected row, in the table's order (the current one if no row
        is selected)."""
        return [row.id for row in self.selected_rows()]

    def selected_rows(self) -> list[RegisterRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        found = [r for r in (self.model.row_at(row) for row in rows) if r is not None]
        if not found and (current := self.selected_row()) is not None:
            found = [current]
        return found

    def selected_row(self) -> RegisterRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- internals -------------------------------------------------------------------------

    def _filter(self) -> RegisterFilter:
        # Qt hands enum item data back as plain strings
        status, due = self.status.currentData(), self.due.currentData()
        intake = self.intake.currentData()
        return RegisterFilter(
            text=self.search.text(),
            faculty=self.faculty.currentData(),
            status=TrajectoryStatus(status) if status else None,
            due=DueFilter(due) if due else None,
            include_archived=self.show_archived.isChecked(),
            intake=IntakeState(intake) if intake else None,
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self._filter())
        self.filter_changed.emit()

    def _restore_selection(self) -> None:
        if self._selected_id and self.select_candidate(self._selected_id):
            return
        self._on_current_row(QModelIndex())

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        candidate_id = row.id if row else 0
        if candidate_id != self._selected_id or not current.isValid():
            self._selected_id = candidate_id
            self.current_changed.emit(candidate_id)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.activated.emit(row.id)
