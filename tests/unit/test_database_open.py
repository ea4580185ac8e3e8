"""Opening a database: create, recognise, refuse, back up, migrate; and where it lives."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

import utq_desktop.store.database as database_module
from utq_desktop.environment import DATABASE_ENV_VAR as ENV_VAR
from utq_desktop.errors import (
    DatabaseError,
    DatabaseLocationError,
    DatabaseLockedError,
    DatabaseNeedsMigrationError,
    DatabaseTooNewError,
    NotADatabaseError,
)
from utq_desktop.store.database import (
    Database,
    backup_sqlite,
    migrate_database,
    open_database,
)
from utq_desktop.store.location import (
    DEFAULT_FILE_NAME,
    describe,
    resolve_database_url,
    sqlite_path,
    sqlite_url,
)
from utq_desktop.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def revision_of(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    finally:
        connection.close()


@pytest.fixture
def opened() -> Iterator[list[Database]]:
    """Every Database a test opens goes in here and is closed afterwards."""
    databases: list[Database] = []
    yield databases
    for database in databases:
        database.close()


def open_db(opened: list[Database], path: Path) -> Database:
    database = open_database(sqlite_url(path))
    opened.append(database)
    return database


@pytest.fixture
def head_file(tmp_path: Path) -> Path:
    """A database file at the current schema, closed again, with one candidate in it."""
    path = tmp_path / "utq.sqlite"
    database = open_database(sqlite_url(path))
    try:
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO candidate (staff_number, initials, first_name, prefix, surname,"
                    " email, faculty, department, position, extension_months,"
                    " extension_reason, status, created_at, row_version) VALUES ('S1', '',"
                    " 'Eva', 'van', 'Dijk', '', 'EEMCS', '', '', 0, '', 'registered',"
                    " '2026-01-01 00:00:00', 1)"
                )
            )
    finally:
        database.close()
    return path


# --- creating and reopening ----------------------------------------------------------------


def test_new_file_is_created_at_head(tmp_path: Path, opened: list[Database]) -> None:
    path = tmp_path / "new.sqlite"
    database = open_db(opened, path)
    assert path.is_file()
    assert database.backup_path is None  # nothing to back up in a new file
    assert database.label == str(path)
    assert revision_of(path) == [SCHEMA_HEAD]
    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        settings = connection.execute(
            text(
                "SELECT id, name, deadline_years, default_framework_code, row_version "
                "FROM institution_settings"
            )
        ).all()
    assert {"candidate", "audit_entry", "institution_settings", "alembic_version"} <= tables
    assert [tuple(row) for row in settings] == [(1, "Universiteit", 3, "4tu", 1)]
    assert listing(tmp_path) == ["new.sqlite"]


def test_empty_file_is_initialised(tmp_path: Path, opened: list[Database]) -> None:
    """A zero-byte file (e.g. made by 'touch') is a valid, empty SQLite database."""
    path = tmp_path / "touched.sqlite"
    path.touch()
    database = open_db(opened, path)
    assert database.backup_path is None
    assert revision_of(path) == [SCHEMA_HEAD]


def test_reopening_at_head_makes_no_backup(head_file: Path, opened: list[Database]) -> None:
    before = sha256(head_file)
    database = open_db(opened, head_file)
    assert database.backup_path is None
    assert listing(head_file.parent) == [head_file.name]
    database.close()
    assert sha256(head_file) == before
    assert revision_of(head_file) == [SCHEMA_HEAD]


def test_foreign_keys_are_enforced(tmp_path: Path, opened: list[Database]) -> None:
    database = open_db(opened, tmp_path / "fk.sqlite")
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_migrate_database(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "m.sqlite")
    assert migrate_database(url) == (None, SCHEMA_HEAD)
    assert migrate_database(url) == (SCHEMA_HEAD, SCHEMA_HEAD)
    assert listing(tmp_path) == ["m.sqlite"]


# --- refusing what is not ours -------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
        "Naam;Personeelsnummer\nDoğan;12345\n".encode(),
        b"hi",  # shorter than the SQLite header
    ],
    ids=["pdf", "text", "tiny"],
)
def test_not_sqlite_is_refused_and_unchanged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "document.sqlite"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError) as info:
        open_database(sqlite_url(path))
    assert str(path) in str(info.value)
    assert "not changed" in str(info.value)
    assert path.read_bytes() == content
    assert listing(tmp_path) == ["document.sqlite"]


def test_damaged_sqlite_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(database_module.SQLITE_HEADER + bytes(range(256)) * 16)
    before = sha256(path)
    with pytest.raises(NotADatabaseError, match="damaged or not a database"):
        open_database(sqlite_url(path))
    assert sha256(path) == before
    assert listing(tmp_path) == ["damaged.sqlite"]


def test_other_sqlite_database_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO recipe (name) VALUES ('stamppot')")
        connection.commit()
    finally:
        connection.close()
    before = sha256(path)
    with pytest.raises(NotADatabaseError) as info:
        open_database(sqlite_url(path))
    assert "holds other data" in str(info.value)
    assert str(path) in str(info.value)
    assert sha256(path) == before
    assert listing(tmp_path) == ["other.sqlite"]


def test_newer_database_is_refused_and_unchanged(head_file: Path) -> None:
    connection = sqlite3.connect(head_file)
    try:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
        connection.commit()
    finally:
        connection.close()
    before = sha256(head_file)
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(sqlite_url(head_file))
    assert "9999_future" in str(info.value)
    assert "newer version" in str(info.value)
    assert sha256(head_file) == before
    assert listing(head_file.parent) == [head_file.name]
    assert revision_of(head_file) == ["9999_future"]


def test_folder_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.sqlite"
    folder.mkdir()
    with pytest.raises(NotADatabaseError, match="is a folder"):
        open_database(sqlite_url(folder))
    assert listing(folder) == []


# --- older databases: backup, then upgrade -------------------------------------------------


def test_backup_sqlite_is_a_consistent_copy_next_to_the_file(head_file: Path) -> None:
    target = backup_sqlite(head_file, SCHEMA_HEAD)
    assert target.parent == head_file.parent
    assert target.name.startswith(f"utq.backup-{SCHEMA_HEAD}-")
    assert target.suffix == ".sqlite"
    copy = sqlite3.connect(target)
    try:
        rows = copy.execute("SELECT staff_number, surname FROM candidate").fetchall()
        version = copy.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        copy.close()
    assert rows == [("S1", "Dijk")]
    assert version == [(SCHEMA_HEAD,)]


def test_backup_name_for_a_database_without_revision(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    sqlite3.connect(path).close()
    target = backup_sqlite(path, None)
    assert target.name.startswith("plain.backup-empty-")
    assert target.suffix == ".db"
    assert target.is_file()


def test_backup_failure_is_reported_and_leaves_no_copy(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    path.write_bytes(database_module.SQLITE_HEADER + b"\xff" * 4096)
    with pytest.raises(DatabaseError, match="Could not back up"):
        backup_sqlite(path, SCHEMA_HEAD)
    assert listing(tmp_path) == ["bad.sqlite"]


def test_older_database_is_backed_up_before_it_is_upgraded(
    head_file: Path, opened: list[Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    # There is only one real revision, so no real "older" file exists yet. Make this build
    # believe it has a later head: a file at today's head is then an older, known schema.
    # The upgrade itself is replaced by a recorder that checks the backup already exists
    # (and holds the data) at the moment the upgrade would start changing the file.
    later = "0002_future_test"
    monkeypatch.setattr(database_module, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, later))
    monkeypatch.setattr(database_module, "SCHEMA_HEAD", later)
    calls: list[list[str]] = []

    def fake_upgrade(engine: Engine) -> None:
        calls.append(listing(head_file.parent))

    monkeypatch.setattr(database_module, "_run_alembic_upgrade", fake_upgrade)
    before = sha256(head_file)

    database = open_db(opened, head_file)

    assert database.backup_path is not None
    assert database.backup_path.parent == head_file.parent
    assert database.backup_path.name.startswith(f"utq.backup-{SCHEMA_HEAD}-")
    assert calls == [sorted([head_file.name, database.backup_path.name])]
    assert sha256(head_file) == before  # the (fake) upgrade did not touch it
    copy = sqlite3.connect(database.backup_path)
    try:
        assert copy.execute("SELECT surname FROM candidate").fetchall() == [("Dijk",)]
    finally:
        copy.close()


def test_failed_backup_stops_the_upgrade(head_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later = "0002_future_test"
    monkeypatch.setattr(database_module, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, later))
    monkeypatch.setattr(database_module, "SCHEMA_HEAD", later)
    upgrades: list[Engine] = []
    monkeypatch.setattr(database_module, "_run_alembic_upgrade", upgrades.append)

    def failing_backup(path: Path, revision: str | None) -> Path:
        raise DatabaseError("Could not back up (disk full); nothing was changed.")

    monkeypatch.setattr(database_module, "backup_sqlite", failing_backup)
    with pytest.raises(DatabaseError, match="Could not back up"):
        open_database(sqlite_url(head_file))
    assert upgrades == []


# --- location problems ---------------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "utq.sqlite"
    with pytest.raises(DatabaseLocationError) as info:
        open_database(sqlite_url(path))
    assert "does not exist" in str(info.value)
    assert str(tmp_path / "nowhere") in str(info.value)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(IS_ROOT, reason="root may write anywhere; permissions cannot be tested")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(DatabaseLocationError, match="not writable"):
            open_database(sqlite_url(folder / "utq.sqlite"))
        assert listing(folder) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(IS_ROOT, reason="root may write anywhere; permissions cannot be tested")
def test_read_only_file(head_file: Path) -> None:
    before = sha256(head_file)
    head_file.chmod(0o444)
    try:
        with pytest.raises(DatabaseLocationError, match="read-only"):
            open_database(sqlite_url(head_file))
    finally:
        head_file.chmod(0o644)
    assert sha256(head_file) == before


def test_read_only_file_message(head_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too: the permission check is answered 'no' for this one file."""
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == head_file and mode == os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(database_module.os, "access", access)
    before = sha256(head_file)
    with pytest.raises(DatabaseLocationError) as info:
        open_database(sqlite_url(head_file))
    assert "is read-only" in str(info.value)
    assert str(head_file) in str(info.value)
    assert sha256(head_file) == before


