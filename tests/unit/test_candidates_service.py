"""The services over a real database — an SQLite file, or PostgreSQL with
UTQ_TEST_POSTGRES_URL (tests/conftest.py): candidates, validation, audit, settings, users."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from database_backends import TempDatabase

import utq_desktop.services.audit as audit_module
import utq_desktop.services.candidates as candidates_module
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.errors import (
    IllegalTransitionError,
    NotFoundError,
    StaleEditError,
    ValidationError,
)
from utq_desktop.services.app import Services, open_services
from utq_desktop.services.context import USER_ENV_VAR
from utq_desktop.services.dto import CandidateInput, InstitutionSettingsData
from utq_desktop.services.validation import clean_candidate

S = TrajectoryStatus
TODAY = date(2026, 11, 23)
FOUR_TU = "4TU / University of Twente UTQ competences (version 1)"

OpenAs = Callable[..., Services]


@pytest.fixture
def open_as(database: TempDatabase) -> OpenAs:
    """Services for one user each, all on the test's database (closed afterwards)."""

    def factory(actor: str = "anna", today: date = TODAY) -> Services:
        return database.open(actor, today=today)

    return factory


@pytest.fixture
def services(open_as: OpenAs) -> Services:
    return open_as("anna")


def audit_rows(db: TempDatabase, entity: str = "candidate") -> list[tuple[Any, ...]]:
    """Read the audit trail directly, independent of the services under test."""
    return db.query(
        "SELECT actor, action, field, old_value, new_value FROM audit_entry"
        " WHERE entity = ? ORDER BY id",
        entity,
    )


def eva(**changes: Any) -> CandidateInput:
    data = CandidateInput(
        staff_number="S1001",
        surname="Dijk",
        first_name="Eva",
        prefix="van",
        initials="E.",
        email="eva.vandijk@utwente.nl",
        faculty="EEMCS",
        department="Computer Science",
        position="Assistant professor",
        fte=0.8,
        employment_start=date(2024, 1, 31),
    )
    return replace(data, **changes)


# --- create and detail ---------------------------------------------------------------------


def test_create_and_detail(services: Services, database: TempDatabase) -> None:
    before = datetime.now(UTC).replace(tzinfo=None)
    cid = services.candidates.create(
        eva(email="  Eva.VanDijk@UTwente.NL ", surname=" Dijk ", faculty=" EEMCS")
    )
    detail = services.candidates.detail(cid)
    assert detail.id == cid
    assert detail.row_version == 1
    assert detail.data == eva()  # trimmed, e-mail lower-cased
    assert detail.full_name == "Eva van Dijk"
    assert detail.framework == FOUR_TU
    assert detail.supervisor == ""
    assert detail.deadline == date(2027, 1, 31)
    assert detail.due_state is DueState.DUE_SOON  # within six months of 23-11-2026
    assert detail.archived_at is None
    assert before - timedelta(seconds=1) <= detail.created_at <= before + timedelta(minutes=1)
    assert services.candidates.count() == 1
    assert database.query("SELECT staff_number, email, status FROM candidate") == [
        ("S1001", "eva.vandijk@utwente.nl", "registered")
    ]


def test_create_writes_one_audit_row_per_filled_field(
    services: Services, database: TempDatabase
) -> None:
    cid = services.candidates.create(CandidateInput(staff_number="S1", surname="Dijk", fte=0.5))
    rows = audit_rows(database)
    assert {row[2]: row[4] for row in rows} == {
        "staff_number": "S1",
        "surname": "Dijk",
        "fte": "0.5",
        "status": "registered",
    }
    assert {(row[0], row[1], row[3]) for row in rows} == {("anna", "create", None)}
    assert database.query(
        "SELECT DISTINCT entity_id, candidate_id FROM audit_entry WHERE entity = 'candidate'",
    ) == [(cid, cid)]


def test_detail_of_missing_candidate(services: Services) -> None:
    with pytest.raises(NotFoundError, match="Candidate 99 does not exist"):
        services.candidates.detail(99)
    with pytest.raises(NotFoundError):
        services.candidates.register_row(99)


