"""HR staff lists (.xlsx): find the header row, recognise the columns, parse the values.

Reading uses python-calamine; xlsx_check first refuses what is not a plain, readable
workbook. The result is plain data — rows with their Excel row numbers — that the import
service validates against the register.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import repeat
from operator import eq, itemgetter
from pathlib import Path
from typing import Any

from utq_desktop.documents.xlsx_check import check_workbook
from utq_desktop.domain.names import fold
from utq_desktop.errors import WorkbookError

MAX_ROWS = 100_000  # twice the largest register the application is built for
HEADER_SEARCH_ROWS = 25
MIN_RECOGNISED = 2  # a header row names at least this many known columns

# field: (label, names HR systems use for it; compared without case, accents or punctuation)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "staff_number": (
        "Staff number",
        (
            "Personeelsnummer",
            "Personeelsnr",
            "Pers.nr.",
            "Medewerkernummer",
            "Staff number",
            "Staff no",
            "Employee number",
            "Employee ID",
            "Personnel number",
        ),
    ),
    "initials": ("Initials", ("Voorletters", "Initialen", "Initials")),
    "first_name": ("First name", ("Voornaam", "Roepnaam", "First name", "Given name")),
    "prefix": ("Prefix", ("Tussenvoegsel", "Tussenvoegsels", "Voorvoegsel", "Prefix")),
    "surname": (
        "Surname",
        ("Achternaam", "Geslachtsnaam", "Surname", "Last name", "Family name"),
    ),
    "email": ("E-mail", ("E-mail", "E-mailadres", "Mail", "Email address")),
    "faculty": ("Faculty", ("Faculteit", "Faculty")),
    "department": ("Department", ("Afdeling", "Vakgroep", "Department")),
    "position": ("Position", ("Functie", "Functienaam", "Position", "Job title")),
    "fte": ("FTE", ("FTE", "Aanstelling", "Aanstelling (FTE)", "Omvang aanstelling")),
    "employment_start": (
        "Employment start",
        (
            "Datum in dienst",
            "In dienst",
            "Startdatum",
            "Start date",
            "Employment start",
            "Employment start date",
        ),
    ),
    # optional: the language of letters to the candidate (nl / en)
    "language": ("Language", ("Taal", "Language", "Voorkeurstaal", "Preferred language")),
}
FIELD_LABELS = {key: label for key, (label, _names) in FIELDS.items()}
REQUIRED_FIELDS = ("staff_number", "surname")

NON_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def normalise_header(text: object) -> str:
    """'E-mail(adres)' -> 'emailadres', 'Datum in dienst' -> 'datumindienst'."""
    return NON_ALPHANUMERIC.sub("", fold(str(text)))


_KNOWN = {normalise_header(name): key for key, (_l, names) in FIELDS.items() for name in names}


def recognise(header: object) -> str | None:
    """The field a column header names, or None."""
    return _KNOWN.get(normalise_header(header)) if isinstance(header, str) else None


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


Cell = object  # str, int, float, bool, date, datetime, time or timedelta, as calamine reads


@dataclass(frozen=True, slots=True)
class SheetColumn:
    index: int  # 0-based: column A is 0
    header: str  # as written in the file
    field: str | None  # the recognised field, None when the header is unknown

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    def describe(self) -> str:
        """'B (Personeelsnummer)': how reports name the column."""
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass(frozen=True)
class StaffSheet:
    """A staff list as read: its columns and its non-empty rows under the header."""

    file_name: str
    sheet_name: str
    header_row: int  # Excel row number
    columns: tuple[SheetColumn, ...]
    rows: Sequence[tuple[int, Sequence[Cell]]]  # (Excel row number, cells from column A)

    def mapping(self) -> dict[int, str]:
        """The recognised columns: {column index: field}."""
        return {column.index: column.field for column in self.columns if column.field}

    def ignored(self, mapping: dict[int, str] | None = None) -> list[SheetColumn]:
        """Columns with a header that no field is read from."""
        used = self.mapping() if mapping is None else mapping
        return [c for c in self.columns if c.header and c.index not in used]


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a list is read or imported: the hundreds of
    thousands of small objects a large list creates (none of them in cycles) would set it
    off dozens of times, each pass walking all of them — half the time of a 20,000-row
    import. Reference counting still frees everything; collection resumes afterwards (with
    one pass over what was allocated meanwhile). Nested pauses end with the outermost."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_staff_list(path: str | Path, max_rows: int = MAX_ROWS) -> StaffSheet:
    """Read the first visible worksheet of an .xlsx; WorkbookError says what is wrong."""
    with paused_gc():
        return _read(Path(path), max_rows)


def _read(path: Path, max_rows: int) -> StaffSheet:
    scan = check_workbook(path, max_rows)
    data = _load(path, scan.name)
    name = path.name
    if not any(row.count("") != len(row) for row in data):
        raise WorkbookError(f"'{name}' is empty: sheet '{scan.name}' holds no data.")
    header_index = find_header_row(data)
    if header_index is None:
        expected = ", ".join(f"{FIELDS[f][1][0]} / {FIELD_LABELS[f]}" for f in REQUIRED_FIELDS)
        raise WorkbookError(
            f"No header row found in the first {HEADER_SEARCH_ROWS} rows of sheet "
            f"'{scan.name}' in '{name}'. The list needs a row of column names such as "
            f"{expected}."
        )
    header_row = header_index + 1
    for row, cell in scan.formulas:
        if row >= header_row:
            where = f"Cell {cell}" if cell else "A cell"
            raise WorkbookError(
                f"{where} of '{name}' holds a formula. Import takes values only: copy the "
                "sheet, paste it as values (Paste Special → Values), save and import again."
            )
    for _first, last, ref in scan.merges:
        if last >= header_row:
            raise WorkbookError(
                f"Cells {ref} of '{name}' are merged. Unmerge them (Home → Merge & Center → "
                "Unmerge Cells), fill in every cell, save and import again."
            )
    columns = _columns(data, header_index)
    # rows without a value are left out here (in C-level passes: most lists have none);
    # rows of blanks only, in parse_rows
    body = data[header_index + 1 :]
    rows = list(zip(range(header_index + 2, len(data) + 1), body, strict=True))
    empty = list(map(eq, map(list.count, body, repeat("")), map(len, body)))
    if any(empty):
        rows = [row for row, nothing in zip(rows, empty, strict=True) if not nothing]
    if not rows:
        raise WorkbookError(f"'{name}' has a header row (row {header_row}) but no staff below it.")
    return StaffSheet(name, scan.name, header_row, columns, rows)


def _load(path: Path, sheet_name: str) -> list[list[Cell]]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            sheet = workbook.get_sheet_by_name(sheet_name)
            return sheet.to_python(skip_empty_area=False)  # type: ignore[return-value]
    except PasswordError:
        raise WorkbookError(f"'{path.name}' is protected with a password.") from None
    except (CalamineError, OSError, ValueError) as error:
        raise WorkbookError(
            f"'{path.name}' could not be read ({error}). It may be damaged: open it in Excel, "
            "save it again and import that."
        ) from error


def find_header_row(data: Sequence[Sequence[Cell]]) -> int | None:
    """The index of the row naming the most known columns (at least MIN_RECOGNISED) among
    the first HEADER_SEARCH_ROWS; title lines above it are skipped. The first such row wins."""
    best, best_count = None, MIN_RECOGNISED - 1
    for index, row in enumerate(data[:HEADER_SEARCH_ROWS]):
        count = len({field for field in map(recognise, row) if field})
        if count > best_count:
            best, best_count = index, count
    return best


def _columns(data: Sequence[Sequence[Cell]], header_index: int) -> tuple[SheetColumn, ...]:
    header = data[header_index]
    width = max(map(len, data))
    seen: set[str] = set()
    columns = []
    for index in range(width):
        text = header[index] if index < len(header) else ""
        text = text.strip() if isinstance(text, str) else parse_text(text)
        field = recognise(text)
        if field in seen:
            field = None  # a repeated column: the first one is read, this one listed
        if field:
            seen.add(field)
        columns.append(SheetColumn(index, text, field))
    return tuple(columns)


# --- values --------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell whose value cannot be what its column says; the message is the reason."""


EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (1, 2_958_465)  # 1-1-1900 .. 31-12-9999
DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})$")
YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
FTE_TEXT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(%?)$")


def parse_text(value: Cell) -> str:
    """Text as written, whitespace trimmed; whole numbers without '.0'."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day}-{value.month}-{value.year}"
    return str(value)


def parse_staff_number(value: Cell) -> str:
    """Staff numbers stay text: '0012345' keeps its zeros; a number cell 12345 -> '12345'."""
    if isinstance(value, bool | date | time | timedelta):
        raise CellError(f"'{parse_text(value)}' is not a staff number.")
    if isinstance(value, float) and not value.is_integer():
        raise CellError(f"'{value}' is not a staff number (it has decimals).")
    return parse_text(value)


def parse_email(value: Cell) -> str:
    return parse_text(value).lower()


def parse_fte(value: Cell) -> float | None:
    """0.8, '0,8', '0.8' or '80%' -> 0.8; empty -> None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = parse_text(value)
    if not text:
        return None
    match = FTE_TEXT.match(text)
    if match is None:
        raise CellError(f"'{text}' is not an FTE; write a number such as 0,8 or 80%.")
    number = float(match.group(1).replace(",", "."))
    return number / 100 if match.group(2) else number


def parse_date(value: Cell) -> date | None:
    """An Excel date, or text as d-m-yyyy, dd-mm-yyyy or yyyy-mm-dd; empty -> None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:  # a date cell without date format
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(f"{parse_text(value)} is not a date.")
    text = parse_text(value)
    if not text:
        return None
    if match := DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) != 4:
            raise CellError(f"'{text}' has no four-digit year; write it as d-m-yyyy.")
    elif match := YEAR_FIRST.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(f"'{text}' is not a date; write it as d-m-yyyy (1-9-2025) or yyyy-mm-dd.")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"'{text}' is an impossible date (there is no such day).") from None


LANGUAGES = {
    **dict.fromkeys(("nl", "nld", "dutch", "nederlands", "ned", "n"), "nl"),
    **dict.fromkeys(("en", "eng", "english", "engels", "e"), "en"),
}


def parse_language(value: Cell) -> str:
    """'NL', 'Nederlands', 'Dutch' -> 'nl'; 'EN', 'Engels', 'English' -> 'en'; empty -> ''."""
    text = parse_text(value)
    if not text:
        return ""
    found = LANGUAGES.get(fold(text))
    if found is None:
        raise CellError(f"'{text}' is not a language; write NL (Dutch) or EN (English).")
    return found


PARSERS = {
    "staff_number": parse_staff_number,
    "email": parse_email,
    "fte": parse_fte,
    "employment_start": parse_date,
    "language": parse_language,
}
_NOT_TEXT = frozenset({"fte", "employment_start"})


class _Unmatched:
    """No cell has this type: a column typed so goes through its parser cell by cell."""


# The type most cells of a column have; what a whole column of them becomes in C-level
# passes (no Python call per cell); and what one such cell becomes.
_COMMON: dict[str, tuple[type, Callable[[list[Any]], list[Any]], Callable[[Any], Any]]] = {
    "email": (
        str,
        lambda cells: list(map(str.lower, map(str.strip, cells))),
        lambda cell: cell.strip().lower(),
    ),
    "fte": (float, list, float),
    "employment_start": (date, list, lambda cell: cell),
    "language": (_Unmatched, list, str),  # every cell through parse_language
}
_TEXT = (str, lambda cells: list(map(str.strip, cells)), str.strip)


# --- rows ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # Excel row number
    column: str  # 'K (Datum in dienst)', or '' when the reason concerns the whole row
    reason: str

    def line(self) -> str:
        """'row 12, column K (Datum in dienst): …' — the CLI's format, one per problem."""
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ParsedRow:
    row: int  # Excel row number
    staff_number: str  # '' when missing or unreadable
    # every field of FIELDS: an empty cell, or a field without a column, gives '' (None for
    # FTE and dates); an unreadable cell gives its text
    values: dict[str, Any]
    problems: list[Problem]


