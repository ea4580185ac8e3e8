"""Tools → Check dossier files…: the integrity check of every stored attachment, on the
worker thread with progress and Cancel. Kept apart from main_window.py, which only creates
this object and lists its actions in the Tools menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QProgressDialog
from utq_desktop.errors import OperationCancelledError
from utq_desktop.services.portfolio_dto import FileCheckReport

from ui.dialogs.file_check_dialog import FileCheckDialog
from ui.messages import show_error
from ui.window_actions import WindowActions
from ui.workers import Progress

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class PortfolioActions(WindowActions):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.check_action = self._action(
            "actionCheckFiles", self.tr("&Check dossier files…"), self.check_files
        )
        self.check_action.setToolTip(
            self.tr("Find stored attachments that are missing or were changed since")
        )
        self.progress_dialog: QProgressDialog | None = None
        self.result_box: QMessageBox | FileCheckDialog | None = None
        window.register.model.modelReset.connect(self.update)  # also when a database opens
        self.update()

    @property
    def actions(self) -> list[QAction]:
        """For the Tools menu."""
        return [self.check_action]

    def update(self) -> None:
        self.check_action.setEnabled(self.database_open() and self.progress_dialog is None)

    def check_files(self) -> None:
        window = self.window
        if window.context.services is None or self.progress_dialog is not None:
            return
        portfolio = window.services.portfolio
        progress = Progress(self)
        dialog = QProgressDialog(
            self.tr("Checking every stored file against its SHA-256…"),
            self.tr("Cancel"),
            0,
            0,
            window,
        )
        dialog.setObjectName("fileCheckProgress")
        dialog.setWindowTitle(self.tr("Check dossier files"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(progress.cancel)
        progress.progressed.connect(lambda done, total: _show(dialog, done, total))
        self.progress_dialog = dialog
        self.update()

        def finished() -> None:
            dialog.canceled.disconnect(progress.cancel)
            dialog.close()
            dialog.deleteLater()
            self.progress_dialog = None
            self.update()

        def succeeded(report: FileCheckReport) -> None:
            finished()
            self.show_report(report)

        def failed(error: Exception) -> None:
            finished()
            if isinstance(error, OperationCancelledError):
                window.statusBar().showMessage(self.tr("File check cancelled."), 5000)
            else:
                show_error(window, self.tr("Could not check the files"), error)

        window.runner.run(lambda: portfolio.check_files(progress), succeeded, failed)

    def show_report(self, report: FileCheckReport) -> None:
        window = self.window
        if report.ok:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Check dossier files"),
                self.tr("All {n} stored files in {location} are intact.").format(
                    n=report.checked, location=report.location
                ),
                QMessageBox.StandardButton.Ok,
                window,
            )
            box.setObjectName("fileCheckOk")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.result_box = box
            box.open()
            return
        dialog = FileCheckDialog(report, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show_candidate.connect(window.register.select_candidate)
        self.result_box = dialog
        dialog.open()


def _show(dialog: QProgressDialog, done: int, total: int) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, total))
