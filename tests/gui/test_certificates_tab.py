"""The Certificates tab driven like a coordinator: the reason shown when no certificate may
be issued, issuing a UTQ certificate and one of participation, reissuing and revoking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from certificate_data import completed_activity, record_result
from gui_helpers import type_text
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from ui.certificates.model import CANDIDATE_COLUMNS, CertificateTableModel
from ui.detail.certificates.tab import CertificatesTab
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX
from utq_desktop.domain.certificates import CertificateStatus
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.services.app import Services

RESULT_DAY = date(2026, 5, 12)


def candidate_id(services: Services, number: str) -> int:
    return next(r.id for r in services.candidates.register() if r.staff_number == number)


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    record_result(services, candidate_id(services, "0023456"), RESULT_DAY)  # Siobhán
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def open_tab(qtbot, window: MainWindow, name: str) -> CertificatesTab:
    model = window.register.model
    names = [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]
    table = window.register.table
    rect = table.visualRect(model.index(names.index(name), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = next(page for page in window.detail.pages if isinstance(page, CertificatesTab))
    index = window.detail.tabs.indexOf(tab)
    assert window.detail.tabs.tabText(index) == "Certificates"
    bar = window.detail.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    wanted = window.register.selected_id()
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.candidate_id == wanted)
    return tab


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_reason_is_shown_when_no_certificate_may_be_issued(
    qtbot, window: MainWindow, services: Services
) -> None:
    tab = open_tab(qtbot, window, "Ayşe Doğan")
    assert not tab.issue_button.isEnabled()
    assert "no sufficient assessment result" in tab.utq_status.text()
    assert tab.issue_button.toolTip() == tab.utq_status.text()
    assert tab.empty.isVisible() and not tab.table.isVisible()
    assert not tab.participation_button.isEnabled()

    detail = services.candidates.detail(candidate_id(services, "0045678"))
    from dataclasses import replace

    services.candidates.update(
        detail.id, replace(detail.data, status=TrajectoryStatus.EXEMPTED), detail.row_version
    )
    tab = open_tab(qtbot, window, "Øyvind Ångström")
    assert not tab.issue_button.isEnabled()
    assert "exemption" in tab.utq_status.text()


def test_issue_reissue_and_revoke_through_the_tab(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    tab = open_tab(qtbot, window, "Siobhán van 't Hof")
    assert tab.issue_button.isEnabled() and "12-5-2026" in tab.utq_status.text()

    def issue(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and "dated 12-5-2026" in box.text()
        click(qtbot, next(b for b in box.buttons() if b.text() == "Issue"))

    on_modal(issue)
    click(qtbot, tab.issue_button)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    first = tab.selected_certificate()
    assert first is not None and first.serial.startswith("UTQ-") and first.valid
    assert first.serial in tab.notice.text()
    assert not tab.issue_button.isEnabled() and "already holds" in tab.utq_status.text()
    assert tab.model.index(0, CANDIDATE_COLUMNS.index("status")).data() == "Valid"

    def cancel_first(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and first.serial in box.text()
        click(qtbot, box.button(QMessageBox.StandardButton.Cancel))

    on_modal(cancel_first)
    tab.reissue_action.trigger()
    assert tab.model.rowCount() == 1  # cancelled: nothing changed

    def accept(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        reissue = next(b for b in box.buttons() if b.text() == "Reissue")
        click(qtbot, reissue)

    on_modal(accept)
    tab.reissue_action.trigger()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    new = tab.selected_certificate()
    assert new is not None and new.valid and new.serial != first.serial
    old = tab.model.certificate_at(tab.model.row_of(first.id) or 0)
    assert old is not None and old.status is CertificateStatus.REPLACED

    def revoke(dialog: QWidget) -> None:
        assert not dialog.revoke_button.isEnabled()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.reason, "Misprinted name")  # type: ignore[attr-defined]
        assert dialog.revoke_button.isEnabled()  # type: ignore[attr-defined]
        click(qtbot, dialog.revoke_button)  # type: ignore[attr-defined]

    on_modal(revoke)
    tab.revoke_action.trigger()
    qtbot.waitUntil(
        lambda: not any(tab.model.certificate_at(r).valid for r in range(tab.model.rowCount()))
    )
    revoked = services.certificates.get(new.id)
    assert revoked.status is CertificateStatus.REVOKED
    assert revoked.revoke_reason == "Misprinted name"
    assert not tab.revoke_action.isEnabled() and not tab.reissue_action.isEnabled()
    assert tab.issue_button.isEnabled()  # a new one may be issued deliberately


def test_a_participation_certificate_for_a_completed_activity(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    ayse = candidate_id(services, "0012345")
    completed_activity(services, ayse, "Teaching in practice", date(2026, 3, 2))
    completed_activity(services, ayse, "Designing education", date(2026, 4, 6))
    tab = open_tab(qtbot, window, "Ayşe Doğan")
    assert tab.participation_button.isEnabled()
    assert "2" in tab.participation_status.text()

    def pick_second(dialog: QWidget) -> None:
        items = dialog.list  # type: ignore[attr-defined]
        assert items.count() == 2 and "Teaching in practice" in items.item(0).text()
        items.setCurrentRow(1)
        click(qtbot, dialog.issue_button)  # type: ignore[attr-defined]

    on_modal(pick_second)
    click(qtbot, tab.participation_button)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    issued = tab.selected_certificate()
    assert issued is not None and issued.title == "Designing education"
    assert "Participation: Designing education" in tab.model.index(0, 0).data()
    assert "1" in tab.participation_status.text()


def test_the_certificate_model(qtmodeltester, services: Services) -> None:
    siobhan = candidate_id(services, "0023456")
    record_result(services, siobhan, RESULT_DAY)
    first = services.certificates.issue_utq(siobhan)
    services.certificates.reissue(first.id)
    model = CertificateTableModel()
    model.set_certificates(services.certificates.for_candidate(siobhan).certificates)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert (
        model.index(1, CANDIDATE_COLUMNS.index("status"))
        .data(Qt.ItemDataRole.ToolTipRole)
        .endswith(f"Replaced by {services.certificates.register()[0].serial}")
    )


def test_open_the_pdf_and_save_a_copy(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch
) -> None:
    services.certificates.issue_utq(candidate_id(services, "0023456"))
    tab = open_tab(qtbot, window, "Siobhán van 't Hof")
    assert tab.selected_certificate() is not None  # what she holds is selected
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    click(qtbot, tab.findChild(QWidget, "certificateOpenButton"))
    qtbot.waitUntil(lambda: bool(opened))
    path = Path(opened[0].toLocalFile())
    assert path.name.startswith("Siobhán van 't Hof - UTQ certificate - UTQ-")
    assert path.read_bytes().startswith(b"%PDF")

    target = tmp_path / "copy"  # .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.save_action.trigger()
    qtbot.waitUntil(lambda: "Saved" in tab.notice.text())
    assert (tmp_path / "copy.pdf").read_bytes() == path.read_bytes()


def test_signatories_and_logo_in_the_settings_dialog(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch, on_modal
) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), "#c8102e").save(logo)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    seen: list[str] = []

    def edit(dialog: QWidget) -> None:
        box = dialog.certificates  # type: ignore[attr-defined]
        assert box.roles[0].text() == "Dean" and "built-in" in box.logo_label.text()
        assert not box.builtin_button.isEnabled()
        type_text(box.names[0], "prof. dr. Çiğdem Öztürk")
        click(qtbot, box.choose_button)
        seen.append(box.logo_label.text())
        assert box.builtin_button.isEnabled() and box.preview.pixmap() is not None
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        click(qtbot, save)

    on_modal(edit)
    window.settings_action.trigger()
    assert "stored when you save" in seen[0]
    saved = services.settings.certificates()
    assert saved.signatories[0].name == "prof. dr. Çiğdem Öztürk"
    assert saved.logo_sha256 is not None

    def builtin(dialog: QWidget) -> None:
        box = dialog.certificates  # type: ignore[attr-defined]
        assert "institution's logo" in box.logo_label.text()
        click(qtbot, box.builtin_button)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        click(qtbot, save)

    on_modal(builtin)
    window.settings_action.trigger()
    assert services.settings.certificates().logo_sha256 is None
