"""The exemption register window (View → Exemption register…): every request with status,
days open and next action; filters by faculty and status; sorting; a double-click shows
the candidate's Exemption tab in the main window; the Excel export of what is shown."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QWidget

from ui.detail.exemption.tab import ExemptionTab
from ui.exemption_register.model import COLUMN_INDEX
from ui.exemption_register.window import ExemptionRegisterWindow
from ui.main_window import MainWindow
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround
from utq_desktop.services.app import Services
from utq_desktop.services.exemption_dto import CaseInput, StepInput

TODAY = date.today()
C = CaseStatus


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    ids = {row.full_name: row.id for row in services.candidates.register()}
    filed = TODAY - timedelta(days=30)
    for name, ground, steps in (
        ("Ayşe Doğan", ExemptionGround.VELON, 1),  # Science, under evaluation
        ("Siobhán van 't Hof", ExemptionGround.FOREIGN, 0),  # Law, filed
        ("Nguyễn Thảo", ExemptionGround.TEACHER_TRAINING, -1),  # Science, withdrawn
    ):
        case_id = services.exemption.file_case(ids[name], CaseInput(ground, "", filed, "HR"))
        if steps == 1:
            services.exemption.advance(
                case_id, StepInput(C.UNDER_EVALUATION, filed, "HR", advisor="Peter van Dam"), 1
            )
        elif steps == -1:
            services.exemption.advance(
                case_id, StepInput(C.WITHDRAWN, TODAY, "HR", reason="Left the university"), 1
            )
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.resize(2000, 1000)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def open_register(qtbot, window: MainWindow) -> ExemptionRegisterWindow:
    action = window.findChild(QWidget, "menuView")
    assert window.exemption_actions.register_action in action.actions()  # type: ignore[union-attr]
    window.exemption_actions.register_action.trigger()
    register = window.exemption_actions.register_window
    assert register is not None
    qtbot.waitUntil(lambda: register.model.rowCount() == 3)
    return register


def column(register: ExemptionRegisterWindow, key: str) -> list[str]:
    proxy = register.proxy
    return [proxy.index(r, COLUMN_INDEX[key]).data() for r in range(proxy.rowCount())]


def test_open_requests_by_default_filters_and_sorting(
    qtbot, window: MainWindow, qtmodeltester
) -> None:
    register = open_register(qtbot, window)
    qtmodeltester.check(register.model)
    qtmodeltester.check(register.proxy)
    assert sorted(column(register, "candidate")) == ["Ayşe Doğan", "Siobhán van 't Hof"]
    assert "2 of 3 requests shown · 2 open" in register.count.text()
    assert column(register, "days_open") == ["30", "30"]
    by_name = dict(zip(column(register, "candidate"), column(register, "next_action"), strict=True))
    assert by_name == {
        "Ayşe Doğan": "Plan the meeting with the candidate",
        "Siobhán van 't Hof": "Assign an exemption advisor",
    }
    register.status.setCurrentIndex(0)  # all requests
    assert len(column(register, "candidate")) == 3
    register.faculty.setCurrentIndex(register.faculty.findData("Science"))
    assert sorted(column(register, "candidate")) == ["Ayşe Doğan", "Nguyễn Thảo"]
    register.status.setCurrentIndex(register.status.findData(C.WITHDRAWN.value))
    assert column(register, "candidate") == ["Nguyễn Thảo"]
    assert column(register, "status") == ["Withdrawn"]
    register.faculty.setCurrentIndex(0)
    register.status.setCurrentIndex(0)
    header = register.table.horizontalHeader()
    section = COLUMN_INDEX["candidate"]
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert column(register, "candidate") == [
        "Ayşe Doğan",
        "Siobhán van 't Hof",
        "Nguyễn Thảo",
    ]  # by surname


def test_double_click_shows_the_candidates_exemption_tab(qtbot, window: MainWindow) -> None:
    register = open_register(qtbot, window)
    window.register.search.setText("Ångström")  # the register hides the others
    window.register.search.returnPressed.emit()
    row = column(register, "candidate").index("Siobhán van 't Hof")
    rect = register.table.visualRect(register.proxy.index(row, 0))
    viewport = register.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert register.show_button.isEnabled()
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.register.selected_row() is not None)
    assert window.register.selected_row().full_name == "Siobhán van 't Hof"  # type: ignore[union-attr]
    tab = window.detail.tabs.currentWidget()
    assert isinstance(tab, ExemptionTab)
    qtbot.waitUntil(lambda: tab.case is not None and tab.case.status is C.FILED)


def test_export_what_is_shown(qtbot, window: MainWindow, tmp_path: Path) -> None:
    register = open_register(qtbot, window)
    register.faculty.setCurrentIndex(register.faculty.findData("Science"))
    register.status.setCurrentIndex(0)
    target = tmp_path / "exemptions"
    register.export_to(str(target))
    qtbot.waitUntil(lambda: "Exported 2 request(s) to exemptions.xlsx" in register.count.text())
    sheet = load_workbook(target.with_suffix(".xlsx")).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(row[1] for row in rows) == ["Ayşe Doğan", "Nguyễn Thảo"]
    assert all(row[6].date() == TODAY - timedelta(days=30) for row in rows)  # real dates


def test_the_register_follows_changes_in_the_tab(
    qtbot, window: MainWindow, services: Services
) -> None:
    register = open_register(qtbot, window)
    register.status.setCurrentIndex(0)
    assert register.isVisible()
    ayse = next(r for r in services.candidates.register() if r.full_name == "Ayşe Doğan")
    case = services.exemption.detail(ayse.id).cases[0]
    services.exemption.advance(
        case.id,
        StepInput(C.MEETING_PLANNED, TODAY, "Peter van Dam", meeting_on=TODAY + timedelta(7)),
        case.row_version,
    )
    with qtbot.waitSignal(register.loaded, timeout=5000):
        window.detail.candidate_changed.emit(ayse.id)
    assert "Meeting planned" in column(register, "status")


def test_a_request_just_filed_shows_a_dash_for_its_advisor(qtbot, window: MainWindow) -> None:
    register = open_register(qtbot, window)
    register.status.setCurrentIndex(0)  # all requests, the withdrawn one too
    advisors = dict(zip(column(register, "candidate"), column(register, "advisor"), strict=True))
    assert advisors == {
        "Ayşe Doğan": "Peter van Dam",
        "Siobhán van 't Hof": "—",  # filed, no exemption advisor yet
        "Nguyễn Thảo": "—",
    }
    by_name = dict(zip(column(register, "candidate"), column(register, "next_action"), strict=True))
    assert by_name["Nguyễn Thảo"] == "—"  # withdrawn: nothing left to do
    proxy = register.proxy
    row = column(register, "candidate").index("Siobhán van 't Hof")
    cell = proxy.index(row, COLUMN_INDEX["advisor"])
    assert cell.data(Qt.ItemDataRole.ToolTipRole) is None  # no tooltip that says "—"
    # empty advisors sort together, before the names, not among them as "—" would
    register.table.sortByColumn(COLUMN_INDEX["advisor"], Qt.SortOrder.AscendingOrder)
    assert column(register, "advisor") == ["—", "—", "Peter van Dam"]
