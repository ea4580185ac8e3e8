"""Exports from the Portfolio tab: the working dossier as a PDF and its files as a zip,
a snapshot's the same way from the Submission page, and Cancel on a running export (which
leaves no file), all off the GUI thread."""

from __future__ import annotations

import threading
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from portfolio_helpers import add_item, candidate_id, open_portfolio, write
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QPushButton

from ui.detail.portfolio.tab import SUBMISSION
from ui.main_window import MainWindow
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.services.app import Services


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))


def test_export_the_working_dossier_as_pdf_and_its_files_as_zip(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch
) -> None:
    cid = candidate_id(window, "Siobhán van 't Hof")
    files = [write(tmp_path, "Toets Siobhán.pdf", b"%PDF toets"), write(tmp_path, "b.txt", b"b")]
    add_item(services, cid, "Toetsplan", criteria=("C3.1",), files=files)
    tab = open_portfolio(qtbot, window, "Siobhán van 't Hof")

    pdf = tmp_path / "out" / "dossier"  # no extension: .pdf is added
    pdf.parent.mkdir()
    save_to(monkeypatch, pdf)
    assert tab.pdf_action in tab.export_menu.actions()
    tab.pdf_action.trigger()
    qtbot.waitUntil(lambda: "Saved the dossier to dossier.pdf." in tab.notice.text(), timeout=10000)
    assert pdf.with_suffix(".pdf").read_bytes().startswith(b"%PDF")

    archive = tmp_path / "out" / "files.zip"
    save_to(monkeypatch, archive)
    tab.zip_action.trigger()
    qtbot.waitUntil(lambda: "Saved 2 files to files.zip." in tab.notice.text())
    with zipfile.ZipFile(archive) as opened:
        assert any(name.endswith("Toets Siobhán.pdf") for name in opened.namelist())
    assert tab.export_button.isEnabled()  # idle again


def test_cancel_a_running_export_leaves_no_file(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch
) -> None:
    cid = candidate_id(window, "Nguyễn Thảo")
    add_item(services, cid, "Slides", files=[write(tmp_path, f"{n}.txt", b"x") for n in "abc"])
    tab = open_portfolio(qtbot, window, "Nguyễn Thảo")
    archive = tmp_path / "files.zip"
    save_to(monkeypatch, archive)
    release = threading.Event()
    window.runner.run(lambda: release.wait(10), lambda _r: None, lambda _e: None)  # busy
    tab.zip_action.trigger()  # queued behind it
    assert not tab.export_button.isEnabled()  # one export at a time
    dialog = tab.exporter.dialog
    assert dialog is not None and dialog.objectName() == "portfolioExportProgress"
    dialog.findChild(QPushButton).click()  # Cancel (the dialog shows after 300 ms)
    release.set()
    qtbot.waitUntil(lambda: "Export cancelled" in tab.notice.text())
    assert not archive.exists()
    assert tab.exporter.dialog is None and tab.export_button.isEnabled()


def test_export_a_snapshot_from_the_submission_page(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch
) -> None:
    cid = candidate_id(window, "Ayşe Doğan")
    detail = services.candidates.detail(cid)
    version = detail.row_version
    for status in (TrajectoryStatus.INTAKE, TrajectoryStatus.LEARNING_ROUTE):
        version = services.candidates.update(cid, replace(detail.data, status=status), version)
    add_item(services, cid, "Syllabus", files=[write(tmp_path, "syllabus.pdf", b"%PDF s")])
    view = services.portfolio.dossier(cid)
    ready = services.portfolio.mark_ready(cid, view.row_version)
    services.portfolio.submit(cid, ready, "Test")
    add_item(services, cid, "Added after the submission")  # not in the snapshot
    tab = open_portfolio(qtbot, window, "Ayşe Doğan")
    tab.sections.setCurrentIndex(SUBMISSION)
    page = tab.submission
    assert page.selected().number == 1  # the newest is selected
    assert page.pdf_action.isEnabled() and page.zip_action.isEnabled()

    archive = tmp_path / "snapshot.zip"
    save_to(monkeypatch, archive)
    page.zip_action.trigger()
    qtbot.waitUntil(lambda: "Saved 1 files to snapshot.zip." in tab.notice.text())
    with zipfile.ZipFile(archive) as opened:
        assert [Path(n).name for n in opened.namelist()] == ["syllabus.pdf"]

    pdf = tmp_path / "snapshot.pdf"
    save_to(monkeypatch, pdf)
    page.pdf_action.trigger()
    qtbot.waitUntil(
        lambda: "Saved the dossier to snapshot.pdf." in tab.notice.text(), timeout=10000
    )
    assert pdf.read_bytes().startswith(b"%PDF")
