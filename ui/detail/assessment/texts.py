"""How the assessment's values read and look on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from utq_desktop.domain.assessment import AppealOutcome, AssessmentState, Phase, Verdict
from utq_desktop.services.assessment_dto import CellState, JudgementCell, RegisterStage

SUFFICIENT_COLOR = QColor("#2e7d32")
INSUFFICIENT_COLOR = QColor("#c62828")
SEALED_COLOR = QColor("#6d6d6d")
DISAGREEMENT_BACKGROUND = QColor("#fff0c2")


def verdict_text(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    return QCoreApplication.translate("Verdict", verdict.label)


def verdict_color(verdict: Verdict | None) -> QColor | None:
    if verdict is Verdict.SUFFICIENT:
        return SUFFICIENT_COLOR
    if verdict is Verdict.INSUFFICIENT:
        return INSUFFICIENT_COLOR
    return None


def cell_text(cell: JudgementCell) -> str:
    if cell.state is CellState.SHOWN:
        return verdict_text(cell.verdict)
    if cell.state is CellState.SEALED:
        return QCoreApplication.translate("Assessment", "in (sealed)")
    return QCoreApplication.translate("Assessment", "—")


def phase_text(phase: Phase) -> str:
    return QCoreApplication.translate("AssessmentPhase", phase.label)


def state_text(state: AssessmentState) -> str:
    return QCoreApplication.translate("AssessmentState", state.label)


def outcome_text(outcome: AppealOutcome) -> str:
    return QCoreApplication.translate("AppealOutcome", outcome.label)


def stage_text(stage: RegisterStage) -> str:
    return QCoreApplication.translate("AssessmentStage", stage.label)
