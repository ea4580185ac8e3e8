"""The Exemption tab driven as HR and the exemption advisor would (journey 6): file the
request, record every step through its dialog, the letter, documents by dialog and by
drag-and-drop, undo; partial certificates recognised in the learning route."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gui_helpers import activate, type_text
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ui.detail.exemption.tab import ExemptionTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround
from utq_desktop.services.app import Services
from utq_desktop.services.exemption_dto import StepInput

TODAY = date.today()
C = CaseStatus


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.resize(2000, 1000)  # every candidate tab visible in the tab bar
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def open_tab(qtbot, window: MainWindow, name: str) -> ExemptionTab:
    """Click the candidate in the register, then the Exemption tab; wait for it."""
    model = window.register.model
    names = [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]
    table = window.register.table
    rect = table.visualRect(model.index(names.index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = next(page for page in window.detail.pages if isinstance(page, ExemptionTab))
    index = window.detail.tabs.indexOf(tab)
    assert window.detail.tabs.tabText(index) == "Exemption"
    bar = window.detail.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    candidate_id = window.register.selected_id()
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.candidate_id == candidate_id)
    return tab


def save(qtbot, dialog: QWidget) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click(qtbot, tab: ExemptionTab, name: str) -> None:
    button = tab.findChild(QPushButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def step(qtbot, tab: ExemptionTab, on_modal, target: CaseStatus, fill) -> None:
    """Click the step's button, fill its dialog, save; wait until the tab shows it."""
    on_modal(lambda dialog: (fill(dialog), save(qtbot, dialog)))
    click(qtbot, tab, f"exemptionStep_{target.value}")
    qtbot.waitUntil(lambda: tab.case is not None and tab.case.status is target)


def drag_and_drop(widget: QWidget, data: QMimeData) -> tuple[bool, bool]:
    """Drag ``data`` onto ``widget`` and drop it there, as the window system does (a drop
    reaches only a widget that accepted the drag); (drag accepted, drop accepted)."""
    point = widget.rect().center()
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    if enter.isAccepted():
        QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), enter.isAccepted() and drop.isAccepted()


def visible_steps(tab: ExemptionTab) -> set[CaseStatus]:
    buttons = tab.case_section.step_buttons
    return {target for target, button in buttons.items() if button.isVisible()}


def test_journey_file_evaluate_advise_decide_inform_then_undo(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_tab(qtbot, window, "Siobhán van 't Hof")  # overdue: 4 years employed
    candidate_id = tab.detail.candidate_id
    assert "No exemption requested" in tab.summary.text()
    assert not tab.case_section.isVisible()
    assert services.candidates.register_row(candidate_id).due_state is DueState.OVERDUE

    def file(dialog) -> None:
        dialog.ground.setCurrentIndex(dialog.ground.findData(ExemptionGround.OTHER.value))
        save(qtbot, dialog)  # 'other' without describing it
        assert dialog.isVisible() and "Describe the ground" in dialog.error.text()
        assert dialog.focusWidget() is dialog.ground_detail
        dialog.ground.setCurrentIndex(
            dialog.ground.findData(ExemptionGround.TEACHER_TRAINING.value)
        )
        type_text(dialog.ground_detail, "Eerstegraads Engels, ICLON 2011")
        dialog.filed_by.setCurrentText("")
        type_text(dialog.filed_by.lineEdit(), "Lotte Kramer")
        save(qtbot, dialog)

    on_modal(file)
    click(qtbot, tab, "exemptionFileCase")
    qtbot.waitUntil(lambda: tab.case is not None)
    assert tab.case.status is C.FILED and tab.case.data.filed_by == "Lotte Kramer"
    assert visible_steps(tab) == {C.UNDER_EVALUATION}  # nothing out of order is offered
    assert tab.case_section.withdraw_button.isVisible()
    assert not tab.file_button.isEnabled()  # one request at a time
    assert "in progress" in tab.summary.text()

    def advisor(dialog) -> None:
        save(qtbot, dialog)  # no advisor named
        assert "exemption advisor" in dialog.error.text()
        type_text(dialog.advisor.lineEdit(), "Peter van Dam")

    step(qtbot, tab, on_modal, C.UNDER_EVALUATION, advisor)
    step(qtbot, tab, on_modal, C.MEETING_PLANNED, lambda d: d.meeting_on.setDate(d.on.date()))
    assert tab.case.meeting_on == TODAY

    def advice(dialog) -> None:
        assert dialog.by.currentText() == "Peter van Dam"  # the advisor gives it
        qtbot.mouseClick(dialog.grant, Qt.MouseButton.LeftButton)
        type_text(dialog.motivation, "Diploma en reflectieverslag dekken alle competenties.")

    step(qtbot, tab, on_modal, C.ADVICE_GIVEN, advice)

    def decision(dialog) -> None:
        assert dialog.grant.isChecked()  # the advice, to start from
        assert "Diploma en reflectieverslag" in dialog.motivation.toPlainText()
        assert "never leads to a UTQ certificate" in dialog.consequence.text()
        type_text(dialog.by.lineEdit(), "Prof. dr. M. de Wit, decaan")

    step(qtbot, tab, on_modal, C.DECIDED, decision)
    row = services.candidates.register_row(candidate_id)
    assert row.status is TrajectoryStatus.EXEMPTED and row.due_state is DueState.FULFILLED
    assert services.exemption.has_granted_exemption(candidate_id)
    qtbot.waitUntil(lambda: "Exempted from the UTQ" in tab.summary.text())
    assert tab.case.letter is not None and tab.letter.open_button.isEnabled()
    assert tab.case.letter.name.startswith("Besluit vrijstelling Siobhán van 't Hof")
    register_row = window.register.model.row_of_id(candidate_id)
    status_index = window.register.model.index(register_row, COLUMN_INDEX["status"])
    assert status_index.data() == "Exempted"

    step(qtbot, tab, on_modal, C.INFORMED, lambda d: None)
    assert visible_steps(tab) == set() and not tab.case_section.withdraw_button.isVisible()
    assert [s.status for s in tab.case.steps] == [
        C.FILED,
        C.UNDER_EVALUATION,
        C.MEETING_PLANNED,
        C.ADVICE_GIVEN,
        C.DECIDED,
        C.INFORMED,
    ]
    assert tab.case_section.steps_model.rowCount() == 6

    # Edit → Undo takes the steps back, the granted decision with the candidate's status
    activate(qtbot, window)
    qtbot.keyClick(window.register.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.case.status is C.DECIDED)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: tab.case.status is C.ADVICE_GIVEN)
    assert services.candidates.register_row(candidate_id).status is TrajectoryStatus.REGISTERED
    assert services.candidates.register_row(candidate_id).due_state is DueState.OVERDUE
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: tab.case.status is C.DECIDED)
    assert services.candidates.register_row(candidate_id).status is TrajectoryStatus.EXEMPTED


