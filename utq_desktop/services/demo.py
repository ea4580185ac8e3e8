"""Realistic, reproducible demo data: users, candidates at every stage, and their audit.

Everything follows from ``random.Random(seed)`` and the reference date, so the same seed on
the same day gives the same register. Staff numbers follow from (seed, index) alone, which
makes a second run with the same seed add nothing.
"""

from __future__ import annotations

import random
import re
from bisect import bisect
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cache
from itertools import accumulate
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus as S
from utq_desktop.domain.intake_models import Intake
from utq_desktop.domain.models import AppUser, AuditEntry, Candidate
from utq_desktop.domain.models import InstitutionSettings as Settings
from utq_desktop.domain.names import fold
from utq_desktop.errors import ValidationError
from utq_desktop.services import audit
from utq_desktop.services import demo_names as N
from utq_desktop.services.candidates import default_framework_id
from utq_desktop.services.context import Context
from utq_desktop.services.demo_assessment import insert_assessments
from utq_desktop.services.demo_certificates import insert_certificates
from utq_desktop.services.demo_exemption import insert_exemptions
from utq_desktop.services.demo_intake import (
    IntakeMaker,
    IntakePlan,
    consultant_names,
    framework_shape,
    insert_intakes,
)
from utq_desktop.services.demo_portfolio import insert_dossiers
from utq_desktop.services.demo_route import insert_routes

MAX_CANDIDATES = 50_000
CHUNK = 1000  # rows per bulk insert, and how often progress is reported
DEFAULT_INSTITUTION_NAME = "Universiteit"  # what the first migration stores
DEMO_SIGNATORIES = (
    ("signatory1_name", "prof. dr. H.J. de Vries"),
    ("signatory2_name", "prof. dr. A.M. Bakker-Nauta"),
)

# Staff numbers: 7 digits = 10,000,000 = 200 seed slots x 50,000 indices. Seeds that differ
# modulo 200 never share a number; seeds in the same slot are rotated far apart, so small
# runs with them rarely meet. A keyed permutation hides the structure (and gives leading 0s).
STAFF_SPACE = 10_000_000
SEED_SLOTS = STAFF_SPACE // MAX_CANDIDATES
ROTATION_STEP = 12_347  # coprime with 50,000: every rotation differs
ROUND_KEYS = (0x5A3, 0xC71, 0x2E9, 0x9B4)

# Share of the deadline period by which a candidate on an average pace leaves each stage.
STAGES = (
    (0.06, S.REGISTERED),
    (0.18, S.INTAKE),
    (0.55, S.LEARNING_ROUTE),
    (0.80, S.PORTFOLIO),
    (1.00, S.ASSESSMENT),
)
SUPERVISED = frozenset({S.LEARNING_ROUTE, S.PORTFOLIO, S.ASSESSMENT, S.QUALIFIED})
NOT_EMAIL = re.compile(r"[^a-z0-9-]+")

Progress = Callable[[int, int], None]


def staff_number(seed: int, index: int) -> str:
    """The 7-digit staff number of demo candidate ``index`` for ``seed`` ("0041234")."""
    if not 0 <= index < MAX_CANDIDATES:
        raise ValueError(f"demo index {index} out of range")
    slot, block = seed % SEED_SLOTS, seed // SEED_SLOTS
    rotated = (index + block * ROTATION_STEP) % MAX_CANDIDATES
    return f"{_permute(rotated * SEED_SLOTS + slot):07d}"


def _permute(value: int) -> int:
    """A bijection of range(STAFF_SPACE): a 24-bit Feistel network with cycle walking."""
    while True:
        left, right = value >> 12, value & 0xFFF
        for key in ROUND_KEYS:
            left, right = right, left ^ ((((right ^ key) * 0x9E5 + key) >> 3) & 0xFFF)
        value = (left << 12) | right
        if value < STAFF_SPACE:
            return value


