"""A dossier (the working one, or a submission) as one PDF for consultants and assessors:
a cover with the required-components checklist, contents per competence, per competence
its criteria (state, evidence) and reflections, then every evidence item with its
description and attachments, the class observations, and all feedback.

Evidence items are numbered E001, E002, … and observations O01, …, as the folders in the
attachments zip (documents.dossier_zip), so the two can be read side by side. ReportLab is
imported inside the functions; text is set in the DejaVu fonts of documents.fonts.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from utq_desktop.documents.dossier_pdf_parts import (
    MUTED,
    STATE_COLORS,
    cover,
    description,
    feedback_list,
    files_line,
    heading,
    para,
    styles,
)
from utq_desktop.documents.dossier_zip import item_label, observation_label
from utq_desktop.documents.fonts import FONT, register_fonts
from utq_desktop.documents.output import write_file
from utq_desktop.documents.route_pdf import _grid_style, _short  # the same table look
from utq_desktop.domain.portfolio import CriterionState
from utq_desktop.domain.route import dmy
from utq_desktop.services.portfolio_dto import (
    CompetenceCoverage,
    EvidenceItem,
)
from utq_desktop.services.portfolio_print import Printable


def write_dossier_pdf(
    printable: Printable, path: Path, progress: Callable[[int, int], None] | None = None
) -> None:
    """Write the dossier to ``path`` (all or nothing; ExportError names the file).

    ``progress(done, total)`` is called as the pages are laid out; an exception raised from
    it (OperationCancelledError) stops the export before anything is written."""
    write_file(path, dossier_pdf_bytes(printable, progress))


def dossier_pdf_bytes(
    printable: Printable, progress: Callable[[int, int], None] | None = None
) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    register_fonts()
    buffer = io.BytesIO()
    margin = 18 * mm

    class Document(BaseDocTemplate):
        """Reports each heading to the table of contents, with a PDF bookmark."""

        def afterFlowable(self, flowable: Any) -> None:
            laid_out[0] += 1
            if progress is not None:
                progress(min(laid_out[0], total - 1), total)
            level = getattr(flowable, "toc_level", None)
            if level is None or not isinstance(flowable, Paragraph):
                return
            key = f"section-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level)
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page, key))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        text = (
            f"{printable.candidate_name} · {printable.title.lower()} · "
            f"printed {dmy(printable.printed_on)}"
        )
        canvas.drawString(margin, 9 * mm, text)
        canvas.drawRightString(A4[0] - margin, 9 * mm, f"page {doc.page}")
        canvas.restoreState()

    document = Document(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"UTQ dossier — {printable.candidate_name}",
        author=printable.institution or "UTQ Desktop",
        subject=f"University Teaching Qualification (BKO): {printable.title.lower()}",
    )
    frame = Frame(margin, 16 * mm, A4[0] - 2 * margin, A4[1] - 32 * mm, id="body")
    document.addPageTemplates([PageTemplate("page", [frame], onPage=footer)])
    width = A4[0] - 2 * margin - 12  # the frame's own padding: 6 points each side
    story = _story(printable, width)
    # multiBuild lays the story out twice (the contents need the page numbers)
    laid_out, total = [0], 2 * len(story) + 1
    document.multiBuild(story)
    if progress is not None:
        progress(total, total)
    return buffer.getvalue()


def _story(p: Printable, width: float) -> list[Any]:
    from reportlab.platypus import PageBreak
    from reportlab.platypus.tableofcontents import TableOfContents

    s = styles()
    story: list[Any] = cover(p, width, s)
    story += [PageBreak(), heading("Contents", s["h1"], None)]
    contents = TableOfContents(levelStyles=[s["toc0"], s["toc1"]], dotsMinLevel=0)
    story += [contents, PageBreak()]
    numbers = {item.id: item_label(n) for n, item in enumerate(p.content.items, 1)}
    story.append(heading("Competences", s["h1"], 0))
    if not p.content.competences:
        story.append(para("No competence framework is set for this candidate.", s["base"]))
    for competence in p.content.competences:
        story += _competence(p, competence, numbers, width, s)
    story += [PageBreak(), heading("Evidence", s["h1"], 0)]
    if not p.content.items:
        story.append(para("No evidence has been added yet.", s["base"]))
    for item in p.content.items:
        story += _item(p, item, numbers[item.id], s)
    story += [PageBreak(), heading("Class observations", s["h1"], 0)]
    story += _observations(p, s)
    story += [heading("Feedback", s["h1"], 0)]
    story += feedback_list(p.content.feedback, s, "No feedback has been recorded.")
    return story


def _competence(
    p: Printable,
    competence: CompetenceCoverage,
    numbers: dict[int, str],
    width: float,
    s: dict[str, Any],
) -> list[Any]:
    from reportlab.platypus import Table

    story: list[Any] = [heading(f"{competence.code} {competence.name}", s["h2"], 1)]
    if competence.recognised:
        story.append(
            para(
                f"<font color='{STATE_COLORS[CriterionState.RECOGNISED]}'><b>Recognised</b></font>"
                f": {escape(competence.recognised_because)}. No evidence is required.",
                s["base"],
                escaped=True,
            )
        )
    header = ["", "Criterion", "State", "Evidence"]
    rows: list[list[Any]] = [[para(h, s["small"]) for h in header]]
    observed = {o.id: observation_label(n) for n, o in enumerate(p.content.observations, 1)}
    for k in competence.criteria:
        state = f"<font color='{STATE_COLORS[k.state]}'>■ {k.state.label}</font>"
        if k.note:
            state += f"<br/><font size='7' color='{MUTED}'>{escape(_short(k.note, 120))}</font>"
        shows = [numbers[i] for i in k.items if i in numbers]
        shows += [observed[o] for o in k.observations if o in observed]
        rows.append(
            [
                para(k.code, s["bold"]),
                para(k.name, s["base"]),
                para(state, s["base"], escaped=True),
                para(", ".join(shows) or "—", s["base"]),
            ]
        )
    table = Table(
        rows, colWidths=[0.08 * width, 0.5 * width, 0.2 * width, 0.22 * width], repeatRows=1
    )
    table.setStyle(_grid_style(len(rows)))
    story.append(table)
    items = [i for i in p.content.items if competence.code in i.competences]
    if items:
        story.append(para("Evidence for this competence", s["bold"]))
        for item in items:
            story.append(
                para(
                    f"{numbers[item.id]} · <b>{escape(item.title)}</b> · "
                    f"{escape(item.kind.label)} · {dmy(item.data.made_on)}",
                    s["base"],
                    escaped=True,
                )
            )
    reflections = [i for i in items if i.kind.value == "reflection"]
    for item in reflections:
        story.append(para(f"Reflection: {item.title}", s["item"]))
        story += description(item.data.description, s)
    on_competence = [f for f in p.content.feedback if f.competence_code == competence.code]
    if on_competence:
        story.append(para("Feedback on this competence", s["bold"]))
        story += feedback_list(on_competence, s, "")
    return story


def _item(p: Printable, item: EvidenceItem, number: str, s: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import KeepTogether

    data = item.data
    shows = ", ".join((*data.criterion_codes, *data.competence_codes)) or "not linked yet"
    head = [
        para(f"{number} {item.title}", s["item"]),
        para(
            f"{item.kind.label} · {dmy(data.made_on)} · shows {shows}",
            s["small"],
        ),
    ]
    story: list[Any] = [KeepTogether(head)]
    story += description(data.description, s)
    if item.attachments:
        story.append(para(files_line(item.attachments), s["small"], escaped=True))
    feedback = [f for f in p.content.feedback if f.item_id == item.id]
    story += feedback_list(feedback, s, "")
    return story


def _observations(p: Printable, s: dict[str, Any]) -> list[Any]:
    story: list[Any] = []
    if not p.content.observations:
        story.append(para("No class observation has been recorded.", s["base"]))
    for n, observation in enumerate(p.content.observations, 1):
        data = observation.data
        story.append(
            para(f"{observation_label(n)} {data.course}, {dmy(data.observed_on)}", s["item"])
        )
        criteria = ", ".join(data.criterion_codes) or "none named"
        story.append(para(f"Observer: {data.observer} · criteria: {criteria}", s["small"]))
        story += description(data.notes, s)
        if observation.attachments:
            story.append(para(files_line(observation.attachments), s["small"], escaped=True))
    return story
