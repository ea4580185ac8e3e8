"""Python's cycle collector, run on the GUI thread only.

Left on, the collector runs on whichever thread happens to allocate when a generation's
threshold is reached — often the worker thread (ui/workers.py) while SQLAlchemy builds
rows. If the garbage it finds includes a Qt wrapper that owns a widget, dialog or timer of
the GUI thread, that C++ object is destroyed from the worker thread and the process
crashes (seen as "Fatal Python error: Segmentation fault ... Garbage-collecting" under
load). So automatic collection is switched off and a timer on the GUI thread collects
with the same thresholds instead — qutebrowser does the same for the same reason.
Reference counting still frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setObjectName("guiThreadCollector")
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose threshold was passed; returns what was freed."""
        first, second, third = gc.get_count()
        freed = 0
        if first > self._threshold[0]:
            freed += gc.collect(0)
            if second > self._threshold[1]:
                freed += gc.collect(1)
                if third > self._threshold[2]:
                    freed += gc.collect(2)
        return freed


def install(app: QObject) -> GuiThreadCollector:
    """Switch automatic collection off for good and collect on ``app``'s (GUI) thread."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
