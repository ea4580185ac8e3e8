"""Journey 4, the dossier review, end to end in the window: the consultant goes through
three dossiers — finds an evidence item by searching, opens its attachment, marks one
criterion ready (key 2) and another as needing revision (key 4), leaves feedback on a
competence — and the coordinator then sees the open feedback counted in the register."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import activate, type_text
from portfolio_helpers import add_item, candidate_id, names, open_portfolio, reloaded, save, write
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ui.detail.portfolio.coverage_model import CRITERION_ROLE
from ui.detail.portfolio.evidence_model import TITLE
from ui.detail.portfolio.tab import COVERAGE, EVIDENCE, PortfolioTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.portfolio import CriterionState, EvidenceKind
from utq_desktop.services.app import Services

S = CriterionState
DOSSIERS = {  # candidate: (the item to find, its file, criterion ready, criterion to revise)
    "Ayşe Doğan": ("Toetsmatrijs Natuurkunde", "Toetsmatrijs.pdf", "C3.1", "C3.2"),
    "Siobhán van 't Hof": ("Studentevaluatie Strafrecht", "Evaluatie 2025.pdf", "C4.1", "C4.2"),
    "Nguyễn Thảo": ("Cursusontwerp Chemie", "Ontwerp Thảo.pdf", "C1.1", "C1.2"),
}


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


@pytest.fixture
def dossiers(window: MainWindow, services: Services, tmp_path: Path) -> None:
    """Each dossier: some padding items, and the one to find with its file, showing the
    two criteria under review."""
    for name, (title, file_name, ready, revise) in DOSSIERS.items():
        cid = candidate_id(window, name)
        for n in range(6):
            add_item(services, cid, f"Werkcollege {n + 1}", criteria=("C2.1",))
        add_item(services, cid, f"Reflectie {name}", kind=EvidenceKind.REFLECTION)
        content = f"%PDF-1.4 {title}".encode()
        add_item(
            services,
            cid,
            title,
            criteria=(ready, revise),
            files=[write(tmp_path, file_name, content)],
        )


def show_section(qtbot, tab: PortfolioTab, index: int) -> None:
    bar = tab.sections.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tab.sections.currentIndex() == index


def click_tile(qtbot, tab: PortfolioTab, code: str) -> None:
    matrix = tab.coverage.matrix
    rect = matrix.visualRect(matrix.coverage.index_of(code))
    qtbot.mouseClick(matrix.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.coverage.selected().code == code


def state_of(tab: PortfolioTab, code: str) -> CriterionState:
    return tab.coverage.matrix.coverage.index_of(code).data(CRITERION_ROLE).state


def test_the_consultant_reviews_three_dossiers_and_the_register_counts_the_feedback(
    qtbot, window: MainWindow, services: Services, dossiers: None, on_modal, monkeypatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    column = COLUMN_INDEX["open_feedback"]
    for name, (title, file_name, ready, revise) in DOSSIERS.items():
        activate(qtbot, window)
        tab = open_portfolio(qtbot, window, name)
        show_section(qtbot, tab, EVIDENCE)
        evidence = tab.evidence
        assert evidence.model.rowCount() == 8

        # find the item by typing part of its title; open its file
        assert evidence.search.text() == ""  # the last dossier's search does not hide these
        type_text(evidence.search, title.split()[0].lower())
        assert evidence.model.rowCount() == 1 and "1 of 8 items" in evidence.count.text()
        table = evidence.table
        shown = [table.model().index(r, TITLE).data() for r in range(table.model().rowCount())]
        assert shown == [title], shown
        rect = table.visualRect(table.model().index(0, TITLE))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert evidence.selected().title == title
        files = evidence.files
        qtbot.waitUntil(lambda f=files: f.model.rowCount() == 1)
        files.table.selectRow(0)
        count = len(opened)
        qtbot.mouseClick(
            files.findChild(QWidget, "evidenceFilesOpenButton"), Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda c=count: len(opened) == c + 1)
        copy = Path(opened[-1].toLocalFile())
        assert copy.name == file_name and copy.read_bytes() == f"%PDF-1.4 {title}".encode()

        # the criteria it shows: one ready, one needs revision, with the keys
        show_section(qtbot, tab, COVERAGE)
        matrix = tab.coverage.matrix
        click_tile(qtbot, tab, ready)
        qtbot.keyClick(matrix, Qt.Key.Key_2)
        reloaded(qtbot, tab, lambda d, c=ready: d.content.criterion(c).state is S.READY)
        click_tile(qtbot, tab, revise)
        qtbot.keyClick(matrix, Qt.Key.Key_4)
        reloaded(qtbot, tab, lambda d, c=revise: d.content.criterion(c).state is S.NEEDS_REVISION)
        assert state_of(tab, ready) is S.READY and state_of(tab, revise) is S.NEEDS_REVISION

        # feedback on that competence
        def write_feedback(dialog, code: str = revise) -> None:
            assert dialog.about.currentText().startswith(code.split(".")[0])
            type_text(dialog.text, f"Werk {code} verder uit met een voorbeeld uit je eigen vak.")
            save(qtbot, dialog)

        on_modal(write_feedback)
        qtbot.mouseClick(
            tab.coverage.feedback.findChild(QWidget, "competenceFeedbackAddButton"),
            Qt.MouseButton.LeftButton,
        )
        reloaded(qtbot, tab, lambda d: len(d.feedback) == 1)
        assert tab.sections.tabText(3) == "Feed&back (1 open)"

    # back at the register: every reviewed dossier shows its open feedback
    counts = {
        name: window.register.model.index(names(window).index(name), column).data()
        for name in DOSSIERS
    }
    assert counts == dict.fromkeys(DOSSIERS, "1")
    assert window.register.model.index(names(window).index("Øyvind Ångström"), column).data() == ""
    assert services.portfolio.unresolved_feedback() == {
        candidate_id(window, name): 1 for name in DOSSIERS
    }
