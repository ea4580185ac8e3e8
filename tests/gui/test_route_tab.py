"""The Learning route tab driven like a consultant would: add an activity, change its status,
remove it, undo and redo all of it, agree the route, export the PDF (journey 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from database_backends import TempDatabase
from gui_helpers import activate, type_text
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from ui.detail.route.tab import RouteTab
from ui.detail.route.timeline import RouteTimeline
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX, ID_ROLE
from utq_desktop.domain.route import ActivityKind, ActivityStatus
from utq_desktop.services.app import Services
from utq_desktop.services.route_dto import ActivityInput

TODAY = date.today()
A = ActivityStatus


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


def open_route(qtbot, window: MainWindow, name: str) -> RouteTab:
    """Click the candidate in the register, then the Learning route tab; wait for it."""
    table = window.register.table
    rect = table.visualRect(window.register.model.index(names(window).index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = next(page for page in window.detail.pages if isinstance(page, RouteTab))
    index = window.detail.tabs.indexOf(tab)
    assert window.detail.tabs.tabText(index) == "Learning route"
    bar = window.detail.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    candidate_id = window.register.selected_id()
    qtbot.waitUntil(lambda: tab.route is not None and tab.route.candidate_id == candidate_id)
    return tab


def titles(tab: RouteTab) -> list[str]:
    return [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]


def save(qtbot, dialog: QWidget) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_add_an_activity_through_the_dialog_then_undo_and_redo(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_route(qtbot, window, "Ayşe Doğan")
    assert tab.model.rowCount() == 0 and "No activities yet" in tab.summary.text()
    seen: list[str] = []

    def fill(dialog) -> None:
        save(qtbot, dialog)  # without a title
        seen.append(dialog.error.text())
        assert dialog.isVisible() and dialog.focusWidget() is dialog.title
        dialog.kind.setCurrentIndex(dialog.kind.findData(ActivityKind.WORKSHOP.value))
        type_text(dialog.title, "Toetsen en beoordelen — Çalışma")
        qtbot.keyClicks(dialog.provider, "CELT")
        dialog.planned_on.setDate(QDate(TODAY.year + 1, 3, 1))
        dialog.hours.setValue(4.5)
        competences = dialog.competences
        competences.setFocus()
        competences.setCurrentIndex(dialog.competence_model.index(2, 0))
        qtbot.keyClick(competences, Qt.Key.Key_Space)
        save(qtbot, dialog)

    on_modal(fill)
    qtbot.mouseClick(tab.findChild(QWidget, "routeAddActivityButton"), Qt.MouseButton.LeftButton)
    assert "needs a title" in seen[0]
    qtbot.waitUntil(lambda: titles(tab) == ["Toetsen en beoordelen — Çalışma"])
    (activity,) = tab.route.activities
    assert activity.data.hours == 4.5 and activity.data.planned_on == date(TODAY.year + 1, 3, 1)
    assert [tab.route.competences[2].id] == list(activity.data.competence_ids)
    assert tab.selected_activity() is not None  # the new activity is selected
    assert tab.progress_model.index(2, 1).data() == "1"
    assert [m.activity_id for m in tab.timeline.markers()] == [activity.id]

    activate(qtbot, window)
    qtbot.keyClick(window.register.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    assert services.route.detail(tab.route.candidate_id).activities == ()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: titles(tab) == ["Toetsen en beoordelen — Çalışma"])


def add(services: Services, candidate_id: int, title: str, planned: date) -> int:
    competences = services.route.detail(candidate_id).competences
    return services.route.add_activity(
        candidate_id,
        ActivityInput(
            ActivityKind.TRAINING_MODULE, title, "CELT", planned, 16.0, (competences[0].id,)
        ),
    )


def test_change_the_status_then_undo_and_redo(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    candidate_id = window.register.model.index(names(window).index("Ayşe Doğan"), 0).data(ID_ROLE)
    add(services, candidate_id, "Course design", TODAY)
    tab = open_route(qtbot, window, "Ayşe Doğan")
    tab.select_activity(tab.route.activities[0].id)
    assert not tab.status_actions[A.PLANNED].isEnabled()

    def completed(dialog) -> None:
        assert dialog.objectName() == "statusDialog"
        dialog.day.setDate(QDate(TODAY.year + 1, 1, 1))  # in the future: refused
        save(qtbot, dialog)
        assert "still to come" in dialog.error.text() and dialog.isVisible()
        dialog.day.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
        save(qtbot, dialog)

    on_modal(completed)
    tab.status_actions[A.COMPLETED].trigger()
    qtbot.waitUntil(lambda: tab.route.activities[0].status is A.COMPLETED)
    assert tab.model.index(0, 2).data() == "Completed"
    # completing was the last change: a completed activity cannot be cancelled
    tab.select_activity(tab.route.activities[0].id)
    assert not tab.status_actions[A.CANCELLED].isEnabled()
    assert tab.status_actions[A.PLANNED].isEnabled()

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: tab.route.activities[0].status is A.PLANNED)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: tab.route.activities[0].status is A.COMPLETED)
    assert tab.route.activities[0].dates.completed_on == TODAY


def test_remove_asks_first_and_undo_brings_it_back(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    candidate_id = window.register.model.index(names(window).index("Nguyễn Thảo"), 0).data(ID_ROLE)
    add(services, candidate_id, "Assessment", date(TODAY.year + 1, 2, 1))
    tab = open_route(qtbot, window, "Nguyễn Thảo")
    tab.select_activity(tab.route.activities[0].id)
    questions: list[str] = []

    def cancel(box: QMessageBox) -> None:
        questions.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    on_modal(cancel)
    tab.remove_action.trigger()
    assert "Remove 'Assessment' from Nguyễn Thảo's learning route?" in questions[0]
    assert titles(tab) == ["Assessment"]

    def accept(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Remove").click()

    on_modal(accept)
    tab.remove_action.trigger()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: titles(tab) == ["Assessment"])
    timeline = services.audit.candidate_timeline(candidate_id)
    assert [e.action for e in timeline if e.field == "activity"][:3] == [
        "create",
        "delete",
        "create",
    ]


def test_an_undo_over_someone_elses_change_is_refused_with_a_message(
    qtbot, window: MainWindow, services: Services, sample_database: TempDatabase, on_modal
) -> None:
    candidate_id = window.register.model.index(names(window).index("Ayşe Doğan"), 0).data(ID_ROLE)
    activity_id = add(services, candidate_id, "Course design", date(TODAY.year + 1, 2, 1))
    tab = open_route(qtbot, window, "Ayşe Doğan")
    tab.select_activity(activity_id)

    def edit(dialog) -> None:
        dialog.hours.setValue(8.0)
        save(qtbot, dialog)

    on_modal(edit)
    tab.edit_action.trigger()
    qtbot.waitUntil(lambda: tab.route.activities[0].data.hours == 8.0)
    other = sample_database.open("bert")
    current = other.route.detail(candidate_id).activities[0]
    other.route.update_activity(
        activity_id,
        ActivityInput(ActivityKind.WORKSHOP, "Bert's", "", None, 2.0),
        current.row_version,
    )
    seen: list[str] = []

    def stale(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    on_modal(stale)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith("bert changed this activity")
    qtbot.waitUntil(lambda: titles(tab) == ["Bert's"])  # nothing overwritten
    assert not window.undo_stack.canRedo()


def test_agreement_then_export_the_pdf(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, on_modal, monkeypatch
) -> None:
    tab = open_route(qtbot, window, "Siobhán van 't Hof")

    def agree(dialog) -> None:
        assert dialog.agreed.isChecked()
        type_text(dialog.agreed_by, "dr. Ümit Özdemir")
        save(qtbot, dialog)

    on_modal(agree)
    qtbot.mouseClick(tab.agree_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.route.agreement.agreed)
    assert "Agreed with dr. Ümit Özdemir on" in tab.agreement.text()
    target = tmp_path / "route.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.findChild(QWidget, "routeExportPdfButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved the learning route" in tab.notice.text(), timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not tab.route.agreement.agreed)


def test_the_timeline_flags_what_is_planned_after_the_deadline(
    qtbot, window: MainWindow, services: Services
) -> None:
    candidate_id = window.register.model.index(names(window).index("Nguyễn Thảo"), 0).data(ID_ROLE)
    deadline = services.route.detail(candidate_id).deadline
    assert deadline is not None
    early = add(services, candidate_id, "Early", date(TODAY.year, 1, 10))
    late = add(services, candidate_id, "Late", date(deadline.year + 1, 1, 10))
    tab = open_route(qtbot, window, "Nguyễn Thảo")
    timeline: RouteTimeline = tab.timeline
    markers = {m.activity_id: m for m in timeline.markers()}
    assert markers[late].late and not markers[early].late
    assert markers[early].overdue
    assert markers[early].x < timeline.x_of(TODAY) < timeline.x_of(deadline) < markers[late].x
    assert timeline.x_of(deadline) < timeline.width()
    assert not timeline.grab().isNull()
    assert "After the deadline: 1" in tab.summary.text()
    row = tab.model.row_of(late)
    assert tab.model.index(row, 0).data().endswith("!")
    pos = timeline.center_of(markers[late]).toPoint()
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: tab.selected_activity() is not None)
    assert tab.selected_activity().id == late