def generate_demo_data(
    context: Context,
    count: int,
    seed: int = 1,
    progress: Progress | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add ``count`` demo candidates (skipping staff numbers already present) with their
    intakes (services.demo_intake), the demo users and a demo institution name, in one
    transaction; returns how many candidates were added.

    ``progress(done, total)`` is called every CHUNK candidates; an exception raised from it
    cancels the run and nothing is stored.
    """
    if not 0 <= count <= MAX_CANDIDATES:
        raise ValidationError(f"Choose 0 to {MAX_CANDIDATES:,} demo candidates.", "count")
    today = today or date.today()
    rng = random.Random(seed)
    added = 0
    with context.transaction() as session:
        _name_institution(session, context.actor)
        consultants = _ensure_users(session, context.actor)
        framework_id = default_framework_id(session)
        maker = _CandidateMaker(
            rng,
            today,
            years=session.scalar(select(Settings.deadline_years)) or 3,
            framework_id=framework_id,
            consultants=consultants,
            taken_emails=set(session.scalars(select(Candidate.email))),
        )
        intakes = IntakeMaker(
            seed,
            today,
            framework_shape(session, framework_id),
            consultant_names(session, consultants),
        )
        taken_numbers = set(session.scalars(select(Candidate.staff_number)))
        last_id = session.scalar(select(func.max(Candidate.id))) or 0
        last_intake_id = session.scalar(select(func.max(Intake.id))) or 0
        for start in range(0, count, CHUNK):
            rows = []
            plans: dict[str, IntakePlan] = {}
            for index in range(start, min(start + CHUNK, count)):
                number = staff_number(seed, index)
                is_new = number not in taken_numbers
                row = maker.candidate(number, reserve_only=not is_new)
                plan = intakes.plan(
                    row["status"], row["created_at"].date(), row["supervisor_id"], row["department"]
                )
                if is_new:
                    rows.append(row)
                    if plan is not None:
                        plans[number] = plan
            if rows:
                last_id, ids = _insert(session, rows, last_id, context.actor)
                by_id = {ids[number]: plan for number, plan in plans.items() if number in ids}
                last_intake_id = insert_intakes(session, by_id, last_intake_id, context.actor)
                insert_routes(session, seed, today, rows, ids, plans, context.actor)
                insert_exemptions(session, seed, today, rows, ids, context.actor)
                insert_dossiers(
                    session, context.database.files, seed, today, rows, ids, context.actor
                )
                # after the portfolio: rounds stand on its submitted snapshots
                insert_assessments(session, seed, today, rows, ids, context.actor)
                # keep last: certificates follow from the exemptions and assessment results
                insert_certificates(session, seed, today, ids.values(), context.actor)
                added += len(rows)
            if progress is not None:
                progress(min(start + CHUNK, count), count)
    return added


def _insert(
    session: Session, rows: list[dict[str, Any]], last_id: int, actor: str
) -> tuple[int, dict[str, int]]:
    """Bulk-insert candidates and one audit entry each (dated when the candidate was
    registered, so the timeline reads naturally); returns the highest new id and the new
    ids by staff number."""
    # Core inserts on the tables: one executemany per chunk, without the ORM's per-row
    # bookkeeping (about twice as fast at 50,000 rows).
    session.execute(insert(Candidate.__table__), rows)
    created = {row["staff_number"]: row["created_at"] for row in rows}
    new = session.execute(
        select(Candidate.id, Candidate.staff_number).where(Candidate.id > last_id)
    ).all()
    entries = [
        {
            "at": created[number],
            "actor": actor,
            "entity": "candidate",
            "entity_id": cid,
            "candidate_id": cid,
            "action": "create",
            "field": None,
            "old_value": None,
            "new_value": "demo data",
        }
        for cid, number in new
        if number in created  # on a server, others' rows may have arrived meanwhile
    ]
    session.execute(insert(AuditEntry.__table__), entries)
    ids = {number: cid for cid, number in new if number in created}
    return max(entry["entity_id"] for entry in entries), ids


class _CandidateMaker:
    """Draws one candidate at a time from the seeded stream, in a fixed order, so that
    candidate ``index`` is the same whatever the count and whatever is already stored."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        years: int,
        framework_id: int | None,
        consultants: list[int],
        taken_emails: set[str],
    ) -> None:
        self.rng, self.today, self.years = rng, today, years
        self.yesterday = today - timedelta(days=1)
        self.framework_id, self.consultants = framework_id, consultants
        self.taken_emails = taken_emails
        self.used_emails: set[str] = set()
        self.next_suffix: dict[str, int] = {}  # local part -> first number worth trying
        self.faculty_weights = list(accumulate(size for _, size, _ in N.FACULTIES))
        self.position_weights = list(accumulate(w for _, w in N.POSITIONS))
        self.fte_weights = list(accumulate(w for _, w in N.FTES))

    def candidate(self, number: str, reserve_only: bool) -> dict[str, Any]:
        rng = self.rng
        first_name, prefix, surname = self._name()
        email = self._email(first_name, prefix, surname, reserve_only)
        faculty_index = _weighted(rng, self.faculty_weights)
        faculty, _, departments = N.FACULTIES[faculty_index]
        department = rng.choice(departments)
        position = N.POSITIONS[_weighted(rng, self.position_weights)][0]
        fte = N.FTES[_weighted(rng, self.fte_weights)][0]
        days = int(rng.random() ** 1.5 * 6 * 365.25)  # recent hires are more common
        start = self.today - timedelta(days=days)
        if rng.random() < 0.6:
            start = start.replace(day=1)  # most appointments start on the 1st
        status = self._status(days / 365.25 / self.years)
        extension, reason = 0, ""
        if rng.random() < 0.03:
            extension = rng.choice(N.EXTENSION_MONTHS)
            reason = rng.choice(N.EXTENSION_REASONS)
        supervisor = None
        if status in SUPERVISED and self.consultants:
            # each faculty has two regular consultants
            pick = (faculty_index * 2 + rng.randrange(2)) % len(self.consultants)
            supervisor = self.consultants[pick]
        yesterday = self.yesterday
        created_day = min(start + timedelta(days=rng.randint(-30, 45)), yesterday)
        created_at = datetime.combine(created_day, time(8 + rng.randrange(9), rng.randrange(60)))
        archived_at = None
        if rng.random() < 0.02:
            gone = created_day + timedelta(days=rng.randint(0, (yesterday - created_day).days))
            archived_at = datetime.combine(gone, time(17, rng.randrange(60)))
        return {
            "staff_number": number,
            "initials": initials(first_name),
            "first_name": first_name,
            "prefix": prefix,
            "surname": surname,
            "email": email,
            "faculty": faculty,
            "department": department,
            "position": position,
            "fte": fte,
            "employment_start": start,
            "extension_months": extension,
            "extension_reason": reason,
            "status": status,
            "supervisor_id": supervisor,
            "framework_id": self.framework_id,
            "created_at": created_at,
            "archived_at": archived_at,
            "row_version": 1,
        }

    def _name(self) -> tuple[str, str, str]:
        """(first names, prefix, surname): mostly Dutch, about a third international."""
        rng = self.rng
        female = rng.random() < 0.5
        if rng.random() < 0.65:
            if rng.random() < 0.08:
                formal = N.DUTCH_FORMAL_FEMALE if female else N.DUTCH_FORMAL_MALE
                first = " ".join(rng.sample(formal, rng.choice((2, 3, 3))))
            else:
                first = rng.choice(N.DUTCH_FEMALE if female else N.DUTCH_MALE)
            prefix, surname = rng.choice(N.DUTCH_SURNAMES)
            if rng.random() < 0.07:
                surname = f"{surname}-{rng.choice(N.DUTCH_PARTNER_NAMES)}"
            return first, prefix, surname
        group = rng.choice(N.INTERNATIONAL)
        given = group.female if female else group.male
        first = rng.choice(given)
        if rng.random() < 0.35:  # a second given name
            first = f"{first} {rng.choice([g for g in given if g != first])}"
        if rng.random() < 0.15:  # a Dutch surname: married or grew up here
            prefix, surname = rng.choice(N.DUTCH_SURNAMES)
            return first, prefix, surname
        pick = rng.randrange(len(group.surnames) + len(group.prefixed))
        if pick >= len(group.surnames):
            prefix, surname = group.prefixed[pick - len(group.surnames)]
            return first, prefix, surname
        chosen = group.surnames[pick]
        return first, "", chosen if isinstance(chosen, str) else chosen[1 if female else 0]

    def _status(self, elapsed: float) -> S:
        """Further along the longer someone is employed, at a personal pace."""
        rng = self.rng
        if elapsed > 0.03 and rng.random() < 0.04:
            return S.EXEMPTED
        pace = max(0.1, rng.gauss(0.9, 0.3))
        if rng.random() < 0.12:
            pace *= 0.35  # stalled: teaching load, research, or simply not started
        progress = elapsed * pace
        return next((status for limit, status in STAGES if progress < limit), S.QUALIFIED)

    def _email(self, first_name: str, prefix: str, surname: str, reserve_only: bool) -> str:
        """'anna.vandenberg@…', numbered where taken. Existing candidates' addresses are
        avoided only for new rows, so a candidate's address does not depend on earlier runs
        that stored the very same candidates."""
        local = _local_part(first_name.split()[0], f"{prefix}{surname}")
        suffix = self.next_suffix.get(local, 1)
        while True:
            address = f"{local}{suffix if suffix > 1 else ''}@{N.EMAIL_DOMAIN}"
            suffix += 1
            if address in self.used_emails or (not reserve_only and address in self.taken_emails):
                continue
            self.next_suffix[local] = suffix
            self.used_emails.add(address)
            return address


