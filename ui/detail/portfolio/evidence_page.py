"""The Evidence page: the items (filter, sort, add, edit, remove), and below them the files
and the feedback of the selected item. Files dropped on an item's line are attached to it;
dropped elsewhere on the list they start a new item."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.portfolio_dto import DossierView, EvidenceItem

from ui.detail.portfolio.attachments_panel import AttachmentsPanel
from ui.detail.portfolio.evidence_model import DATE, FILES, KIND, SHOWS, TITLE, EvidenceModel
from ui.detail.portfolio.feedback_panel import FeedbackPanel
from ui.detail.portfolio.file_drop import FileDrop
from ui.detail.portfolio.panels import (
    NOTE_STYLE,
    ElidedLabel,
    make_action,
    make_table,
    set_widths,
    tool_button,
)

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class EvidencePage(QWidget):
    def __init__(self, tab: PortfolioTab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioEvidencePage")
        self.tab = tab
        self._candidate_id = 0  # whose dossier is shown
        self.search = QLineEdit(self)
        self.search.setObjectName("evidenceSearch")
        self.search.setPlaceholderText(self.tr("Search titles, descriptions, file names"))
        self.search.setAccessibleName(self.tr("Search evidence"))
        self.search.setClearButtonEnabled(True)
        self.search.setAcceptDrops(False)  # dropped files make an item, not a search text
        self.search.textChanged.connect(lambda _text: self._filter())
        self.competence = QComboBox(self)
        self.competence.setObjectName("evidenceCompetence")
        self.competence.setAccessibleName(self.tr("Show evidence for"))
        self.competence.currentIndexChanged.connect(lambda _index: self._filter())
        self.add_action = make_action(
            self, "portfolioAddItem", self.tr("&Add item…"), lambda: tab.items.add_item()
        )
        self.add_action.setShortcut("Ctrl+Shift+D")  # while the Evidence page shows
        self.edit_action = make_action(self, "portfolioEditItem", self.tr("Ed&it…"), self.edit)
        self.remove_action = make_action(
            self, "portfolioRemoveItem", self.tr("&Remove…"), self.remove
        )
        self.model = EvidenceModel(self)
        self.table = make_table(self, "portfolioEvidence", self.tr("Evidence items"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)  # sorted on click, but not on load
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)  # as given: newest first
        header.sortIndicatorChanged.connect(self.model.sort)
        set_widths(
            self.table,
            {DATE: "28-12-2024", KIND: "Course material", SHOWS: "C1.1, C1", FILES: "99"},
            TITLE,
        )
        header.setMinimumSectionSize(40)
        self.table.activated.connect(lambda _index: self.edit())  # Enter, double-click
        self.table.addActions([self.edit_action, self.remove_action])
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.drop = FileDrop(self.table.viewport(), self._dropped, lambda: tab.dossier is not None)
        self.count = QLabel(self)
        self.count.setObjectName("evidenceCount")
        self.count.setStyleSheet(NOTE_STYLE)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.competence, 1)
        buttons = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.remove_action):
            buttons.addWidget(tool_button(self, action))
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        self.description = ElidedLabel(self)
        self.description.setObjectName("evidenceDescription")
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setStyleSheet(NOTE_STYLE)
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addWidget(self.table, 1)
        column.addWidget(self.description)
        column.addLayout(buttons)

        # the selected item's files and feedback, one page each (room for both lists)
        self.files = AttachmentsPanel(tab, "evidenceFiles", embedded=True)
        self.feedback = FeedbackPanel(tab, "evidenceFeedback", everything=False, embedded=True)
        self.detail = QTabWidget(self)
        self.detail.setObjectName("evidenceDetail")
        self.detail.setDocumentMode(True)
        self.detail.addTab(self.files, "")
        self.detail.addTab(self.feedback, "")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("evidenceSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._update()

    # --- filling ----------------------------------------------------------------------------

    def show_dossier(self, dossier: DossierView | None, select: int = 0) -> None:
        keep = select or (self.selected().id if self.selected() else 0)
        if dossier is not None and dossier.candidate_id != self._candidate_id:
            # another candidate's dossier: a search for the last one's item would hide
            # all of theirs (the competence filter stays: it means the same in every one)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self._candidate_id = dossier.candidate_id
        self._fill_competences(dossier)
        self.model.set_rows(dossier.items if dossier else ())
        self._count()
        if not (keep and self.select_item(keep)) and self.model.rowCount():
            self.select_item(self.model.row_at(0).id)  # the newest: its files show at once
        self._selected()

    def _fill_competences(self, dossier: DossierView | None) -> None:
        current = self.competence.currentData()
        self.competence.blockSignals(True)
        self.competence.clear()
        self.competence.addItem(self.tr("All competences"), "")
        for competence in dossier.competences if dossier else ():
            self.competence.addItem(f"{competence.code} {competence.name}", competence.code)
        self.competence.setCurrentIndex(max(0, self.competence.findData(current or "")))
        self.competence.blockSignals(False)
        self.model.set_filter(self.search.text(), self.competence.currentData() or "")

    def _filter(self) -> None:
        selected = self.selected()
        self.model.set_filter(self.search.text(), self.competence.currentData() or "")
        self._count()
        if selected is not None:
            self.select_item(selected.id)
        self._selected()

    def _count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if self.model.filtered():
            self.count.setText(self.tr("{shown} of {total} items").format(shown=shown, total=total))
        else:
            self.count.setText(self.tr("Items: %n", "", total))

    # --- selection --------------------------------------------------------------------------

    def selected(self) -> EvidenceItem | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row is None:
            return False
        index = self.model.index(row, TITLE)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _selected(self, *_args: object) -> None:
        item = self.selected()
        dossier = self.tab.dossier
        if item is None:
            self.files.set_owner(None)
            self.description.set_full_text(
                self.tr("No evidence yet: Add item…, or drop files on this list.")
                if dossier is not None and not dossier.items
                else ""
            )
        else:
            self.files.set_owner(item, self.tr("Files of '{title}'").format(title=item.title))
            self.description.set_full_text(item.data.description)
        self.description.setVisible(bool(self.description.full_text))
        self.feedback.show_feedback(
            dossier.feedback if dossier else (),
            (item.id, None) if item is not None else None,
            self.tr("Feedback on '{title}'").format(title=item.title) if item else "",
        )
        files = len(item.attachments) if item else 0
        self.detail.setTabText(0, self.tr("Fi&les ({n})").format(n=files))
        open_feedback = item.open_feedback if item else 0
        self.detail.setTabText(
            1,
            self.tr("Fee&dback ({n} open)").format(n=open_feedback)
            if open_feedback
            else self.tr("Fee&dback ({n})").format(n=self.feedback.model.rowCount()),
        )
        self._update()

    def _update(self) -> None:
        chosen = self.selected() is not None and self.tab.editable
        self.add_action.setEnabled(self.tab.editable)
        self.edit_action.setEnabled(chosen)
        self.remove_action.setEnabled(chosen)

    # --- actions ----------------------------------------------------------------------------

    def edit(self) -> None:
        item = self.selected()
        if item is not None:
            self.tab.items.edit_item(item)

    def remove(self) -> None:
        item = self.selected()
        if item is not None:
            self.tab.items.remove_item(item)

    def _dropped(self, paths: list[Path], pos: QPoint) -> None:
        """On an item's line: attach to it; below the items: a new item with the files."""
        index = self.table.indexAt(pos)
        item = self.model.row_at(index.row()) if index.isValid() else None
        if item is None:
            self.tab.items.add_item(paths)
            return
        self.select_item(item.id)
        self.tab.attachments.attach(item, paths)
