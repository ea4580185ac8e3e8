"""The files of one evidence item or class observation: open, save a copy, remove, and add
by dialog or by dropping files on the list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QWidget
from utq_desktop.services.portfolio_dto import AttachmentInfo, EvidenceItem, Observation

from ui.detail.portfolio.file_drop import FileDrop
from ui.detail.portfolio.models import AttachmentModel
from ui.detail.portfolio.panels import (
    NOTE_STYLE,
    Panel,
    make_action,
    make_table,
    set_widths,
    tool_button,
)

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class AttachmentsPanel(Panel):
    """The files of the selected item or observation."""

    def __init__(
        self,
        tab: PortfolioTab,
        name: str,
        parent: QWidget | None = None,
        *,
        embedded: bool = False,
        nothing: str = "",
    ) -> None:
        super().__init__(parent, name, embedded)
        self.tab = tab
        self._nothing = nothing or self.tr("Select an item to see its files.")
        self.owner: EvidenceItem | Observation | None = None
        self.model = AttachmentModel(self)
        self.table = make_table(self, f"{name}Table", self.tr("Attached files"))
        self.table.setModel(self.model)
        set_widths(self.table, {1: "999.9 MB"}, 0)
        self.table.doubleClicked.connect(lambda _index: self.open())
        self.empty = QLabel(self)
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setStyleSheet(NOTE_STYLE)
        self.empty.setWordWrap(True)
        self.attach_action = make_action(
            self, f"{name}Attach", self.tr("Atta&ch files…"), self.choose
        )
        self.open_action = make_action(self, f"{name}Open", self.tr("O&pen"), self.open, "Return")
        self.save_action = make_action(self, f"{name}Save", self.tr("Save a cop&y…"), self.save)
        self.remove_action = make_action(self, f"{name}Remove", self.tr("Re&move…"), self.remove)
        self.table.addActions([self.open_action, self.save_action, self.remove_action])
        buttons = QHBoxLayout()
        for action in (self.attach_action, self.open_action, self.save_action, self.remove_action):
            buttons.addWidget(tool_button(self, action))
        buttons.addStretch(1)
        layout = self.body()
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.drop = FileDrop(self.table.viewport(), self._dropped, lambda: self.owner is not None)
        self.table.selectionModel().currentRowChanged.connect(self._update)
        self.set_owner(None)

    def set_owner(self, owner: EvidenceItem | Observation | None, title: str = "") -> None:
        selected = self.selected()
        self.owner = owner
        self.model.set_rows(owner.attachments if owner else ())
        self.set_heading(title or self.tr("Files"))
        if owner is None:
            self.empty.setText(self._nothing)
        else:
            self.empty.setText(self.tr("No files yet: drop them here, or use Attach files…"))
        has_files = self.model.rowCount() > 0
        self.empty.setVisible(not has_files)
        row = self.model.row_of(selected.id) if selected is not None else None
        if row is None and has_files:
            row = 0  # Enter opens it straight away
        if row is not None:
            self.table.selectRow(row)
        self._update()

    def selected(self) -> AttachmentInfo | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.attach_action.setEnabled(self.owner is not None and self.tab.editable)
        for action in (self.open_action, self.save_action):
            action.setEnabled(chosen)
        self.remove_action.setEnabled(chosen and self.tab.editable)

    def _dropped(self, paths: list[Path], _pos: object) -> None:
        if self.owner is not None:
            self.tab.attachments.attach(self.owner, paths)

    def choose(self) -> None:
        if self.owner is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if names:
            self.tab.attachments.attach(self.owner, [Path(n) for n in names])

    def open(self) -> None:
        attachment = self.selected()
        if attachment is not None:
            self.tab.attachments.open_attachment(attachment)

    def save(self) -> None:
        attachment = self.selected()
        if attachment is not None:
            self.tab.attachments.save_attachment(attachment)

    def remove(self) -> None:
        attachment = self.selected()
        if attachment is not None and self.owner is not None:
            self.tab.attachments.remove_attachment(self.owner, attachment)
