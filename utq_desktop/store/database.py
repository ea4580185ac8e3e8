"""Open a database safely: refuse what isn't ours or is too new, back up before migrating.

Nothing here modifies a file before it has been recognised as a UTQ Desktop database of a
version this build knows, and an older one is copied next to itself before it is migrated.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, String, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from utq_desktop.environment import FILE_STORE_ENV_VAR
from utq_desktop.errors import (
    DatabaseError,
    DatabaseLocationError,
    DatabaseLockedError,
    DatabaseNeedsMigrationError,
    DatabaseTooNewError,
    NotADatabaseError,
    ValidationError,
)
from utq_desktop.store.files import FileStore
from utq_desktop.store.location import describe, sqlite_path
from utq_desktop.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD
from utq_desktop.store.server import Phase, engine_url_and_args, is_server_url, server_error

SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 2.0


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    files: FileStore = field(default_factory=lambda: FileStore(None))
    backup_path: Path | None = None  # set when opening migrated an older file

    @property
    def label(self) -> str:
        return describe(self.url)

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = False) -> Database:
    """Open ``url`` at the current schema version.

    SQLite files are created or upgraded automatically (after a backup). A server database
    is upgraded only with ``migrate=True`` (the ``migrate`` command): several clients share
    it, so one of them must not change it behind the others' backs.
    """
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    engine = _create_engine(url)
    try:
        with translate_errors(url, "open"):
            revision = _current_revision(engine, url)
            backup = _bring_to_head(engine, url, revision, path, migrate)
            if path is not None:
                _check_not_locked(engine, path)
    except BaseException:
        engine.dispose()
        raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    event.listen(sessions, "before_flush", check_text_lengths)
    return Database(url, engine, sessions, file_store_for(url), backup)


def check_text_lengths(session: Session, _context: object, _instances: object) -> None:
    """Refuse text longer than its column, on every backend alike.

    PostgreSQL refuses it with a driver error, SQLite silently stores it; this check runs
    before either sees it and names the field (ORM writes; bulk inserts check their rows).
    """
    for instance in (*session.new, *session.dirty):
        for attribute in inspect(instance).mapper.column_attrs:
            column_type = attribute.columns[0].type
            length = getattr(column_type, "length", None)
            if not length or not isinstance(column_type, String):
                continue
            value = getattr(instance, attribute.key)
            if isinstance(value, str) and len(value) > length:
                label = attribute.key.replace("_", " ").capitalize()
                raise ValidationError(
                    f"{label} may be at most {length} characters long "
                    f"({len(value)} given); nothing was saved.",
                    attribute.key,
                )


def file_store_for(url: str) -> FileStore:
    """Beside an SQLite file: '<name>-files/'; for a server: $UTQ_FILE_STORE or the database."""
    path = sqlite_path(url)
    if path is not None:
        return FileStore(path.parent / f"{path.stem}-files")
    folder = os.environ.get(FILE_STORE_ENV_VAR, "").strip()
    return FileStore(Path(folder) if folder else None)


def migrate_database(url: str) -> tuple[str | None, str]:
    """Create or upgrade the schema; returns (revision before, revision after)."""
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    engine = _create_engine(url)
    try:
        with translate_errors(url, "open"):
            before = _current_revision(engine, url)
            _bring_to_head(engine, url, before, path, migrate=True)
    finally:
        engine.dispose()
    return before, SCHEMA_HEAD


def _create_engine(url: str) -> Engine:
    if not is_server_url(url):
        engine = create_engine(
            url, connect_args={"timeout": LOCK_TIMEOUT_S, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine_url, connect_args = engine_url_and_args(url)
    try:
        # pre-ping: a pooled connection that died (server restart, network outage) is
        # replaced before use, so the first call after an outage just works.
        return create_engine(engine_url, pool_pre_ping=True, connect_args=connect_args)
    except (sa_exc.NoSuchModuleError, ImportError) as error:
        raise DatabaseError(
            f"'{describe(url)}' is not a kind of database UTQ Desktop can use ({error}). "
            "Use an SQLite file or postgresql+psycopg://user@host/database."
        ) from error


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise NotADatabaseError(f"'{path}' is a folder, not a database file. Choose a file.")
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise DatabaseLocationError(
                f"'{path}' cannot be read ({error.strerror}). Check its permissions."
            ) from error
        if header and header != SQLITE_HEADER:
            raise NotADatabaseError(
                f"'{path}' is not a UTQ Desktop database (it is not an SQLite file). "
                "Choose another file; this one was not changed."
            )
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise DatabaseLocationError(
                f"'{path}' is read-only. Copy it to a folder you can write to, "
                "or ask for write permission."
            )
        return
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseLocationError(
            f"Cannot create the database '{path}': the folder '{folder}' does not exist."
        )
    if not os.access(folder, os.W_OK):
        raise DatabaseLocationError(
            f"Cannot create the database '{path}': the folder '{folder}' is not writable."
        )


def _current_revision(engine: Engine, url: str) -> str | None:
    """The stored schema revision; None for an empty database."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            if tables:
                raise NotADatabaseError(
                    f"'{describe(url)}' holds other data, not a UTQ Desktop database. "
                    "Choose another file or an empty database; nothing was changed."
                )
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if rows else None