def test_exclusively_locked_database(head_file: Path) -> None:
    before = sha256(head_file)
    other = sqlite3.connect(head_file, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError) as info:
            open_database(sqlite_url(head_file))
        elapsed = time.monotonic() - started
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert elapsed < 5
    assert "in use by another program" in str(info.value)
    assert str(head_file) in str(info.value)
    assert sha256(head_file) == before
    assert listing(head_file.parent) == [head_file.name]


def test_write_locked_database_is_refused_at_open(
    head_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program writing (a RESERVED lock) still lets us read, but not open for work."""
    monkeypatch.setattr(database_module, "LOCK_TIMEOUT_S", 0.1)  # keep the test fast
    other = sqlite3.connect(head_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE institution_settings SET name = 'Uncommitted'")
        with pytest.raises(DatabaseLockedError):
            open_database(sqlite_url(head_file))
        other.execute("ROLLBACK")
    finally:
        other.close()
    connection = sqlite3.connect(head_file)
    try:
        name = connection.execute("SELECT name FROM institution_settings").fetchone()
    finally:
        connection.close()
    assert name == ("Universiteit",)


def test_in_memory_database_needs_explicit_migration(opened: list[Database]) -> None:
    """A database without a file (here in-memory SQLite; in practice PostgreSQL) is never
    upgraded behind the other clients' backs: only the migrate command does that."""
    with pytest.raises(DatabaseNeedsMigrationError) as info:
        open_database("sqlite://")
    assert "is empty" in str(info.value)
    assert SCHEMA_HEAD in str(info.value)
    assert "migrate" in str(info.value)
    database = open_database("sqlite://", migrate=True)
    opened.append(database)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (SCHEMA_HEAD,)
        ]


