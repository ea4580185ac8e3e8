"""The educational CV: teaching experience as a table, plus an optional document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QWidget,
)
from utq_desktop.errors import UtqError
from utq_desktop.services.dto import IntakeDetail, TeachingExperience

from ui.detail.intake.common import NOTE_STYLE, FirstColumnTable, SectionBox, fit_rows
from ui.detail.intake.experience_dialog import ExperienceDialog
from ui.detail.intake.host import IntakeHost
from ui.formatting import ALIGN_RIGHT, level_text
from ui.messages import confirm
from ui.qt_types import ModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Course", "Level", "Role", "Period", "Students", "Language")
VISIBLE_ROWS = 6  # the table grows to this many lines, then scrolls
COURSE_WIDTH = 150  # px: narrower, the table scrolls sideways


def period_text(year_from: int | None, year_to: int | None) -> str:
    if year_from is None:
        return ""
    if year_to is None:
        return QCoreApplication.translate("IntakeCv", "{start}–now").format(start=year_from)
    if year_to == year_from:
        return str(year_from)
    return f"{year_from}–{year_to}"


def size_text(size: int) -> str:
    if size < 1024:
        return QCoreApplication.translate("IntakeCv", "{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return QCoreApplication.translate("IntakeCv", "{n} kB").format(n=round(size / 1024))
    return QCoreApplication.translate("IntakeCv", "{n:.1f} MB").format(n=size / 1_048_576)


class ExperienceModel(QAbstractTableModel):
    """The CV's teaching experience, one line per course."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TeachingExperience] = []

    def set_rows(self, rows: tuple[TeachingExperience, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TeachingExperience | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate("IntakeCv", HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return ALIGN_RIGHT
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        data = row.data
        texts = (
            data.course,
            level_text(data.level),
            data.role,
            period_text(data.year_from, data.year_to),
            "" if data.students is None else str(data.students),
            data.language,
        )
        return texts[index.column()]


class CvSection(SectionBox):
    def __init__(self, host: IntakeHost, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Educational CV"), "intakeCv", parent)
        self.host = host
        self.model = ExperienceModel(self)
        self.table = FirstColumnTable(COURSE_WIDTH, self)
        self.table.setObjectName("intakeExperienceTable")
        self.table.setAccessibleName(self.tr("Teaching experience"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.empty = QLabel(self.tr("No teaching experience recorded yet."), self)
        self.empty.setObjectName("intakeExperienceEmpty")
        self.empty.setStyleSheet(NOTE_STYLE)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)

        self.document = QLabel(self)
        self.document.setObjectName("intakeCvDocument")
        self.document.setAccessibleName(self.tr("CV document"))
        self.document.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attach_button = self.tool_button("intakeAttachCv", self.tr("&Attach…"), self._attach)
        self.open_button = self.tool_button("intakeOpenCv", self.tr("&Open"), self._open)
        self.export_button = self.tool_button("intakeExportCv", self.tr("E&xport…"), self._export)
        self.detach_button = self.tool_button(
            "intakeRemoveCv", self.tr("Remove document"), self._detach
        )
        self.document.setWordWrap(True)
        document = QHBoxLayout()
        document.addWidget(QLabel(self.tr("Document:"), self))
        document.addWidget(self.document, 1)
        document_buttons = QHBoxLayout()
        for button in (
            self.attach_button,
            self.open_button,
            self.export_button,
            self.detach_button,
        ):
            document_buttons.addWidget(button)
        document_buttons.addStretch(1)
        self.body.addLayout(document)
        self.body.addLayout(document_buttons)

        self.add_button = self.action_button(
            "intakeAddExperience", self.tr("A&dd course…"), self._add
        )
        self.edit_button = self.action_button("intakeEditExperience", self.tr("Ed&it…"), self._edit)
        self.remove_button = self.action_button(
            "intakeRemoveExperience", self.tr("Re&move…"), self._remove
        )
        self.table.doubleClicked.connect(lambda _index: self._edit())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_detail(self, detail: IntakeDetail) -> None:
        self.model.set_rows(detail.experiences)
        count = len(detail.experiences)
        self.table.setVisible(count > 0)
        self.empty.setVisible(count == 0)
        fit_rows(self.table, min(max(count, 1), VISIBLE_ROWS))
        self.table.fit_first_column()
        document = detail.cv_document
        if document is None:
            self.document.setText(self.tr("none attached"))
            self.document.setStyleSheet(NOTE_STYLE)
        else:
            self.document.setText(f"{document.name} ({size_text(document.size)})")
            self.document.setStyleSheet("")
        self.show_change(detail.changes.get("cv"))
        self._update_buttons()

    def selected(self) -> TeachingExperience | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _update_buttons(self, *_args: object) -> None:
        loaded = self.host.detail is not None
        has_document = loaded and self.host.detail.cv_document is not None  # type: ignore[union-attr]
        chosen = self.selected() is not None and self.table.selectionModel().hasSelection()
        self.add_button.setEnabled(loaded)
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.attach_button.setEnabled(loaded)
        self.attach_button.setText(self.tr("&Replace…") if has_document else self.tr("&Attach…"))
        for button in (self.open_button, self.export_button, self.detach_button):
            button.setEnabled(has_document)

    # --- teaching experience --------------------------------------------------------------

    def _add(self) -> None:
        detail = self.host.detail
        if detail is None:
            return
        dialog = ExperienceDialog(self.host.services, detail, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == ExperienceDialog.DialogCode.Accepted:
            self.host.saved()

    def _edit(self) -> None:
        detail, row = self.host.detail, self.selected()
        if detail is None or row is None:
            return
        dialog = ExperienceDialog(self.host.services, detail, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == ExperienceDialog.DialogCode.Accepted:
            self.host.saved()

    def _remove(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = self.tr(
            "Remove '{course}' ({period}) from the educational CV?\n\n"
            "The removal is recorded in the timeline."
        ).format(course=row.data.course, period=period_text(row.data.year_from, row.data.year_to))
        if not confirm(self, self.tr("Remove teaching experience"), question, self.tr("Remove")):
            return
        services = self.host.services
        try:
            services.intake.remove_experience(row.id, row.row_version)
        except UtqError as error:
            self.host.failed(self.tr("Could not remove the course"), error)
            return
        self.host.saved()

    # --- the CV document ------------------------------------------------------------------

    def _attach(self) -> None:
        detail = self.host.detail
        if detail is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach the educational CV"),
            "",
            self.tr("Documents (*.pdf *.docx *.doc *.odt *.txt);;All files (*)"),
        )
        if not path:
            return
        services, candidate_id, version = (
            self.host.services,
            detail.candidate_id,
            detail.row_version,
        )

        def attach() -> int:
            upload = services.files.read_upload(Path(path))
            return services.intake.attach_cv_document(candidate_id, upload, version)

        self.host.runner.run(
            attach,
            lambda _version: self.host.saved(),
            lambda error: self.host.failed(self.tr("Could not attach the document"), error),
        )

    def _open(self) -> None:
        detail = self.host.detail
        if detail is None or detail.cv_document is None:
            return
        document, files = detail.cv_document, self.host.services.files
        self.host.runner.run(
            lambda: files.open_copy(document.sha256, document.name),
            self._show_copy,
            lambda error: self.host.failed(self.tr("Could not open the document"), error),
        )

    def _show_copy(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.host.failed(
                self.tr("Could not open the document"),
                UtqError(self.tr("No program is set up to open {path}.").format(path=path)),
            )

    def _export(self) -> None:
        detail = self.host.detail
        if detail is None or detail.cv_document is None:
            return
        document = detail.cv_document
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the educational CV"), document.name
        )
        if not target:
            return
        files = self.host.services.files
        self.host.runner.run(
            lambda: files.export(document.sha256, Path(target)),
            lambda _none: None,
            lambda error: self.host.failed(self.tr("Could not export the document"), error),
        )

    def _detach(self) -> None:
        detail = self.host.detail
        if detail is None or detail.cv_document is None:
            return
        question = self.tr(
            "Remove the document '{name}' from the educational CV?\n\n"
            "The teaching experience above stays."
        ).format(name=detail.cv_document.name)
        if not confirm(self, self.tr("Remove document"), question, self.tr("Remove")):
            return
        try:
            self.host.services.intake.remove_cv_document(detail.candidate_id, detail.row_version)
        except UtqError as error:
            self.host.failed(self.tr("Could not remove the document"), error)
            return
        self.host.saved()
