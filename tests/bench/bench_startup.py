"""Start-up to a shown main window with its register filled, and peak memory.

Target (issue 2): ≤ 0.4 s to a shown main window and ≤ 300 MB with 10,000 candidates.
Each run is a fresh process: `utq-desktop --smoke-test` shows the window, loads the
register and prints a line; the clock stops when that line arrives.
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
    line = process.stdout.readline()
    shown = time.perf_counter() - start
    process.wait()
    if "main window shown" not in line:
        raise SystemExit(f"unexpected output: {line!r}")
    return shown, time.perf_counter() - start


def main() -> None:
    database = str(demo_database(10_000))
    one_run(database)  # warm the file cache and .pyc files
    shown = []
    for _ in range(RUNS):
        to_window, _total = one_run(database)
        shown.append(to_window * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"start-up to a shown, filled main window (10,000 candidates): {describe(shown)}")
    print(f"peak resident memory of one run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
