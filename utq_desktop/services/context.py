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
        """A session in one transaction: committed on success, rolled back on any error.

        The work is flushed before the COMMIT is sent, so a failure up to there means
        nothing was saved; only a connection lost during the COMMIT itself leaves that
        open, and its message says so (store.server).
        """
        url = self.database.url
        with translate_errors(url, "write"), self.database.sessions() as session:
            transaction = session.begin()
            try:
                yield session
                session.flush()
            except BaseException:
                transaction.rollback()
                raise
            with translate_errors(url, "commit"):
                transaction.commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self.database.url, "read"), self.database.sessions() as session:
            yield session
