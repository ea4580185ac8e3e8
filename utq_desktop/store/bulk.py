"""Bulk inserts for imports: tens of thousands of rows in one driver call per chunk."""

from __future__ import annotations

from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(
    session: Session,
    table: Table,
    rows: list[dict[str, Any]],
    constants: dict[str, Any] | None = None,
) -> None:
    """INSERT ``rows`` (dicts with the same keys), each completed by ``constants``, into
    ``table`` in the session's transaction, with one executemany straight to the driver.

    ``session.execute(insert(table), rows)`` builds and type-converts every row's parameters
    in Python, which at 20,000 rows takes longer than SQLite needs to store them. Here the
    statement is compiled once for the dialect; a column whose type needs a conversion for
    this driver (dates on SQLite, enums) is converted once per distinct value, constants
    once; and the rows go to ``cursor.executemany`` as tuples built column by column.
    """
    if not rows:
        return
    constants = constants or {}
    connection = session.connection()
    dialect = connection.dialect
    keys = [*rows[0], *constants]
    columns: dict[str, Any] = {}
    for key in keys:
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if key in constants:
            value = constants[key]
            columns[key] = repeat(process(value) if process else value, len(rows))
        else:
            values = map(itemgetter(key), rows)
            columns[key] = list(map(cache(process), values) if process else values)
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    if compiled.positional:
        order = compiled.positiontup or keys
        parameters: list[Any] = list(zip(*(columns[key] for key in order), strict=True))
    else:
        parameters = [
            dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)
        ]
    connection.exec_driver_sql(compiled.string, parameters)
