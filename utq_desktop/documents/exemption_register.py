"""The exemption register as an Excel workbook, for HR: one row per case with its status,
days open and next action; dates are real Excel dates (documents/overview_export.py
streams the rows in openpyxl's write-only mode and writes all or nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from utq_desktop.documents.overview_export import Column, Progress, write_table
from utq_desktop.domain.exemption import GROUND_SHORT, status_text
from utq_desktop.services.exemption_dto import ExemptionRegisterRow

COLUMNS = (
    Column("Staff number", min_width=12),
    Column("Candidate", min_width=20),
    Column("Faculty"),
    Column("Ground", min_width=16),
    Column("Status", min_width=16),
    Column("Exemption advisor", min_width=14),
    Column("Filed on", "date", min_width=11),
    Column("Meeting on", "date", min_width=11),
    Column("Closed on", "date", min_width=11),
    Column("Days open", "number", min_width=10),
    Column("Next action", min_width=20),
)


def register_table(rows: Sequence[ExemptionRegisterRow]) -> list[tuple[object, ...]]:
    return [
        (
            row.staff_number,
            row.candidate_name,
            row.faculty,
            GROUND_SHORT[row.ground],
            status_text(row.status, row.decision),
            row.advisor,
            row.filed_on,
            row.meeting_on,
            row.closed_on,
            row.days_open,
            row.next_action,
        )
        for row in rows
    ]


def write_register(
    path: str | Path, rows: Sequence[ExemptionRegisterRow], progress: Progress | None = None
) -> None:
    """Write the cases to ``path`` (.xlsx); WorkbookError when it cannot be written."""
    write_table(
        path,
        "Exemptions",
        COLUMNS,
        register_table(rows),
        title="UTQ exemption register",
        progress=progress,
    )
