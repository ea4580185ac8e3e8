"""Writing a document where the user asked: all of it or nothing (temporary file + rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from utq_desktop.errors import ExportError


def write_file(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically; ExportError names the file on failure."""
    with atomic_output(path) as stream:
        stream.write(content)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A stream to a temporary file beside ``path`` that replaces ``path`` when the block
    ends; an exception in the block (a cancel, a failed read) leaves nothing behind.
    ExportError names the file when it cannot be written."""
    temporary = ""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".utq-", suffix=path.suffix, dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a document is not
        os.replace(temporary, path)
        temporary = ""
    except PermissionError as error:
        raise ExportError(
            f"'{path.name}' cannot be written ({error.strerror}). If it is open in another "
            "program, close it and try again."
        ) from error
    except OSError as error:
        raise ExportError(f"'{path}' cannot be written ({error.strerror}).") from error
    finally:
        if temporary and os.path.exists(temporary):
            os.remove(temporary)
