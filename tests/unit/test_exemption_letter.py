"""The decision letter: Dutch or English by the candidate's language, the name exactly as
registered, the institution, the date, the ground, the decision and its motivation, signed
by whoever recorded the faculty's decision; one A4 page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from utq_desktop.documents.exemption_letter import (
    LetterData,
    file_name,
    letter_pdf_bytes,
    long_date,
)
from utq_desktop.domain.enums import Language
from utq_desktop.domain.exemption import ExemptionGround, Verdict

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)


def letter(**values: object) -> LetterData:
    data: dict[str, object] = {
        "language": Language.ENGLISH,
        "institution": "Universiteit Twente",
        "candidate_name": "Siobhán van 't Hof",
        "faculty": "Behavioural, Management and Social Sciences",
        "reference": "VR-2026-0007",
        "letter_date": date(2026, 2, 19),
        "filed_on": date(2026, 1, 12),
        "ground": ExemptionGround.TEACHER_TRAINING,
        "ground_detail": "",
        "decision": Verdict.GRANT,
        "motivation": "The diploma and the reflection report\ncover all five competences.",
        "signed_by": "Prof. dr. Çelik Øyvind, dean",
        "advisor": "Peter van Dam",
    }
    return LetterData(**(data | values))  # type: ignore[arg-type]


def text_of(data: LetterData, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf_bytes(data))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:           1" in info.stdout
    command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    text = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")
    return " ".join(text.split())


def test_an_english_grant(tmp_path: Path) -> None:
    text = text_of(letter(), tmp_path)
    for expected in (
        "Universiteit Twente",
        "Faculty of Behavioural, Management and Social Sciences",
        "Dear Siobhán van 't Hof,",
        "19 February 2026",
        "VR-2026-0007",
        "On 12 January 2026 a request was filed",
        "postgraduate teacher-training diploma (eerstegraads bevoegdheid) with a reflection",
        "The exemption advisor (Peter van Dam)",
        "decided to grant you the exemption",
        "The diploma and the reflection report cover all five competences.",
        "does not lead to a UTQ certificate",
        "Prof. dr. Çelik Øyvind, dean",
    ):
        assert expected in text, expected
    assert "not to grant" not in text


def test_a_dutch_refusal(tmp_path: Path) -> None:
    data = letter(
        language=Language.DUTCH,
        decision=Verdict.REFUSE,
        ground=ExemptionGround.OTHER,
        ground_detail="Master Hoger Onderwijs, Hogeschool Utrecht",
        candidate_name="Nguyễn Thảo",
        faculty="Faculteit Geesteswetenschappen",
        motivation="Het diploma dekt competentie 3 (toetsing) niet.",
    )
    text = text_of(data, tmp_path)
    for expected in (
        "Beste Nguyễn Thảo,",
        "Faculteit Geesteswetenschappen",  # not 'Faculteit Faculteit …'
        "19 februari 2026",
        "Op 12 januari 2026 is namens u een verzoek ingediend",
        "een andere grond (Master Hoger Onderwijs, Hogeschool Utrecht)",
        "niet te verlenen",
        "Het diploma dekt competentie 3 (toetsing) niet.",
        "Uw BKO-verplichting blijft daarmee bestaan",
        "Met vriendelijke groet,",
    ):
        assert expected in text, expected
    assert "Faculteit Faculteit" not in text
    assert file_name(data) == "Besluit vrijstelling Nguyễn Thảo 2026-02-19.pdf"


def test_markup_in_the_motivation_is_printed_as_typed(tmp_path: Path) -> None:
    text = text_of(letter(motivation="Scores <b>&</b> 'quotes' <br/>"), tmp_path)
    assert "Scores <b>&</b> 'quotes' <br/>" in text


def test_long_dates() -> None:
    assert long_date(date(2026, 3, 1), Language.DUTCH) == "1 maart 2026"
    assert long_date(date(2026, 12, 31), Language.ENGLISH) == "31 December 2026"
