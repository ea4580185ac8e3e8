"""A database shared by several users: no lost updates, and connection loss handled.

Runs on SQLite and on PostgreSQL (UTQ_TEST_POSTGRES_URL); the tests about a server — racing
saves at the same instant, connections killed mid-transaction, a cut network — need
PostgreSQL and are skipped on SQLite.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from database_backends import DatabaseFactory, TempDatabase
from sqlalchemy import event
from tcp_proxy import TcpProxy, through

import utq_desktop.services.audit as audit_module
import utq_desktop.services.settings as settings_module
from utq_desktop.errors import (
    DatabaseConnectionError,
    DatabaseLockedError,
    StaleEditError,
    ValidationError,
)
from utq_desktop.services.app import open_services
from utq_desktop.services.dto import CandidateInput, InstitutionSettingsData

EVA = CandidateInput(
    staff_number="S1001",
    surname="Dijk",
    first_name="Eva",
    prefix="van",
    email="eva.vandijk@utwente.nl",
    faculty="EEMCS",
    employment_start=date(2024, 1, 31),
)


def updates(database: TempDatabase, entity: str = "candidate") -> list[tuple[Any, ...]]:
    return database.query(
        "SELECT actor, field, old_value, new_value FROM audit_entry"
        " WHERE entity = ? AND action = 'update' ORDER BY id",
        entity,
    )


# --- institution settings: the same optimistic lock as candidates ------------------------------


def test_second_settings_save_is_refused_and_names_who_and_what(database: TempDatabase) -> None:
    anna, bram = database.open("anna"), database.open("bram")
    annas, brams = anna.settings.get_versioned(), bram.settings.get_versioned()
    assert annas == brams and annas.row_version == 1

    assert anna.settings.update(replace(annas.data, deadline_years=4), annas.row_version) == 2
    with pytest.raises(StaleEditError) as info:
        bram.settings.update(replace(brams.data, name="Universiteit Leiden"), brams.row_version)
    message = str(info.value)
    assert message.startswith("anna changed the institution settings (deadline_years) at ")
    assert "reload" in message
    assert bram.settings.get() == InstitutionSettingsData("Universiteit", 4, "4tu")
    assert updates(database, "settings") == [("anna", "deadline_years", "3", "4")]

    reloaded = bram.settings.get_versioned()  # what the dialog's "Reload" does
    bram.settings.update(replace(reloaded.data, name="Universiteit Leiden"), reloaded.row_version)
    assert anna.settings.get() == InstitutionSettingsData("Universiteit Leiden", 4, "4tu")


def test_settings_save_racing_another_commit_is_stale(
    database: TempDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anna commits after Bram's save has checked the version but before it writes: the
    version in the UPDATE itself refuses Bram's (StaleDataError becomes StaleEditError)."""
    anna, bram = database.open("anna"), database.open("bram")
    real_asdict = settings_module.asdict
    fired: list[bool] = []

    def anna_saves_meanwhile(data: Any) -> dict[str, Any]:
        if not fired:
            fired.append(True)
            anna.settings.update(InstitutionSettingsData("Universiteit Twente", 3, "4tu"), 1)
        return real_asdict(data)

    monkeypatch.setattr(settings_module, "asdict", anna_saves_meanwhile)
    with pytest.raises(StaleEditError, match=r"^anna changed the institution settings \(name\)"):
        bram.settings.update(InstitutionSettingsData("Universiteit", 5, "4tu"), 1)
    assert fired == [True]
    assert bram.settings.get_versioned().data == InstitutionSettingsData(
        "Universiteit Twente", 3, "4tu"
    )
    assert [row[0] for row in updates(database, "settings")] == ["anna"]


def test_settings_without_expected_version_save_unconditionally(database: TempDatabase) -> None:
    services = database.open("script")
    services.settings.update(InstitutionSettingsData("UT", 2, "4tu"))
    assert services.settings.update(InstitutionSettingsData("UT", 5, "4tu")) == 3


# --- the same rules on both backends -----------------------------------------------------------


def test_text_longer_than_its_column_is_refused_on_every_backend(database: TempDatabase) -> None:
    """PostgreSQL would refuse it with a driver error and SQLite store it whole: both refuse
    it the same way, naming the field, before anything is written."""
    services = database.open("anna")
    with pytest.raises(ValidationError) as info:
        services.candidates.create(replace(EVA, department="Physics " * 16))  # 127 once trimmed
    assert (info.value.field, str(info.value)) == (
        "department",
        "Department may be at most 120 characters long (127 given); nothing was saved.",
    )
    cid = services.candidates.create(replace(EVA, department="P" * 120))
    with pytest.raises(ValidationError, match=r"^Position may be at most 120"):
        services.candidates.update(cid, replace(EVA, department="P" * 120, position="x" * 121), 1)
    assert database.query("SELECT length(department), position, row_version FROM candidate") == [
        (120, "", 1)
    ]


# --- many users at the same instant --------------------------------------------------------------


