"""Assessment at scale: the assessment register (View → Assessments…) and one candidate's
Assessment tab read, on the 50,000-candidate demo database.

    .venv/bin/python tests/bench/bench_assessment.py [candidates]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, describe

from utq_desktop.services.app import open_services


def assessment_database(candidates: int) -> Path:
    """A demo database of its own (a cached one from before the assessment existed would
    have no rounds)."""
    path = Path(tempfile.gettempdir()) / f"utq-bench-assessment-{candidates}.sqlite"
    if not path.exists():
        command = [sys.executable, "-m", "utq_desktop", "--database", str(path)]
        command += ["demo-data", "--candidates", str(candidates)]
        subprocess.run(command, check=True, cwd=ROOT)
    return path


def main() -> None:
    candidates = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    services = open_services(str(assessment_database(candidates)), actor="bench")
    try:
        register: list[float] = []
        rows = []
        for _ in range(5):
            started = time.perf_counter()
            rows = services.assessment.register()
            register.append((time.perf_counter() - started) * 1000)
        print(f"assessment register, {len(rows):,} dossiers: {describe(register)}")
        reads: list[float] = []
        for row in rows[:: max(1, len(rows) // 200)]:
            started = time.perf_counter()
            services.assessment.candidate(row.candidate_id)
            reads.append((time.perf_counter() - started) * 1000)
        print(f"Assessment tab read (one candidate): {describe(reads)}")
    finally:
        services.close()


if __name__ == "__main__":
    main()
