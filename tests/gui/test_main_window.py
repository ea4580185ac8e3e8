"""The main window driven like a coordinator would: typing, clicking, keyboard shortcuts."""

from __future__ import annotations

import pytest
from database_backends import TempDatabase
from gui_helpers import activate, type_text
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX, ID_ROLE
from utq_desktop.services.app import Services


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def names(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]


def select(qtbot, window: MainWindow, name: str) -> None:
    row = names(window).index(name)
    table = window.register.table
    rect = table.visualRect(window.register.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.detail.pages[0].values["name"].text() == name)


def test_register_shows_candidates_sorted_by_surname(window: MainWindow) -> None:
    assert names(window) == ["Øyvind Ångström", "Ayşe Doğan", "Siobhán van 't Hof", "Nguyễn Thảo"]
    assert "4 of 4 candidates shown" in window.counts.text()
    assert "1 overdue" in window.counts.text()


def test_search_as_you_type_ignores_case_and_diacritics(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.register.search.hasFocus()
    qtbot.keyClicks(window.register.search, "dogan")
    qtbot.waitUntil(lambda: names(window) == ["Ayşe Doğan"])
    qtbot.keyClick(window.register.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(names(window)) == 4)
    qtbot.keyClicks(window.register.search, "0023456")
    qtbot.waitUntil(lambda: names(window) == ["Siobhán van 't Hof"])


def test_filters_by_faculty_and_deadline(qtbot, window: MainWindow) -> None:
    faculty = window.register.faculty
    faculty.setCurrentIndex(faculty.findText("Science"))
    assert names(window) == ["Ayşe Doğan", "Nguyễn Thảo"]
    faculty.setCurrentIndex(0)
    due = window.register.due
    due.setCurrentIndex(due.findText("Overdue"))
    assert names(window) == ["Siobhán van 't Hof"]
    due.setCurrentIndex(due.findText("Due within 6 months"))
    assert names(window) == ["Nguyễn Thảo"]


def test_selecting_shows_overview_with_deadline_and_timeline(qtbot, window: MainWindow) -> None:
    select(qtbot, window, "Siobhán van 't Hof")
    overview = window.detail.pages[0]
    assert overview.values["staff_number"].text() == "0023456"
    assert "Overdue" in overview.values["deadline"].text()
    qtbot.waitUntil(lambda: overview.timeline_model.rowCount() > 0)
    whats = {
        overview.timeline_model.index(r, 2).data()
        for r in range(overview.timeline_model.rowCount())
    }
    assert "Created: Surname" in whats


def test_new_candidate_through_the_dialog(qtbot, window: MainWindow, on_modal) -> None:
    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.staff_number, "0099999")
        type_text(dialog.first_name, "Łukasz")
        type_text(dialog.surname, "Wiśniewski")
        qtbot.keyClicks(dialog.email, "L.Wisniewski@Example.NL")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )

    on_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Łukasz Wiśniewski" in names(window))
    overview = window.detail.pages[0]
    qtbot.waitUntil(lambda: overview.values["name"].text() == "Łukasz Wiśniewski")
    assert overview.values["email"].text() == "l.wisniewski@example.nl"


def test_invalid_input_keeps_the_dialog_open_with_a_message(qtbot, window, on_modal) -> None:
    seen: list[str] = []

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.staff_number, "0012345")  # already Ayşe Doğan's
        qtbot.keyClicks(dialog.surname, "Jansen")
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen.append(dialog.error.text())
        assert dialog.isVisible()
        assert dialog.focusWidget() is dialog.staff_number
        dialog.staff_number.clear()
        qtbot.keyClicks(dialog.staff_number, "0012399")
        dialog.email.setText("not-an-address")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen.append(dialog.error.text())
        dialog.reject()

    on_modal(fill)
    window.new_action.trigger()
    assert "already used by Ayşe Doğan" in seen[0]
    assert "not a valid e-mail address" in seen[1]
    assert "Jansen" not in " ".join(names(window))


