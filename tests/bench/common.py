"""Shared set-up for the benchmarks: cached demo databases."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def demo_database(candidates: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"utq-bench-{candidates}.sqlite"
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "utq_desktop",
                "--database",
                str(path),
                "demo-data",
                "--candidates",
                str(candidates),
            ],
            check=True,
            cwd=ROOT,
        )
    return path


def describe(values: list[float], unit: str = "ms") -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered):.1f} {unit}, p95 {p95:.1f} {unit}, "
        f"max {ordered[-1]:.1f} {unit} (n={len(ordered)})"
    )
