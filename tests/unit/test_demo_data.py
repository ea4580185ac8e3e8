"""Demo data: reproducible, idempotent per seed, realistic enough to exercise the register."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from database_backends import DatabaseFactory, TempDatabase
from sqlalchemy import func, select

import utq_desktop.services.demo as demo
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.domain.models import AuditEntry, Candidate
from utq_desktop.errors import ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.demo import generate_demo_data, initials, staff_number
from utq_desktop.services.demo_names import DEMO_USERS, EMAIL_DOMAIN, INSTITUTION_NAME
from utq_desktop.services.dto import CandidateInput, InstitutionSettingsData

TODAY = date(2026, 11, 23)
S = TrajectoryStatus
PREFIXES = {"van", "de", "van der", "van den", "ter", "van 't", "de la", "in 't"}

Opener = Callable[[str], Services]


@pytest.fixture
def open_db(databases: DatabaseFactory, tmp_path: Path) -> Iterator[Opener]:
    """Open a named, migrated database (the same name opens the same database again);
    SQLite files or PostgreSQL databases, as tests/conftest.py decides."""
    created: dict[str, TempDatabase] = {}

    def factory(name: str = "demo") -> Services:
        if name not in created:
            created[name] = databases.migrated(tmp_path, name)
        return created[name].open("tester", today=TODAY)

    yield factory
    for database in created.values():
        databases.drop(database)


def generate(services: Services, count: int, seed: int = 1, **kwargs: Any) -> int:
    return generate_demo_data(services.context, count, seed=seed, today=TODAY, **kwargs)


def candidate_rows(services: Services) -> list[dict[str, Any]]:
    columns = Candidate.__table__.columns
    with services.context.read() as session:
        result = session.execute(select(*columns).order_by(Candidate.id))
        return [dict(row._mapping) for row in result]


@pytest.fixture(scope="module")
def sample(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    """500 candidates, seed 1: the distribution tests read it, never change it."""
    database = databases.migrated(tmp_path_factory.mktemp("sample"), "sample")
    services = database.open("tester", today=TODAY)
    assert generate(services, 500) == 500
    yield services
    databases.drop(database)


# --- reproducibility ---------------------------------------------------------------------


def test_same_seed_gives_the_same_register(open_db: Opener) -> None:
    first, second = open_db("first"), open_db("second")
    assert generate(first, 300, seed=7) == 300
    assert generate(second, 300, seed=7) == 300
    assert candidate_rows(first) == candidate_rows(second)
    assert first.candidates.register() == second.candidates.register()


def test_second_run_with_the_same_seed_adds_nothing(open_db: Opener) -> None:
    services = open_db()
    assert generate(services, 200, seed=3) == 200
    before = candidate_rows(services)
    assert generate(services, 200, seed=3) == 0
    assert candidate_rows(services) == before
    assert len(services.users.list()) == len(DEMO_USERS)


def test_a_larger_run_adds_only_the_missing_candidates(open_db: Opener) -> None:
    """Candidate i is the same whatever the count, so growing a demo set is stable."""
    grown, direct = open_db("grown"), open_db("direct")
    assert generate(grown, 60, seed=4) == 60
    assert generate(grown, 150, seed=4) == 90
    assert generate(direct, 150, seed=4) == 150
    assert candidate_rows(grown) == candidate_rows(direct)


def test_different_seeds_give_different_candidates(open_db: Opener) -> None:
    services = open_db()
    assert generate(services, 200, seed=1) == 200
    assert generate(services, 200, seed=2) == 200
    rows = candidate_rows(services)
    first, second = rows[:200], rows[200:]
    assert {r["staff_number"] for r in first}.isdisjoint(r["staff_number"] for r in second)
    names = [(r["first_name"], r["surname"]) for r in first]
    assert names != [(r["first_name"], r["surname"]) for r in second]
    assert len({r["email"] for r in rows}) == 400


def test_staff_numbers_never_collide_between_seeds_1_to_100() -> None:
    numbers = [staff_number(seed, index) for seed in range(1, 101) for index in range(100)]
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == 7 and n.isdigit() for n in numbers)
    assert any(n.startswith("0") for n in numbers)


def test_staff_numbers_are_distinct_over_the_whole_range_and_across_slots() -> None:
    full = {staff_number(1, index) for index in range(demo.MAX_CANDIDATES)}
    assert len(full) == demo.MAX_CANDIDATES
    # seeds 1 and 201 share a slot; they are rotated apart, so small runs do not meet
    same_slot = {staff_number(201, index) for index in range(1000)}
    assert same_slot.isdisjoint(staff_number(1, index) for index in range(1000))
    assert staff_number(-5, 0) != staff_number(5, 0)


# --- realism -----------------------------------------------------------------------------


def test_every_status_and_every_due_state_occurs(sample: Services) -> None:
    rows = sample.candidates.register()
    assert {row.status for row in rows} == set(TrajectoryStatus)
    assert {row.due_state for row in rows} == set(DueState)
    qualified = sum(row.status == S.QUALIFIED for row in rows)
    exempted = sum(row.status == S.EXEMPTED for row in rows)
    assert qualified >= 0.05 * len(rows)
    assert 0 < exempted <= 0.1 * len(rows)
    assert 0 < sum(row.archived for row in rows) <= 0.06 * len(rows)


def test_employment_starts_span_six_years_and_decide_the_deadline(sample: Services) -> None:
    rows = sample.candidates.register()
    starts = [row.employment_start for row in rows if row.employment_start]
    assert len(starts) == len(rows)
    assert min(starts) >= date(TODAY.year - 6, TODAY.month, 1)
    assert max(starts) <= TODAY
    assert (TODAY - min(starts)).days > 5 * 365


def test_extensions_have_a_reason(sample: Services) -> None:
    rows = candidate_rows(sample)
    extended = [r for r in rows if r["extension_months"]]
    assert extended
    assert all(3 <= r["extension_months"] <= 12 and r["extension_reason"] for r in extended)
    assert all(r["extension_reason"] == "" for r in rows if not r["extension_months"])


def test_names_have_diacritics_prefixes_and_initials(sample: Services) -> None:
    rows = candidate_rows(sample)
    assert any(not r["first_name"].isascii() for r in rows)
    assert any(not r["surname"].isascii() for r in rows)
    prefixes = {r["prefix"] for r in rows if r["prefix"]}
    assert len(prefixes & PREFIXES) >= 5
    for r in rows:
        assert r["surname"] and r["surname"][0].isupper(), r
        assert r["surname"].split()[0] not in {"van", "de", "ter", "in", "te", "den"}, r
        assert r["initials"] == initials(r["first_name"])
    assert any(len(r["first_name"].split()) >= 3 for r in rows)  # "Maria Magdalena Johanna"
    assert any("-" in r["surname"] for r in rows)  # "Heuvel-Oudemans"
    assert initials("Maria Magdalena Johanna") == "M.M.J."
    assert initials("Jan-Willem") == "J.W."


def test_emails_are_unique_lower_case_ascii(sample: Services) -> None:
    emails = [r["email"] for r in candidate_rows(sample)]
    assert len(set(emails)) == len(emails)
    for email in emails:
        assert email.isascii() and email == email.lower(), email
        local, _, domain = email.partition("@")
        assert domain == EMAIL_DOMAIN and "." in local and " " not in local, email


def test_organisation_fields_are_filled(sample: Services) -> None:
    rows = candidate_rows(sample)
    assert len({r["faculty"] for r in rows}) >= 6
    assert all(r["department"] and r["position"] for r in rows)
    assert all(0.4 <= r["fte"] <= 1.0 for r in rows)
    assert {r["framework_id"] for r in rows} == {rows[0]["framework_id"]} != {None}


def test_candidates_past_intake_have_a_consultant_as_supervisor(sample: Services) -> None:
    consultants = {u.id for u in sample.users.list(role="consultant")}
    assert len(consultants) == 8
    supervised = {S.LEARNING_ROUTE, S.PORTFOLIO, S.ASSESSMENT, S.QUALIFIED}
    for r in candidate_rows(sample):
        if S(r["status"]) in supervised:
            assert r["supervisor_id"] in consultants
        else:
            assert r["supervisor_id"] is None


def test_demo_users_and_institution_name(sample: Services) -> None:
    roles = [u.role for u in sample.users.list()]
    assert (roles.count("consultant"), roles.count("coordinator"), roles.count("hr")) == (8, 3, 2)
    assert sample.settings.get().name == INSTITUTION_NAME
    last = sample.audit.last_change("settings", 1)
    assert last is not None and last.field == "name" and last.new_value == INSTITUTION_NAME
    # demo certificates are signed by names, not by 'Dean' alone
    assert all(s.name and s.role for s in sample.settings.certificates().signatories)


def test_every_candidate_has_one_create_audit_entry(sample: Services) -> None:
    with sample.context.read() as session:
        entries = session.execute(
            select(AuditEntry).where(AuditEntry.entity == "candidate")
        ).scalars()
        rows = [
            (e.entity_id, e.candidate_id, e.action, e.field, e.new_value, e.actor) for e in entries
        ]
    ids = [r["id"] for r in candidate_rows(sample)]
    assert sorted(rows) == [(i, i, "create", None, "demo data", "tester") for i in ids]
    timeline = sample.audit.candidate_timeline(ids[0])
    created = [(e.action, e.new_value) for e in timeline if e.entity == "candidate"]
    assert created == [("create", "demo data")]


# --- edges -------------------------------------------------------------------------------


def test_count_zero_adds_nothing_but_works(open_db: Opener) -> None:
    services = open_db()
    assert generate(services, 0) == 0
    assert services.candidates.count() == 0


def test_count_out_of_range_is_refused(open_db: Opener) -> None:
    services = open_db()
    for count in (-1, demo.MAX_CANDIDATES + 1):
        with pytest.raises(ValidationError):
            generate(services, count)


def test_progress_is_reported_per_chunk(open_db: Opener, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "CHUNK", 100)
    calls: list[tuple[int, int]] = []
    assert generate(open_db(), 250, progress=lambda done, total: calls.append((done, total))) == 250
    assert calls == [(100, 250), (200, 250), (250, 250)]


def test_an_error_from_progress_cancels_everything(
    open_db: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "CHUNK", 100)
    services = open_db()

    def cancel(done: int, total: int) -> None:
        if done >= 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate(services, 300, progress=cancel)
    assert services.candidates.count() == 0
    assert services.users.list() == []
    with services.context.read() as session:
        assert (
            session.scalar(
                select(func.count(AuditEntry.id)).where(AuditEntry.entity == "candidate")
            )
            == 0
        )


def test_a_chosen_institution_name_is_kept(open_db: Opener) -> None:
    services = open_db()
    services.settings.update(InstitutionSettingsData("Universiteit Twente", 3, "4tu"))
    generate(services, 10)
    assert services.settings.get().name == "Universiteit Twente"


def test_existing_logins_and_emails_are_respected(open_db: Opener) -> None:
    services = open_db()
    services.users.add("jdevries", "Jan de Vries", "coordinator")
    generate(services, 100, seed=1)
    users = services.users.list()
    assert [u.name for u in users if u.login == "jdevries"] == ["Jan de Vries"]
    assert len(users) == len(DEMO_USERS)
    # a different seed that produces the same names still gets fresh addresses
    generate(services, 300, seed=2)
    emails = [r["email"] for r in candidate_rows(services)]
    assert len(set(emails)) == len(emails) == 400


def test_a_staff_number_already_in_use_is_skipped(open_db: Opener) -> None:
    services = open_db()
    taken = staff_number(1, 4)
    services.candidates.create(CandidateInput(staff_number=taken, surname="Bestaand"))
    assert generate(services, 10, seed=1) == 9
    assert services.candidates.count() == 10
    holders = [r["surname"] for r in candidate_rows(services) if r["staff_number"] == taken]
    assert holders == ["Bestaand"]
