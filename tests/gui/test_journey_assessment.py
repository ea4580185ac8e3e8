"""Journey 5, assessment and ceremony, end to end in the window: Siobhán van 't Hof's ready
dossier is submitted from the Portfolio tab (a snapshot), a round is started on the
Assessment tab, two assessors judge blind and disagree on one competence, the chair
decides, the result is sufficient and the register shows her qualified; the Certificates
tab issues her certificate, a ceremony batch writes the PDFs (her name printed exactly), a
misprint is reissued (the old one replaced) and Verify code… tells the new from the old."""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from gui_helpers import activate
from portfolio_helpers import add_item, open_portfolio, reloaded
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton, QWidget

from ui.detail.assessment.tab import AssessmentTab
from ui.detail.certificates.tab import CertificatesTab
from ui.detail.exemption.tab import ExemptionTab
from ui.detail.portfolio.tab import PortfolioTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.certificates import CertificateStatus
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import DossierState, EvidenceKind
from utq_desktop.services.app import Services
from utq_desktop.services.portfolio_dto import ObservationInput

NAME = "Siobhán van 't Hof"
TODAY = date.today()


@pytest.fixture
def ready_dossier(services: Services) -> int:
    """Siobhán on her learning route with a complete dossier that her supervisor marked
    ready: a reflection per competence and a class observation."""
    cid = next(r.id for r in services.candidates.register() if r.full_name == NAME)
    detail = services.candidates.detail(cid)
    version = services.candidates.update(
        cid, replace(detail.data, status=TrajectoryStatus.INTAKE), detail.row_version
    )
    services.candidates.update(
        cid, replace(detail.data, status=TrajectoryStatus.LEARNING_ROUTE), version
    )
    for code in ("C1", "C2", "C3", "C4", "C5"):
        add_item(
            services, cid, f"Reflectie {code}", kind=EvidenceKind.REFLECTION, competences=(code,)
        )
    services.portfolio.add_observation(
        cid, ObservationInput(date(TODAY.year - 1, 3, 4), "Dr. K. Visser", "Strafrecht 1")
    )
    services.portfolio.mark_ready(cid, services.portfolio.dossier(cid).row_version)
    return cid


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)  # a common laptop screen
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def show_tab(qtbot, window: MainWindow, kind: type) -> QWidget:
    tab = next(page for page in window.detail.pages if isinstance(page, kind))
    bar = window.detail.tabs.tabBar()
    index = window.detail.tabs.indexOf(tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.detail.tabs.currentWidget() is tab
    return tab


def click(qtbot, widget: QWidget | None) -> None:
    assert widget is not None and widget.isEnabled()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def save(qtbot, dialog: QWidget) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))  # type: ignore[attr-defined]


def press(qtbot, box: QWidget, text: str) -> None:
    assert isinstance(box, QMessageBox), box
    click(qtbot, next(b for b in box.findChildren(QPushButton) if b.text() == text))


def choose_viewer(qtbot, tab: AssessmentTab, name: str) -> None:
    """'Judging as' picked with the keyboard."""
    tab.viewer.setFocus()
    target = next(i for i in range(tab.viewer.count()) if tab.viewer.itemText(i).startswith(name))
    while tab.viewer.currentIndex() != target:
        key = Qt.Key.Key_Down if tab.viewer.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(tab.viewer, key)
    qtbot.waitUntil(lambda: tab.viewer_id == tab.viewer.currentData())
    qtbot.waitUntil(lambda: not tab.context.runner.busy)


def judge_every_competence(qtbot, tab: AssessmentTab, on_modal, verdicts: str) -> None:
    """Ctrl+J on each row in turn; ``verdicts`` one letter (S / I) per competence."""
    for row, letter in enumerate(verdicts):
        tab.table.selectRow(row)
        tab.table.setFocus()

        def judge(dialog, letter: str = letter, row: int = row) -> None:
            radio = dialog.sufficient if letter == "S" else dialog.insufficient
            qtbot.mouseClick(radio, Qt.MouseButton.LeftButton)
            qtbot.keyClicks(dialog.motivation, f"Verdict {letter} on row {row}.")
            save(qtbot, dialog)

        before = tab.view
        on_modal(judge)
        activate(qtbot, tab.window())  # shortcuts reach the active window only
        qtbot.keyClick(tab.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda b=before: tab.view is not b and not tab.context.runner.busy)


def pdf_text(path: Path) -> str:
    command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    return " ".join(
        subprocess.run(command, capture_output=True, check=True).stdout.decode().split()
    )


