"""Staff-list workbooks for the tests, written with openpyxl into a temporary folder.

``journey_list`` is scenario 1, "Monday, the HR list": 40 new teaching staff with Dutch
headers and a title line, one person listed twice and one start date typed as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from utq_desktop.domain.names import fold

DUTCH_HEADER = (
    "Personeelsnummer",
    "Voorletters",
    "Voornaam",
    "Tussenvoegsel",
    "Achternaam",
    "E-mailadres",
    "Faculteit",
    "Afdeling",
    "Functie",
    "FTE",
    "Datum in dienst",
    "Kostenplaats",
)

PEOPLE = (  # first name, prefix, surname, faculty, department
    ("Ayşe", "", "Doğan", "EEMCS", "Computer Science"),
    ("Jeroen", "van den", "Berg", "ET", "Mechanical Engineering"),
    ("Sanne", "", "Jansen", "BMS", "Psychology"),
    ("Thomas", "de", "Vries", "TNW", "Applied Physics"),
    ("Lotte", "", "Bakker", "ITC", "Earth Observation"),
    ("Mohammed", "el", "Amrani", "EEMCS", "Electrical Engineering"),
    ("Siobhán", "van 't", "Hof", "BMS", "Public Administration"),
    ("Nguyễn", "", "Thảo", "TNW", "Chemical Engineering"),
    ("Pieter", "", "Visser", "ET", "Civil Engineering"),
    ("Emma", "", "Smit", "EEMCS", "Applied Mathematics"),
    ("Daan", "", "Meijer", "BMS", "Communication Science"),
    ("Julia", "van", "Dijk", "TNW", "Biomedical Engineering"),
    ("Łukasz", "", "Wiśniewski", "ET", "Design, Production and Management"),
    ("Fleur", "", "Mulder", "ITC", "Natural Resources"),
    ("Bram", "de", "Boer", "EEMCS", "Computer Science"),
    ("Chen", "", "Wei", "TNW", "Applied Physics"),
    ("Noor", "", "Hendriks", "BMS", "Psychology"),
    ("Sem", "van der", "Linden", "ET", "Mechanical Engineering"),
    ("Iris", "", "Dekker", "EEMCS", "Electrical Engineering"),
    ("Luuk", "", "Brouwer", "BMS", "Industrial Engineering"),
    ("Anouk", "de", "Wit", "TNW", "Chemical Engineering"),
    ("Priya", "", "Raghunathan", "EEMCS", "Applied Mathematics"),
    ("Ruben", "", "Dijkstra", "ET", "Civil Engineering"),
    ("Sophie", "", "Smits", "ITC", "Earth Observation"),
    ("Giulia", "", "Romano", "BMS", "Public Administration"),
    ("Mark", "van", "Leeuwen", "EEMCS", "Computer Science"),
    ("Eva", "", "Koster", "TNW", "Biomedical Engineering"),
    ("Olumide", "", "Adeyemi", "ET", "Design, Production and Management"),
    ("Hanna", "", "Schmidt", "BMS", "Communication Science"),
    ("Stijn", "", "Peters", "EEMCS", "Electrical Engineering"),
    ("Maria", "", "García López", "TNW", "Applied Physics"),
    ("Tim", "", "Willems", "ET", "Mechanical Engineering"),
    ("Yasmin", "", "Bouzid", "BMS", "Psychology"),
    ("Koen", "van", "Beek", "ITC", "Natural Resources"),
    ("Lisa", "", "Vos", "EEMCS", "Applied Mathematics"),
    ("Arjun", "", "Mehta", "TNW", "Chemical Engineering"),
    ("Femke", "", "Jacobs", "BMS", "Industrial Engineering"),
    ("Joost", "", "Maas", "ET", "Civil Engineering"),
    ("Ingrid", "", "Haugen", "EEMCS", "Computer Science"),
)
POSITIONS = ("Universitair docent", "Docent", "Universitair hoofddocent", "Postdoc")


def write_workbook(
    path: Path, rows: Iterable[Sequence[Any]], title: str = "Staff", **cells: Any
) -> Path:
    """A one-sheet workbook with ``rows`` from A1; ``cells`` sets single cells ('B7')."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for ref, value in cells.items():
        sheet[ref] = value
    workbook.save(path)
    return path


def initials(first: str) -> str:
    return "".join(f"{part[0]}." for part in first.split())


def _start(today: date, index: int) -> date:
    """Mostly recent or coming appointments; every fifth started about 2.8 years ago, so
    their deadline falls within the next six months."""
    months_back = 33 if index % 5 == 4 else index % 12 - 3
    month_index = today.year * 12 + today.month - 1 - months_back
    return date(month_index // 12, month_index % 12 + 1, 1)


def journey_rows(today: date) -> list[list[Any]]:
    """Scenario 1's header and 40 rows (Excel rows 4-43): row 27 repeats row 12's staff
    number (the same person listed twice by HR) and row 33 has its start date typed as
    text that is not a date; row 20's is typed as text the import accepts."""
    rows: list[list[Any]] = [list(DUTCH_HEADER)]
    for index, (first, prefix, surname, faculty, department) in enumerate(PEOPLE):
        local = fold(f"{first[0]}.{prefix}{surname}").replace(" ", "").replace("'", "")
        rows.append(
            [
                f"{40100 + index * 37:07d}",
                initials(first),
                first,
                prefix,
                surname,
                f" {local.title()}@UTwente.nl " if index % 3 == 0 else f"{local}@utwente.nl",
                faculty,
                department,
                POSITIONS[index % len(POSITIONS)],
                (0.8, 1.0, 0.6, 1.0)[index % 4],
                datetime.combine(_start(today, index), datetime.min.time()),
                f"K{7000 + index}",
            ]
        )
    twice = list(rows[12 - 3])  # Julia van Dijk again, with another department
    twice[7] = "Technical Medicine"
    rows.insert(27 - 3, twice)
    rows[33 - 3][10] = "1 september 2025"  # typed as text, and not as d-m-yyyy
    rows[20 - 3][10] = "1-9-2025"  # typed as text the way the import accepts it
    return rows


def journey_list(path: Path, today: date) -> Path:
    """Scenario 1's workbook: a title line, an empty line, the header on row 3."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nieuwe medewerkers"
    sheet.append(["Nieuw onderwijzend personeel — export personeelssysteem"])
    sheet.append([])
    for row in journey_rows(today):
        sheet.append(row)
    sheet.merge_cells("A1:F1")  # title lines are often merged: allowed above the header
    for cell in sheet["K"][3:]:
        if isinstance(cell.value, datetime):
            cell.number_format = "d-m-yyyy"
    workbook.save(path)
    return path
