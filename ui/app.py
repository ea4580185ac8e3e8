"""Start the window: show it at once, open the database in the background, then fill it.

SQLAlchemy and the database load on the worker thread while the window is already on
screen; a database that cannot be opened gets a message with a way out (another file, a
new one, or quit) and is never modified.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from utq_desktop import __version__
from utq_desktop.environment import DATABASE_ENV_VAR
from utq_desktop.errors import DatabaseConnectionError

from ui import gc_guard
from ui.main_window import MainWindow
from ui.messages import error_text, show_error

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

SMOKE_TIMEOUT_MS = 60_000
LAST_DATABASE_KEY = "database/last"
DATABASE_FILTER = "UTQ databases (*.sqlite *.db);;All files (*)"


def create_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("UTQ Desktop")
    app.setApplicationName("UTQ Desktop")
    app.setApplicationVersion(__version__)
    gc_guard.install(app)  # Python's cycle collector must never run on the worker thread
    return app


def _open(database: str | None, user: str | None) -> Services:
    from utq_desktop.services.app import open_services  # loads SQLAlchemy: worker thread

    return open_services(database, actor=user)


class Controller:
    """Owns the window and the open database; switching databases swaps the services."""

    def __init__(self, settings: QSettings, user: str | None, smoke_test: bool = False) -> None:
        self.settings = settings
        self.user = user
        self.smoke_test = smoke_test
        self.services: Services | None = None
        self.exit_code = 0
        self.window = MainWindow(None, settings)
        self.window.database_switch_requested.connect(self.open)
        self.window.register_loaded.connect(self._on_register_loaded)

    def start(self, database: str | None) -> None:
        self.window.show()
        if self.smoke_test:
            # runs once the first paint is done: the moment a user sees the window
            QTimer.singleShot(0, lambda: print("UTQ Desktop window on screen", flush=True))
            QTimer.singleShot(
                SMOKE_TIMEOUT_MS,
                lambda: self._finish_smoke("utq-desktop: the register did not load in time", 1),
            )
        self.open(database)

    def open(self, database: str | None) -> None:
        """Open ``database`` in the background; the current one stays until it succeeds."""
        self.window.statusBar().showMessage(self.window.tr("Opening the database…"))
        self.window.runner.run(
            lambda: _open(database, self.user),
            lambda services: self._opened(services, database),
            lambda error: self._failed(error, database),
        )

    def _opened(self, services: Services, database: str | None) -> None:
        old, self.services = self.services, services
        self.window.attach(services)
        if old is not None:
            old.close()
        if database and not _has_password(database):  # never store a server password
            self.settings.setValue(LAST_DATABASE_KEY, database)
        self.window.reload_register()
        if services.backup_path:
            self.window.statusBar().showMessage(
                self.window.tr(
                    "The database was upgraded; the previous version was saved as {path}"
                ).format(path=services.backup_path),
                15000,
            )

    def _failed(self, error: Exception, database: str | None) -> None:
        self.window.statusBar().clearMessage()
        if self.smoke_test:
            self._finish_smoke(f"utq-desktop: {error_text(error)}", 1)
            return
        if self.services is not None:  # switching failed: keep working on the current one
            show_error(self.window, self.window.tr("Could not open the database"), error)
            return
        other = self._ask_other_database(error, database)
        if other is None:
            self.exit_code = 1
            self.window.close()
        else:
            self.open(other or None)

    def _ask_other_database(self, error: Exception, database: str | None) -> str | None:
        """What to open instead (or again: "" means the same choice as before); None: quit."""
        window = self.window
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            window.tr("Could not open the database"),
            error_text(error),
            QMessageBox.StandardButton.NoButton,
            window,
        )
        box.setObjectName("openDatabaseError")
        retry = None
        if isinstance(error, DatabaseConnectionError):  # the server may be back in a moment
            retry = box.addButton(window.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton(
            window.tr("Open another database…"), QMessageBox.ButtonRole.AcceptRole
        )
        new = box.addButton(window.tr("Create a new database…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(window.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if retry is not None and box.clickedButton() is retry:
            return database or ""
        if box.clickedButton() is other:
            path, _ = QFileDialog.getOpenFileName(
                window, window.tr("Open database"), "", window.tr(DATABASE_FILTER)
            )
            return path or None
        if box.clickedButton() is new:
            path, _ = QFileDialog.getSaveFileName(
                window, window.tr("New database"), "utq.sqlite", window.tr(DATABASE_FILTER)
            )
            return path or None
        return None

    def _on_register_loaded(self, count: int) -> None:
        if self.smoke_test:
            self._finish_smoke(f"UTQ Desktop main window shown: {count} candidates", 0)

    def _finish_smoke(self, line: str, code: int) -> None:
        print(line, file=sys.stdout if code == 0 else sys.stderr, flush=True)
        self.exit_code = code
        self.window.close()

    def close(self) -> None:
        self.window.runner.wait()
        if self.services is not None:
            self.services.close()
            self.services = None


def _has_password(database: str) -> bool:
    """True for a server URL with a password in it (user:secret@host); never for a path."""
    if "://" not in database:
        return False
    try:
        return urlsplit(database).password is not None
    except ValueError:  # not a URL we understand: do not keep it
        return True


def run(database: str | None = None, user: str | None = None, smoke_test: bool = False) -> int:
    app = create_application()
    settings = QSettings()
    last = settings.value(LAST_DATABASE_KEY)
    chosen = (
        database or os.environ.get(DATABASE_ENV_VAR) or (last if isinstance(last, str) else None)
    )
    controller = Controller(settings, user, smoke_test)
    controller.start(chosen)
    code = app.exec()
    controller.close()
    return code or controller.exit_code
