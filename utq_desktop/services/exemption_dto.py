"""Plain, frozen data about exemption cases and partial certificates, for the UI, the CLI,
the decision letter and the register export (the pattern of services/dto.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from utq_desktop.domain.enums import Language, TrajectoryStatus
from utq_desktop.domain.exemption import (
    CaseStatus,
    ExemptionGround,
    Verdict,
    next_steps,
)
from utq_desktop.services.dto import AttachedDocument
from utq_desktop.services.route_dto import CompetenceChoice

# --- exemption cases -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseInput:
    """What the HR advisor files, and may correct later; validated by the service."""

    ground: ExemptionGround = ExemptionGround.TEACHER_TRAINING
    ground_detail: str = ""  # the diploma or certificate as named; what 'other' means
    filed_on: date | None = None
    filed_by: str = ""  # the HR advisor
    notes: str = ""


@dataclass(frozen=True, slots=True)
class StepInput:
    """One step of a case: its target status, the day, who did it, and what it needs."""

    target: CaseStatus
    on: date
    by: str
    advisor: str = ""  # under evaluation: the exemption advisor assigned
    meeting_on: date | None = None  # meeting planned: the day of the meeting
    verdict: Verdict | None = None  # advice given, faculty decided
    motivation: str = ""  # advice given, faculty decided
    reason: str = ""  # withdrawn


@dataclass(frozen=True, slots=True)
class CaseStep:
    """A step as recorded. ``detail`` is data, not prose: the advisor's name, the meeting's
    ISO date, the verdict's value, or the reason of a withdrawal."""

    status: CaseStatus
    on: date
    by: str
    detail: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class CaseDocument:
    id: int
    sha256: str
    name: str
    size: int
    added_by: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class ExemptionCaseInfo:
    id: int
    row_version: int
    candidate_id: int
    data: CaseInput
    status: CaseStatus
    advisor: str
    meeting_on: date | None
    advice: Verdict | None
    advice_motivation: str
    decision: Verdict | None
    decided_by: str
    decision_motivation: str
    withdrawn_reason: str
    steps: tuple[CaseStep, ...]  # in order, the filing first
    documents: tuple[CaseDocument, ...]
    letter: AttachedDocument | None
    days_open: int

    @property
    def next_steps(self) -> tuple[CaseStatus, ...]:
        return next_steps(self.status)

    @property
    def granted(self) -> bool:
        return self.status.decided and self.decision is Verdict.GRANT

    @property
    def last_on(self) -> date:
        """The day of the last step: the next one cannot be earlier."""
        return self.steps[-1].on if self.steps else self.data.filed_on or date.min

    def step(self, status: CaseStatus) -> CaseStep | None:
        return next((s for s in self.steps if s.status is status), None)


@dataclass(frozen=True, slots=True)
class CaseSnapshot:
    """A case removed right after it was filed (undo of filing), to file it again."""

    data: CaseInput


# --- partial certificates ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartialCertificateInput:
    institution: str = ""
    obtained_on: date | None = None
    competence_ids: tuple[int, ...] = ()  # of the candidate's route framework version
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PartialCertificateInfo:
    id: int
    row_version: int
    data: PartialCertificateInput
    competences: tuple[CompetenceChoice, ...]  # what data.competence_ids name
    document: AttachedDocument | None
    recognised: tuple[int, ...]  # the competences it made recognised in the route
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class PartialCertificateSnapshot:
    """Everything of a removed partial certificate, to put it back (undo)."""

    data: PartialCertificateInput
    document_sha256: str | None = None
    document_name: str = ""


# --- the tab and the register --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExemptionDetail:
    candidate_id: int
    candidate_name: str  # exactly as registered
    candidate_status: TrajectoryStatus
    language: Language
    faculty: str
    cases: tuple[ExemptionCaseInfo, ...]  # the newest first
    certificates: tuple[PartialCertificateInfo, ...]  # by the day obtained
    competences: tuple[CompetenceChoice, ...]  # what a partial certificate may cover
    recognitions: dict[int, str]  # competence id -> reason, every recognition in the route
    filing_refusal: str  # why no new case can be filed now ('' when it can)
    today: date

    def case(self, case_id: int) -> ExemptionCaseInfo | None:
        return next((c for c in self.cases if c.id == case_id), None)

    @property
    def granted(self) -> ExemptionCaseInfo | None:
        return next((c for c in self.cases if c.granted), None)


@dataclass(frozen=True, slots=True)
class ExemptionRegisterRow:
    """One case in the exemption register (HR's follow-up list)."""

    case_id: int
    candidate_id: int
    candidate_name: str
    sort_name: str  # folded 'surname, given names prefix': how Dutch registers sort
    staff_number: str
    faculty: str
    ground: ExemptionGround
    status: CaseStatus
    decision: Verdict | None
    advisor: str
    filed_on: date
    meeting_on: date | None
    closed_on: date | None
    days_open: int
    next_action: str  # '' when closed
    archived: bool
