"""The documents filed with an exemption request (added by dialog or by dropping files on
the box; opened with the system's viewer, saved as a copy, removed after a question) and
the decision letter (written with the faculty's decision, or again on demand)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)
from utq_desktop.errors import UtqError
from utq_desktop.services.dto import AttachedDocument
from utq_desktop.services.exemption_dto import CaseDocument, ExemptionCaseInfo

from ui.detail.exemption.models import DocumentModel
from ui.detail.intake.common import NOTE_STYLE, SectionBox, fit_rows
from ui.detail.intake.cv import size_text
from ui.messages import confirm

if TYPE_CHECKING:
    from ui.detail.exemption.tab import ExemptionTab

VISIBLE_ROWS = 5


def local_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The local files being dragged (nothing else is accepted)."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    paths = [url.toLocalFile() for url in data.urls() if url.isLocalFile()]
    return [path for path in paths if Path(path).is_file()]


class FileActions:
    """Open a stored file with the system's viewer, or save a copy where the user says."""

    def __init__(self, tab: ExemptionTab, widget: QWidget) -> None:
        self.tab, self.widget = tab, widget

    def open(self, document: AttachedDocument | CaseDocument, what: str) -> None:
        files = self.tab.services.files
        self.tab.runner.run(
            lambda: files.open_copy(document.sha256, document.name),
            lambda path: self._show(path, what),
            lambda error: self.tab.failed(what, error),
        )

    def _show(self, path: Path, what: str) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            message = self.widget.tr("No program is set up to open {path}.").format(path=path)
            self.tab.failed(what, UtqError(message))

    def save_copy(self, document: AttachedDocument | CaseDocument, title: str) -> None:
        target, _ = QFileDialog.getSaveFileName(self.widget, title, document.name)
        if target:
            self.save_to(document, target)

    def save_to(self, document: AttachedDocument | CaseDocument, target: str) -> None:
        files = self.tab.services.files
        self.tab.runner.run(
            lambda: files.export(document.sha256, Path(target)),
            lambda _none: self.tab.show_notice(
                self.widget.tr("Saved a copy as {path}.").format(path=target)
            ),
            lambda error: self.tab.failed(self.widget.tr("Could not save the copy"), error),
        )


