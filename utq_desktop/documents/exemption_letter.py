"""The letter that tells a candidate the faculty's decision on their exemption request:
granted or refused, with the motivation, in Dutch or English (the candidate's language),
one A4 page, signed by whoever recorded the faculty's decision.

ReportLab is imported inside the functions: start-up never loads it. The embedded DejaVu
fonts (documents/fonts.py) print every name exactly as registered ("Nguyễn Thảo").
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from utq_desktop.documents.fonts import BOLD, FONT, register_fonts
from utq_desktop.documents.months import MONTHS_EN, MONTHS_NL
from utq_desktop.domain.enums import Language
from utq_desktop.domain.exemption import ExemptionGround, Verdict

INK = "#1f2933"
MUTED = "#5f6b7a"
RULE = "#9aa5b1"

MONTHS = {Language.DUTCH: MONTHS_NL, Language.ENGLISH: MONTHS_EN}


GROUNDS = {
    Language.ENGLISH: {
        ExemptionGround.TEACHER_TRAINING: "a postgraduate teacher-training diploma "
        "(eerstegraads bevoegdheid) with a reflection report on the UTQ competences",
        ExemptionGround.VELON: "a VELON certificate",
        ExemptionGround.FOREIGN: "an equivalent pedagogical diploma or certificate obtained "
        "abroad in an academic context",
        ExemptionGround.OTHER: "another ground",
    },
    Language.DUTCH: {
        ExemptionGround.TEACHER_TRAINING: "een diploma van een postdoctorale lerarenopleiding "
        "(eerstegraads bevoegdheid) met een reflectieverslag op de BKO-competenties",
        ExemptionGround.VELON: "een VELON-certificaat",
        ExemptionGround.FOREIGN: "een gelijkwaardig buitenlands didactisch diploma of "
        "certificaat in een academische context",
        ExemptionGround.OTHER: "een andere grond",
    },
}

# every sentence of the letter, by language; {placeholders} are filled with escaped text
TEXTS = {
    Language.ENGLISH: {
        "title": "Decision on exemption request",
        "date": "Date",
        "reference": "Reference",
        "subject": "Decision on your request for exemption from the University Teaching "
        "Qualification (UTQ)",
        "salutation": "Dear {name},",
        "request": "On {filed} a request was filed on your behalf for exemption from the "
        "University Teaching Qualification (UTQ, in Dutch: Basiskwalificatie Onderwijs), on "
        "the ground of {ground}.",
        "evaluation": "The exemption advisor{advisor} has evaluated the documents you "
        "submitted, discussed them with you and advised the faculty.",
        Verdict.GRANT: "The faculty has decided to <b>grant</b> you the exemption.",
        Verdict.REFUSE: "The faculty has decided <b>not to grant</b> you the exemption.",
        "motivation": "Motivation",
        f"after_{Verdict.GRANT}": "This exemption fulfils your UTQ obligation. Please note "
        "that an exemption is not the qualification itself: it does not lead to a UTQ "
        "certificate.",
        f"after_{Verdict.REFUSE}": "Your UTQ obligation therefore remains, with its deadline. "
        "Please contact the UTQ coordinator of your faculty to plan your trajectory; "
        "competences you can already demonstrate may be taken into account.",
        "closing": "Kind regards,",
        "on_behalf": "on behalf of the {faculty}",
        "faculty": "Faculty of {name}",
        "footer": "University Teaching Qualification (UTQ / BKO) · exemption decision",
    },
    Language.DUTCH: {
        "title": "Besluit op verzoek om vrijstelling",
        "date": "Datum",
        "reference": "Kenmerk",
        "subject": "Besluit op uw verzoek om vrijstelling van de Basiskwalificatie Onderwijs (BKO)",
        "salutation": "Beste {name},",
        "request": "Op {filed} is namens u een verzoek ingediend om vrijstelling van de "
        "Basiskwalificatie Onderwijs (BKO, in het Engels: University Teaching "
        "Qualification), op grond van {ground}.",
        "evaluation": "De vrijstellingsadviseur{advisor} heeft de door u aangeleverde "
        "documenten beoordeeld, deze met u besproken en de faculteit geadviseerd.",
        Verdict.GRANT: "De faculteit heeft besloten u de vrijstelling <b>te verlenen</b>.",
        Verdict.REFUSE: "De faculteit heeft besloten u de vrijstelling <b>niet te verlenen</b>.",
        "motivation": "Motivering",
        f"after_{Verdict.GRANT}": "Met deze vrijstelling voldoet u aan uw BKO-verplichting. "
        "Let op: een vrijstelling is niet de kwalificatie zelf en leidt niet tot een "
        "BKO-certificaat.",
        f"after_{Verdict.REFUSE}": "Uw BKO-verplichting blijft daarmee bestaan, met de "
        "bijbehorende termijn. Neem contact op met de BKO-coördinator van uw faculteit om "
        "uw traject te plannen; competenties die u al kunt aantonen kunnen daarbij worden "
        "meegenomen.",
        "closing": "Met vriendelijke groet,",
        "on_behalf": "namens de {faculty}",
        "faculty": "Faculteit {name}",
        "footer": "Basiskwalificatie Onderwijs (BKO / UTQ) · besluit vrijstelling",
    },
}


@dataclass(frozen=True, slots=True)
class LetterData:
    language: Language
    institution: str
    candidate_name: str  # exactly as registered
    faculty: str
    reference: str  # e.g. 'VR-2026-0012'
    letter_date: date  # the day of the faculty's decision
    filed_on: date
    ground: ExemptionGround
    ground_detail: str
    decision: Verdict
    motivation: str
    signed_by: str  # who recorded the faculty's decision
    advisor: str = ""


def long_date(day: date, language: Language) -> str:
    """'12 maart 2026' / '12 March 2026'."""
    return f"{day.day} {MONTHS[Language(language)][day.month - 1]} {day.year}"


def ground_text(ground: ExemptionGround, detail: str, language: Language) -> str:
    text = GROUNDS[Language(language)][ExemptionGround(ground)]
    return f"{text} ({detail})" if detail else text


def file_name(data: LetterData) -> str:
    """How the stored letter is called when opened or saved."""
    kind = "Besluit vrijstelling" if data.language is Language.DUTCH else "Exemption decision"
    return f"{kind} {data.candidate_name} {data.letter_date.isoformat()}.pdf"


def letter_pdf_bytes(data: LetterData) -> bytes:
    """The letter as PDF bytes (one A4 page)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    language = Language(data.language)
    texts = TEXTS[language]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
        title=f"{texts['title']} — {data.candidate_name}",
        author=data.institution or "UTQ Desktop",
        subject=texts["subject"],
    )

    def footer(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        line = f"{data.institution} · {texts['footer']}" if data.institution else texts["footer"]
        canvas.drawString(25 * mm, 12 * mm, line)
        canvas.drawRightString(A4[0] - 25 * mm, 12 * mm, data.reference)
        canvas.restoreState()

    document.build(_story(data, texts, A4[0] - 50 * mm), onFirstPage=footer)
    return buffer.getvalue()


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=FONT, fontSize=10.5, leading=15, textColor=INK)
    return {
        "base": base,
        "body": ParagraphStyle("body", parent=base, spaceAfter=8),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=14, leading=18),
        "subject": ParagraphStyle("subject", parent=base, fontName=BOLD, spaceAfter=10),
        "label": ParagraphStyle("label", parent=base, fontName=BOLD, spaceAfter=2),
        "quote": ParagraphStyle(
            "quote", parent=base, leftIndent=10, borderPadding=(4, 6, 4, 6), spaceAfter=10
        ),
    }


