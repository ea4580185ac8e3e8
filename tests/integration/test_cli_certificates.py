"""`utq-desktop certificates` and `utq-desktop verify` through a real subprocess: the
output lines, the exit codes, the PDFs and what the register holds afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from certificate_data import add_candidate, record_result
from database_backends import TempDatabase

from utq_desktop.domain.enums import TrajectoryStatus

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def utq(database: TempDatabase, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "utq_desktop", "--database", database.target, *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


def lines(result: subprocess.CompletedProcess[str]) -> list[list[str]]:
    return [line.split("\t") for line in result.stdout.splitlines()]


@pytest.fixture
def qualified(database: TempDatabase) -> dict[str, int]:
    """Three qualified candidates (one long ago), one without a result, one exempted."""
    services = database.open("coordinator")
    try:
        ids = {
            "0040001": add_candidate(services, "0040001", "Nguyễn Thảo", "Lê"),
            "0040002": add_candidate(services, "0040002", "Siobhán", "Hof", prefix="van 't"),
            "0040003": add_candidate(services, "0040003", "Øyvind", "Ångström"),
            "0040004": add_candidate(services, "0040004", "Ayşe", "Doğan"),
            "0040005": add_candidate(
                services, "0040005", "Çelik", "Yılmaz", status=TrajectoryStatus.EXEMPTED
            ),
        }
        record_result(services, ids["0040001"], date(2026, 3, 2))
        record_result(services, ids["0040002"], date(2026, 4, 14))
        record_result(services, ids["0040003"], date(2025, 6, 30))
        record_result(services, ids["0040005"], date(2026, 4, 1))
        services.certificates.issue_utq(ids["0040003"])  # issued last year
    finally:
        services.close()
    return ids


def test_a_ceremony_batch_issues_the_missing_and_writes_them_all(
    database: TempDatabase, qualified: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "ceremony"
    combined = tmp_path / "print.pdf"
    result = utq(database, "certificates", "--out", str(out), "--combined", str(combined))

    assert result.returncode == 0, result.stderr
    written = lines(result)
    names = [name for _path, name, _code in written]
    assert names == ["Øyvind Ångström", "Siobhán van 't Hof", "Nguyễn Thảo Lê"]  # by surname
    for path, _name, _code in written:
        assert Path(path).parent == out and Path(path).read_bytes().startswith(b"%PDF")
    assert "Yılmaz" in result.stderr and "exempted" in result.stderr  # skipped, said why
    assert combined.read_bytes().startswith(b"%PDF")

    again = utq(database, "certificates", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert lines(again) == written  # same files, serials and codes: nothing issued twice
    assert "0 certificates issued" in again.stderr
    codes = database.query("SELECT verification_code FROM issued_certificate ORDER BY id")
    assert sorted(code for (code,) in codes) == sorted(code for *_, code in written)

    if shutil.which("pdftotext"):
        path, name, code = written[2]
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=True
        ).stdout.decode()
        assert name in " ".join(text.split()) and code in text


def test_selection_by_staff_number_and_date(
    database: TempDatabase, qualified: dict[str, int], tmp_path: Path
) -> None:
    since = utq(
        database, "certificates", "--out", str(tmp_path / "a"), "--qualified-since", "2026-04-01"
    )
    assert since.returncode == 0, since.stderr
    assert [name for _p, name, _c in lines(since)] == ["Siobhán van 't Hof"]

    named = utq(
        database,
        "certificates",
        "--out",
        str(tmp_path / "b"),
        "--staff-number",
        "0040001",
        "--staff-number",
        "0040002",
    )
    assert named.returncode == 0, named.stderr
    assert sorted(name for _p, name, _c in lines(named)) == ["Nguyễn Thảo Lê", "Siobhán van 't Hof"]


def test_a_bad_selection_issues_and_writes_nothing(
    database: TempDatabase, qualified: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "none"
    result = utq(
        database,
        "certificates",
        "--out",
        str(out),
        "--staff-number",
        "0040001",
        "--staff-number",
        "0040004",  # no sufficient result
        "--staff-number",
        "0040005",  # exempted
        "--staff-number",
        "9999999",  # unknown
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Ayşe Doğan (0040004) has no sufficient assessment result" in result.stderr
    assert "Çelik Yılmaz (0040005) is exempted" in result.stderr
    assert "Staff number 9999999: there is no such candidate" in result.stderr
    assert "nothing was issued or written" in result.stderr
    assert not out.exists()
    assert database.query("SELECT COUNT(*) FROM issued_certificate") == [(1,)]

    bad_date = utq(database, "certificates", "--out", str(out), "--qualified-since", "1 mei")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr


def test_verify_prints_the_certificate_and_exits_by_status(
    database: TempDatabase, qualified: dict[str, int]
) -> None:
    services = database.open("coordinator")
    try:
        certificate = services.certificates.issue_utq(qualified["0040002"])
        replaced = services.certificates.issue_utq(qualified["0040001"])
        new = services.certificates.reissue(replaced.id)
        services.certificates.revoke(new.id, "Misprint")
    finally:
        services.close()

    valid = utq(database, "verify", certificate.verification_code.lower().replace("-", " "))
    assert valid.returncode == 0, valid.stderr
    assert valid.stdout.splitlines() == [
        "Holder: Siobhán van 't Hof",
        "Kind: UTQ certificate",
        "Date: 2026-04-14",
        f"Serial: {certificate.serial}",
        "Status: valid",
    ]

    old = utq(database, "verify", replaced.verification_code)
    assert old.returncode == 1
    assert "Status: replaced" in old.stdout and f"Replaced by: {new.serial}" in old.stdout
    gone = utq(database, "verify", new.verification_code)
    assert gone.returncode == 1
    assert "Status: revoked" in gone.stdout and "Reason: Misprint" in gone.stdout
    assert "is not valid" in gone.stderr

    from utq_desktop.domain.certificate_codes import new_verification_code

    unknown = utq(database, "verify", new_verification_code())
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert "no certificate with the code" in unknown.stderr
    typo = utq(database, "verify", "7K3M-Q9XD")
    assert typo.returncode == 1 and "12" in typo.stderr and "Traceback" not in typo.stderr


def test_verify_on_a_database_that_cannot_be_opened_exits_2(tmp_path: Path) -> None:
    fake = tmp_path / "register.sqlite"
    fake.write_bytes(b"%PDF-1.4 not a database")
    result = subprocess.run(
        [sys.executable, "-m", "utq_desktop", "--database", str(fake), "verify", "7K3M-Q9XD-2HPV"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not a UTQ Desktop database" in result.stderr
