"""The certificate register window, Verify code… (Ctrl+Shift+V) and the ceremony batch,
driven from the main window's View menu (journey 5)."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from certificate_data import record_result
from gui_helpers import type_text
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from ui.certificates.model import REGISTER_COLUMNS, CertificateTableModel
from ui.main_window import MainWindow
from utq_desktop.domain.certificates import CertificateStatus
from utq_desktop.services.app import Services

YEAR = date.today().year


def candidate_id(services: Services, number: str) -> int:
    return next(r.id for r in services.candidates.register() if r.staff_number == number)


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    """Siobhán and Nguyễn qualified this year; Siobhán already holds her certificate."""
    record_result(services, candidate_id(services, "0023456"), date(YEAR, 1, 9))
    record_result(services, candidate_id(services, "0034567"), date(YEAR, 1, 16))
    services.certificates.issue_utq(candidate_id(services, "0023456"))
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_register_window_filters_and_revokes(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    actions = window.certificate_actions
    assert actions.register_action in window.findChild(QWidget, "menuView").actions()
    actions.register_action.trigger()
    register = actions.register_window
    assert register is not None and register.isVisible()
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)
    assert register.model.index(0, 0).data() == "Siobhán van 't Hof"
    assert not register.revoke_action.isEnabled()  # nothing selected yet

    type_text(register.search, "nguyen")
    qtbot.waitUntil(lambda: register.model.rowCount() == 0)
    register.search.clear()
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)
    register.status.setCurrentIndex(register.status.findData(CertificateStatus.REVOKED))
    qtbot.waitUntil(lambda: register.model.rowCount() == 0)
    register.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)

    register.table.selectRow(0)
    assert register.revoke_action.isEnabled()

    def revoke(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.reason, "Wrong date")  # type: ignore[attr-defined]
        click(qtbot, dialog.revoke_button)  # type: ignore[attr-defined]

    on_modal(revoke)
    register.revoke_action.trigger()
    status_column = REGISTER_COLUMNS.index("status")
    qtbot.waitUntil(lambda: register.model.index(0, status_column).data() == "Revoked")
    assert not register.revoke_action.isEnabled()
    assert services.certificates.register()[0].revoke_reason == "Wrong date"


def test_verify_a_code_with_ctrl_shift_v(qtbot, window: MainWindow, services: Services, on_modal):
    certificate = services.certificates.register()[0]
    assert window.certificate_actions.verify_action.shortcut() == QKeySequence("Ctrl+Shift+V")
    seen: list[str] = []

    def verify(dialog: QWidget) -> None:
        assert not dialog.verify_button.isEnabled()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.code, "abc")  # type: ignore[attr-defined]
        click(qtbot, dialog.verify_button)  # type: ignore[attr-defined]
        seen.append(dialog.result.text())  # type: ignore[attr-defined]
        dialog.code.clear()  # type: ignore[attr-defined]
        typed = certificate.verification_code.lower().replace("-", " ")
        qtbot.keyClicks(dialog.code, typed)  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        seen.append(html.unescape(dialog.result.text()))  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]

    on_modal(verify)
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert "Not verified" in seen[0] and "3 characters" in seen[0]
    assert "Valid certificate" in seen[1] and "Siobhán van 't Hof" in seen[1]
    assert certificate.serial in seen[1]


def test_a_ceremony_batch_off_the_gui_thread(
    qtbot, window: MainWindow, services: Services, on_modal, tmp_path: Path
) -> None:
    folder = tmp_path / "ceremony"
    outcome: list[str] = []

    def run(dialog: QWidget) -> None:
        d = dialog
        qtbot.waitUntil(lambda: d.plan is not None)  # type: ignore[attr-defined]
        d.date_from.setDate(QDate(YEAR, 1, 1))  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: d.plan is not None and d.run_button.isEnabled())  # type: ignore[attr-defined]
        assert "Certificates to issue now: 1" in d.summary.text()  # type: ignore[attr-defined]
        d.output.folder.setText(str(folder))  # type: ignore[attr-defined]
        click(qtbot, d.output.combined)  # type: ignore[attr-defined]
        d.output.combined_path.setText(str(tmp_path / "print.pdf"))  # type: ignore[attr-defined]
        click(qtbot, d.run_button)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: d.result_ is not None, timeout=20_000)  # type: ignore[attr-defined]
        assert d.open_button.isVisible()  # type: ignore[attr-defined]
        outcome.append(d.outcome.text())  # type: ignore[attr-defined]
        click(qtbot, d.close_button)  # type: ignore[attr-defined]

    on_modal(run)
    window.certificate_actions.ceremony_action.trigger()
    qtbot.waitUntil(lambda: bool(outcome))
    assert "Wrote 2 certificate(s)" in outcome[0] and "issued for this batch: 1" in outcome[0]
    assert len(list(folder.glob("*.pdf"))) == 2
    assert (tmp_path / "print.pdf").exists()
    assert len(services.certificates.register()) == 2


def test_the_register_model(qtmodeltester, services: Services) -> None:
    record_result(services, candidate_id(services, "0012345"), date(YEAR, 1, 2))
    services.certificates.issue_utq(candidate_id(services, "0012345"))
    model = CertificateTableModel(REGISTER_COLUMNS)
    model.set_certificates(services.certificates.register())
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Ayşe Doğan"
    assert model.index(0, REGISTER_COLUMNS.index("staff_number")).data() == "0012345"
