"""How exemption values look on screen: translated labels, the history's details, colours."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from utq_desktop.domain.exemption import (
    GROUND_SHORT,
    STEP_ACTIONS,
    CaseStatus,
    ExemptionGround,
    Verdict,
    next_action,
)
from utq_desktop.services.exemption_dto import CaseStep

from ui.formatting import format_date

GRANTED_COLOR = QColor("#2e7d32")
REFUSED_COLOR = QColor("#c62828")
WITHDRAWN_COLOR = QColor("#757575")
OPEN_COLOR = QColor("#1e6fd9")


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def ground_text(ground: ExemptionGround) -> str:
    return _tr("ExemptionGround", ground.label)


def ground_short_text(ground: ExemptionGround) -> str:
    return _tr("ExemptionGround", GROUND_SHORT[ground])


def case_status_text(status: CaseStatus, decision: Verdict | None = None) -> str:
    """'Faculty decided: granted', 'Candidate informed (refused)', 'Under evaluation'."""
    label = _tr("CaseStatus", status.label)
    if decision is not None and status is CaseStatus.DECIDED:
        return _tr("CaseStatus", "{status}: {decision}").format(
            status=label, decision=decision_text(decision).lower()
        )
    if decision is not None and status is CaseStatus.INFORMED:
        return _tr("CaseStatus", "{status} ({decision})").format(
            status=label, decision=decision_text(decision).lower()
        )
    return label


def advice_text(verdict: Verdict) -> str:
    return _tr("Verdict", verdict.advice_label)


def decision_text(verdict: Verdict) -> str:
    return _tr("Verdict", verdict.decision_label)


def step_action_text(target: CaseStatus) -> str:
    """The button or menu entry that records ``target``."""
    return _tr("ExemptionTab", STEP_ACTIONS[target])


def next_action_text(status: CaseStatus, meeting_on: date | None, today: date) -> str:
    if status is CaseStatus.MEETING_PLANNED and meeting_on is not None:
        if meeting_on >= today:
            return _tr("ExemptionTab", "Meeting on {date}").format(date=format_date(meeting_on))
        return _tr("ExemptionTab", "Give the advice (meeting was on {date})").format(
            date=format_date(meeting_on)
        )
    text = next_action(status)
    return _tr("ExemptionNextAction", text) if text else ""


def step_detail(step: CaseStep) -> str:
    """What the history shows for a step: its data, in words."""
    detail = step.detail
    if not detail:
        return ""
    if step.status is CaseStatus.UNDER_EVALUATION:
        return _tr("ExemptionTab", "Exemption advisor: {name}").format(name=detail)
    if step.status is CaseStatus.MEETING_PLANNED:
        try:
            day = date.fromisoformat(detail)
        except ValueError:
            return detail
        return _tr("ExemptionTab", "Meeting on {date}").format(date=format_date(day))
    if step.status is CaseStatus.ADVICE_GIVEN:
        try:
            return _tr("ExemptionTab", "Advice: {advice}").format(
                advice=advice_text(Verdict(detail)).lower()
            )
        except ValueError:
            return detail
    if step.status is CaseStatus.DECIDED:
        try:
            return decision_text(Verdict(detail))
        except ValueError:
            return detail
    return detail


def status_color(status: CaseStatus, decision: Verdict | None) -> QColor:
    if status is CaseStatus.WITHDRAWN:
        return WITHDRAWN_COLOR
    if status.decided and decision is Verdict.GRANT:
        return GRANTED_COLOR
    if status.decided:
        return REFUSED_COLOR
    return OPEN_COLOR
