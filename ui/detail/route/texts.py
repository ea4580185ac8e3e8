"""How the learning route's values look on screen: translated labels and status colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from utq_desktop.domain.route import ActivityKind, ActivityStatus, format_hours

STATUS_COLORS = {
    ActivityStatus.PLANNED: QColor("#607d8b"),
    ActivityStatus.REGISTERED: QColor("#1e6fd9"),
    ActivityStatus.COMPLETED: QColor("#2e7d32"),
    ActivityStatus.CANCELLED: QColor("#9e9e9e"),
}
LATE_COLOR = QColor("#c62828")  # planned after the deadline
OVERDUE_COLOR = QColor("#b26a00")  # still open after its planned date
TODAY_COLOR = QColor("#1565c0")
INTAKE_COLOR = QColor("#6d4c41")


def kind_text(kind: ActivityKind) -> str:
    return QCoreApplication.translate("ActivityKind", kind.label)


def activity_status_text(status: ActivityStatus) -> str:
    return QCoreApplication.translate("ActivityStatus", status.label)


def hours_text(hours: float | None) -> str:
    return format_hours(hours)


def status_action_text(status: ActivityStatus) -> str:
    """The menu entry that moves an activity to ``status``."""
    texts = {
        ActivityStatus.PLANNED: "Set back to &planned",
        ActivityStatus.REGISTERED: "Mark &registered…",
        ActivityStatus.COMPLETED: "Mark &completed…",
        ActivityStatus.CANCELLED: "Mark ca&ncelled…",
    }
    return QCoreApplication.translate("RouteTab", texts[status])
