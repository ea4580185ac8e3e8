"""The main window: register on the left, the selected candidate's tabs on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)
from utq_desktop import __version__
from utq_desktop.errors import UtqError
from utq_desktop.services.dto import RegisterRow

from ui.assessment_actions import AssessmentActions
from ui.certificate_actions import CertificateActions
from ui.detail.base import TabContext
from ui.detail.tabs import CandidateDetail
from ui.dialogs.candidate_dialog import CandidateDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.dialogs.users_dialog import UsersDialog
from ui.exemption_actions import ExemptionActions
from ui.messages import confirm, show_error
from ui.portfolio_actions import PortfolioActions
from ui.register.panel import RegisterPanel
from ui.route_actions import RouteActions
from ui.transfer import TransferActions
from ui.undo import ArchiveCandidate, EditCandidate
from ui.workers import TaskRunner

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services

RegisterData = tuple[list[RegisterRow], list[str]]


class MainWindow(QMainWindow):
    register_loaded = Signal(int)  # number of candidates; also used by --smoke-test
    database_switch_requested = Signal(str)

    def __init__(self, services: Services | None, settings: QSettings) -> None:
        """``services`` may come later through attach(): the window shows first and the
        database opens in the background, so start-up never waits for SQLAlchemy."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.runner = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self._create_actions()
        self.transfer = TransferActions(self)  # File → Import staff list…, Export overview…

        self.register = RegisterPanel(self)
        self.context = TabContext(
            None,
            self.runner,
            self.undo_stack,
            [self.edit_action, self.archive_action, self.restore_action],
        )
        self.detail = CandidateDetail(self.context, self)
        self.route_actions = RouteActions(self)  # Edit → Frameworks…, Route templates…
        self.portfolio_actions = PortfolioActions(self)  # Tools → Check dossier files…
        self.certificate_actions = CertificateActions(self)  # View → Certificate register…
        self.assessment_actions = AssessmentActions(self)  # View → Assessments…
        self.exemption_actions = ExemptionActions(self)  # View → Exemption register…
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.register)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._create_menus()
        self._create_status_bar()

        self.register.current_changed.connect(self._on_current_changed)
        self.register.activated.connect(lambda _id: self.edit_action.trigger())
        self.register.filter_changed.connect(self._update_counts)
        self.detail.candidate_changed.connect(self.refresh_candidate)
        self.runner.busy_changed.connect(self._on_busy)
        self._on_current_changed(0)
        self._restore_state()
        self._services: Services | None = None
        self._set_database_actions(False)
        self.setWindowTitle(self.tr("UTQ Desktop"))
        if services is not None:
            self.attach(services)

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("no database is open yet")
        return self._services

    def attach(self, services: Services) -> None:
        """Work on ``services`` from now on (at start-up, or after switching databases)."""
        self._services = services
        self.context.services = services
        self.undo_stack.clear()
        self.detail.show_candidate(0)
        self.register.set_rows([], [])
        self._set_database_actions(True)
        self._update_title()

    def _set_database_actions(self, enabled: bool) -> None:
        for action in (
            self.new_action,
            self.refresh_action,
            self.settings_action,
            self.users_action,
            self.find_action,
            *self.transfer.actions,
        ):
            action.setEnabled(enabled)
        self.register.setEnabled(enabled)
        self.route_actions.update()
        if enabled:
            self._update_actions()
        else:
            for action in (self.edit_action, self.archive_action, self.restore_action):
                action.setEnabled(False)

    # --- set-up -----------------------------------------------------------------------------

    def _action(
        self, name: str, text: str, shortcut: QKeySequence | str | None = None, slot: object = None
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.new_action = self._action(
            "actionNewCandidate",
            self.tr("&New candidate…"),
            QKeySequence.StandardKey.New,
            self.new_candidate,
        )
        self.edit_action = self._action(
            "actionEditCandidate", self.tr("&Edit candidate…"), "Ctrl+E", self.edit_candidate
        )
        self.archive_action = self._action(
            "actionArchiveCandidate",
            self.tr("&Archive candidate…"),
            QKeySequence.StandardKey.Delete,
            self.archive_candidate,
        )
        self.restore_action = self._action(
            "actionRestoreCandidate", self.tr("Re&store candidate"), None, self.restore_candidate
        )
        self.open_action = self._action(
            "actionOpenDatabase",
            self.tr("&Open database…"),
            QKeySequence.StandardKey.Open,
            self.open_database,
        )
        self.new_db_action = self._action(
            "actionNewDatabase", self.tr("New data&base…"), None, self.new_database
        )
        self.quit_action = self._action(
            "actionQuit", self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close
        )
        self.find_action = self._action(
            "actionFind",
            self.tr("&Find candidate"),
            QKeySequence.StandardKey.Find,
            lambda: self.register.focus_search(),
        )
        self.refresh_action = self._action(
            "actionRefresh",
            self.tr("&Refresh"),
            QKeySequence.StandardKey.Refresh,
            self.reload_register,
        )
        self.settings_action = self._action(
            "actionSettings",
            self.tr("Institution &settings…"),
            "Ctrl+,",
            self.edit_settings,
        )
        self.users_action = self._action("actionUsers", self.tr("&Users…"), None, self.edit_users)
        self.about_action = self._action(
            "actionAbout", self.tr("&About UTQ Desktop"), None, self.about
        )
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("actionRedo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("menuFile")
        file_menu.addActions([self.new_action, self.open_action, self.new_db_action])
        file_menu.addSeparator()
        file_menu.addActions(self.transfer.actions)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("menuEdit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_action, self.archive_action, self.restore_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.users_action, self.settings_action, *self.route_actions.actions])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.setObjectName("menuView")
        view_menu.addActions([self.find_action, self.refresh_action])
        view_menu.addActions(self.assessment_actions.actions)
        view_menu.addActions(self.certificate_actions.actions)
        view_menu.addActions(self.exemption_actions.actions)
        bar.addMenu(self.tr("&Tools")).addActions(self.portfolio_actions.actions)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("menuHelp")
        help_menu.addAction(self.about_action)

    def _create_status_bar(self) -> None:
        self.counts = QLabel(self)
        self.counts.setObjectName("statusCounts")
        self.database_label = QLabel(self)
        self.database_label.setObjectName("statusDatabase")
        self.statusBar().addWidget(self.counts, 1)
        self.statusBar().addPermanentWidget(self.database_label)

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1400, 860)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = self.settings.value("window/registerHeader")
        if isinstance(header, QByteArray):
            self.register.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue(
            "window/registerHeader", self.register.table.horizontalHeader().saveState()
        )
        self.runner.wait()
        super().closeEvent(event)

    # --- register -----------------------------------------------------------------------------

    def reload_register(self) -> None:
        services = self.services

        def fetch() -> RegisterData:
            return services.candidates.register(), services.candidates.faculties()

        self.statusBar().showMessage(self.tr("Loading the register…"))
        self.runner.run(fetch, self._show_register, self._register_failed)

    def _show_register(self, data: RegisterData) -> None:
        rows, faculties = data
        self.register.set_rows(rows, faculties)
        self.detail.refresh()  # F5 shows colleagues' changes, or what an outage kept away
        self.statusBar().clearMessage()
        self.register_loaded.emit(len(rows))

    def _register_failed(self, error: Exception) -> None:
        self.statusBar().clearMessage()
        show_error(self, self.tr("Could not load the register"), error)

    def refresh_candidate(self, candidate_id: int) -> None:
        """Re-read one candidate after a change: its register row and the open tabs."""
        try:
            row = self.services.candidates.register_row(candidate_id)
        except UtqError as error:
            show_error(self, self.tr("Could not refresh the candidate"), error)
            return
        self.register.update_row(row)
        if self.detail.candidate_id() == candidate_id:
            self.detail.refresh()
        self._update_actions()

    def _on_current_changed(self, candidate_id: int) -> None:
        self.detail.show_candidate(candidate_id)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.register.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.archive_action.setEnabled(row is not None and not row.archived)
        self.restore_action.setEnabled(row is not None and row.archived)
        self.restore_action.setVisible(row is not None and row.archived)
        self.archive_action.setVisible(row is None or not row.archived)

    def _update_counts(self) -> None:
        shown, overdue, due_soon = self.register.model.summary()
        total = self.register.model.total()
        self.counts.setText(
            self.tr(
                "{shown} of {total} candidates shown · {overdue} overdue · "
                "{soon} due within 6 months"
            ).format(
                shown=f"{shown:,}".replace(",", "."),
                total=f"{total:,}".replace(",", "."),
                overdue=f"{overdue:,}".replace(",", "."),
                soon=f"{due_soon:,}".replace(",", "."),
            )
        )

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("UTQ Desktop — {database}").format(database=self.services.database_label)
        )
        self.database_label.setText(
            self.tr("{user} · {database}").format(
                user=self.services.actor, database=self.services.database_label
            )
        )

    # --- candidate actions ------------------------------------------------------------------------

    def new_candidate(self) -> None:
        dialog = CandidateDialog(self.services, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == CandidateDialog.DialogCode.Accepted:
            self.refresh_candidate(dialog.saved_id)
            self.register.select_candidate(dialog.saved_id)
            self.statusBar().showMessage(self.tr("Candidate added."), 5000)

    def edit_candidate(self) -> None:
        candidate_id = self.register.selected_id()
        if not candidate_id:
            return
        try:
            detail = self.services.candidates.detail(candidate_id)
        except UtqError as error:
            show_error(self, self.tr("Could not open the candidate"), error)
            return
        dialog = CandidateDialog(self.services, detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() != CandidateDialog.DialogCode.Accepted:
            return
        if dialog.before is not None and dialog.after is not None:
            self.undo_stack.push(
                EditCandidate(
                    self.services,
                    candidate_id,
                    dialog.before,
                    dialog.after,
                    dialog.saved_version,
                    detail.full_name,
                    self.refresh_candidate,
                    self._undo_failed,
                )
            )
        self.refresh_candidate(candidate_id)

    def archive_candidate(self) -> None:
        row = self.register.selected_row()
        if row is None or row.archived:
            return
        question = self.tr(
            "Archive {name} ({number})?\n\nThe candidate leaves the register; tick "
            "'Show archived' to see them again. Nothing is deleted, and Edit → Undo or "
            "Restore brings them back."
        ).format(name=row.full_name, number=row.staff_number)
        if not confirm(self, self.tr("Archive candidate"), question, self.tr("Archive")):
            return
        self._archive(row, archive=True)

    def restore_candidate(self) -> None:
        row = self.register.selected_row()
        if row is not None and row.archived:
            self._archive(row, archive=False)

    def _archive(self, row: RegisterRow, archive: bool) -> None:
        try:
            if archive:
                self.services.candidates.archive(row.id)
            else:
                self.services.candidates.restore(row.id)
        except UtqError as error:
            show_error(self, self.tr("Could not change the candidate"), error)
            return
        self.undo_stack.push(
            ArchiveCandidate(
                self.services,
                row.id,
                archive,
                row.full_name,
                self.refresh_candidate,
                self._undo_failed,
            )
        )
        self.refresh_candidate(row.id)
        message = self.tr("Archived {name}.") if archive else self.tr("Restored {name}.")
        self.statusBar().showMessage(message.format(name=row.full_name), 5000)

    def _undo_failed(self, what: str, error: UtqError) -> None:
        show_error(self, self.tr("Could not undo or redo: {what}").format(what=what), error)

    # --- database and settings -----------------------------------------------------------------

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            "",
            self.tr("UTQ databases (*.sqlite *.db);;All files (*)"),
        )
        if path:
            self.database_switch_requested.emit(path)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New database"), "utq.sqlite", self.tr("UTQ databases (*.sqlite)")
        )
        if path:
            self.database_switch_requested.emit(path)

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.reload_register()
            self.detail.refresh()

    def edit_users(self) -> None:
        dialog = UsersDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About UTQ Desktop"),
            self.tr(
                "<h3>UTQ Desktop {version}</h3><p>Candidates, intakes, learning routes, "
                "dossiers and certificates for the University Teaching Qualification "
                "(BKO).</p><p>Database: {database}</p>"
            ).format(version=__version__, database=self.services.database_label),
        )
