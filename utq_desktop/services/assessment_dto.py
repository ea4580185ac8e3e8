"""Plain, frozen data the assessment service hands to the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from utq_desktop.domain.assessment import (
    AppealOutcome,
    AssessmentState,
    MemberRole,
    Phase,
    Verdict,
)
from utq_desktop.domain.enums import TrajectoryStatus


@dataclass(frozen=True, slots=True)
class PanelMember:
    user_id: int
    name: str
    login: str
    role: MemberRole
    judged: int  # competences this member has judged (or, the chair, decided)


class CellState(StrEnum):
    """What a viewer may know of one member's judgement of one competence."""

    MISSING = "missing"  # not entered yet (known to everyone: the "n of m in" count)
    SEALED = "sealed"  # entered, but hidden from this viewer until all are in
    SHOWN = "shown"


@dataclass(frozen=True, slots=True)
class JudgementCell:
    user_id: int
    state: CellState
    verdict: Verdict | None = None  # only when SHOWN
    motivation: str = ""
    judged_on: date | None = None
    entered_by: str = ""
    row_version: int = 0  # 0: nothing entered; pass it back when changing one's own


@dataclass(frozen=True, slots=True)
class CompetenceJudgements:
    """One competence of the round: each assessor's cell (panel order), the chair's."""

    competence_id: int
    code: str
    name: str
    cells: tuple[JudgementCell, ...]
    chair: JudgementCell
    disagreement: bool  # False while the judgements are sealed
    final: Verdict | None  # the assessors' shared verdict, or the chair's decision

    @property
    def needs_chair(self) -> bool:
        return self.disagreement and self.chair.state is CellState.MISSING


@dataclass(frozen=True, slots=True)
class AppealView:
    id: int
    row_version: int
    filed_on: date
    grounds: str
    deadline: date
    late_accepted: bool
    late_reason: str
    hearing_on: date | None
    outcome: AppealOutcome
    outcome_on: date | None
    outcome_motivation: str
    result_before: Verdict | None
    result_after: Verdict | None

    @property
    def pending(self) -> bool:
        return self.outcome is AppealOutcome.PENDING


@dataclass(frozen=True, slots=True)
class RoundView:
    """One assessment round as ``viewer_id`` may see it (sealed judgements stay sealed)."""

    id: int
    row_version: int
    round: int
    snapshot_id: int
    snapshot_number: int | None
    state: AssessmentState
    phase: Phase
    started_on: date
    members: tuple[PanelMember, ...]
    competences: tuple[CompetenceJudgements, ...]
    judgements_in: int
    judgements_needed: int
    revealed: bool
    proposed_result: Verdict | None  # what the result will be, once every verdict is final
    result: Verdict | None
    result_on: date | None
    result_motivation: str
    decided_by: str
    appeals: tuple[AppealView, ...]  # oldest first
    appeal_deadline: date | None  # for a decided round: the last day to file an appeal
    viewer_id: int | None

    @property
    def assessors(self) -> tuple[PanelMember, ...]:
        return tuple(m for m in self.members if m.role is MemberRole.ASSESSOR)

    @property
    def chair(self) -> PanelMember | None:
        return next((m for m in self.members if m.role is MemberRole.CHAIR), None)

    @property
    def pending_appeal(self) -> AppealView | None:
        return next((a for a in self.appeals if a.pending), None)


@dataclass(frozen=True, slots=True)
class SnapshotRef:
    """A submitted dossier snapshot, as the assessment needs to know it."""

    id: int
    number: int
    submitted_at: datetime | None
    returned: bool


@dataclass(frozen=True, slots=True)
class CandidateAssessment:
    """Everything the Assessment tab shows for one candidate."""

    candidate_id: int
    candidate_name: str
    candidate_status: TrajectoryStatus
    rounds: tuple[RoundView, ...]  # newest first
    snapshots: tuple[SnapshotRef, ...]  # submitted snapshots, newest first
    waiting: tuple[SnapshotRef, ...]  # submitted, not returned, not in a live round
    appeal_weeks: int

    @property
    def current(self) -> RoundView | None:
        return self.rounds[0] if self.rounds else None


class RegisterStage(StrEnum):
    """Where a dossier stands in the assessment register."""

    WAITING = "waiting"
    IN_ASSESSMENT = "in_assessment"
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return {
            RegisterStage.WAITING: "Waiting for assessment",
            RegisterStage.IN_ASSESSMENT: "In assessment",
            RegisterStage.DECIDED: "Decided",
        }[self]


@dataclass(frozen=True, slots=True)
class AssessmentRegisterRow:
    """One dossier in the assessment register."""

    candidate_id: int
    candidate_name: str
    staff_number: str
    faculty: str
    stage: RegisterStage
    round: int | None  # None while waiting
    snapshot_number: int | None
    since: date | None  # submitted / started / decided on
    phase: Phase | None
    judgements_in: int
    judgements_needed: int
    result: Verdict | None
    appeal_pending: bool
    panel: str  # the assessors' and chair's names
