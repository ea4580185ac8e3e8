"""The embedded fonts of every PDF: DejaVu Sans (resources/fonts), which has every letter a
name may need ("Nguyễn Thảo", "Doğan", "Øyvind").

ReportLab is imported inside the function: start-up never loads it. Each PDF embeds only the
glyphs it uses (``asciiReadable=False``: ReportLab's default would also embed all of ASCII),
which makes a one-page certificate ~40 % smaller and ~35 % faster to write; justified
paragraphs still space their words correctly.
"""

from __future__ import annotations

from typing import Any

from utq_desktop.resources import resource_path

FONT, BOLD = "UTQSans", "UTQSans-Bold"

# Letters most names and texts use, claimed first in every PDF of a batch (prime_subsets):
# then the font subsets of two certificates differ only when a name brings a rarer letter,
# and the subset ReportLab builds for each PDF (~20 % of a certificate's time) is reused.
COMMON_LETTERS = "".join(chr(c) for c in range(0x20, 0x7F)) + "áäçéèëíïñóöøüğış‘’“”–·"
SUBSET_CACHE_SIZE = 256


def register_fonts() -> None:
    """Register the family once per process (cheap to call again)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        path = str(resource_path("fonts", file))
        font = TTFont(name, path, asciiReadable=False)
        _reuse_subsets(font.face)
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def prime_subsets(canvas: Any) -> None:
    """Claim COMMON_LETTERS first in this PDF, in a fixed order, for both faces."""
    from reportlab.pdfbase import pdfmetrics

    for name in (FONT, BOLD):
        pdfmetrics.getFont(name).splitString(COMMON_LETTERS, canvas._doc)


def _reuse_subsets(face: Any) -> None:
    """Remember the subset font programs ReportLab makes; the same letters in the same
    order give the same bytes, so a batch of certificates builds each one once."""
    make = face.makeSubset
    made: dict[tuple[int, ...], bytes] = {}

    def make_once(subset: list[int]) -> bytes:
        key = tuple(subset)
        content = made.get(key)
        if content is None:
            if len(made) >= SUBSET_CACHE_SIZE:
                made.clear()
            content = made[key] = make(subset)
        return content

    face.makeSubset = make_once
