"""Keyboard access on the Assessment, Certificates and Portfolio tabs: every button shows
its action's full text (its Alt+letter and the '…' that says a dialog follows), and no two
controls of a tab (of a Portfolio page), nor a control and a menu of the menu bar, share an
Alt+letter."""

from __future__ import annotations

import re

import pytest
from gui_helpers import activate
from portfolio_helpers import open_portfolio
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QTabWidget, QToolButton, QWidget

from ui.detail.assessment.tab import AssessmentTab
from ui.detail.certificates.tab import CertificatesTab
from ui.detail.portfolio.tab import PortfolioTab
from ui.main_window import MainWindow
from utq_desktop.services.app import Services


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


@pytest.mark.parametrize("kind", [AssessmentTab, CertificatesTab])
def test_each_alt_letter_is_taken_once(
    qtbot, services: Services, isolated_settings: QSettings, kind: type
) -> None:
    window = MainWindow(services, isolated_settings)
    qtbot.addWidget(window)
    tab = next(page for page in window.detail.pages if isinstance(page, kind))
    menus = {mnemonic(a.text()) for a in window.menuBar().actions()}
    texts = [b.text() for b in tab.findChildren(QAbstractButton)]
    texts += [label.text() for label in tab.findChildren(QLabel) if label.buddy() is not None]
    letters = [m for m in map(mnemonic, texts) if m]
    assert len(letters) == len(set(letters)), sorted(texts)
    assert not set(letters) & menus, sorted(texts)
    for button in tab.findChildren(QToolButton):
        action = button.defaultAction()
        if action is not None:
            assert button.text() == action.text()


def test_a_tool_button_keeps_its_full_text_and_follows_the_action(
    qtbot, services: Services, isolated_settings: QSettings
) -> None:
    window = MainWindow(services, isolated_settings)
    qtbot.addWidget(window)
    tab = next(page for page in window.detail.pages if isinstance(page, AssessmentTab))
    button = tab.findChild(QToolButton, "assessmentResultButton")
    assert button.text() == "Record &result…"
    tab.result_action.setText("Record &result again…")
    assert button.text() == "Record &result again…"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus


def _visible_buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def _pages(tab: PortfolioTab) -> list[tuple[QTabWidget, int]]:
    """Every (tab widget, index) of the Portfolio tab: its sections and their inner pages."""
    found = [(tab.sections, i) for i in range(tab.sections.count())]
    for section in range(tab.sections.count()):
        for inner in tab.sections.widget(section).findChildren(QTabWidget):
            found += [(inner, i) for i in range(inner.count())]
    return found


def test_portfolio_pages_have_distinct_alt_letters_and_dialog_buttons_say_so(
    qtbot, services: Services, isolated_settings: QSettings
) -> None:
    """On every page of the Portfolio tab (with its inner pages): no two visible buttons
    share an Alt+letter, none takes a menu's, nor does a page's name; buttons that open a
    dialog end with '…' and show the action's full text."""
    window = MainWindow(services, isolated_settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.register_loaded, timeout=5000):
        window.reload_register()
    tab = open_portfolio(qtbot, window, "Ayşe Doğan")
    menus = {mnemonic(a.text()) for a in window.menuBar().actions()}
    checked = 0
    seen: set[str] = set()
    for widget, index in _pages(tab):
        if widget is not tab.sections:
            tab.sections.setCurrentWidget(
                next(
                    tab.sections.widget(i)
                    for i in range(tab.sections.count())
                    if tab.sections.widget(i).isAncestorOf(widget)
                )
            )
        widget.setCurrentIndex(index)
        buttons = _visible_buttons(tab)
        texts = sorted(b.text() for b in buttons)
        letters = [m for m in map(mnemonic, texts) if m]
        assert len(letters) == len(set(letters)), texts
        assert not set(letters) & menus, texts
        names = [
            bar.tabText(i)
            for bar in tab.findChildren(QTabBar)
            if bar.isVisible()
            for i in range(bar.count())
        ]
        assert not {mnemonic(n) for n in names} & menus, names
        for button in buttons:
            if not button.text():  # a tab bar's scroll arrow
                continue
            assert mnemonic(button.text()), f"{button.objectName()} has no Alt+letter"
            action = button.defaultAction() if isinstance(button, QToolButton) else None
            if action is not None:
                assert button.text() == action.text()
            seen.add(button.objectName())
            if button.objectName() in DIALOG_BUTTONS:
                assert button.text().endswith("…"), button.text()
        checked += 1
    assert checked == 9  # five sections, two inner pages each on Evidence and Coverage
    assert seen >= DIALOG_BUTTONS, DIALOG_BUTTONS - seen
    # and the letters work: Alt+B shows the Feedback page, Alt+Y ticks its check box,
    # Alt+N goes back to the Evidence
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert tab.sections.currentWidget() is tab.feedback
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(tab.feedback.unresolved_only.isChecked)  # an animated click
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert tab.sections.currentWidget() is tab.evidence


# the Portfolio tab's buttons that open a dialog (a form, a file chooser, a confirmation)
DIALOG_BUTTONS = {
    "portfolioSubmitButton",
    "portfolioAddItemButton",
    "portfolioEditItemButton",
    "portfolioRemoveItemButton",
    "portfolioAddObservationButton",
    "portfolioEditObservationButton",
    "portfolioRemoveObservationButton",
    "evidenceFilesAttachButton",
    "evidenceFilesSaveButton",
    "evidenceFilesRemoveButton",
    "observationFilesAttachButton",
    "observationFilesSaveButton",
    "observationFilesRemoveButton",
    "evidenceFeedbackAddButton",
    "evidenceFeedbackEditButton",
    "evidenceFeedbackRemoveButton",
    "competenceFeedbackAddButton",
    "competenceFeedbackEditButton",
    "competenceFeedbackRemoveButton",
    "dossierFeedbackAddButton",
    "dossierFeedbackEditButton",
    "dossierFeedbackRemoveButton",
    "snapshotExportPdfButton",
    "snapshotExportZipButton",
}


def test_a_portfolio_button_follows_its_action(
    qtbot, services: Services, isolated_settings: QSettings
) -> None:
    window = MainWindow(services, isolated_settings)
    qtbot.addWidget(window)
    tab = next(page for page in window.detail.pages if isinstance(page, PortfolioTab))
    button = tab.findChild(QToolButton, "dossierFeedbackResolveButton")
    assert button.text() == "Reso&lve"
    tab.feedback.resolve_action.setText("Reo&pen")
    assert button.text() == "Reo&pen"
    assert tab.findChild(QToolButton, "portfolioAddItemButton").text() == "&Add item…"
