"""Input widgets the item and observation dialogs share: which competences and criteria
an item shows (a tree of tick boxes), and the files to attach to a new item."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.portfolio_dto import CompetenceCoverage

from ui.detail.portfolio.file_drop import FileDrop, problem, refuse
from ui.detail.portfolio.texts import size_text

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "competence" or "criterion"


class CriteriaPicker(QTreeView):
    """Competences with their criteria, each a tick box. Ticking a competence means the
    item shows it as a whole; ``whole=False`` (observations) offers only criteria."""

    def __init__(
        self,
        competences: Sequence[CompetenceCoverage],
        parent: QWidget | None = None,
        *,
        whole: bool = True,
    ) -> None:
        super().__init__(parent)
        self.tree_model = QStandardItemModel(self)
        for competence in competences:
            label = f"{competence.code}  {competence.name}"
            if competence.recognised:
                label += "  " + self.tr("(recognised)")
            parent_item = QStandardItem(label)
            parent_item.setEditable(False)
            parent_item.setCheckable(whole)
            parent_item.setData(competence.code, CODE_ROLE)
            parent_item.setData("competence", KIND_ROLE)
            parent_item.setToolTip(competence.name)
            for criterion in competence.criteria:
                child = QStandardItem(f"{criterion.code}  {criterion.name}")
                child.setEditable(False)
                child.setCheckable(True)
                child.setData(criterion.code, CODE_ROLE)
                child.setData("criterion", KIND_ROLE)
                child.setToolTip(criterion.name)
                parent_item.appendRow(child)
            self.tree_model.appendRow(parent_item)
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.expandAll()
        self.setMinimumHeight(self.sizeHintForRow(0) * 8 + 6)

    def _items(self) -> list[QStandardItem]:
        items = []
        for row in range(self.tree_model.rowCount()):
            parent = self.tree_model.item(row)
            items.append(parent)
            items.extend(parent.child(r) for r in range(parent.rowCount()))
        return items

    def set_checked(self, competences: Sequence[str], criteria: Sequence[str]) -> None:
        wanted = {("competence", c) for c in competences} | {("criterion", c) for c in criteria}
        for item in self._items():
            if item.isCheckable():
                on = (item.data(KIND_ROLE), item.data(CODE_ROLE)) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self, kind: str) -> tuple[str, ...]:
        return tuple(
            item.data(CODE_ROLE)
            for item in self._items()
            if item.isCheckable()
            and item.data(KIND_ROLE) == kind
            and item.checkState() == Qt.CheckState.Checked
        )

    def find(self, code: str) -> QStandardItem | None:
        return next((i for i in self._items() if i.data(CODE_ROLE) == code), None)


class FilesField(QWidget):
    """Files to attach with a new item: chosen by dialog or dropped here."""

    def __init__(self, max_bytes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemFiles")
        self._max_bytes = max_bytes
        self._paths: list[Path] = []
        self.list_model = QStringListModel(self)
        self.view = QListView(self)
        self.view.setObjectName("itemFilesList")
        self.view.setAccessibleName(self.tr("Files to attach"))
        self.view.setModel(self.list_model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFixedHeight(self.view.fontMetrics().lineSpacing() * 4 + 8)
        self.view.setToolTip(self.tr("Drop files here, or use Add files…"))
        self.add_button = QPushButton(self.tr("Add &files…"), self)
        self.add_button.setObjectName("itemAddFiles")
        self.add_button.clicked.connect(self._choose)
        self.remove_button = QPushButton(self.tr("Remo&ve"), self)
        self.remove_button.setObjectName("itemRemoveFile")
        self.remove_button.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.drop = FileDrop(
            self.view.viewport(), lambda paths, _pos: self.add(paths), self.isEnabled
        )
        self._show()

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self._paths)

    def add(self, paths: Sequence[Path]) -> bool:
        message = problem(paths, self._max_bytes)
        if message is not None:
            refuse(self, message)
            return False
        self._paths += [p for p in paths if p not in self._paths]
        self._show()
        return True

    def _show(self) -> None:
        texts = []
        for path in self._paths:
            try:
                texts.append(f"{path.name}  ({size_text(path.stat().st_size)})")
            except OSError:
                texts.append(path.name)
        self.list_model.setStringList(texts)
        self.remove_button.setEnabled(bool(self._paths))

    def _choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if names:
            self.add([Path(n) for n in names])

    def _remove(self) -> None:
        row = self.view.currentIndex().row()
        if 0 <= row < len(self._paths):
            del self._paths[row]
        elif self._paths:
            self._paths.pop()
        self._show()
