"""Shared test set-up: Qt offscreen, a fixed user, and the database every test runs on.

Database fixtures (tests/database_backends.py does the work):

- ``database``: a database at the current schema with the frameworks loaded and no
  candidates: an SQLite file ``tmp_path/utq.sqlite``, or — when UTQ_TEST_POSTGRES_URL is
  set — a fresh PostgreSQL database dropped after the test. ``database.open(actor)`` gives
  Services (closed for you), ``database.target`` is what to pass to ``--database`` or
  open_services, ``database.query(sql, *params)`` reads it directly (``?`` placeholders).
- ``empty_database``: no schema yet (migration and first-start tests).
- ``databases``: the session's factory, for module-scoped databases and for several
  databases in one test (``databases.migrated(folder, name)``; ``databases.drop(db)``).
- ``network`` (PostgreSQL only): a TcpProxy in front of the server; open
  ``through(network, database.url)`` and ``network.cut()`` / ``network.restore()`` it.
- ``@pytest.mark.postgres``: the test needs a PostgreSQL server; skipped on SQLite.

A test that is about SQLite files themselves (file headers, locks, backups, permissions)
keeps using tmp_path and stays SQLite-only. The report header names the backend and the
summary counts the tests that ran on it. With UTQ_TEST_DATABASE_ONLY=1 as well (the
PostgreSQL pass of scripts/test.sh), only the tests that use a database fixture or are
marked ``postgres`` run: the rest never touch the server and ran in the SQLite pass.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from database_backends import POSTGRESQL, DatabaseFactory, TempDatabase, backend, postgres_url
from sqlalchemy.engine import make_url
from tcp_proxy import TcpProxy

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("UTQ_USER", "tester")

DATABASE_FIXTURES = frozenset({"database", "empty_database", "databases", "database_url"})
DATABASE_ONLY_ENV = "UTQ_TEST_DATABASE_ONLY"
_on_backend = pytest.StashKey[int]()
_left_out = pytest.StashKey[int]()


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path_factory.mktemp("database-template"), postgres_url())
    yield factory
    factory.close()


@pytest.fixture
def database(databases: DatabaseFactory, tmp_path: Path) -> Iterator[TempDatabase]:
    """A migrated database with the frameworks loaded and no candidates."""
    created = databases.migrated(tmp_path)
    yield created
    databases.drop(created)


@pytest.fixture
def database_url(database: TempDatabase) -> str:
    """The SQLAlchemy URL of ``database``."""
    return database.url


@pytest.fixture
def empty_database(databases: DatabaseFactory, tmp_path: Path) -> Iterator[TempDatabase]:
    """A database without a schema: an SQLite path not created yet, or an empty server one."""
    created = databases.empty(tmp_path)
    yield created
    databases.drop(created)


@pytest.fixture
def network(database: TempDatabase) -> Iterator[TcpProxy]:
    """A cuttable network between the application and the PostgreSQL server."""
    if not database.is_postgres:
        pytest.skip("needs PostgreSQL: set UTQ_TEST_POSTGRES_URL")
    server = make_url(database.url)
    proxy = TcpProxy(server.host or "127.0.0.1", server.port or 5432)
    yield proxy
    proxy.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres: needs a PostgreSQL server (UTQ_TEST_POSTGRES_URL); else skipped"
    )
    config.stash[_on_backend] = 0
    config.stash[_left_out] = 0


def pytest_report_header(config: pytest.Config) -> str:
    url = postgres_url()
    if url is None:
        return "database backend: SQLite (set UTQ_TEST_POSTGRES_URL to use PostgreSQL)"
    from utq_desktop.store.location import describe

    return f"database backend: PostgreSQL at {describe(url)} (a fresh database per test)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="needs PostgreSQL: set UTQ_TEST_POSTGRES_URL")
    only_database = backend() == POSTGRESQL and os.environ.get(DATABASE_ONLY_ENV) == "1"
    kept: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    for item in items:
        needs_server = item.get_closest_marker("postgres") is not None
        if needs_server and backend() != POSTGRESQL:
            item.add_marker(skip)
        uses_database = bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))
        if uses_database:
            item.user_properties.append(("database_backend", backend()))
        (kept if uses_database or needs_server or not only_database else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
    config.stash[_on_backend] = sum(
        bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) for item in items
    )
    config.stash[_left_out] = len(left_out)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    used = terminalreporter.config.stash.get(_on_backend, 0)
    left_out = terminalreporter.config.stash.get(_left_out, 0)
    name = "PostgreSQL" if backend() == POSTGRESQL else "SQLite"
    line = f"database backend: {name} — {used} collected tests use the database fixtures"
    if left_out:
        line += f"; {left_out} tests that use no database were left out ({DATABASE_ONLY_ENV}=1)"
    terminalreporter.write_line(line)