def _weighted(rng: random.Random, cumulative: list[int]) -> int:
    """An index drawn with the weights whose running totals are ``cumulative``."""
    return bisect(cumulative, rng.random() * cumulative[-1])


@cache
def _local_part(given: str, family: str) -> str:
    """ASCII, lower case, no spaces or apostrophes: 'siobhan.vanthof'."""
    return f"{NOT_EMAIL.sub('', fold(given))}.{NOT_EMAIL.sub('', fold(family))}"


@cache
def initials(first_names: str) -> str:
    """'Maria Magdalena Johanna' -> 'M.M.J.', 'Jan-Willem' -> 'J.W.'."""
    return "".join(f"{part[0].upper()}." for part in re.split(r"[\s-]+", first_names) if part)


def _name_institution(session: Session, actor: str) -> None:
    row = session.scalars(select(Settings)).one()
    if row.name != DEFAULT_INSTITUTION_NAME:
        return
    row.name = N.INSTITUTION_NAME
    changes: list[audit.Change] = []
    for field, value in DEMO_SIGNATORIES:  # certificates signed by names, not roles alone
        if not getattr(row, field):
            changes.append((field, "", value))
            setattr(row, field, value)
    changes.append(("name", DEFAULT_INSTITUTION_NAME, N.INSTITUTION_NAME))
    session.flush()
    audit.record(
        session,
        actor,
        entity="settings",
        entity_id=row.id,
        action="update",
        changes=changes,
    )


def _ensure_users(session: Session, actor: str) -> list[int]:
    """Add the demo users whose login is free; returns the consultants' ids, in list order."""
    existing = set(session.scalars(select(AppUser.login)))
    for login, name, role in N.DEMO_USERS:
        if login in existing:
            continue
        given, _, family = name.partition(" ")
        email = f"{_local_part(given, family)}@{N.EMAIL_DOMAIN}"
        user = AppUser(login=login, name=name, role=role, email=email)
        session.add(user)
        session.flush()
        audit.record(
            session,
            actor,
            entity="app_user",
            entity_id=user.id,
            action="create",
            changes=[("login", None, login), ("name", None, name), ("role", None, role)],
        )
    ids = dict(session.execute(select(AppUser.login, AppUser.id)).all())
    return [ids[login] for login, _, role in N.DEMO_USERS if role == "consultant" and login in ids]
