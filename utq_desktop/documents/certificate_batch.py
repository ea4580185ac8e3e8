"""A ceremony batch: many certificates as separate PDFs in a folder and/or one combined PDF.

Rendering uses every core: worker processes (``spawn``: safe from a Qt worker thread, the
same on Linux, Windows and macOS, and in the PyInstaller bundle, whose entry point calls
multiprocessing.freeze_support()) render chunks of certificates into hidden temporary files
in the target folder and return their sha256. Small batches render in this process.

All or nothing: nothing gets its final name until every certificate is rendered; on cancel
or on an error the temporary files are removed and nothing in the folder has changed.

File names (certificate_names): holder's name and kind. An existing file is never
overwritten: if a file of that name holds exactly the same certificate (rendering is
deterministic, so running a batch again gives the same bytes) it is left as it is and
reported (``existed``); otherwise the new certificate gets the next free ' (2)', ' (3)'.
The combined PDF is written where the caller said, replacing a file of that name (the
caller asked for that path; the window's save dialog asks before overwriting).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from utq_desktop.documents.certificate_data import CertificateData
from utq_desktop.documents.certificate_names import certificate_file_name, place_file
from utq_desktop.documents.certificate_worker import (
    Rendered,
    combined_job,
    render_chunk,
    render_combined,
    render_one,
    start_worker,
)
from utq_desktop.errors import ExportError, OperationCancelledError

Progress = Callable[[int, int], None]
IN_PROCESS_BELOW = 24  # fewer certificates than this: starting processes costs more
CANCELLED = "Cancelled; no certificate was written."


@dataclass(frozen=True, slots=True)
class WrittenCertificate:
    """One certificate of a batch, in its final place."""

    path: Path
    holder_name: str
    serial: str
    verification_code: str
    sha256: str
    existed: bool = False  # an identical file was already there and was left as it was


@dataclass(frozen=True, slots=True)
class BatchResult:
    certificates: tuple[WrittenCertificate, ...]  # in the order they were given
    combined: Path | None = None
    combined_sha256: str = ""


def write_certificates(
    certificates: Sequence[CertificateData],
    folder: Path | None,
    *,
    combined: Path | None = None,
    logo: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    processes: int | None = None,
) -> BatchResult:
    """Render ``certificates`` into ``folder`` (one PDF each) and/or into ``combined``.

    ``progress(done, total)`` counts rendered certificates (and pages of the combined PDF);
    an exception it raises, like OperationCancelledError, stops the batch. ``cancelled()``
    is checked between certificates. ``logo``: the institution's image (None: the emblem).
    Raises OperationCancelledError, ExportError or (for the logo) ValidationError, with
    nothing changed in the folder.
    """
    if folder is None and combined is None:
        raise ValueError("say where the certificates go: a folder, a combined PDF or both")
    items = list(certificates)
    if not items:
        return BatchResult(())
    if folder is not None:
        _check_folder(folder)
    if combined is not None:
        _check_folder(combined.parent)
    from utq_desktop.documents.certificate_art import load_logo

    art = load_logo(logo)  # a bad logo file is reported here, before any work starts
    batch = _Batch(items, folder, combined, logo, progress, cancelled)
    count = processes or _cores()
    try:
        # a combined PDF alone is one job: a worker process would only add its start-up
        if count <= 1 or len(items) < IN_PROCESS_BELOW or folder is None:
            batch.run_here(art)
        else:
            batch.run_in_processes(count)
        return batch.publish()
    finally:
        batch.discard_temporaries()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise ExportError(f"The folder '{folder}' does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"The folder '{folder}' cannot be written to.")


class _Batch:
    """The state of one run: what was rendered where, and the progress so far."""

    def __init__(
        self,
        items: list[CertificateData],
        folder: Path | None,
        combined: Path | None,
        logo: Path | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.items = items
        self.folder = folder
        self.combined = combined
        self.logo = logo
        self.progress = progress
        self.cancelled = cancelled or (lambda: False)
        self.rendered: dict[int, Rendered] = {}
        self.combined_temp: Rendered | None = None
        self.temporaries: set[str] = set()
        separate = len(items) if folder is not None else 0
        self.total = separate + (len(items) if combined is not None else 0)
        self.done = 0

    # --- rendering ------------------------------------------------------------------------

    def run_here(self, logo: Any) -> None:
        if self.folder is not None:
            for index, data in enumerate(self.items):
                self._check_cancelled()
                self._record(render_one(index, data, str(self.folder), logo))
                self._advance(1)
        if self.combined is not None:
            self._check_cancelled()
            folder = str(self.combined.parent)
            self._record_combined(
                render_combined(self.items, folder, logo, self._advance_combined, None)
            )

    def run_in_processes(self, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        stop = context.Event()
        pages = context.SimpleQueue()  # pages of the combined PDF, as they are drawn
        chunks = self._chunks(count)
        workers = min(count, len(chunks) + (self.combined is not None))
        pool = ProcessPoolExecutor(workers, context, start_worker, (self.logo, stop, pages))
        futures: dict[Future[Any], str] = {}
        try:
            if self.combined is not None:  # the longest job first
                job = pool.submit(combined_job, self.items, str(self.combined.parent))
                futures[job] = "combined"
            for chunk in chunks:
                futures[pool.submit(render_chunk, chunk, str(self.folder))] = "chunk"
            while futures:
                finished, _ = wait(futures, timeout=0.05, return_when=FIRST_COMPLETED)
                while not pages.empty():
                    self._advance(pages.get())
                for future in finished:
                    if futures.pop(future) == "combined":
                        self._record_combined(future.result())
                    else:
                        results = future.result()
                        for rendered in results:
                            self._record(rendered)
                        self._advance(len(results))
                self._check_cancelled()
            while not pages.empty():
                self._advance(pages.get())
        except BrokenProcessPool as error:
            self._stop(pool, futures, stop)
            raise ExportError(
                "The certificates could not be rendered: a worker process stopped unexpectedly."
            ) from error
        except BaseException:
            self._stop(pool, futures, stop)
            raise
        pool.shutdown(wait=True)

    def _stop(self, pool: ProcessPoolExecutor, futures: dict[Future[Any], str], stop: Any) -> None:
        """Stop the workers, and remember the temporary files of what they still finished."""
        stop.set()
        for future in futures:
            future.cancel()
        pool.shutdown(wait=True)
        for future in futures:
            if future.cancelled() or future.exception() is not None:
                continue
            result = future.result()
            for rendered in result if isinstance(result, list) else [result]:
                self.temporaries.add(rendered.temp)

    def _chunks(self, workers: int) -> list[list[tuple[int, CertificateData]]]:
        # small enough for prompt progress and an even finish, big enough to cost no IPC
        size = max(1, min(16, len(self.items) // (workers * 6)))
        indexed = list(enumerate(self.items))
        return [indexed[i : i + size] for i in range(0, len(indexed), size)]

    def _record(self, rendered: Rendered) -> None:
        self.temporaries.add(rendered.temp)
        self.rendered[rendered.index] = rendered

    def _record_combined(self, rendered: Rendered) -> None:
        self.temporaries.add(rendered.temp)
        self.combined_temp = rendered

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def _advance_combined(self, pages: int) -> None:
        self._advance(pages)
        self._check_cancelled()

    def _check_cancelled(self) -> None:
        if self.cancelled():
            raise OperationCancelledError(CANCELLED)

    # --- giving the files their names -------------------------------------------------------

    def publish(self) -> BatchResult:
        self._check_cancelled()
        written: list[WrittenCertificate] = []
        linked: list[Path] = []
        try:
            if self.folder is not None:
                taken: set[str] = set()
                for index, data in enumerate(self.items):
                    rendered = self.rendered[index]
                    name = certificate_file_name(data)
                    path, existed = place_file(
                        rendered.temp, rendered.sha256, self.folder, name, taken
                    )
                    if not existed:
                        linked.append(path)
                    written.append(
                        WrittenCertificate(
                            path,
                            data.holder_name,
                            data.serial,
                            data.verification_code,
                            rendered.sha256,
                            existed,
                        )
                    )
            if self.combined is not None and self.combined_temp is not None:
                os.replace(self.combined_temp.temp, self.combined)
        except OSError as error:
            for path in linked:
                path.unlink(missing_ok=True)
            raise ExportError(f"The certificates cannot be written: {error}") from error
        sha = self.combined_temp.sha256 if self.combined_temp else ""
        return BatchResult(tuple(written), self.combined, sha)

    def discard_temporaries(self) -> None:
        for temp in self.temporaries:
            with suppress(OSError):  # gone already, or a hidden leftover: never fail on it
                os.unlink(temp)
