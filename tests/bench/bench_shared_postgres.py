"""Load test of a shared deployment: many coordinators editing candidates on one PostgreSQL.

    .venv/bin/python tests/bench/bench_shared_postgres.py [--clients 20] [--seconds 60]
                                                          [--candidates 2000] [--hot 25]

Starts its own server on 127.0.0.1 (scripts/pg-test-server.sh, durable settings: fsync on)
unless $UTQ_BENCH_POSTGRES_URL names one (a role that may create databases); creates a fresh
database, migrates it, adds demo candidates, then runs N client processes — each with its own
Services, as separate desktops would — for the given time. A client loads a candidate
(detail), changes a field, and saves with the version it loaded; 30 % of the edits go to a
small "hot" set of candidates so that users collide. A refused save (StaleEditError) is
reloaded and made again, as the dialog's "Reload" does.

Every edit writes a unique marker into the candidate's position, "c07-000123@v5": client,
edit, and the version the user loaded. Afterwards the run is checked for lost updates in
three independent ways:
1. the clients' own records: no two successful saves were based on the same version of one
   candidate (both saved, so one overwrote the other), and each save made exactly one new
   version;
2. the candidate rows: row_version grew by exactly the number of successful saves, and the
   position holds the marker of the last one;
3. the audit trail, read back from the database: each candidate's n-th change of position
   wrote a marker based on the version the row then had (initial + n - 1), and the changes
   form one unbroken chain (each old value is the previous new value).
Exit code 1 on any lost update or on an error other than a reported conflict.

--break-locking makes the clients save "last writer wins" (with the version re-read just
before saving instead of the one the user loaded): the checks must then report lost updates,
which shows that they would catch them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from common import ROOT, describe

sys.path.insert(0, str(ROOT))

Save = tuple[int, int, int, str]  # candidate id, version loaded, version saved, marker


@dataclass
class ClientResult:
    client: int
    saves: list[Save] = field(default_factory=list)
    save_ms: list[float] = field(default_factory=list)  # every save attempt
    load_ms: list[float] = field(default_factory=list)
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)


def run_client(
    url: str, client: int, ids: list[int], hot: list[int], deadline: float, broken: bool
) -> object:
    from utq_desktop.errors import StaleEditError, UtqError
    from utq_desktop.services.app import open_services

    result = ClientResult(client)
    rng = random.Random(client)
    services = open_services(url, actor=f"client{client:02d}")
    departments = ["Physics", "Applied Mathematics", "Law", "History", "Psychology"]
    sequence = 0
    try:
        while time.time() < deadline:
            cid = rng.choice(hot) if rng.random() < 0.3 else rng.choice(ids)
            for _attempt in range(5):  # a refused save is reloaded and made again
                started = time.perf_counter()
                try:
                    detail = services.candidates.detail(cid)
                except UtqError as error:
                    result.errors.append(f"load: {error}")
                    break
                result.load_ms.append((time.perf_counter() - started) * 1000)
                time.sleep(rng.uniform(0, 0.01))  # the user types
                sequence += 1
                marker = f"c{client:02d}-{sequence:06d}@v{detail.row_version}"
                data = replace(detail.data, position=marker)
                if rng.random() < 0.2:
                    data = replace(data, department=rng.choice(departments))
                expected = detail.row_version
                if broken:  # last writer wins: what the optimistic lock prevents
                    expected = services.candidates.detail(cid).row_version
                started = time.perf_counter()
                try:
                    version = services.candidates.update(cid, data, expected)
                except StaleEditError:
                    result.save_ms.append((time.perf_counter() - started) * 1000)
                    result.conflicts += 1
                    continue
                except Exception as error:  # everything else is a failure of the test
                    result.errors.append(f"save: {type(error).__name__}: {error}")
                    break
                result.save_ms.append((time.perf_counter() - started) * 1000)
                result.saves.append((cid, detail.row_version, version, marker))
                break
    finally:
        services.close()
    return result


def start_server(workdir: Path) -> str:
    script = ROOT / "scripts" / "pg-test-server.sh"
    done = subprocess.run(
        ["bash", str(script), "start", str(workdir)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"could not start PostgreSQL:\n{done.stderr}")
    return done.stdout.strip()


def stop_server(workdir: Path) -> None:
    script = ROOT / "scripts" / "pg-test-server.sh"
    subprocess.run(["bash", str(script), "stop", str(workdir)], check=False)


def admin(url: str, sql: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


def prepare(url: str, candidates: int) -> tuple[list[int], dict[int, int]]:
    from sqlalchemy import select

    from utq_desktop.domain.models import Candidate
    from utq_desktop.services.app import open_services
    from utq_desktop.services.demo import generate_demo_data
    from utq_desktop.store.database import migrate_database

    migrate_database(url)
    services = open_services(url, actor="setup")
    try:
        generate_demo_data(services.context, candidates, seed=1)
        with services.context.read() as session:
            versions = dict(session.execute(select(Candidate.id, Candidate.row_version)).all())
    finally:
        services.close()
    return sorted(versions), {int(k): int(v) for k, v in versions.items()}


def verify(url: str, saves: list[Save], initial: dict[int, int]) -> list[str]:
    """Every way a lost update would show; an empty list means none."""
    from sqlalchemy import create_engine, text

    problems: list[str] = []
    bases = Counter((cid, base) for cid, base, _new, _marker in saves)
    problems += [
        f"candidate {c}: {n} saves based on version {b}" for (c, b), n in bases.items() if n > 1
    ]
    problems += [
        f"candidate {c}: a save based on version {b} made {n}" for c, b, n, _ in saves if n != b + 1
    ]
    by_candidate: dict[int, list[Save]] = defaultdict(list)
    for save in saves:
        by_candidate[save[0]].append(save)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, row_version, position FROM candidate"))
            final = {cid: (version, position) for cid, version, position in rows}
            audit = connection.execute(
                text(
                    "SELECT entity_id, old_value, new_value FROM audit_entry WHERE entity = "
                    "'candidate' AND action = 'update' AND field = 'position' ORDER BY id"
                )
            ).all()
    finally:
        engine.dispose()
    chains: dict[int, list[tuple[str | None, str | None]]] = defaultdict(list)
    for cid, old, new in audit:
        chains[cid].append((old, new))
    for cid, (version, position) in final.items():
        mine = by_candidate.get(cid, [])
        if version != initial[cid] + len(mine):
            problems.append(f"candidate {cid}: version {version} after {len(mine)} saves")
        if mine and position != max(mine, key=lambda s: s[2])[3]:
            problems.append(f"candidate {cid}: position {position!r} is not the last save's")
        chain = chains.get(cid, [])
        if len(chain) != len(mine):
            problems.append(f"candidate {cid}: {len(chain)} audit entries, {len(mine)} saves")
        for (_old, previous), (old, _new) in pairwise(chain):
            if old != previous:
                problems.append(f"candidate {cid}: audit chain broken ({previous!r} → {old!r})")
        for number, (_old, new) in enumerate(chain):
            if not (new or "").endswith(f"@v{initial[cid] + number}"):
                problems.append(f"candidate {cid}: change {number + 1} ({new}) overwrote another")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--hot", type=int, default=25, help="candidates many users edit")
    parser.add_argument("--break-locking", action="store_true", help="self-test of the checks")
    args = parser.parse_args()

    workdir: Path | None = None
    server = os.environ.get("UTQ_BENCH_POSTGRES_URL", "").strip()
    if not server:
        workdir = Path(tempfile.mkdtemp(prefix="utq-bench-pg-"))
        server = start_server(workdir)
    from sqlalchemy.engine import make_url

    name = f"utq_bench_{secrets.token_hex(4)}"
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        admin(server, f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        started = time.perf_counter()
        ids, initial = prepare(url, args.candidates)
        print(
            f"prepared {len(ids)} candidates in {time.perf_counter() - started:.1f} s on "
            f"{make_url(url).render_as_string(hide_password=True)}"
        )
        hot = random.Random(0).sample(ids, args.hot)
        deadline = time.time() + 5 + args.seconds  # 5 s for the clients to start
        context = multiprocessing.get_context("spawn")
        with context.Pool(args.clients) as pool:
            pending = [
                pool.apply_async(run_client, (url, c, ids, hot, deadline, args.break_locking))
                for c in range(args.clients)
            ]
            results: list[ClientResult] = [p.get(timeout=args.seconds + 120) for p in pending]
        saves = [save for r in results for save in r.saves]
        problems = verify(url, saves, initial)
    finally:
        admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if workdir is not None:
            stop_server(workdir)
            shutil.rmtree(workdir, ignore_errors=True)

    conflicts = sum(r.conflicts for r in results)
    errors = [e for r in results for e in r.errors]
    save_ms = [ms for r in results for ms in r.save_ms]
    print(
        f"{args.clients} clients, {args.seconds:.0f} s, {args.candidates} candidates "
        f"({args.hot} hot, 30 % of the edits)"
    )
    print(
        f"saved edits: {len(saves)} ({len(saves) / args.seconds:.1f} per second); "
        f"conflicts reported (reloaded and redone): {conflicts}; other errors: {len(errors)}"
    )
    print(f"save latency, all {len(save_ms)} attempts: {describe(save_ms)}")
    print(f"load latency (candidate detail): {describe([m for r in results for m in r.load_ms])}")
    print(f"lost updates: {len(problems)}")
    for line in (problems + errors)[:20]:
        print(f"  {line}")
    return 1 if problems or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
