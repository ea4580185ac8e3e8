"""Plain, frozen data that crosses from the core into the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from utq_desktop.domain.enums import DueState, Language, TrajectoryStatus
from utq_desktop.domain.intake import IntakeFacts, IntakeState, ProgrammeLevel


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the candidate register."""

    id: int
    staff_number: str
    full_name: str
    sort_name: str
    email: str
    faculty: str
    department: str
    status: TrajectoryStatus
    employment_start: date | None
    deadline: date | None
    due_state: DueState
    supervisor: str
    archived: bool
    search_key: str  # folded name, staff number and e-mail, for search-as-you-type
    intake_state: IntakeState = IntakeState.NOT_STARTED
    intake_completed_on: date | None = None  # the day the intake meeting was held
    unresolved_feedback: int = 0  # open portfolio feedback (services.portfolio)


@dataclass(frozen=True, slots=True)
class CandidateInput:
    """What a user enters to create or edit a candidate; validated by the service."""

    staff_number: str
    surname: str
    initials: str = ""
    first_name: str = ""
    prefix: str = ""
    email: str = ""
    faculty: str = ""
    department: str = ""
    position: str = ""
    fte: float | None = None
    employment_start: date | None = None
    extension_months: int = 0
    extension_reason: str = ""
    supervisor_id: int | None = None
    status: TrajectoryStatus = TrajectoryStatus.REGISTERED
    language: Language = Language.DUTCH  # of letters to the candidate


@dataclass(frozen=True, slots=True)
class CandidateDetail:
    id: int
    row_version: int
    data: CandidateInput
    full_name: str
    supervisor: str
    framework: str
    deadline: date | None
    due_state: DueState
    created_at: datetime
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class AuditEvent:
    at: datetime
    actor: str
    entity: str
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    login: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class FrameworkInfo:
    code: str
    version: int
    name: str
    competences: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class InstitutionSettingsData:
    name: str
    deadline_years: int
    default_framework_code: str
    appeal_weeks: int = 6  # the period for an appeal against an assessment result


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signs the certificates: a name and a role ('Dean', 'Rector Magnificus')."""

    name: str
    role: str


@dataclass(frozen=True, slots=True)
class CertificateSettings:
    """What the institution prints on its certificates besides its name."""

    signatories: tuple[Signatory, Signatory] = (
        Signatory("", "Dean"),
        Signatory("", "Rector Magnificus"),
    )
    logo_sha256: str | None = None  # a stored image; None: the neutral built-in logo


# --- intake ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeachingExperienceInput:
    """One line of an educational CV as entered; validated by the intake service."""

    course: str
    level: ProgrammeLevel = ProgrammeLevel.BACHELOR
    role: str = ""
    year_from: int | None = None  # required
    year_to: int | None = None  # None: still teaching it
    students: int | None = None
    language: str = ""


@dataclass(frozen=True, slots=True)
class TeachingExperience:
    id: int
    row_version: int
    data: TeachingExperienceInput


@dataclass(frozen=True, slots=True)
class AttachedDocument:
    sha256: str
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class TeachingTasksInput:
    """The talk about teaching tasks with the department supervisor."""

    supervisor: str = ""  # who (the department supervisor, not an application user)
    discussed_on: date | None = None
    agreed: str = ""


@dataclass(frozen=True, slots=True)
class DocumentsInput:
    """Which documents went to the faculty educational consultant, and when."""

    cv: bool = False
    self_diagnosis: bool = False
    teaching_tasks: bool = False
    sent_on: date | None = None


@dataclass(frozen=True, slots=True)
class MeetingInput:
    """The intake meeting and its outcome."""

    planned_on: date | None = None
    with_whom: str = ""
    held: bool = False
    supervisor_id: int | None = None  # the assigned UTQ supervisor (a consultant)
    agreements: str = ""
    consider_exemption: bool = False
    consider_partial_certificate: bool = False


@dataclass(frozen=True, slots=True)
class SelfRating:
    rating: int | None = None  # a value of the framework's scale; None: not rated
    notes: str = ""

    @property
    def empty(self) -> bool:
        return self.rating is None and not self.notes


@dataclass(frozen=True, slots=True)
class SelfDiagnosisInput:
    """Self-ratings by competence id and by criterion id; a missing id is not rated."""

    competences: dict[int, SelfRating] = field(default_factory=dict)
    criteria: dict[int, SelfRating] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScaleOption:
    value: int
    label: str


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class CompetenceInfo:
    id: int
    code: str
    name: str
    criteria: tuple[CriterionInfo, ...]


@dataclass(frozen=True, slots=True)
class SelfDiagnosis:
    """The framework version the self-diagnosis uses, and the ratings recorded on it."""

    framework: str  # "4TU / … (version 1)"; empty when the candidate has no framework
    scale: tuple[ScaleOption, ...]
    competences: tuple[CompetenceInfo, ...]
    ratings: SelfDiagnosisInput


@dataclass(frozen=True, slots=True)
class SectionChange:
    """Who last changed a part of the intake, and when (UTC)."""

    actor: str
    at: datetime


@dataclass(frozen=True, slots=True)
class IntakeDetail:
    candidate_id: int
    candidate_name: str
    candidate_status: TrajectoryStatus
    row_version: int  # 0: nothing recorded yet; pass it back with every intake edit
    state: IntakeState
    facts: IntakeFacts
    experiences: tuple[TeachingExperience, ...]
    cv_document: AttachedDocument | None
    self_diagnosis: SelfDiagnosis
    tasks: TeachingTasksInput
    documents: DocumentsInput
    meeting: MeetingInput
    supervisor: str  # the meeting's assigned UTQ supervisor, by name
    completed_on: date | None
    # the last change per part: "cv", "self_diagnosis", "tasks", "documents", "meeting"
    changes: dict[str, SectionChange] = field(default_factory=dict)
