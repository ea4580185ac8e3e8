"""The window on a shared database: a colleague's save meanwhile, and a network that drops.

Runs on SQLite and PostgreSQL (tests/conftest.py); the network tests need PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from database_backends import TempDatabase
from gui_helpers import activate
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton
from tcp_proxy import TcpProxy, through

from ui.app import Controller, _has_password
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.services.app import Services, open_services
from utq_desktop.services.dto import InstitutionSettingsData


def show(qtbot, services: Services, settings: QSettings) -> MainWindow:
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.register_loaded, timeout=10_000):
        window.reload_register()
    return window


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    return show(qtbot, services, isolated_settings)


def names(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]


def click_row(qtbot, window: MainWindow, name: str) -> None:
    table = window.register.table
    rect = table.visualRect(window.register.model.index(names(window).index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox, "errorMessage") if b.isVisible()]


def button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.findChildren(QPushButton) if b.text() == text)


# --- settings: a colleague saved while the dialog was open ---------------------------------------


def test_settings_saved_meanwhile_are_not_overwritten(
    qtbot, window: MainWindow, sample_database: TempDatabase, on_modal
) -> None:
    seen: list[str] = []

    def edit(dialog) -> None:
        colleague = sample_database.open("bram")
        current = colleague.settings.get_versioned()
        colleague.settings.update(
            InstitutionSettingsData("Universiteit Twente", 3, "4tu"), current.row_version
        )
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)

        def keep_mine(box: QMessageBox) -> None:
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()

        on_modal(keep_mine)
        dialog.years.setValue(5)
        save.click()
        assert dialog.isVisible()
        assert (dialog.name.text(), dialog.years.value()) == ("Universiteit", 5)  # kept

        on_modal(lambda box: button(box, "Reload their settings").click())
        save.click()
        assert (dialog.name.text(), dialog.years.value()) == ("Universiteit Twente", 3)
        dialog.years.setValue(5)
        save.click()  # on their version now: accepted

    on_modal(edit)
    window.settings_action.trigger()
    assert seen[0].startswith("bram changed the institution settings (name) at ")
    assert window.services.settings.get() == InstitutionSettingsData(
        "Universiteit Twente", 5, "4tu"
    )
    rows = sample_database.query(
        "SELECT actor, field, new_value FROM audit_entry WHERE entity = 'settings' ORDER BY id"
    )
    assert rows == [
        ("bram", "name", "Universiteit Twente"),
        ("tester", "deadline_years", "5"),
    ]


# --- the network drops ----------------------------------------------------------------------------


@pytest.fixture
def remote(sample_database: TempDatabase, network: TcpProxy) -> Iterator[Services]:
    """Services that reach the server through the test's cuttable network."""
    opened = open_services(through(network, sample_database.url), actor="tester")
    yield opened
    opened.close()


def test_network_outage_is_reported_and_refresh_recovers(
    qtbot, remote: Services, network: TcpProxy, isolated_settings: QSettings
) -> None:
    window = show(qtbot, remote, isolated_settings)
    assert len(names(window)) == 4
    network.cut()

    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bool(error_boxes(window)), timeout=15_000)
    box = error_boxes(window)[0]
    assert box.windowTitle() == "Could not load the register"
    assert "is not reachable" in box.text()
    assert "try again when the connection is back" in box.text()
    assert len(names(window)) == 4  # what was shown stays on screen
    box.accept()
    activate(qtbot, window)

    click_row(qtbot, window, "Ayşe Doğan")
    qtbot.waitUntil(lambda: bool(error_boxes(window)), timeout=15_000)
    titles = {b.windowTitle() for b in error_boxes(window)}
    assert "Could not load the candidate" in titles
    assert all("is not reachable" in b.text() for b in error_boxes(window))
    for box in error_boxes(window):
        box.accept()
    activate(qtbot, window)

    network.restore()
    with qtbot.waitSignal(window.register_loaded, timeout=15_000) as loaded:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert loaded.args == [4]
    overview = window.detail.pages[0]  # F5 also reloads the candidate that failed to load
    qtbot.waitUntil(lambda: overview.values["name"].text() == "Ayşe Doğan")
    assert error_boxes(window) == []


