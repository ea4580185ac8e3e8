"""Opening a large dossier in the Portfolio tab: 500 evidence items with 1,000 attachments
(the dossier of tests/bench/bench_portfolio.py, in its database of 10,000 demo candidates),
through the real tab, offscreen.

Measured, each over several runs:
- open: PortfolioService.dossier() + filling every page's models + painting the page shown
  (what a click on the candidate costs once the tab is visible). Target (issue 5): ≤ 100 ms.
- the same split into the service read and the tab's fill + paint;
- redrawing the coverage matrix (a state changed, a window resized): target "no visible
  delay";
- a keystroke in the evidence search over 500 items, to a repainted list.

Wall-clock figures suffer from whatever else runs on the machine; the CPU time of the open
is printed as well.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_portfolio import big_dossier, database
from common import describe
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from ui.detail.base import TabContext
from ui.detail.portfolio.tab import COVERAGE, EVIDENCE, PortfolioTab
from ui.workers import TaskRunner
from utq_desktop.services.app import open_services

RUNS = 20


def main() -> None:
    app = QApplication([])
    services = open_services(str(database()), actor="bench")
    folder = Path(tempfile.mkdtemp(prefix="utq-bench-files-"))
    try:
        candidate = big_dossier(services, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    runner = TaskRunner()
    tab = PortfolioTab(TabContext(services, runner, QUndoStack(), []))
    tab.resize(620, 690)  # the detail area of a 1366 × 768 window
    tab.show()
    view = services.portfolio.dossier(candidate)
    print(
        f"dossier: {len(view.items)} items, {view.content.attachments} attachments, "
        f"{len(view.feedback)} feedback, {len(view.content.criteria)} criteria"
    )
    tab.show_dossier(view)  # warm up (first paint, fonts)
    app.processEvents()

    opened, read, filled, cpu = [], [], [], []
    for run in range(RUNS):
        tab.sections.setCurrentIndex(EVIDENCE if run % 2 == 0 else COVERAGE)
        tab.show_dossier(None)
        app.processEvents()
        started, cpu_started = time.perf_counter(), time.process_time()
        view = services.portfolio.dossier(candidate)
        between = time.perf_counter()
        tab.show_dossier(view)
        app.processEvents()  # the layout and the paint of the shown page, as on screen
        done = time.perf_counter()
        cpu.append((time.process_time() - cpu_started) * 1000)
        opened.append((done - started) * 1000)
        read.append((between - started) * 1000)
        filled.append((done - between) * 1000)
    print(f"open (service + model fill + paint): {describe(opened)}")
    print(f"  service dossier():                 {describe(read)}")
    print(f"  tab fill + paint:                  {describe(filled)}")
    print(f"  open, CPU time of this process:    {describe(cpu)} (other load excluded)")

    tab.sections.setCurrentIndex(COVERAGE)
    app.processEvents()
    matrix = tab.coverage.matrix
    redraws = []
    for _ in range(RUNS):
        started = time.perf_counter()
        matrix.show_content(view.content)
        matrix.viewport().repaint()
        redraws.append((time.perf_counter() - started) * 1000)
    print(f"coverage matrix refill + repaint:     {describe(redraws)}")

    tab.sections.setCurrentIndex(EVIDENCE)
    app.processEvents()
    search, table = tab.evidence.search, tab.evidence.table
    keystrokes = []
    for _ in range(3):
        for text in ("e", "ev", "evi", "evid", "evidence 1", "evidence 12", ""):
            started = time.perf_counter()
            search.setText(text)
            table.viewport().repaint()
            keystrokes.append((time.perf_counter() - started) * 1000)
    print(f"evidence search keystroke + repaint:  {describe(keystrokes)}")
    services.close()


if __name__ == "__main__":
    main()
