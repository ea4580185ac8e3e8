"""The main window's exemption action (View menu): Exemption register… (Ctrl+Shift+E), a
window of every exemption request; choosing one there selects the candidate in the main
register and shows their Exemption tab. Kept apart from main_window.py, which only
creates this object and lists its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.exemption_register.window import ExemptionRegisterWindow

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ExemptionActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.register_window: ExemptionRegisterWindow | None = None
        self.register_action = QAction(self.tr("E&xemption register…"), window)
        self.register_action.setObjectName("actionExemptionRegister")
        self.register_action.setShortcut("Ctrl+Shift+E")
        self.register_action.triggered.connect(self.show_register)
        window.addAction(self.register_action)
        window.register.model.modelReset.connect(self.update)  # also after a database opens
        window.detail.candidate_changed.connect(self._candidate_changed)
        self.update()

    @property
    def actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.register_action]

    def update(self, *_args: object) -> None:
        """Enabled while a database is open; a register of another database closes."""
        services = self.window.context.services
        self.register_action.setEnabled(services is not None)
        if self.register_window is not None and self.register_window.services is not services:
            self.register_window.close()
            self.register_window.deleteLater()
            self.register_window = None

    def show_register(self) -> None:
        if self.register_window is None:
            register = ExemptionRegisterWindow(
                self.window.services, self.window.runner, self.window
            )
            register.candidate_activated.connect(self.show_candidate)
            self.register_window = register
        elif self.register_window.isVisible():
            self.register_window.reload()
            self.register_window.raise_()  # already open: bring it to the front
        else:
            self.register_window.reload()
        self.register_window.show()
        self.register_window.activateWindow()

    def show_candidate(self, candidate_id: int) -> None:
        """Select the candidate in the main register (clearing its filters if they hide
        them) and show their Exemption tab."""
        register = self.window.register
        if not register.select_candidate(candidate_id):
            register.search.clear()
            for combo in (register.faculty, register.status, register.intake, register.due):
                combo.setCurrentIndex(0)
            register.search.returnPressed.emit()  # apply now, not after the typing delay
            if not register.select_candidate(candidate_id):
                register.show_archived.setChecked(True)  # an archived candidate
                if not register.select_candidate(candidate_id):
                    return
        tabs = self.window.detail.tabs
        page = tabs.findChild(QWidget, "exemptionTab")
        if page is not None:
            tabs.setCurrentWidget(page)
        self.window.activateWindow()  # the register window may be in front

    def _candidate_changed(self, _candidate_id: int) -> None:
        """A case changed in the tab: the register window (if shown) follows."""
        if self.register_window is not None and self.register_window.isVisible():
            self.register_window.reload()