def _story(data: LetterData, texts: dict[Any, str], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, Paragraph, Spacer, Table, TableStyle

    s = _styles()
    language = Language(data.language)
    faculty = _faculty(data.faculty, texts)
    story: list[Any] = [Paragraph(escape(data.institution or "UTQ"), s["head"])]
    if faculty:
        story.append(Paragraph(faculty, s["small"]))
    story += [
        Spacer(1, 3 * mm),
        HRFlowable(width="100%", thickness=0.6, color=colors.HexColor(RULE)),
        Spacer(1, 10 * mm),
    ]
    address = Paragraph(
        "<br/>".join(escape(part) for part in (data.candidate_name, data.faculty) if part),
        s["base"],
    )
    facts = Table(
        [
            [Paragraph(texts["date"], s["small"]), Paragraph(_date(data), s["base"])],
            [
                Paragraph(texts["reference"], s["small"]),
                Paragraph(escape(data.reference), s["base"]),
            ],
        ],
        colWidths=[22 * mm, 45 * mm],
    )
    facts.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    top = Table([[address, facts]], colWidths=[width - 70 * mm, 70 * mm])
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    advisor = f" ({escape(data.advisor)})" if data.advisor else ""
    story += [
        top,
        Spacer(1, 14 * mm),
        Paragraph(texts["subject"], s["subject"]),
        Paragraph(texts["salutation"].format(name=escape(data.candidate_name)), s["body"]),
        Paragraph(
            texts["request"].format(
                filed=long_date(data.filed_on, language),
                ground=escape(ground_text(data.ground, data.ground_detail, language)),
            ),
            s["body"],
        ),
        Paragraph(texts["evaluation"].format(advisor=advisor), s["body"]),
        Paragraph(texts[Verdict(data.decision)], s["body"]),
        Paragraph(texts["motivation"], s["label"]),
        Paragraph(_paragraphs(data.motivation), s["quote"]),
        Paragraph(texts[f"after_{Verdict(data.decision)}"], s["body"]),
        Spacer(1, 8 * mm),
        Paragraph(texts["closing"], s["base"]),
        Spacer(1, 12 * mm),
        Paragraph(escape(data.signed_by), s["base"]),
    ]
    if faculty:
        story.append(Paragraph(texts["on_behalf"].format(faculty=faculty), s["small"]))
    return story


def _faculty(name: str, texts: dict[Any, str]) -> str:
    """'Faculty of Law' / 'Faculteit Law'; a name that says 'Faculty …' already stays."""
    if not name:
        return ""
    if name.casefold().startswith(("faculty", "faculteit")):
        return escape(name)
    return texts["faculty"].format(name=escape(name))


def _date(data: LetterData) -> str:
    return long_date(data.letter_date, Language(data.language))


def _paragraphs(text: str) -> str:
    """The motivation as typed: its line breaks kept, everything else escaped."""
    return "<br/>".join(escape(line) for line in text.strip().splitlines())
