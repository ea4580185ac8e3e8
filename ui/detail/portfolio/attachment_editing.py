"""The Portfolio tab's file actions on an item or observation: attach (by dialog or drop),
remove, open with the system viewer, save a copy. Attaching reads the files, opening and
saving read the stored copy: all three run on the worker thread. Attaching and removing a
file are not undoable (Remove takes a file off again; a removal asks first)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from utq_desktop.errors import UtqError
from utq_desktop.services.portfolio_dto import AttachmentInfo, EvidenceItem, Observation

from ui.detail.portfolio.file_drop import problem, refuse
from ui.messages import confirm, show_error

if TYPE_CHECKING:
    from ui.detail.portfolio.editing import ItemEditor
    from ui.detail.portfolio.tab import PortfolioTab

Owner = EvidenceItem | Observation


class AttachmentEditor(QObject):
    def __init__(self, tab: PortfolioTab, items: ItemEditor) -> None:
        super().__init__(tab)
        self.tab = tab
        self.items = items  # shares its handles (an attachment changes its owner's version)

    @property
    def portfolio(self) -> Any:
        return self.tab.services.portfolio

    def _handle(self, owner: Owner) -> Any:
        kind = "item" if isinstance(owner, EvidenceItem) else "observation"
        return self.items.handles.get(kind, owner.id, owner.row_version)

    def attach(self, owner: Owner, paths: Sequence[Path]) -> None:
        """Attach files to an item or observation (not undoable: Remove takes one off)."""
        message = problem(paths, int(self.portfolio.max_file_bytes))
        if message is not None:
            refuse(self.tab, message)
            return
        handle = self._handle(owner)
        portfolio, files, version = self.portfolio, list(paths), handle.version
        call = (
            portfolio.add_attachments
            if isinstance(owner, EvidenceItem)
            else portfolio.add_observation_attachments
        )

        def done(new_version: int) -> None:
            handle.version = new_version
            self.tab.show_notice(self.tr("Files attached: %n.", "", len(files)))
            self.tab.changed()

        self.tab.context.runner.run(
            lambda: call(owner.id, files, version),
            done,
            lambda error: self.items.failed(self.tr("Could not attach the files"), error),
        )

    def remove_attachment(self, owner: Owner, attachment: AttachmentInfo) -> None:
        question = self.tr(
            "Remove '{name}' from '{owner}'?\n\nThe stored file stays in the database for "
            "snapshots that hold it; you can attach it again."
        ).format(name=attachment.name, owner=_owner_title(owner))
        if not confirm(self.tab, self.tr("Remove file"), question, self.tr("Remove")):
            return
        handle = self._handle(owner)
        try:
            handle.version = self.portfolio.remove_attachment(attachment.id, handle.version)
        except UtqError as error:
            self.items.failed(self.tr("Could not remove the file"), error)
            return
        self.tab.changed()

    def open_attachment(self, attachment: AttachmentInfo) -> None:
        portfolio = self.portfolio
        self.tab.context.runner.run(
            lambda: portfolio.open_attachment(attachment.id),
            self._show_copy,
            lambda error: self.items.failed(self.tr("Could not open the file"), error),
        )

    def _show_copy(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_error(
                self.tab,
                self.tr("Could not open the file"),
                UtqError(self.tr("No program is set up to open {path}.").format(path=path)),
            )

    def save_attachment(self, attachment: AttachmentInfo) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self.tab, self.tr("Save a copy of {name}").format(name=attachment.name), attachment.name
        )
        if not target:
            return
        portfolio = self.portfolio
        self.tab.context.runner.run(
            lambda: portfolio.export_attachment(attachment.id, Path(target)),
            lambda _none: self.tab.show_notice(
                self.tr("Saved a copy to {path}.").format(path=target)
            ),
            lambda error: self.items.failed(self.tr("Could not save the copy"), error),
        )


def _owner_title(owner: Owner) -> str:
    if isinstance(owner, EvidenceItem):
        return owner.title
    return f"{owner.data.course} ({owner.data.observer})"
