"""Typed errors the core raises; every message is one sentence a coordinator can act on.

The UI shows ``str(error)`` in a dialog, the CLI prints it on stderr and exits 1.
"""

from __future__ import annotations


class UtqError(Exception):
    """Base class of every error the application reports to its user."""


class DatabaseError(UtqError):
    """The database could not be opened or used; nothing in it was changed."""


class NotADatabaseError(DatabaseError):
    pass


class DatabaseLockedError(DatabaseError):
    pass


class DatabaseTooNewError(DatabaseError):
    pass


class DatabaseNeedsMigrationError(DatabaseError):
    pass


class DatabaseLocationError(DatabaseError):
    pass


class DatabaseConnectionError(DatabaseError):
    """The database server cannot be reached (network, server down): try again later."""


class ValidationError(UtqError):
    """Input that cannot be stored; ``field`` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class WorkbookError(UtqError):
    """A file that cannot be read as the workbook it should be; nothing was written."""


class OperationCancelledError(UtqError):
    """The user cancelled a long operation (an import, an export); nothing was changed."""


class NotFoundError(UtqError):
    pass


class IllegalTransitionError(UtqError):
    pass


class StaleEditError(UtqError):
    """Someone else saved the record after it was loaded; reload before editing again."""


class ExportError(UtqError):
    """A file (PDF, framework) could not be written where the user asked; nothing else
    was changed."""
