"""import-staff and export-overview through a real subprocess: output lines and exit codes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from staff_workbooks import journey_list

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "UTQ_USER": "hr-advisor"}


def utq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "utq_desktop", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


def count(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT count(*) FROM candidate").fetchone()[0]
    finally:
        connection.close()


def test_import_staff_journey(tmp_path: Path) -> None:
    """Scenario 1 from the command line: refused with the problems by row, then the valid
    rows only, then the corrected list without duplicates; then the overview export."""
    database = tmp_path / "utq.sqlite"
    workbook = journey_list(tmp_path / "nieuw personeel.xlsx", date.today())

    refused = utq("--database", str(database), "import-staff", str(workbook))
    assert refused.returncode == 1
    lines = refused.stdout.splitlines()
    assert lines[0] == "nieuw personeel.xlsx, sheet 'Nieuwe medewerkers': header on row 3"
    assert lines[1] == "ignored columns: L (Kostenplaats)"
    duplicate = (
        "column A (Personeelsnummer): Staff number 0040396 appears 2 times in the file "
        "(rows 12, 27); keep one row per person."
    )
    assert lines[2:5] == [
        f"row 12, {duplicate}",
        f"row 27, {duplicate}",
        "row 33, column K (Datum in dienst): '1 september 2025' is not a date; write it as "
        "d-m-yyyy (1-9-2025) or yyyy-mm-dd.",
    ]
    assert lines[5] == "new: 37, updated: 0, unchanged: 0, rejected: 3"
    assert refused.stderr.strip() == (
        "utq-desktop: 3 rows were rejected, so nothing was imported; correct them, or use "
        "--skip-invalid to import the valid rows only"
    )
    assert count(database) == 0

    dry = utq("--database", str(database), "import-staff", str(workbook), "--dry-run")
    assert dry.returncode == 1
    assert "Dry run: nothing was written." in dry.stdout.splitlines()
    assert count(database) == 0

    partial = utq("--database", str(database), "import-staff", str(workbook), "--skip-invalid")
    assert partial.returncode == 1
    assert partial.stdout.splitlines()[-2:] == [
        "new: 37, updated: 0, unchanged: 0, rejected: 3",
        "Imported: 37 new, 0 updated.",
    ]
    assert partial.stderr.strip() == "utq-desktop: 3 rows were rejected and not imported"
    assert count(database) == 37

    corrected = load_workbook(workbook)
    sheet = corrected.active
    sheet.delete_rows(27)
    sheet["K32"] = "1-9-2025"
    sheet["H4"] = "Software Engineering"  # a department changed since the first list
    corrected.save(workbook)
    again = utq("--database", str(database), "import-staff", str(workbook))
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert again.stdout.splitlines()[2:] == [
        "row 4: 0040100 Ayşe Doğan updated: Department: Computer Science → Software Engineering",
        "new: 2, updated: 1, unchanged: 36, rejected: 0",
        "Imported: 2 new, 1 updated.",
    ]
    assert count(database) == 39

    overview = tmp_path / "overview.xlsx"
    exported = utq("--database", str(database), "export-overview", str(overview))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"Wrote 39 candidates to {overview}."
    rows = list(load_workbook(overview).active.iter_rows(values_only=True))
    assert len(rows) == 40
    assert rows[0][:2] == ("Staff number", "Name")


def test_a_renamed_pdf_is_refused_in_one_line(tmp_path: Path) -> None:
    database = tmp_path / "utq.sqlite"
    fake = tmp_path / "staff.xlsx"
    fake.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    before = hashlib.sha256(fake.read_bytes()).hexdigest()
    result = utq("--database", str(database), "import-staff", str(fake))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "utq-desktop: 'staff.xlsx' is a PDF document, not an Excel workbook.\n"
    )
    assert not database.exists()  # a bad file does not even create the database
    assert hashlib.sha256(fake.read_bytes()).hexdigest() == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert utq("import-staff").returncode == 2
    assert utq("import-staff", "a.xlsx", "--frobnicate").returncode == 2
    assert utq("export-overview").returncode == 2
    helped = utq("import-staff", "--help")
    assert helped.returncode == 0
    assert "--skip-invalid" in helped.stdout and "--dry-run" in helped.stdout


def test_export_to_a_missing_folder_fails_in_one_line(tmp_path: Path) -> None:
    result = utq(
        "--database", str(tmp_path / "utq.sqlite"), "export-overview", str(tmp_path / "no/x.xlsx")
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
