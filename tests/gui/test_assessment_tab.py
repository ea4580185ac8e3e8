"""The Assessment tab and the Assessments window driven as a coordinator would: start a
round, enter judgements on the assessors' behalf (blind), the chair's decision, the
result, an appeal that changes it; open a dossier from the register."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from assessment_setup import TODAY as SETUP_DAY
from assessment_setup import (
    I,
    Panel,
    S,
    competence_ids,
    judge_all,
    make_panel,
    returned_snapshots,
    submit,
    version,
)
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QMessageBox, QWidget

from ui.assessment.register_window import AssessmentRegisterWindow
from ui.detail.assessment.models import AppealTableModel, JudgementTableModel
from ui.detail.assessment.tab import AssessmentTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.assessment import AssessmentState, Phase
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.services.app import Services

NAME = "Ayşe Doğan"
TODAY = date.today()


@pytest.fixture
def panel(services: Services) -> Panel:
    returned_snapshots(services)
    return make_panel(services)


@pytest.fixture
def candidate(services: Services) -> int:
    row = next(r for r in services.candidates.register() if r.full_name == NAME)
    return row.id


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def open_tab(qtbot, window: MainWindow, name: str = NAME) -> AssessmentTab:
    """Click the candidate in the register, then the Assessment tab; wait for it."""
    model = window.register.model
    names = [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]
    table = window.register.table
    rect = table.visualRect(model.index(names.index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = next(page for page in window.detail.pages if isinstance(page, AssessmentTab))
    index = window.detail.tabs.indexOf(tab)
    assert window.detail.tabs.tabText(index) == "Assessment"
    bar = window.detail.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    candidate_id = window.register.selected_id()
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.candidate_id == candidate_id)
    return tab


def click(qtbot, tab: AssessmentTab, name: str) -> None:
    button = tab.findChild(QWidget, f"{name}Button")
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save(qtbot, dialog: QWidget) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def accept_box(qtbot, box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    accept = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)


def reloaded(qtbot, tab: AssessmentTab, check: Callable[[], bool]) -> None:
    qtbot.waitUntil(lambda: tab.view is not None and check(), timeout=5000)


def choose_viewer(qtbot, tab: AssessmentTab, name: str) -> None:
    """Pick 'Judging as' with the keyboard, as a user would."""
    tab.viewer.setFocus()
    target = next(i for i in range(tab.viewer.count()) if tab.viewer.itemText(i).startswith(name))
    while tab.viewer.currentIndex() != target:
        key = Qt.Key.Key_Down if tab.viewer.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(tab.viewer, key)
    qtbot.waitUntil(lambda: tab.viewer_id == tab.viewer.currentData())
    qtbot.waitUntil(lambda: not tab.context.runner.busy)


def test_start_a_round_and_judge_blind(
    qtbot, window: MainWindow, services: Services, panel: Panel, candidate: int, on_modal
) -> None:
    submit(services, candidate)
    tab = open_tab(qtbot, window)
    assert "Submission 1 is waiting" in tab.summary.text()

    def start(dialog) -> None:
        assert dialog.first.currentText().startswith("Anna Assessor")
        dialog.chair.setCurrentIndex(dialog.chair.findData(panel.first))
        save(qtbot, dialog)  # Anna twice: refused, the dialog stays open
        assert dialog.isVisible() and "chair cannot also be an assessor" in dialog.error.text()
        dialog.chair.setCurrentIndex(dialog.chair.findData(panel.chair))
        save(qtbot, dialog)

    on_modal(start)
    click(qtbot, tab, "assessmentStart")
    reloaded(qtbot, tab, lambda: tab.current_round() is not None)
    assert tab.model.rowCount() == 5
    assert services.candidates.detail(candidate).data.status is TrajectoryStatus.ASSESSMENT
    assert not tab.judge_action.isEnabled()  # the coordinator sees sealed judgements only

    choose_viewer(qtbot, tab, "Anna Assessor")
    tab.table.selectRow(0)
    assert tab.judge_action.isEnabled()

    def judge(dialog) -> None:
        save(qtbot, dialog)  # no verdict chosen
        assert "sufficient or insufficient" in dialog.error.text()
        qtbot.mouseClick(dialog.insufficient, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.motivation, "No evaluation of the redesign.")
        save(qtbot, dialog)

    on_modal(judge)
    click(qtbot, tab, "assessmentJudge")
    reloaded(qtbot, tab, lambda: tab.model.index(0, 1).data() == "Insufficient")
    assert "1 of 10" in tab.progress.text()

    choose_viewer(qtbot, tab, "Bert Beoordelaar")
    reloaded(qtbot, tab, lambda: tab.model.index(0, 1).data() == "in (sealed)")
    assert tab.model.index(0, 2).data() == "—"
    choose_viewer(qtbot, tab, "Coordinator")
    assert tab.model.index(0, 1).data() == "in (sealed)"


def test_chair_decides_and_the_result_qualifies(
    qtbot, window: MainWindow, services: Services, panel: Panel, candidate: int, on_modal
) -> None:
    snapshot = submit(services, candidate)
    round_id = services.assessment.start(
        candidate, snapshot, [panel.first, panel.second], panel.chair, SETUP_DAY
    )
    judge_all(services, round_id, candidate, panel, [S] * 5, [S, S, I, S, S])
    tab = open_tab(qtbot, window)
    current = tab.current_round()
    assert current is not None and current.phase is Phase.CHAIR
    assert not tab.result_action.isEnabled()
    tab.table.selectRow(0)
    assert not tab.decide_action.isEnabled()  # they agree on C1
    tab.table.selectRow(2)
    assert tab.model.index(2, 3).data() == "to decide"

    def decide(dialog) -> None:
        qtbot.mouseClick(dialog.sufficient, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.motivation, "The test matrix covers the learning goals.")
        save(qtbot, dialog)

    on_modal(decide)
    click(qtbot, tab, "assessmentDecide")
    reloaded(qtbot, tab, lambda: tab.result_action.isEnabled())

    def result(dialog) -> None:
        qtbot.keyClicks(dialog.motivation, "All five competences shown.")
        on_modal(lambda box: accept_box(qtbot, box))
        save(qtbot, dialog)

    on_modal(result)
    click(qtbot, tab, "assessmentResult")
    qtbot.waitUntil(
        lambda: services.candidates.detail(candidate).data.status is TrajectoryStatus.QUALIFIED
    )
    reloaded(qtbot, tab, lambda: "Result: " in tab.result.text())
    assert "Sufficient" in tab.result.text() and tab.appeal_action.isEnabled()


def test_an_appeal_changes_the_result(
    qtbot, window: MainWindow, services: Services, panel: Panel, candidate: int, on_modal
) -> None:
    snapshot = submit(services, candidate)
    round_id = services.assessment.start(
        candidate, snapshot, [panel.first, panel.second], panel.chair, SETUP_DAY
    )
    judge_all(services, round_id, candidate, panel, [S, I, S, S, S], [S, I, S, S, S])
    services.assessment.record_result(round_id, TODAY, "C2 not shown", version(services, candidate))
    tab = open_tab(qtbot, window)
    assert tab.appeal_box.isVisible() and not tab.outcome_action.isEnabled()

    def file(dialog) -> None:
        save(qtbot, dialog)  # no grounds
        assert "grounds" in dialog.error.text()
        qtbot.keyClicks(dialog.grounds, "The teaching videos were not looked at.")
        save(qtbot, dialog)

    on_modal(file)
    click(qtbot, tab, "appealFile")
    reloaded(qtbot, tab, lambda: tab.appeal_model.rowCount() == 1)
    assert tab.outcome_action.isEnabled()

    def outcome(dialog) -> None:
        dialog.outcome.setCurrentIndex(1)  # granted
        assert "to 'Sufficient'" in dialog.effect.text()
        qtbot.keyClicks(dialog.motivation, "C2 shown in the videos.")
        on_modal(lambda box: accept_box(qtbot, box))
        save(qtbot, dialog)

    on_modal(outcome)
    click(qtbot, tab, "appealOutcome")
    qtbot.waitUntil(
        lambda: services.candidates.detail(candidate).data.status is TrajectoryStatus.QUALIFIED
    )
    reloaded(qtbot, tab, lambda: "Granted" in (tab.appeal_model.index(0, 3).data() or ""))
    current = tab.current_round()
    assert current is not None and current.state is AssessmentState.DECIDED


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_register_window_opens_the_candidate(
    qtbot, window: MainWindow, services: Services, panel: Panel, candidate: int, qtmodeltester
) -> None:
    submit(services, candidate)
    other = next(r.id for r in services.candidates.register() if r.full_name != NAME)
    snapshot = submit(services, other)
    services.assessment.start(other, snapshot, [panel.first, panel.second], panel.chair)
    window.assessment_actions.register_action.trigger()
    register = window.assessment_actions.register_window
    assert isinstance(register, AssessmentRegisterWindow)
    qtbot.waitUntil(lambda: register.model.total() == 2)
    qtmodeltester.check(register.model)
    register.stage.setCurrentIndex(1)  # waiting
    assert register.model.rowCount() == 1 and register.model.index(0, 0).data() == NAME
    assert "1 of 2" in register.count.text()
    register.stage.setCurrentIndex(0)
    qtbot.keyClicks(register.search, "anna")  # an assessor's name
    assert register.model.rowCount() == 1 and register.model.index(0, 0).data() != NAME
    register.search.clear()
    row = next(
        r for r in range(register.model.rowCount()) if register.model.index(r, 0).data() == NAME
    )
    rect = register.table.visualRect(register.model.index(row, 0))
    viewport = register.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.register.selected_id() == candidate)
    assert isinstance(window.detail.tabs.currentWidget(), AssessmentTab)


def test_models_pass_the_model_tester(
    qtmodeltester, services: Services, panel: Panel, candidate: int
) -> None:
    snapshot = submit(services, candidate)
    round_id = services.assessment.start(
        candidate, snapshot, [panel.first, panel.second], panel.chair, SETUP_DAY
    )
    judge_all(services, round_id, candidate, panel, [S] * 5, [S, I, S, S, S])
    competence = competence_ids(services, candidate)[1]
    services.assessment.decide(round_id, competence, S, "fine", TODAY)
    services.assessment.record_result(round_id, TODAY, "ok", version(services, candidate))
    services.appeals.file(round_id, TODAY, "grounds", version(services, candidate))
    current = services.assessment.candidate(candidate, panel.first).current
    assert current is not None
    judgements = JudgementTableModel()
    judgements.set_round(current)
    qtmodeltester.check(judgements)
    appeals = AppealTableModel()
    appeals.set_appeals(current.appeals)
    qtmodeltester.check(appeals)
    assert judgements.rowCount() == 5 and appeals.rowCount() == 1


def test_the_appeal_period_is_set_in_the_institution_settings(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    assert services.settings.get().appeal_weeks == 6

    def change(dialog) -> None:
        spin = dialog.findChild(QWidget, "appealWeeks")
        assert spin.value() == 6
        spin.selectAll()
        qtbot.keyClicks(spin, "8")
        button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    on_modal(change)
    window.settings_action.trigger()
    assert services.settings.get().appeal_weeks == 8


def test_cancel_a_round_puts_the_submission_back(
    qtbot, window: MainWindow, services: Services, panel: Panel, candidate: int, on_modal
) -> None:
    snapshot = submit(services, candidate)
    services.assessment.start(candidate, snapshot, [panel.first, panel.second], panel.chair)
    tab = open_tab(qtbot, window)
    assert not tab.start_action.isEnabled()

    def cancel(dialog) -> None:
        save(qtbot, dialog)  # no reason
        assert "why" in dialog.error.text()
        qtbot.keyClicks(dialog.reason, "Wrong chair appointed.")
        save(qtbot, dialog)

    on_modal(cancel)
    click(qtbot, tab, "assessmentCancel")
    reloaded(qtbot, tab, lambda: tab.start_action.isEnabled())
    current = tab.current_round()
    assert current is not None and current.phase is Phase.CANCELLED
    assert "Cancelled" in tab.rounds.currentText()


def test_double_click_an_assessors_cell_judges_as_that_assessor(
    qtbot, window: MainWindow, services: Services, panel: Panel, candidate: int, on_modal
) -> None:
    snapshot = submit(services, candidate)
    round_id = services.assessment.start(
        candidate, snapshot, [panel.first, panel.second], panel.chair, SETUP_DAY
    )
    competence = competence_ids(services, candidate)[1]
    services.assessment.judge(round_id, competence, panel.second, I, "Thin evidence.", SETUP_DAY)
    tab = open_tab(qtbot, window)
    assert tab.model.index(1, 2).data() == "in (sealed)"  # the coordinator's view
    seen: list[str] = []

    def change(dialog) -> None:
        seen.append(dialog.windowTitle())
        assert dialog.insufficient.isChecked()  # Bert's own judgement, unsealed for him
        assert dialog.motivation.toPlainText() == "Thin evidence."
        qtbot.mouseClick(dialog.sufficient, Qt.MouseButton.LeftButton)
        save(qtbot, dialog)

    on_modal(change)
    rect = tab.table.visualRect(tab.model.index(1, 2))
    viewport = tab.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    reloaded(qtbot, tab, lambda: tab.model.index(1, 2).data() == "Sufficient")
    assert seen == ["Judgement of Bert Beoordelaar"]
    assert tab.viewer.currentText().startswith("Bert Beoordelaar")


def test_competence_names_and_grounds_take_the_spare_width(
    qtbot, window: MainWindow, services: Services, panel: Panel, candidate: int
) -> None:
    snapshot = submit(services, candidate)
    round_id = services.assessment.start(
        candidate, snapshot, [panel.first, panel.second], panel.chair, SETUP_DAY
    )
    judge_all(services, round_id, candidate, panel, [S, I, S, S, S], [S, I, S, S, S])
    services.assessment.record_result(round_id, TODAY, "C2 not shown", version(services, candidate))
    grounds = "The teaching videos were not looked at. " * 8
    row_version = services.assessment.candidate(candidate).rounds[0].row_version
    services.appeals.file(round_id, TODAY, grounds, row_version)
    window.resize(1100, 700)
    tab = open_tab(qtbot, window)
    qtbot.waitUntil(lambda: tab.appeal_model.rowCount() == 1)

    header = tab.table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(tab.model.columnCount())]
    assert modes[0] is QHeaderView.ResizeMode.Stretch
    assert set(modes[1:]) == {QHeaderView.ResizeMode.ResizeToContents}
    assert header.length() <= tab.table.viewport().width()
    chair = tab.model.columnCount() - 2
    assert tab.model.headerData(chair, Qt.Orientation.Horizontal) == "Chair"
    tip = tab.model.headerData(chair, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip and tip.startswith("Chair: ")
    first = tab.model.index(0, 0)
    assert first.data(Qt.ItemDataRole.ToolTipRole) == first.data()  # code and full name

    appeals = tab.appeals.horizontalHeader()
    last = tab.appeal_model.columnCount() - 1
    assert tab.appeal_model.headerData(last, Qt.Orientation.Horizontal) == "Grounds"
    assert appeals.sectionResizeMode(last) is QHeaderView.ResizeMode.Stretch
    assert appeals.length() <= tab.appeals.viewport().width()  # no scrolling sideways
    assert not tab.appeals.horizontalScrollBar().isVisible()
    shown = tab.appeal_model.index(0, last)
    width = tab.appeals.fontMetrics().horizontalAdvance(shown.data())
    assert appeals.sectionSize(last) < width  # elided, and the tooltip has it all
    assert grounds.strip() in shown.data(Qt.ItemDataRole.ToolTipRole)