def test_supervisor_is_shown_and_checked(services: Services, database: TempDatabase) -> None:
    consultant = services.users.add("mkok", "Marieke Kok", "consultant")
    cid = services.candidates.create(eva(supervisor_id=consultant))
    assert services.candidates.detail(cid).supervisor == "Marieke Kok"
    assert services.candidates.register_row(cid).supervisor == "Marieke Kok"
    with pytest.raises(ValidationError) as info:
        services.candidates.create(eva(staff_number="S2", supervisor_id=consultant + 50))
    assert info.value.field == "supervisor_id"
    assert services.candidates.count() == 1


def test_duplicate_staff_number_on_create(services: Services, database: TempDatabase) -> None:
    services.candidates.create(eva())
    audit_before = audit_rows(database)
    with pytest.raises(ValidationError) as info:
        services.candidates.create(CandidateInput(staff_number=" S1001 ", surname="Bakker"))
    assert str(info.value) == "Staff number S1001 is already used by Eva van Dijk."
    assert info.value.field == "staff_number"
    assert services.candidates.count() == 1
    assert audit_rows(database) == audit_before


# --- validation ----------------------------------------------------------------------------

INVALID = {
    "missing staff number": (
        {"staff_number": "   "},
        "staff_number",
        "A staff number is required.",
    ),
    "staff number with space": (
        {"staff_number": "12 34"},
        "staff_number",
        "Staff number '12 34' may hold only letters, digits and . _ / -",
    ),
    "staff number starting with a dash": (
        {"staff_number": "-1234"},
        "staff_number",
        "may hold only letters",
    ),
    "staff number too long": ({"staff_number": "A" * 33}, "staff_number", "at most 32"),
    "missing surname": ({"surname": "  "}, "surname", "A surname is required."),
    "e-mail without domain": (
        {"email": "eva@"},
        "email",
        "'eva@' is not a valid e-mail address.",
    ),
    "e-mail with space": ({"email": "eva dijk@ut.nl"}, "email", "not a valid e-mail"),
    "e-mail without dot": ({"email": "eva@localhost"}, "email", "not a valid e-mail"),
    "fte zero": ({"fte": 0.0}, "fte", "FTE must be more than 0 and at most 1 (got 0.0)."),
    "fte negative": ({"fte": -0.5}, "fte", "FTE must be more than 0"),
    "fte above one": ({"fte": 1.2}, "fte", "(got 1.2)"),
    "start before 1950": (
        {"employment_start": date(1949, 12, 31)},
        "employment_start",
        "Employment start 31-12-1949 is impossible; use a date between 1-1-1950 and 23-11-2028.",
    ),
    "start more than two years ahead": (
        {"employment_start": date(2028, 11, 24)},
        "employment_start",
        "Employment start 24-11-2028 is impossible",
    ),
    "extension without reason": (
        {"extension_months": 6, "extension_reason": "  "},
        "extension_reason",
        "An extension needs a reason.",
    ),
    "negative extension": (
        {"extension_months": -1, "extension_reason": "x"},
        "extension_months",
        "An extension is 0 to 60 months.",
    ),
    "extension too long": (
        {"extension_months": 61, "extension_reason": "long illness"},
        "extension_months",
        "An extension is 0 to 60 months.",
    ),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_input_is_refused(case: str, services: Services, database: TempDatabase) -> None:
    changes, field, message = INVALID[case]
    with pytest.raises(ValidationError) as info:
        services.candidates.create(eva(**changes))
    assert info.value.field == field
    assert message in str(info.value)
    assert services.candidates.count() == 0
    assert audit_rows(database) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"staff_number": "AB-12/3.x_y"},
        {"staff_number": "A" * 32},
        {"fte": 1.0},
        {"fte": 0.1},
        {"fte": None},
        {"email": ""},
        {"employment_start": date(1950, 1, 1)},
        {"employment_start": date(2028, 11, 23)},  # two years ahead is the limit
        {"employment_start": None},
        {"extension_months": 60, "extension_reason": "parental leave"},
    ],
)
def test_boundary_input_is_accepted(changes: dict[str, Any]) -> None:
    cleaned = clean_candidate(eva(**changes), TODAY)
    for name, value in changes.items():
        assert getattr(cleaned, name) == value


