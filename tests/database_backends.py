"""The databases tests run on: SQLite files, or fresh PostgreSQL databases.

Without UTQ_TEST_POSTGRES_URL every database is an SQLite file in the test's tmp_path. With
it (e.g. postgresql+psycopg://postgres@127.0.0.1:5433/postgres, a role that may create
databases) every database is a fresh PostgreSQL database, ``utq_test_<random>``, made from a
template migrated once per session (CREATE DATABASE … TEMPLATE takes ~20 ms) and dropped
when the test ends. A helper thread keeps the next copy ready and drops the used ones, so a
test rarely waits for either. scripts/test.sh runs the suite both ways.

Tests get these through the fixtures in tests/conftest.py (``database``, ``empty_database``,
``databases``); this module holds the machinery and ``TempDatabase``, which test modules may
import for type hints and for reading the database independently of the services::

    from database_backends import TempDatabase
"""

from __future__ import annotations

import os
import queue
import re
import secrets
import shutil
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from utq_desktop.store.location import describe, sqlite_url

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

POSTGRES_URL_ENV = "UTQ_TEST_POSTGRES_URL"
READY_AHEAD = 2  # fresh PostgreSQL databases kept ready for the next tests
SQLITE, POSTGRESQL = "sqlite", "postgresql"
_PLACEHOLDER = re.compile(r"\?")


def postgres_url() -> str | None:
    """The server the tests use, or None for SQLite."""
    return os.environ.get(POSTGRES_URL_ENV, "").strip() or None


def backend() -> str:
    return POSTGRESQL if postgres_url() else SQLITE


