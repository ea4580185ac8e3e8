"""Plain, frozen data about framework versions, learning routes and route templates, for
the UI, the CLI and the PDF (the same pattern as services/dto.py, kept apart for size)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.route import (
    ActivityKind,
    ActivityStatus,
    Progress,
    StatusDates,
)

# --- frameworks ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FrameworkVersion:
    """One stored version of a competence framework."""

    id: int
    code: str
    version: int
    name: str
    name_nl: str
    competences: int
    criteria: int
    source: str  # the file it came from
    candidates: int  # candidates pinned to this version
    latest: bool  # the newest version of its code: where new candidates start


# --- the learning route --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActivityInput:
    """What a user enters for a planned activity; validated by the route service."""

    kind: ActivityKind = ActivityKind.TRAINING_MODULE
    title: str = ""
    provider: str = ""
    planned_on: date | None = None
    hours: float | None = None
    competence_ids: tuple[int, ...] = ()  # of the route's framework version
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Activity:
    id: int
    row_version: int
    data: ActivityInput
    dates: StatusDates
    template: str = ""  # the template it came from
    overdue: bool = False  # still open after its planned date
    late: bool = False  # planned (and open) after the candidate's deadline

    @property
    def status(self) -> ActivityStatus:
        return self.dates.status


@dataclass(frozen=True, slots=True)
class ActivitySnapshot:
    """Everything of a removed activity, to put it back (undo)."""

    data: ActivityInput
    dates: StatusDates
    template_item_id: int | None = None


@dataclass(frozen=True, slots=True)
class Recognition:
    """A competence recognised, e.g. by a partial certificate from another university."""

    reason: str
    on: date


@dataclass(frozen=True, slots=True)
class RouteCompetence:
    id: int
    code: str
    name: str
    progress: Progress
    recognition: Recognition | None = None


@dataclass(frozen=True, slots=True)
class RouteAgreement:
    """Who agreed the route with the candidate (the UTQ supervisor), and when."""

    agreed_by: str = ""
    agreed_on: date | None = None

    @property
    def agreed(self) -> bool:
        return self.agreed_on is not None


@dataclass(frozen=True, slots=True)
class RouteDetail:
    candidate_id: int
    candidate_name: str  # exactly as registered
    staff_number: str
    faculty: str
    candidate_status: TrajectoryStatus
    supervisor: str  # the candidate's UTQ supervisor, by name
    row_version: int  # 0: no route recorded yet; pass it back with agreement edits
    framework_id: int | None
    framework: str  # "4TU / … (version 1)"; empty without a framework
    competences: tuple[RouteCompetence, ...]
    activities: tuple[Activity, ...]  # by planned date, undated last
    agreement: RouteAgreement
    changes_since_agreement: int  # route edits audited after the agreement was recorded
    intake_on: date | None  # the day of the intake meeting
    deadline: date | None
    today: date
    institution: str = ""

    def activity(self, activity_id: int) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    @property
    def general(self) -> tuple[Activity, ...]:
        """Activities that serve no competence in particular."""
        return tuple(a for a in self.activities if not a.data.competence_ids)


# --- route templates -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TemplateItemInput:
    kind: ActivityKind = ActivityKind.TRAINING_MODULE
    title: str = ""
    provider: str = ""
    hours: float | None = None
    competence_codes: tuple[str, ...] = ()
    offset_months: int = 0  # planned this many months after the intake


@dataclass(frozen=True, slots=True)
class TemplateItem:
    id: int
    data: TemplateItemInput


@dataclass(frozen=True, slots=True)
class TemplateInput:
    name: str
    framework_code: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class RouteTemplateInfo:
    id: int
    row_version: int
    name: str
    framework_code: str
    framework_name: str  # of the latest version of that code ("" if none is stored)
    description: str
    builtin: bool
    items: tuple[TemplateItem, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class CompetenceChoice:
    """A competence offered for a template item (by code) or an activity (by id)."""

    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class ApplyOutcome:
    candidate_id: int
    candidate_name: str
    added: int = 0
    already: int = 0  # items already on the route: not added twice
    recognised: int = 0  # items left out: all their competences are recognised
    problem: str = ""  # why nothing was applied to this candidate


@dataclass(frozen=True, slots=True)
class ApplyResult:
    template: str
    outcomes: tuple[ApplyOutcome, ...]

    @property
    def added(self) -> int:
        return sum(o.added for o in self.outcomes)

    @property
    def changed(self) -> tuple[int, ...]:
        return tuple(o.candidate_id for o in self.outcomes if o.added)

    @property
    def refused(self) -> tuple[ApplyOutcome, ...]:
        return tuple(o for o in self.outcomes if o.problem)
