"""What the main window's menu-action modules (route_actions.py, certificate_actions.py…)
share: actions that open a window or dialog and are enabled only while a database is open,
and the one non-modal register window such a module may keep (closed when the database it
belongs to is closed or another one opens)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from ui.register_window import RegisterWindow

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WindowActions(QObject):
    """Subclasses create their actions with ``_action`` and list them in ``actions``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @property
    def actions(self) -> list[QAction]:
        raise NotImplementedError

    def _action(
        self, name: str, text: str, slot: Callable[[], object], shortcut: str = ""
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def database_open(self) -> bool:
        return self.window.context.services is not None

    def _exec(self, dialog: QDialog) -> int:
        """Run a modal dialog that is deleted when it closes."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog.exec()


class RegisterActions(WindowActions):
    """Actions around one register window, made by ``_create_register`` on first use and
    reloaded when shown again."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.register_window: RegisterWindow | None = None

    def _create_register(self) -> RegisterWindow:
        raise NotImplementedError

    def _listen(self) -> None:
        """Call at the end of ``__init__``, once the actions exist."""
        self.window.register.model.modelReset.connect(self.update)  # also after a database opens
        self.update()

    def update(self, *_args: object) -> None:
        """Enabled while a database is open; a register of another database closes."""
        services = self.window.context.services
        for action in self.actions:
            action.setEnabled(services is not None)
        register = self.register_window
        if register is not None and register.services is not services:
            register.close()  # it belongs to the database that was open
            register.deleteLater()
            self.register_window = None

    def show_register(self) -> None:
        register = self.register_window
        if register is None:
            register = self.register_window = self._create_register()
        else:
            register.reload()
            if register.isVisible():
                register.raise_()  # already open: bring it to the front
        register.show()
        register.activateWindow()

    def register_visible(self) -> bool:
        return self.register_window is not None and self.register_window.isVisible()

    def reload_register(self, *_args: object) -> None:
        """Something changed elsewhere: the register window (if shown) follows."""
        if self.register_window is not None and self.register_window.isVisible():
            self.register_window.reload()
