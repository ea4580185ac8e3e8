"""Reading HR staff lists: header detection, value parsing and every kind of bad file."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from staff_workbooks import DUTCH_HEADER, journey_list, write_workbook

import utq_desktop.documents.staff_list as staff_list
from utq_desktop.documents.staff_list import (
    CellError,
    column_letter,
    find_header_row,
    normalise_header,
    parse_date,
    parse_email,
    parse_fte,
    parse_rows,
    parse_staff_number,
    parse_text,
    read_staff_list,
    recognise,
)
from utq_desktop.documents.xlsx_check import CFB_MAGIC
from utq_desktop.errors import WorkbookError

TODAY = date(2026, 11, 23)
ROW = ["0012345", "A.", "Anna", "van", "Dijk", "anna@example.nl", "EEMCS", "CS", "UD", 0.8]


# --- headers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Personeelsnummer", "staff_number"),
        ("STAFF NUMBER", "staff_number"),
        ("Staff no.", "staff_number"),
        ("Voorletters", "initials"),
        ("initials", "initials"),
        ("Voornaam", "first_name"),
        ("First name", "first_name"),
        ("first_name", "first_name"),
        ("Tussenvoegsel", "prefix"),
        ("Prefix", "prefix"),
        ("Achternaam", "surname"),
        ("Surname", "surname"),
        ("Last name", "surname"),
        ("last-name", "surname"),
        ("E-mail", "email"),
        ("E-mailadres", "email"),
        ("E-mail(adres)", "email"),
        ("e-mail adres", "email"),
        ("Email", "email"),
        ("Faculteit", "faculty"),
        ("Faculty:", "faculty"),
        ("Afdeling", "department"),
        ("Department", "department"),
        ("Functie", "position"),
        ("Position", "position"),
        ("FTE", "fte"),
        ("Aanstelling", "fte"),
        ("Datum in dienst", "employment_start"),
        ("datum-in-dienst", "employment_start"),
        ("Start date", "employment_start"),
        ("Employment start", "employment_start"),
        ("  Employment  Start ", "employment_start"),
        ("Kostenplaats", None),
        ("", None),
    ],
)
def test_headers_are_recognised_in_dutch_and_english(header: str, field: str | None) -> None:
    assert recognise(header) == field


def test_header_normalisation_ignores_case_accents_and_punctuation() -> None:
    assert normalise_header("E-mail (adres)") == "emailadres"
    assert normalise_header("Façulteit") == "faculteit"
    assert recognise(42) is None


def test_header_row_is_found_below_title_lines() -> None:
    data = [
        ["Nieuwe medewerkers september", "", ""],
        ["Export: 1-9-2026", "", ""],
        ["", "", ""],
        ["Personeelsnummer", "Achternaam", "Datum in dienst"],
        ["0012345", "Dijk", "1-9-2026"],
    ]
    assert find_header_row(data) == 3


def test_a_title_naming_one_field_is_not_a_header() -> None:
    assert find_header_row([["Personeelsnummer"], ["Staff", "Other"]]) is None


def test_reading_the_journey_list(tmp_path: Path) -> None:
    sheet = read_staff_list(journey_list(tmp_path / "hr.xlsx", TODAY))
    assert (sheet.file_name, sheet.sheet_name, sheet.header_row) == (
        "hr.xlsx",
        "Nieuwe medewerkers",
        3,
    )
    assert [column.header for column in sheet.columns] == list(DUTCH_HEADER)
    assert [c.describe() for c in sheet.ignored()] == ["L (Kostenplaats)"]
    assert len(sheet.mapping()) == 11
    assert [number for number, _cells in sheet.rows] == list(range(4, 44))
    assert sheet.rows[0][1][0] == "0040100"  # text: leading zeros kept


def test_english_headers_and_empty_rows(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "en.xlsx",
        [
            ["Staff number", "Last name", "Start date", "Notes"],
            ["S1", "Smith", date(2026, 1, 1), "x"],
            [],
            [None, None, None, None],
            ["   ", " ", None, None],  # blanks only
            ["S2", "Jones", None, None],
        ],
    )
    sheet = read_staff_list(path)
    parsed = parse_rows(sheet, sheet.mapping(), {})
    assert [(row.row, row.staff_number) for row in parsed] == [(2, "S1"), (6, "S2")]
    assert [c.describe() for c in sheet.ignored()] == ["D (Notes)"]


def test_a_repeated_header_reads_the_first_column(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "twice.xlsx",
        [["Personeelsnummer", "Achternaam", "Afdeling", "Afdeling"], ["1", "Dijk", "A", "B"]],
    )
    sheet = read_staff_list(path)
    assert sheet.mapping() == {0: "staff_number", 1: "surname", 2: "department"}
    assert [c.describe() for c in sheet.ignored()] == ["D (Afdeling)"]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 11, 25, 26, 701, 702)] == [
        "A",
        "L",
        "Z",
        "AA",
        "ZZ",
        "AAA",
    ]


# --- values --------------------------------------------------------------------------------


def test_text_is_trimmed_and_numbers_lose_their_decimal_zero() -> None:
    assert parse_text("  Dijk \n") == "Dijk"
    assert parse_text(12345.0) == "12345"
    assert parse_text(0.5) == "0.5"
    assert parse_text(date(2026, 9, 1)) == "1-9-2026"


def test_staff_numbers_stay_text_with_leading_zeros() -> None:
    assert parse_staff_number(" 0012345 ") == "0012345"
    assert parse_staff_number(12345) == "12345"
    assert parse_staff_number(12345.0) == "12345"
    for bad in (12.5, True, date(2026, 1, 1), time(9, 0)):
        with pytest.raises(CellError):
            parse_staff_number(bad)


def test_email_is_trimmed_and_lower_cased() -> None:
    assert parse_email("  A.deVries@UTwente.NL ") == "a.devries@utwente.nl"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.8, 0.8), (1, 1.0), ("0,8", 0.8), ("0.6", 0.6), ("80%", 0.8), (" 100 % ", 1.0), ("", None)],
)
def test_fte(value: object, expected: float | None) -> None:
    assert parse_fte(value) == pytest.approx(expected) if expected else parse_fte(value) is None


def test_fte_that_is_not_a_number() -> None:
    with pytest.raises(CellError, match="'fulltime' is not an FTE"):
        parse_fte("fulltime")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 9, 1), date(2026, 9, 1)),
        (datetime(2026, 9, 1, 0, 0), date(2026, 9, 1)),
        ("1-9-2026", date(2026, 9, 1)),
        ("01-09-2026", date(2026, 9, 1)),
        ("2026-09-01", date(2026, 9, 1)),
        ("2026-9-1", date(2026, 9, 1)),
        ("1/9/2026", date(2026, 9, 1)),
        ("1.9.2026", date(2026, 9, 1)),
        ("2026-09-01 00:00:00", date(2026, 9, 1)),
        (46266, date(2026, 9, 1)),  # a date cell without a date format: Excel's serial
        ("", None),
    ],
)
def test_dates_as_excel_dates_or_text(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31-02-2026", "'31-02-2026' is an impossible date"),
        ("1-13-2026", "'1-13-2026' is an impossible date"),
        ("1-9-26", "'1-9-26' has no four-digit year"),
        ("1 september 2026", "'1 september 2026' is not a date"),
        ("09/01/2026 maybe", "is not a date"),
        (-5, "-5 is not a date"),
        (True, "is not a date"),
    ],
)
def test_impossible_or_unreadable_dates(value: object, reason: str) -> None:
    with pytest.raises(CellError, match=reason):
        parse_date(value)


def test_parse_rows_reports_unreadable_cells_by_row_and_column(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bad.xlsx",
        [
            ["Personeelsnummer", "Achternaam", "FTE", "Datum in dienst", "Voornaam"],
            ["1", "Dijk", "veel", "31-02-2026", "Anna"],
            [None, "Smit", 0.8, None, "x" * 101],
            ["3", "Bakker", "0,5", "1-9-2026", "Bo"],
        ],
    )
    sheet = read_staff_list(path)
    parsed = parse_rows(sheet, sheet.mapping(), {"first_name": 100})
    lines = [p.line() for row in parsed for p in row.problems]
    assert lines == [
        "row 2, column C (FTE): 'veel' is not an FTE; write a number such as 0,8 or 80%.",
        "row 2, column D (Datum in dienst): '31-02-2026' is an impossible date "
        "(there is no such day).",
        "row 3, column A (Personeelsnummer): A staff number is required.",
        f"row 3, column E (Voornaam): '{'x' * 30}…' is longer than 100 characters.",
    ]
    assert parsed[2].values == {
        "staff_number": "3",
        "initials": "",
        "first_name": "Bo",
        "prefix": "",
        "surname": "Bakker",
        "email": "",
        "faculty": "",
        "department": "",
        "position": "",
        "fte": 0.5,
        "employment_start": date(2026, 9, 1),
        "language": "",  # no such column: the import gives new candidates Dutch letters
    }
    assert parsed[0].values["fte"] == "veel"  # an unreadable cell keeps its text, to show


# --- bad files -----------------------------------------------------------------------------


def refused(path: Path, message: str) -> None:
    with pytest.raises(WorkbookError, match=message):
        read_staff_list(path)


def test_a_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    refused(path, "'staff.xlsx' is a PDF document, not an Excel workbook")


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE compound file holding an 'EncryptedPackage' stream.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(CFB_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    refused(path, "'secret.xlsx' is protected with a password")


def test_an_old_xls_workbook(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(CFB_MAGIC + b"\0" * 504 + "Workbook".encode("utf-16-le"))
    refused(path, r"old Excel 97–2003 workbook \(.xls\)")


def test_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("Personeelsnummer;Achternaam\n0012345;Doğan\n", encoding="utf-8")
    refused(path, r"is a text file \(such as CSV\)")


def test_an_empty_file_and_a_missing_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    refused(empty, r"is empty \(0 bytes\)")
    refused(tmp_path / "nowhere.xlsx", "does not exist")
    refused(tmp_path, "is a folder")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(path, "is a ZIP archive, not an Excel workbook")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    refused(broken, "is damaged")


def test_a_workbook_without_data(tmp_path: Path) -> None:
    refused(write_workbook(tmp_path / "empty.xlsx", []), "is empty: sheet 'Staff' holds no data")


def test_a_workbook_without_a_recognisable_header(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "nohead.xlsx", [["Naam", "Adres"], ["Anna", "Enschede"]])
    refused(path, "No header row found in the first 25 rows of sheet 'Staff'")


def test_a_header_without_rows(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "head.xlsx", [["Personeelsnummer", "Achternaam"]])
    refused(path, r"has a header row \(row 1\) but no staff below it")


def test_formulas_in_the_list_are_refused(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "formula.xlsx",
        [["Personeelsnummer", "Achternaam", "FTE"], ["1", "Dijk", 0.5], ["2", "Smit", "=C2*2"]],
    )
    refused(path, "Cell C3 of 'formula.xlsx' holds a formula")


def test_a_formula_in_a_cell_without_its_reference_is_refused(tmp_path: Path) -> None:
    import re

    path = write_workbook(
        tmp_path / "plain.xlsx",
        [["Personeelsnummer", "Achternaam", "FTE"], ["1", "Dijk", "=0.5*2"]],
    )
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", sheet)
    stripped = tmp_path / "stripped.xlsx"
    with zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    refused(stripped, "A cell of 'stripped.xlsx' holds a formula")


def test_a_formula_in_the_title_above_the_header_is_allowed(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "title.xlsx",
        [['="Staff on "&TEXT(TODAY(),"d-m-yyyy")'], ["Personeelsnummer", "Achternaam"], ["1", "X"]],
    )
    assert read_staff_list(path).header_row == 2


def test_merged_cells_in_the_list_are_refused(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = journey_list(tmp_path / "merged.xlsx", TODAY)  # its merged title is fine
    assert read_staff_list(path).header_row == 3
    workbook = load_workbook(path)
    workbook.active.merge_cells("G5:H5")
    workbook.save(path)
    refused(path, "Cells G5:H5 of 'merged.xlsx' are merged")


def test_too_many_rows_are_refused_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staff_list, "_load", lambda *_: pytest.fail("the sheet was loaded"))
    path = write_workbook(tmp_path / "big.xlsx", [DUTCH_HEADER, *([ROW] * 30)])
    with pytest.raises(WorkbookError, match="has more than 25 rows; import at most 25"):
        read_staff_list(path, max_rows=25)


def test_the_first_visible_worksheet_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    hidden = workbook.active
    hidden.title = "Hidden"
    hidden.append(["nothing"])
    hidden.sheet_state = "hidden"
    visible = workbook.create_sheet("Staff")
    visible.append(["Staff number", "Surname"])
    visible.append(["1", "Dijk"])
    workbook.save(tmp_path / "sheets.xlsx")
    assert read_staff_list(tmp_path / "sheets.xlsx").sheet_name == "Staff"
