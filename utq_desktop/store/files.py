"""Content-addressed file storage: in a folder beside an SQLite file, or in the database.

A file is stored once per SHA-256, however often it is attached. The folder layout is
``<folder>/<first two hex digits>/<full hash>``; files are written to a temporary name and
renamed, so a crash never leaves a half-written file under a real hash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import StoredFile
from utq_desktop.errors import UtqError


class FileStoreError(UtqError):
    pass


@dataclass(frozen=True)
class FileProblem:
    sha256: str
    problem: str  # "missing" or "damaged"


class FileStore:
    """``folder`` None keeps the bytes in the database (a shared server deployment)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @property
    def description(self) -> str:
        return str(self.folder) if self.folder else "the database"

    def put(self, session: Session, content: bytes, media_type: str) -> str:
        """Store ``content`` (if it is new) in the caller's transaction; returns its hash."""
        digest = hashlib.sha256(content).hexdigest()
        if session.get(StoredFile, digest) is not None:
            if self.folder is None or self._path(digest).exists():
                return digest
            self._write(digest, content)  # the folder lost it: put it back
            return digest
        if self.folder is not None:
            self._write(digest, content)
        session.add(
            StoredFile(
                sha256=digest,
                size=len(content),
                media_type=media_type,
                content=None if self.folder is not None else content,
                created_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
        return digest

    def get(self, session: Session, digest: str) -> bytes:
        """The bytes of a stored file, checked against their hash."""
        row = session.get(StoredFile, digest)
        if row is None:
            raise FileStoreError(f"The stored file {digest[:12]}… is not in the database.")
        if row.content is not None:
            content = row.content
        else:
            path = self._path(digest)
            try:
                content = path.read_bytes()
            except FileNotFoundError:
                raise FileStoreError(
                    f"The stored file {path} is missing. Restore the folder "
                    f"{self.folder} from a backup (Tools → Check stored files lists them all)."
                ) from None
            except OSError as error:
                raise FileStoreError(f"Cannot read {path}: {error.strerror}.") from error
        if hashlib.sha256(content).hexdigest() != digest:
            raise FileStoreError(
                f"The stored file {digest[:12]}… has been changed or damaged since it was "
                "stored; restore it from a backup."
            )
        return content

    def check(
        self, session: Session, progress: Callable[[int, int], None] | None = None
    ) -> list[FileProblem]:
        """Every stored file that is missing or whose bytes no longer match their hash.
        ``progress(done, total)`` follows the work; an exception from it stops it."""
        problems: list[FileProblem] = []
        rows = session.execute(select(StoredFile.sha256, StoredFile.content.is_not(None))).all()
        for done, (digest, in_database) in enumerate(rows, 1):
            try:
                self.get(session, digest)
            except FileStoreError:
                missing = not in_database and not self._path(digest).exists()
                problems.append(FileProblem(digest, "missing" if missing else "damaged"))
            if progress is not None:
                progress(done, len(rows))
        return problems

    def _path(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / digest[:2] / digest

    def _write(self, digest: str, content: bytes) -> None:
        target = self._path(digest)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(content)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise FileStoreError(
                f"Cannot store the file in {self.folder}: {error.strerror}. "
                "Free some disk space or check the folder's permissions; nothing was saved."
            ) from error
