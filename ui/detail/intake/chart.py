"""The self-diagnosis at a glance: one horizontal bar per competence, painted by hand.

A bar reaches the candidate's self-rating on the framework's scale; its colour runs from
amber (the lowest point) to green (the highest). Criteria rated separately show as small
marks above their competence's bar; an unrated competence shows an empty, dashed track.
Wide, the names stand left of the bars; narrow, above them (the height follows the width).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

LOW, HIGH = QColor("#d98b2b"), QColor("#2e8b47")
BAR_HEIGHT = 16
ROW_GAP = 10
MARGIN = 6
COMPACT_BELOW = 460  # px: narrower than this, the names go above the bars


@dataclass(frozen=True)
class ChartRow:
    code: str
    name: str
    rating: int | None
    criteria: tuple[int, ...] = ()  # ratings of separately rated criteria


def blend(fraction: float) -> QColor:
    """The bar colour for a position on the scale (0: lowest, 1: highest)."""
    fraction = min(max(fraction, 0.0), 1.0)
    return QColor.fromRgbF(
        LOW.redF() + (HIGH.redF() - LOW.redF()) * fraction,
        LOW.greenF() + (HIGH.greenF() - LOW.greenF()) * fraction,
        LOW.blueF() + (HIGH.blueF() - LOW.blueF()) * fraction,
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("SelfDiagnosisChart", text)


class CompetenceChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfDiagnosisChart")
        self.setAccessibleName(self.tr("Self-diagnosis chart"))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._scale: list[tuple[int, str]] = []
        self._rows: list[ChartRow] = []

    def set_data(self, scale: list[tuple[int, str]], rows: list[ChartRow]) -> None:
        self._scale = sorted(scale)
        self._rows = list(rows)
        summary = self.summary()
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.updateGeometry()
        self.update()

    def summary(self) -> str:
        """The chart in words, for screen readers and the tooltip."""
        labels = dict(self._scale)
        top = self._scale[-1][0] if self._scale else 0
        lines = []
        for row in self._rows:
            if row.rating is None:
                rated = _tr("not rated")
            else:
                rated = _tr("{value} of {top} ({label})").format(
                    value=row.rating, top=top, label=labels.get(row.rating, "")
                )
            if row.criteria:
                rated += _tr("; criteria rated separately: {ratings}").format(
                    ratings=", ".join(str(value) for value in row.criteria)
                )
            lines.append(f"{row.code} {row.name}: {rated}")
        return "\n".join(lines)

    # --- geometry --------------------------------------------------------------------------

    def _row_height(self, width: int) -> int:
        text = self.fontMetrics().height()
        if width < COMPACT_BELOW:
            return text + 2 + BAR_HEIGHT + ROW_GAP
        return max(text, BAR_HEIGHT) + ROW_GAP

    def heightForWidth(self, width: int) -> int:
        rows = max(len(self._rows), 1)
        axis = self.fontMetrics().height() + 4 if self._scale else 0
        return 2 * MARGIN + rows * self._row_height(width) + axis

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(480, self.heightForWidth(480))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(max(self.width(), 200)))

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if not self._scale or not self._rows:
            painter.setPen(muted)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, _tr("No self-diagnosis yet.")
            )
            painter.end()
            return
        metrics = QFontMetrics(self.font())
        width = self.width() - 2 * MARGIN
        compact = self.width() < COMPACT_BELOW
        row_height = self._row_height(self.width())
        if compact:
            label_width = 0
        else:
            widest = max(metrics.horizontalAdvance(self._label(r)) for r in self._rows) + 12
            label_width = min(int(width * 0.42), widest)
        left = MARGIN + label_width
        bar_width = max(width - label_width, 60)
        low, high = self._scale[0][0], self._scale[-1][0]
        steps = high - low + 1

        def x_of(value: int) -> float:
            return left + bar_width * (value - low + 1) / steps

        track = palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(55)
        for index, row in enumerate(self._rows):
            top = MARGIN + index * row_height
            if compact:
                label_rect = QRectF(MARGIN, top, width, metrics.height())
                bar_top = top + metrics.height() + 2
            else:
                label_rect = QRectF(MARGIN, top, label_width - 12, row_height - ROW_GAP)
                bar_top = top + (row_height - ROW_GAP - BAR_HEIGHT) / 2
            painter.setPen(text_color)
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(
                    self._label(row), Qt.TextElideMode.ElideRight, int(label_rect.width())
                ),
            )
            bar = QRectF(left, bar_top, bar_width, BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 3, 3)
            if row.rating is None:
                painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(bar, 3, 3)
                painter.drawText(
                    bar.adjusted(6, 0, 0, 0),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    _tr("not rated"),
                )
            else:
                filled = QRectF(bar)
                filled.setRight(x_of(row.rating))
                painter.setBrush(blend((row.rating - low) / max(high - low, 1)))
                painter.drawRoundedRect(filled, 3, 3)
                self._value_text(painter, metrics, bar, filled, row.rating)
            for rating in row.criteria:
                self._criterion_mark(painter, x_of(rating), bar, text_color)
        self._axis(painter, metrics, left, bar_width, MARGIN + len(self._rows) * row_height, muted)
        painter.end()

    @staticmethod
    def _label(row: ChartRow) -> str:
        return f"{row.code}  {row.name}"

    def _value_text(
        self, painter: QPainter, metrics: QFontMetrics, bar: QRectF, filled: QRectF, value: int
    ) -> None:
        label = dict(self._scale).get(value, "")
        text = f"{value} · {label}" if label else str(value)
        if filled.width() >= metrics.horizontalAdvance(text) + 12:
            painter.setPen(QColor("white"))
            area, align = filled.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignRight
        else:
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            area = QRectF(filled.right() + 6, bar.top(), bar.right() - filled.right(), bar.height())
            align = Qt.AlignmentFlag.AlignLeft
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(area.width()) - 2)
        painter.drawText(area, align | Qt.AlignmentFlag.AlignVCenter, text)

    @staticmethod
    def _criterion_mark(painter: QPainter, x: float, bar: QRectF, color: QColor) -> None:
        """A small triangle just above the bar where a criterion was rated."""
        size, y = 4.0, bar.top() - 1
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(
            QPolygonF([QPointF(x - size, y - size), QPointF(x + size, y - size), QPointF(x, y)])
        )

    def _axis(
        self,
        painter: QPainter,
        metrics: QFontMetrics,
        left: float,
        bar_width: float,
        top: float,
        color: QColor,
    ) -> None:
        """Under the bars: each point of the scale, centred on its step."""
        painter.setPen(color)
        step = bar_width / len(self._scale)
        for position, (value, label) in enumerate(self._scale):
            area = QRectF(left + position * step, top, step, metrics.height() + 4)
            text = metrics.elidedText(
                f"{value} {label}", Qt.TextElideMode.ElideRight, int(step) - 4
            )
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, text)
