"""The route as a picture: one marker per activity on a time axis from the intake to the
deadline (and a little beyond), coloured by status, with today and the deadline marked.
Activities planned after the deadline are flagged in red, overdue ones ringed in amber.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget
from utq_desktop.domain.route import ActivityStatus
from utq_desktop.services.route_dto import Activity, RouteDetail

from ui.detail.route.texts import (
    INTAKE_COLOR,
    LATE_COLOR,
    OVERDUE_COLOR,
    STATUS_COLORS,
    TODAY_COLOR,
    activity_status_text,
)
from ui.formatting import format_date

RADIUS = 6.0
ROW_HEIGHT = 15.0
MAX_ROWS = 6
LEFT, RIGHT = 14.0, 14.0
TOP = 22.0  # room for the labels of the today and deadline lines
AXIS_HEIGHT = 30.0
LEGEND_HEIGHT = 20.0
MARGIN_DAYS = 45


@dataclass(frozen=True)
class Marker:
    activity_id: int
    day: date
    x: float
    row: int
    late: bool
    overdue: bool


def marker_day(activity: Activity) -> date | None:
    """Where an activity sits: when it was completed, else its planned date."""
    if activity.status is ActivityStatus.COMPLETED and activity.dates.completed_on:
        return activity.dates.completed_on
    return activity.data.planned_on


class RouteTimeline(QWidget):
    """``activity_clicked(id)`` when a marker is clicked; ``select(id)`` rings one."""

    activity_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routeTimeline")
        self.setAccessibleName(self.tr("Timeline of the learning route"))
        self.setMouseTracking(True)
        self.setMinimumHeight(int(TOP + ROW_HEIGHT * 3 + AXIS_HEIGHT + LEGEND_HEIGHT))
        self._route: RouteDetail | None = None
        self._selected = 0

    # --- data ------------------------------------------------------------------------------

    def set_route(self, route: RouteDetail | None) -> None:
        self._route = route
        self.updateGeometry()
        self.update()

    def select(self, activity_id: int) -> None:
        if activity_id != self._selected:
            self._selected = activity_id
            self.update()

    def span(self) -> tuple[date, date]:
        """The days at the left and right edge: intake (or the first activity, or today)
        to the deadline (or the last activity) plus a margin."""
        route = self._route
        today = route.today if route else date.today()
        days = [d for d in (marker_day(a) for a in route.activities) if d] if route else []
        first = min([today, *days, *([route.intake_on] if route and route.intake_on else [])])
        ends = [today, *days, *([route.deadline] if route and route.deadline else [])]
        last = max(ends)
        if (last - first).days < 120:
            last = first + timedelta(days=120)
        return first - timedelta(days=MARGIN_DAYS // 3), last + timedelta(days=MARGIN_DAYS)

    def x_of(self, day: date) -> float:
        start, end = self.span()
        width = max(1.0, self.width() - LEFT - RIGHT)
        return LEFT + width * (day - start).days / max(1, (end - start).days)

    def markers(self) -> list[Marker]:
        """Each dated activity's place: x by date, rows stacked so markers do not overlap."""
        if self._route is None:
            return []
        placed: list[Marker] = []
        row_ends: list[float] = []  # the right edge of the last marker in each row
        dated = [(marker_day(a), a) for a in self._route.activities]
        for day, activity in sorted(
            ((d, a) for d, a in dated if d is not None), key=lambda item: (item[0], item[1].id)
        ):
            x = self.x_of(day)
            row = next((i for i, end in enumerate(row_ends) if x - RADIUS > end + 2), None)
            if row is None:
                if len(row_ends) < MAX_ROWS:
                    row_ends.append(0.0)
                    row = len(row_ends) - 1
                else:  # crowded: stack on the row that ends first
                    row = min(range(len(row_ends)), key=row_ends.__getitem__)
            row_ends[row] = x + RADIUS
            placed.append(Marker(activity.id, day, x, row, activity.late, activity.overdue))
        return placed

    def _rows_height(self) -> float:
        rows = max(3, min(MAX_ROWS, len({m.row for m in self.markers()}) or 1))
        return TOP + ROW_HEIGHT * rows + 12 + AXIS_HEIGHT

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._rows_height() + self.legend_height(width))

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        route = self._route
        if route is None:
            painter.end()
            return
        metrics = QFontMetrics(self.font())
        axis_y = self.height() - self.legend_height() - AXIS_HEIGHT
        start, end = self.span()
        # after the deadline: shaded
        if route.deadline is not None:
            x = self.x_of(route.deadline)
            shade = QColor(LATE_COLOR)
            shade.setAlpha(22)
            painter.fillRect(QRectF(x, TOP - 4, self.width() - RIGHT - x, axis_y - TOP + 4), shade)
        self._axis(painter, metrics, axis_y, start, end)
        # today first: its label wins where labels would collide
        labels: list[QRectF] = []
        self._line(
            painter,
            route.today,
            TODAY_COLOR,
            Qt.PenStyle.SolidLine,
            axis_y,
            self.tr("Today"),
            labels,
            prefer_left=True,
        )
        if route.deadline is not None:
            label = self.tr("Deadline {date}").format(date=format_date(route.deadline))
            self._line(
                painter, route.deadline, LATE_COLOR, Qt.PenStyle.DashLine, axis_y, label, labels
            )
        if route.intake_on is not None:
            self._line(
                painter,
                route.intake_on,
                INTAKE_COLOR,
                Qt.PenStyle.DotLine,
                axis_y,
                self.tr("Intake"),
                labels,
                prefer_left=True,
            )
        activities = {a.id: a for a in route.activities}
        for marker in self.markers():
            self._marker(painter, marker, activities[marker.activity_id])
        self._legend(painter, metrics)
        undated = sum(1 for a in route.activities if marker_day(a) is None)
        if not route.activities or undated:
            text = (
                self.tr("Without a date: %n", "", undated)
                if route.activities
                else self.tr("No activities planned yet")
            )
            painter.setPen(palette.placeholderText().color())
            painter.drawText(QPointF(LEFT, TOP + metrics.ascent()), text)
        painter.end()

    def _axis(
        self, painter: QPainter, metrics: QFontMetrics, y: float, start: date, end: date
    ) -> None:
        pen = QPen(self.palette().text().color())
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.drawLine(QPointF(LEFT, y), QPointF(self.width() - RIGHT, y))
        month = date(start.year, start.month, 1)
        span_px = self.width() - LEFT - RIGHT
        months = max(1, (end.year - start.year) * 12 + end.month - start.month)
        label_every = next(step for step in (1, 2, 3, 6, 12) if span_px / months * step >= 48)
        while month <= end:
            if month >= start:
                x = self.x_of(month)
                index = month.year * 12 + month.month - 1
                tall = month.month == 1
                painter.drawLine(QPointF(x, y), QPointF(x, y + (7 if tall else 4)))
                if index % label_every == 0 or tall:
                    text = (
                        str(month.year)
                        if tall or label_every == 12
                        else QLocale().standaloneMonthName(
                            month.month, QLocale.FormatType.ShortFormat
                        )
                    )
                    if tall:
                        painter.save()
                        font = painter.font()
                        font.setBold(True)
                        painter.setFont(font)
                    painter.drawText(QPointF(x + 2, y + 6 + metrics.ascent()), text)
                    if tall:
                        painter.restore()
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)

    def _line(
        self,
        painter: QPainter,
        day: date,
        color: QColor,
        style: Qt.PenStyle,
        axis_y: float,
        label: str,
        labels: list[QRectF],
        prefer_left: bool = False,
    ) -> None:
        """A vertical line at ``day`` with its label beside it, on whichever side does not
        cover a label already drawn (none if both would)."""
        x = self.x_of(day)
        pen = QPen(color)
        pen.setWidthF(1.6)
        pen.setStyle(style)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, TOP - 4), QPointF(x, axis_y))
        metrics = QFontMetrics(painter.font())
        width, height = metrics.horizontalAdvance(label), metrics.height()
        sides = [x - width - 3, x + 3]
        if not prefer_left:
            sides.reverse()
        for left in sides:
            rect = QRectF(left, TOP - 8 - metrics.ascent(), width, height)
            inside = rect.left() >= 1 and rect.right() <= self.width() - 1
            if inside and not any(rect.intersects(other) for other in labels):
                labels.append(rect.adjusted(-4, 0, 4, 0))
                painter.drawText(QPointF(left, TOP - 8), label)
                return

    def center_of(self, marker: Marker) -> QPointF:
        axis_y = self.height() - self.legend_height() - AXIS_HEIGHT
        return QPointF(marker.x, axis_y - 10 - marker.row * ROW_HEIGHT)

    def _marker(self, painter: QPainter, marker: Marker, activity: Activity) -> None:
        center = self.center_of(marker)
        fill = LATE_COLOR if marker.late else STATUS_COLORS[activity.status]
        ring = LATE_COLOR.darker(140) if marker.late else OVERDUE_COLOR if marker.overdue else None
        pen = QPen(ring or fill.darker(130))
        pen.setWidthF(2.6 if ring else 1.0)
        painter.setPen(pen)
        if activity.status is ActivityStatus.CANCELLED:
            painter.setBrush(self.palette().base())
        else:
            painter.setBrush(fill)
        painter.drawEllipse(center, RADIUS, RADIUS)
        if activity.status is ActivityStatus.CANCELLED:
            cross = QPen(fill)
            cross.setWidthF(1.4)
            painter.setPen(cross)
            d = RADIUS * 0.55
            painter.drawLine(center + QPointF(-d, -d), center + QPointF(d, d))
            painter.drawLine(center + QPointF(-d, d), center + QPointF(d, -d))
        if marker.late:
            painter.setPen(QPen(QColor("white")))
            font = painter.font()
            font.setBold(True)
            painter.save()
            painter.setFont(font)
            painter.drawText(
                QRectF(center.x() - RADIUS, center.y() - RADIUS, 2 * RADIUS, 2 * RADIUS),
                Qt.AlignmentFlag.AlignCenter,
                "!",
            )
            painter.restore()
        if marker.activity_id == self._selected:
            highlight = QPen(self.palette().highlight().color())
            highlight.setWidthF(2.0)
            painter.setPen(highlight)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(center, RADIUS + 3.5, RADIUS + 3.5)

    def _legend_items(self) -> list[tuple[str, QColor, QColor | None]]:
        items = [(activity_status_text(s), STATUS_COLORS[s], None) for s in ActivityStatus]
        items.append((self.tr("after the deadline"), LATE_COLOR, None))
        items.append((self.tr("overdue"), self.palette().base().color(), OVERDUE_COLOR))
        return items

    def _legend_places(self, width: int) -> list[tuple[float, int]]:
        """(x, line) of each legend item, wrapped to the width."""
        metrics = QFontMetrics(self.font())
        places, x, line = [], LEFT, 0
        for text, _color, _ring in self._legend_items():
            needed = 14 + metrics.horizontalAdvance(text)
            if x > LEFT and x + needed > width - RIGHT:
                x, line = LEFT, line + 1
            places.append((x, line))
            x += needed + 14
        return places

    def legend_height(self, width: int | None = None) -> float:
        places = self._legend_places(self.width() if width is None else width)
        return LEGEND_HEIGHT * (1 + max((line for _x, line in places), default=0))

    def _legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        top = self.height() - self.legend_height()
        places = self._legend_places(self.width())
        for (text, color, ring), (x, line) in zip(self._legend_items(), places, strict=True):
            y = top + LEGEND_HEIGHT * line + LEGEND_HEIGHT / 2
            pen = QPen(ring or color.darker(130))
            pen.setWidthF(2.4 if ring else 1.0)
            painter.setPen(pen)
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x + 5, y), 4.5, 4.5)
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(x + 14, y + metrics.ascent() / 2 - 1), text)

    # --- interaction -------------------------------------------------------------------------

    def marker_at(self, x: float, y: float) -> Marker | None:
        for marker in self.markers():
            center = self.center_of(marker)
            if (center.x() - x) ** 2 + (center.y() - y) ** 2 <= (RADIUS + 2) ** 2:
                return marker
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            marker = self.marker_at(event.pos().x(), event.pos().y())
            if marker is None or self._route is None:
                QToolTip.hideText()
                event.ignore()
                return True
            activity = next(a for a in self._route.activities if a.id == marker.activity_id)
            text = f"{activity.data.title}\n{format_date(marker.day)} · "
            text += activity_status_text(activity.status)
            if marker.late:
                text += "\n" + self.tr("Planned after the UTQ deadline.")
            elif marker.overdue:
                text += "\n" + self.tr("Its date has passed.")
            QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        marker = self.marker_at(event.position().x(), event.position().y())
        if marker is not None and event.button() == Qt.MouseButton.LeftButton:
            self.activity_clicked.emit(marker.activity_id)
        super().mousePressEvent(event)