def _bring_to_head(
    engine: Engine, url: str, revision: str | None, path: Path | None, migrate: bool
) -> Path | None:
    if revision == SCHEMA_HEAD:
        return None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseTooNewError(
            f"'{describe(url)}' was made by a newer version of UTQ Desktop "
            f"(schema {revision}). Install the newer version to open it; nothing was changed."
        )
    if path is None and not migrate:
        action = "is empty" if revision is None else f"is at schema {revision}"
        raise DatabaseNeedsMigrationError(
            f"The database '{describe(url)}' {action}; this version needs {SCHEMA_HEAD}. "
            f"Run: utq-desktop --database URL migrate"
        )
    backup = backup_sqlite(path, revision) if path is not None and revision is not None else None
    _run_alembic_upgrade(engine)
    return backup


def _run_alembic_upgrade(engine: Engine) -> None:
    # Alembic is imported only here: a database already at head never pays for it.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    on_file = engine.dialect.name == "sqlite" and sqlite_path(str(engine.url)) is not None
    migration_engine = _transactional_sqlite(engine) if on_file else engine
    try:
        with migration_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if migration_engine is not engine:
            migration_engine.dispose()


def _transactional_sqlite(engine: Engine) -> Engine:
    """An engine on the same file whose transactions include DDL.

    pysqlite commits before every CREATE/DROP by default, so a failing migration would
    leave a half-migrated file. Here the driver's own transaction handling is switched off
    and each transaction is an exclusive BEGIN … COMMIT: all of the migration, or none.
    """
    migration = create_engine(
        engine.url, connect_args={"timeout": LOCK_TIMEOUT_S, "check_same_thread": False}
    )

    def no_driver_transactions(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None

    def begin_exclusive(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN EXCLUSIVE")

    event.listen(migration, "connect", no_driver_transactions)
    event.listen(migration, "begin", begin_exclusive)
    return migration


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """A consistent copy next to ``path`` (SQLite's online backup), named by schema and time."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{path.stem}.backup-{revision or 'empty'}-{stamp}"
    target = path.with_name(f"{base}{path.suffix}")
    counter = 1
    while target.exists():  # never overwrite an earlier backup, even within one second
        counter += 1
        target = path.with_name(f"{base}-{counter}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise DatabaseError(
            f"Could not back up '{path}' before upgrading it ({error}); nothing was changed."
        ) from error
    finally:
        source.close()
    return target


def _check_not_locked(engine: Engine, path: Path) -> None:
    """Fail now, with a clear message, if another program holds a write lock on the file."""
    with engine.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.exec_driver_sql("ROLLBACK")


@contextmanager
def translate_errors(url: str, phase: Phase = "write") -> Iterator[None]:
    """Turn driver errors into messages a coordinator can act on.

    ``phase`` says what the work was doing, which decides what the message promises: after
    a failed read or write nothing was saved; a connection lost during a server COMMIT
    leaves it open whether the change was saved.
    """
    try:
        yield
    except sa_exc.DBAPIError as error:
        if is_server_url(url):  # store.server knows what a server's errors mean
            raise server_error(url, error, phase) from error
        if isinstance(error, sa_exc.OperationalError):
            raise _operational(url, error) from error
        if not isinstance(error, sa_exc.DatabaseError):
            raise
        message = str(error.orig) if error.orig is not None else str(error)
        if "not a database" in message or "malformed" in message:
            raise NotADatabaseError(
                f"'{describe(url)}' is damaged or not a database ({message}). "
                "Restore it from a backup; nothing was changed."
            ) from error
        raise DatabaseError(f"The database '{describe(url)}' reported: {message}") from error


def _operational(url: str, error: sa_exc.OperationalError) -> DatabaseError:
    """What an SQLite error means for the file."""
    message = str(error.orig) if error.orig is not None else str(error)
    where = describe(url)
    if "locked" in message or "busy" in message:
        return DatabaseLockedError(
            f"'{where}' is in use by another program that is writing to it. "
            "Wait a moment, or close it there, and try again; nothing was changed."
        )
    if "disk is full" in message or "disk I/O" in message:
        return DatabaseError(
            f"'{where}' cannot be written: the disk is full or failing. "
            "Free some space and try again; nothing was changed."
        )
    if "readonly" in message or "read-only" in message:
        return DatabaseLocationError(f"'{where}' is read-only; nothing was changed.")
    if "not a database" in message:
        return NotADatabaseError(
            f"'{where}' is damaged or not a database. Restore it from a backup."
        )
    return DatabaseError(f"The database '{where}' is not reachable: {message}")