def test_withdraw_with_a_reason_and_file_again(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_tab(qtbot, window, "Ayşe Doğan")
    on_modal(lambda dialog: save(qtbot, dialog))
    click(qtbot, tab, "exemptionFileCase")
    qtbot.waitUntil(lambda: tab.case is not None)

    def withdraw(dialog) -> None:
        save(qtbot, dialog)
        assert "why" in dialog.error.text() and dialog.focusWidget() is dialog.reason
        type_text(dialog.reason, "Op verzoek van de kandidaat")
        save(qtbot, dialog)

    on_modal(withdraw)
    qtbot.mouseClick(tab.case_section.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.case is not None and tab.case.status is C.WITHDRAWN)
    assert not tab.case_section.edit_button.isEnabled()
    assert tab.file_button.isEnabled()
    on_modal(lambda dialog: save(qtbot, dialog))
    click(qtbot, tab, "exemptionFileCase")
    qtbot.waitUntil(lambda: tab.detail is not None and len(tab.detail.cases) == 2)
    assert tab.chooser.isVisible() and tab.case.status is C.FILED  # the new one is shown
    tab.chooser.setCurrentIndex(1)
    assert tab.case.status is C.WITHDRAWN
    assert "Op verzoek van de kandidaat" in tab.case_section.values["withdrawn"].text()


def test_documents_by_drop_and_removed_after_a_question(
    qtbot, window: MainWindow, services: Services, on_modal, tmp_path: Path
) -> None:
    tab = open_tab(qtbot, window, "Nguyễn Thảo")
    on_modal(lambda dialog: save(qtbot, dialog))
    click(qtbot, tab, "exemptionFileCase")
    qtbot.waitUntil(lambda: tab.case is not None)
    diploma = tmp_path / "diploma Thảo.pdf"
    diploma.write_bytes(b"%PDF-1.4 diploma")
    report = tmp_path / "reflectieverslag.docx"
    report.write_bytes(b"PK reflection")
    box = tab.documents
    tab.scroll.ensureWidgetVisible(box)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(diploma)), QUrl.fromLocalFile(str(report))])
    assert drag_and_drop(box, data) == (True, True)
    qtbot.waitUntil(lambda: box.model.rowCount() == 2)
    assert [box.model.index(r, 0).data() for r in range(2)] == [
        "diploma Thảo.pdf",
        "reflectieverslag.docx",
    ]
    [stored, _] = tab.case.documents
    assert services.files.content(stored.sha256) == b"%PDF-1.4 diploma"

    box.table.selectRow(0)
    qtbot.waitUntil(box.remove_button.isEnabled)

    def answer(button: QMessageBox.StandardButton | str):
        def handle(box_: QMessageBox) -> None:
            assert "diploma Thảo.pdf" in box_.text()
            chosen = (
                next(b for b in box_.buttons() if b.text() == button)
                if isinstance(button, str)
                else box_.button(button)
            )
            qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

        return handle

    on_modal(answer(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert box.model.rowCount() == 2  # cancelled: kept
    on_modal(answer("Remove"))
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.model.rowCount() == 1)

    target = tmp_path / "copy.docx"
    box.table.selectRow(0)
    box.files.save_to(tab.case.documents[0], str(target))
    qtbot.waitUntil(lambda: "Saved a copy as" in tab.notice.text())  # written entirely
    assert target.read_bytes() == b"PK reflection"


def test_a_drop_of_something_else_is_ignored(qtbot, window: MainWindow, on_modal) -> None:
    tab = open_tab(qtbot, window, "Nguyễn Thảo")
    on_modal(lambda dialog: save(qtbot, dialog))
    click(qtbot, tab, "exemptionFileCase")
    qtbot.waitUntil(lambda: tab.case is not None)
    data = QMimeData()
    data.setText("just text")
    assert drag_and_drop(tab.documents, data) == (False, False)
    data.setUrls([QUrl("https://example.org/diploma.pdf")])  # not a local file
    assert drag_and_drop(tab.documents, data) == (False, False)
    assert tab.case.documents == ()


def test_partial_certificate_recognised_in_the_route_removed_and_undone(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_tab(qtbot, window, "Øyvind Ångström")
    candidate_id = tab.detail.candidate_id
    section = tab.certificates

    def fill(dialog) -> None:
        save(qtbot, dialog)  # nothing filled in
        assert "Name the university" in dialog.error.text()
        dialog.institution.setCurrentText("")
        type_text(dialog.institution.lineEdit(), "Universiteit Utrecht")
        save(qtbot, dialog)  # no competence ticked
        assert "Tick the competences" in dialog.error.text()
        view = dialog.competences
        view.setFocus()
        for row in (0, 2):
            view.setCurrentIndex(dialog.competence_model.index(row, 0))
            qtbot.keyClick(view, Qt.Key.Key_Space)
        save(qtbot, dialog)

    on_modal(fill)
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    route = services.route.detail(candidate_id)
    recognised = {c.code: c.recognition.reason for c in route.competences if c.recognition}
    codes = [c.code for c in route.competences]
    assert set(recognised) == {codes[0], codes[2]}
    assert all(
        reason.startswith("Partial certificate, Universiteit Utrecht, ")
        for reason in recognised.values()
    )
    section.table.selectRow(0)
    qtbot.waitUntil(section.remove_button.isEnabled)
    assert "Recognised in the learning route" in section.recognised.text()

    def confirm(box: QMessageBox) -> None:
        assert "Universiteit Utrecht" in box.text()
        qtbot.mouseClick(
            next(b for b in box.buttons() if b.text() == "Remove"), Qt.MouseButton.LeftButton
        )

    on_modal(confirm)
    qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.model.rowCount() == 0)
    assert not any(c.recognition for c in services.route.detail(candidate_id).competences)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    assert sum(bool(c.recognition) for c in services.route.detail(candidate_id).competences) == 2


def test_the_tab_models_are_sound(
    qtbot, window: MainWindow, services: Services, qtmodeltester
) -> None:
    from ui.detail.exemption.models import CertificateModel, DocumentModel, StepModel

    tab = open_tab(qtbot, window, "Ayşe Doğan")
    for model in (StepModel(), DocumentModel(), CertificateModel()):
        qtmodeltester.check(model)
    for model in (tab.case_section.steps_model, tab.documents.model, tab.certificates.model):
        qtmodeltester.check(model)


def test_the_letters_language_is_chosen_in_the_candidate_dialog(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_tab(qtbot, window, "Ayşe Doğan")
    candidate_id = tab.detail.candidate_id

    def edit(dialog) -> None:
        assert dialog.language.currentText() == "Dutch"
        dialog.language.setFocus()
        qtbot.keyClick(dialog.language, Qt.Key.Key_Down)
        assert dialog.language.currentText() == "English"
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    on_modal(edit)
    activate(qtbot, window)
    qtbot.keyClick(window.register.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: services.candidates.detail(candidate_id).data.language == "en")
    overview = window.detail.pages[0]
    bar = window.detail.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    qtbot.waitUntil(lambda: overview.values["language"].text() == "English")


def test_a_colleagues_step_in_between_is_refused_and_shown(
    qtbot, window: MainWindow, services: Services, sample_database, on_modal
) -> None:
    tab = open_tab(qtbot, window, "Ayşe Doğan")
    on_modal(lambda dialog: save(qtbot, dialog))
    click(qtbot, tab, "exemptionFileCase")
    qtbot.waitUntil(lambda: tab.case is not None)
    case_id = tab.case.id
    colleague = sample_database.open("ajonker")
    seen: list[str] = []

    def advisor(dialog) -> None:
        colleague.exemption.advance(
            case_id, StepInput(C.UNDER_EVALUATION, TODAY, "HR", advisor="Rob Verhagen"), 1
        )
        type_text(dialog.advisor.lineEdit(), "Peter van Dam")
        save(qtbot, dialog)
        seen.append(dialog.error.text())
        assert dialog.isVisible()  # nothing lost: the input stays to copy
        dialog.reject()

    on_modal(advisor)
    click(qtbot, tab, f"exemptionStep_{C.UNDER_EVALUATION.value}")
    assert "ajonker changed this exemption request" in seen[0]
    qtbot.waitUntil(lambda: tab.case is not None and tab.case.advisor == "Rob Verhagen")
    assert services.exemption.detail(tab.detail.candidate_id).cases[0].advisor == "Rob Verhagen"