def test_cleaning_trims_and_lowercases() -> None:
    raw = CandidateInput(
        staff_number=" 12345 ",
        surname=" Doğan ",
        first_name=" Ayşe ",
        prefix=" ",
        email=" Ayse.Dogan@UU.NL\t",
        faculty=" Science ",
        extension_months=0,
        extension_reason="  left over  ",
    )
    cleaned = clean_candidate(raw, TODAY)
    assert (cleaned.staff_number, cleaned.surname, cleaned.first_name, cleaned.prefix) == (
        "12345",
        "Doğan",
        "Ayşe",
        "",
    )
    assert cleaned.email == "ayse.dogan@uu.nl"
    assert cleaned.faculty == "Science"
    assert cleaned.extension_reason == ""  # a reason without an extension is dropped


def test_first_bad_field_is_reported() -> None:
    with pytest.raises(ValidationError) as info:
        clean_candidate(eva(staff_number="", surname="", email="bad"), TODAY)
    assert info.value.field == "staff_number"


# --- register ------------------------------------------------------------------------------


def test_register_rows(services: Services) -> None:
    first = services.candidates.create(eva())
    second = services.candidates.create(
        CandidateInput(
            staff_number="S2",
            surname="Bakker",
            initials="J.P.",
            prefix="de",
            email="jp@uu.nl",
            faculty="Science",
        )
    )
    third = services.candidates.create(
        CandidateInput(staff_number="s3", surname="Doğan", first_name="Ayşe", faculty="EEMCS")
    )
    rows = services.candidates.register()
    assert [row.id for row in rows] == [second, first, third]  # by surname
    bakker = rows[0]
    assert bakker.full_name == "J.P. de Bakker"
    assert bakker.sort_name == "bakker, j.p. de"
    assert bakker.deadline is None
    assert bakker.due_state is DueState.ON_TRACK
    assert bakker.status is S.REGISTERED
    assert not bakker.archived
    assert rows[1].deadline == date(2027, 1, 31)
    assert rows[1].employment_start == date(2024, 1, 31)
    assert rows[2].search_key == "ayse dogan\ts3\t"
    assert services.candidates.register_row(first) == rows[1]
    assert services.candidates.faculties() == ["EEMCS", "Science"]
    assert services.candidates.count() == 3


# --- update --------------------------------------------------------------------------------


def test_update_audits_each_changed_field(services: Services, database: TempDatabase) -> None:
    cid = services.candidates.create(eva())
    detail = services.candidates.detail(cid)
    services.candidates.update(
        cid,
        replace(detail.data, email="E.van.Dijk@UTwente.nl", fte=1.0, status=S.INTAKE),
        detail.row_version,
    )
    after = services.candidates.detail(cid)
    assert after.row_version == 2
    assert after.data.email == "e.van.dijk@utwente.nl"
    assert after.data.fte == 1.0
    assert after.data.status is S.INTAKE
    updates = [row for row in audit_rows(database) if row[1] == "update"]
    assert updates == [
        ("anna", "update", "email", "eva.vandijk@utwente.nl", "e.van.dijk@utwente.nl"),
        ("anna", "update", "fte", "0.8", "1.0"),
        ("anna", "update", "status", "registered", "intake"),
    ]


def test_update_without_changes_writes_nothing(services: Services, database: TempDatabase) -> None:
    cid = services.candidates.create(eva())
    detail = services.candidates.detail(cid)
    before = audit_rows(database)
    services.candidates.update(cid, replace(detail.data, email=" EVA.VANDIJK@utwente.nl "), 1)
    assert services.candidates.detail(cid).row_version == 1
    assert audit_rows(database) == before


