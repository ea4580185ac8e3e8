"""The Intake tab driven like a coordinator would (journey 2: Dr. Ayşe Doğan's intake)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gui_helpers import activate, type_text
from PySide6.QtCore import QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QPushButton, QWidget

from ui.detail.intake_tab import IntakeTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.intake import IntakeState
from utq_desktop.services.app import Services, open_services
from utq_desktop.services.dto import (
    DocumentsInput,
    MeetingInput,
    TeachingExperienceInput,
    TeachingTasksInput,
)

TODAY = date.today()


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    services.users.add("mbakker", "Marloes Bakker", "consultant")
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def names(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]


def register_status(window: MainWindow, name: str) -> str:
    model = window.register.model
    return model.index(names(window).index(name), COLUMN_INDEX["status"]).data()


def open_intake(qtbot, window: MainWindow, name: str) -> IntakeTab:
    """Click the candidate in the register, then the Intake tab; wait until it is loaded."""
    table = window.register.table
    rect = table.visualRect(window.register.model.index(names(window).index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    bar = window.detail.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    tab = window.detail.pages[1]
    assert isinstance(tab, IntakeTab)
    candidate_id = window.register.selected_id()
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.candidate_id == candidate_id)
    return tab


def save(qtbot, dialog: QWidget, closes: bool = True) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    if closes and dialog.isVisible():  # a refused save would leave exec() waiting
        raise AssertionError(f"the dialog stayed open: {dialog.error.text()}")  # type: ignore[attr-defined]


def tick(qtbot, box: QWidget) -> None:
    """Click a check box on its indicator (a form stretches it wider than its text)."""
    middle = box.height() // 2
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(middle, middle))


def reloaded(qtbot, tab: IntakeTab, check) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.detail is not None and check(tab.detail), timeout=5000)


# --- journey 2 ---------------------------------------------------------------------------


def test_the_intake_of_ayse_dogan(qtbot, window: MainWindow, on_modal) -> None:
    tab = open_intake(qtbot, window, "Ayşe Doğan")
    assert tab.progress.state.text() == "Intake: Not started"
    assert not tab.cv.table.isVisibleTo(tab)
    assert register_status(window, "Ayşe Doğan") == "Registered"

    # her educational CV arrives
    def add_course(dialog) -> None:
        type_text(dialog.course, "Fizik Mühendisliği 1")
        qtbot.keyClicks(dialog.level, "M")  # Master
        dialog.role.lineEdit().selectAll()
        qtbot.keyClicks(dialog.role.lineEdit(), "Course coordinator")
        dialog.year_from.lineEdit().selectAll()
        qtbot.keyClicks(dialog.year_from, "2019")
        dialog.students.lineEdit().selectAll()
        qtbot.keyClicks(dialog.students, "85")
        save(qtbot, dialog)

    on_modal(add_course)
    qtbot.mouseClick(tab.cv.add_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: len(d.experiences) == 1)
    model = tab.cv.model
    assert [model.index(0, c).data() for c in range(6)] == [
        "Fizik Mühendisliği 1",
        "Master",
        "Course coordinator",
        "2019–now",
        "85",
        "English",
    ]
    assert tab.progress.state.text() == "Intake: Documents incomplete"
    qtbot.waitUntil(
        lambda: register_status(window, "Ayşe Doğan") == "Intake · documents incomplete"
    )
    assert "Last changed by tester" in tab.cv.changed_label.text()

    # and her self-diagnosis
    def rate(dialog) -> None:
        for key, combo in dialog.ratings.items():
            if key.startswith("competence_"):
                qtbot.keyClicks(combo, "3")
        first = tab.detail.self_diagnosis.competences[0]
        type_text(dialog.notes[f"competence_{first.id}"], "Ontwerpt al vakken — çok iyi")
        qtbot.mouseClick(dialog.toggles[first.id], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.ratings[f"criterion_{first.criteria[0].id}"], "4")
        save(qtbot, dialog)

    on_modal(rate)
    qtbot.mouseClick(tab.self_diagnosis.edit_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.facts.has_self_diagnosis)
    summary = tab.self_diagnosis.chart.summary()
    assert summary.count("3 of 4 (Competent)") == 5
    assert tab.self_diagnosis.model.index(1, 0).data() == "   C1.1"
    assert tab.self_diagnosis.model.index(0, 2).data() == "Ontwerpt al vakken — çok iyi"

    # her department head agreed her teaching tasks
    def tasks(dialog) -> None:
        qtbot.keyClicks(dialog.supervisor, "prof. dr. J. de Vries")
        qtbot.mouseClick(dialog.discussed_on.check, Qt.MouseButton.LeftButton)
        type_text(dialog.agreed, "Coördineert Fizik 1; 0,8 fte.")
        save(qtbot, dialog)

    on_modal(tasks)
    qtbot.mouseClick(tab.tasks.edit_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.tasks.supervisor == "prof. dr. J. de Vries")
    assert tab.tasks.values["tasks_discussed_on"].text() != "—"

    # the documents go to the consultant
    def documents(dialog) -> None:
        for box in (dialog.cv, dialog.self_diagnosis, dialog.tasks):
            tick(qtbot, box)
        qtbot.mouseClick(dialog.sent_on.check, Qt.MouseButton.LeftButton)
        save(qtbot, dialog)

    on_modal(documents)
    qtbot.mouseClick(tab.documents.edit_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.state is IntakeState.READY_FOR_MEETING)
    assert "Next: plan the intake meeting" in tab.progress.next_step.text()

    # the intake meeting is planned ...
    def plan(dialog) -> None:
        qtbot.mouseClick(dialog.meeting_on.check, Qt.MouseButton.LeftButton)
        dialog.with_whom.setCurrentIndex(dialog.with_whom.findText("Marloes Bakker"))
        assert "Tick 'held'" in dialog.effect.text()
        save(qtbot, dialog)

    on_modal(plan)
    qtbot.mouseClick(tab.meeting.edit_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.state is IntakeState.MEETING_PLANNED)
    qtbot.waitUntil(lambda: register_status(window, "Ayşe Doğan") == "Intake · meeting planned")

    # ... held, and a supervisor assigned
    def held(dialog) -> None:
        tick(qtbot, dialog.held)
        qtbot.keyClicks(dialog.supervisor, "M")
        assert "status moves on to 'Learning route'" in dialog.effect.text()
        type_text(dialog.agreements, "Modules 1–3; observation in Q2.")
        save(qtbot, dialog)

    on_modal(held)
    qtbot.mouseClick(tab.meeting.edit_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.state is IntakeState.COMPLETED)
    assert tab.progress.state.text() == "Intake: Completed"
    assert "UTQ supervisor: Marloes Bakker" in tab.progress.next_step.text()
    assert tab.meeting.values["supervisor"].text() == "Marloes Bakker"

    # the register shows her intake completed on that date
    qtbot.waitUntil(lambda: register_status(window, "Ayşe Doğan") == "Learning route")
    row = names(window).index("Ayşe Doğan")
    status_cell = window.register.model.index(row, COLUMN_INDEX["status"])
    assert status_cell.data(Qt.ItemDataRole.ToolTipRole).startswith("Intake completed on ")
    intake = window.register.intake
    intake.setCurrentIndex(intake.findData(IntakeState.COMPLETED))
    assert names(window) == ["Ayşe Doğan"]

    # and the Overview tab's timeline shows who did what
    bar = window.detail.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    overview = window.detail.pages[0]
    qtbot.waitUntil(lambda: overview.values["supervisor"].text() == "Marloes Bakker")
    whats = {
        overview.timeline_model.index(r, 2).data()
        for r in range(overview.timeline_model.rowCount())
    }
    assert {
        "Educational CV · Created: Course",
        "Self-diagnosis · Changed: Self-rating C1",
        "Intake · Changed: Meeting held",
        "Changed: Status",
    } <= whats


def test_removing_a_course_asks_first(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    candidate = window.register.model.row_at(names(window).index("Nguyễn Thảo"))
    assert candidate is not None
    services.intake.add_experience(candidate.id, TeachingExperienceInput("Optics", year_from=2022))
    tab = open_intake(qtbot, window, "Nguyễn Thảo")
    table = tab.cv.table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(tab.cv.model.index(0, 0)).center(),
    )
    assert tab.cv.remove_button.isEnabled()

    def cancel(box: QMessageBox) -> None:
        assert "Remove 'Optics' (2022–now)" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    on_modal(cancel)
    qtbot.mouseClick(tab.cv.remove_button, Qt.MouseButton.LeftButton)
    assert tab.cv.model.rowCount() == 1
    activate(qtbot, window)

    def accept(box: QMessageBox) -> None:
        next(b for b in box.findChildren(QPushButton) if b.text() == "Remove").click()

    on_modal(accept)
    qtbot.mouseClick(tab.cv.remove_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.experiences == ())
    assert tab.cv.empty.isVisibleTo(tab)
    assert services.intake.states([candidate.id]) == {candidate.id: IntakeState.NOT_STARTED}


def test_invalid_input_keeps_the_dialog_open(qtbot, window: MainWindow, on_modal) -> None:
    tab = open_intake(qtbot, window, "Siobhán van 't Hof")
    seen: list[str] = []

    def documents(dialog) -> None:
        tick(qtbot, dialog.cv)
        save(qtbot, dialog, closes=False)
        seen.append(dialog.error.text())
        assert dialog.isVisible()
        assert dialog.focusWidget() is dialog.sent_on.check
        dialog.reject()

    on_modal(documents)
    qtbot.mouseClick(tab.documents.edit_button, Qt.MouseButton.LeftButton)
    assert seen == ["Enter the date the documents were sent to the educational consultant."]
    assert tab.detail is not None and tab.detail.row_version == 0

    def held_without_supervisor(dialog) -> None:
        qtbot.mouseClick(dialog.meeting_on.check, Qt.MouseButton.LeftButton)
        tick(qtbot, dialog.held)
        save(qtbot, dialog, closes=False)
        seen.append(dialog.error.text())
        assert dialog.focusWidget() is dialog.supervisor
        dialog.reject()

    on_modal(held_without_supervisor)
    qtbot.mouseClick(tab.meeting.edit_button, Qt.MouseButton.LeftButton)
    assert "Choose the UTQ supervisor" in seen[1]


def test_a_colleagues_save_in_between_is_refused(
    qtbot, window: MainWindow, db_path: Path, on_modal
) -> None:
    tab = open_intake(qtbot, window, "Øyvind Ångström")
    candidate_id = window.register.selected_id()
    messages: list[str] = []

    def edit(dialog) -> None:
        colleague = open_services(str(db_path), actor="bram")
        try:
            colleague.intake.save_teaching_tasks(
                candidate_id, TeachingTasksInput("dr. K. Visser"), 0
            )
        finally:
            colleague.close()

        def stale(box: QMessageBox) -> None:
            messages.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()

        on_modal(stale)
        qtbot.mouseClick(dialog.meeting_on.check, Qt.MouseButton.LeftButton)
        save(qtbot, dialog, closes=False)
        assert dialog.isVisible() and dialog.meeting_on.value() == TODAY  # input kept

        def reload(box: QMessageBox) -> None:
            next(
                b for b in box.findChildren(QPushButton) if b.text() == "Reload their version"
            ).click()

        on_modal(reload)
        save(qtbot, dialog, closes=False)
        assert dialog.meeting_on.value() is None  # their version: no meeting yet
        save(qtbot, dialog)  # on their version now
        assert not dialog.isVisible()

    on_modal(edit)
    qtbot.mouseClick(tab.meeting.edit_button, Qt.MouseButton.LeftButton)
    assert messages[0].startswith("bram changed this intake (tasks_supervisor)")
    reloaded(qtbot, tab, lambda d: d.tasks.supervisor == "dr. K. Visser")


def test_attach_open_and_export_the_cv_document(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "CV Siobhán.pdf"
    source.write_bytes(b"%PDF-1.7 educational CV")
    tab = open_intake(qtbot, window, "Siobhán van 't Hof")
    assert not tab.cv.open_button.isEnabled()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(source), ""))
    )
    qtbot.mouseClick(tab.cv.attach_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.cv_document is not None)
    assert tab.cv.document.text() == "CV Siobhán.pdf (23 bytes)"
    assert tab.cv.attach_button.text() == "&Replace…"

    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    qtbot.mouseClick(tab.cv.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened))
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "CV Siobhán.pdf"
    assert copy.read_bytes() == b"%PDF-1.7 educational CV"

    target = tmp_path / "exported.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    qtbot.mouseClick(tab.cv.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes() == source.read_bytes()


def test_intake_widgets_have_stable_names(qtbot, window: MainWindow) -> None:
    tab = open_intake(qtbot, window, "Ayşe Doğan")
    for name in (
        "intakeTab",
        "intakeProgress",
        "intakeState",
        "intakeCv",
        "intakeExperienceTable",
        "intakeAddExperience",
        "intakeAttachCv",
        "intakeSelfDiagnosis",
        "selfDiagnosisChart",
        "selfDiagnosisTable",
        "intakeTasks",
        "intakeDocuments",
        "intakeMeeting",
        "intakeEditMeeting",
    ):
        assert window.findChild(QWidget, name) is not None, name
    assert window.findChild(QWidget, "intakeFilter") is not None
    assert tab.cv.table.accessibleName() == "Teaching experience"
    assert tab.self_diagnosis.chart.accessibleName() == "Self-diagnosis chart"
    assert window.detail.tabs.tabText(1) == "Intake"


def test_data_saved_elsewhere_shows_on_load(qtbot, window: MainWindow, services: Services) -> None:
    row = window.register.model.row_at(names(window).index("Nguyễn Thảo"))
    assert row is not None
    version = services.intake.save_documents(row.id, DocumentsInput(True, False, True, TODAY), 0)
    services.intake.save_meeting(row.id, MeetingInput(TODAY, "Marloes Bakker"), version)
    tab = open_intake(qtbot, window, "Nguyễn Thảo")
    assert tab.progress.state.text() == "Intake: Meeting planned"
    assert "Still to send: self-diagnosis." in tab.progress.next_step.text()
    assert "✗" in tab.documents.values["documents"].text()
    assert tab.meeting.values["meeting_with"].text() == "Marloes Bakker"
