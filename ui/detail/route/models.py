"""The route tab's table models: the activities, and the progress per competence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from utq_desktop.domain.route import ActivityStatus
from utq_desktop.services.route_dto import Activity, RouteCompetence, RouteDetail

from ui.detail.route.texts import (
    LATE_COLOR,
    OVERDUE_COLOR,
    STATUS_COLORS,
    activity_status_text,
    hours_text,
    kind_text,
)
from ui.formatting import ALIGN_RIGHT, format_date
from ui.qt_types import ModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 2
COMPETENCE_ROLE = Qt.ItemDataRole.UserRole + 3

ACTIVITY_HEADERS = (
    "Planned",
    "Activity",
    "Status",
    "Since",
    "Hours",
    "Competences",
    "Kind",
    "Provider",
)
ACTIVITY_COLUMN = {key: i for i, key in enumerate(ACTIVITY_HEADERS)}


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class ActivityTableModel(QAbstractTableModel):
    """The activities of one route, by planned date; overdue and late ones stand out."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._activities: list[Activity] = []
        self._codes: dict[int, str] = {}
        self._strike = QFont()
        self._strike.setStrikeOut(True)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_route(self, route: RouteDetail | None) -> None:
        self.beginResetModel()
        self._activities = list(route.activities) if route else []
        self._codes = {c.id: c.code for c in route.competences} if route else {}
        self.endResetModel()

    def activity_at(self, row: int) -> Activity | None:
        return self._activities[row] if 0 <= row < len(self._activities) else None

    def row_of(self, activity_id: int) -> int | None:
        return next((i for i, a in enumerate(self._activities) if a.id == activity_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._activities)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ACTIVITY_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ACTIVITY_HEADERS)
        ):
            return _tr("RouteActivities", ACTIVITY_HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        activity = self.activity_at(index.row()) if index.isValid() else None
        if activity is None or not 0 <= index.column() < len(ACTIVITY_HEADERS):
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(activity, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(activity)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == ACTIVITY_COLUMN["Planned"]:
                if activity.late:
                    return LATE_COLOR
                if activity.overdue:
                    return OVERDUE_COLOR
            if column == ACTIVITY_COLUMN["Status"]:
                return STATUS_COLORS[activity.status]
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == ACTIVITY_COLUMN["Status"]:
            return STATUS_COLORS[activity.status]
        if role == Qt.ItemDataRole.FontRole:
            if (
                activity.status is ActivityStatus.CANCELLED
                and column == ACTIVITY_COLUMN["Activity"]
            ):
                return self._strike
            if (activity.late or activity.overdue) and column == 0:
                return self._bold
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ACTIVITY_COLUMN["Hours"]:
            return ALIGN_RIGHT
        if role == ID_ROLE:
            return activity.id
        if role == ACTIVITY_ROLE:
            return activity
        return None

    def _text(self, activity: Activity, column: int) -> str:
        data = activity.data
        key = ACTIVITY_HEADERS[column]
        if key == "Planned":
            return format_date(data.planned_on) + (" !" if activity.late else "")
        if key == "Activity":
            return data.title
        if key == "Status":
            return activity_status_text(activity.status)
        if key == "Since":
            return format_date(activity.dates.changed_on)
        if key == "Hours":
            return hours_text(data.hours)
        if key == "Competences":
            return ", ".join(self._codes.get(c, "?") for c in data.competence_ids)
        if key == "Kind":
            return kind_text(data.kind)
        return data.provider

    def _tooltip(self, activity: Activity) -> str:
        lines = [activity.data.title]
        if activity.late:
            lines.append(_tr("RouteActivities", "Planned after the UTQ deadline."))
        elif activity.overdue:
            lines.append(_tr("RouteActivities", "Its date has passed: is it done, or cancelled?"))
        if activity.template:
            lines.append(
                _tr("RouteActivities", "From the template '{name}'.").format(name=activity.template)
            )
        if activity.data.notes:
            lines.append(activity.data.notes)
        return "\n".join(lines)


PROGRESS_HEADERS = ("Competence", "Open", "Done", "Cancelled", "Hours", "")


class ProgressModel(QAbstractTableModel):
    """Per competence: what is planned and done, and whether it is recognised."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._competences: list[RouteCompetence] = []

    def set_route(self, route: RouteDetail | None) -> None:
        self.beginResetModel()
        self._competences = list(route.competences) if route else []
        self.endResetModel()

    def competence_at(self, row: int) -> RouteCompetence | None:
        return self._competences[row] if 0 <= row < len(self._competences) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._competences)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PROGRESS_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(PROGRESS_HEADERS)
        ):
            return _tr("RouteProgress", PROGRESS_HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        competence = self.competence_at(index.row()) if index.isValid() else None
        if competence is None or not 0 <= index.column() < len(PROGRESS_HEADERS):
            return None
        column = index.column()
        progress = competence.progress
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return f"{competence.code}  {competence.name}"
            if column == 1:
                if progress.registered:
                    return _tr("RouteProgress", "{open} ({registered} registered)").format(
                        open=progress.planned, registered=progress.registered
                    )
                return str(progress.planned)
            if column == 2:
                return str(progress.completed)
            if column == 3:
                return str(progress.cancelled)
            if column == 4:
                if not progress.hours_planned:
                    return ""
                done = hours_text(progress.hours_done) or "0"
                return f"{done} / {hours_text(progress.hours_planned)}"
            return self._note(competence)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 5 and competence.recognition:
                recognition = competence.recognition
                return f"{recognition.reason} ({format_date(recognition.on)})"
            if column == 0:
                return competence.name
            if column == 4:
                return _tr("RouteProgress", "Hours of completed / of all activities not cancelled")
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            if competence.recognition is not None:
                return STATUS_COLORS[ActivityStatus.COMPLETED]
            if progress.late:
                return LATE_COLOR
            if progress.overdue:
                return OVERDUE_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3, 4):
            return ALIGN_RIGHT
        if role == COMPETENCE_ROLE:
            return competence
        return None

    def _note(self, competence: RouteCompetence) -> str:
        progress = competence.progress
        notes = []
        if competence.recognition is not None:
            notes.append(_tr("RouteProgress", "Recognised (partial certificate)"))
        elif not progress.planned and not progress.completed:
            notes.append(_tr("RouteProgress", "Nothing planned yet"))
        if progress.late:
            notes.append(
                QCoreApplication.translate(
                    "RouteProgress", "%n after the deadline", "", progress.late
                )
            )
        if progress.overdue:
            notes.append(
                QCoreApplication.translate("RouteProgress", "%n overdue", "", progress.overdue)
            )
        return " · ".join(notes)
