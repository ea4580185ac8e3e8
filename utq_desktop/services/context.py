"""The unit of work every service runs in: one transaction, one actor."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session

from utq_desktop.environment import USER_ENV_VAR
from utq_desktop.store.database import Database, translate_errors


def current_login() -> str:
    """Who is working: ``UTQ_USER`` if configured, else the operating-system login."""
    configured = os.environ.get(USER_ENV_VAR, "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class Context:
    database: Database
    actor: str

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with (
            translate_errors(self.database.url),
            self.database.sessions() as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self.database.url), self.database.sessions() as session:
            yield session