def test_duplicate_staff_number_on_update(services: Services, database: TempDatabase) -> None:
    services.candidates.create(eva())
    other = services.candidates.create(CandidateInput(staff_number="S2", surname="Bakker"))
    detail = services.candidates.detail(other)
    before = audit_rows(database)
    with pytest.raises(ValidationError, match="already used by Eva van Dijk") as info:
        services.candidates.update(
            other, replace(detail.data, staff_number="S1001", surname="Baker"), 1
        )
    assert info.value.field == "staff_number"
    assert services.candidates.detail(other) == detail
    assert audit_rows(database) == before


def test_keeping_own_staff_number_is_fine(services: Services) -> None:
    cid = services.candidates.create(eva())
    services.candidates.update(cid, eva(surname="Dijkstra"), 1)
    assert services.candidates.detail(cid).data.surname == "Dijkstra"


def test_failure_after_writing_rolls_back_change_and_audit(
    services: Services, database: TempDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = services.candidates.create(eva())
    before = audit_rows(database)
    real_record = audit_module.record

    def record_then_fail(*args: Any, **kwargs: Any) -> None:
        real_record(*args, **kwargs)  # the audit rows and the change are both flushed...
        raise RuntimeError("power cut")  # ...then the transaction fails

    monkeypatch.setattr(audit_module, "record", record_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        services.candidates.update(cid, eva(surname="Dijkstra"), 1)
    monkeypatch.undo()
    assert services.candidates.detail(cid).data.surname == "Dijk"
    assert services.candidates.detail(cid).row_version == 1
    assert audit_rows(database) == before
    assert database.query("SELECT surname, row_version FROM candidate") == [("Dijk", 1)]


def test_illegal_transition_writes_nothing(services: Services, database: TempDatabase) -> None:
    cid = services.candidates.create(eva())
    detail = services.candidates.detail(cid)
    before = audit_rows(database)
    with pytest.raises(IllegalTransitionError) as info:
        services.candidates.update(
            cid, replace(detail.data, email="new@utwente.nl", status=S.QUALIFIED), 1
        )
    assert "'Registered' to 'Qualified'" in str(info.value)
    assert services.candidates.detail(cid) == detail
    assert audit_rows(database) == before


def test_status_walks_the_trajectory(services: Services, database: TempDatabase) -> None:
    cid = services.candidates.create(eva())
    for version, status in enumerate(
        [S.INTAKE, S.LEARNING_ROUTE, S.PORTFOLIO, S.ASSESSMENT, S.QUALIFIED], start=1
    ):
        services.candidates.update(cid, eva(status=status), version)
    detail = services.candidates.detail(cid)
    assert detail.data.status is S.QUALIFIED
    assert detail.due_state is DueState.FULFILLED
    with pytest.raises(IllegalTransitionError, match="final"):
        services.candidates.update(cid, eva(status=S.ASSESSMENT), detail.row_version)
    statuses = [row[4] for row in audit_rows(database) if row[2] == "status" and row[1] == "update"]
    assert statuses == ["intake", "learning_route", "portfolio", "assessment", "qualified"]


def test_update_of_missing_candidate(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.candidates.update(42, eva(), 1)


# --- optimistic locking --------------------------------------------------------------------


def test_second_save_is_stale_and_names_who_and_what(
    open_as: OpenAs, database: TempDatabase
) -> None:
    anna, bram = open_as("anna"), open_as("bram")
    cid = anna.candidates.create(eva())
    annas_view = anna.candidates.detail(cid)
    brams_view = bram.candidates.detail(cid)

    anna.candidates.update(cid, replace(annas_view.data, email="anna.saw@utwente.nl"), 1)
    with pytest.raises(StaleEditError) as info:
        bram.candidates.update(
            cid, replace(brams_view.data, email="bram.saw@utwente.nl"), brams_view.row_version
        )
    message = str(info.value)
    assert message.startswith("anna changed this candidate (email) at ")
    assert "reload" in message
    assert bram.candidates.detail(cid).data.email == "anna.saw@utwente.nl"
    assert bram.candidates.detail(cid).row_version == 2
    assert [row[0] for row in audit_rows(database)].count("bram") == 0


def test_save_racing_another_commit_is_stale(
    open_as: OpenAs, database: TempDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anna commits after Bram's save has read the row but before it writes: the version
    check in the UPDATE itself catches it (StaleDataError becomes StaleEditError)."""
    anna, bram = open_as("anna"), open_as("bram")
    cid = anna.candidates.create(eva())
    real_check = candidates_module.check_transition
    fired: list[bool] = []

    def anna_saves_meanwhile(current: S, new: S) -> None:
        if not fired:
            fired.append(True)
            anna.candidates.update(cid, eva(faculty="BMS"), 1)
        real_check(current, new)

    monkeypatch.setattr(candidates_module, "check_transition", anna_saves_meanwhile)
    with pytest.raises(StaleEditError, match=r"^anna changed this candidate \(faculty\)"):
        bram.candidates.update(cid, eva(surname="Bakker"), 1)
    assert fired == [True]
    detail = bram.candidates.detail(cid)
    assert (detail.data.faculty, detail.data.surname, detail.row_version) == ("BMS", "Dijk", 2)


def test_archive_makes_an_open_edit_stale(open_as: OpenAs) -> None:
    anna, bram = open_as("anna"), open_as("bram")
    cid = anna.candidates.create(eva())
    brams_view = bram.candidates.detail(cid)
    anna.candidates.archive(cid)
    with pytest.raises(StaleEditError, match=r"anna changed this candidate \(archived_at\)"):
        bram.candidates.update(cid, replace(brams_view.data, fte=0.5), brams_view.row_version)


# --- archive and restore -------------------------------------------------------------------


def test_archive_and_restore(services: Services, database: TempDatabase) -> None:
    cid = services.candidates.create(eva())
    other = services.candidates.create(CandidateInput(staff_number="S2", surname="Bakker"))

    services.candidates.archive(cid)
    archived = services.candidates.detail(cid)
    assert archived.archived_at is not None
    assert archived.row_version == 2
    assert services.candidates.register_row(cid).archived
    assert [row.id for row in services.candidates.register(include_archived=False)] == [other]
    assert {row.id for row in services.candidates.register()} == {cid, other}

    services.candidates.archive(cid)  # already archived: nothing happens
    assert services.candidates.detail(cid).row_version == 2

    services.candidates.restore(cid)
    assert services.candidates.detail(cid).archived_at is None
    assert not services.candidates.register_row(cid).archived
    services.candidates.restore(cid)  # not archived: nothing happens

    rows = [row for row in audit_rows(database) if row[1] in ("archive", "restore")]
    stamp = archived.archived_at.isoformat()
    assert rows == [
        ("anna", "archive", "archived_at", None, stamp),
        ("anna", "restore", "archived_at", stamp, None),
    ]


def test_archive_missing_candidate(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.candidates.archive(7)


# --- deadlines and due states --------------------------------------------------------------


def test_deadline_follows_setting_and_extension(services: Services) -> None:
    plain = services.candidates.create(eva())
    extended = services.candidates.create(
        eva(staff_number="S2", extension_months=13, extension_reason="parental leave")
    )
    deadlines = {row.id: row.deadline for row in services.candidates.register()}
    assert deadlines == {plain: date(2027, 1, 31), extended: date(2028, 2, 29)}

    current = services.settings.get()
    services.settings.update(replace(current, deadline_years=4))
    deadlines = {row.id: row.deadline for row in services.candidates.register()}
    assert deadlines == {plain: date(2028, 1, 31), extended: date(2029, 2, 28)}
    assert services.candidates.detail(extended).deadline == date(2029, 2, 28)


def test_due_states_with_injected_today(open_as: OpenAs) -> None:
    services = open_as("anna", today=TODAY)
    ids = {
        "overdue": services.candidates.create(
            eva(staff_number="A", employment_start=date(2023, 11, 22))  # due yesterday
        ),
        "due today": services.candidates.create(
            eva(staff_number="B", employment_start=date(2023, 11, 23))
        ),
        "due soon": services.candidates.create(
            eva(staff_number="C", employment_start=date(2024, 5, 23))  # due in six months
        ),
        "on track": services.candidates.create(
            eva(staff_number="D", employment_start=date(2024, 5, 24))
        ),
        "no start": services.candidates.create(eva(staff_number="E", employment_start=None)),
        "exempted": services.candidates.create(
            eva(staff_number="F", employment_start=date(2020, 1, 1))
        ),
    }
    services.candidates.update(
        ids["exempted"],
        eva(staff_number="F", employment_start=date(2020, 1, 1), status=S.EXEMPTED),
        1,
    )
    expected = {
        "overdue": DueState.OVERDUE,
        "due today": DueState.DUE_SOON,
        "due soon": DueState.DUE_SOON,
        "on track": DueState.ON_TRACK,
        "no start": DueState.ON_TRACK,
        "exempted": DueState.FULFILLED,
    }
    by_id = {row.id: row.due_state for row in services.candidates.register()}
    assert {name: by_id[cid] for name, cid in ids.items()} == expected
    assert {name: services.candidates.detail(cid).due_state for name, cid in ids.items()} == (
        expected
    )

    later = open_as("bram", today=date(2030, 1, 1))
    later_states = {row.id: row.due_state for row in later.candidates.register()}
    assert later_states[ids["on track"]] is DueState.OVERDUE
    assert later_states[ids["exempted"]] is DueState.FULFILLED


# --- settings ------------------------------------------------------------------------------


def test_settings_defaults_and_update(services: Services, database: TempDatabase) -> None:
    assert services.settings.get() == InstitutionSettingsData("Universiteit", 3, "4tu")
    services.settings.update(InstitutionSettingsData("  Universiteit Leiden ", 2, "leiden"))
    assert services.settings.get() == InstitutionSettingsData("Universiteit Leiden", 2, "leiden")
    assert audit_rows(database, "settings") == [
        ("anna", "update", "name", "Universiteit", "Universiteit Leiden"),
        ("anna", "update", "deadline_years", "3", "2"),
        ("anna", "update", "default_framework_code", "4tu", "leiden"),
    ]
    services.settings.update(InstitutionSettingsData("Universiteit Leiden", 2, "leiden"))
    assert len(audit_rows(database, "settings")) == 3  # no change, no audit


def test_default_framework_applies_to_new_candidates(services: Services) -> None:
    before = services.candidates.create(eva())
    services.settings.update(InstitutionSettingsData("Universiteit Leiden", 3, "leiden"))
    after = services.candidates.create(eva(staff_number="S2"))
    assert services.candidates.detail(before).framework == FOUR_TU
    assert (
        services.candidates.detail(after).framework == "Leiden University UTQ modules (version 1)"
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (InstitutionSettingsData("  ", 3, "4tu"), "name", "The institution needs a name."),
        (InstitutionSettingsData("UT", 0, "4tu"), "deadline_years", "1 to 10 years"),
        (InstitutionSettingsData("UT", 11, "4tu"), "deadline_years", "1 to 10 years"),
        (
            InstitutionSettingsData("UT", 3, "utrecht"),
            "default_framework_code",
            "There is no framework 'utrecht'.",
        ),
    ],
)
def test_settings_validation(
    services: Services,
    database: TempDatabase,
    data: InstitutionSettingsData,
    field: str,
    message: str,
) -> None:
    with pytest.raises(ValidationError) as info:
        services.settings.update(data)
    assert info.value.field == field
    assert message in str(info.value)
    assert services.settings.get() == InstitutionSettingsData("Universiteit", 3, "4tu")
    assert audit_rows(database, "settings") == []


@pytest.mark.parametrize("years", [1, 10])
def test_settings_year_limits_are_allowed(services: Services, years: int) -> None:
    services.settings.update(InstitutionSettingsData("UT", years, "4tu"))
    assert services.settings.get().deadline_years == years


# --- users ---------------------------------------------------------------------------------


def test_users_add_and_list(services: Services, database: TempDatabase) -> None:
    zoe = services.users.add(" zzwart ", "Zoë Zwart", "coordinator", " Z.Zwart@UT.nl ")
    asa = services.users.add("aandersson", "Åsa Andersson", "consultant")
    bram = services.users.add("bbakker", "bram Bakker", "hr")
    assert [(u.id, u.login, u.name, u.role) for u in services.users.list()] == [
        (asa, "aandersson", "Åsa Andersson", "consultant"),
        (bram, "bbakker", "bram Bakker", "hr"),
        (zoe, "zzwart", "Zoë Zwart", "coordinator"),
    ]
    assert [u.login for u in services.users.list(role="consultant")] == ["aandersson"]
    assert services.users.list(role="assessor") == []
    assert database.query("SELECT email FROM app_user WHERE id = ?", zoe) == [("z.zwart@ut.nl",)]
    assert audit_rows(database, "app_user")[:3] == [
        ("anna", "create", "login", None, "zzwart"),
        ("anna", "create", "name", None, "Zoë Zwart"),
        ("anna", "create", "role", None, "coordinator"),
    ]


def test_user_validation(services: Services) -> None:
    services.users.add("anna", "Anna de Boer", "coordinator")
    with pytest.raises(ValidationError, match="already a user with login 'anna'") as info:
        services.users.add(" anna ", "Another Anna", "hr")
    assert info.value.field == "login"
    with pytest.raises(ValidationError, match="Unknown role 'admin'"):
        services.users.add("root", "Root", "admin")
    with pytest.raises(ValidationError, match="needs a login and a name"):
        services.users.add("  ", "Nobody", "hr")
    with pytest.raises(ValidationError, match="needs a login and a name"):
        services.users.add("nobody", " ", "hr")
    assert [u.name for u in services.users.list()] == ["Anna de Boer"]


# --- audit timeline ------------------------------------------------------------------------


def test_timeline_is_newest_first(open_as: OpenAs) -> None:
    anna, bram = open_as("anna"), open_as("bram")
    cid = anna.candidates.create(CandidateInput(staff_number="S1", surname="Dijk"))
    bram.candidates.update(cid, CandidateInput(staff_number="S1", surname="Dijkstra"), 1)
    anna.candidates.archive(cid)
    anna.candidates.create(CandidateInput(staff_number="S2", surname="Other"))

    events = anna.audit.candidate_timeline(cid)
    assert [(e.actor, e.action, e.field) for e in events] == [
        ("anna", "archive", "archived_at"),
        ("bram", "update", "surname"),
        ("anna", "create", "status"),
        ("anna", "create", "surname"),
        ("anna", "create", "staff_number"),
    ]
    assert all(e.entity == "candidate" for e in events)
    update = events[1]
    assert (update.old_value, update.new_value) == ("Dijk", "Dijkstra")
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert len(anna.audit.candidate_timeline(cid, limit=2)) == 2
    last = anna.audit.last_change("candidate", cid)
    assert last is not None
    assert (last.actor, last.action) == ("anna", "archive")
    assert anna.audit.last_change("candidate", 999) is None


# --- the services object -------------------------------------------------------------------


def test_services_object(
    open_as: OpenAs, database: TempDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_ENV_VAR, " carla ")
    services = open_services(database.target)
    try:
        assert services.actor == "carla"
        assert services.database_label == database.label
        assert services.backup_path is None
        frameworks = {f.code: f for f in services.frameworks.list()}
        assert sorted(frameworks) == ["4tu", "leiden"]
        assert len(frameworks["4tu"].competences) == 5
        assert frameworks["leiden"].competences[0] == "Teaching in practice"
        assert services.frameworks.ensure_builtin() == 0  # already there
    finally:
        services.close()
    assert open_as("dirk").actor == "dirk"
    assert database.query("SELECT count(*) FROM framework") == [(2,)]
    assert database.query("SELECT count(*) FROM competence") == [(10,)]
