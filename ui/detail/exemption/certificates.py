"""Partial certificates from other Dutch universities: recorded, edited and removed here;
the competences they cover show as recognised in the learning route (and the dossier),
with the certificate as the source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)
from utq_desktop.services.exemption_dto import ExemptionDetail, PartialCertificateInfo

from ui.detail.exemption.documents import FileActions
from ui.detail.exemption.models import CertificateModel
from ui.detail.intake.common import NOTE_STYLE, SectionBox, fit_rows

if TYPE_CHECKING:
    from ui.detail.exemption.tab import ExemptionTab

VISIBLE_ROWS = 4


class CertificatesSection(SectionBox):
    def __init__(self, tab: ExemptionTab, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Partial certificates"), "partialCertificates", parent)
        self.tab = tab
        self.files = FileActions(tab, self)
        self.intro = QLabel(
            self.tr(
                "A UTQ partial certificate from another Dutch university: the competences it "
                "covers count as recognised in the learning route and the dossier."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(NOTE_STYLE)
        self.model = CertificateModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("partialCertificateTable")
        self.table.setAccessibleName(self.tr("Partial certificates"))
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
        self.table.doubleClicked.connect(lambda _index: tab.certificate_editor.edit_certificate())
        self.recognised = QLabel(self)
        self.recognised.setObjectName("certificateRecognised")
        self.recognised.setWordWrap(True)
        self.recognised.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.table)
        self.body.addWidget(self.recognised)
        self.add_button = self.action_button(
            "addPartialCertificate",
            self.tr("Add partial ce&rtificate…"),
            tab.certificate_editor.add_certificate,
        )
        self.edit_button = self.action_button(
            "editPartialCertificate", self.tr("Edi&t…"), tab.certificate_editor.edit_certificate
        )
        self.remove_button = self.action_button(
            "removePartialCertificate",
            self.tr("Remo&ve…"),
            tab.certificate_editor.remove_certificate,
        )
        self.open_button = self.action_button(
            "openPartialCertificate", self.tr("Open docume&nt"), self._open
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._detail: ExemptionDetail | None = None
        self._update()

    def show_detail(self, detail: ExemptionDetail) -> None:
        selected = self.selected()
        self._detail = detail
        self.model.set_rows(detail.certificates)
        count = len(detail.certificates)
        self.table.setVisible(count > 0)
        fit_rows(self.table, min(max(count, 1), VISIBLE_ROWS))
        if selected is not None:
            row = next((i for i, c in enumerate(detail.certificates) if c.id == selected.id), -1)
            if row >= 0:
                self.table.selectRow(row)
        self._update()

    def selected(self) -> PartialCertificateInfo | None:
        if not self.table.selectionModel().hasSelection():
            return None
        return self.model.row_at(self.table.currentIndex().row())

    def _selection_changed(self, *_args: object) -> None:
        self._update()

    def _update(self) -> None:
        detail, certificate = self._detail, self.selected()
        self.add_button.setEnabled(detail is not None and bool(detail.competences))
        if detail is not None and not detail.competences:
            self.add_button.setToolTip(
                self.tr("The candidate has no competence framework: nothing can be recognised.")
            )
        else:
            self.add_button.setToolTip("")
        self.edit_button.setEnabled(certificate is not None)
        self.remove_button.setEnabled(certificate is not None)
        self.open_button.setEnabled(certificate is not None and certificate.document is not None)
        self.recognised.setVisible(certificate is not None)
        if certificate is None or detail is None:
            return
        names = {c.id: f"{c.code} {c.name}" for c in detail.competences}
        made = [names.get(cid, str(cid)) for cid in certificate.recognised]
        before = [
            f"{names.get(cid, str(cid))} ({detail.recognitions.get(cid, '')})"
            for cid in certificate.data.competence_ids
            if cid not in certificate.recognised
        ]
        lines = []
        if made:
            lines.append(
                self.tr("Recognised in the learning route: {list}").format(list="; ".join(made))
            )
        if before:
            lines.append(
                self.tr("Recognised already before: {list}").format(list="; ".join(before))
            )
        if certificate.data.notes:
            lines.append(certificate.data.notes)
        self.recognised.setText("\n".join(lines))

    def _open(self) -> None:
        certificate = self.selected()
        if certificate is not None and certificate.document is not None:
            self.files.open(certificate.document, self.tr("Could not open the document"))
