"""The utq-desktop command through a real subprocess: exit codes and output lines."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from database_backends import TempDatabase

from utq_desktop import __version__
from utq_desktop.store.schema import SCHEMA_HEAD

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def utq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "utq_desktop", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


def test_version_and_help() -> None:
    version = utq("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"utq-desktop {__version__}")
    helped = utq("--help")
    assert helped.returncode == 0
    for command in ("demo-data", "migrate", "--database"):
        assert command in helped.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = utq("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_smoke_test_opens_the_window_on_a_new_database(tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite"
    result = utq("--database", str(database), "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "UTQ Desktop main window shown: 0 candidates"
    assert database.exists()


def test_smoke_test_refuses_a_renamed_pdf_without_touching_it(tmp_path: Path) -> None:
    fake = tmp_path / "register.sqlite"
    fake.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    before = hashlib.sha256(fake.read_bytes()).hexdigest()
    result = utq("--database", str(fake), "--smoke-test")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is not a UTQ Desktop database" in result.stderr
    assert hashlib.sha256(fake.read_bytes()).hexdigest() == before


def test_migrate_creates_then_reports_up_to_date(empty_database: TempDatabase) -> None:
    database, label = empty_database.target, empty_database.label
    first = utq("--database", database, "migrate")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"{label} migrated from schema empty to {SCHEMA_HEAD}."
    second = utq("--database", database, "migrate")
    assert second.stdout.strip() == f"{label} is already at schema {SCHEMA_HEAD}."


def test_newer_database_is_refused_with_one_line(tmp_path: Path) -> None:
    import sqlite3

    database = tmp_path / "future.sqlite"
    assert utq("--database", str(database), "migrate").returncode == 0
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.close()
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    result = utq("--database", str(database), "demo-data", "--candidates", "5")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "newer version of UTQ Desktop" in result.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
