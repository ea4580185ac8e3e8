"""The cycle collector runs on the GUI thread only (ui/gc_guard.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication

from ui import gc_guard
from ui.app import create_application


def test_the_app_switches_automatic_collection_off_and_collects_on_its_timer(qtbot) -> None:
    app = create_application()
    collector = app.findChild(gc_guard.GuiThreadCollector)
    assert collector is not None and gc_guard.install(app) is collector  # installed once
    assert not gc.isenabled()

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    collected_on: list[str] = []

    class Watched(Cycle):
        def __del__(self) -> None:
            collected_on.append(threading.current_thread().name)

    for _ in range(gc.get_threshold()[0] + 10):
        Cycle()
    Watched()
    worker = threading.Thread(target=lambda: [Cycle() for _ in range(5000)], name="worker")
    worker.start()
    worker.join()
    assert collected_on == []  # the worker allocated plenty, yet nothing was collected there
    qtbot.waitUntil(lambda: collected_on != [], timeout=3000)  # the timer's turn
    assert collected_on == [threading.main_thread().name]


def test_collect_due_frees_cycles_once_the_threshold_is_passed(qapp: QApplication) -> None:
    collector = gc_guard.install(qapp)
    collector.collect_due()
    for _ in range(gc.get_threshold()[0] + 1):
        holder: list[object] = []
        holder.append(holder)
    assert collector.collect_due() > 0
