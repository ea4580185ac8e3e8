"""Start-up to a shown main window with its register filled, and peak memory.

Target (issue 2): ≤ 0.4 s to a shown main window and ≤ 300 MB with 10,000 candidates.
Each run is a fresh process: `utq-desktop --smoke-test` prints a line once the window has
painted, opens the database, fills the register and prints a second line.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

from common import demo_database, describe

RUNS = 7


def one_run(database: str) -> tuple[float, float]:
    """(seconds to the window on screen, seconds to the register filled)"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "utq_desktop", "--database", database, "--smoke-test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    on_screen = time.perf_counter() - start
    second = process.stdout.readline()
    filled = time.perf_counter() - start
    process.wait()
    if "window on screen" not in first or "main window shown" not in second:
        raise SystemExit(f"unexpected output: {first!r} {second!r}")
    return on_screen, filled


def main() -> None:
    database = str(demo_database(10_000))
    one_run(database)  # warm the file cache and .pyc files
    shown, filled = [], []
    for _ in range(RUNS):
        on_screen, full = one_run(database)
        shown.append(on_screen * 1000)
        filled.append(full * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"start-up to the main window on screen: {describe(shown)}")
    print(f"start-up to the register filled with 10,000 candidates: {describe(filled)}")
    print(f"peak resident memory of one run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
