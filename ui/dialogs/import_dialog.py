"""File → Import staff list…: choose the workbook, check the columns, preview, import.

Reading, planning and importing run on the window's worker thread with a progress bar and
a working Cancel; nothing is written before the user presses Import, and a cancelled or
failed import writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.documents.staff_list import StaffSheet
from utq_desktop.errors import OperationCancelledError, UtqError
from utq_desktop.services.import_plan import ImportPlan, Outcome, check_mapping

from ui.dialogs.import_mapping import MappingPage
from ui.dialogs.import_preview import DETAILS, PreviewModel, details, outcome_text
from ui.messages import show_error
from ui.workers import Progress, TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

FILE, MAPPING, PREVIEW = range(3)


class ImportDialog(QDialog):
    step_changed = Signal(int)
    work_finished = Signal()  # a read, plan or import ended (done, failed or cancelled)

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import staff list"))
        self.services, self.runner = services, runner
        self.sheet: StaffSheet | None = None
        self.plan: ImportPlan | None = None
        self.result_plan: ImportPlan | None = None  # what was imported, once accepted
        self._progress: Progress | None = None
        self._on_done: Callable[[Any], None] = lambda _result: None
        self._final = False
        self._close_when_idle = False

        self.step_title = QLabel(self)
        self.step_title.setObjectName("importStepTitle")
        font = self.step_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.step_title.setFont(font)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._file_page())
        self.mapping_page = MappingPage(self)
        self.pages.addWidget(self.mapping_page)
        self.pages.addWidget(self._preview_page())

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("importProgress")
        self.status = QLabel(self)
        self.status.setObjectName("importStatus")
        self.buttons = QDialogButtonBox(self)
        self.back_button = self._button(self.tr("< &Back"), "importBack", self._back)
        self.next_button = self._button(self.tr("&Next >"), "importNext", self._next)
        self.import_button = self._button(self.tr("&Import"), "importRun", self._import)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("importCancel")
        self.buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.progress_bar, 1)
        footer.addWidget(self.status, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_title)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)
        layout.addWidget(self.buttons)
        self.resize(1120, 680)
        self._show_step(FILE)

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- pages ---------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget(self)
        explain = QLabel(
            self.tr(
                "Choose the Excel workbook (.xlsx) with the new teaching staff. Dutch and "
                "English column names are recognised (Personeelsnummer / Staff number, "
                "Achternaam / Surname, Datum in dienst / Start date, …); title lines above "
                "them are skipped. Nothing is written before you have seen the preview."
            ),
            page,
        )
        explain.setWordWrap(True)
        self.path = QLineEdit(page)
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(self.tr("staff list .xlsx"))
        self.path.textChanged.connect(lambda _text: self._update_buttons())
        browse = QPushButton(self.tr("&Browse…"), page)
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(page)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("importSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.only_rejected = QCheckBox(self.tr("Show rejected rows &only"), page)
        self.only_rejected.setObjectName("importOnlyRejected")
        self.model = PreviewModel(self)
        self.only_rejected.toggled.connect(self.model.set_only_rejected)
        self.only_rejected.toggled.connect(lambda _on: self._show_first_rejected())
        self.table = QTableView(page)
        self.table.setObjectName("importPreview")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.row_details = QLabel(page)
        self.row_details.setObjectName("importRowDetails")
        self.row_details.setWordWrap(True)
        self.row_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_row_details(current.row())
        )
        self.skip_invalid = QCheckBox(
            self.tr("Import the valid rows &only; leave the rejected rows out"), page
        )
        self.skip_invalid.setObjectName("importSkipInvalid")
        self.skip_invalid.toggled.connect(lambda _on: self._update_buttons())
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_rejected)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_details)
        layout.addWidget(self.skip_invalid)
        return page

    def _show_step(self, step: int) -> None:
        titles = {
            FILE: self.tr("1 of 3 · Choose the staff list"),
            MAPPING: self.tr("2 of 3 · Check the columns"),
            PREVIEW: self.tr("3 of 3 · Check and import"),
        }
        self.pages.setCurrentIndex(step)
        self.step_title.setText(titles[step])
        self._update_buttons()
        self.step_changed.emit(step)

    def _update_buttons(self) -> None:
        step, busy = self.pages.currentIndex(), self._progress is not None
        self.pages.setEnabled(not busy)
        self.back_button.setEnabled(step != FILE and not busy)
        self.next_button.setVisible(step != PREVIEW)
        self.next_button.setEnabled(not busy and bool(self.path.text().strip()))
        self.import_button.setVisible(step == PREVIEW)
        plan = self.plan
        can_import = plan is not None and (not plan.rejected or self.skip_invalid.isChecked())
        self.import_button.setEnabled(not busy and can_import)
        self.import_button.setDefault(step == PREVIEW)
        self.next_button.setDefault(step != PREVIEW)
        self.progress_bar.setVisible(busy)

    # --- steps ---------------------------------------------------------------------------------

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import staff list"), "", self.tr("Excel workbooks (*.xlsx)")
        )
        if path:
            self.path.setText(path)

    def _back(self) -> None:
        self._show_step(max(FILE, self.pages.currentIndex() - 1))

    def _next(self) -> None:
        if self.pages.currentIndex() == FILE:
            self._read()
        else:
            self._plan()

    def _read(self) -> None:
        from utq_desktop.documents.staff_list import read_staff_list

        path = self.path.text().strip()
        message = self.tr("Reading {name}…").format(name=path)
        self._run(message, lambda _progress: read_staff_list(path), self._show_mapping)

    def _show_mapping(self, sheet: StaffSheet) -> None:
        self.sheet, self.plan = sheet, None
        self.mapping_page.set_sheet(sheet)
        self._show_step(MAPPING)

    def mapping(self) -> dict[int, str]:
        return self.mapping_page.mapping()

    def _plan(self) -> None:
        sheet, mapping = self.sheet, self.mapping()
        if sheet is None:
            return
        try:
            check_mapping(sheet, mapping)
        except UtqError as error:
            self.mapping_page.error.setText(str(error))
            return
        self.mapping_page.error.clear()
        service = self.services.staff_import
        self._run(
            self.tr("Checking every row…"),
            lambda progress: service.plan(sheet, mapping, progress),
            self._show_preview,
        )

    def _show_preview(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.model.set_rows(plan.rows)
        self.only_rejected.setChecked(False)
        self.only_rejected.setEnabled(bool(plan.rejected))
        self.skip_invalid.setChecked(False)
        self.skip_invalid.setEnabled(bool(plan.rejected))
        words = {
            Outcome.NEW: self.tr("new"),
            Outcome.UPDATED: self.tr("updated"),
            Outcome.UNCHANGED: self.tr("unchanged"),
            Outcome.REJECTED: self.tr("rejected"),
        }
        counts = " · ".join(f"<b>{plan.count(o)}</b> {words[o]}" for o in Outcome)
        if plan.rejected:
            advice = self.tr(
                "Rejected rows are shown in red, with the reason. As long as there are any, "
                "nothing is imported: correct the workbook and import it again, or import "
                "the valid rows only."
            )
        else:
            advice = self.tr("Every row can be imported. Nothing has been written yet.")
        ignored = ""
        if plan.ignored_columns:
            ignored = "<br>" + self.tr("Not imported: {columns}").format(
                columns=", ".join(plan.ignored_columns)
            )
        self.summary.setText(f"{counts}<br>{advice}{ignored}")
        self.table.resizeColumnsToContents()
        for column in range(DETAILS):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 190))
        self._show_first_rejected()
        self._show_step(PREVIEW)

    def _show_first_rejected(self) -> None:
        """Below the table: the first rejected row in full, until the user selects one."""
        model = self.model
        shown = (model.planned_row(i) for i in range(model.rowCount()))
        first = next((i for i, r in enumerate(shown) if r.outcome is Outcome.REJECTED), None)
        if first is None:
            self.row_details.setText(self.tr("Select a row to see its changes in full."))
        else:
            self._show_row_details(first)

    def _show_row_details(self, position: int) -> None:
        """The selected row's problems or changes in full, below the table."""
        if not 0 <= position < self.model.rowCount():
            self.row_details.clear()
            return
        row = self.model.planned_row(position)
        text = details(row) or outcome_text(row.outcome)
        self.row_details.setText(
            self.tr("Row {row} ({name}): {text}").format(row=row.row, name=row.name, text=text)
        )

    def _import(self) -> None:
        sheet, plan = self.sheet, self.plan
        if sheet is None or plan is None:
            return
        mapping, skip = self.mapping(), self.skip_invalid.isChecked()
        service = self.services.staff_import
        self._run(
            self.tr("Importing…"),
            lambda progress: service.apply(sheet, mapping, skip_invalid=skip, progress=progress),
            self._imported,
            final=True,
        )

    def _imported(self, plan: ImportPlan) -> None:
        if plan.written:
            self.result_plan = plan
            self.accept()
        else:  # the register changed since the preview and now rejects rows: show why
            self._show_preview(plan)

    # --- background work -----------------------------------------------------------------------

    def _run(
        self,
        message: str,
        call: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        final: bool = False,
    ) -> None:
        """Run ``call`` on the worker; ``on_done(result)`` back here. A read or a check
        that finishes after Cancel is discarded; an import that finished (Cancel came too
        late to stop it) is ``final``: it was written, and is reported as such."""
        self._on_done, self._final = on_done, final
        progress = Progress(self)
        progress.progressed.connect(self._on_progress)
        self._progress = progress
        self.progress_bar.setRange(0, 0)  # busy until the first report
        self.status.setText(message)
        self._update_buttons()
        self.runner.run(lambda: call(progress), self._succeeded, self._failed)

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None and not self._progress.cancelled:
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(min(done, total))

    def _succeeded(self, result: Any) -> None:
        cancelled = self._progress is not None and self._progress.cancelled
        self._idle()
        if self._final or not (cancelled or self._close_when_idle):
            self.status.clear()
            self._on_done(result)  # an import that completed closes the dialog (accepted)
        elif cancelled:
            self.status.setText(self.tr("Cancelled; nothing was changed."))
        self._finish()

    def _failed(self, error: Exception) -> None:
        self._idle()
        if isinstance(error, OperationCancelledError):
            self.status.setText(self.tr("Cancelled; nothing was changed."))
        elif not self._close_when_idle:
            self.status.clear()
            show_error(self, self.tr("Could not import the staff list"), error)
        self._finish()

    def _idle(self) -> None:
        self._progress = None
        self._update_buttons()

    def _finish(self) -> None:
        self.work_finished.emit()
        if self._close_when_idle and self.isVisible():
            super().reject()

    def reject(self) -> None:
        """Cancel or Esc: while work runs, stop it (nothing is written) and stay open."""
        if self._progress is None:
            super().reject()
            return
        self._progress.cancel()
        self.status.setText(self.tr("Cancelling…"))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window while work runs: cancel it, and close once it has stopped."""
        if self._progress is not None:
            self._close_when_idle = True
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