def test_edit_is_audited_and_undoable(qtbot, window: MainWindow, on_modal) -> None:
    select(qtbot, window, "Ayşe Doğan")

    def edit(dialog) -> None:
        dialog.department.clear()
        qtbot.keyClicks(dialog.department, "Astronomy")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    on_modal(edit)
    qtbot.keyClick(window.register.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overview = window.detail.pages[0]
    qtbot.waitUntil(lambda: overview.values["department"].text() == "Astronomy")
    qtbot.waitUntil(lambda: overview.timeline_model.index(0, 3).data() == "Physics → Astronomy")
    assert overview.timeline_model.index(0, 1).data() == "tester"

    activate(qtbot, window)
    qtbot.keyClick(window.register.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: overview.values["department"].text() == "Physics")
    assert (
        window.services.candidates.detail(window.register.selected_id()).data.department
        == "Physics"
    )


def test_archive_asks_first_then_hides_and_undo_restores(qtbot, window, on_modal) -> None:
    select(qtbot, window, "Nguyễn Thảo")

    def cancel(box: QMessageBox) -> None:
        assert "Nguyễn Thảo" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    on_modal(cancel)
    qtbot.keyClick(window.register.table, Qt.Key.Key_Delete)
    assert "Nguyễn Thảo" in names(window)
    activate(qtbot, window)

    def accept(box: QMessageBox) -> None:
        archive = next(b for b in box.findChildren(QPushButton) if b.text() == "Archive")
        archive.click()

    on_modal(accept)
    qtbot.keyClick(window.register.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Nguyễn Thảo" not in names(window))
    window.register.show_archived.click()
    assert "Nguyễn Thảo" in names(window)
    window.register.show_archived.click()

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "Nguyễn Thảo" in names(window))


def test_second_save_of_the_same_candidate_is_refused(
    qtbot, window, sample_database: TempDatabase, on_modal
) -> None:
    select(qtbot, window, "Ayşe Doğan")
    candidate_id = window.register.selected_id()
    messages: list[str] = []

    def edit(dialog) -> None:
        # A colleague saves the same candidate while this dialog is open.
        colleague = sample_database.open("bram")
        try:
            detail = colleague.candidates.detail(candidate_id)
            from dataclasses import replace

            colleague.candidates.update(
                candidate_id, replace(detail.data, position="Lecturer"), detail.row_version
            )
        finally:
            colleague.close()

        def stale(box: QMessageBox) -> None:
            messages.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()

        on_modal(stale)
        dialog.department.setText("Chemistry")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.isVisible()  # the user's text is still there
        assert dialog.department.text() == "Chemistry"
        dialog.reject()

    on_modal(edit)
    window.edit_action.trigger()
    assert "bram changed this candidate (position)" in messages[0]
    saved = window.services.candidates.detail(candidate_id).data
    assert (saved.position, saved.department) == ("Lecturer", "Physics")


def test_settings_change_moves_deadlines(qtbot, window: MainWindow, on_modal) -> None:
    select(qtbot, window, "Ayşe Doğan")
    before = window.detail.pages[0].values["deadline"].text()

    def change(dialog) -> None:
        dialog.years.setValue(5)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(change)
    window.settings_action.trigger()
    qtbot.waitUntil(lambda: window.detail.pages[0].values["deadline"].text() != before)
    assert window.services.settings.get().deadline_years == 5


def test_window_geometry_is_remembered(qtbot, services, isolated_settings) -> None:
    first = MainWindow(services, isolated_settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 560)  # within the offscreen screen (800 x 600), not the default
    qtbot.waitUntil(lambda: first.height() == 560)
    first.close()
    second = MainWindow(services, isolated_settings)
    qtbot.addWidget(second)
    # the width is clamped to the small offscreen screen; the height shows the restore
    assert second.height() == 560 != 860


def test_main_widgets_have_stable_names(window: MainWindow) -> None:
    for name in (
        "registerTable",
        "registerSearch",
        "facultyFilter",
        "statusFilter",
        "deadlineFilter",
        "candidateTabs",
        "overviewTab",
        "overviewTimeline",
    ):
        assert window.findChild(object, name) is not None, name
    assert window.register.table.accessibleName() == "Candidate register"
    assert [
        m.title() for m in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
    ] != []
    assert window.register.model.index(0, 0).data(ID_ROLE) > 0


def test_add_a_consultant_then_assign_as_supervisor(qtbot, window: MainWindow, on_modal) -> None:
    def add_user(dialog) -> None:
        qtbot.keyClicks(dialog.name, "Marloes Bakker")
        qtbot.keyClicks(dialog.login, "mbakker")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert dialog.model.rowCount() == 1
        assert dialog.model.index(0, 2).data() == "Educational consultant (UTQ supervisor)"
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # empty form
        assert "needs a login and a name" in dialog.error.text()
        dialog.reject()

    on_modal(add_user)
    window.users_action.trigger()
    activate(qtbot, window)
    select(qtbot, window, "Ayşe Doğan")

    def assign(dialog) -> None:
        dialog.supervisor.setCurrentIndex(dialog.supervisor.findText("Marloes Bakker"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(assign)
    window.edit_action.trigger()
    overview = window.detail.pages[0]
    qtbot.waitUntil(lambda: overview.values["supervisor"].text() == "Marloes Bakker")
    qtbot.waitUntil(lambda: overview.timeline_model.index(0, 3).data() == "— → Marloes Bakker")


def test_no_two_window_actions_share_a_shortcut(window: MainWindow) -> None:
    """Qt triggers neither of two actions bound to the same key in one scope ("ambiguous"):
    the window-wide keys are unique, and no tab or panel reuses one of them."""
    from PySide6.QtGui import QAction

    scope = Qt.ShortcutContext
    window_wide: dict[str, str] = {}
    scoped: list[tuple[str, str]] = []
    clashes = []
    for action in window.findChildren(QAction):
        name = action.objectName() or action.text()
        for key in (k.toString() for k in action.shortcuts()):
            if action.shortcutContext() in (scope.WindowShortcut, scope.ApplicationShortcut):
                if key in window_wide:
                    clashes.append(f"{key}: {window_wide[key]} and {name}")
                window_wide[key] = name
            elif action.shortcutContext() is scope.WidgetWithChildrenShortcut:
                scoped.append((key, name))
    clashes += [
        f"{key}: {window_wide[key]} and {name}" for key, name in scoped if key in window_wide
    ]
    assert clashes == []
