"""The Alembic scripts, the revision list start-up relies on, and the ORM models agree —
on SQLite, and on PostgreSQL with UTQ_TEST_POSTGRES_URL (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from database_backends import TempDatabase
from sqlalchemy import Engine, create_engine, inspect, text

import utq_desktop.store.database as database_module
from utq_desktop.domain.models import Base
from utq_desktop.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD

MIGRATIONS = Path(database_module.__file__).parent / "migrations"
TABLES = {"alembic_version", *Base.metadata.tables}


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@pytest.fixture
def engine(empty_database: TempDatabase) -> Iterator[Engine]:
    engine = create_engine(empty_database.url)
    yield engine
    engine.dispose()


def run(engine: Engine, action: str, target: str) -> None:
    """Run an Alembic command the way utq_desktop.store.database does: on a live connection."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, target)


def differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def stored_revision(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [
            row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))
        ]


def test_known_revisions_match_the_scripts() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    ordered = [script.revision for script in scripts.walk_revisions("base", "heads")]
    ordered.reverse()  # walk_revisions goes from the head down
    assert tuple(ordered) == KNOWN_REVISIONS
    assert scripts.get_heads() == [SCHEMA_HEAD]
    assert KNOWN_REVISIONS[-1] == SCHEMA_HEAD
    assert len(set(KNOWN_REVISIONS)) == len(KNOWN_REVISIONS)


def test_revision_chain_is_linear() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_bases() == [KNOWN_REVISIONS[0]]
    assert scripts.get_revision(KNOWN_REVISIONS[0]).down_revision is None
    for previous, current in pairwise(KNOWN_REVISIONS):
        assert scripts.get_revision(current).down_revision == previous


def test_migrated_schema_equals_the_models(engine: Engine) -> None:
    run(engine, "upgrade", "head")
    assert stored_revision(engine) == [SCHEMA_HEAD]
    assert set(inspect(engine).get_table_names()) == TABLES
    # Anything reported here means the models and the migration scripts disagree: a new
    # migration is needed, or the last one does not create what the models describe.
    assert differences(engine) == []


def test_comparison_reports_a_missing_index(engine: Engine) -> None:
    """The comparison above is not vacuous: a real difference is reported."""
    run(engine, "upgrade", "head")
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_candidate_faculty"))
    found = differences(engine)
    assert [d[0] for d in found] == ["add_index"]  # type: ignore[index]


def test_initial_settings_row(engine: Engine) -> None:
    run(engine, "upgrade", "head")
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT id, name, deadline_years, default_framework_code, row_version, "
                "signatory1_role, signatory2_role, logo_sha256 FROM institution_settings"
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        (1, "Universiteit", 3, "4tu", 1, "Dean", "Rector Magnificus", None)
    ]


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    run(engine, "upgrade", "head")
    with engine.begin() as connection:
        connection.execute(text("UPDATE institution_settings SET name = 'Changed'"))

    run(engine, "downgrade", "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert stored_revision(engine) == []

    run(engine, "upgrade", "head")
    assert stored_revision(engine) == [SCHEMA_HEAD]
    assert differences(engine) == []
    with engine.connect() as connection:
        name = connection.execute(text("SELECT name FROM institution_settings")).scalar_one()
    assert name == "Universiteit"  # the data went with the downgrade; the seed row is back
