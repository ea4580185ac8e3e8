"""Certificates as A4 PDF pages: the UTQ certificate and the certificate of participation.

Drawn directly on a ReportLab canvas (no flowables: a certificate is one fixed page, and a
ceremony batch writes hundreds a second). Text is DejaVu Sans (every letter a name may need),
embedded per file with only the glyphs used. The output is deterministic: the same data
gives the same bytes (ReportLab's invariant mode, the award date as the file's date), so a
file can be checked against the sha256 the register keeps.

Layout, top to bottom: frame; logo or emblem; institution; the bilingual title; the column
with the holder's name and what the certificate attests (certificate_body: for
participation the activity, and that it is not the qualification); place and date; up to
three signatures; a footer with the serial number on the left and the QR code, with the
verification code under it, on the right.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from utq_desktop.documents import certificate_text as text
from utq_desktop.documents.certificate_art import Logo, draw_frame, draw_logo, load_logo
from utq_desktop.documents.certificate_body import draw_body
from utq_desktop.documents.certificate_colours import BRASS, HAIRLINE, INK, MUTED, NAVY
from utq_desktop.documents.certificate_data import CertificateData, Signatory
from utq_desktop.documents.certificate_draw import (
    CENTRE,
    MM,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    centred,
    fit,
    lines_of,
    paragraph,
    rule,
    width_of,
)
from utq_desktop.documents.fonts import BOLD, FONT, prime_subsets, register_fonts
from utq_desktop.documents.output import write_file
from utq_desktop.documents.qr import QUIET_ZONE, draw_qr, qr_matrix
from utq_desktop.errors import OperationCancelledError

FRAME_INSET = 10 * MM
QR_SIDE = 20 * MM
DATE_Y = 100 * MM  # baseline of place and date, from the bottom of the page
SIGNATURE_Y = 70 * MM  # the signature lines


def certificate_pdf_bytes(data: CertificateData, logo: Logo | None = None) -> bytes:
    """One certificate as a one-page PDF; ``logo``: from load_logo (None: the emblem)."""
    canvas, buffer = _canvas(data.award_date, _title(data), data.institution, compress=False)
    draw_certificate(canvas, data, logo if logo is not None else load_logo(None))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_certificate_pdf(data: CertificateData, path: Path, logo: Logo | None = None) -> None:
    """Write one certificate to ``path`` (all or nothing; ExportError names the file)."""
    write_file(path, certificate_pdf_bytes(data, logo))


def combined_pdf_bytes(
    certificates: Iterable[CertificateData],
    logo: Logo | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """Every certificate as a page of one PDF, for printing (fonts embedded once).

    ``progress(pages)`` is called every 50 pages; ``cancelled()`` is checked before each
    page and raises OperationCancelledError when true.
    """
    items = list(certificates)
    if not items:
        raise ValueError("a combined PDF needs at least one certificate")
    first = items[0]
    canvas, buffer = _canvas(first.award_date, "Certificates", first.institution, compress=True)
    art = logo if logo is not None else load_logo(None)
    for page, data in enumerate(items, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelledError("Cancelled; the combined PDF was not written.")
        draw_certificate(canvas, data, art)
        canvas.showPage()
        if progress is not None and (page % 50 == 0 or page == len(items)):
            progress(page)
    canvas.save()
    return buffer.getvalue()


def _title(data: CertificateData) -> str:
    return f"{data.kind.label} — {data.holder_name}"


def _canvas(day: date, title: str, author: str, *, compress: bool) -> tuple[Any, io.BytesIO]:
    """A canvas for one A4 document; ``invariant``: no random file id or clock time, so
    equal data gives equal bytes.

    A single certificate is not compressed: Flate-compressing its two embedded font subsets
    costs ~3 ms, ~40 % of writing it (70 KB instead of 34 KB). The combined PDF embeds the
    fonts once for all pages, so there compression is nearly free.
    """
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,
        pageCompression=int(compress),
        initialFontName=FONT,  # not ReportLab's Helvetica, which would not be embedded
        initialFontSize=10,
    )
    stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000"
    canvas.setDateFormatter(lambda *_: stamp)
    canvas.setTitle(title)
    canvas.setAuthor(author or "UTQ Desktop")
    canvas.setSubject("University Teaching Qualification (UTQ / BKO)")
    canvas.setCreator("UTQ Desktop")
    prime_subsets(canvas)
    return canvas, buffer


def draw_certificate(canvas: Any, data: CertificateData, logo: Logo) -> None:
    """Draw ``data`` on the canvas's current page."""
    draw_frame(canvas, PAGE_WIDTH, PAGE_HEIGHT, FRAME_INSET)
    y = PAGE_HEIGHT - 22 * MM
    y -= draw_logo(canvas, logo, CENTRE, y, 27 * MM)
    y -= 9 * MM
    if data.institution:
        centred(canvas, data.institution.upper(), y, BOLD, 10.5, NAVY, space=1.6, width=TEXT_WIDTH)
    y -= 5 * MM
    rule(canvas, y, 24 * MM, BRASS, 0.8)
    title = text.TITLES[data.kind]
    y -= 15 * MM
    centred(canvas, title.nl, y, BOLD, 27, NAVY, width=TEXT_WIDTH + 20 * MM)
    y -= 10 * MM
    centred(canvas, title.en, y, FONT, 14, MUTED, space=0.8)
    draw_body(canvas, data, y, DATE_Y + 12 * MM)
    _place_and_date(canvas, data, DATE_Y)
    _signatures(canvas, data.signatories, SIGNATURE_Y)
    _footer(canvas, data)


