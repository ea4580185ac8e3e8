"""A candidate's learning route as a PDF of one or two A4 pages, to hand to the candidate.

ReportLab is imported inside the functions: start-up never loads it. Text is set in DejaVu
Sans (resources/fonts), which has every letter a name may need ("Nguyễn Thảo").
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from utq_desktop.documents.fonts import BOLD, FONT, register_fonts
from utq_desktop.documents.output import write_file
from utq_desktop.domain.route import ActivityStatus, dmy, format_hours
from utq_desktop.services.route_dto import Activity, RouteCompetence, RouteDetail

INK = "#1f2933"
MUTED = "#5f6b7a"
LATE = "#c62828"  # planned after the deadline
OVERDUE = "#b26a00"  # still open after its planned date
STATUS_COLORS = {
    ActivityStatus.PLANNED: "#455a64",
    ActivityStatus.REGISTERED: "#1565c0",
    ActivityStatus.COMPLETED: "#2e7d32",
    ActivityStatus.CANCELLED: "#757575",
}
STATUS_MARKS = {
    ActivityStatus.PLANNED: "○",
    ActivityStatus.REGISTERED: "◐",
    ActivityStatus.COMPLETED: "✓",
    ActivityStatus.CANCELLED: "✗",
}


def write_route_pdf(route: RouteDetail, path: Path) -> None:
    """Write the route to ``path`` (all or nothing; ExportError names the file)."""
    write_file(path, route_pdf_bytes(route))


def route_pdf_bytes(route: RouteDetail) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"Learning route — {route.candidate_name}",
        author=route.institution or "UTQ Desktop",
        subject="University Teaching Qualification (BKO): learning route",
    )
    width = A4[0] - 36 * mm - 12  # the frame's own padding: 6 points each side
    story = _story(route, width)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        text = f"{route.candidate_name} · learning route · printed {dmy(route.today)}"
        canvas.drawString(18 * mm, 9 * mm, text)
        canvas.drawRightString(A4[0] - 18 * mm, 9 * mm, f"page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=FONT, fontSize=8.5, leading=10.5, textColor=INK)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=15, leading=19),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=8, textColor=MUTED),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=8
        ),
        "bold": ParagraphStyle("bold", parent=base, fontName=BOLD),
    }


def _story(route: RouteDetail, width: float) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    s = _styles()
    story: list[Any] = []
    kicker = "University Teaching Qualification (UTQ / BKO)"
    if route.institution:
        kicker = f"{route.institution} · {kicker}"
    story.append(Paragraph(escape(kicker), s["kicker"]))
    story.append(Paragraph(f"Learning route of {escape(route.candidate_name)}", s["title"]))
    story.append(Spacer(1, 2 * mm))
    story.append(_facts(route, width, s))
    late = sum(a.late for a in route.activities)
    if late:
        story.append(Spacer(1, 2 * mm))
        story.append(
            Paragraph(
                f"<font color='{LATE}'><b>{late} activit{'y is' if late == 1 else 'ies are'} "
                f"planned after the UTQ deadline ({dmy(route.deadline)})</b></font>: move "
                f"{'it' if late == 1 else 'them'} forward or discuss an extension.",
                s["base"],
            )
        )
    story.append(Paragraph("Competences", s["heading"]))
    if route.competences:
        story.append(_competence_table(route, width, s))
    else:
        story.append(Paragraph("No competence framework is set for this candidate.", s["base"]))
    story.append(Paragraph("Planned activities", s["heading"]))
    story.append(
        Paragraph(
            "○ planned · ◐ registered · ✓ completed · ✗ cancelled · "
            f"<font color='{LATE}'><b>!</b> after the deadline</font> · "
            f"<font color='{OVERDUE}'>overdue</font>: its date has passed. The route is "
            "self-directed: courses are advised, not required; plan changes with your UTQ "
            "supervisor.",
            s["small"],
        )
    )
    story.append(Spacer(1, 1.5 * mm))
    if route.activities:
        story.append(_activity_table(route, width, s))
    else:
        story.append(Paragraph("No activities are planned yet.", s["base"]))
    return story


def _facts(route: RouteDetail, width: float, s: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph, Table, TableStyle

    agreement = route.agreement
    agreed = (
        f"with {agreement.agreed_by} on {dmy(agreement.agreed_on)}"
        if agreement.agreed_on
        else "not yet agreed"
    )
    if agreement.agreed_on and route.changes_since_agreement:
        n = route.changes_since_agreement
        agreed += f" ({n} change{'' if n == 1 else 's'} since)"
    left = [
        ("Candidate", route.candidate_name),
        ("Staff number", route.staff_number),
        ("Faculty", route.faculty),
        ("UTQ supervisor", route.supervisor or "not assigned"),
    ]
    right = [
        ("Framework", route.framework or "none"),
        ("Intake", dmy(route.intake_on) or "not held yet"),
        ("UTQ deadline", dmy(route.deadline) or "not known"),
        ("Route agreed", agreed),
    ]
    rows = [
        [
            Paragraph(escape(a), s["small"]),
            Paragraph(escape(b), s["bold"] if a == "Candidate" else s["base"]),
            Paragraph(escape(c), s["small"]),
            Paragraph(escape(d), s["base"]),
        ]
        for (a, b), (c, d) in zip(left, right, strict=True)
    ]
    table = Table(rows, colWidths=[0.14 * width, 0.34 * width, 0.14 * width, 0.38 * width])
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


def _competence_table(route: RouteDetail, width: float, s: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph, Table

    by_competence: dict[int, list[Activity]] = {c.id: [] for c in route.competences}
    for activity in route.activities:
        for cid in activity.data.competence_ids:
            by_competence.setdefault(cid, []).append(activity)
    header = ["", "Competence", "Activities", "Hours done / planned"]
    rows: list[list[Any]] = [[Paragraph(h, s["small"]) for h in header]]
    for competence in route.competences:
        rows.append(
            [
                Paragraph(escape(competence.code), s["bold"]),
                Paragraph(escape(competence.name), s["base"]),
                Paragraph(_activity_list(competence, by_competence[competence.id]), s["base"]),
                Paragraph(_hours(competence), s["base"]),
            ]
        )
    table = Table(
        rows,
        colWidths=[0.07 * width, 0.27 * width, 0.50 * width, 0.16 * width],
        repeatRows=1,
    )
    table.setStyle(_grid_style(len(rows)))
    return table


def _activity_list(competence: RouteCompetence, activities: list[Activity]) -> str:
    parts = []
    if competence.recognition is not None:
        parts.append(
            f"<b>Recognised</b> ({dmy(competence.recognition.on)}): "
            f"{escape(competence.recognition.reason)}"
        )
    for activity in activities:
        mark = STATUS_MARKS[activity.status]
        title = escape(activity.data.title)
        if activity.status is ActivityStatus.CANCELLED:
            title = f"<strike>{title}</strike>"
        parts.append(f"<font color='{STATUS_COLORS[activity.status]}'>{mark}</font> {title}")
    return "<br/>".join(parts) or "<font color='#5f6b7a'>nothing planned yet</font>"


def _hours(competence: RouteCompetence) -> str:
    p = competence.progress
    if not p.hours_planned and not p.hours_done:
        return ""
    return f"{format_hours(p.hours_done) or '0'} / {format_hours(p.hours_planned) or '0'}"


def _activity_table(route: RouteDetail, width: float, s: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph, Table

    codes = {c.id: c.code for c in route.competences}
    header = ["Planned", "Activity", "Competences", "Hours", "Status"]
    rows: list[list[Any]] = [[Paragraph(h, s["small"]) for h in header]]
    for activity in route.activities:
        data = activity.data
        when = dmy(data.planned_on) or "—"
        if activity.late:
            when = f"<font color='{LATE}'><b>{when} !</b></font>"
        elif activity.overdue:
            when = f"<font color='{OVERDUE}'><b>{when}</b> overdue</font>"
        detail = data.kind.label + (f" · {data.provider}" if data.provider else "")
        text = f"<b>{escape(data.title)}</b><br/><font size='7.5' color='{MUTED}'>"
        text += escape(detail)
        if data.notes:
            text += f"<br/>{escape(_short(data.notes))}"
        text += "</font>"
        changed = activity.dates.changed_on
        status = f"{STATUS_MARKS[activity.status]} {activity.status.label}"
        if changed is not None:
            status += f"<br/><font size='7.5'>{dmy(changed)}</font>"
        rows.append(
            [
                Paragraph(when, s["base"]),
                Paragraph(text, s["base"]),
                Paragraph(
                    escape(", ".join(codes.get(c, "?") for c in data.competence_ids)), s["base"]
                ),
                Paragraph(format_hours(data.hours), s["base"]),
                Paragraph(
                    f"<font color='{STATUS_COLORS[activity.status]}'>{status}</font>", s["base"]
                ),
            ]
        )
    table = Table(
        rows,
        colWidths=[0.14 * width, 0.47 * width, 0.14 * width, 0.08 * width, 0.17 * width],
        repeatRows=1,
    )
    table.setStyle(_grid_style(len(rows)))
    return table


def _grid_style(count: int) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor(INK)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cfd8dc")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for row in range(2, count, 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f5f7f8")))
    return TableStyle(commands)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
