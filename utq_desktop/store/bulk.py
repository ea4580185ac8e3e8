"""Bulk inserts for imports: tens of thousands of rows in one driver call per chunk."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, insert, literal_column
from sqlalchemy.orm import Session


def insert_rows(
    session: Session,
    table: Table,
    chunks: Iterable[list[dict[str, Any]]],
    constants: dict[str, Any],
    done: Callable[[int], None] | None = None,
    *,
    as_given: frozenset[str] = frozenset(),
) -> None:
    """INSERT every row of ``chunks`` (dicts with the same keys), completed by
    ``constants``, into ``table`` in the session's transaction: one executemany straight to
    the database driver per chunk, then ``done(rows so far)``.

    ``session.execute(insert(table), rows)`` builds and type-converts every row's parameters
    in Python, which at 20,000 rows takes longer than SQLite needs to store them. Here the
    statement is compiled once for the dialect, with the constants written into it as SQL
    literals (fewer parameters to bind per row); a column whose type needs a conversion for
    this driver (dates on SQLite) is converted once per distinct value; and the rows go to
    ``cursor.executemany`` as tuples built column by column. The dicts are not modified.
    ``constants`` are the caller's own values (numbers, dates, fixed words), never user input.
    The columns in ``as_given`` go to the driver unconverted: e.g. a JSON column's text,
    already serialised by the caller.
    """
    connection = session.connection()
    dialect = connection.dialect
    statement, keys = None, []
    total = 0
    for rows in chunks:
        if not rows:
            continue
        if statement is None:
            keys = list(rows[0])
            constants = constants | _scalar_defaults(table, [*keys, *constants])
            values = {key: bindparam(key) for key in keys}
            for key, value in constants.items():
                process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
                values[key] = literal_column(_sql_literal(process(value) if process else value))
            compiled = insert(table).values(values).compile(dialect=dialect, for_executemany=True)
            statement = compiled.string
            order = list(compiled.positiontup or []) if compiled.positional else None
            converters = {}
            for key in keys:
                if key in as_given:
                    continue
                process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    converters[key] = cache(process)  # few distinct values: dates
        columns = {key: list(map(itemgetter(key), rows)) for key in keys}
        for key, convert in converters.items():
            columns[key] = list(map(convert, columns[key]))
        if order is not None:
            parameters: list[Any] = list(zip(*(columns[key] for key in order), strict=True))
        else:
            by_row = zip(*columns.values(), strict=True)
            parameters = [dict(zip(keys, values, strict=True)) for values in by_row]
        connection.exec_driver_sql(statement, parameters)
        total += len(rows)
        if done is not None:
            done(total)


def _scalar_defaults(table: Table, given: list[str]) -> dict[str, Any]:
    """The Python-side defaults of the columns not given (which Core would fill per row)."""
    defaults = {}
    for column in table.columns:
        if column.key in given or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"insert_rows needs a value for {table.name}.{column.key}")
        defaults[column.key] = column.default.arg
    return defaults


def _sql_literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        value = value.isoformat(" ") if hasattr(value, "hour") else value.isoformat()
    text = str(value)
    return "'" + text.replace("'", "''") + "'"
