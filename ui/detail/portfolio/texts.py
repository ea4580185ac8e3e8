"""How the portfolio's values look on screen: translated labels, the coverage colours (each
with a text, never colour alone) and file sizes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import CriterionState, DossierState, EvidenceKind

# (fill, text) per coverage state: light fills keep the dark text readable
STATE_COLORS: dict[CriterionState, tuple[QColor, QColor]] = {
    CriterionState.NO_EVIDENCE: (QColor("#f8d7da"), QColor("#842029")),
    CriterionState.IN_PROGRESS: (QColor("#fff3cd"), QColor("#664d03")),
    CriterionState.READY: (QColor("#cfe2ff"), QColor("#084298")),
    CriterionState.ACCEPTED: (QColor("#c7e9d3"), QColor("#0f5132")),
    CriterionState.NEEDS_REVISION: (QColor("#ffd6a8"), QColor("#7a3300")),
    CriterionState.RECOGNISED: (QColor("#e2d9f3"), QColor("#432874")),
}
# a mark per state, so the matrix also reads without colour (and in print)
STATE_MARKS: dict[CriterionState, str] = {
    CriterionState.NO_EVIDENCE: "✗",
    CriterionState.IN_PROGRESS: "…",
    CriterionState.READY: "●",
    CriterionState.ACCEPTED: "✓",
    CriterionState.NEEDS_REVISION: "!",
    CriterionState.RECOGNISED: "R",
}
DOSSIER_COLORS: dict[DossierState, QColor] = {
    DossierState.WORKING: QColor("#546e7a"),
    DossierState.READY: QColor("#1e6fd9"),
    DossierState.SUBMITTED: QColor("#2e7d32"),
}
OPEN_FEEDBACK_COLOR = QColor("#b26a00")
MET_COLOR = QColor("#2e7d32")
UNMET_COLOR = QColor("#c62828")


def kind_text(kind: EvidenceKind) -> str:
    return QCoreApplication.translate("EvidenceKind", kind.label)


def state_text(state: CriterionState) -> str:
    return QCoreApplication.translate("CriterionState", state.label)


def dossier_text(state: DossierState) -> str:
    return QCoreApplication.translate("DossierState", state.label)


def size_text(size: int) -> str:
    if size < 1024:
        return QCoreApplication.translate("Portfolio", "{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return QCoreApplication.translate("Portfolio", "{n} kB").format(n=round(size / 1024))
    return QCoreApplication.translate("Portfolio", "{n:.1f} MB").format(n=size / 1_048_576)


def codes_text(competences: tuple[str, ...], criteria: tuple[str, ...]) -> str:
    """'C1, C2.1, C2.3': the competences an item shows as a whole, then its criteria."""
    return ", ".join((*competences, *criteria))


def dossier_headline(state: DossierState, status: TrajectoryStatus) -> tuple[str, QColor]:
    """The dossier's state as the Portfolio tab heads it, in line with the candidate's status:
    once the assessment is decided or an exemption granted, 'Submitted for assessment' or
    'Working' would contradict the Assessment and Exemption tabs."""
    if status is TrajectoryStatus.QUALIFIED:
        text = "Assessed: sufficient — the candidate is qualified"
        return QCoreApplication.translate("Portfolio", text), MET_COLOR
    if status is TrajectoryStatus.EXEMPTED:
        text = "Not needed — the candidate is exempted from the UTQ"
        return QCoreApplication.translate("Portfolio", text), MET_COLOR
    return dossier_text(state), DOSSIER_COLORS[state]
