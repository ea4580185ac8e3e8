"""The Submission page: the framework's required components as a checklist, and the
snapshots taken at each submission with their exports (PDF, zip of files)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.portfolio import DossierState
from utq_desktop.services.portfolio_dto import DossierView, SnapshotInfo

from ui.detail.portfolio.models import ChecklistModel, SnapshotModel
from ui.detail.portfolio.panels import NOTE_STYLE, make_action, make_table, tool_button

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class SubmissionPage(QWidget):
    def __init__(self, tab: PortfolioTab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioSubmissionPage")
        self.tab = tab
        self.checklist_box = QGroupBox(self.tr("Required components"), self)
        self.checklist_box.setObjectName("portfolioChecklistBox")
        self.checklist_model = ChecklistModel(self)
        self.checklist = make_table(
            self.checklist_box, "portfolioChecklist", self.tr("Required components")
        )
        self.checklist.setModel(self.checklist_model)
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.checklist.setWordWrap(True)  # the framework's wording, in full
        self.checklist.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.checklist_note = QLabel(self.checklist_box)
        self.checklist_note.setObjectName("portfolioChecklistNote")
        self.checklist_note.setWordWrap(True)
        box = QVBoxLayout(self.checklist_box)
        box.addWidget(self.checklist_note)
        box.addWidget(self.checklist, 1)

        self.snapshots_box = QGroupBox(self.tr("Submissions (snapshots)"), self)
        self.snapshots_box.setObjectName("portfolioSnapshotsBox")
        self.snapshot_model = SnapshotModel(self)
        self.snapshots = make_table(
            self.snapshots_box, "portfolioSnapshots", self.tr("Submitted snapshots")
        )
        self.snapshots.setModel(self.snapshot_model)
        header = self.snapshots.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.snapshots_empty = QLabel(
            self.tr("Not submitted yet. Each submission keeps an unchangeable snapshot here."),
            self.snapshots_box,
        )
        self.snapshots_empty.setStyleSheet(NOTE_STYLE)
        self.snapshots_empty.setWordWrap(True)
        self.pdf_action = make_action(
            self, "snapshotExportPdf", self.tr("Export &PDF…"), self.export_pdf
        )
        self.zip_action = make_action(
            self, "snapshotExportZip", self.tr("Export &attachments (zip)…"), self.export_zip
        )
        self.snapshots.addActions([self.pdf_action, self.zip_action])
        buttons = QHBoxLayout()
        buttons.addWidget(tool_button(self, self.pdf_action))
        buttons.addWidget(tool_button(self, self.zip_action))
        buttons.addStretch(1)
        box = QVBoxLayout(self.snapshots_box)
        box.addWidget(self.snapshots, 1)
        box.addWidget(self.snapshots_empty)
        box.addLayout(buttons)
        self.snapshots.selectionModel().currentRowChanged.connect(self.update_actions)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("submissionSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.checklist_box)
        self.splitter.addWidget(self.snapshots_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.update_actions()

    def show_dossier(self, dossier: DossierView | None) -> None:
        selected = self.selected()
        self.checklist_model.set_rows(dossier.checklist if dossier else ())
        self.snapshot_model.set_rows(dossier.snapshots if dossier else ())
        if dossier is None:
            self.checklist_note.setText("")
        elif not dossier.checklist:
            self.checklist_note.setText(
                self.tr("The framework ({name}) requires no particular components.").format(
                    name=dossier.framework or self.tr("none")
                )
            )
        else:
            missing = sum(not c.met for c in dossier.checklist)
            self.checklist_note.setText(
                self.tr("All {n} are in the dossier.").format(n=len(dossier.checklist))
                if not missing
                else self.tr(
                    "{met} of {n} met in the working dossier; nothing more is to be submitted."
                ).format(met=len(dossier.checklist) - missing, n=len(dossier.checklist))
                if dossier.closed
                else self.tr(
                    "{met} of {n} met in the working dossier; the assessment works on the "
                    "submitted snapshot."
                ).format(met=len(dossier.checklist) - missing, n=len(dossier.checklist))
                if dossier.state is DossierState.SUBMITTED
                else self.tr(
                    "{met} of {n} met. Submission is blocked until the rest is there, unless "
                    "the coordinator overrides with a reason."
                ).format(met=len(dossier.checklist) - missing, n=len(dossier.checklist))
            )
        self.checklist.setVisible(bool(dossier and dossier.checklist))
        self.snapshots_empty.setVisible(self.snapshot_model.rowCount() == 0)
        row = self.snapshot_model.row_of(selected.id) if selected else None
        if row is None and self.snapshot_model.rowCount():
            row = 0  # the newest
        if row is not None:
            self.snapshots.selectRow(row)
        self.update_actions()

    def selected(self) -> SnapshotInfo | None:
        index = self.snapshots.currentIndex()
        return self.snapshot_model.row_at(index.row()) if index.isValid() else None

    def update_actions(self, *_args: object) -> None:
        chosen = self.selected() is not None and not self.tab.exporting
        self.pdf_action.setEnabled(chosen)
        self.zip_action.setEnabled(chosen)

    def export_pdf(self) -> None:
        snapshot = self.selected()
        if snapshot is not None:
            self.tab.exporter.export_pdf(snapshot)

    def export_zip(self) -> None:
        snapshot = self.selected()
        if snapshot is not None:
            self.tab.exporter.export_zip(snapshot)
