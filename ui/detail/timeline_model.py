"""The audit timeline of one candidate as a read-only table model."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.intake import ProgrammeLevel
from utq_desktop.domain.portfolio import CriterionState, DossierState
from utq_desktop.domain.route import ActivityStatus
from utq_desktop.services.dto import AuditEvent

from ui.detail.portfolio.texts import dossier_text, state_text
from ui.detail.route.texts import activity_status_text
from ui.formatting import format_date, format_timestamp, level_text, status_text
from ui.qt_types import ModelIndex

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FIELD_LABELS = {
    "staff_number": "Staff number",
    "initials": "Initials",
    "first_name": "First name",
    "prefix": "Prefix",
    "surname": "Surname",
    "email": "E-mail",
    "faculty": "Faculty",
    "department": "Department",
    "position": "Position",
    "fte": "FTE",
    "employment_start": "Employment start",
    "extension_months": "Extension (months)",
    "extension_reason": "Extension reason",
    "supervisor": "Supervisor",
    "status": "Status",
    "archived_at": "Archived",
    # the intake
    "course": "Course",
    "level": "Programme level",
    "role": "Role",
    "year_from": "From",
    "year_to": "Until",
    "students": "Students",
    "language": "Language",
    "cv_document": "CV document",
    "tasks_supervisor": "Department supervisor",
    "tasks_discussed_on": "Teaching tasks discussed on",
    "tasks_agreed": "Agreed teaching tasks",
    "cv_sent": "CV sent",
    "self_diagnosis_sent": "Self-diagnosis sent",
    "tasks_sent": "Teaching tasks sent",
    "documents_sent_on": "Documents sent on",
    "meeting_on": "Meeting date",
    "meeting_with": "Meeting with",
    "meeting_held": "Meeting held",
    "agreements": "Agreements",
    "consider_exemption": "Consider an exemption",
    "consider_partial_certificate": "Consider a partial certificate",
    # the learning route
    "activity": "Activity",
    "template": "Route template",
    "agreed_by": "Agreed by",
    "agreed_on": "Agreed on",
    # exemption requests and partial certificates
    "exemption_step": "Step",
    "ground": "Ground",
    "ground_detail": "Diploma / certificate",
    "request_filed_on": "Request filed on",
    "request_filed_by": "Request filed by",
    "advisor": "Exemption advisor",
    "advice": "Advice",
    "advice_motivation": "Motivation of the advice",
    "decision": "Decision",
    "decided_by": "Decided by",
    "decision_motivation": "Motivation of the decision",
    "withdrawn_reason": "Reason for withdrawing",
    "letter": "Decision letter",
    "document": "Document",
    "institution": "University",
    "obtained_on": "Obtained on",
    "competences": "Competences",
    "notes": "Notes",
    # certificates
    "kind": "Kind",
    "serial": "Serial number",
    "verification_code": "Verification code",
    "award_date": "Date of the result",
    "replaced_by": "Replaced by",
    "replaces": "Replaces",
    "revoke_reason": "Reason for revoking",
    # assessment and appeals (judgement fields name their competence and assessor)
    "round": "Assessment round",
    "submission": "Submission",
    "started_on": "Started on",
    "assessors": "Assessors",
    "chair": "Chair",
    "result": "Result",
    "result_on": "Result date",
    "motivation": "Motivation",
    "reason": "Reason",
    "filed_on": "Appeal filed on",
    "grounds": "Grounds",
    "deadline": "Appeal deadline",
    "accepted late": "Accepted late because",
    "hearing_on": "Hearing on",
    "outcome": "Outcome",
    # the portfolio
    "item": "Evidence item",
    "observation": "Class observation",
    "dossier_state": "Dossier",
    "returned": "Returned for revision",
    "feedback": "Feedback",
    "snapshot": "Snapshot",
    "requirements_override": "Submitted by exception",
}
# fields named after a competence or criterion code: "rating:C1", "notes:C1.2"
CODED_FIELD_LABELS = {"rating": "Self-rating {code}", "notes": "Notes on {code}"}
# …and the learning route's, after an activity's title or a competence's code
CODED_FIELD_LABELS |= {
    "kind": "Kind of {code}",
    "title": "Title of {code}",
    "provider": "Provider of {code}",
    "planned_on": "Planned date of {code}",
    "hours": "Hours of {code}",
    "competences": "Competences of {code}",
    "status": "Status of {code}",
    "registered_on": "{code} registered on",
    "completed_on": "{code} completed on",
    "cancelled_on": "{code} cancelled on",
    "recognised": "{code} recognised",
    "recognised_on": "{code} recognised on",
}
# …and the portfolio's, after an item's title, an observation, a criterion or a comment
CODED_FIELD_LABELS |= {
    "made_on": "Date of {code}",
    "description": "Description of {code}",
    "criteria": "Criteria of {code}",
    "attachment": "File of {code}",
    "observed_on": "Date of the observation {code}",
    "observer": "Observer of {code}",
    "course": "Course of {code}",
    "state": "State of {code}",
    "note": "Note on {code}",
    "feedback": "Feedback on {code}",
    "author": "Feedback on {code} by",
    "given_on": "Feedback on {code} given on",
    "resolved": "Feedback on {code} resolved",
}
ENTITY_LABELS = {
    "exemption_case": "Exemption",
    "partial_certificate": "Partial certificate",
    "intake": "Intake",
    "teaching_experience": "Educational CV",
    "self_diagnosis": "Self-diagnosis",
    "learning_route": "Learning route",
    "route_activity": "Learning route",
    "certificate": "Certificate",
    "assessment": "Assessment",
    "assessment_judgement": "Assessment",
    "assessment_appeal": "Appeal",
    "portfolio_dossier": "Portfolio",
    "portfolio_item": "Evidence",
    "portfolio_observation": "Class observation",
    "portfolio_criterion": "Coverage",
    "portfolio_feedback": "Feedback",
    "portfolio_snapshot": "Submission",
}
ACTION_LABELS = {
    "create": "Created",
    "update": "Changed",
    "delete": "Removed",
    "archive": "Archived",
    "restore": "Restored",
    "decide": "Decided",
    "cancel": "Cancelled",
}
BOOLEAN_TEXTS = {"True": "yes", "False": "no"}
HEADERS = ("When", "Who", "What", "Change")


def field_label(field: str | None) -> str:
    if field is None:
        return ""
    kind, _, code = field.partition(":")
    if code and kind in CODED_FIELD_LABELS:
        return QCoreApplication.translate("AuditFields", CODED_FIELD_LABELS[kind]).format(code=code)
    return QCoreApplication.translate("AuditFields", FIELD_LABELS.get(field, field))


def value_text(field: str | None, value: str | None) -> str:
    if value is None or value == "":
        return "—"
    if field == "status":
        try:
            return status_text(TrajectoryStatus(value))
        except ValueError:
            return value
    if field and field.startswith("status:"):  # of a route activity
        try:
            return activity_status_text(ActivityStatus(value))
        except ValueError:
            return value
    if field and field.startswith("state:"):  # a criterion's state in the portfolio
        try:
            return state_text(CriterionState(value))
        except ValueError:
            return value
    if field == "dossier_state":
        try:
            return dossier_text(DossierState(value))
        except ValueError:
            return value
    if ISO_DATE.match(value):
        return format_date(date.fromisoformat(value))
    if field == "archived_at":
        return QCoreApplication.translate("AuditFields", "yes")
    if field == "level":
        try:
            return level_text(ProgrammeLevel(value))
        except ValueError:
            return value
    if value in BOOLEAN_TEXTS:
        return QCoreApplication.translate("AuditFields", BOOLEAN_TEXTS[value])
    return value


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEvent] = []

    def set_events(self, events: list[AuditEvent]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate("Timeline", HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        event = self._events[index.row()]
        column = index.column()
        if column == 0:
            return format_timestamp(event.at)
        if column == 1:
            return event.actor
        if column == 2:
            action = QCoreApplication.translate(
                "AuditActions", ACTION_LABELS.get(event.action, event.action)
            )
            label = field_label(event.field)
            what = f"{action}: {label}" if label else action
            entity = ENTITY_LABELS.get(event.entity)
            if entity is None:
                return what
            return f"{QCoreApplication.translate('AuditEntities', entity)} · {what}"
        if event.field is None:
            return event.new_value or ""
        if event.action == "create":
            return value_text(event.field, event.new_value)
        old = value_text(event.field, event.old_value)
        new = value_text(event.field, event.new_value)
        return f"{old} → {new}"
