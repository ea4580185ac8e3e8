"""Page geometry and the small text helpers every part of a certificate uses.

Colours are RGB tuples set with setFillColorRGB (ReportLab parses nothing), and wrapped
lines of the fixed wording are cached: a ceremony batch draws the same sentences hundreds of
times.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from utq_desktop.documents.certificate_colours import RGB

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898  # A4 in points
CENTRE = PAGE_WIDTH / 2
TEXT_WIDTH = 140 * MM


def width_of(line: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(line, font, size)


def centred(
    canvas: Any,
    line: str,
    y: float,
    font: str,
    size: float,
    colour: RGB,
    *,
    at: float = CENTRE,
    space: float = 0.0,
    width: float = 0.0,
) -> None:
    """One centred line; letter-spaced by ``space``; shrunk to ``width`` when given."""
    measured = width_of(line, font, size) + space * max(len(line) - 1, 0)
    if width and measured > width:
        size *= width / measured
        measured = width
    canvas.setFillColorRGB(*colour)
    if not space:
        canvas.setFont(font, size)
        canvas.drawCentredString(at, y, line)
        return
    canvas.saveState()  # character spacing is text state: keep it to this line
    text_object = canvas.beginText(at - measured / 2, y)
    text_object.setFont(font, size)
    text_object.setCharSpace(space)
    text_object.textOut(line)
    canvas.drawText(text_object)
    canvas.restoreState()


def lines_of(body: str, font: str, size: float, width: float, most: int = 0) -> tuple[str, ...]:
    """``body`` wrapped to ``width``; at most ``most`` lines, the last shortened with '…'."""
    wrapped = _wrap(body, font, size, width) or ("",)
    if most and len(wrapped) > most:
        rest = " ".join(wrapped[most - 1 :])
        wrapped = (*wrapped[: most - 1], fit(rest, font, size, width, force=True))
    return wrapped


@lru_cache(maxsize=1024)
def _wrap(body: str, font: str, size: float, width: float) -> tuple[str, ...]:
    from reportlab.lib.utils import simpleSplit

    return tuple(simpleSplit(body, font, size, width))


def fit(line: str, font: str, size: float, width: float, *, force: bool = False) -> str:
    """``line`` shortened with '…' to ``width`` (``force``: mark it cut even if it fits)."""
    if not force and width_of(line, font, size) <= width:
        return line
    while line and width_of(line + "…", font, size) > width:
        line = line[:-1]
    return line.rstrip(" ,.;:-") + "…"


def paragraph(
    canvas: Any,
    lines: tuple[str, ...],
    y: float,
    font: str,
    size: float,
    colour: RGB,
    leading: float,
    *,
    at: float = CENTRE,
) -> float:
    """Centred ``lines`` from baseline ``y`` down; returns the last baseline."""
    canvas.setFillColorRGB(*colour)
    canvas.setFont(font, size)
    for index, line in enumerate(lines):
        canvas.drawCentredString(at, y - index * leading, line)
    return y - (len(lines) - 1) * leading


def rule(canvas: Any, y: float, length: float, colour: RGB, width: float) -> None:
    canvas.setStrokeColorRGB(*colour)
    canvas.setLineWidth(width)
    canvas.line(CENTRE - length / 2, y, CENTRE + length / 2, y)