def test_network_drop_mid_edit_keeps_the_text_and_the_save_works_later(
    qtbot,
    remote: Services,
    network: TcpProxy,
    sample_database: TempDatabase,
    isolated_settings: QSettings,
    on_modal,
) -> None:
    """Journey 7: the network drops for a minute mid-edit; the app says so and recovers."""
    window = show(qtbot, remote, isolated_settings)
    click_row(qtbot, window, "Ayşe Doğan")
    qtbot.waitUntil(lambda: window.detail.pages[0].values["name"].text() == "Ayşe Doğan")
    seen: list[str] = []

    def edit(dialog) -> None:
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        dialog.department.setText("Astronomy")
        network.cut()
        save.click()
        seen.append(dialog.error.text())
        assert dialog.isVisible() and dialog.department.text() == "Astronomy"
        network.restore()
        save.click()

    on_modal(edit)
    window.edit_action.trigger()
    assert "is not reachable" in seen[0]
    assert seen[0].endswith(
        "Nothing was saved; your change will work again when the connection is back."
    )
    overview = window.detail.pages[0]
    qtbot.waitUntil(lambda: overview.values["department"].text() == "Astronomy", timeout=10_000)
    assert sample_database.query(
        "SELECT department, row_version FROM candidate WHERE staff_number = '0012345'"
    ) == [("Astronomy", 2)]


def test_settings_dialog_without_a_connection_offers_no_save(
    qtbot, remote: Services, network: TcpProxy, isolated_settings: QSettings, on_modal
) -> None:
    window = show(qtbot, remote, isolated_settings)
    network.cut()
    seen: list[tuple[str, bool]] = []

    def look(dialog) -> None:
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        seen.append((dialog.error.text(), save.isEnabled()))
        dialog.reject()

    on_modal(look)
    window.settings_action.trigger()
    assert "is not reachable" in seen[0][0]
    assert seen[0][1] is False
    network.restore()
    assert remote.settings.get().name == "Universiteit"


def test_starting_while_the_server_is_unreachable_offers_to_try_again(
    qtbot, sample_database: TempDatabase, network: TcpProxy, isolated_settings: QSettings, on_modal
) -> None:
    network.cut()
    seen: list[str] = []

    def server_is_back(box: QMessageBox) -> None:
        seen.append(box.text())
        network.restore()
        button(box, "Try again").click()

    controller = Controller(isolated_settings, user="tester")
    qtbot.addWidget(controller.window)
    on_modal(server_is_back)
    with qtbot.waitSignal(controller.window.register_loaded, timeout=20_000) as loaded:
        controller.start(through(network, sample_database.url))
    assert loaded.args == [4]
    assert "is not reachable" in seen[0]
    controller.close()


def test_try_again_is_offered_only_for_a_connection_problem(
    qtbot, tmp_path, isolated_settings: QSettings, on_modal
) -> None:
    buttons: list[list[str]] = []

    def look_then_quit(box: QMessageBox) -> None:
        buttons.append([b.text() for b in box.findChildren(QPushButton)])
        if len(buttons) == 1:
            on_modal(look_then_quit)
            button(box, "Try again").click()  # still unreachable: asked again
        else:
            button(box, "Quit").click()

    controller = Controller(isolated_settings, user="tester")
    qtbot.addWidget(controller.window)
    on_modal(look_then_quit)
    controller.start("postgresql+psycopg://tester@127.0.0.1:1/utq")  # nothing listens there
    qtbot.waitUntil(lambda: not controller.window.isVisible(), timeout=20_000)
    assert len(buttons) == 2 and "Try again" in buttons[0]
    assert controller.exit_code == 1
    controller.close()

    not_a_database = tmp_path / "notes.sqlite"
    not_a_database.write_text("just text")
    again = Controller(isolated_settings, user="tester")
    qtbot.addWidget(again.window)
    offered: list[str] = []

    def look(box: QMessageBox) -> None:
        offered.extend(b.text() for b in box.findChildren(QPushButton))
        button(box, "Quit").click()

    on_modal(look)
    again.start(str(not_a_database))
    qtbot.waitUntil(lambda: not again.window.isVisible(), timeout=20_000)
    assert "Quit" in offered and "Try again" not in offered
    again.close()


# --- what the window remembers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "secret"),
    [
        ("/home/anna/utq.sqlite", False),
        ("postgresql+psycopg://anna@db.example.nl/utq", False),
        ("postgresql+psycopg://anna:s3cret@db.example.nl/utq", True),
        ("postgresql+psycopg://anna:@db.example.nl/utq", True),
    ],
)
def test_a_server_password_is_never_remembered(value: str, secret: bool) -> None:
    assert _has_password(value) is secret
