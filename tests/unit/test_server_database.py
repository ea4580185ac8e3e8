"""A database server (PostgreSQL): connecting, refusing what is not at this version, and the
messages for a server that cannot be reached. The tests that need a real server are marked
``postgres`` (UTQ_TEST_POSTGRES_URL); the rest run everywhere."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from database_backends import TempDatabase
from sqlalchemy import create_engine, inspect

from utq_desktop.environment import FILE_STORE_ENV_VAR
from utq_desktop.errors import (
    DatabaseConnectionError,
    DatabaseError,
    DatabaseNeedsMigrationError,
    DatabaseTooNewError,
    NotADatabaseError,
)
from utq_desktop.services.app import open_services
from utq_desktop.store.database import file_store_for, migrate_database, open_database
from utq_desktop.store.schema import SCHEMA_HEAD
from utq_desktop.store.server import CONNECT_DEFAULTS, engine_url_and_args, server_address

# --- connecting (no server needed) --------------------------------------------------------------


def test_plain_postgresql_means_psycopg_with_timeouts() -> None:
    url, args = engine_url_and_args("postgresql://coordinator:secret@db.example.nl/utq")
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.database, url.password) == ("db.example.nl", "utq", "secret")
    assert args == CONNECT_DEFAULTS
    assert args["connect_timeout"] == 10 and args["keepalives"] == 1


def test_connection_settings_in_the_url_win() -> None:
    _, args = engine_url_and_args(
        "postgresql+psycopg://u@h/db?connect_timeout=3&application_name=utq-hr"
    )
    assert "connect_timeout" not in args and "application_name" not in args
    assert args["keepalives_idle"] == 30


def test_sqlite_gets_no_server_settings() -> None:
    assert engine_url_and_args("sqlite:////srv/utq.sqlite")[1] == {}


def test_server_address_for_messages() -> None:
    assert server_address("postgresql+psycopg://u:pw@db.example.nl/utq") == "db.example.nl:5432"
    assert server_address("postgresql+psycopg://u@10.0.0.5:6543/utq") == "10.0.0.5:6543"


def test_missing_driver_is_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(DatabaseError) as info:
        open_database("postgresql+psycopg://u@127.0.0.1/utq")
    assert "pip install 'utq-desktop[postgres]'" in str(info.value)


@pytest.mark.parametrize("url", ["mysql://u@h/utq", "postgresql+psycopg2://u@h/utq"])
def test_unsupported_database_kind(url: str) -> None:
    with pytest.raises(DatabaseError, match="not a kind of database UTQ Desktop can use"):
        open_database(url)


def test_unreachable_server_is_reported_at_once() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/utq"  # nothing listens on port 1
    with pytest.raises(DatabaseConnectionError) as info:
        open_services(url)
    message = str(info.value)
    assert message.startswith("The database server at 127.0.0.1:1 is not reachable (")
    assert "Check the network and that the server is running" in message


def test_attachments_on_a_server_live_in_the_database_or_the_shared_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql+psycopg://u@db.example.nl/utq"
    monkeypatch.delenv(FILE_STORE_ENV_VAR, raising=False)
    assert file_store_for(url).folder is None
    assert file_store_for(url).description == "the database"
    monkeypatch.setenv(FILE_STORE_ENV_VAR, str(tmp_path / "shared"))
    assert file_store_for(url).folder == tmp_path / "shared"
    # an SQLite file keeps its folder beside itself whatever the variable says
    assert file_store_for(f"sqlite:///{tmp_path}/a.sqlite").folder == tmp_path / "a-files"


# --- a real server ------------------------------------------------------------------------------


@pytest.mark.postgres
def test_empty_server_database_is_refused_until_migrated(empty_database: TempDatabase) -> None:
    url = empty_database.url
    with pytest.raises(DatabaseNeedsMigrationError) as info:
        open_services(url)
    assert str(info.value).endswith(
        f"is empty; this version needs {SCHEMA_HEAD}. Run: utq-desktop --database URL migrate"
    )
    assert empty_database.query(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    ) == [(0,)]

    assert migrate_database(url) == (None, SCHEMA_HEAD)
    assert migrate_database(url) == (SCHEMA_HEAD, SCHEMA_HEAD)
    services = empty_database.open("anna")
    assert services.candidates.count() == 0
    assert sorted(f.code for f in services.frameworks.list()) == ["4tu", "leiden"]
    assert services.context.database.files.folder is None  # attachments in the database


@pytest.mark.postgres
def test_server_database_at_an_older_schema_needs_the_migrate_command(
    database: TempDatabase,
) -> None:
    database.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    with pytest.raises(DatabaseNeedsMigrationError, match="is at schema 0001_initial"):
        open_database(database.url)
    assert database.query("SELECT version_num FROM alembic_version") == [("0001_initial",)]


@pytest.mark.postgres
def test_newer_server_database_is_refused_and_unchanged(database: TempDatabase) -> None:
    database.execute("UPDATE alembic_version SET version_num = '9999_future'")
    for attempt in (lambda: open_database(database.url), lambda: migrate_database(database.url)):
        with pytest.raises(DatabaseTooNewError, match="newer version of UTQ Desktop"):
            attempt()
    assert database.query("SELECT version_num FROM alembic_version") == [("9999_future",)]


@pytest.mark.postgres
def test_server_database_with_other_data_is_refused(empty_database: TempDatabase) -> None:
    empty_database.execute("CREATE TABLE recipe (id integer PRIMARY KEY, name text)")
    for attempt in (
        lambda: open_database(empty_database.url),
        lambda: migrate_database(empty_database.url),
    ):
        with pytest.raises(NotADatabaseError, match="holds other data"):
            attempt()
    assert empty_database.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    ) == [("recipe",)]


@pytest.mark.postgres
def test_server_column_types(database: TempDatabase) -> None:
    engine = create_engine(database.url)
    try:
        inspector = inspect(engine)
        columns = {
            (table, column["name"]): type(column["type"]).__name__
            for table in inspector.get_table_names()
            for column in inspector.get_columns(table)
        }
    finally:
        engine.dispose()
    assert columns[("stored_file", "content")] == "BYTEA"
    assert columns[("candidate", "employment_start")] == "DATE"
    assert columns[("candidate", "created_at")] == "TIMESTAMP"
    assert columns[("framework", "scale")] == "JSON"
    assert columns[("intake", "meeting_held")] == "BOOLEAN"
    assert database.query("SHOW server_encoding") == [("UTF8",)]


@pytest.mark.postgres
def test_names_with_diacritics_round_trip(database: TempDatabase) -> None:
    from utq_desktop.services.dto import CandidateInput

    services = database.open("anna")
    cid = services.candidates.create(
        CandidateInput(staff_number="N1", first_name="Nguyễn", surname="Thảo")
    )
    assert services.candidates.detail(cid).full_name == "Nguyễn Thảo"
    assert services.candidates.register_row(cid).search_key.startswith("nguyen thao\t")
    assert database.query("SELECT first_name, surname FROM candidate") == [("Nguyễn", "Thảo")]


def test_migrate_upgrades_an_older_schema_and_keeps_the_data(empty_database: TempDatabase) -> None:
    """A database made by an older version (schema 0002) is upgraded by migrate, on SQLite
    and on PostgreSQL, with its data."""
    from alembic import command
    from alembic.config import Config

    import utq_desktop.store.database as database_module

    config = Config()
    migrations = Path(database_module.__file__).parent / "migrations"
    config.set_main_option("script_location", str(migrations))
    engine = create_engine(empty_database.url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0002_stored_files")
    finally:
        engine.dispose()
    empty_database.execute(
        "INSERT INTO candidate (staff_number, initials, first_name, prefix, surname, email,"
        " faculty, department, position, extension_months, extension_reason, status,"
        " created_at, row_version) VALUES ('S1', '', 'Ayşe', '', 'Doğan', '', 'Science', '',"
        " '', 0, '', 'registered', '2025-09-01 09:00:00', 1)"
    )
    assert migrate_database(empty_database.url) == ("0002_stored_files", SCHEMA_HEAD)
    services = empty_database.open("anna")
    assert [row.full_name for row in services.candidates.register()] == ["Ayşe Doğan"]
