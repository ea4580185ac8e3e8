"""Where the database is: a plain path means an SQLite file, anything with '://' a URL."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from utq_desktop.environment import DATABASE_ENV_VAR

DEFAULT_FILE_NAME = "utq.sqlite"


def default_database_path() -> Path:
    return Path(user_data_dir("utq-desktop", appauthor=False)) / DEFAULT_FILE_NAME


def resolve_database_url(value: str | None) -> str:
    """The SQLAlchemy URL for ``--database``, the environment fallback or the default file."""
    chosen = value or os.environ.get(DATABASE_ENV_VAR) or ""
    if not chosen:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite_url(path)
    if "://" in chosen:
        return chosen
    return sqlite_url(Path(chosen).expanduser())


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL; None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def describe(url: str) -> str:
    """A URL fit for messages: the file path for SQLite, no password for servers."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