def test_submit_judge_blind_chair_decides_qualified(
    qtbot, window: MainWindow, services: Services, ready_dossier: int, on_modal
) -> None:
    cid = ready_dossier
    anna = services.users.add("anna", "Anna Assessor", "assessor")
    bert = services.users.add("bert", "Bert Beoordelaar", "assessor")
    carla = services.users.add("carla", "Carla Chair", "assessor")

    # the coordinator submits the ready dossier from the Portfolio tab
    portfolio = open_portfolio(qtbot, window, NAME)
    assert "Ready for submission" in portfolio.state.text()
    assert "Required components: 11 of 11 met" in portfolio.summary.text()
    questions: list[str] = []

    def submit(dialog) -> None:
        def confirm(box) -> None:
            questions.append(box.text())
            press(qtbot, box, "Submit")

        on_modal(confirm)
        click(qtbot, dialog.submit_button)

    on_modal(submit)
    click(qtbot, portfolio.submit_button)
    reloaded(qtbot, portfolio, lambda d: d.state is DossierState.SUBMITTED)
    assert questions and NAME in questions[0]
    assert "snapshot 1" in portfolio.state.text()

    # a round on the Assessment tab: two assessors and a chair
    tab = show_tab(qtbot, window, AssessmentTab)
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.candidate_id == cid)
    assert "Submission 1 is waiting" in tab.summary.text()

    def start(dialog) -> None:
        dialog.first.setCurrentIndex(dialog.first.findData(anna))
        dialog.second.setCurrentIndex(dialog.second.findData(bert))
        dialog.chair.setCurrentIndex(dialog.chair.findData(carla))
        save(qtbot, dialog)

    on_modal(start)
    click(qtbot, tab.findChild(QWidget, "assessmentStartButton"))
    qtbot.waitUntil(lambda: tab.current_round() is not None)
    assert tab.model.rowCount() == 5
    for combo in (tab.rounds, tab.viewer):  # readable, not cut off
        assert combo.width() >= combo.sizeHint().width(), combo.currentText()

    # blind: Anna judges everything; Bert sees only that she did
    activate(qtbot, window)
    choose_viewer(qtbot, tab, "Anna Assessor")
    judge_every_competence(qtbot, tab, on_modal, "SSSSS")
    assert "5 of 10" in tab.progress.text()
    choose_viewer(qtbot, tab, "Bert Beoordelaar")
    qtbot.waitUntil(lambda: tab.model.index(0, 1).data() == "in (sealed)")
    judge_every_competence(qtbot, tab, on_modal, "SSISS")  # he disagrees on C3

    # all in: revealed; the disagreement goes to the chair
    choose_viewer(qtbot, tab, "Coordinator")
    qtbot.waitUntil(lambda: tab.model.index(2, 2).data() == "Insufficient")
    assert tab.model.index(2, 1).data() == "Sufficient"
    assert tab.model.index(2, 3).data() == "to decide"
    assert not tab.result_action.isEnabled()
    tab.table.selectRow(2)

    def decide(dialog) -> None:
        qtbot.mouseClick(dialog.sufficient, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.motivation, "The test matrix covers the learning goals.")
        save(qtbot, dialog)

    on_modal(decide)
    click(qtbot, tab.findChild(QWidget, "assessmentDecideButton"))
    qtbot.waitUntil(lambda: tab.result_action.isEnabled())
    assert tab.model.index(2, 4).data() == "Sufficient"

    def result(dialog) -> None:
        qtbot.keyClicks(dialog.motivation, "All five competences shown.")
        on_modal(accept)
        save(qtbot, dialog)

    def accept(box) -> None:
        button = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        click(qtbot, button)

    on_modal(result)
    click(qtbot, tab.findChild(QWidget, "assessmentResultButton"))
    qtbot.waitUntil(lambda: "Result: " in tab.result.text(), timeout=5000)
    assert "Sufficient" in tab.result.text()

    # the register shows her qualified, and the portfolio no longer says she is waiting
    model = window.register.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == cid)
    qtbot.waitUntil(lambda: model.index(row, COLUMN_INDEX["status"]).data() == "Qualified")
    portfolio = show_tab(qtbot, window, PortfolioTab)
    reloaded(qtbot, portfolio, lambda d: d.candidate_status is TrajectoryStatus.QUALIFIED)
    assert "Submitted for assessment" not in portfolio.state.text()
    assert "Assessed: sufficient" in portfolio.state.text()
    # …and the Exemption tab says why no exemption request can be filed any more
    exemption = show_tab(qtbot, window, ExemptionTab)
    qtbot.waitUntil(lambda: exemption.detail is not None and exemption.detail.candidate_id == cid)
    assert not exemption.file_button.isEnabled()
    assert "has obtained the UTQ already" in exemption.summary.text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_certificate_ceremony_reissue_and_verify(
    qtbot, window: MainWindow, services: Services, on_modal, tmp_path: Path
) -> None:
    from certificate_data import record_result

    cid = next(r.id for r in services.candidates.register() if r.full_name == NAME)
    thao = next(r.id for r in services.candidates.register() if r.full_name == "Nguyễn Thảo")
    record_result(services, cid, date(TODAY.year, 1, 2))
    record_result(services, thao, date(TODAY.year, 1, 3))

    # the Certificates tab issues hers (the result above is written straight to the database)
    model = window.register.model
    table = window.register.table
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == cid)
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(model.index(row, 0)).center(),
    )
    tab = show_tab(qtbot, window, CertificatesTab)
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.candidate_id == cid)
    # with no certificate yet the rows stay together on top (no gaps spread over the tab)
    gap = tab.participation_button.y() - tab.issue_button.geometry().bottom()
    assert gap < tab.issue_button.height(), gap
    on_modal(lambda box: press(qtbot, box, "Issue"))
    click(qtbot, tab.issue_button)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    first = tab.selected_certificate()
    assert first is not None and first.valid and first.holder_name == NAME

    # the ceremony: everyone qualified since 1 January, separate PDFs and one for the printer
    folder = tmp_path / "ceremony"
    outcome: list[str] = []

    def run(d) -> None:
        d.date_from.setDate(QDate(TODAY.year, 1, 1))
        qtbot.waitUntil(lambda: d.plan is not None and d.run_button.isEnabled())
        assert "Certificates to issue now: 1" in d.summary.text()  # Thảo's; Siobhán has one
        # nobody has named the signatories yet: said before the PDFs are written for good
        assert "no name is set for the Dean and the Rector Magnificus" in d.summary.text()
        d.output.folder.setText(str(folder))
        if not d.output.combined.isChecked():
            click(qtbot, d.output.combined)
        d.output.combined_path.setText(str(tmp_path / "print.pdf"))
        click(qtbot, d.run_button)
        qtbot.waitUntil(lambda: d.result_ is not None, timeout=20_000)
        outcome.append(d.outcome.text())
        click(qtbot, d.close_button)

    on_modal(run)
    window.certificate_actions.ceremony_action.trigger()
    qtbot.waitUntil(lambda: bool(outcome), timeout=25_000)
    names = sorted(p.name for p in folder.glob("*.pdf"))
    assert len(names) == 2, names
    # plain ASCII file names (any file system, any printer queue); the PDFs print the names
    assert names == [
        "Nguyen Thao - UTQ certificate.pdf",
        "Siobhan van 't Hof - UTQ certificate.pdf",
    ]
    text = pdf_text(folder / names[1])
    assert NAME in text and first.serial in text and first.verification_code in text
    assert "Nguyễn Thảo" in pdf_text(tmp_path / "print.pdf")

    # a week later: misprinted, reissued; the old one is marked replaced
    activate(qtbot, window)
    qtbot.waitUntil(lambda: tab.data is not None and tab.model.rowCount() == 1)
    on_modal(lambda box: press(qtbot, box, "Reissue"))
    tab.reissue_action.trigger()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    new = tab.selected_certificate()
    assert new is not None and new.valid and new.serial != first.serial
    assert services.certificates.get(first.id).status is CertificateStatus.REPLACED

    # an employer's code: the new one is valid, the old one is not
    seen: list[str] = []

    def verify(dialog) -> None:
        for code in (new.verification_code, first.verification_code):
            dialog.code.clear()
            qtbot.keyClicks(dialog.code, code)
            qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
            seen.append(html.unescape(dialog.result.text()))
        dialog.reject()

    on_modal(verify)
    activate(qtbot, window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert "Valid certificate" in seen[0] and NAME in seen[0]
    assert "Valid certificate" not in seen[1] and "replaced" in seen[1].lower()
    assert new.serial in seen[1]


def test_no_signatory_warning_once_both_are_named(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    from certificate_data import record_result

    from utq_desktop.services.dto import CertificateSettings, Signatory

    record_result(services, next(r.id for r in services.candidates.register()), TODAY)
    services.settings.update(
        services.settings.get(),
        certificates=CertificateSettings(
            (
                Signatory("prof. dr. J. de Bruijn", "Dean"),
                Signatory("prof. dr. A. Rector", "Rector"),
            )
        ),
    )
    seen: list[str] = []

    def look(d) -> None:
        qtbot.waitUntil(lambda: d.plan is not None)
        seen.append(d.summary.text())
        click(qtbot, d.close_button)

    on_modal(look)
    window.certificate_actions.ceremony_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert "Certificates to issue now: 1" in seen[0] and "Warning" not in seen[0]


def test_the_certificate_register_shows_every_column_without_scrolling_sideways(
    qtbot, window: MainWindow, services: Services
) -> None:
    from certificate_data import completed_activity

    cid = next(r.id for r in services.candidates.register() if r.full_name == NAME)
    title = "Designing blended courses with constructive alignment and formative assessment"
    services.certificates.issue_participation(completed_activity(services, cid, title, TODAY))
    activate(qtbot, window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    register = window.certificate_actions.register_window
    assert register is not None
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)
    qtbot.waitUntil(lambda: register.table.horizontalScrollBar().maximum() == 0)
    index = register.model.index(0, 2)
    assert title in index.data(Qt.ItemDataRole.ToolTipRole)  # elided, in full on hover
