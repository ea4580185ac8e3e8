"""File → Import staff list… and File → Export overview…: the two actions and their flow,
kept out of the main window. Both run on the window's worker thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QProgressDialog
from utq_desktop.errors import OperationCancelledError

from ui.messages import show_error
from ui.workers import Progress

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class TransferActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.import_action = QAction(self.tr("&Import staff list…"), window)
        self.import_action.setObjectName("actionImportStaff")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_staff_list)
        self.export_action = QAction(self.tr("E&xport overview…"), window)
        self.export_action.setObjectName("actionExportOverview")
        self.export_action.triggered.connect(self.export_overview)
        self.actions = [self.import_action, self.export_action]
        window.addActions(self.actions)
        self.progress_dialog: QProgressDialog | None = None

    def import_staff_list(self, path: str = "") -> None:
        """Open the import dialog (``path`` pre-filled, for drag and drop or tests)."""
        from utq_desktop.services.import_plan import Outcome

        from ui.dialogs.import_dialog import ImportDialog

        window = self.window
        dialog = ImportDialog(window.services, window.runner, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if path:
            dialog.path.setText(path)
        if dialog.exec() != ImportDialog.DialogCode.Accepted or dialog.result_plan is None:
            return
        plan = dialog.result_plan
        message = self.tr("Imported {file}: {new} new, {updated} updated, {rejected} rejected.")
        message = message.format(
            file=plan.file_name,
            new=plan.count(Outcome.NEW),
            updated=plan.count(Outcome.UPDATED),
            rejected=plan.rejected,
        )
        window.register_loaded.connect(  # once the reload has cleared "Loading…"
            lambda _count: window.statusBar().showMessage(message, 15000),
            Qt.ConnectionType.SingleShotConnection,
        )
        window.reload_register()

    def export_overview(self) -> None:
        window = self.window
        suggested = f"utq-overview-{date.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            window, self.tr("Export overview"), suggested, self.tr("Excel workbooks (*.xlsx)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the overview to ``path`` in the background, with progress and Cancel."""
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        window = self.window
        services = window.services
        progress = Progress(self)
        dialog = QProgressDialog(self.tr("Writing the overview…"), self.tr("Cancel"), 0, 0, window)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Export overview"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(progress.cancel)
        progress.progressed.connect(lambda done, total: _show(dialog, done, total))
        self.progress_dialog = dialog

        def finished() -> None:
            dialog.canceled.disconnect(progress.cancel)
            dialog.close()
            dialog.deleteLater()
            self.progress_dialog = None

        def succeeded(count: int) -> None:
            finished()
            window.statusBar().showMessage(
                self.tr("Exported {count} candidates to {path}.").format(
                    count=count, path=Path(path).name
                ),
                15000,
            )

        def failed(error: Exception) -> None:
            finished()
            if isinstance(error, OperationCancelledError):
                window.statusBar().showMessage(self.tr("Export cancelled."), 5000)
            else:
                show_error(window, self.tr("Could not export the overview"), error)

        window.runner.run(lambda: services.overview.export(path, progress), succeeded, failed)


def _show(dialog: QProgressDialog, done: int, total: int) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, total))
