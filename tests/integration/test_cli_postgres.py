"""`utq-desktop --database postgresql+psycopg://…` as separate processes: migrate, batch
commands and the window on a server database (marked ``postgres``: UTQ_TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from database_backends import TempDatabase

from utq_desktop.store.schema import SCHEMA_HEAD


def utq(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "UTQ_USER": "tester", **env}
    if "UTQ_DATABASE_URL" not in env:
        environment.pop("UTQ_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "utq_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.postgres
def test_server_database_from_empty_to_window(empty_database: TempDatabase) -> None:
    url, label = empty_database.url, empty_database.label
    refused = one_line_failure(utq("--database", url, "demo-data", "--candidates", "5"))
    assert refused.endswith(
        "is empty; this version needs " + SCHEMA_HEAD + ". Run: utq-desktop --database URL migrate"
    )
    window = utq("--database", url, "--smoke-test")
    assert window.returncode == 1
    assert window.stderr.strip().splitlines()[-1].endswith("--database URL migrate")

    migrated = utq("--database", url, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.strip() == f"{label} migrated from schema empty to {SCHEMA_HEAD}."

    demo = utq("--database", url, "demo-data", "--candidates", "30")
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith(f"Added 30 demo candidates to {label};")

    window = utq("--smoke-test", UTQ_DATABASE_URL=url)  # the URL from the environment
    assert window.returncode == 0, window.stderr
    assert window.stdout.splitlines()[-1] == "UTQ Desktop main window shown: 30 candidates"

    again = utq("migrate", UTQ_DATABASE_URL=url)
    assert again.stdout.strip() == f"{label} is already at schema {SCHEMA_HEAD}."


def test_unreachable_server_fails_with_one_line() -> None:
    result = utq("--database", "postgresql+psycopg://coordinator:s3cret@127.0.0.1:1/utq", "migrate")
    line = one_line_failure(result)
    assert line.startswith("utq-desktop: The database server at 127.0.0.1:1 is not reachable")
    assert "s3cret" not in result.stderr
