"""The certificate's colours, as RGB tuples: set with setFillColorRGB, which parses nothing
(ReportLab's colour-name parsing was ~4 ms of every certificate)."""

from __future__ import annotations

RGB = tuple[float, float, float]


def rgb(hex_colour: str) -> RGB:
    """'#1d3a5f' -> (0.11, 0.23, 0.37)."""
    value = hex_colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"{hex_colour!r} is not a colour like #1d3a5f")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


NAVY = rgb("#1d3a5f")
BRASS = rgb("#a8875a")
INK = rgb("#1f2933")
MUTED = rgb("#5f6b7a")
HAIRLINE = rgb("#d9d3c7")
PAPER_TINT = rgb("#f6f2ea")
