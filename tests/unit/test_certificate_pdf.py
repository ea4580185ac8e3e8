"""Certificate PDFs: every letter of every name printed and extractable, both titles, the
serial and the verification code as text and as a QR code that decodes; the certificate of
participation says it is not the qualification; the combined PDF has a page per holder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from utq_desktop.documents.certificate_art import load_logo
from utq_desktop.documents.certificate_data import (
    CertificateData,
    ParticipationActivity,
    Signatory,
)
from utq_desktop.documents.certificate_emblem import default_emblem, parse_path
from utq_desktop.documents.certificate_pdf import (
    certificate_pdf_bytes,
    combined_pdf_bytes,
    write_certificate_pdf,
)
from utq_desktop.documents.qr import QUIET_ZONE, pdf_operators, qr_matrix
from utq_desktop.domain.certificate_codes import CertificateKind
from utq_desktop.domain.route import ActivityKind
from utq_desktop.errors import ExportError, OperationCancelledError, ValidationError

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs pdftotext and pdftoppm (poppler-utils)",
)

NAMES = (
    "Nguyễn Thị Minh Khai",
    "Mehmet Çelik",
    "Anders Ångström",
    "Øyvind Hansen",
    "Ayşe Doğan",
    "Pieter van der Linden",
    "Siobhán van 't Hof",
)
UTQ = CertificateData(
    kind=CertificateKind.UTQ,
    holder_name="Nguyễn Thị Minh Khai",
    institution="Universiteit Twente",
    award_date=date(2026, 6, 12),
    serial="UTQ-2026-000123",
    verification_code="7K3M-Q9XD-2HPH",
    signatories=(
        Signatory("prof. dr. Jan-Willem de Bruijn", "Decaan / Dean"),
        Signatory("prof. dr. ir. Tijs van der Meer", "Rector Magnificus"),
    ),
    place="Enschede",
    qr_text="https://www.utwente.nl/utq/verify?code=7K3M-Q9XD-2HPH",
    verify_at="www.utwente.nl/utq/verify",
)
PARTICIPATION = CertificateData(
    kind=CertificateKind.PARTICIPATION,
    holder_name="Siobhán van 't Hof",
    institution="Universiteit Leiden",
    award_date=date(2026, 3, 17),
    serial="DP-2026-000045",
    verification_code="4VQ8-MZ2R-K7TJ",
    signatories=(Signatory("dr. Marieke Øyvindsen", "Programmacoördinator / coordinator"),),
    activity=ParticipationActivity(
        "Testing and assessment",
        ActivityKind.TRAINING_MODULE,
        24,
        date(2026, 2, 3),
        date(2026, 3, 17),
    ),
)


def text_of(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    out = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")
    return " ".join(out.split())


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[-1])


def qr_codes_on(content: bytes, tmp_path: Path) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp", reason="needs zxing-cpp (the dev extra)")
    path = tmp_path / "page.pdf"
    path.write_bytes(content)
    command = ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(path), str(path)]
    subprocess.run(command, check=True)
    with Image.open(path.with_suffix(".pdf.png")) as page:
        return [code.text for code in zxingcpp.read_barcodes(page)]


@pytest.mark.parametrize("name", NAMES)
def test_the_utq_certificate_prints_the_name_exactly_and_everything_around_it(
    name: str, tmp_path: Path
) -> None:
    content = certificate_pdf_bytes(replace(UTQ, holder_name=name))
    assert content.startswith(b"%PDF")
    text = text_of(content, tmp_path)
    assert name in text
    for expected in (
        "Basiskwalificatie Onderwijs",
        "University Teaching Qualification",
        "UNIVERSITEIT TWENTE",
        "Hierbij wordt verklaard dat",
        "This is to certify that",
        "UTQ-2026-000123",
        "7K3M-Q9XD-2HPH",
        "Enschede, 12 juni 2026",
        "12 June 2026",
        "prof. dr. Jan-Willem de Bruijn",
        "Decaan / Dean",
        "Rector Magnificus",
        "www.utwente.nl/utq/verify",
    ):
        assert expected in text
    assert "participation" not in text


def test_the_qr_code_decodes_to_the_verification_link(tmp_path: Path) -> None:
    assert qr_codes_on(certificate_pdf_bytes(UTQ), tmp_path) == [UTQ.qr_text]


def test_without_a_link_the_qr_code_holds_the_code(tmp_path: Path) -> None:
    content = certificate_pdf_bytes(replace(UTQ, qr_text="", verify_at=""))
    assert qr_codes_on(content, tmp_path) == ["7K3M-Q9XD-2HPH"]
    assert "scan the QR code" in text_of(content, tmp_path)


@pytest.mark.parametrize("text", ["7K3M-Q9XD-2HPH", "https://example.nl/v?c=" + "Ø" * 60])
def test_the_qr_matrix_decodes_and_is_drawn_as_one_stencil_image(text: str) -> None:
    zxingcpp = pytest.importorskip("zxingcpp", reason="needs zxing-cpp (the dev extra)")
    matrix = qr_matrix(text)
    assert len(matrix.rows) == matrix.size >= 21
    scale, quiet = 4, QUIET_ZONE
    image = Image.new("L", ((matrix.size + 2 * quiet) * scale,) * 2, 255)
    for row in range(matrix.size):
        for column in range(matrix.size):
            if matrix.dark(row, column):
                box = ((column + quiet) * scale, (row + quiet) * scale)
                image.paste(0, (*box, box[0] + scale, box[1] + scale))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [text]
    operators = pdf_operators(matrix, 10, 20, 56.7)
    assert operators.count(" BI ") + operators.count("\nBI ") == 1 and "/IM true" in operators
    assert "/I false" in operators  # no smoothing of the modules
    with pytest.raises(ValueError):
        qr_matrix("")


def test_participation_says_it_is_not_the_qualification(tmp_path: Path) -> None:
    content = certificate_pdf_bytes(PARTICIPATION)
    text = text_of(content, tmp_path)
    for expected in (
        "Siobhán van 't Hof",
        "Bewijs van deelname",
        "Certificate of participation",
        "heeft deelgenomen aan",
        "has taken part in",
        "Testing and assessment",
        "Trainingsmodule · 24 uur · 3 februari – 17 maart 2026",
        "Training module · 24 hours · 3 February – 17 March 2026",
        "Het is geen Basiskwalificatie Onderwijs (BKO).",
        "It is not the University Teaching Qualification (UTQ).",
        "DP-2026-000045",
        "4VQ8-MZ2R-K7TJ",
        "UNIVERSITEIT LEIDEN",
        "dr. Marieke Øyvindsen",
        "17 maart 2026",
    ):
        assert expected in text
    assert "met goed gevolg" not in text  # none of the qualification's wording
    assert qr_codes_on(content, tmp_path) == ["4VQ8-MZ2R-K7TJ"]


def test_a_participation_of_one_day_without_hours(tmp_path: Path) -> None:
    activity = ParticipationActivity("Workshop: feedback in large groups", ActivityKind.WORKSHOP)
    one_day = replace(activity, first_day=date(2026, 4, 9))
    text = text_of(certificate_pdf_bytes(replace(PARTICIPATION, activity=one_day)), tmp_path)
    assert "Workshop · 9 april 2026" in text and "Workshop · 9 April 2026" in text
    text = text_of(certificate_pdf_bytes(replace(PARTICIPATION, activity=activity)), tmp_path)
    assert "Workshop: feedback in large groups" in text and "uur" not in text


def test_a_very_long_name_and_title_still_fit(tmp_path: Path) -> None:
    name = "Maria Josephina Wilhelmina Theodora Anna van den Heuvel-Ó Súilleabháin de la Cruz"
    title = "Designing blended and online education for large international cohorts " * 3
    data = replace(
        PARTICIPATION,
        holder_name=name,
        activity=ParticipationActivity(title.strip(), ActivityKind.TRAINING_MODULE, 6.5),
    )
    text = text_of(certificate_pdf_bytes(data), tmp_path)
    assert all(word in text for word in name.split())
    assert "…" in text  # the title is cut at three lines
    assert "6,5 uur" in text and "6.5 hours" in text


def test_a_signatory_known_only_by_role_gets_a_line_and_the_role(tmp_path: Path) -> None:
    signatories = (Signatory("", "Decaan / Dean"), Signatory("prof. dr. B. Rector", ""))
    text = text_of(certificate_pdf_bytes(replace(UTQ, signatories=signatories)), tmp_path)
    assert "Decaan / Dean" in text and "prof. dr. B. Rector" in text
    text = text_of(certificate_pdf_bytes(replace(UTQ, signatories=())), tmp_path)
    assert "Rector" not in text and UTQ.holder_name in text


def test_the_same_data_gives_the_same_bytes() -> None:
    first = certificate_pdf_bytes(UTQ)
    assert certificate_pdf_bytes(UTQ) == first
    assert certificate_pdf_bytes(replace(UTQ, verification_code="4VQ8-MZ2R-K7TJ")) != first


def test_the_pdf_is_dated_on_the_award_date_and_embeds_its_fonts(tmp_path: Path) -> None:
    path = tmp_path / "c.pdf"
    write_certificate_pdf(UTQ, path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Jun 12" in info and "2026" in info
    assert "UTQ certificate — Nguyễn Thị Minh Khai" in info
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert len(rows) == 2 and all(" yes yes yes " in row for row in rows)


def test_writing_into_a_missing_folder_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot be written"):
        write_certificate_pdf(UTQ, tmp_path / "missing" / "c.pdf")


def test_the_combined_pdf_has_a_page_per_certificate(tmp_path: Path) -> None:
    items = [replace(UTQ, holder_name=name) for name in NAMES] + [PARTICIPATION]
    calls: list[int] = []
    content = combined_pdf_bytes(items, progress=calls.append)
    path = tmp_path / "all.pdf"
    path.write_bytes(content)
    assert page_count(path) == 8
    text = text_of(content, tmp_path)
    assert all(name in text for name in NAMES) and "Bewijs van deelname" in text
    assert calls == [8]
    # fonts once for all pages, compressed: far smaller than the separate files together
    assert len(content) < sum(len(certificate_pdf_bytes(i)) for i in items) / 3


def test_the_combined_pdf_stops_when_cancelled_and_needs_a_certificate() -> None:
    with pytest.raises(OperationCancelledError):
        combined_pdf_bytes([UTQ, UTQ], cancelled=lambda: True)
    with pytest.raises(ValueError):
        combined_pdf_bytes([])


def test_an_institution_logo_replaces_the_emblem(tmp_path: Path) -> None:
    png = tmp_path / "logo.png"
    Image.new("RGBA", (1200, 400), (200, 30, 40, 0)).save(png)  # transparent, too large
    jpeg = tmp_path / "logo.jpg"
    Image.new("RGB", (600, 200), (20, 60, 120)).save(jpeg, quality=90)
    for path in (png, jpeg):
        logo = load_logo(path)
        assert max(logo.width, logo.height) <= 900  # type: ignore[union-attr]
        content = certificate_pdf_bytes(UTQ, logo)
        assert b"/Subtype /Image" in content
        assert UTQ.holder_name in text_of(content, tmp_path)
    assert b"/Subtype /Image" not in certificate_pdf_bytes(UTQ)  # the emblem is vector


def test_a_logo_that_is_not_an_image_is_refused_by_name(tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not an image")
    with pytest.raises(ValidationError, match=r"'logo\.png' cannot be read as an image"):
        load_logo(fake)
    with pytest.raises(ValidationError, match="does not exist"):
        load_logo(tmp_path / "missing.png")


def test_the_built_in_emblem_is_vector_data_that_is_checked() -> None:
    emblem = default_emblem()
    assert {shape.kind for shape in emblem.shapes} == {"circle", "path"}
    assert parse_path("M 1 2 L 3.5 -4 C 0 0 1 1 2 2 Z") == (
        ("M", 1.0, 2.0),
        ("L", 3.5, -4.0),
        ("C", 0.0, 0.0, 1.0, 1.0, 2.0, 2.0),
        ("Z",),
    )
    for bad in ("M 1", "X 1 2", "M 1 L 2 3"):
        with pytest.raises(ValueError, match="path data"):
            parse_path(bad)


def test_data_a_certificate_cannot_do_without() -> None:
    with pytest.raises(ValueError, match="needs its activity"):
        replace(PARTICIPATION, activity=None)
    with pytest.raises(ValueError, match="holder's name"):
        replace(UTQ, holder_name="  ")
    with pytest.raises(ValueError, match="serial number"):
        replace(UTQ, verification_code="")
    with pytest.raises(ValueError, match="at most three"):
        replace(UTQ, signatories=UTQ.signatories * 2)


def test_reportlab_and_zint_load_only_when_a_certificate_is_drawn() -> None:
    code = (
        "import sys, utq_desktop.documents.certificate_batch, "
        "utq_desktop.documents.certificate_pdf; "
        "print('reportlab' in sys.modules, 'zint' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"]
