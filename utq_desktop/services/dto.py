"""Plain, frozen data that crosses from the core into the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from utq_desktop.domain.enums import DueState, TrajectoryStatus


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
