"""Opening a large dossier: 500 evidence items with 1,000 attachments (and feedback,
criterion states, a class observation), in a database of 10,000 demo candidates.

Measured: PortfolioService.dossier(), the one service call the Portfolio tab makes to
show a dossier (metadata only: no attachment is read from disk), and the same read of a
submitted snapshot. Target (issue 5): the dossier opens in ≤ 100 ms including the tab's
model fill (measured on the UI side, tests/bench/bench_portfolio_tab.py if present).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import ROOT, describe

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import CriterionState, EvidenceKind
from utq_desktop.services.app import Services, open_services
from utq_desktop.services.portfolio_dto import EvidenceInput, FeedbackInput, ObservationInput

ITEMS = 500
FILES_PER_ITEM = 2
RUNS = 30
STAFF_NUMBER = "BENCH-500"


def database() -> Path:
    """A demo database of 10,000 candidates of its own (the big dossier is added to it)."""
    path = Path(tempfile.gettempdir()) / "utq-bench-portfolio-10000.sqlite"
    if not path.exists():
        command = [sys.executable, "-m", "utq_desktop", "--database", str(path), "demo-data"]
        subprocess.run([*command, "--candidates", "10000"], check=True, cwd=ROOT)
    return path


def big_dossier(services: Services, folder: Path) -> int:
    """The candidate with the 500-item dossier (made once, kept in the cached database)."""
    from utq_desktop.services.dto import CandidateInput

    existing = next(
        (r.id for r in services.candidates.register() if r.staff_number == STAFF_NUMBER), None
    )
    if existing is not None:
        return existing
    candidate = services.candidates.create(
        CandidateInput(
            staff_number=STAFF_NUMBER,
            surname="Groot",
            first_name="Dossier",
            status=TrajectoryStatus.PORTFOLIO,
        )
    )
    view = services.portfolio.dossier(candidate)
    criteria = [k.code for k in view.content.criteria]
    competences = [c.code for c in view.competences]
    kinds = list(EvidenceKind)
    started = time.perf_counter()
    for n in range(ITEMS):
        files = []
        for f in range(FILES_PER_ITEM):
            path = folder / f"item-{n:03d}-{f}.txt"
            path.write_text(f"evidence {n}, file {f}\n" * 20, encoding="utf-8")
            files.append(path)
        item = services.portfolio.add_item(
            candidate,
            EvidenceInput(
                kind=kinds[n % len(kinds)],
                title=f"Evidence item {n + 1}",
                made_on=date(2024, 1, 1) + timedelta(days=n),
                description="A description of a few sentences. " * 8,
                criterion_codes=(criteria[n % len(criteria)], criteria[(n * 7) % len(criteria)]),
                competence_codes=(competences[n % len(competences)],) if n % 10 == 0 else (),
            ),
            files,
        )
        if n % 5 == 0:
            services.portfolio.add_feedback(candidate, FeedbackInput("Say more.", item_id=item))
    for code in criteria[::2]:
        services.portfolio.set_criterion_state(candidate, code, CriterionState.READY, 0)
    services.portfolio.add_observation(
        candidate, ObservationInput(date(2025, 3, 1), "Observer", "Course", tuple(criteria[:3]))
    )
    print(f"made the dossier in {time.perf_counter() - started:.1f} s")
    return candidate


def timed(call: object, runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    services = open_services(str(database()), actor="bench")
    folder = Path(tempfile.mkdtemp(prefix="utq-bench-files-"))
    try:
        candidate = big_dossier(services, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    view = services.portfolio.dossier(candidate)
    print(
        f"dossier: {len(view.items)} items, {view.content.attachments} attachments, "
        f"{len(view.feedback)} feedback, {len(view.content.criteria)} criteria"
    )
    print("dossier():", describe(timed(lambda: services.portfolio.dossier(candidate))))
    if not view.snapshots:
        version = view.row_version
        if view.can_mark_ready:
            version = services.portfolio.mark_ready(candidate, version)
        services.portfolio.submit(candidate, version, "benchmark")
        view = services.portfolio.dossier(candidate)
    snapshot_id = view.snapshots[-1].id
    print("snapshot():", describe(timed(lambda: services.portfolio.snapshot(snapshot_id))))
    print("register with feedback count:", describe(timed(services.candidates.register, 5)))
    services.close()


if __name__ == "__main__":
    main()
