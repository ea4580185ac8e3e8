"""A database server shared by several users (PostgreSQL): connecting, and what its errors mean.

The connection is set up to notice a dead network within about a minute instead of hanging
(connect timeout, TCP keepalives, a TCP user timeout), and the engine pings a pooled
connection before using it, so after an outage the next call simply reconnects. A server
error is turned into a message that says what happened and what it means for the user's
change: nothing saved, or — when the connection dropped during COMMIT — perhaps saved.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from utq_desktop.errors import DatabaseConnectionError, DatabaseError, DatabaseLockedError

# What a piece of database work was doing when it failed: opening the database, reading,
# writing inside a transaction, or committing that transaction.
Phase = Literal["open", "read", "write", "commit"]

DRIVER = "psycopg"
INSTALL_HINT = "pip install 'utq-desktop[postgres]'"
# libpq connection parameters; a URL that sets one of them (…?connect_timeout=3) wins.
CONNECT_DEFAULTS: dict[str, object] = {
    "connect_timeout": 10,  # seconds to wait for a server that does not answer
    "keepalives": 1,
    "keepalives_idle": 30,  # an idle connection is probed after 30 s …
    "keepalives_interval": 10,
    "keepalives_count": 3,  # … and given up after three unanswered probes
    "tcp_user_timeout": 30_000,  # ms that sent data may stay unacknowledged
    "application_name": "utq-desktop",
}
# SQLSTATEs that mean the connection or the server went away (class 08: connection
# exception; 57P01-57P03: administrator shutdown, crash shutdown, cannot connect now).
GONE_STATES = ("08", "57P01", "57P02", "57P03")
# Two transactions that got in each other's way (serialization failure, deadlock, a unique
# or foreign key constraint another user's save just broke): nothing was written.
CONFLICT_STATES = ("40001", "40P01", "23505", "23503")
REFUSED_HINTS = (
    "authentication failed",
    "no pg_hba.conf entry",
    "does not exist",
    "permission denied",
    "no password supplied",
)


def is_server_url(url: str) -> bool:
    return not url.startswith("sqlite")


def engine_url_and_args(url: str) -> tuple[URL, dict[str, object]]:
    """The URL to give create_engine and the driver's connect arguments.

    ``postgresql://`` without a driver means psycopg (version 3), the driver the
    ``postgres`` extra installs; SQLAlchemy would otherwise look for psycopg2.
    """
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError as error:
        raise DatabaseError(
            f"'{url}' is neither a file path nor a database URL such as "
            "postgresql+psycopg://user@host/database."
        ) from error
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername=f"postgresql+{DRIVER}")
    if parsed.get_backend_name() != "postgresql":
        return parsed, {}
    if parsed.get_driver_name() != DRIVER:
        return parsed, {}
    try:
        import psycopg  # noqa: F401  (only to give a clear message when it is missing)
    except ImportError as error:
        raise DatabaseError(
            "The PostgreSQL driver (psycopg) is not installed. Install it with "
            f"{INSTALL_HINT}, or use an SQLite file."
        ) from error
    return parsed, {k: v for k, v in CONNECT_DEFAULTS.items() if k not in parsed.query}


def server_address(url: str) -> str:
    """'host:port' for messages (never the password)."""
    parsed = make_url(url)
    host = parsed.host or "localhost (socket)"
    return f"{host}:{parsed.port or 5432}"


def server_error(url: str, error: sa_exc.DBAPIError, phase: Phase) -> DatabaseError:
    """The message for a driver error from the server; the transaction was rolled back."""
    where = server_address(url)
    original = error.orig if error.orig is not None else error
    detail = _first_line(str(original))
    state = getattr(original, "sqlstate", None) or ""
    connecting = not state or state.startswith(("28", "3D000"))  # login, unknown database
    if connecting and any(hint in detail.lower() for hint in REFUSED_HINTS):
        return DatabaseError(
            f"The database server at {where} refused the connection ({detail}). Check the "
            "user, password and database name in the database URL; nothing was changed."
        )
    if state.startswith(CONFLICT_STATES):
        return DatabaseLockedError(
            f"Another user saved a change to the same records at the same moment ({detail}); "
            "nothing was saved. Reload and try again."
        )
    gone = error.connection_invalidated or not state or state.startswith(GONE_STATES)
    if not gone:  # e.g. the server's disk is full, a statement was cancelled
        return DatabaseError(
            f"The database server at {where} reported a problem ({detail}); nothing was "
            "saved. Try again, or ask the database administrator if it persists."
        )
    if phase == "commit":
        return DatabaseConnectionError(
            f"The connection to the database server at {where} was lost while your change "
            f"was being saved ({detail}), so it may or may not have been saved. When the "
            "connection is back, reload to check before making it again."
        )
    if phase == "open":
        return DatabaseConnectionError(
            f"The database server at {where} is not reachable ({detail}). Check the network "
            "and that the server is running, then try again; nothing was changed."
        )
    if phase == "read":
        return DatabaseConnectionError(
            f"The database server at {where} is not reachable ({detail}). Nothing was "
            "changed; try again when the connection is back."
        )
    return DatabaseConnectionError(
        f"The database server at {where} is not reachable ({detail}). Nothing was saved; "
        "your change will work again when the connection is back."
    )


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0].rstrip(".") if lines else "no answer"
