"""Keyboard access on the Assessment and Certificates tabs: every button shows its action's
full text (its Alt+letter and the '…' that says a dialog follows), and no two controls of a
tab, nor a control and a menu of the menu bar, share an Alt+letter."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QToolButton

from ui.detail.assessment.tab import AssessmentTab
from ui.detail.certificates.tab import CertificatesTab
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