# --- where the database is -----------------------------------------------------------------


def test_plain_path_becomes_absolute_sqlite_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_database_url("data/utq.sqlite") == f"sqlite:///{tmp_path}/data/utq.sqlite"
    assert resolve_database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path}/a.db"


def test_home_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))  # what Windows expands '~' with
    assert resolve_database_url("~/utq.sqlite") == f"sqlite:///{tmp_path}/utq.sqlite"


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://coordinator:secret@db.example.nl/utq", "sqlite:////srv/utq.sqlite"],
)
def test_url_passes_through(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "sqlite:////elsewhere.sqlite")
    assert resolve_database_url(url) == url


def test_environment_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "postgresql://u@host/utq")
    assert resolve_database_url(None) == "postgresql://u@host/utq"
    assert resolve_database_url("") == "postgresql://u@host/utq"
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.sqlite"))
    assert resolve_database_url(None) == f"sqlite:///{tmp_path}/env.sqlite"
    # an explicit choice beats the environment
    assert resolve_database_url(str(tmp_path / "x.sqlite")) == f"sqlite:///{tmp_path}/x.sqlite"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG data folder is Linux's")
def test_default_file_in_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    url = resolve_database_url(None)
    expected = tmp_path / "xdg" / "utq-desktop" / DEFAULT_FILE_NAME
    assert url == f"sqlite:///{expected}"
    assert expected.parent.is_dir()  # created, so a first start can make the file
    assert not expected.exists()


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:////srv/data/utq.sqlite", Path("/srv/data/utq.sqlite")),
        ("sqlite:///relative.sqlite", Path("relative.sqlite")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("postgresql://u@host/utq", None),
    ],
)
def test_sqlite_path(url: str, path: Path | None) -> None:
    assert sqlite_path(url) == path


def test_describe_hides_passwords() -> None:
    assert describe("sqlite:////srv/utq.sqlite") == "/srv/utq.sqlite"
    described = describe("postgresql+psycopg://coordinator:s3cret@db.example.nl:5432/utq")
    assert "s3cret" not in described
    assert described == "postgresql+psycopg://coordinator:***@db.example.nl:5432/utq"


def test_migration_transactions_include_ddl(tmp_path: Path) -> None:
    """A migration that fails half-way must leave no table behind (all or nothing)."""
    from sqlalchemy import create_engine, inspect

    from utq_desktop.store.database import _transactional_sqlite

    path = tmp_path / "atomic.sqlite"
    plain = create_engine(f"sqlite:///{path}")
    migration = _transactional_sqlite(plain)
    try:
        with pytest.raises(RuntimeError), migration.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE half (id INTEGER)")
            raise RuntimeError("the migration failed here")
        with plain.connect() as connection:
            assert inspect(connection).get_table_names() == []
    finally:
        migration.dispose()
        plain.dispose()
