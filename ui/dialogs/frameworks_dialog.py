"""Settings → Frameworks: the stored competence framework versions, with Import… (a JSON
or TOML file, validated before anything is stored; a code already stored becomes its next
version) and Export… (the same JSON format)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import UtqError
from utq_desktop.services.route_dto import FrameworkVersion

from ui.formatting import ALIGN_RIGHT
from ui.messages import error_text
from ui.qt_types import ModelIndex
from ui.row_table_model import RowTableModel

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services

HEADERS = ("Code", "Version", "Name", "Competences", "Criteria", "Candidates", "File")
NUMERIC = frozenset({1, 3, 4, 5})


class FrameworkListModel(RowTableModel[FrameworkVersion]):
    CONTEXT = "Frameworks"
    HEADERS = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_versions(self, rows: list[FrameworkVersion]) -> None:
        self.set_rows(rows)

    def version_at(self, row: int) -> FrameworkVersion | None:
        return self.row_at(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_in(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                row.code,
                str(row.version),
                row.name,
                str(row.competences),
                str(row.criteria),
                str(row.candidates),
                row.source,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{row.name}\n{row.name_nl}"
            if row.latest:
                tip += "\n" + QCoreApplication.translate(
                    "Frameworks", "The latest version: new candidates start on it."
                )
            return tip
        if role == Qt.ItemDataRole.FontRole and row.latest and column == 1:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return ALIGN_RIGHT
        return None


class FrameworksDialog(QDialog):
    """Lists the framework versions; imports and exports framework files."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frameworksDialog")
        self.setWindowTitle(self.tr("Competence frameworks"))
        self.services = services
        self.model = FrameworkListModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("frameworkTable")
        self.table.setAccessibleName(self.tr("Framework versions"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hint = QLabel(
            self.tr(
                "Frameworks are versioned: importing a framework whose code is already stored "
                "adds its next version. New candidates start on the latest version; candidates, "
                "self-diagnoses and routes keep the version they started with."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("frameworkMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setObjectName("frameworkImport")
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("frameworkExport")
        self.export_button.clicked.connect(self.export_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.reload()
        self.resize(760, 360)

    def reload(self, select: int | None = None) -> None:
        self.model.set_versions(self.services.frameworks.versions())
        row = self.model.row_of(select) if select is not None else 0
        if row is not None and self.model.rowCount():
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> FrameworkVersion | None:
        index = self.table.currentIndex()
        return self.model.version_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args: object) -> None:
        self.export_button.setEnabled(self.selected() is not None)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "")

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a competence framework"),
            "",
            self.tr("Framework files (*.json *.toml);;All files (*)"),
        )
        if not path:
            return
        try:
            version = self.services.frameworks.import_file(Path(path))
        except UtqError as error:
            self._say(
                self.tr("Not imported: {problem}").format(problem=error_text(error)), error=True
            )
            return
        self.reload(select=version.id)
        if version.version > 1:
            text = self.tr(
                "Imported {name} as version {version}. New candidates start on it; "
                "everyone on an earlier version keeps theirs."
            )
        else:
            text = self.tr("Imported {name} (version {version}).")
        self._say(text.format(name=version.name, version=version.version))

    def export_file(self) -> None:
        version = self.selected()
        if version is None:
            return
        suggested = f"{version.code}-v{version.version}.json"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export a competence framework"), suggested, self.tr("JSON (*.json)")
        )
        if not path:
            return
        try:
            self.services.frameworks.export_file(version.id, Path(path))
        except UtqError as error:
            self._say(error_text(error), error=True)
            return
        self._say(
            self.tr("Saved {name} version {version} to {path}.").format(
                name=version.name, version=version.version, path=path
            )
        )
