"""The middle of a certificate, from "Hierbij wordt verklaard dat" down: a column of centred
lines measured before it is drawn.

Every line keeps a fixed distance to the one above and has some flexible space on top of
that; when a long name or activity title would push the column into the date, the flexible
space shrinks (and, if that is not enough, the activity title loses a line), so nothing ever
overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from utq_desktop.documents import certificate_text as text
from utq_desktop.documents.certificate_colours import BRASS, INK, MUTED, NAVY, PAPER_TINT, RGB
from utq_desktop.documents.certificate_data import CertificateData
from utq_desktop.documents.certificate_draw import (
    CENTRE,
    MM,
    TEXT_WIDTH,
    centred,
    lines_of,
    rule,
    width_of,
)
from utq_desktop.documents.fonts import BOLD, FONT
from utq_desktop.domain.certificate_codes import CertificateKind

NAME_SIZES = (26, 24, 22, 20, 18, 16)  # a long name shrinks before it wraps
NAME_WIDTH = TEXT_WIDTH + 10 * MM
NOTE_WIDTH = 146 * MM


@dataclass(frozen=True, slots=True)
class Item:
    """One line, rule or boxed note of the column. ``fixed`` + ``flex`` is the distance
    from the previous item's baseline; ``below`` how far it reaches under its own."""

    kind: str  # "text", "rule" or "note"
    text: str = ""
    font: str = FONT
    size: float = 10.0
    colour: RGB = INK
    fixed: float = 0.0
    flex: float = 0.0
    below: float = 0.0
    second: str = ""  # a note's English line


def draw_body(canvas: Any, data: CertificateData, top: float, bottom: float) -> None:
    """Draw the column under baseline ``top``, keeping everything above ``bottom``."""
    items = _items(data, title_lines=3)
    if _fixed(items) > top - bottom:
        items = _items(data, title_lines=2)
    flexible = sum(i.flex for i in items)
    spare = (top - bottom) - _fixed(items)
    factor = max(0.0, min(1.0, spare / flexible)) if flexible else 1.0
    y = top
    for item in items:
        y -= item.fixed + item.flex * factor
        _draw(canvas, item, y)


def _fixed(items: list[Item]) -> float:
    return sum(i.fixed for i in items) + (items[-1].below if items else 0.0)


def _items(data: CertificateData, title_lines: int) -> list[Item]:
    items = [
        Item("text", text.CERTIFY.nl, FONT, 11, INK, fixed=8 * MM, flex=7 * MM),
        Item("text", text.CERTIFY.en, FONT, 9.5, MUTED, fixed=5 * MM),
        *_name(data.holder_name),
        Item("rule", fixed=5 * MM),
    ]
    if data.kind is CertificateKind.UTQ:
        items += _lines(text.UTQ_BODY.nl, FONT, 10.5, INK, 14.5, fixed=6 * MM, flex=5 * MM)
        items += _lines(text.UTQ_BODY.en, FONT, 9.5, MUTED, 13, fixed=5 * MM, flex=3 * MM)
        items += [
            Item("text", text.UTQ_RECOGNITION.nl, FONT, 8.5, INK, fixed=6 * MM, flex=4 * MM),
            Item("text", text.UTQ_RECOGNITION.en, FONT, 8, MUTED, fixed=4 * MM, below=MM),
        ]
        return items
    activity = data.activity
    assert activity is not None  # CertificateData checks this
    items += [
        Item("text", text.TOOK_PART.nl, FONT, 11, INK, fixed=6 * MM, flex=5 * MM),
        Item("text", text.TOOK_PART.en, FONT, 9.5, MUTED, fixed=5 * MM),
    ]
    items += _lines(activity.title, BOLD, 15, NAVY, 19, fixed=7 * MM, flex=2 * MM, most=title_lines)
    facts = [
        fact
        for fact in (
            text.ACTIVITY_KINDS.get(activity.kind) if activity.kind else None,
            text.hours(activity.hours),
            text.period(activity.first_day, activity.last_day),
        )
        if fact is not None
    ]
    if facts:
        items += [
            Item("text", "  ·  ".join(f.nl for f in facts), FONT, 10, INK, fixed=6 * MM, flex=MM),
            Item("text", "  ·  ".join(f.en for f in facts), FONT, 9, MUTED, fixed=4.8 * MM),
        ]
    note = text.NOT_THE_QUALIFICATION
    items.append(
        Item(
            "note", note.nl, BOLD, 9, INK, fixed=10 * MM, flex=4 * MM, below=9 * MM, second=note.en
        )
    )
    return items


def _name(name: str) -> list[Item]:
    size = next((s for s in NAME_SIZES if width_of(name, BOLD, s) <= NAME_WIDTH), 0)
    if size:
        return [Item("text", name, BOLD, size, INK, fixed=12 * MM, flex=7 * MM, below=2 * MM)]
    # a very long name: two (or more) lines at the smallest size
    return _lines(name, BOLD, NAME_SIZES[-1], INK, 20, fixed=12 * MM, flex=7 * MM, width=NAME_WIDTH)


def _lines(
    body: str,
    font: str,
    size: float,
    colour: RGB,
    leading: float,
    *,
    fixed: float,
    flex: float,
    width: float = TEXT_WIDTH,
    most: int = 0,
) -> list[Item]:
    wrapped = lines_of(body, font, size, width, most)
    return [
        Item(
            "text",
            line,
            font,
            size,
            colour,
            fixed=fixed if i == 0 else leading,
            flex=flex * (i == 0),
        )
        for i, line in enumerate(wrapped)
    ]


def _draw(canvas: Any, item: Item, y: float) -> None:
    if item.kind == "text":
        centred(canvas, item.text, y, item.font, item.size, item.colour)
    elif item.kind == "rule":
        rule(canvas, y, 95 * MM, BRASS, 0.6)
    else:
        height = 15 * MM
        canvas.saveState()
        canvas.setFillColorRGB(*PAPER_TINT)
        canvas.setStrokeColorRGB(*BRASS)
        canvas.setLineWidth(0.6)
        left = CENTRE - NOTE_WIDTH / 2
        canvas.roundRect(left, y - height + 6 * MM, NOTE_WIDTH, height, 2 * MM, 1, 1)
        canvas.restoreState()
        centred(canvas, item.text, y, item.font, item.size, item.colour, width=NOTE_WIDTH - 8)
        centred(canvas, item.second, y - 4.6 * MM, FONT, 8.5, MUTED, width=NOTE_WIDTH - 8)