@dataclass
class TempDatabase:
    """One database for one test (or module): where it is and how to look inside."""

    url: str
    path: Path | None  # the SQLite file; None on PostgreSQL
    name: str = ""  # the PostgreSQL database name
    _opened: list[Services] = field(default_factory=list, repr=False)

    @property
    def backend(self) -> str:
        return SQLITE if self.path is not None else POSTGRESQL

    @property
    def is_postgres(self) -> bool:
        return self.path is None

    @property
    def target(self) -> str:
        """What a user gives to --database: the file path, or the server URL."""
        return str(self.path) if self.path is not None else self.url

    @property
    def label(self) -> str:
        """How the application names this database (window title, messages)."""
        return describe(self.url)

    def open(self, actor: str = "tester", today: date | None = None) -> Services:
        """Services on this database as ``actor``; closed when the test's database goes."""
        from utq_desktop.services.app import open_services

        services = (
            open_services(self.target, actor=actor)
            if today is None
            else open_services(self.target, actor=actor, today=lambda: today)
        )
        self._opened.append(services)
        return services

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` (``?`` placeholders), read on a connection of its own."""
        engine = _plain_engine(self.url)
        try:
            with engine.connect() as connection:
                result = connection.execute(text(_named(sql)), _bind(params))
                return [tuple(row) for row in result]
        finally:
            engine.dispose()

    def execute(self, sql: str, *params: object) -> None:
        """Run and commit ``sql`` behind the application's back (e.g. to damage data)."""
        engine = _plain_engine(self.url)
        try:
            with engine.begin() as connection:
                connection.execute(text(_named(sql)), _bind(params))
        finally:
            engine.dispose()

    def close(self) -> None:
        """Close every Services opened through open()."""
        while self._opened:
            self._opened.pop().close()


class DatabaseFactory:
    """Makes TempDatabases for a session: migrated ones from a template, or empty ones."""

    def __init__(self, workdir: Path, server_url: str | None) -> None:
        self.workdir = workdir
        self.server_url = server_url
        self._template: str | None = None  # the SQLite file or PostgreSQL database name
        self._admin: Engine | None = None
        self._strategy: str | None = None
        self._ready: list[TempDatabase] = []  # copies of the template made ahead of time
        self._lock = threading.Lock()  # guards _ready
        self._worker: _Worker | None = None

    @property
    def backend(self) -> str:
        return POSTGRESQL if self.server_url else SQLITE

    def migrated(self, folder: Path, name: str = "utq") -> TempDatabase:
        """At the current schema, frameworks loaded, no candidates (as a first start
        leaves it). On SQLite the file is ``folder/<name>.sqlite``."""
        template = self._ensure_template()
        if self.server_url is None:
            path = folder / f"{name}.sqlite"
            shutil.copyfile(template, path)
            return TempDatabase(sqlite_url(path), path)
        with self._lock:
            database = self._ready.pop(0) if self._ready else None
        if database is None:  # the helper has not caught up: make one now
            database = self._copy_template()
        self._background(self._prepare_next)
        return database

    def empty(self, folder: Path, name: str = "empty") -> TempDatabase:
        """No schema at all: an SQLite path not created yet, or an empty server database."""
        if self.server_url is None:
            path = folder / f"{name}.sqlite"
            return TempDatabase(sqlite_url(path), path)
        return self._create_database("TEMPLATE template0 ENCODING 'UTF8'")

    def drop(self, database: TempDatabase) -> None:
        database.close()
        if database.is_postgres:
            self._background(lambda: self._drop(database.name))

    def terminate_connections(self, database: TempDatabase) -> int:
        """Kill every server connection to ``database`` (as a server restart would)."""
        if not database.is_postgres:
            raise RuntimeError("only a server database has connections to terminate")
        with self._admin_engine().connect() as connection:
            killed = connection.execute(
                text(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                    "FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": database.name},
            ).scalar_one()
        return int(killed)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()  # finishes the drops queued so far
        for database in self._ready:
            self._drop(database.name)
        if self.server_url is not None and self._template is not None:
            self._drop(self._template)
        if self._admin is not None:
            self._admin.dispose()

    # --- internals ---------------------------------------------------------------------------

    def _ensure_template(self) -> str:
        if self._template is not None:
            return self._template
        from utq_desktop.services.app import open_services
        from utq_desktop.store.database import migrate_database

        if self.server_url is None:
            path = self.workdir / "template.sqlite"
            open_services(str(path), actor="setup").close()
            self._template = str(path)
            return self._template
        database = self._create_database("TEMPLATE template0 ENCODING 'UTF8'", "utq_template")
        migrate_database(database.url)
        open_services(database.url, actor="setup").close()  # loads the frameworks
        self._template = database.name
        return self._template

    def _copy_template(self) -> TempDatabase:
        return self._create_database(f"TEMPLATE {self._template}{self._copy_strategy()}")

    def _prepare_next(self) -> None:
        while True:
            with self._lock:
                if len(self._ready) >= READY_AHEAD:
                    return
            ready = self._copy_template()
            with self._lock:
                self._ready.append(ready)

    def _drop(self, name: str) -> None:
        self._admin_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _background(self, task: Callable[[], None]) -> None:
        if self._worker is None:
            self._worker = _Worker()
        self._worker.submit(task)

    def _copy_strategy(self) -> str:
        """PostgreSQL 15+ copies a small template 3-10x faster file by file than through
        the WAL (its default); older servers know only that way."""
        if self._strategy is None:
            with self._admin_engine().connect() as connection:
                version = int(connection.execute(text("SHOW server_version_num")).scalar_one())
            self._strategy = " STRATEGY FILE_COPY" if version >= 150000 else ""
        return self._strategy

    def _create_database(self, options: str, prefix: str = "utq_test") -> TempDatabase:
        assert self.server_url is not None
        name = f"{prefix}_{secrets.token_hex(6)}"
        self._admin_run(f'CREATE DATABASE "{name}" {options}')
        url = make_url(self.server_url).set(database=name)
        return TempDatabase(url.render_as_string(hide_password=False), None, name)

    def _admin_engine(self) -> Engine:
        if self._admin is None:
            assert self.server_url is not None
            self._admin = create_engine(
                self.server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool
            )
        return self._admin

    def _admin_run(self, sql: str) -> None:
        with self._admin_engine().connect() as connection:
            connection.execute(text(sql))


class _Worker:
    """One thread running database chores in order; a failure is reported, not raised."""

    def __init__(self) -> None:
        self._tasks: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="test-databases", daemon=True)
        self._thread.start()

    def submit(self, task: Callable[[], None]) -> None:
        self._tasks.put(task)

    def close(self) -> None:
        self._tasks.put(None)
        self._thread.join(timeout=120)

    def _run(self) -> None:
        while (task := self._tasks.get()) is not None:
            try:
                task()
            except Exception as error:  # e.g. a database still in use: left behind
                print(f"database_backends: a chore failed: {error}", file=sys.stderr)


def _plain_engine(url: str) -> Engine:
    return create_engine(url, poolclass=NullPool)


def _named(sql: str) -> str:
    """'… WHERE id = ?' → '… WHERE id = :p0' (works on every backend)."""
    counter = iter(range(sql.count("?")))
    return _PLACEHOLDER.sub(lambda _match: f":p{next(counter)}", sql)


def _bind(params: Sequence[object]) -> dict[str, object]:
    return {f"p{index}": value for index, value in enumerate(params)}
