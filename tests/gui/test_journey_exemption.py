"""Journey 6, an exemption, end to end in the window: Siobhán van 't Hof (overdue) holds a
Dutch first-degree teaching qualification. HR files the request with the diploma and a
reflection report, the advisor evaluates, meets her and advises to grant, the faculty
decides, she is informed with the letter. Afterwards she is no longer overdue, her
Certificates tab refuses a UTQ certificate with the reason, her dossier is not needed, and
the exemption register lists the granted request and leads back to her."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gui_helpers import activate, type_text
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton, QWidget

from ui.detail.certificates.tab import CertificatesTab
from ui.detail.exemption.tab import ExemptionTab
from ui.detail.overview import OverviewTab
from ui.detail.portfolio.tab import PortfolioTab
from ui.exemption_register.model import COLUMN_INDEX as EXEMPTION_COLUMNS
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround
from utq_desktop.services.app import Services

NAME = "Siobhán van 't Hof"
TODAY = date.today()
C = CaseStatus


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.resize(1600, 900)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def shown_names(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]


def choose(qtbot, combo, text: str) -> None:
    """Pick a combo box entry with the keyboard."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def show_tab(qtbot, window: MainWindow, kind: type) -> QWidget:
    tab = next(page for page in window.detail.pages if isinstance(page, kind))
    bar = window.detail.tabs.tabBar()
    index = window.detail.tabs.indexOf(tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.detail.tabs.currentWidget() is tab
    return tab


def select(qtbot, window: MainWindow, name: str) -> None:
    table, model = window.register.table, window.register.model
    rect = table.visualRect(model.index(shown_names(window).index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def save(qtbot, dialog: QWidget) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click(qtbot, tab: QWidget, name: str) -> None:
    button = tab.findChild(QPushButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def step(qtbot, tab: ExemptionTab, on_modal, target: CaseStatus, fill) -> None:
    on_modal(lambda dialog: (fill(dialog), save(qtbot, dialog)))
    click(qtbot, tab, f"exemptionStep_{target.value}")
    qtbot.waitUntil(lambda: tab.case is not None and tab.case.status is target)


def test_an_exemption_from_request_to_letter_ends_the_obligation(
    qtbot, window: MainWindow, services: Services, on_modal, tmp_path: Path, monkeypatch
) -> None:
    # the coordinator's list of overdue candidates shows her
    choose(qtbot, window.register.due, "Overdue")
    qtbot.waitUntil(lambda: NAME in shown_names(window))
    select(qtbot, window, NAME)
    cid = window.register.selected_id()

    # HR files the request with the diploma and the reflection report
    tab = show_tab(qtbot, window, ExemptionTab)
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.candidate_id == cid)

    def file(dialog) -> None:
        ground = dialog.ground.findData(ExemptionGround.TEACHER_TRAINING.value)
        dialog.ground.setCurrentIndex(ground)
        type_text(dialog.ground_detail, "Eerstegraads lesbevoegdheid Nederlands, ICLON 2012")
        dialog.filed_by.setCurrentText("")
        type_text(dialog.filed_by.lineEdit(), "Lotte Kramer")
        save(qtbot, dialog)

    on_modal(file)
    click(qtbot, tab, "exemptionFileCase")
    qtbot.waitUntil(lambda: tab.case is not None)
    diploma = tmp_path / "Diploma eerstegraads Siobhán.pdf"
    diploma.write_bytes(b"%PDF-1.4 diploma")
    report = tmp_path / "Reflectieverslag.pdf"
    report.write_bytes(b"%PDF-1.4 reflectie")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(diploma), str(report)], "")
    )
    tab.scroll.ensureWidgetVisible(tab.documents)
    click(qtbot, tab, "exemptionAddDocument")
    qtbot.waitUntil(lambda: tab.documents.model.rowCount() == 2)

    # the advisor evaluates, meets her and advises to grant; the faculty decides
    step(
        qtbot,
        tab,
        on_modal,
        C.UNDER_EVALUATION,
        lambda d: type_text(d.advisor.lineEdit(), "Ingrid Hoekstra"),
    )
    step(qtbot, tab, on_modal, C.MEETING_PLANNED, lambda d: d.meeting_on.setDate(d.on.date()))

    def advice(dialog) -> None:
        qtbot.mouseClick(dialog.grant, Qt.MouseButton.LeftButton)
        type_text(dialog.motivation, "Het diploma en het verslag dekken alle competenties.")

    step(qtbot, tab, on_modal, C.ADVICE_GIVEN, advice)
    step(
        qtbot,
        tab,
        on_modal,
        C.DECIDED,
        lambda d: type_text(d.by.lineEdit(), "Prof. dr. M. de Wit, decaan"),
    )
    assert tab.case.letter is not None  # written with the decision, in her language
    step(qtbot, tab, on_modal, C.INFORMED, lambda d: None)
    assert "Exempted from the UTQ" in tab.summary.text()

    # she stayed in hand through the whole procedure although she left the overdue list
    assert window.register.selected_id() == cid
    row = shown_names(window).index(NAME)
    assert window.register.model.index(row, COLUMN_INDEX["status"]).data() == "Exempted"
    # …and once the list is asked again, she is no longer overdue
    activate(qtbot, window)
    choose(qtbot, window.register.due, "Any deadline")
    choose(qtbot, window.register.due, "Overdue")
    qtbot.waitUntil(lambda: NAME not in shown_names(window))
    choose(qtbot, window.register.due, "Any deadline")
    qtbot.waitUntil(lambda: NAME in shown_names(window))

    # no UTQ certificate, with the reason; the dossier is not needed
    select(qtbot, window, NAME)
    certificates = show_tab(qtbot, window, CertificatesTab)
    qtbot.waitUntil(lambda: certificates.data is not None and certificates.data.candidate_id == cid)
    assert not certificates.issue_button.isEnabled()
    assert "exemption" in certificates.utq_status.text()
    assert "never" in certificates.utq_status.text()
    portfolio = show_tab(qtbot, window, PortfolioTab)
    qtbot.waitUntil(lambda: portfolio.dossier is not None and portfolio.dossier.candidate_id == cid)
    assert "exempted" in portfolio.state.text()
    assert not portfolio.ready_button.isEnabled() and not portfolio.submit_button.isEnabled()
    assert "nothing more is to be submitted" in portfolio.submission.checklist_note.text()
    assert "exempted" in portfolio.submit_button.toolTip()
    assert not portfolio.editable  # closed: read and export only, as the core insists
    assert not portfolio.evidence.add_action.isEnabled()

    overview = show_tab(qtbot, window, OverviewTab)
    qtbot.waitUntil(lambda: overview.values["deadline"].text().endswith("— Fulfilled"))
    assert "Overdue" not in overview.values["deadline"].text()

    # the exemption register lists it, done; a double-click leads back to her
    activate(qtbot, window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    register = window.exemption_actions.register_window
    assert register is not None
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)
    assert register.proxy.rowCount() == 0  # it opens on the open requests: hers is closed
    choose(qtbot, register.status, "Closed requests")
    assert register.proxy.rowCount() == 1
    status = register.proxy.index(0, EXEMPTION_COLUMNS["status"]).data()
    assert "informed" in status.lower() or "granted" in status.lower()
    select(qtbot, window, "Ayşe Doğan")  # another candidate in the main window
    index = register.proxy.index(0, 0)
    register.table.scrollTo(index)
    rect = register.table.visualRect(index)
    qtbot.mouseClick(register.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(register.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.register.selected_id() == cid)
    assert window.detail.tabs.currentWidget() is tab


def test_a_partial_certificate_shows_as_recognised_on_the_route_and_in_the_dossier(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    """Journey 3's partial certificate: recorded on the Exemption tab, the competence it
    covers is recognised on the Learning route tab and in the dossier's coverage."""
    from ui.detail.portfolio.coverage_model import CRITERION_ROLE
    from ui.detail.portfolio.tab import COVERAGE
    from ui.detail.route.tab import RouteTab
    from utq_desktop.domain.portfolio import CriterionState

    select(qtbot, window, "Ayşe Doğan")
    cid = window.register.selected_id()
    tab = show_tab(qtbot, window, ExemptionTab)
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.candidate_id == cid)

    def fill(dialog) -> None:
        dialog.institution.setCurrentText("")
        type_text(dialog.institution.lineEdit(), "Universiteit Utrecht")
        view = dialog.competences
        view.setFocus()
        view.setCurrentIndex(dialog.competence_model.index(2, 0))  # C3 Assessment
        qtbot.keyClick(view, Qt.Key.Key_Space)
        save(qtbot, dialog)

    on_modal(fill)
    qtbot.mouseClick(tab.certificates.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.certificates.model.rowCount() == 1)

    route = show_tab(qtbot, window, RouteTab)
    qtbot.waitUntil(lambda: route.route is not None and route.route.candidate_id == cid)
    row = [c.code for c in route.route.competences].index("C3")
    shown = route.progress_model.index(row, 5).data()
    assert shown.startswith("Recognised"), shown
    reason = route.route.competences[row].recognition.reason
    assert reason.startswith("Partial certificate, Universiteit Utrecht, ")
    day = reason.rsplit(", ", 1)[1]
    assert day.count("-") == 2 and len(day.split("-")[2]) == 4  # d-m-yyyy

    portfolio = show_tab(qtbot, window, PortfolioTab)
    qtbot.waitUntil(lambda: portfolio.dossier is not None and portfolio.dossier.candidate_id == cid)
    bar = portfolio.sections.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(COVERAGE).center())
    tile = portfolio.coverage.matrix.coverage.index_of("C3.1")
    assert tile.data(CRITERION_ROLE).state is CriterionState.RECOGNISED
    checks = {c.key: c for c in portfolio.dossier.checklist}
    assert checks["evidence:C3"].met and not checks["evidence:C2"].met
