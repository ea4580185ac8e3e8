"""The overview export: every active candidate in one workbook, for people who live in
Excel (and for the yearly report). The same rows as the register, so the deadline and
status are computed in one place (CandidateService.register)."""

from __future__ import annotations

from pathlib import Path

from utq_desktop.documents.overview_export import Column, Progress, write_table
from utq_desktop.domain.intake import IntakeState
from utq_desktop.services.candidates import CandidateService
from utq_desktop.services.intake import IntakeService

COLUMNS = (
    Column("Staff number", min_width=12),
    Column("Name", min_width=20),
    Column("Faculty"),
    Column("Department", min_width=12),
    Column("Employment start", "date", min_width=13),
    Column("Deadline", "date", min_width=13),
    Column("Deadline status"),
    Column("Status"),
    Column("Intake", min_width=12),
    Column("Supervisor", min_width=12),
)
# Per-competence progress columns follow the supervisor once portfolios exist.


class OverviewService:
    def __init__(self, candidates: CandidateService, intake: IntakeService) -> None:
        self._candidates = candidates
        self._intake = intake

    def export(self, path: str | Path, progress: Progress | None = None, *, title: str = "") -> int:
        """Write the overview of every active (not archived) candidate to ``path``;
        returns how many. WorkbookError when the file cannot be written."""
        rows = self._candidates.register(include_archived=False)
        states = self._intake.states()
        not_started = IntakeState.NOT_STARTED
        table = [
            (
                row.staff_number,
                row.full_name,
                row.faculty,
                row.department,
                row.employment_start,
                row.deadline,
                row.due_state.label,
                row.status.label,
                states.get(row.id, not_started).label,
                row.supervisor,
            )
            for row in rows
        ]
        write_table(
            path,
            "Candidates",
            COLUMNS,
            table,
            title=title or "UTQ candidates overview",
            progress=progress,
        )
        return len(table)
