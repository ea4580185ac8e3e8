"""The overview export: one header row, real dates, frozen and filterable, active only."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from database_backends import TempDatabase
from openpyxl import load_workbook

from utq_desktop.errors import OperationCancelledError, WorkbookError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput

TODAY = date(2026, 11, 23)
HEADER = (
    "Staff number",
    "Name",
    "Faculty",
    "Department",
    "Employment start",
    "Deadline",
    "Deadline status",
    "Status",
    "Intake",
    "Supervisor",
)


@pytest.fixture
def services(database: TempDatabase) -> Services:
    opened = database.open("anna", today=TODAY)
    candidates = opened.candidates
    candidates.create(
        CandidateInput(
            staff_number="0023456",
            first_name="Siobhán",
            prefix="van 't",
            surname="Hof",
            faculty="BMS",
            department="Psychology",
            employment_start=date(2024, 3, 1),
        )
    )
    candidates.create(CandidateInput(staff_number="0012345", surname="Doğan", first_name="Ayşe"))
    gone = candidates.create(CandidateInput(staff_number="0099999", surname="Weg"))
    candidates.archive(gone)
    return opened


def test_export_writes_active_candidates_under_one_header(services, tmp_path: Path) -> None:
    path = tmp_path / "overview.xlsx"
    assert services.overview.export(path) == 2
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADER
    assert rows[1] == (
        "0012345",
        "Ayşe Doğan",
        None,
        None,
        None,
        None,
        "On track",
        "Registered",
        "Not started",
        None,
    )
    assert rows[2][:2] == ("0023456", "Siobhán van 't Hof")
    assert rows[2][4:9] == (
        datetime(2024, 3, 1),
        datetime(2027, 3, 1),
        "Due within 6 months",
        "Registered",
        "Not started",
    )
    assert len(rows) == 3  # the archived candidate is left out
    assert sheet["E3"].is_date and sheet["E3"].number_format == "d-m-yyyy"
    assert sheet["F3"].is_date
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J3"
    assert sheet["A1"].font.bold
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    assert widths["B"] >= len("Siobhán van 't Hof")
    assert all(8 <= width <= 60 for width in widths.values())


def test_export_replaces_an_old_file_and_cancel_keeps_it(services, tmp_path: Path) -> None:
    path = tmp_path / "overview.xlsx"
    path.write_bytes(b"old")

    def cancel(done: int, total: int) -> None:
        raise OperationCancelledError("Cancelled")

    with pytest.raises(OperationCancelledError):
        services.overview.export(path, progress=cancel)
    assert path.read_bytes() == b"old"
    services.overview.export(path)
    assert load_workbook(path).active["A1"].value == "Staff number"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_to_an_impossible_place(services, tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="does not exist"):
        services.overview.export(tmp_path / "nowhere" / "overview.xlsx")
    with pytest.raises(WorkbookError, match=r"must end in .xlsx"):
        services.overview.export(tmp_path / "overview.csv")
