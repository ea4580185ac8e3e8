"""Checks on what a user typed, before anything is written."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from utq_desktop.domain.enums import Language
from utq_desktop.errors import ValidationError
from utq_desktop.services.dto import CandidateInput

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STAFF_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")
MAX_EXTENSION_MONTHS = 60
EARLIEST_START = date(1950, 1, 1)


def clean_candidate(data: CandidateInput, today: date) -> CandidateInput:
    """The input trimmed and normalised, or a ValidationError naming the first bad field."""
    data = replace(
        data,
        staff_number=data.staff_number.strip(),
        initials=data.initials.strip(),
        first_name=data.first_name.strip(),
        prefix=data.prefix.strip(),
        surname=data.surname.strip(),
        email=data.email.strip().lower(),
        faculty=data.faculty.strip(),
        department=data.department.strip(),
        position=data.position.strip(),
        extension_reason=data.extension_reason.strip(),
    )
    problem = candidate_problem(
        data.staff_number, data.surname, data.email, data.fte, data.employment_start, today
    )
    if problem is not None:
        raise ValidationError(problem[1], problem[0])
    if not 0 <= data.extension_months <= MAX_EXTENSION_MONTHS:
        raise ValidationError(
            f"An extension is 0 to {MAX_EXTENSION_MONTHS} months.", "extension_months"
        )
    if data.extension_months and not data.extension_reason:
        raise ValidationError("An extension needs a reason.", "extension_reason")
    if not data.extension_months and data.extension_reason:
        data = replace(data, extension_reason="")
    try:
        data = replace(data, language=Language(data.language))
    except ValueError:
        raise ValidationError(
            f"Unknown language '{data.language}'; letters are written in Dutch (nl) or "
            "English (en).",
            "language",
        ) from None
    return data


def candidate_problem(
    staff_number: str,
    surname: str,
    email: str,
    fte: float | None,
    employment_start: date | None,
    today: date,
) -> tuple[str, str] | None:
    """(field, message) of the first bad value among trimmed ones, or None. Shared by the
    candidate dialog (through clean_candidate) and the staff-list import, row by row."""
    if not staff_number:
        return "staff_number", "A staff number is required."
    if not STAFF_NUMBER.match(staff_number):
        return "staff_number", (
            f"Staff number '{staff_number}' may hold only letters, digits and . _ / - "
            "(at most 32 characters)."
        )
    if not surname:
        return "surname", "A surname is required."
    if email and not EMAIL.match(email):
        return "email", f"'{email}' is not a valid e-mail address."
    if fte is not None and not 0 < fte <= 1.0:
        return "fte", f"FTE must be more than 0 and at most 1 (got {fte})."
    if employment_start is not None:
        latest = latest_start(today)
        if not EARLIEST_START <= employment_start <= latest:
            return "employment_start", (
                f"Employment start {employment_start:%d-%m-%Y} is impossible; "
                f"use a date between 1-1-1950 and {latest:%d-%m-%Y}."
            )
    return None


@cache
def latest_start(today: date) -> date:
    """The latest believable employment start: two years ahead (computed once a day, not
    once per row of a 20,000-row import)."""
    return date(today.year + 2, today.month, min(today.day, 28))
