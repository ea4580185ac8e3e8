"""Starting the window: database opened in the background, clear messages on failure."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from database_backends import TempDatabase
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QPushButton

from ui.app import LAST_DATABASE_KEY, Controller


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_window_opens_then_fills_the_register(
    qtbot, sample_database: TempDatabase, isolated_settings: QSettings
) -> None:
    controller = Controller(isolated_settings, user="tester")
    qtbot.addWidget(controller.window)
    with qtbot.waitSignal(controller.window.register_loaded, timeout=10_000) as loaded:
        controller.start(sample_database.target)
    assert loaded.args == [4]
    assert controller.window.isVisible()
    assert sample_database.label in controller.window.windowTitle()
    # a file path, or a server URL without a password: remembered for the next start
    assert isolated_settings.value(LAST_DATABASE_KEY) == sample_database.target
    controller.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(
    qtbot, tmp_path: Path, isolated_settings: QSettings, on_modal
) -> None:
    fake = tmp_path / "staff.sqlite"
    fake.write_bytes(b"%PDF-1.7 this is a renamed PDF")
    before = sha256(fake)
    seen: list[str] = []

    def quit_(box: QMessageBox) -> None:
        seen.append(box.text())
        next(b for b in box.findChildren(QPushButton) if b.text() == "Quit").click()

    controller = Controller(isolated_settings, user="tester")
    qtbot.addWidget(controller.window)
    on_modal(quit_)
    controller.start(str(fake))
    qtbot.waitUntil(lambda: not controller.window.isVisible(), timeout=10_000)
    assert "is not a UTQ Desktop database" in seen[0]
    assert controller.exit_code == 1
    assert sha256(fake) == before
    assert isolated_settings.value(LAST_DATABASE_KEY) is None
    controller.close()


def test_switching_to_a_bad_database_keeps_the_current_one(
    qtbot, sample_database: TempDatabase, tmp_path: Path, isolated_settings: QSettings, on_modal
) -> None:
    controller = Controller(isolated_settings, user="tester")
    qtbot.addWidget(controller.window)
    with qtbot.waitSignal(controller.window.register_loaded, timeout=10_000):
        controller.start(sample_database.target)
    fake = tmp_path / "notes.sqlite"
    fake.write_text("just text")
    seen: list[str] = []

    def ok(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    on_modal(ok)
    controller.window.database_switch_requested.emit(str(fake))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "not a UTQ Desktop database" in seen[0]
    assert controller.window.register.model.total() == 4
    assert sample_database.label in controller.window.windowTitle()
    controller.close()


def test_switching_to_a_new_database_shows_its_register(
    qtbot, sample_database: TempDatabase, tmp_path: Path, isolated_settings: QSettings
) -> None:
    controller = Controller(isolated_settings, user="tester")
    qtbot.addWidget(controller.window)
    with qtbot.waitSignal(controller.window.register_loaded, timeout=10_000):
        controller.start(sample_database.target)
    fresh = tmp_path / "fresh.sqlite"
    with qtbot.waitSignal(controller.window.register_loaded, timeout=10_000) as loaded:
        controller.window.database_switch_requested.emit(str(fresh))
    assert loaded.args == [0]
    assert fresh.exists()
    assert isolated_settings.value(LAST_DATABASE_KEY) == str(fresh)
    controller.close()


def test_the_window_module_does_not_load_sqlalchemy() -> None:
    """Start-up shows the window before the database layer is imported."""
    code = (
        "import sys, ui.main_window, ui.app; "
        "print('sqlalchemy' in sys.modules, 'openpyxl' in sys.modules, "
        "'reportlab' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "False"]
