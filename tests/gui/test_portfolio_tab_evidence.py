"""The Portfolio tab's evidence, driven like a consultant would: add an item with its
criteria through the dialog, edit it and undo, attach files by dragging them from the file
manager (onto an item, onto the tab), refuse a file that is too large, open and save a
copy, remove an item and get it back (journey 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import activate, type_text
from portfolio_helpers import (
    add_item,
    candidate_id,
    drop_files,
    open_portfolio,
    reloaded,
    save,
    write,
)
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from ui.detail.portfolio.coverage_model import CRITERION_ROLE
from ui.detail.portfolio.evidence_model import FILES, SHOWS, TITLE
from ui.main_window import MainWindow
from utq_desktop.domain.portfolio import CriterionState, EvidenceKind
from utq_desktop.services.app import Services


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def titles(tab) -> list[str]:  # type: ignore[no-untyped-def]
    model = tab.evidence.model
    return [model.index(r, TITLE).data() for r in range(model.rowCount())]


def coverage_state(tab, code: str) -> CriterionState:  # type: ignore[no-untyped-def]
    index = tab.coverage.matrix.coverage.index_of(code)
    return index.data(CRITERION_ROLE).state


def test_add_an_item_with_criteria_through_the_dialog_then_undo_and_redo(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_portfolio(qtbot, window, "Ayşe Doğan")
    assert tab.evidence.model.rowCount() == 0
    assert coverage_state(tab, "C1.2") is CriterionState.NO_EVIDENCE
    seen: list[str] = []

    def fill(dialog) -> None:
        save(qtbot, dialog)  # without a title: refused, the dialog stays
        qtbot.waitUntil(lambda: dialog.error.isVisible())
        seen.append(dialog.error.text())
        assert dialog.isVisible() and dialog.focusWidget() is dialog.title
        dialog.kind.setCurrentIndex(dialog.kind.findData(EvidenceKind.STUDENT_EVALUATION.value))
        type_text(dialog.title, "Studentevaluatie Thermodynamica — Çalışma")
        type_text(dialog.description, "Evaluatie van 86 studenten, met mijn reactie.")
        picker = dialog.criteria
        item = picker.find("C1.2")
        picker.setFocus()
        picker.setCurrentIndex(item.index())
        qtbot.keyClick(picker, Qt.Key.Key_Space)  # tick the criterion with the keyboard
        save(qtbot, dialog)

    on_modal(fill)
    qtbot.mouseClick(tab.findChild(QWidget, "portfolioAddItemButton"), Qt.MouseButton.LeftButton)
    assert "Enter the title" in seen[0]
    reloaded(qtbot, tab, lambda d: len(d.items) == 1)
    (item,) = tab.dossier.items
    assert item.kind is EvidenceKind.STUDENT_EVALUATION
    assert item.data.criterion_codes == ("C1.2",)
    assert titles(tab) == ["Studentevaluatie Thermodynamica — Çalışma"]
    assert tab.evidence.model.index(0, SHOWS).data() == "C1.2"
    assert tab.evidence.selected() is not None  # the new item is selected
    assert coverage_state(tab, "C1.2") is CriterionState.IN_PROGRESS
    assert tab.sections.tabText(0) == "Evide&nce (1)"

    activate(qtbot, window)
    qtbot.keyClick(window.register.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    reloaded(qtbot, tab, lambda d: not d.items)
    assert coverage_state(tab, "C1.2") is CriterionState.NO_EVIDENCE
    window.redo_action.trigger()
    reloaded(qtbot, tab, lambda d: len(d.items) == 1)
    assert titles(tab) == ["Studentevaluatie Thermodynamica — Çalışma"]


def test_edit_an_item_then_undo_the_edit(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    cid = candidate_id(window, "Siobhán van 't Hof")
    add_item(services, cid, "Syllabus Strafrecht", criteria=("C1.1",))
    tab = open_portfolio(qtbot, window, "Siobhán van 't Hof")
    tab.evidence.select_item(tab.dossier.items[0].id)

    def edit(dialog) -> None:
        assert dialog.title.text() == "Syllabus Strafrecht"
        assert dialog.files is None  # an existing item's files are managed in the tab
        dialog.title.clear()
        qtbot.keyClicks(dialog.title, "Syllabus Strafrecht 2025")
        picker = dialog.criteria
        picker.find("C1.1").setCheckState(Qt.CheckState.Unchecked)
        picker.find("C2").setCheckState(Qt.CheckState.Checked)  # the competence as a whole
        save(qtbot, dialog)

    on_modal(edit)
    qtbot.keyClick(tab.evidence.table, Qt.Key.Key_Return)  # Enter opens the selected item
    reloaded(qtbot, tab, lambda d: d.items[0].title == "Syllabus Strafrecht 2025")
    assert tab.dossier.items[0].data.competence_codes == ("C2",)
    assert tab.evidence.model.index(0, SHOWS).data() == "C2"
    assert window.undo_stack.undoText() == "Edit 'Syllabus Strafrecht 2025'"

    window.undo_action.trigger()
    reloaded(qtbot, tab, lambda d: d.items[0].title == "Syllabus Strafrecht")
    assert tab.dossier.items[0].data.criterion_codes == ("C1.1",)


def test_drop_files_on_an_item_attaches_them_then_open_and_save_a_copy(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch
) -> None:
    cid = candidate_id(window, "Nguyễn Thảo")
    add_item(services, cid, "Toetsmatrijs", criteria=("C3.1",))
    add_item(services, cid, "Reflectie toetsing", kind=EvidenceKind.REFLECTION)
    tab = open_portfolio(qtbot, window, "Nguyễn Thảo")
    first = write(tmp_path, "Toetsmatrijs Nguyễn.pdf", b"%PDF-1.7 matrix")
    second = write(tmp_path, "Antwoordmodel.txt", b"answers")
    row = titles(tab).index("Toetsmatrijs")
    viewport = tab.evidence.table.viewport()
    position = tab.evidence.table.visualRect(tab.evidence.model.index(row, TITLE)).center()

    assert drop_files(viewport, [first, second], position)
    reloaded(qtbot, tab, lambda d: len(d.content.item(d.items[row].id).attachments) == 2)
    assert tab.evidence.model.index(titles(tab).index("Toetsmatrijs"), FILES).data() == "2"
    assert tab.evidence.selected().title == "Toetsmatrijs"
    files = tab.evidence.files
    assert sorted(files.model.index(r, 0).data() for r in range(2)) == [
        "Antwoordmodel.txt",
        "Toetsmatrijs Nguyễn.pdf",
    ]
    assert "Files attached: 2" in tab.notice.text()

    # open with the system viewer: a copy under its own name
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pdf_row = next(r for r in range(2) if files.model.index(r, 0).data().endswith(".pdf"))
    files.table.selectRow(pdf_row)
    qtbot.mouseClick(files.findChild(QWidget, "evidenceFilesOpenButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened))
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "Toetsmatrijs Nguyễn.pdf" and copy.read_bytes() == b"%PDF-1.7 matrix"

    target = tmp_path / "kopie.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(files.findChild(QWidget, "evidenceFilesSaveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes() == b"%PDF-1.7 matrix"

    # dropped on the list of files: attached to the selected item as well
    third = write(tmp_path, "Toelichting.txt", b"notes")
    assert drop_files(files.table.viewport(), [third])
    reloaded(qtbot, tab, lambda d: any(len(i.attachments) == 3 for i in d.items))


def test_files_dropped_on_the_tab_start_a_new_item(
    qtbot, window: MainWindow, tmp_path: Path, on_modal
) -> None:
    tab = open_portfolio(qtbot, window, "Øyvind Ångström")
    report = write(tmp_path, "Peer_feedback_Øyvind.pdf", b"%PDF-1.4 peer feedback")

    def fill(dialog) -> None:
        assert dialog.title.text() == "Peer feedback Øyvind"  # from the file name
        assert dialog.files.list_model.stringList() == ["Peer_feedback_Øyvind.pdf  (22 bytes)"]
        dialog.kind.setCurrentIndex(dialog.kind.findData(EvidenceKind.PEER_FEEDBACK.value))
        dialog.criteria.find("C2.2").setCheckState(Qt.CheckState.Checked)
        save(qtbot, dialog)

    on_modal(fill)
    assert drop_files(tab.summary, [report])  # not a list: the tab takes it
    reloaded(qtbot, tab, lambda d: len(d.items) == 1)
    (item,) = tab.dossier.items
    assert item.kind is EvidenceKind.PEER_FEEDBACK and item.title == "Peer feedback Øyvind"
    assert [a.name for a in item.attachments] == ["Peer_feedback_Øyvind.pdf"]


def test_a_file_that_is_too_large_or_a_folder_is_refused_with_a_message(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr("utq_desktop.services.files.MAX_FILE_BYTES", 1000)
    cid = candidate_id(window, "Ayşe Doğan")
    add_item(services, cid, "Collegeslides")
    tab = open_portfolio(qtbot, window, "Ayşe Doğan")
    tab.evidence.select_item(tab.dossier.items[0].id)
    big = write(tmp_path, "Hoorcollege opname.mp4", b"x" * 5000)

    assert drop_files(tab.evidence.files.table.viewport(), [big])
    qtbot.waitUntil(lambda: tab.findChild(QMessageBox, "errorMessage") is not None)
    box = tab.findChild(QMessageBox, "errorMessage")
    assert box.windowTitle() == "Cannot attach these files"
    assert box.text() == (
        "'Hoorcollege opname.mp4' is 5 kB; an attachment may be at most 1000 bytes. "
        "Attach a smaller or compressed version."
    )
    box.close()
    qtbot.waitUntil(lambda: tab.findChild(QMessageBox, "errorMessage") is None)

    assert drop_files(tab.evidence.files.table.viewport(), [tmp_path])
    qtbot.waitUntil(lambda: tab.findChild(QMessageBox, "errorMessage") is not None)
    box = tab.findChild(QMessageBox, "errorMessage")
    assert "is a folder; drop the files in it instead" in box.text()
    box.close()
    assert services.portfolio.dossier(cid).items[0].attachments == ()

    # a drag that carries no local files is not taken at all
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(
        tab.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(tab, enter)
    assert not enter.isAccepted()


def test_remove_an_item_asks_first_and_undo_brings_it_back_with_its_files(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, on_modal
) -> None:
    cid = candidate_id(window, "Ayşe Doğan")
    slides = write(tmp_path, "slides.pdf", b"%PDF slides")
    add_item(services, cid, "Collegeslides", criteria=("C2.1",), files=[slides])
    tab = open_portfolio(qtbot, window, "Ayşe Doğan")
    tab.evidence.select_item(tab.dossier.items[0].id)
    questions: list[str] = []

    def cancel(box: QMessageBox) -> None:
        questions.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    on_modal(cancel)
    qtbot.mouseClick(tab.findChild(QWidget, "portfolioRemoveItemButton"), Qt.MouseButton.LeftButton)
    assert "Remove 'Collegeslides' from Ayşe Doğan's dossier?" in questions[0]
    assert "its files: 1" in questions[0]
    assert len(services.portfolio.dossier(cid).items) == 1

    def accept(box: QMessageBox) -> None:
        next(b for b in box.findChildren(QPushButton) if b.text() == "Remove").click()

    on_modal(accept)
    qtbot.mouseClick(tab.findChild(QWidget, "portfolioRemoveItemButton"), Qt.MouseButton.LeftButton)
    reloaded(qtbot, tab, lambda d: not d.items)
    window.undo_action.trigger()
    reloaded(qtbot, tab, lambda d: len(d.items) == 1)
    assert [a.name for a in tab.dossier.items[0].attachments] == ["slides.pdf"]
    assert coverage_state(tab, "C2.1") is CriterionState.IN_PROGRESS
