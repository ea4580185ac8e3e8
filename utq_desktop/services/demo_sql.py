"""Rows for the demo data, straight to the database driver: one executemany per table and
chunk, dates and times as the driver takes them (services/demo_exemption.py and
services/demo_partial_certificates.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Date, DateTime
from sqlalchemy.orm import Session


class Binder:
    """Dates and times as the driver takes them (ISO text on SQLite), converted by the
    column type's own bind processor."""

    def __init__(self, dialect: Any) -> None:
        to_day = Date().dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)
        to_stamp = DateTime().dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)
        self.day: Any = lambda value: None if value is None else to_day(value)
        self.stamp: Any = to_stamp


def plain_insert(
    session: Session, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
