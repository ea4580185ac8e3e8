"""Checks on what a user entered for an intake, before anything is written.

Each function returns the input trimmed, or raises a ValidationError naming the first bad
field (the names match the fields of the intake dialogs).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from utq_desktop.domain.deadlines import add_months
from utq_desktop.errors import ValidationError
from utq_desktop.services.dto import (
    DocumentsInput,
    MeetingInput,
    SelfDiagnosisInput,
    SelfRating,
    TeachingExperienceInput,
    TeachingTasksInput,
)

EARLIEST_YEAR = 1950
EARLIEST_DATE = date(1990, 1, 1)
MAX_STUDENTS = 100_000
MAX_TEXT = 5000  # agreements, agreed tasks, notes


def _length(value: str, limit: int, field: str, what: str) -> None:
    if len(value) > limit:
        raise ValidationError(f"{what} may be at most {limit} characters long.", field)


def _past_date(value: date | None, today: date, field: str, what: str) -> None:
    if value is not None and not EARLIEST_DATE <= value <= today:
        raise ValidationError(
            f"{what} {value:%d-%m-%Y} is impossible; use a date between "
            f"{EARLIEST_DATE:%d-%m-%Y} and today.",
            field,
        )


def clean_experience(data: TeachingExperienceInput, today: date) -> TeachingExperienceInput:
    data = replace(
        data,
        course=data.course.strip(),
        role=data.role.strip(),
        language=data.language.strip(),
    )
    if not data.course:
        raise ValidationError("Which course was taught? The course is required.", "course")
    _length(data.course, 200, "course", "A course name")
    _length(data.role, 60, "role", "A role")
    _length(data.language, 40, "language", "A language")
    latest = today.year + 1
    if data.year_from is None:
        raise ValidationError("Enter the year the teaching started.", "year_from")
    if not EARLIEST_YEAR <= data.year_from <= latest:
        raise ValidationError(
            f"The start year {data.year_from} is impossible; use {EARLIEST_YEAR} to {latest}.",
            "year_from",
        )
    if data.year_to is not None and not data.year_from <= data.year_to <= latest + 1:
        raise ValidationError(
            f"The end year {data.year_to} must lie between the start year "
            f"{data.year_from} and {latest + 1}; leave it empty while still teaching.",
            "year_to",
        )
    if data.students is not None and not 1 <= data.students <= MAX_STUDENTS:
        raise ValidationError(
            f"The number of students is 1 to {MAX_STUDENTS:,} (got {data.students}); "
            "leave it empty when unknown.",
            "students",
        )
    return data


def clean_tasks(data: TeachingTasksInput, today: date) -> TeachingTasksInput:
    data = replace(data, supervisor=data.supervisor.strip(), agreed=data.agreed.strip())
    _length(data.supervisor, 200, "tasks_supervisor", "The department supervisor's name")
    _past_date(data.discussed_on, today, "tasks_discussed_on", "The talk's date")
    _length(data.agreed, MAX_TEXT, "tasks_agreed", "The agreed tasks")
    return data


def clean_documents(data: DocumentsInput, today: date) -> DocumentsInput:
    ticked = data.cv or data.self_diagnosis or data.teaching_tasks
    if ticked and data.sent_on is None:
        raise ValidationError(
            "Enter the date the documents were sent to the educational consultant.",
            "documents_sent_on",
        )
    if data.sent_on is not None and not ticked:
        raise ValidationError("Tick the documents that were sent, or clear the date.", "cv_sent")
    _past_date(data.sent_on, today, "documents_sent_on", "The date sent")
    return data


def clean_meeting(data: MeetingInput, today: date) -> MeetingInput:
    data = replace(data, with_whom=data.with_whom.strip(), agreements=data.agreements.strip())
    latest = add_months(today, 24)
    if data.planned_on is not None and not EARLIEST_DATE <= data.planned_on <= latest:
        raise ValidationError(
            f"A meeting on {data.planned_on:%d-%m-%Y} is impossible; use a date between "
            f"{EARLIEST_DATE:%d-%m-%Y} and {latest:%d-%m-%Y}.",
            "meeting_on",
        )
    _length(data.with_whom, 200, "meeting_with", "'With whom'")
    _length(data.agreements, MAX_TEXT, "agreements", "The agreements")
    if data.held:
        if data.planned_on is None:
            raise ValidationError("Enter the date the meeting was held.", "meeting_on")
        if data.planned_on > today:
            raise ValidationError(
                f"A meeting on {data.planned_on:%d-%m-%Y} cannot have been held yet.",
                "meeting_held",
            )
        if data.supervisor_id is None:
            raise ValidationError(
                "Choose the UTQ supervisor agreed at the meeting: that completes the intake.",
                "supervisor_id",
            )
    return data


def clean_self_diagnosis(data: SelfDiagnosisInput) -> SelfDiagnosisInput:
    """Notes trimmed, empty ratings dropped; scale and framework are checked by the service."""

    def clean(ratings: dict[int, SelfRating], prefix: str) -> dict[int, SelfRating]:
        kept = {}
        for key, rating in ratings.items():
            rating = replace(rating, notes=rating.notes.strip())
            _length(rating.notes, MAX_TEXT, f"{prefix}_notes_{key}", "A note")
            if not rating.empty:
                kept[key] = rating
        return kept

    return SelfDiagnosisInput(
        competences=clean(data.competences, "competence"),
        criteria=clean(data.criteria, "criterion"),
    )
