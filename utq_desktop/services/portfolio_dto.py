"""Plain, frozen data about a candidate's portfolio (dossier) and its snapshots, for the
Portfolio tab, the CLI, the PDF and the assessment. Never an ORM object; attachments are
described by metadata only (name, size, sha256): their bytes are read when opened.

Competences and criteria are named by code (unique within a framework version, and the
dossier is tied to one version), so a snapshot's content reads the same years later.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import (
    CriterionState,
    DossierState,
    EvidenceKind,
    RequirementCheck,
    Requirements,
    dossier_next,
)

# --- input ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceInput:
    """What a user enters for an evidence item; validated by the portfolio service."""

    kind: EvidenceKind = EvidenceKind.COURSE_MATERIAL
    title: str = ""
    made_on: date | None = None  # the item's date (required; not in the future)
    description: str = ""
    competence_codes: tuple[str, ...] = ()  # competences it shows as a whole
    criterion_codes: tuple[str, ...] = ()  # criteria it shows (their competence implied)


@dataclass(frozen=True, slots=True)
class ObservationInput:
    """A class observation: who observed which course on which day, and what was looked at."""

    observed_on: date | None = None  # required; not in the future
    observer: str = ""  # required
    course: str = ""  # required
    criterion_codes: tuple[str, ...] = ()  # the observation criteria
    notes: str = ""


@dataclass(frozen=True, slots=True)
class FeedbackInput:
    """A comment on an evidence item, on a competence, or (neither) on the whole dossier."""

    text: str = ""
    item_id: int | None = None
    competence_code: str | None = None
    author: str = ""  # empty: the user who records it
    given_on: date | None = None  # None: today


# --- the dossier ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """A stored file attached to an item or observation: metadata only."""

    id: int
    sha256: str
    name: str
    size: int
    media_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    id: int
    row_version: int
    data: EvidenceInput
    competences: tuple[str, ...]  # every competence it shows: its own and its criteria's
    attachments: tuple[AttachmentInfo, ...] = ()
    open_feedback: int = 0  # unresolved feedback on this item

    @property
    def kind(self) -> EvidenceKind:
        return self.data.kind

    @property
    def title(self) -> str:
        return self.data.title


@dataclass(frozen=True, slots=True)
class Observation:
    id: int
    row_version: int
    data: ObservationInput
    competences: tuple[str, ...]  # of its observation criteria
    attachments: tuple[AttachmentInfo, ...] = ()  # the report (usually one file)


@dataclass(frozen=True, slots=True)
class Feedback:
    id: int
    row_version: int
    text: str
    author: str
    given_on: date
    item_id: int | None  # on this evidence item …
    competence_code: str | None  # … or on this competence (neither: the whole dossier)
    about: str  # what it is on, readable: "Course syllabus", "C2 Teaching…", "The dossier"
    resolved: bool = False
    resolved_on: date | None = None
    resolved_by: str = ""


@dataclass(frozen=True, slots=True)
class CriterionCoverage:
    """One cell row of the coverage matrix."""

    id: int
    code: str
    name: str
    competence_code: str
    state: CriterionState  # what the matrix shows (domain.portfolio.coverage_state)
    set_state: CriterionState | None = None  # what the supervisor set (None: nothing)
    set_by: str = ""
    set_on: date | None = None
    note: str = ""
    row_version: int = 0  # of the supervisor's state; 0 while none was ever set
    items: tuple[int, ...] = ()  # evidence items that show it
    observations: tuple[int, ...] = ()  # class observations that looked at it
    recognised_because: str = ""  # the route's recognition reason, when recognised

    @property
    def evidence(self) -> int:
        return len(self.items) + len(self.observations)


@dataclass(frozen=True, slots=True)
class CompetenceCoverage:
    id: int
    code: str
    name: str
    criteria: tuple[CriterionCoverage, ...]
    recognised_because: str = ""  # non-empty: recognised (e.g. a partial certificate)
    items: int = 0  # evidence items that show it (or one of its criteria)
    reflections: int = 0  # of which self-analysis / reflection
    open_feedback: int = 0  # unresolved feedback on the competence itself

    @property
    def recognised(self) -> bool:
        return bool(self.recognised_because)


@dataclass(frozen=True, slots=True)
class DossierContent:
    """What a dossier holds: the same shape for the working dossier and a snapshot."""

    competences: tuple[CompetenceCoverage, ...]
    items: tuple[EvidenceItem, ...]  # by date, newest first
    observations: tuple[Observation, ...]  # by date, newest first
    feedback: tuple[Feedback, ...]  # unresolved first, then newest first

    def item(self, item_id: int) -> EvidenceItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def observation(self, observation_id: int) -> Observation | None:
        return next((o for o in self.observations if o.id == observation_id), None)

    def criterion(self, code: str) -> CriterionCoverage | None:
        return next(
            (k for c in self.competences for k in c.criteria if k.code == code),
            None,
        )

    def competence(self, code: str) -> CompetenceCoverage | None:
        return next((c for c in self.competences if c.code == code), None)

    @property
    def criteria(self) -> tuple[CriterionCoverage, ...]:
        return tuple(k for c in self.competences for k in c.criteria)

    @property
    def state_counts(self) -> Counter[CriterionState]:
        """How many criteria are in each state (for a summary line)."""
        return Counter(k.state for k in self.criteria)

    @property
    def attachments(self) -> int:
        return sum(len(i.attachments) for i in self.items) + sum(
            len(o.attachments) for o in self.observations
        )

    @property
    def open_feedback(self) -> int:
        return sum(not f.resolved for f in self.feedback)

    def reflections(self, competence_code: str) -> tuple[EvidenceItem, ...]:
        return tuple(
            i
            for i in self.items
            if i.kind is EvidenceKind.REFLECTION and competence_code in i.competences
        )


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """One submission of a dossier (immutable), as listed."""

    id: int
    candidate_id: int
    number: int  # 1 for the first submission, 2 after a return for revision, …
    submitted_at: datetime  # UTC
    submitted_by: str
    items: int
    attachments: int
    content_sha256: str  # of the stored content: proves it was not altered
    override_reason: str = ""  # why it was submitted although requirements were unmet
    returned_at: datetime | None = None  # returned for revision (UTC), if it was
    returned_by: str = ""
    return_feedback: str = ""

    @property
    def returned(self) -> bool:
        return self.returned_at is not None


@dataclass(frozen=True, slots=True)
class SnapshotContent:
    """A submitted dossier exactly as it was submitted (for the assessment and exports)."""

    info: SnapshotInfo
    candidate_name: str
    staff_number: str
    faculty: str
    framework: str
    content: DossierContent
    checklist: tuple[RequirementCheck, ...]  # as it stood at submission


@dataclass(frozen=True, slots=True)
class DossierView:
    """Everything the Portfolio tab shows for one candidate, loaded in one read."""

    candidate_id: int
    candidate_name: str
    staff_number: str
    faculty: str
    candidate_status: TrajectoryStatus
    supervisor: str  # the candidate's UTQ supervisor, by name
    framework_id: int | None
    framework: str  # "4TU / … (version 1)"; empty without a framework
    row_version: int  # the dossier's; 0 while nothing is recorded. Pass to mark/submit.
    state: DossierState
    content: DossierContent
    requirements: Requirements
    checklist: tuple[RequirementCheck, ...]
    snapshots: tuple[SnapshotInfo, ...]  # oldest first
    marked_ready_on: date | None = None
    marked_ready_by: str = ""
    today: date | None = None
    institution: str = ""

    # shortcuts into the content
    @property
    def competences(self) -> tuple[CompetenceCoverage, ...]:
        return self.content.competences

    @property
    def items(self) -> tuple[EvidenceItem, ...]:
        return self.content.items

    @property
    def observations(self) -> tuple[Observation, ...]:
        return self.content.observations

    @property
    def feedback(self) -> tuple[Feedback, ...]:
        return self.content.feedback

    @property
    def requirements_met(self) -> bool:
        return all(c.met for c in self.checklist)

    @property
    def next_states(self) -> list[DossierState]:
        return dossier_next(self.state)

    @property
    def closed(self) -> bool:
        """The candidate qualified or was exempted: the dossier goes no further."""
        return self.candidate_status in (TrajectoryStatus.QUALIFIED, TrajectoryStatus.EXEMPTED)

    @property
    def can_mark_ready(self) -> bool:
        return self.state is DossierState.WORKING and not self.closed

    @property
    def can_unmark_ready(self) -> bool:
        return self.state is DossierState.READY

    @property
    def can_submit(self) -> bool:
        """Submittable now (maybe only with an override, see ``requirements_met``)."""
        return self.state is DossierState.READY and not self.closed

    @property
    def current_snapshot(self) -> SnapshotInfo | None:
        """The snapshot under assessment, while the dossier is submitted."""
        if self.state is DossierState.SUBMITTED and self.snapshots:
            return self.snapshots[-1]
        return None


# --- undo ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeptFile:
    """An attachment by hash and name: enough to attach it again (files are never deleted
    from the store, so undo needs no bytes)."""

    sha256: str
    name: str


@dataclass(frozen=True, slots=True)
class RemovedItem:
    """Everything of a removed evidence item, to put it back (restore_item)."""

    data: EvidenceInput
    files: tuple[KeptFile, ...] = ()
    feedback: tuple[Feedback, ...] = ()


@dataclass(frozen=True, slots=True)
class RemovedObservation:
    data: ObservationInput
    files: tuple[KeptFile, ...] = ()


@dataclass(frozen=True, slots=True)
class RemovedFeedback:
    data: FeedbackInput
    resolved: bool = False
    resolved_on: date | None = None
    resolved_by: str = ""


# --- the integrity check -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileUse:
    """Where a stored file is used, to tell the coordinator whose file is affected."""

    candidate_id: int | None
    candidate_name: str
    staff_number: str
    where: str  # "evidence 'Course syllabus'", "class observation 3-4-2024", "intake CV",
    # "snapshot 2"
    name: str  # the file's name there


@dataclass(frozen=True, slots=True)
class FileCheckProblem:
    sha256: str
    problem: str  # "missing" or "damaged"
    size: int
    uses: tuple[FileUse, ...]


@dataclass(frozen=True, slots=True)
class FileCheckReport:
    checked: int  # stored files checked
    location: str  # the folder (or "the database") where they are kept
    problems: tuple[FileCheckProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems
