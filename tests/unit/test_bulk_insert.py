"""store.bulk.insert_rows: the driver-level bulk insert the staff-list import writes with."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from database_backends import TempDatabase
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.store.bulk import insert_rows


def test_rows_chunks_and_constants_as_literals(database: TempDatabase) -> None:
    services = database.open("anna")
    rows = [
        {"staff_number": f"S{n}", "surname": f"O'Neill {n}", "employment_start": date(2026, 9, n)}
        for n in range(1, 6)
    ]
    constants = {
        "extension_reason": "it's 'quoted'",
        "status": TrajectoryStatus.INTAKE,
        "created_at": datetime(2026, 11, 23, 9, 30, 0, 120000),
        "archived_at": None,
        "fte": 0.8,
    }
    seen: list[int] = []
    with services.context.transaction() as session:
        insert_rows(session, Candidate.__table__, [rows[:2], [], rows[2:]], constants, seen.append)
    assert seen == [2, 5]
    assert database.query(
        "SELECT staff_number, surname, employment_start, extension_reason, status, fte,"
        " extension_months, row_version FROM candidate ORDER BY id"
    )[0][:2] == ("S1", "O'Neill 1")
    detail = services.candidates.detail(services.candidates.register()[0].id)
    assert detail.data.employment_start == date(2026, 9, 1)
    assert detail.data.extension_reason == "it's 'quoted'"
    assert detail.data.status is TrajectoryStatus.INTAKE
    assert (detail.data.fte, detail.data.extension_months) == (0.8, 0)  # a column default
    assert detail.created_at == datetime(2026, 11, 23, 9, 30, 0, 120000)


def test_a_column_with_a_computed_default_needs_a_value(database: TempDatabase) -> None:
    table = Table(
        "stamped",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("name", String(20)),
        Column("at", DateTime, default=datetime.now),  # computed per row: not for bulk rows
    )
    services = database.open("anna")
    with services.context.transaction() as session, pytest.raises(ValueError, match=r"stamped\.at"):
        insert_rows(session, table, [[{"name": "Anna"}]], {})
