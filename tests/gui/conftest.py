"""GUI fixtures: an isolated QSettings store and a database with a few candidates.

``sample_database`` (SQLite, or PostgreSQL with UTQ_TEST_POSTGRES_URL: tests/conftest.py)
holds the four SAMPLE candidates; ``services`` is opened on it as "tester". ``db_path`` is
the same database as an SQLite file path, for tests about the file itself: it skips on
PostgreSQL, so a test that only needs a database should use ``sample_database``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from database_backends import TempDatabase
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui import gc_guard
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput

TODAY = date.today()


@pytest.fixture(autouse=True, scope="session")
def gui_thread_collector(qapp: QApplication) -> gc_guard.GuiThreadCollector:
    """As in the app (ui/app.create_application): cycles are collected on this thread only,
    never on the worker thread, where freeing a widget crashes the process."""
    return gc_guard.install(qapp)


@pytest.fixture(autouse=True)
def collect_between_tests(gui_thread_collector: gc_guard.GuiThreadCollector) -> Iterator[None]:
    yield
    gui_thread_collector.collect_due()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QSettings]:
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("UTQ Desktop Tests")
    QCoreApplication.setApplicationName("UTQ Desktop Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    settings = QSettings()
    yield settings
    settings.clear()


def _years_ago(years: int, months: int = 0) -> date:
    month_index = TODAY.year * 12 + TODAY.month - 1 - years * 12 - months
    return date(month_index // 12, month_index % 12 + 1, min(TODAY.day, 28))


SAMPLE = (
    CandidateInput(
        staff_number="0012345",
        first_name="Ayşe",
        surname="Doğan",
        email="a.dogan@example.nl",
        faculty="Science",
        department="Physics",
        employment_start=_years_ago(1),
    ),
    CandidateInput(
        staff_number="0023456",
        first_name="Siobhán",
        prefix="van 't",
        surname="Hof",
        email="s.vanthof@example.nl",
        faculty="Law",
        employment_start=_years_ago(4),
    ),
    CandidateInput(
        staff_number="0034567",
        first_name="Nguyễn",
        surname="Thảo",
        email="n.thao@example.nl",
        faculty="Science",
        employment_start=_years_ago(2, 8),
    ),
    CandidateInput(
        staff_number="0045678",
        first_name="Øyvind",
        surname="Ångström",
        email="o.angstrom@example.nl",
        faculty="Humanities",
        employment_start=_years_ago(0, 2),
    ),
)


@pytest.fixture
def sample_database(database: TempDatabase) -> TempDatabase:
    """The test's database holding the four SAMPLE candidates, created by "setup"."""
    setup = database.open("setup")
    try:
        for data in SAMPLE:
            setup.candidates.create(data)
    finally:
        setup.close()
    return database


@pytest.fixture
def db_path(sample_database: TempDatabase) -> Path:
    """``sample_database`` as an SQLite file (skips on PostgreSQL)."""
    if sample_database.path is None:
        pytest.skip("uses the SQLite file (db_path); sample_database runs on both backends")
    return sample_database.path


@pytest.fixture
def services(sample_database: TempDatabase) -> Iterator[Services]:
    opened = sample_database.open("tester")
    yield opened
    opened.close()


@pytest.fixture
def on_modal(qtbot: object) -> Callable[[Callable[[QWidget], None]], None]:
    """Run ``handler(dialog)`` once the next modal dialog is open (exec() blocks the test)."""

    def schedule(handler: Callable[[QWidget], None]) -> None:
        def poll() -> None:
            widget = QApplication.activeModalWidget()
            if widget is None or not widget.isVisible():
                QTimer.singleShot(10, poll)
                return
            try:
                handler(widget)
            except BaseException:
                widget.close()  # never leave exec() waiting: the failure is reported anyway
                raise

        QTimer.singleShot(0, poll)

    return schedule
