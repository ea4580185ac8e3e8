"""The worker side of a certificate batch: top-level functions, because ``spawn`` pickles
them by name, and per-process state set once by start_worker (the logo, the batch's stop
flag and its channel for combined-PDF pages).

Each certificate goes to a hidden temporary file in the target folder (so the final rename
is on the same file system) and comes back as its path and sha256; certificate_batch gives
the files their names once the whole batch is done.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from utq_desktop.documents.certificate_data import CertificateData
from utq_desktop.errors import ExportError

TEMP_PREFIX = ".utq-certificate-"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_numbers = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered certificate (index -1: the combined PDF) waiting in a temporary file."""

    index: int
    temp: str
    sha256: str


_state: dict[str, Any] = {}


def start_worker(logo: Path | None, stop: Any, pages: Any) -> None:
    """Per process, once: fonts, the logo, and the batch's stop flag and page channel."""
    from utq_desktop.documents.certificate_art import load_logo
    from utq_desktop.documents.fonts import register_fonts

    register_fonts()
    _state.update(logo=load_logo(logo), stop=stop, pages=pages)


def _stopped() -> bool:
    stop = _state.get("stop")
    return stop is not None and stop.is_set()


def render_chunk(chunk: list[tuple[int, CertificateData]], folder: str) -> list[Rendered]:
    """A worker's job: a few certificates, each to its own temporary file."""
    done = []
    for index, data in chunk:
        if _stopped():
            break
        done.append(render_one(index, data, folder, _state["logo"]))
    return done


def combined_job(items: list[CertificateData], folder: str) -> Rendered:
    """A worker's job: the combined PDF, reporting pages through the batch's channel."""
    return render_combined(items, folder, _state["logo"], _state["pages"].put, _stopped)


def render_one(index: int, data: CertificateData, folder: str, logo: Any) -> Rendered:
    from utq_desktop.documents.certificate_pdf import certificate_pdf_bytes

    content = certificate_pdf_bytes(data, logo)
    return Rendered(index, write_temporary(folder, content), hashlib.sha256(content).hexdigest())


def render_combined(
    items: list[CertificateData],
    folder: str,
    logo: Any,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool] | None,
) -> Rendered:
    """``progress(pages)`` gets the pages drawn since its last call."""
    from utq_desktop.documents.certificate_pdf import combined_pdf_bytes

    reported = 0

    def pages(done: int) -> None:
        nonlocal reported
        progress(done - reported)
        reported = done

    content = combined_pdf_bytes(items, logo, progress=pages, cancelled=cancelled)
    return Rendered(-1, write_temporary(folder, content), hashlib.sha256(content).hexdigest())


def write_temporary(folder: str, content: bytes) -> str:
    """Write ``content`` to a new hidden file in ``folder``; removed again on any failure.

    Named by process and counter (one exclusive open, no chmod: a certificate is not
    private), falling back to a random name if a leftover is in the way.
    """
    temp = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_numbers)}.part")
    try:
        try:
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o644)
        except FileExistsError:
            handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=folder)
            os.chmod(temp, 0o644)  # mkstemp makes it private
    except OSError as error:
        message = f"A certificate cannot be written in '{folder}' ({error.strerror})."
        raise ExportError(message) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
    except BaseException as error:
        os.unlink(temp)
        if isinstance(error, OSError):
            raise ExportError(
                f"A certificate cannot be written in '{folder}' ({error.strerror})."
            ) from error
        raise
    return temp
