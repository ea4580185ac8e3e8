"""The Exemption tab's tables: a case's step history, its documents, and the candidate's
partial certificates. Read-only models over frozen DTOs, reset when the tab reloads."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from utq_desktop.domain.exemption import CaseStatus
from utq_desktop.services.exemption_dto import (
    CaseDocument,
    CaseStep,
    PartialCertificateInfo,
)

from ui.detail.exemption.texts import (
    GRANTED_COLOR,
    REFUSED_COLOR,
    WITHDRAWN_COLOR,
    case_status_text,
    step_detail,
)
from ui.detail.intake.cv import size_text
from ui.formatting import ALIGN_RIGHT, format_date, format_timestamp
from ui.qt_types import ModelIndex
from ui.row_table_model import RowTableModel, T

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class _RowsModel(RowTableModel[T]):
    """Rows of one DTO type; subclasses say the headers and each cell's text."""

    CONTEXT = "ExemptionTab"
    RIGHT: frozenset[int] = frozenset()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_in(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.color(row, index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texts(row)[index.column()]
        return None

    def texts(self, row: T) -> tuple[str, ...]:
        raise NotImplementedError

    def color(self, _row: T, _column: int) -> QColor | None:
        return None


class StepModel(_RowsModel[CaseStep]):
    """A case's history: each step, its day, who did it and what it recorded."""

    HEADERS = ("Step", "Date", "By", "Details")

    def texts(self, row: CaseStep) -> tuple[str, ...]:
        return (
            case_status_text(row.status),
            format_date(row.on),
            row.by,
            step_detail(row),
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step = self.row_at(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ToolTipRole and step is not None:
            recorded = QCoreApplication.translate("ExemptionTab", "Recorded by {who}, {when}")
            text = self.texts(step)[index.column()]
            when = format_timestamp(step.recorded_at)
            return f"{text}\n{recorded.format(who=step.recorded_by, when=when)}"
        return super().data(index, role)

    def color(self, row: CaseStep, column: int) -> QColor | None:
        if column != 0:
            return None
        if row.status is CaseStatus.WITHDRAWN:
            return WITHDRAWN_COLOR
        if row.status is CaseStatus.DECIDED:
            return GRANTED_COLOR if row.detail == "grant" else REFUSED_COLOR
        return None


class DocumentModel(_RowsModel[CaseDocument]):
    HEADERS = ("Document", "Size", "Added by", "Added")
    RIGHT = frozenset({1})

    def texts(self, row: CaseDocument) -> tuple[str, ...]:
        return (row.name, size_text(row.size), row.added_by, format_timestamp(row.added_at))


class CertificateModel(_RowsModel[PartialCertificateInfo]):
    """Partial certificates: where and when obtained, what they cover, their document."""

    HEADERS = ("University", "Obtained", "Competences", "Document")

    def texts(self, row: PartialCertificateInfo) -> tuple[str, ...]:
        return (
            row.data.institution,
            format_date(row.data.obtained_on),
            ", ".join(c.code for c in row.competences),
            row.document.name if row.document else "—",
        )