def _place_and_date(canvas: Any, data: CertificateData, y: float) -> None:
    day = text.long_date(data.award_date)
    place = f"{data.place.strip()}, " if data.place.strip() else ""
    centred(canvas, f"{place}{day.nl}", y, FONT, 10.5, INK)
    centred(canvas, day.en, y - 4.6 * MM, FONT, 9, MUTED)


def _signatures(canvas: Any, signatories: tuple[Signatory, ...], y: float) -> None:
    if not signatories:
        return
    count = len(signatories)
    column = (TEXT_WIDTH + 20 * MM) / count
    line = min(62 * MM, column - 10 * MM)
    left = CENTRE - column * count / 2
    for index, signatory in enumerate(signatories):
        centre = left + column * (index + 0.5)
        canvas.setStrokeColorRGB(*INK)
        canvas.setLineWidth(0.5)
        canvas.line(centre - line / 2, y, centre + line / 2, y)
        first = y - 4.6 * MM
        if signatory.name:
            centred(canvas, signatory.name, first, BOLD, 9.5, INK, at=centre, width=line)
        if signatory.role:  # under the name, or in its place when there is none
            role = lines_of(signatory.role, FONT, 7.5, line, most=3)
            top = first - 4.2 * MM if signatory.name else first
            paragraph(canvas, role, top, FONT, 7.5, MUTED, 9, at=centre)


def _footer(canvas: Any, data: CertificateData) -> None:
    """Serial number and where to verify on the left; the QR code, with the verification
    code under it, on the right."""
    left = FRAME_INSET + 12 * MM
    right = PAGE_WIDTH - FRAME_INSET - 12 * MM
    bottom = 24 * MM  # of the QR code
    rule(canvas, bottom + QR_SIDE + 4 * MM, right - left, HAIRLINE, 0.4)
    canvas.setFillColorRGB(*MUTED)
    canvas.setFont(FONT, 7)
    canvas.drawString(left, bottom + 13 * MM, f"{text.SERIAL_LABEL.nl} · {text.SERIAL_LABEL.en}")
    canvas.setFillColorRGB(*INK)
    canvas.setFont(BOLD, 11)
    canvas.drawString(left, bottom + 7.5 * MM, data.serial)
    where = data.verify_at or "scan de QR-code · scan the QR code"
    canvas.setFillColorRGB(*MUTED)
    canvas.setFont(FONT, 7)
    hint = f"{text.VERIFY.nl} · {text.VERIFY.en}: {where}"
    canvas.drawString(left, bottom + 2 * MM, fit(hint, FONT, 7, 110 * MM))
    label = f"{text.CODE_LABEL.nl} · {text.CODE_LABEL.en}"
    block = max(
        QR_SIDE,
        width_of(label, FONT, 6),
        width_of(data.verification_code, BOLD, 8.5),
    )
    centre = right - block / 2
    matrix = qr_matrix(data.qr_content)
    canvas.setFillColorRGB(0, 0, 0)
    draw_qr(canvas, matrix, centre - QR_SIDE / 2, bottom, QR_SIDE)
    # the code's capitals stay out of the quiet zone the standard asks for round the symbol
    below = QUIET_ZONE * QR_SIDE / matrix.size + 2.3 * MM
    centred(canvas, data.verification_code, bottom - below, BOLD, 8.5, INK, at=centre)
    centred(canvas, label, bottom - below - 3.2 * MM, FONT, 6, MUTED, at=centre)
