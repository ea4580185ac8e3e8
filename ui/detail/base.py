"""What every candidate tab is given and what it must offer.

A tab module defines a DetailTab subclass and adds its class to TABS in registry.py; the
main window and the other tabs need no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QToolButton, QWidget

from ui.workers import TaskRunner

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services


@dataclass
class TabContext:
    services: Services | None  # None until the database has opened
    runner: TaskRunner
    undo_stack: QUndoStack
    candidate_actions: list[QAction]  # edit, archive, restore: for tabs to offer as buttons


class DetailTab(QWidget):
    """A page about the selected candidate.

    ``load(candidate_id)`` is called only while the tab is visible, and again when it becomes
    visible after the candidate changed. A tab that changes the candidate emits
    ``candidate_changed`` so the register row and the other tabs refresh.
    """

    candidate_changed = Signal(int)

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    @property
    def services(self) -> Services:
        services = self.context.services
        if services is None:
            raise RuntimeError("no database is open yet")
        return services

    def title(self) -> str:
        raise NotImplementedError

    def load(self, candidate_id: int) -> None:
        raise NotImplementedError

    def _action(self, name: str, text: str, slot: object) -> QAction:
        """An action of this tab (its shortcut works while the tab has focus)."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        """A text-only tool button for ``action``, named after it."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setObjectName(f"{action.objectName()}Button")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # a tool button shows the action's iconText, which drops the '&' and the '…': keep
        # the full text, so Alt+letter presses it and '…' says a dialog follows
        action.changed.connect(lambda: button.setText(action.text()))
        button.setText(action.text())
        return button
