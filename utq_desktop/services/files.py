"""Attachments: read a user's file safely, store it by hash, give it back, check them all.

Features attach a file in their own transaction: ``upload = files.read_upload(path)`` first
(outside any transaction: it may fail on a bad file), then ``files.store(session, upload)``.
"""

from __future__ import annotations

import mimetypes
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from utq_desktop.documents.output import write_file
from utq_desktop.errors import ExportError, ValidationError
from utq_desktop.services.context import Context
from utq_desktop.store.files import FileProblem, FileStore, FileStoreError

MAX_FILE_BYTES = 100 * 1024 * 1024

__all__ = ["MAX_FILE_BYTES", "FileProblem", "FileService", "FileStoreError", "Upload"]


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    media_type: str


class FileService:
    def __init__(self, context: Context) -> None:
        self._context = context

    @property
    def _store(self) -> FileStore:
        return self._context.database.files

    def read_upload(self, path: Path) -> Upload:
        """Read a file the user chose; a clear message when it is too big or unreadable."""
        try:
            size = path.stat().st_size
        except OSError as error:
            raise ValidationError(f"Cannot read '{path}': {error.strerror}.") from error
        if not path.is_file():
            raise ValidationError(f"'{path}' is not a file.")
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                f"'{path.name}' is {size / 1_048_576:.0f} MB; attachments may be at most "
                f"{MAX_FILE_BYTES // 1_048_576} MB. Attach a smaller or compressed version."
            )
        try:
            content = path.read_bytes()
        except OSError as error:
            raise ValidationError(f"Cannot read '{path}': {error.strerror}.") from error
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Upload(path.name, content, media_type)

    def store(self, session: Session, upload: Upload) -> str:
        """Store the upload in the caller's transaction; returns its SHA-256."""
        return self._store.put(session, upload.content, upload.media_type)

    def content(self, digest: str) -> bytes:
        with self._context.read() as session:
            return self._store.get(session, digest)

    def export(self, digest: str, target: Path) -> None:
        """Write a stored file back out, e.g. for the user to keep or send: all of it or
        nothing (a temporary file renamed into place, so no reader sees half a file)."""
        content = self.content(digest)
        try:
            write_file(target, content)
        except ExportError as error:
            raise FileStoreError(str(error)) from error

    def open_copy(self, digest: str, name: str) -> Path:
        """A temporary copy under its original name, for the system's viewer."""
        folder = Path(tempfile.mkdtemp(prefix="utq-open-"))
        target = folder / Path(name).name
        self.export(digest, target)
        return target

    def check(self, progress: Callable[[int, int], None] | None = None) -> list[FileProblem]:
        """Every stored file that is missing or no longer matches its hash;
        ``progress(done, total)`` follows the work (raise from it to cancel)."""
        with self._context.read() as session:
            return self._store.check(session, progress)
