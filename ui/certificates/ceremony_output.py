"""Where a ceremony batch goes: separate PDFs in a folder and/or one combined PDF, each
with a Browse… button; sensible defaults in the user's Documents folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


class CeremonyOutput(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        stamp = QDate.currentDate().toString("yyyy-MM-dd")
        self.separate = QCheckBox(self.tr("&Separate PDFs in the folder"), self)
        self.separate.setObjectName("ceremonySeparate")
        self.separate.setChecked(True)
        self.folder = QLineEdit(str(_documents() / f"UTQ certificates {stamp}"), self)
        self.folder.setObjectName("ceremonyFolder")
        self.folder.setAccessibleName(self.tr("Folder"))
        folder_button = QPushButton(self.tr("Bro&wse…"), self)
        folder_button.clicked.connect(self._choose_folder)
        self.combined = QCheckBox(self.tr("One &combined PDF for printing"), self)
        self.combined.setObjectName("ceremonyCombined")
        self.combined_path = QLineEdit(
            str(_documents() / f"UTQ certificates {stamp} (print).pdf"), self
        )
        self.combined_path.setObjectName("ceremonyCombinedPath")
        self.combined_path.setAccessibleName(self.tr("Combined PDF"))
        combined_button = QPushButton(self.tr("Brow&se…"), self)
        combined_button.clicked.connect(self._choose_combined)
        for box in (self.separate, self.combined):
            box.toggled.connect(self._changed)
        for edit in (self.folder, self.combined_path):
            edit.textChanged.connect(self._changed)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.separate, 0, 0)
        layout.addWidget(self.folder, 0, 1)
        layout.addWidget(folder_button, 0, 2)
        layout.addWidget(self.combined, 1, 0)
        layout.addWidget(self.combined_path, 1, 1)
        layout.addWidget(combined_button, 1, 2)
        layout.setColumnStretch(1, 1)
        self._changed()

    def target_folder(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text) if self.separate.isChecked() and text else None

    def target_combined(self) -> Path | None:
        text = self.combined_path.text().strip()
        return Path(text) if self.combined.isChecked() and text else None

    def has_output(self) -> bool:
        return self.target_folder() is not None or self.target_combined() is not None

    def lock(self, locked: bool) -> None:
        """No changes while a batch runs."""
        self.setEnabled(not locked)

    def _changed(self, *_args: object) -> None:
        self.folder.setEnabled(self.separate.isChecked())
        self.combined_path.setEnabled(self.combined.isChecked())
        self.changed.emit()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the certificates"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)
            self.separate.setChecked(True)

    def _choose_combined(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Combined PDF"), self.combined_path.text(), self.tr("PDF (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.combined_path.setText(path)
            self.combined.setChecked(True)