def race(callers: list[Callable[[], object]]) -> list[object]:
    """Run the callers in threads released at the same moment; their results or errors."""
    barrier = threading.Barrier(len(callers))
    results: list[object] = [None] * len(callers)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = callers[index]()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(callers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.postgres
def test_simultaneous_saves_of_one_candidate_let_exactly_one_win(database: TempDatabase) -> None:
    users = [database.open(f"user{i}") for i in range(8)]
    cid = users[0].candidates.create(EVA)
    views = [user.candidates.detail(cid) for user in users]  # everyone opens version 1

    def save(i: int) -> Callable[[], object]:
        data = replace(views[i].data, department=f"Department of user{i}")
        return lambda: users[i].candidates.update(cid, data, views[i].row_version)

    results = race([save(i) for i in range(len(users))])
    winners = [i for i, result in enumerate(results) if result == 2]
    assert len(winners) == 1, results
    winner = f"user{winners[0]}"
    refused = [r for r in results if isinstance(r, StaleEditError)]
    assert len(refused) == len(users) - 1, results
    assert all(str(r).startswith(f"{winner} changed this candidate (department)") for r in refused)
    assert database.query("SELECT department, row_version FROM candidate") == [
        (f"Department of {winner}", 2)
    ]
    assert updates(database) == [(winner, "department", "", f"Department of {winner}")]


@pytest.mark.postgres
def test_simultaneous_settings_saves_let_exactly_one_win(database: TempDatabase) -> None:
    users = [database.open(f"user{i}") for i in range(6)]
    results = race(
        [
            lambda user=user, years=years: user.settings.update(
                InstitutionSettingsData("Universiteit", years, "4tu"), 1
            )
            for years, user in enumerate(users, start=4)  # all differ from 3
        ]
    )
    assert results.count(2) == 1, results
    assert sum(isinstance(r, StaleEditError) for r in results) == len(users) - 1, results
    assert len(updates(database, "settings")) == 1


@pytest.mark.postgres
def test_simultaneous_new_candidates_with_one_staff_number_store_one(
    database: TempDatabase,
) -> None:
    users = [database.open(f"user{i}") for i in range(6)]
    results = race(
        [
            lambda user=user: user.candidates.create(replace(EVA, first_name=user.actor))
            for user in users
        ]
    )
    created = [r for r in results if isinstance(r, int)]
    assert len(created) == 1, results
    for refused in (r for r in results if not isinstance(r, int)):
        # seen by the check before saving, or by the database's unique constraint
        assert isinstance(refused, (ValidationError, DatabaseLockedError)), refused
        assert "S1001" in str(refused) or "at the same moment" in str(refused)
    assert database.query("SELECT count(*) FROM candidate") == [(1,)]
    assert database.query(
        "SELECT DISTINCT entity_id FROM audit_entry WHERE entity = 'candidate'"
    ) == [(created[0],)]


# --- the connection drops ------------------------------------------------------------------------


@pytest.mark.postgres
def test_connection_killed_mid_transaction_saves_nothing_and_recovers(
    database: TempDatabase, databases: DatabaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = database.open("anna")
    cid = anna.candidates.create(EVA)
    real_record = audit_module.record
    killed: list[int] = []

    def server_restarts_then_record(*args: Any, **kwargs: Any) -> None:
        if not killed:  # the candidate row is already updated in this transaction
            killed.append(databases.terminate_connections(database))
        real_record(*args, **kwargs)

    monkeypatch.setattr(audit_module, "record", server_restarts_then_record)
    with pytest.raises(DatabaseConnectionError) as info:
        anna.candidates.update(cid, replace(EVA, faculty="BMS"), 1)
    monkeypatch.undo()
    message = str(info.value)
    assert message.startswith(f"The database server at {server(database)} is not reachable (")
    assert message.endswith(
        "Nothing was saved; your change will work again when the connection is back."
    )
    assert killed and killed[0] >= 1
    assert database.query("SELECT faculty, row_version FROM candidate") == [("EEMCS", 1)]
    assert updates(database) == []

    # the same Services object, no reopening: the pool reconnects by itself
    assert anna.candidates.update(cid, replace(EVA, faculty="BMS"), 1) == 2
    assert anna.candidates.detail(cid).data.faculty == "BMS"


@pytest.mark.postgres
def test_connection_lost_during_commit_says_the_outcome_is_unknown(
    database: TempDatabase, databases: DatabaseFactory
) -> None:
    anna = database.open("anna")
    cid = anna.candidates.create(EVA)
    engine = anna.context.database.engine
    killed: list[int] = []

    def kill_before_commit(_connection: object) -> None:
        if not killed:
            killed.append(databases.terminate_connections(database))

    event.listen(engine, "commit", kill_before_commit)
    try:
        with pytest.raises(DatabaseConnectionError, match="may or may not have been saved"):
            anna.candidates.update(cid, replace(EVA, surname="Dijkstra"), 1)
    finally:
        event.remove(engine, "commit", kill_before_commit)
    # Here the COMMIT never reached the server: reloading shows the old data, whole.
    assert anna.candidates.detail(cid).data.surname == "Dijk"
    assert updates(database) == []
    assert anna.candidates.update(cid, replace(EVA, surname="Dijkstra"), 1) == 2


@pytest.mark.postgres
def test_network_outage_fails_fast_with_a_clear_message_then_recovers(
    database: TempDatabase, network: TcpProxy
) -> None:
    anna = open_services(through(network, database.url), actor="anna")
    try:
        cid = anna.candidates.create(EVA)
        view = anna.candidates.detail(cid)
        network.cut()
        started = time.monotonic()
        with pytest.raises(DatabaseConnectionError, match="try again when the connection is back"):
            anna.candidates.register()
        with pytest.raises(DatabaseConnectionError, match="Nothing was saved"):
            anna.candidates.update(cid, replace(view.data, faculty="TNW"), view.row_version)
        assert time.monotonic() - started < 10  # an answer, not a hang
        assert database.query("SELECT faculty FROM candidate") == [("EEMCS",)]

        network.restore()
        assert [row.id for row in anna.candidates.register()] == [cid]
        anna.candidates.update(cid, replace(view.data, faculty="TNW"), view.row_version)
        assert database.query("SELECT faculty, row_version FROM candidate") == [("TNW", 2)]
    finally:
        anna.close()


def server(database: TempDatabase) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(database.url)
    return f"{url.host}:{url.port or 5432}"
