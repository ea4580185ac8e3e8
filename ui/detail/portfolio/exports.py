"""Export the working dossier or a snapshot as one PDF or as a zip of its files, on the
worker thread with a progress dialog and Cancel (a cancelled export leaves no file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog
from utq_desktop.errors import OperationCancelledError
from utq_desktop.services.portfolio_dto import SnapshotInfo

from ui.messages import show_error
from ui.workers import Progress

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class DossierExporter(QObject):
    def __init__(self, tab: PortfolioTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.dialog: QProgressDialog | None = None  # the one running export's progress

    def _name(self, snapshot: SnapshotInfo | None) -> str:
        dossier = self.tab.dossier
        name = dossier.candidate_name if dossier else ""
        if snapshot is None:
            return self.tr("Dossier {name}").format(name=name)
        return self.tr("Dossier {name} - snapshot {number}").format(
            name=name, number=snapshot.number
        )

    def export_pdf(self, snapshot: SnapshotInfo | None = None) -> None:
        self._export(snapshot, "pdf")

    def export_zip(self, snapshot: SnapshotInfo | None = None) -> None:
        self._export(snapshot, "zip")

    def _export(self, snapshot: SnapshotInfo | None, kind: str) -> None:
        dossier = self.tab.dossier
        if dossier is None or self.dialog is not None:
            return
        if kind == "pdf":
            title = self.tr("Export the dossier as PDF")
            path, _ = QFileDialog.getSaveFileName(
                self.tab, title, self._name(snapshot) + ".pdf", self.tr("PDF (*.pdf)")
            )
        else:
            title = self.tr("Export the dossier's files")
            path, _ = QFileDialog.getSaveFileName(
                self.tab, title, self._name(snapshot) + ".zip", self.tr("Zip archives (*.zip)")
            )
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        target = Path(path)
        portfolio = self.tab.services.portfolio
        candidate_id = dossier.candidate_id
        snapshot_id = snapshot.id if snapshot else None
        progress = Progress(self)
        label = self.tr("Writing the PDF…") if kind == "pdf" else self.tr("Copying the files…")
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self.tab)
        dialog.setObjectName("portfolioExportProgress")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(progress.cancel)
        progress.progressed.connect(lambda done, total: _show(dialog, done, total))
        self.dialog = dialog
        self.tab.set_exporting(True)

        def call() -> Any:
            if kind == "zip":
                return portfolio.export_attachments(candidate_id, target, snapshot_id, progress)
            return portfolio.export_pdf(candidate_id, target, snapshot_id, progress=progress)

        def finished() -> None:
            dialog.canceled.disconnect(progress.cancel)
            dialog.close()
            dialog.deleteLater()
            self.dialog = None
            self.tab.set_exporting(False)

        def succeeded(result: Any) -> None:
            finished()
            if kind == "pdf":
                text = self.tr("Saved the dossier to {path}.").format(path=target.name)
            else:
                text = self.tr("Saved {n} files to {path}.").format(n=result, path=target.name)
            self.tab.show_notice(text)

        def failed(error: Exception) -> None:
            finished()
            if isinstance(error, OperationCancelledError):
                self.tab.show_notice(self.tr("Export cancelled; no file was written."))
            else:
                show_error(self.tab, self.tr("Could not export the dossier"), error)

        self.tab.context.runner.run(call, succeeded, failed)


def _show(dialog: QProgressDialog, done: int, total: int) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, total))
