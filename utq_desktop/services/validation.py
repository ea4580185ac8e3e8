"""Checks on what a user typed, before anything is written."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

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
    if not data.staff_number:
        raise ValidationError("A staff number is required.", "staff_number")
    if not STAFF_NUMBER.match(data.staff_number):
        raise ValidationError(
            f"Staff number '{data.staff_number}' may hold only letters, digits and . _ / - "
            "(at most 32 characters).",
            "staff_number",
        )
    if not data.surname:
        raise ValidationError("A surname is required.", "surname")
    if data.email and not EMAIL.match(data.email):
        raise ValidationError(f"'{data.email}' is not a valid e-mail address.", "email")
    if data.fte is not None and not 0 < data.fte <= 1.0:
        raise ValidationError(f"FTE must be more than 0 and at most 1 (got {data.fte}).", "fte")
    start = data.employment_start
    if start is not None:
        latest = date(today.year + 2, today.month, min(today.day, 28))
        if not EARLIEST_START <= start <= latest:
            raise ValidationError(
                f"Employment start {start:%d-%m-%Y} is impossible; "
                f"use a date between 1-1-1950 and {latest:%d-%m-%Y}.",
                "employment_start",
            )
    if not 0 <= data.extension_months <= MAX_EXTENSION_MONTHS:
        raise ValidationError(
            f"An extension is 0 to {MAX_EXTENSION_MONTHS} months.", "extension_months"
        )
    if data.extension_months and not data.extension_reason:
        raise ValidationError("An extension needs a reason.", "extension_reason")
    if not data.extension_months and data.extension_reason:
        data = replace(data, extension_reason="")
    return data
