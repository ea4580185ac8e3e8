"""`utq-desktop demo-data` end to end, as a separate process: output, exit codes, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from database_backends import TempDatabase


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "UTQ_USER": "tester", "PYTHONIOENCODING": "utf-8"}
    env.pop("UTQ_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "utq_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_demo_data_adds_candidates_once(database: TempDatabase) -> None:
    db = database.target
    first = run_cli("--database", db, "demo-data", "--candidates", "50", "--seed", "3")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"Added 50 demo candidates to {database.label};")
    assert "it now holds 50." in first.stdout
    again = run_cli("--database", db, "demo-data", "--candidates", "50", "--seed", "3")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Added 0"), again.stdout
    assert "it now holds 50." in again.stdout


@pytest.mark.parametrize("count", ["60000", "abc", "-1"])
def test_a_bad_count_is_a_usage_error(tmp_path: Path, count: str) -> None:
    db = tmp_path / "demo.sqlite"
    result = run_cli("--database", str(db), "demo-data", "--candidates", count)
    assert result.returncode == 2
    assert "--candidates" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db.exists()


def test_a_database_in_a_missing_folder_fails_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "no such folder" / "demo.sqlite"
    result = run_cli("--database", str(db), "demo-data", "--candidates", "5")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("utq-desktop: ") and "does not exist" in lines[0]
    assert result.stdout == ""
    assert not db.parent.exists()
