"""The Assessment tab's rich texts: the candidate summary, a round's progress line, its
result and the motivations for one competence. Each takes the tab's ``tr`` so the strings
keep the tab's translation context."""

from __future__ import annotations

import html
from collections.abc import Callable

from utq_desktop.domain.assessment import AssessmentState, MemberRole, Phase, Verdict
from utq_desktop.services.assessment_dto import (
    CandidateAssessment,
    CellState,
    CompetenceJudgements,
    RoundView,
)

from ui.detail.assessment.texts import phase_text, verdict_color, verdict_text
from ui.formatting import format_date, status_text

Tr = Callable[..., str]


def summary_html(tr: Tr, view: CandidateAssessment) -> str:
    parts = [
        f"<b>{html.escape(view.candidate_name)}</b>",
        tr("status: {status}").format(status=status_text(view.candidate_status)),
    ]
    if view.waiting:
        parts.append(tr("Submission %n is waiting for assessment.", "", view.waiting[0].number))
    elif not view.snapshots:
        parts.append(tr("No dossier has been submitted for assessment yet."))
    if not view.rounds and view.snapshots and not view.waiting:
        parts.append(tr("Every submission was returned for revision."))
    return " · ".join(parts)


def progress_text(tr: Tr, round_: RoundView | None) -> str:
    if round_ is None:
        return ""
    assessors = ", ".join(
        tr("{name}: {n} of {m}").format(name=m.name, n=m.judged, m=len(round_.competences))
        for m in round_.assessors
    )
    chair = round_.chair.name if round_.chair else tr("none")
    text = tr(
        "Started {date} · {phase} · judgements in: {n} of {m} ({each}) · chair: {chair}"
    ).format(
        date=format_date(round_.started_on),
        phase=phase_text(round_.phase),
        n=round_.judgements_in,
        m=round_.judgements_needed,
        each=assessors,
        chair=chair,
    )
    if round_.phase is Phase.CHAIR:
        open_ = sum(c.needs_chair for c in round_.competences)
        text += " · " + tr("the chair has %n disagreement(s) to decide", "", open_)
    return text


def result_html(tr: Tr, round_: RoundView | None) -> str:
    if round_ is None:
        return ""
    if round_.result is None:
        if round_.proposed_result is not None and round_.state is AssessmentState.JUDGING:
            return tr("Every competence has a verdict: the result will be {r}.").format(
                r=verdict_html(round_.proposed_result)
            )
        return ""
    text = tr("Result: {r} on {date} (recorded by {who}).").format(
        r=verdict_html(round_.result),
        date=format_date(round_.result_on),
        who=html.escape(round_.decided_by),
    )
    if round_.result_motivation:
        text += "<br>" + html.escape(round_.result_motivation)
    if round_.appeal_deadline is not None and round_.pending_appeal is None:
        text += "<br>" + tr("Appeal possible until {date}.").format(
            date=format_date(round_.appeal_deadline)
        )
    return text


def verdict_html(verdict: Verdict) -> str:
    color = verdict_color(verdict)
    return f"<b style='color:{color.name() if color else '#000'}'>{verdict_text(verdict)}</b>"


def details_html(tr: Tr, competence: CompetenceJudgements, round_: RoundView) -> str:
    """Who judged the competence, when, with which verdict and motivation (sealed ones say
    only that they are in), and whether the chair decides."""
    names = {m.user_id: m for m in round_.members}
    lines = [f"<b>{html.escape(competence.code)} {html.escape(competence.name)}</b>"]
    for cell in (*competence.cells, competence.chair):
        member = names.get(cell.user_id)
        if member is None or cell.state is CellState.MISSING:
            continue
        who = html.escape(member.name)
        if cell.state is CellState.SEALED:
            lines.append(tr("{who}: judged; sealed until all are in.").format(who=who))
            continue
        entered = (
            tr(" (entered by {login})").format(login=html.escape(cell.entered_by))
            if cell.entered_by and cell.entered_by != member.login
            else ""
        )
        lines.append(
            f"{who}{' (' + tr('chair') + ')' if member.role is MemberRole.CHAIR else ''}"
            f", {format_date(cell.judged_on)}{entered}: "
            f"{verdict_html(cell.verdict) if cell.verdict else ''} — "
            f"{html.escape(cell.motivation)}"
        )
    if competence.disagreement:
        lines.append(
            "<i>"
            + (
                tr("The assessors disagree: the chair decides.")
                if competence.needs_chair
                else tr("The assessors disagreed; the chair decided.")
            )
            + "</i>"
        )
    return "<br>".join(lines)
