"""The consultant's and coordinator's side of the Portfolio tab: set a criterion's state in
the coverage matrix (keyboard, menu, with a note) and undo it, see a recognised competence
with its source, give feedback and resolve it (the register counts what is open), mark the
dossier ready, be stopped by the checklist, submit by exception, see the snapshot (journeys
4 and 5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from gui_helpers import activate, type_text
from portfolio_helpers import (
    TODAY,
    add_item,
    candidate_id,
    names,
    open_portfolio,
    reloaded,
    save,
)
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ui.detail.portfolio.coverage_model import CRITERION_ROLE
from ui.detail.portfolio.tab import COVERAGE, SUBMISSION, PortfolioTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import CriterionState, DossierState, EvidenceKind
from utq_desktop.services.app import Services
from utq_desktop.services.portfolio_dto import ObservationInput

S = CriterionState


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def show_section(qtbot, tab: PortfolioTab, index: int) -> None:
    bar = tab.sections.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tab.sections.currentIndex() == index


def click_tile(qtbot, tab: PortfolioTab, code: str) -> None:
    matrix = tab.coverage.matrix
    rect = matrix.visualRect(matrix.coverage.index_of(code))
    qtbot.mouseClick(matrix.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.coverage.selected().code == code


def button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.findChildren(QPushButton) if b.text() == text)


def state_of(tab: PortfolioTab, code: str) -> CriterionState:
    return tab.coverage.matrix.coverage.index_of(code).data(CRITERION_ROLE).state


def test_set_a_criterion_state_in_the_matrix_with_keys_menu_and_note_then_undo(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    cid = candidate_id(window, "Ayşe Doğan")
    add_item(services, cid, "Syllabus", criteria=("C1.1", "C1.2"))
    tab = open_portfolio(qtbot, window, "Ayşe Doğan")
    show_section(qtbot, tab, COVERAGE)
    assert state_of(tab, "C1.1") is S.IN_PROGRESS
    assert state_of(tab, "C2.1") is S.NO_EVIDENCE
    tile = tab.coverage.matrix.coverage.index_of("C2.1")
    assert tile.data() == "✗ C2.1\nNo evidence"  # colour and words
    assert (
        "No evidence: 13, In progress: 2, Ready: 0" in tab.coverage.legend.accessibleDescription()
    )

    click_tile(qtbot, tab, "C2.1")  # no evidence: nothing to judge yet
    assert not tab.coverage.state_button.isEnabled()
    assert "add an item first" in tab.coverage.state_button.toolTip()

    click_tile(qtbot, tab, "C1.1")
    assert tab.coverage.state_button.isEnabled()
    qtbot.keyClick(tab.coverage.matrix, Qt.Key.Key_2)  # 2: ready
    reloaded(qtbot, tab, lambda d: d.content.criterion("C1.1").state is S.READY)
    assert state_of(tab, "C1.1") is S.READY
    assert tab.coverage.selected().code == "C1.1"  # the selection stays
    assert "Set by tester on" in tab.coverage.detail.text()

    menu_action = tab.findChild(
        type(tab.coverage.matrix.state_actions[None]), "coverageState_needs_revision"
    )
    assert menu_action in tab.coverage.matrix.actions()  # offered in the context menu
    menu_action.trigger()
    reloaded(qtbot, tab, lambda d: d.content.criterion("C1.1").state is S.NEEDS_REVISION)

    def note(dialog) -> None:
        dialog.state.setCurrentIndex(dialog.state.findData(S.ACCEPTED.value))
        type_text(dialog.note, "Sterke onderbouwing; akkoord.")
        save(qtbot, dialog)

    on_modal(note)
    qtbot.keyClick(tab.coverage.matrix, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    reloaded(qtbot, tab, lambda d: d.content.criterion("C1.1").state is S.ACCEPTED)
    assert "Note: Sterke onderbouwing; akkoord." in tab.coverage.detail.text()

    window.undo_action.trigger()
    reloaded(qtbot, tab, lambda d: d.content.criterion("C1.1").state is S.NEEDS_REVISION)
    window.undo_action.trigger()
    window.undo_action.trigger()
    reloaded(qtbot, tab, lambda d: d.content.criterion("C1.1").set_state is None)
    assert state_of(tab, "C1.1") is S.IN_PROGRESS


def test_a_recognised_competence_shows_its_source_and_needs_no_evidence(
    qtbot, window: MainWindow, services: Services
) -> None:
    cid = candidate_id(window, "Siobhán van 't Hof")
    route = services.route.detail(cid)
    c3 = next(c for c in route.competences if c.code == "C3")
    services.route.recognise(cid, c3.id, "Deelcertificaat BKO, Universiteit Utrecht", TODAY, 0)
    tab = open_portfolio(qtbot, window, "Siobhán van 't Hof")
    show_section(qtbot, tab, COVERAGE)
    assert state_of(tab, "C3.1") is S.RECOGNISED
    competence = tab.coverage.matrix.coverage.index(2, 0)
    assert "Recognised: Deelcertificaat BKO, Universiteit Utrecht" in competence.data()
    click_tile(qtbot, tab, "C3.2")
    assert "Recognised: Deelcertificaat BKO" in tab.coverage.detail.text()
    assert not tab.coverage.state_button.isEnabled()
    checks = {c.key: c for c in tab.dossier.checklist}
    assert checks["evidence:C3"].met and "recognised" in checks["evidence:C3"].detail
    assert not checks["evidence:C2"].met


def test_give_feedback_on_a_competence_then_resolve_it_and_the_register_counts_it(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_portfolio(qtbot, window, "Nguyễn Thảo")
    show_section(qtbot, tab, COVERAGE)
    click_tile(qtbot, tab, "C4.1")
    panel = tab.coverage.feedback
    assert panel.heading == "Feedback on C4 Evaluating teaching"
    assert tab.coverage.details.tabText(1) == "Fee&dback on C4 (0)"

    def write_feedback(dialog) -> None:
        assert dialog.about.currentText() == "C4 Evaluating teaching"
        assert dialog.author.text() == "tester"
        save(qtbot, dialog)  # empty: refused
        qtbot.waitUntil(dialog.error.isVisible)
        assert dialog.isVisible() and dialog.focusWidget() is dialog.text
        type_text(dialog.text, "Betrek de studentevaluatie van blok 3 in je analyse.")
        save(qtbot, dialog)

    on_modal(write_feedback)
    qtbot.mouseClick(
        panel.findChild(QWidget, "competenceFeedbackAddButton"), Qt.MouseButton.LeftButton
    )
    reloaded(qtbot, tab, lambda d: len(d.feedback) == 1)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 2).data() == "Betrek de studentevaluatie van blok 3 in je analyse."
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert tab.sections.tabText(3) == "Feed&back (1 open)"
    row = names(window).index("Nguyễn Thảo")
    column = COLUMN_INDEX["open_feedback"]
    qtbot.waitUntil(lambda: window.register.model.index(row, column).data() == "1")

    # tick "resolved" in the list: the real click on the check box
    table = panel.table
    rect = table.visualRect(panel.model.index(0, 0))
    box = table.style().pixelMetric(table.style().PixelMetric.PM_IndicatorWidth)
    position = rect.topLeft() + type(rect.center())(3 + box // 2, rect.height() // 2)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    reloaded(qtbot, tab, lambda d: d.feedback[0].resolved)
    assert tab.dossier.feedback[0].resolved_by == "tester"
    assert panel.model.index(0, 0).data() == "Resolved"
    qtbot.waitUntil(lambda: window.register.model.index(row, column).data() == "")

    # the Feedback page lists everything, and can hide what is resolved
    show_section(qtbot, tab, 3)
    everything = tab.feedback
    assert everything.model.rowCount() == 1
    assert everything.model.index(0, 1).data() == tab.dossier.feedback[0].about
    qtbot.mouseClick(everything.unresolved_only, Qt.MouseButton.LeftButton)
    assert everything.model.rowCount() == 0 and everything.empty.text() == "No unresolved feedback."

    activate(qtbot, window)
    window.undo_action.trigger()  # reopen
    reloaded(qtbot, tab, lambda d: not d.feedback[0].resolved)
    assert everything.model.rowCount() == 1


def test_mark_ready_then_submit_blocked_by_the_checklist_then_override_with_a_reason(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    cid = candidate_id(window, "Ayşe Doğan")
    detail = services.candidates.detail(cid)
    version = services.candidates.update(
        cid, replace(detail.data, status=TrajectoryStatus.INTAKE), detail.row_version
    )
    services.candidates.update(
        cid, replace(detail.data, status=TrajectoryStatus.LEARNING_ROUTE), version
    )
    add_item(services, cid, "Reflectie C1", kind=EvidenceKind.REFLECTION, competences=("C1",))
    services.portfolio.add_observation(
        cid, ObservationInput(date(TODAY.year - 1, 3, 4), "Dr. K. Visser", "Natuurkunde 1")
    )
    tab = open_portfolio(qtbot, window, "Ayşe Doğan")
    assert not tab.submit_button.isEnabled()  # the supervisor marks it ready first
    assert "Required components: 3 of 11 met" in tab.summary.text()

    qtbot.mouseClick(tab.ready_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.state is DossierState.READY)
    assert (
        "Ready for submission" in tab.state.text() and "marked ready by tester" in tab.state.text()
    )
    assert tab.ready_button.text() == "Unmar&k ready" and tab.submit_button.isEnabled()

    seen: dict[str, object] = {}

    def submit(dialog) -> None:
        seen["blocked"] = not dialog.submit_button.isEnabled()
        seen["status"] = dialog.status.text()
        seen["unmet"] = sum(
            dialog.checklist_model.index(r, 0).data() == "✗"
            for r in range(dialog.checklist_model.rowCount())
        )

        def give_reason(override) -> None:
            assert not override.buttons.button(override.buttons.StandardButton.Ok).isEnabled()
            type_text(override.reason, "Observaties C2–C5 volgen; afgesproken met de voorzitter.")
            override.buttons.button(override.buttons.StandardButton.Ok).click()

        on_modal(give_reason)
        qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.status.text()

        def confirm(box: QMessageBox) -> None:
            seen["question"] = box.text()
            button(box, "Submit").click()

        on_modal(confirm)
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)

    on_modal(submit)
    qtbot.mouseClick(tab.submit_button, Qt.MouseButton.LeftButton)
    assert seen["blocked"] and seen["unmet"] == 8
    assert "Submission is blocked" in str(seen["status"])
    assert "Submitted by exception: Observaties C2–C5 volgen" in str(seen["after"])
    assert "Submit Ayşe Doğan's dossier for assessment now?" in str(seen["question"])

    reloaded(qtbot, tab, lambda d: d.state is DossierState.SUBMITTED)
    assert "Submitted for assessment" in tab.state.text() and "snapshot 1" in tab.state.text()
    show_section(qtbot, tab, SUBMISSION)
    snapshots = tab.submission.snapshot_model
    assert snapshots.rowCount() == 1
    assert snapshots.index(0, 0).data() == "1" and snapshots.index(0, 2).data() == "tester"
    assert snapshots.index(0, 5).data() == "Submitted by exception"
    assert "Observaties C2–C5" in snapshots.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert services.candidates.detail(cid).data.status is TrajectoryStatus.ASSESSMENT
    assert not tab.submit_button.isEnabled() and not tab.ready_button.isEnabled()
    assert "Submitted" in tab.notice.text()


def test_submitting_a_candidate_who_is_not_that_far_is_refused_with_the_reason(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_portfolio(qtbot, window, "Øyvind Ångström")  # registered: no route yet
    qtbot.mouseClick(tab.ready_button, Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: d.state is DossierState.READY)
    errors: list[str] = []

    def submit(dialog) -> None:
        def reason(override) -> None:
            type_text(override.reason, "Test")
            override.accept()

        on_modal(reason)
        qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
        on_modal(
            lambda box: next(
                b for b in box.findChildren(QPushButton) if b.text() == "Submit"
            ).click()
        )
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.error.isVisible)
        errors.append(dialog.error.text())
        dialog.reject()

    on_modal(submit)
    qtbot.mouseClick(tab.submit_button, Qt.MouseButton.LeftButton)
    assert errors and "Registered" in errors[0]
    assert services.portfolio.dossier(tab.dossier.candidate_id).snapshots == ()
