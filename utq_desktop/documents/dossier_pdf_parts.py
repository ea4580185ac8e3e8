"""The pieces of the dossier PDF (documents.dossier_pdf): colours, paragraph styles, the
cover with the required-components checklist, and the small blocks used throughout
(feedback, attachments, free text). ReportLab is imported inside the functions."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from utq_desktop.documents.fonts import BOLD, FONT
from utq_desktop.domain.portfolio import CriterionState
from utq_desktop.domain.route import dmy
from utq_desktop.services.portfolio_dto import AttachmentInfo, Feedback
from utq_desktop.services.portfolio_print import Printable

INK = "#1f2933"
MUTED = "#5f6b7a"
MISSING = "#c62828"
MET = "#2e7d32"
STATE_COLORS = {
    CriterionState.NO_EVIDENCE: "#c62828",
    CriterionState.IN_PROGRESS: "#b26a00",
    CriterionState.READY: "#1565c0",
    CriterionState.ACCEPTED: "#2e7d32",
    CriterionState.NEEDS_REVISION: "#ad1457",
    CriterionState.RECOGNISED: "#6a1b9a",
}


def styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=FONT, fontSize=8.5, leading=11, textColor=INK)
    return {
        "base": base,
        "text": ParagraphStyle("text", parent=base, fontSize=9, leading=12.5, spaceAfter=3),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=20, leading=25),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=17),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=8, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=13, leading=16, spaceBefore=10, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=8,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "item": ParagraphStyle(
            "item",
            parent=base,
            fontName=BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=9,
            keepWithNext=1,
        ),
        "bold": ParagraphStyle("bold", parent=base, fontName=BOLD),
        "toc0": ParagraphStyle("toc0", parent=base, fontSize=10, leading=15),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=9, leading=12.5, leftIndent=14),
    }


def heading(text: str, style: Any, level: int | None) -> Any:
    from reportlab.platypus import Paragraph

    paragraph = Paragraph(escape(text), style)
    paragraph.toc_level = level  # type: ignore[attr-defined]
    return paragraph


def cover(p: Printable, width: float, s: dict[str, Any]) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    kicker = "University Teaching Qualification (UTQ / BKO)"
    if p.institution:
        kicker = f"{p.institution} · {kicker}"
    content = p.content
    counts = content.state_counts
    story: list[Any] = [
        Spacer(1, 25 * mm),
        para(kicker, s["kicker"]),
        Spacer(1, 2 * mm),
        para("UTQ dossier", s["title"]),
        para(p.candidate_name, s["subtitle"]),
        Spacer(1, 6 * mm),
        facts(
            [
                ("Staff number", p.staff_number),
                ("Faculty", p.faculty or "—"),
                ("Framework", p.framework or "none"),
                ("UTQ supervisor", p.supervisor or "not assigned"),
                ("Version", p.status_line),
                ("Printed", dmy(p.printed_on)),
            ],
            width,
            s,
        ),
        Spacer(1, 5 * mm),
        para(
            f"{len(content.items)} evidence items · {content.attachments} attachments · "
            f"{len(content.observations)} class observations · "
            f"{content.open_feedback} open feedback",
            s["base"],
        ),
        para(
            " · ".join(
                f"<font color='{STATE_COLORS[state]}'>■</font> "
                f"{counts[state]} {state.label.lower()}"
                for state in CriterionState
                if counts[state]
            )
            or "No criteria.",
            s["base"],
            escaped=True,
        ),
        Spacer(1, 4 * mm),
        para("Required components", s["h2"]),
    ]
    if not p.checklist:
        story.append(para("The framework requires nothing in particular.", s["base"]))
    for check in p.checklist:
        mark = f"<font color='{MET}'>✓</font>" if check.met else f"<font color='{MISSING}'>✗</font>"
        detail = f" <font color='{MUTED}'>({escape(check.detail)})</font>" if check.detail else ""
        story.append(para(f"{mark} {escape(check.label)}{detail}", s["base"], escaped=True))
    if p.override_reason:
        story.append(Spacer(1, 2 * mm))
        story.append(
            para(
                f"<b>Submitted although requirements were not met:</b> {escape(p.override_reason)}",
                s["base"],
                escaped=True,
            )
        )
    return story


def facts(rows: list[tuple[str, str]], width: float, s: dict[str, Any]) -> Any:
    from reportlab.platypus import Table, TableStyle

    table = Table(
        [[para(a, s["small"]), para(b, s["base"])] for a, b in rows],
        colWidths=[0.2 * width, 0.8 * width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def feedback_list(feedback: Any, s: dict[str, Any], empty: str) -> list[Any]:
    items: list[Feedback] = list(feedback)
    if not items:
        return [para(empty, s["base"])] if empty else []
    story: list[Any] = []
    for f in items:
        state = (
            f"<font color='{MET}'>resolved {dmy(f.resolved_on)}</font>"
            if f.resolved
            else f"<font color='{MISSING}'>open</font>"
        )
        story.append(
            para(
                f"<b>{escape(f.author)}</b>, {dmy(f.given_on)}, on {escape(f.about)} · {state}",
                s["small"],
                escaped=True,
            )
        )
        story += description(f.text, s)
    return story


def files_line(files: tuple[AttachmentInfo, ...]) -> str:
    parts = [f"{escape(f.name)} ({size_text(f.size)}, sha256 {f.sha256[:12]}…)" for f in files]
    return "Attachments: " + "; ".join(parts)


def description(text: str, s: dict[str, Any]) -> list[Any]:
    """Paragraphs of a free text, as the user typed them."""
    return [para(block, s["text"]) for block in text.split("\n\n") if block.strip()]


def para(text: str, style: Any, *, escaped: bool = False) -> Any:
    from reportlab.platypus import Paragraph

    body = text if escaped else escape(text).replace("\n", "<br/>")
    return Paragraph(body, style)


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size / 1_048_576:.1f} MB"