def parse_rows(
    sheet: StaffSheet, mapping: dict[int, str], max_length: dict[str, int | None]
) -> list[ParsedRow]:
    """Every row's values by field (an empty cell gives '' or None), unreadable ones as
    problems.

    Column by column, in comprehensions and C-level built-ins: the common cell (text, an
    Excel date, a number) needs no parser call, and the checks for bad cells scan a whole
    column at once — several times faster than a Python call per cell at 20,000 rows.
    """
    described = {column.index: column.describe() for column in sheet.columns}
    numbers = [number for number, _cells in sheet.rows]
    indices = list(mapping)
    names = [mapping[index] for index in indices]
    width = max(indices) + 1
    rows = [cells for _number, cells in sheet.rows]
    if min(map(len, rows)) < width:  # calamine's rows are all as wide; others may not be
        rows = [cells if len(cells) >= width else _padded(cells, width) for cells in rows]
    problems: dict[int, list[Problem]] = defaultdict(list)
    parsed_columns = []
    for index, name in zip(indices, names, strict=True):
        cells = list(map(itemgetter(index), rows))
        parser = PARSERS.get(name, parse_text)
        common, convert_all, convert = _COMMON.get(name, _TEXT)
        errors: list[CellError] = []
        if set(map(type, cells)) == {common}:  # the usual case: passes in C
            values = convert_all(cells)
        else:
            values = [
                convert(c) if type(c) is common else _parse_cell(parser, c, errors) for c in cells
            ]
        column = described[index]
        if errors:  # keep the text as written, to show it
            for position in [i for i, value in enumerate(values) if type(value) is CellError]:
                problems[position].append(Problem(numbers[position], column, str(values[position])))
                values[position] = parse_text(cells[position])
        longest = max_length.get(name)
        if longest and max(map(len, values), default=0) > longest:  # text: every value a str
            for position in [i for i, value in enumerate(values) if len(value) > longest]:
                reason = f"'{values[position][:30]}…' is longer than {longest} characters."
                problems[position].append(Problem(numbers[position], column, reason))
        parsed_columns.append(values)
    staff = names.index("staff_number") if "staff_number" in names else None
    staff_column = described[indices[staff]] if staff is not None else ""
    staff_numbers = parsed_columns[staff] if staff is not None else [""] * len(rows)
    # every field, those without a column as if their cells were empty
    unread = [name for name in FIELDS if name not in names]
    fields = [*names, *unread]
    blanks = [repeat(None if name in _NOT_TEXT else "", len(rows)) for name in unread]
    by_row = zip(*parsed_columns, *blanks, strict=True)
    values = map(dict, map(zip, repeat(fields), by_row))  # in C: no Python call per row
    result = list(map(ParsedRow, numbers, staff_numbers, values, map(list, repeat(()))))
    for position, row_problems in problems.items():
        result[position].problems = row_problems
    blank = []
    for position in [i for i, number in enumerate(staff_numbers) if not number]:
        row = result[position]
        if not row.problems and not any(row.values.values()):
            blank.append(position)  # blanks only (spaces), or values only in ignored columns
        elif not any(p.column == staff_column for p in row.problems):
            reason = "A staff number is required."
            row.problems.insert(0, Problem(row.row, staff_column, reason))
    for position in reversed(blank):
        del result[position]
    return result


def _padded(cells: Sequence[Cell], width: int) -> list[Cell]:
    return [*cells, *([""] * (width - len(cells)))]


def _parse_cell(parser: Any, cell: Cell, errors: list[CellError]) -> Any:
    try:
        return parser(cell)
    except CellError as error:
        errors.append(error)
        return error
