"""How values look on screen: dates in the user's locale, translated status names."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime, QTimeZone
from PySide6.QtGui import QColor
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.domain.intake import IntakeState, ProgrammeLevel

OVERDUE_COLOR = QColor("#c62828")
DUE_SOON_COLOR = QColor("#b26a00")
ARCHIVED_COLOR = QColor("#808080")
NO_VALUE = "—"  # what an empty cell shows: nothing recorded (yet)


def date_format() -> str:
    """The locale's short date with a four-digit year (Dutch users expect d-m-yyyy)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:  # no locale configured: the Dutch style
        return "d-M-yyyy"
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def format_date(value: date | None, fmt: str | None = None) -> str:
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), fmt or date_format())


def format_timestamp(value: datetime) -> str:
    """A stored UTC timestamp in the user's local time."""
    utc = QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute, value.second),
        QTimeZone.utc(),
    )
    return QLocale().toString(utc.toLocalTime(), f"{date_format()} HH:mm")


def status_text(status: TrajectoryStatus) -> str:
    return QCoreApplication.translate("TrajectoryStatus", status.label)


def intake_text(state: IntakeState) -> str:
    return QCoreApplication.translate("IntakeState", state.label)


def level_text(level: ProgrammeLevel) -> str:
    return QCoreApplication.translate("ProgrammeLevel", level.label)


def status_with_intake(status: TrajectoryStatus, intake: IntakeState) -> str:
    """'Intake · meeting planned': the status, with the intake's state while it matters."""
    text = status_text(status)
    if status is TrajectoryStatus.INTAKE or (
        status is TrajectoryStatus.REGISTERED and intake.started
    ):
        return QCoreApplication.translate("Register", "{status} · {intake}").format(
            status=text, intake=intake_text(intake).lower()
        )
    return text


def due_text(state: DueState) -> str:
    return QCoreApplication.translate("DueState", state.label)


def due_color(state: DueState) -> QColor | None:
    if state is DueState.OVERDUE:
        return OVERDUE_COLOR
    if state is DueState.DUE_SOON:
        return DUE_SOON_COLOR
    return None


ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
