"""The shell of the non-modal register windows opened from the View menu (assessments,
certificates, exemptions): a resizable dialog of one database's services, reloaded with
F5, around a read-only table of one selected row at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDialog, QTableView, QWidget

from ui.workers import TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services


class RegisterWindow(QDialog):
    """``services`` tells the main window which database the register shows; ``runner``
    is the main window's, so database work stays on one worker thread."""

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        parent: QWidget | None,
        name: str,
        title: str,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.services = services
        self.runner = runner
        refresh = QAction(self.tr("Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.reload)
        self.addAction(refresh)

    def reload(self) -> None:
        raise NotImplementedError

    def _table(self, name: str, accessible_name: str, model: QAbstractItemModel) -> QTableView:
        """A read-only table that selects one whole row."""
        table = QTableView(self)
        table.setObjectName(name)
        table.setAccessibleName(accessible_name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        return table
