"""File → Import staff list… and File → Export overview…, driven through the real window."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from staff_workbooks import journey_list, write_workbook

from ui.dialogs.import_dialog import FILE, MAPPING, PREVIEW, ImportDialog
from ui.dialogs.import_preview import DETAILS, PreviewModel
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.services.app import Services


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def names(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]


def test_the_hr_list_walked_through_the_import_dialog(qtbot, window, tmp_path, on_modal):
    """Scenario 1: the problems named by row, the valid rows imported, the register shows
    the new staff and their deadlines."""
    workbook = journey_list(tmp_path / "nieuw.xlsx", date.today())
    seen: dict[str, object] = {}

    def walk(dialog: ImportDialog) -> None:
        assert dialog.pages.currentIndex() == FILE
        assert not dialog.next_button.isEnabled()
        dialog.path.setText(str(workbook))
        click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == MAPPING, timeout=10_000)
        assert "sheet 'Nieuwe medewerkers'" in dialog.mapping_page.intro.text()
        assert "on row 3" in dialog.mapping_page.intro.text()
        assert dialog.mapping_page.combos[0].currentData() == "staff_number"
        assert dialog.mapping_page.combos[10].currentData() == "employment_start"
        assert dialog.mapping_page.combos[11].currentData() is None  # Kostenplaats: ignored

        click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW, timeout=10_000)
        model = dialog.model
        seen["summary"] = dialog.summary.text()
        rejected = {
            model.index(r, 0).data(): model.index(r, DETAILS).data()
            for r in range(model.rowCount())
            if model.index(r, 1).data() == "Rejected"
        }
        seen["rejected"] = rejected
        row_33 = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "33")
        seen["background"] = model.index(row_33, 3).data(Qt.ItemDataRole.BackgroundRole)
        seen["tooltip"] = model.index(row_33, 3).data(Qt.ItemDataRole.ToolTipRole)
        assert not dialog.import_button.isEnabled()  # rows rejected: nothing to import yet
        dialog.only_rejected.setChecked(True)
        assert model.rowCount() == 3
        dialog.skip_invalid.setChecked(True)
        click(qtbot, dialog.import_button)

    on_modal(walk)
    with qtbot.waitSignal(window.register_loaded, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    summary = str(seen["summary"])
    assert "<b>37</b> new" in summary and "<b>3</b> rejected" in summary
    assert "L (Kostenplaats)" in summary
    rejected = seen["rejected"]
    assert isinstance(rejected, dict) and sorted(rejected) == ["12", "27", "33"]
    assert "appears 2 times in the file (rows 12, 27)" in rejected["12"]
    assert rejected["33"] == (
        "K (Datum in dienst): '1 september 2025' is not a date; write it as d-m-yyyy "
        "(1-9-2025) or yyyy-mm-dd."
    )
    assert seen["background"] is not None
    assert "1 september 2025" in str(seen["tooltip"])
    assert window.register.model.total() == 4 + 37
    assert "Ayşe Doğan" in names(window)
    assert "nieuw.xlsx: 37 new, 0 updated, 3 rejected" in window.statusBar().currentMessage()
    due = window.register.due
    due.setCurrentIndex(due.findText("Due within 6 months"))
    assert len(names(window)) >= 7  # those who started nearly three years ago


def test_a_renamed_pdf_gets_one_clear_message(qtbot, window, tmp_path, on_modal) -> None:
    fake = tmp_path / "lijst.xlsx"
    fake.write_bytes(b"%PDF-1.7\n1 0 obj\n")
    seen: list[str] = []

    def walk(dialog: ImportDialog) -> None:
        dialog.path.setText(str(fake))
        click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: bool(dialog.findChildren(QMessageBox)), timeout=10_000)
        box = dialog.findChildren(QMessageBox)[0]
        seen.append(box.text())
        box.accept()
        assert dialog.pages.currentIndex() == FILE
        assert dialog.next_button.isEnabled()
        dialog.reject()

    on_modal(walk)
    window.transfer.import_action.trigger()
    assert seen == ["'lijst.xlsx' is a PDF document, not an Excel workbook."]
    assert window.register.model.total() == 4


def test_correcting_the_mapping_and_cancelling(qtbot, window, tmp_path, on_modal) -> None:
    path = write_workbook(
        tmp_path / "odd.xlsx",
        [["Nummer", "Voornaam", "Achternaam"], ["0077001", "Bo", "Kaya"]],
    )
    seen: list[str] = []

    def slow_plan(sheet, mapping, progress):
        for step in range(1000):
            progress(step, 1000)
            time.sleep(0.01)
        raise AssertionError("not cancelled")

    def walk(dialog: ImportDialog) -> None:
        dialog.path.setText(str(path))
        click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == MAPPING, timeout=10_000)
        click(qtbot, dialog.next_button)
        seen.append(dialog.mapping_page.error.text())
        assert dialog.pages.currentIndex() == MAPPING
        combo = dialog.mapping_page.combos[0]
        combo.setCurrentIndex(combo.findData("staff_number"))
        real_plan = window.services.staff_import.plan
        window.services.staff_import.plan = slow_plan  # type: ignore[method-assign]
        try:
            click(qtbot, dialog.next_button)
            qtbot.waitUntil(lambda: dialog.progress_bar.value() > 5, timeout=10_000)
            assert not dialog.next_button.isEnabled()
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
            with qtbot.waitSignal(dialog.work_finished, timeout=10_000):
                pass
        finally:
            window.services.staff_import.plan = real_plan  # type: ignore[method-assign]
        seen.append(dialog.status.text())
        assert dialog.isVisible() and dialog.pages.currentIndex() == MAPPING
        click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW, timeout=10_000)
        seen.append(dialog.summary.text())
        click(qtbot, dialog.import_button)

    on_modal(walk)
    with qtbot.waitSignal(window.register_loaded, timeout=20_000):
        window.transfer.import_action.trigger()
    assert seen[0] == "No column is read as Staff number; choose the column that holds it."
    assert seen[1] == "Cancelled; nothing was changed."
    assert "<b>1</b> new" in seen[2]
    assert "Bo Kaya" in names(window)


def test_cancelling_the_import_writes_nothing(qtbot, window, tmp_path, on_modal) -> None:
    workbook = journey_list(tmp_path / "nieuw.xlsx", date.today())
    service = window.services.staff_import
    real_apply = service.apply
    seen: list[str] = []

    def held_apply(sheet, mapping, *, skip_invalid, progress):
        def wait_for_cancel(done: int, total: int) -> None:
            while not progress.cancelled:  # hold the import (inside its transaction)
                time.sleep(0.01)
            progress(done, total)  # raises: the transaction rolls back

        return real_apply(sheet, mapping, skip_invalid=skip_invalid, progress=wait_for_cancel)

    def walk(dialog: ImportDialog) -> None:
        dialog.path.setText(str(workbook))
        click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == MAPPING, timeout=10_000)
        click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW, timeout=10_000)
        dialog.skip_invalid.setChecked(True)
        service.apply = held_apply  # type: ignore[method-assign]
        try:
            click(qtbot, dialog.import_button)
            qtbot.waitUntil(lambda: not dialog.import_button.isEnabled(), timeout=5000)
            with qtbot.waitSignal(dialog.work_finished, timeout=10_000):
                qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        finally:
            service.apply = real_apply  # type: ignore[method-assign]
        seen.append(dialog.status.text())
        assert dialog.isVisible() and dialog.pages.currentIndex() == PREVIEW
        dialog.reject()

    on_modal(walk)
    window.transfer.import_action.trigger()
    assert seen == ["Cancelled; nothing was changed."]
    assert window.services.candidates.count() == 4


def test_export_overview_from_the_window(qtbot, window, tmp_path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "overzicht"
    window.transfer.export_to(str(target))
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10_000)
    assert window.statusBar().currentMessage() == "Exported 4 candidates to overzicht.xlsx."
    rows = list(load_workbook(tmp_path / "overzicht.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 5
    assert window.transfer.progress_dialog is None


def test_the_preview_model_is_a_sound_qt_model(qtmodeltester, services, tmp_path) -> None:
    sheet_path = journey_list(tmp_path / "hr.xlsx", date.today())
    from utq_desktop.documents.staff_list import read_staff_list

    plan = services.staff_import.plan(read_staff_list(sheet_path))
    model = PreviewModel()
    model.set_rows(plan.rows)
    qtmodeltester.check(model)
    model.set_only_rejected(True)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
