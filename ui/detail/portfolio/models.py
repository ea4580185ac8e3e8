"""The portfolio's smaller lists: attachments, class observations, feedback, snapshots and
the required-components checklist."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from utq_desktop.domain.portfolio import RequirementCheck
from utq_desktop.services.portfolio_dto import (
    AttachmentInfo,
    Feedback,
    Observation,
    SnapshotInfo,
)

from ui.detail.portfolio.base_model import RowsModel
from ui.detail.portfolio.texts import (
    MET_COLOR,
    OPEN_FEEDBACK_COLOR,
    UNMET_COLOR,
    size_text,
)
from ui.formatting import format_date, format_timestamp
from ui.qt_types import ModelIndex


class AttachmentModel(RowsModel):
    """The files of one evidence item or class observation (metadata only)."""

    HEADERS = ("File", "Size")
    CONTEXT = "PortfolioAttachments"
    RIGHT_ALIGNED = frozenset({1})

    def text(self, row: AttachmentInfo, column: int) -> str:
        return row.name if column == 0 else size_text(row.size)

    def tooltip(self, row: AttachmentInfo, column: int) -> str:
        return self.tr_("{name}\n{size} · {type}\nSHA-256 {digest}").format(
            name=row.name, size=size_text(row.size), type=row.media_type, digest=row.sha256
        )


class ObservationModel(RowsModel):
    HEADERS = ("Date", "Course", "Observer", "Criteria", "Report")
    CONTEXT = "PortfolioObservations"

    def text(self, row: Observation, column: int) -> str:
        data = row.data
        if column == 0:
            return format_date(data.observed_on)
        if column == 1:
            return data.course
        if column == 2:
            return data.observer
        if column == 3:
            return ", ".join(data.criterion_codes)
        if not row.attachments:
            return self.tr_("none attached")
        return ", ".join(a.name for a in row.attachments)

    def tooltip(self, row: Observation, column: int) -> str | None:
        if column == 4 and not row.attachments:
            return self.tr_("Drop the observation report here, or use Attach…")
        return row.data.notes or None

    def foreground(self, row: Observation, column: int) -> QColor | None:
        return OPEN_FEEDBACK_COLOR if column == 4 and not row.attachments else None


class FeedbackModel(RowsModel):
    """Comments with who gave them and when; the first column ticks them resolved.

    Ticking does not change the model: ``resolve_requested`` asks the tab to save it, and
    the reload shows the result (so a refused save never looks saved).
    """

    HEADERS = ("Resolved", "On", "Feedback", "By", "Date")
    CONTEXT = "PortfolioFeedback"
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.FontRole})
    resolve_requested = Signal(object, bool)  # Feedback, resolved

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def text(self, row: Feedback, column: int) -> str:
        if column == 0:
            return self.tr_("Resolved") if row.resolved else self.tr_("Open")
        if column == 1:
            return row.about
        if column == 2:
            return " ".join(row.text.split())  # one line; the tooltip has it all
        if column == 3:
            return row.author
        return format_date(row.given_on)

    def tooltip(self, row: Feedback, column: int) -> str:
        text = row.text
        if row.resolved:
            text += "\n\n" + self.tr_("Resolved by {who} on {date}.").format(
                who=row.resolved_by or "?", date=format_date(row.resolved_on)
            )
        return text

    def foreground(self, row: Feedback, column: int) -> QColor | None:
        if column == 0:
            return MET_COLOR if row.resolved else OPEN_FEEDBACK_COLOR
        return None

    def extra(self, row: Feedback, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if row.resolved else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and column == 2 and not row.resolved:
            return self._bold
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(
        self,
        index: ModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        if wanted != row.resolved:
            self.resolve_requested.emit(row, wanted)
        return False


class SnapshotModel(RowsModel):
    """The dossier's submissions, newest first."""

    HEADERS = ("No.", "Submitted", "By", "Items", "Files", "Notes")
    CONTEXT = "PortfolioSnapshots"
    RIGHT_ALIGNED = frozenset({0, 3, 4})

    def set_rows(self, rows: Any) -> None:
        super().set_rows(sorted(rows, key=lambda s: s.number, reverse=True))

    def text(self, row: SnapshotInfo, column: int) -> str:
        if column == 0:
            return str(row.number)
        if column == 1:
            return format_timestamp(row.submitted_at)
        if column == 2:
            return row.submitted_by
        if column == 3:
            return str(row.items)
        if column == 4:
            return str(row.attachments)
        notes = []
        if row.returned:
            notes.append(self.tr_("Returned for revision"))
        if row.override_reason:
            notes.append(self.tr_("Submitted by exception"))
        return " · ".join(notes)

    def tooltip(self, row: SnapshotInfo, column: int) -> str | None:
        lines = [self.tr_("Content SHA-256 {digest}").format(digest=row.content_sha256)]
        if row.override_reason:
            lines.append(self.tr_("Exception: {reason}").format(reason=row.override_reason))
        if row.returned_at is not None:
            lines.append(
                self.tr_("Returned by {who}, {when}: {feedback}").format(
                    who=row.returned_by,
                    when=format_timestamp(row.returned_at),
                    feedback=row.return_feedback,
                )
            )
        return "\n".join(lines)


class ChecklistModel(RowsModel):
    """The framework's required components, met or not."""

    HEADERS = ("", "Required", "In the dossier")
    CONTEXT = "PortfolioChecklist"

    def row_of(self, row_id: int) -> int | None:  # checks have keys, not ids
        return None

    def text(self, row: RequirementCheck, column: int) -> str:
        if column == 0:
            return "✓" if row.met else "✗"
        if column == 1:
            return row.label
        return row.detail

    def tooltip(self, row: RequirementCheck, column: int) -> str:
        met = self.tr_("Met") if row.met else self.tr_("Not met yet")
        return f"{met}: {row.label}" + (f" ({row.detail})" if row.detail else "")

    def foreground(self, row: RequirementCheck, column: int) -> QColor | None:
        return (MET_COLOR if row.met else UNMET_COLOR) if column == 0 else None

    def accessible(self, row: RequirementCheck, column: int) -> str:
        if column == 0:
            return self.tr_("Met") if row.met else self.tr_("Not met")
        return self.text(row, column)
