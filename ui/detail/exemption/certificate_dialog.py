"""The dialog of a partial certificate: the university and the day it was obtained, the
competences it covers, its document (chosen here, read and stored on Save) and notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QWidget,
)
from utq_desktop.services.exemption_dto import PartialCertificateInput
from utq_desktop.services.route_dto import CompetenceChoice

from ui.detail.exemption.dialogs import names_combo, text_box
from ui.detail.route.dialogs import FormDialog, date_edit, from_qdate, to_qdate

# universities whose partial certificates are met most; any other can be typed
UNIVERSITIES = (
    "Erasmus Universiteit Rotterdam",
    "Radboud Universiteit",
    "Rijksuniversiteit Groningen",
    "Technische Universiteit Delft",
    "Technische Universiteit Eindhoven",
    "Tilburg University",
    "Universiteit Leiden",
    "Universiteit Maastricht",
    "Universiteit Twente",
    "Universiteit Utrecht",
    "Universiteit van Amsterdam",
    "Vrije Universiteit Amsterdam",
    "Wageningen University & Research",
)


class CertificateDialog(FormDialog):
    """A partial certificate: where and when it was obtained, the competences it covers,
    its document (chosen here; read and stored on Save) and notes."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        competences: Sequence[CompetenceChoice],
        initial: PartialCertificateInput,
        document: str,
        today: date,
        save: Callable[[PartialCertificateInput], None],
    ) -> None:
        super().__init__(parent, "partialCertificateDialog", title)
        self._save_value = save
        self.institution = names_combo(self, "institution", self.tr("University"), UNIVERSITIES)
        self.institution.setCurrentText(initial.institution)
        self.obtained_on = date_edit(self, "obtained_on", self.tr("Obtained on"), False)
        self.obtained_on.setMaximumDate(to_qdate(today))
        self.obtained_on.setDate(to_qdate(initial.obtained_on or today))
        self.competence_model = QStandardItemModel(self)
        for choice in competences:
            item = QStandardItem(f"{choice.code}  {choice.name}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(choice.id, Qt.ItemDataRole.UserRole)
            checked = choice.id in initial.competence_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.competence_model.appendRow(item)
        self.competences = QListView(self)
        self.competences.setObjectName("competences")
        self.competences.setAccessibleName(self.tr("Competences it covers"))
        self.competences.setModel(self.competence_model)
        self.competences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = max(3, min(6, len(competences)))
        self.competences.setFixedHeight(self.competences.sizeHintForRow(0) * rows + 6)
        self.document_path = ""  # a new file chosen; read on Save
        self.remove_document = False
        self._document = document
        self.document = QLabel(self)
        self.document.setObjectName("certificateDocument")
        self.document.setWordWrap(True)
        self.choose = QToolButton(self)
        self.choose.setObjectName("chooseDocument")
        self.choose.setText(self.tr("C&hoose…"))
        self.choose.clicked.connect(self._choose)
        self.drop = QToolButton(self)
        self.drop.setObjectName("dropDocument")
        self.drop.setText(self.tr("Re&move"))
        self.drop.clicked.connect(self._drop)
        document_row = QHBoxLayout()
        document_row.addWidget(self.document, 1)
        document_row.addWidget(self.choose)
        document_row.addWidget(self.drop)
        self.notes = text_box(self, "notes", self.tr("Notes"), 3)
        self.notes.setPlainText(initial.notes)
        self.form.addRow(self.tr("&University:"), self.institution)
        self.form.addRow(self.tr("&Obtained on:"), self.obtained_on)
        covers = QLabel(self.tr("&Covers:"), self)
        covers.setBuddy(self.competences)
        self.form.addRow(covers, self.competences)
        self.form.addRow(self.tr("Document:"), document_row)
        self.form.addRow(self.tr("&Notes:"), self.notes)
        self._fields = {
            "institution": self.institution,
            "obtained_on": self.obtained_on,
            "competences": self.competences,
            "notes": self.notes,
        }
        self._show_document()
        self.setMinimumWidth(560)

    def choose_file(self, path: str) -> None:
        """Take ``path`` as the certificate's document (also what the file dialog does)."""
        self.document_path, self.remove_document = path, False
        self._show_document()

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The partial certificate"),
            "",
            self.tr("Documents (*.pdf *.jpg *.png *.docx);;All files (*)"),
        )
        if path:
            self.choose_file(path)

    def _drop(self) -> None:
        self.document_path, self.remove_document = "", bool(self._document)
        self._show_document()

    def _show_document(self) -> None:
        if self.document_path:
            text = self.tr("{name} (stored on Save)").format(name=Path(self.document_path).name)
        elif self._document and not self.remove_document:
            text = self._document
        else:
            text = self.tr("none")
        self.document.setText(text)
        self.drop.setEnabled(
            bool(self.document_path) or (bool(self._document) and not self.remove_document)
        )

    def checked(self) -> tuple[int, ...]:
        model = self.competence_model
        return tuple(
            int(model.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(model.rowCount())
            if model.item(row).checkState() == Qt.CheckState.Checked
        )

    def _value(self) -> PartialCertificateInput:
        return PartialCertificateInput(
            institution=self.institution.currentText(),
            obtained_on=from_qdate(self.obtained_on.date()),
            competence_ids=self.checked(),
            notes=self.notes.toPlainText(),
        )

    def _store(self, value: PartialCertificateInput) -> None:
        self._save_value(value)
