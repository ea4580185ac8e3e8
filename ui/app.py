"""Start the window: pick the database, open it with a clear message on failure, run."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from utq_desktop import __version__
from utq_desktop.errors import UtqError
from utq_desktop.services.app import DATABASE_ENV_VAR, Services, open_services

from ui.main_window import MainWindow
from ui.messages import error_text

SMOKE_TIMEOUT_MS = 60_000
LAST_DATABASE_KEY = "database/last"


def create_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("UTQ Desktop")
    app.setApplicationName("UTQ Desktop")
    app.setApplicationVersion(__version__)
    return app


class Controller:
    """Owns the open database and its window; switching databases replaces both."""

    def __init__(self, settings: QSettings, user: str | None, smoke_test: bool = False) -> None:
        self.settings = settings
        self.user = user
        self.smoke_test = smoke_test
        self.window: MainWindow | None = None
        self.services: Services | None = None
        self.exit_code = 0

    def open(self, database: str | None) -> bool:
        """Open ``database`` in a new window; on failure keep the current one (if any)."""
        while True:
            try:
                services = open_services(database, actor=self.user)
                break
            except UtqError as error:
                if self.smoke_test:
                    print(f"utq-desktop: {error}", file=sys.stderr)
                    return False
                database = self._ask_other_database(error)
                if database is None:
                    return False
        self._show(services, database)
        return True

    def _show(self, services: Services, database: str | None) -> None:
        old_window, old_services = self.window, self.services
        self.services = services
        self.window = MainWindow(services, self.settings)
        self.window.database_switch_requested.connect(self.open)
        if database and "@" not in database:  # never store a server password
            self.settings.setValue(LAST_DATABASE_KEY, database)
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_services is not None:
            old_services.close()
        if self.smoke_test:
            self.window.register_loaded.connect(self._smoke_done)
            QTimer.singleShot(SMOKE_TIMEOUT_MS, self._smoke_timeout)
        self.window.show()
        self.window.reload_register()
        if services.backup_path:
            self.window.statusBar().showMessage(
                self.window.tr(
                    "The database was upgraded; the previous version was saved as {path}"
                ).format(path=services.backup_path),
                15000,
            )

    def _ask_other_database(self, error: UtqError) -> str | None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "UTQ Desktop",
            error_text(error),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("openDatabaseError")
        other = box.addButton(box.tr("Open another database…"), QMessageBox.ButtonRole.AcceptRole)
        new = box.addButton(box.tr("Create a new database…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(
            box.tr("Cancel") if self.window else box.tr("Quit"), QMessageBox.ButtonRole.RejectRole
        )
        box.exec()
        if box.clickedButton() is other:
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                box.tr("Open database"),
                "",
                box.tr("UTQ databases (*.sqlite *.db);;All files (*)"),
            )
            return path or None
        if box.clickedButton() is new:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                box.tr("New database"),
                "utq.sqlite",
                box.tr("UTQ databases (*.sqlite)"),
            )
            return path or None
        return None

    def _smoke_done(self, count: int) -> None:
        print(f"UTQ Desktop main window shown: {count} candidates", flush=True)
        self.exit_code = 0
        QApplication.quit()

    def _smoke_timeout(self) -> None:
        print("utq-desktop: the register did not load in time", file=sys.stderr)
        self.exit_code = 1
        QApplication.quit()

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None


def run(database: str | None = None, user: str | None = None, smoke_test: bool = False) -> int:
    app = create_application()
    settings = QSettings()
    last = settings.value(LAST_DATABASE_KEY)
    chosen = (
        database or os.environ.get(DATABASE_ENV_VAR) or (last if isinstance(last, str) else None)
    )
    controller = Controller(settings, user, smoke_test)
    if not controller.open(chosen):
        return 1
    code = app.exec()
    controller.close()
    return code or controller.exit_code
