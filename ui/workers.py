"""Run core calls off the GUI thread; results and errors come back on the GUI thread.

One worker thread, as in Anki's task manager: database work is serialised, the GUI never
waits for it, and a failure always reaches a handler (no progress dialog left open).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from utq_desktop.errors import OperationCancelledError


class _Relay(QObject):
    """Lives in the GUI thread, so signals emitted from the worker arrive there queued."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.call = call
        self.relay = _Relay()

    def run(self) -> None:
        try:
            result = self.call()
        except Exception as error:
            self.relay.failed.emit(error)
        else:
            self.relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables one at a time on a background thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()

    def run(
        self,
        call: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        job = _Job(call)
        self._jobs.add(job)
        job.relay.succeeded.connect(lambda result: self._finish(job, on_success, result))
        job.relay.failed.connect(lambda error: self._finish(job, on_failure, error))
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._pool.start(job)

    def _finish(self, job: _Job, handler: Callable[[Any], None], value: Any) -> None:
        self._jobs.discard(job)
        if not self._jobs:
            self.busy_changed.emit(False)
        handler(value)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


class Progress(QObject):
    """The ``progress(done, total)`` callback a long core call gets on the worker thread.

    Each call is re-emitted as ``progressed`` (queued to the GUI thread, where this object
    lives); after cancel(), the next call raises OperationCancelledError, which makes the
    core roll back and the job end through its failure handler.
    """

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise OperationCancelledError("Cancelled; nothing was changed.")
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()