class DocumentsSection(SectionBox):
    def __init__(self, tab: ExemptionTab, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Documents"), "exemptionDocuments", parent)
        self.tab = tab
        self.files = FileActions(tab, self)
        self.case: ExemptionCaseInfo | None = None
        self.setAcceptDrops(True)
        self.model = DocumentModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("exemptionDocumentTable")
        self.table.setAccessibleName(self.tr("Documents of the request"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.empty = QLabel(
            self.tr(
                "No documents yet: add the diploma, the reflection report, … or drop the "
                "files here."
            ),
            self,
        )
        self.empty.setObjectName("exemptionDocumentsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(NOTE_STYLE)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.add_button = self.action_button(
            "exemptionAddDocument", self.tr("Add &files…"), self._add
        )
        self.open_button = self.action_button("exemptionOpenDocument", self.tr("&Open"), self._open)
        self.save_button = self.action_button(
            "exemptionSaveDocument", self.tr("Save &copy…"), self._save
        )
        self.remove_button = self.action_button(
            "exemptionRemoveDocument", self.tr("Re&move…"), self._remove
        )
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_case(self, case: ExemptionCaseInfo) -> None:
        self.case = case
        self.model.set_rows(case.documents)
        count = len(case.documents)
        self.table.setVisible(count > 0)
        self.empty.setVisible(count == 0)
        fit_rows(self.table, min(max(count, 1), VISIBLE_ROWS))
        self._update_buttons()

    def selected(self) -> CaseDocument | None:
        if not self.table.selectionModel().hasSelection():
            return None
        return self.model.row_at(self.table.currentIndex().row())

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.add_button.setEnabled(self.case is not None)
        for button in (self.open_button, self.save_button, self.remove_button):
            button.setEnabled(chosen)

    # --- adding: by dialog or by dropping files ----------------------------------------

    def _add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add documents to the exemption request"),
            "",
            self.tr("Documents (*.pdf *.docx *.doc *.odt *.jpg *.png);;All files (*)"),
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Store ``paths`` with the case, one after the other, off the GUI thread."""
        case = self.case
        if case is None or not paths:
            return
        services, case_id, version = self.tab.services, case.id, case.row_version

        def add() -> int:
            current = version
            for path in paths:
                upload = services.files.read_upload(Path(path))
                current = services.exemption.add_document(case_id, upload, current)
            return len(paths)

        self.add_button.setEnabled(False)
        self.tab.runner.run(
            add,
            lambda count: self._added(count),
            lambda error: self._failed(error),
        )

    def _added(self, count: int) -> None:
        self.tab.show_notice(self.tr("Added %n document(s) to the request.", "", count))
        self.tab.saved()

    def _failed(self, error: Exception) -> None:
        self.tab.failed(self.tr("Could not add the document"), error)
        self.tab.saved()  # the files before the one that failed are stored

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.case is not None and local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event)
        if self.case is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    # --- one document ------------------------------------------------------------------

    def _open(self) -> None:
        document = self.selected()
        if document is not None:
            self.files.open(document, self.tr("Could not open the document"))

    def _save(self) -> None:
        document = self.selected()
        if document is not None:
            self.files.save_copy(document, self.tr("Save a copy of the document"))

    def _remove(self) -> None:
        case, document = self.case, self.selected()
        if case is None or document is None:
            return
        question = self.tr(
            "Remove '{name}' from the exemption request?\n\nThe removal is recorded in the "
            "timeline; add the file again to undo it."
        ).format(name=document.name)
        if not confirm(self, self.tr("Remove document"), question, self.tr("Remove")):
            return
        try:
            self.tab.services.exemption.remove_document(case.id, document.id, case.row_version)
        except UtqError as error:
            self.tab.failed(self.tr("Could not remove the document"), error)
            return
        self.tab.saved()


class LetterSection(SectionBox):
    """The decision letter: its file, and (again) writing, opening and saving it."""

    def __init__(self, tab: ExemptionTab, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Decision letter"), "exemptionLetter", parent)
        self.tab = tab
        self.files = FileActions(tab, self)
        self.case: ExemptionCaseInfo | None = None
        self.letter = self.value_label(self, "exemptionLetterName", self.tr("Decision letter"))
        self.letter.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.letter, 1)
        self.body.addLayout(row)
        self.generate_button = self.action_button(
            "exemptionGenerateLetter", self.tr("&Generate letter"), self._generate
        )
        self.open_button = self.action_button(
            "exemptionOpenLetter", self.tr("Open &letter"), self._open
        )
        self.save_button = self.action_button(
            "exemptionSaveLetter", self.tr("Save letter &as…"), self._save
        )

    def show_case(self, case: ExemptionCaseInfo) -> None:
        self.case = case
        decided = case.status.decided and case.decision is not None
        letter = case.letter
        if letter is not None:
            self.letter.setText(f"{letter.name} ({size_text(letter.size)})")
            self.letter.setStyleSheet("")
        elif decided:
            self.letter.setText(self.tr("Not written yet: Generate letter writes it."))
            self.letter.setStyleSheet(NOTE_STYLE)
        else:
            self.letter.setText(
                self.tr("Written when the faculty's decision is recorded, in {language}.").format(
                    language=self.tab.language_text()
                )
            )
            self.letter.setStyleSheet(NOTE_STYLE)
        self.generate_button.setEnabled(decided)
        self.generate_button.setText(
            self.tr("Re&generate letter") if letter else self.tr("&Generate letter")
        )
        self.open_button.setEnabled(letter is not None)
        self.save_button.setEnabled(letter is not None)

    def _generate(self) -> None:
        case = self.case
        if case is None:
            return
        exemption = self.tab.services.exemption
        self.generate_button.setEnabled(False)
        self.tab.runner.run(
            lambda: exemption.generate_letter(case.id),
            self._generated,
            lambda error: self._failed(error),
        )

    def _generated(self, letter: AttachedDocument) -> None:
        self.tab.show_notice(self.tr("Wrote the decision letter {name}.").format(name=letter.name))
        self.tab.saved()

    def _failed(self, error: Exception) -> None:
        self.generate_button.setEnabled(True)
        self.tab.failed(self.tr("Could not write the decision letter"), error)

    def _open(self) -> None:
        if self.case is not None and self.case.letter is not None:
            self.files.open(self.case.letter, self.tr("Could not open the decision letter"))

    def _save(self) -> None:
        if self.case is not None and self.case.letter is not None:
            self.files.save_copy(self.case.letter, self.tr("Save the decision letter"))
