"""The staff-list import against a real database: plan, all-or-nothing, re-import, cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from database_backends import TempDatabase
from staff_workbooks import journey_list, write_workbook

from utq_desktop.documents.staff_list import StaffSheet, read_staff_list
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.errors import OperationCancelledError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.import_plan import Outcome

TODAY = date(2026, 11, 23)
HEADER = ["Personeelsnummer", "Voornaam", "Tussenvoegsel", "Achternaam", "E-mail", "Afdeling"]
HEADER += ["FTE", "Datum in dienst"]


@pytest.fixture
def services(database: TempDatabase) -> Services:
    return database.open("hr", today=TODAY)


def sheet_of(tmp_path: Path, *rows: list[Any], name: str = "list.xlsx") -> StaffSheet:
    return read_staff_list(write_workbook(tmp_path / name, [HEADER, *rows]))


def anna(**changes: Any) -> list[Any]:
    row = {
        "number": "0012345",
        "first": "Anna",
        "prefix": "van",
        "surname": "Dijk",
        "email": " Anna.vanDijk@UTwente.NL ",
        "department": "Physics",
        "fte": 0.8,
        "start": date(2026, 9, 1),
    }
    row.update(changes)
    return list(row.values())


def bob(**changes: Any) -> list[Any]:
    bob = {"number": "0023456", "first": "Bob", "prefix": "", "surname": "Smit", "email": ""}
    return anna(**(bob | changes))


def test_plan_writes_nothing_and_apply_imports(
    services: Services, database: TempDatabase, tmp_path
):
    sheet = sheet_of(tmp_path, anna(), bob())
    plan = services.staff_import.plan(sheet)
    assert plan.summary() == "new: 2, updated: 0, unchanged: 0, rejected: 0"
    assert not plan.written
    assert database.query("SELECT count(*) FROM candidate") == [(0,)]
    assert plan.rows[0].name == "Anna van Dijk"

    done = services.staff_import.apply(sheet)
    assert done.written
    assert done.summary() == "new: 2, updated: 0, unchanged: 0, rejected: 0"
    cid = services.candidates.register()[0].id
    detail = services.candidates.detail(cid)
    assert detail.data == CandidateInput(
        staff_number="0012345",
        first_name="Anna",
        prefix="van",
        surname="Dijk",
        email="anna.vandijk@utwente.nl",
        department="Physics",
        fte=0.8,
        employment_start=date(2026, 9, 1),
        status=TrajectoryStatus.REGISTERED,
    )
    assert detail.framework.startswith("4TU")
    timeline = services.audit.candidate_timeline(cid)
    assert [(e.actor, e.action, e.new_value) for e in timeline] == [
        ("hr", "create", "Imported from staff list list.xlsx")
    ]


@pytest.mark.parametrize(
    ("row", "line"),
    [
        (anna(number=None), "row 2, column A (Personeelsnummer): A staff number is required."),
        (
            anna(number="00 123"),
            "row 2, column A (Personeelsnummer): Staff number '00 123' may hold only letters, "
            "digits and . _ / - (at most 32 characters).",
        ),
        (anna(surname=" "), "row 2, column D (Achternaam): A surname is required."),
        (
            anna(email="anna@"),
            "row 2, column E (E-mail): 'anna@' is not a valid e-mail address.",
        ),
        (anna(fte=1.5), "row 2, column G (FTE): FTE must be more than 0 and at most 1 (got 1.5)."),
        (
            anna(fte="some"),
            "row 2, column G (FTE): 'some' is not an FTE; write a number such as 0,8 or 80%.",
        ),
        (
            anna(start="30-02-2026"),
            "row 2, column H (Datum in dienst): '30-02-2026' is an impossible date "
            "(there is no such day).",
        ),
        (
            anna(start=date(1901, 1, 1)),
            "row 2, column H (Datum in dienst): Employment start 01-01-1901 is impossible; "
            "use a date between 1-1-1950 and 23-11-2028.",
        ),
        (
            anna(start="1 sept 2026"),
            "row 2, column H (Datum in dienst): '1 sept 2026' is not a date; write it as "
            "d-m-yyyy (1-9-2025) or yyyy-mm-dd.",
        ),
        (
            anna(department="x" * 121),
            f"row 2, column F (Afdeling): '{'x' * 30}…' is longer than 120 characters.",
        ),
    ],
)
def test_every_rejection_reason_names_row_and_column(
    services: Services, database: TempDatabase, tmp_path: Path, row: list[Any], line: str
) -> None:
    sheet = sheet_of(tmp_path, row, bob())
    plan = services.staff_import.apply(sheet)
    assert [p.line() for p in plan.problems()] == [line]
    assert plan.summary() == "new: 1, updated: 0, unchanged: 0, rejected: 1"
    assert not plan.written
    assert database.query("SELECT count(*) FROM candidate") == [(0,)]


def test_a_staff_number_twice_in_the_file_rejects_both_rows(services, database, tmp_path):
    sheet = sheet_of(tmp_path, anna(), bob(), anna(department="Chemistry"))
    plan = services.staff_import.apply(sheet, skip_invalid=True)
    assert [p.line() for p in plan.problems()] == [
        f"row {n}, column A (Personeelsnummer): Staff number 0012345 appears 2 times in the "
        "file (rows 2, 4); keep one row per person."
        for n in (2, 4)
    ]
    assert plan.written
    assert database.query("SELECT staff_number FROM candidate") == [("0023456",)]


def test_all_or_nothing_unless_skip_invalid(services: Services, database: TempDatabase, tmp_path):
    sheet = sheet_of(tmp_path, anna(), bob(email="bob@"))
    assert not services.staff_import.apply(sheet).written
    assert database.query("SELECT count(*) FROM candidate") == [(0,)]
    plan = services.staff_import.apply(sheet, skip_invalid=True)
    assert plan.written
    assert plan.summary() == "new: 1, updated: 0, unchanged: 0, rejected: 1"
    assert database.query("SELECT staff_number FROM candidate") == [("0012345",)]


def test_reimport_updates_by_staff_number_and_reports_changes(services, database, tmp_path):
    services.staff_import.apply(sheet_of(tmp_path, anna(), bob()))
    again = services.staff_import.apply(sheet_of(tmp_path, anna(), bob(), name="again.xlsx"))
    assert again.summary() == "new: 0, updated: 0, unchanged: 2, rejected: 0"

    changed = sheet_of(
        tmp_path,
        anna(department="Astronomy", fte="100%", email=None),  # an empty cell keeps the value
        bob(start="1-10-2026"),
        anna(number="0034567", first="Cem", prefix="", surname="Kaya"),
        name="october.xlsx",
    )
    plan = services.staff_import.apply(changed)
    assert plan.summary() == "new: 1, updated: 2, unchanged: 0, rejected: 0"
    assert [(r.row, r.change_text()) for r in plan.rows if r.outcome is Outcome.UPDATED] == [
        (2, "Department: Physics → Astronomy; FTE: 0.8 → 1.0"),
        (3, "Employment start: 1-9-2026 → 1-10-2026"),
    ]
    assert database.query("SELECT count(*) FROM candidate") == [(3,)]
    assert database.query(
        "SELECT email, department, fte, row_version FROM candidate WHERE staff_number = ?",
        "0012345",
    ) == [("anna.vandijk@utwente.nl", "Astronomy", 1.0, 2)]
    cid = database.query("SELECT id FROM candidate WHERE staff_number = '0012345'")[0][0]
    timeline = services.audit.candidate_timeline(cid)
    assert {(e.actor, e.action, e.field, e.old_value, e.new_value) for e in timeline[:3]} == {
        ("hr", "update", None, None, "Imported from staff list october.xlsx"),
        ("hr", "update", "department", "Physics", "Astronomy"),
        ("hr", "update", "fte", "0.8", "1.0"),
    }


def test_an_update_keeps_what_the_list_does_not_set(services: Services, tmp_path: Path):
    cid = services.candidates.create(
        CandidateInput(staff_number="0012345", surname="Dijk", position="Lecturer")
    )
    plan = services.staff_import.apply(sheet_of(tmp_path, anna()))
    assert plan.summary() == "new: 0, updated: 1, unchanged: 0, rejected: 0"
    data = services.candidates.detail(cid).data
    assert (data.position, data.first_name, data.surname) == ("Lecturer", "Anna", "Dijk")


def test_cancel_leaves_nothing_written(services: Services, database: TempDatabase, tmp_path: Path):
    rows = [anna(number=f"{n:07d}", email=f"p{n}@example.nl") for n in range(12_000)]
    sheet = sheet_of(tmp_path, *rows)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if done > total // 2:  # in the middle of writing
            raise OperationCancelledError("Cancelled")

    with pytest.raises(OperationCancelledError):
        services.staff_import.apply(sheet, progress=progress)
    assert calls[-1][0] > 12_000  # planning was done, writing had begun
    assert database.query("SELECT count(*) FROM candidate") == [(0,)]
    assert database.query("SELECT count(*) FROM audit_entry WHERE entity = 'candidate'") == [(0,)]


def test_the_mapping_can_be_corrected(services: Services, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "odd.xlsx",
        [["Nummer", "Voornaam", "Achternaam", "Ingang"], ["1", "Anna", "Dijk", "1-9-2026"]],
    )
    sheet = read_staff_list(path)
    assert sheet.mapping() == {1: "first_name", 2: "surname"}
    with pytest.raises(ValidationError, match="No column is read as Staff number"):
        services.staff_import.plan(sheet)
    mapping = {0: "staff_number", 1: "first_name", 2: "surname", 3: "employment_start"}
    with pytest.raises(ValidationError, match=r"Surname is read from more than one column"):
        services.staff_import.plan(sheet, {**mapping, 1: "surname"})
    plan = services.staff_import.apply(sheet, mapping)
    assert plan.written
    assert plan.rows[0].values["employment_start"] == date(2026, 9, 1)
    assert plan.ignored_columns == ()


def test_journey_one_the_hr_list(
    services: Services, database: TempDatabase, tmp_path: Path
) -> None:
    """Scenario 1: two problems named by row, the valid rows imported, the corrected list
    re-imported without duplicates."""
    today = date.today()
    path = journey_list(tmp_path / "hr.xlsx", today)
    plan = services.staff_import.apply(read_staff_list(path))
    assert not plan.written
    assert sorted({p.row for p in plan.problems()}) == [12, 27, 33]
    assert plan.summary() == "new: 37, updated: 0, unchanged: 0, rejected: 3"

    assert services.staff_import.apply(read_staff_list(path), skip_invalid=True).written
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.active
    sheet.delete_rows(27)  # the person listed twice
    sheet["K32"] = "1-9-2025"  # row 33 moved up one
    workbook.save(path)
    fixed = services.staff_import.apply(read_staff_list(path))
    assert fixed.summary() == "new: 2, updated: 0, unchanged: 37, rejected: 0"
    assert database.query("SELECT count(*), count(DISTINCT staff_number) FROM candidate") == [
        (39, 39)
    ]
