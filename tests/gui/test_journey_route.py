"""Journey 3, planning the route, end to end in the window: the Leiden template is applied
to Dr. Ayşe Doğan and twelve colleagues at once; she skips a module because of a partial
certificate, so that competence shows as recognised; an activity planned after her
deadline is flagged; the route is agreed and printed for her."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from database_backends import TempDatabase
from gui_helpers import activate, type_text
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton, QWidget

from ui.detail.route.tab import RouteTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.route import ActivityStatus
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput, InstitutionSettingsData, MeetingInput

TODAY = date.today()
COLLEAGUES = [
    ("Jan", "de Vries"),
    ("Sanne", "Bakker"),
    ("Wei", "Zhang"),
    ("Siobhán", "van 't Hof"),
    ("Nguyễn", "Thảo"),
    ("Lars", "Jansen"),
    ("Fatima", "El Amrani"),
    ("Pieter", "Visser"),
    ("Eva", "Smit"),
    ("Ruben", "Meijer"),
    ("Maria", "Garcia"),
    ("Tom", "de Boer"),
]


@pytest.fixture
def leiden(database: TempDatabase) -> Services:
    services = database.open("coordinator")
    services.settings.update(InstitutionSettingsData("Universiteit Leiden", 3, "leiden"))
    start = date(TODAY.year - 1, 9, 1)
    ayse = services.candidates.create(
        CandidateInput(
            staff_number="0012345",
            first_name="Ayşe",
            surname="Doğan",
            fte=0.8,
            faculty="Science",
            employment_start=start,
        )
    )
    for number, (first, last) in enumerate(COLLEAGUES, 1):
        prefix, _, surname = last.rpartition(" ")
        services.candidates.create(
            CandidateInput(
                staff_number=f"01000{number:02d}",
                first_name=first,
                prefix=prefix,
                surname=surname,
                faculty="Science",
                employment_start=start,
            )
        )
    consultant = services.users.add("mbakker", "Marloes Bakker", "consultant")
    services.intake.save_meeting(
        ayse,
        MeetingInput(planned_on=date(TODAY.year - 1, 11, 3), held=True, supervisor_id=consultant),
        0,
    )
    return services


def test_planning_dr_dogans_route(
    qtbot, leiden: Services, isolated_settings: QSettings, on_modal, tmp_path: Path, monkeypatch
) -> None:
    window = MainWindow(leiden, isolated_settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.register_loaded, timeout=5000):
        window.reload_register()
    model, table = window.register.model, window.register.table
    assert model.rowCount() == 13

    # all thirteen selected at once (click the first, shift-click the last)
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(model.index(0, 0)).center(),
    )
    last = table.visualRect(model.index(12, 0)).center()
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, last
    )
    assert len(window.register.selected_ids()) == 13
    applied: list[str] = []

    def apply(dialog) -> None:
        assert dialog.template.currentText().startswith("Leiden standard route")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=10_000)
        applied.append(dialog.outcome.text())
        qtbot.mouseClick(dialog.findChild(QPushButton, "closeButton"), Qt.MouseButton.LeftButton)

    on_modal(apply)
    activate(qtbot, window)
    qtbot.keyClick(
        table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "activities added: 104" in applied[0]

    # Dr. Doğan's route: eight activities from her intake on
    names = [model.index(r, COLUMN_INDEX["name"]).data() for r in range(13)]
    rect = table.visualRect(model.index(names.index("Ayşe Doğan"), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = next(page for page in window.detail.pages if isinstance(page, RouteTab))
    window.detail.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.route is not None and tab.route.candidate_name == "Ayşe Doğan")
    route = tab.route
    assert len(route.activities) == 8 and route.intake_on == date(TODAY.year - 1, 11, 3)
    assert route.activities[0].data.planned_on == date(TODAY.year - 1, 12, 3)

    # a partial certificate from another university: Testing & assessment is recognised
    m3_row = [c.code for c in route.competences].index("M3")
    tab.progress.selectRow(m3_row)

    def recognise(dialog) -> None:
        type_text(dialog.reason, "Deelcertificaat BKO, Universiteit Utrecht")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(recognise)
    tab.recognise_action.trigger()
    qtbot.waitUntil(lambda: tab.route.competences[m3_row].recognition is not None)
    assert tab.progress_model.index(m3_row, 5).data().startswith("Recognised")

    # …so she skips that module: cancelled
    module = next(a for a in tab.route.activities if a.data.title == "Testing & assessment")
    tab.select_activity(module.id)

    def cancelled(dialog) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(cancelled)
    tab.status_actions[ActivityStatus.CANCELLED].trigger()
    qtbot.waitUntil(
        lambda: (
            next(a for a in tab.route.activities if a.id == module.id).status
            is ActivityStatus.CANCELLED
        )
    )

    # the second writing session slips past her deadline: flagged
    deadline = tab.route.deadline
    assert deadline == date(TODAY.year + 2, 9, 1)
    writing = next(a for a in tab.route.activities if a.data.title == "Portfolio writing session 2")
    tab.select_activity(writing.id)

    def later(dialog) -> None:
        dialog.planned_on.setDate(QDate(deadline.year, deadline.month + 1, 15))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(later)
    qtbot.mouseClick(tab.findChild(QWidget, "routeEditActivityButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(a.late for a in tab.route.activities))
    (late,) = [a for a in tab.route.activities if a.late]
    assert late.id == writing.id
    assert "After the deadline: 1" in tab.summary.text()
    assert [m.activity_id for m in tab.timeline.markers() if m.late] == [writing.id]
    assert tab.model.index(tab.model.row_of(writing.id), 0).data().endswith("!")

    # agreed with her supervisor; the later change shows; printed for her
    def agree(dialog) -> None:
        assert dialog.agreed_by.text() == "Marloes Bakker"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(agree)
    qtbot.mouseClick(tab.agree_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.route.agreement.agreed)
    target = tmp_path / "Learning route Ayşe Doğan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.pdf_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    timeline = leiden.audit.candidate_timeline(tab.route.candidate_id)
    fields = {e.field for e in timeline}
    assert {"template", "recognised:M3", "status:Testing & assessment", "agreed_by"} <= fields
