"""Pure domain rules: deadlines, names, workflow, competence frameworks, the resource locator."""

from __future__ import annotations

import copy
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from utq_desktop import resources
from utq_desktop.domain.deadlines import DUE_SOON_MONTHS, add_months, deadline, due_state
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.domain.framework_spec import (
    FrameworkFileError,
    load_framework_file,
    parse_framework,
)
from utq_desktop.domain.names import fold, full_name, sort_name
from utq_desktop.domain.workflow import TRAJECTORY_TRANSITIONS, allowed_next, check_transition
from utq_desktop.errors import IllegalTransitionError, UtqError, ValidationError

S = TrajectoryStatus
REPO = Path(__file__).resolve().parents[2]

# --- deadlines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 15), 0, date(2024, 1, 15)),
        (date(2024, 1, 15), 1, date(2024, 2, 15)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),  # year rolls over
        (date(2024, 1, 15), -1, date(2023, 12, 15)),  # backwards over a year
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: 29 February
        (date(2023, 1, 31), 1, date(2023, 2, 28)),  # common year: 28 February
        (date(2024, 3, 31), 1, date(2024, 4, 30)),  # 30-day month
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day, a year on
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # leap day, four years on
        (date(2100, 1, 31), 1, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2000, 1, 31), 1, date(2000, 2, 29)),  # 2000 is
        (date(2023, 8, 31), 36, date(2026, 8, 31)),
        (date(2023, 5, 31), 30, date(2025, 11, 30)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "extension", "expected"),
    [
        (None, 3, 0, None),
        (None, 3, 12, None),
        (date(2024, 1, 31), 3, 0, date(2027, 1, 31)),
        (date(2024, 1, 31), 3, 13, date(2028, 2, 29)),
        (date(2023, 9, 1), 3, 6, date(2027, 3, 1)),
        (date(2023, 9, 1), 2, 0, date(2025, 9, 1)),
        (date(2024, 2, 29), 1, 0, date(2025, 2, 28)),
    ],
)
def test_deadline(start: date | None, years: int, extension: int, expected: date | None) -> None:
    assert deadline(start, years, extension) == expected


TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2020, 1, 1), DueState.OVERDUE),
        (date(2026, 11, 22), DueState.OVERDUE),  # yesterday
        (date(2026, 11, 23), DueState.DUE_SOON),  # today is not overdue yet
        (date(2027, 5, 23), DueState.DUE_SOON),  # exactly six months ahead
        (date(2027, 5, 24), DueState.ON_TRACK),  # one day beyond
        (date(2030, 1, 1), DueState.ON_TRACK),
        (None, DueState.ON_TRACK),  # no employment start: nothing to warn about
    ],
)
def test_due_state_boundaries(due: date | None, expected: DueState) -> None:
    assert DUE_SOON_MONTHS == 6
    assert due_state(S.PORTFOLIO, due, TODAY) is expected


def test_due_soon_window_ends_on_month_end() -> None:
    today = date(2026, 8, 31)  # six months on is 28 February 2027
    assert due_state(S.INTAKE, date(2027, 2, 28), today) is DueState.DUE_SOON
    assert due_state(S.INTAKE, date(2027, 3, 1), today) is DueState.ON_TRACK


@pytest.mark.parametrize("status", list(S))
def test_due_state_fulfilled_only_for_qualified_and_exempted(status: S) -> None:
    overdue = due_state(status, date(2000, 1, 1), TODAY)
    if status in (S.QUALIFIED, S.EXEMPTED):
        assert overdue is DueState.FULFILLED
        assert status.obligation_fulfilled
        assert due_state(status, None, TODAY) is DueState.FULFILLED
    else:
        assert overdue is DueState.OVERDUE
        assert not status.obligation_fulfilled


def test_enum_labels() -> None:
    assert [s.label for s in S] == [
        "Registered",
        "Intake",
        "Learning route",
        "Portfolio",
        "Assessment",
        "Qualified",
        "Exempted",
    ]
    assert DueState.DUE_SOON.label == "Due within 6 months"
    assert {d.label for d in DueState} == {
        "Fulfilled",
        "Overdue",
        "Due within 6 months",
        "On track",
    }


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("Siobhán", "van 't", "Hof"), "Siobhán van 't Hof"),
        (("Jan", "", "Jansen"), "Jan Jansen"),
        (("", "de", "Vries", "J.P."), "J.P. de Vries"),  # initials when no given name
        (("Piet", "de", "Vries", "P."), "Piet de Vries"),  # the given name wins
        (("  Anna ", " ", " Smit "), "Anna Smit"),
        (("", "", "Smit"), "Smit"),
    ],
)
def test_full_name(args: tuple[str, ...], expected: str) -> None:
    assert full_name(*args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("Siobhán", "van 't", "Hof"), "Hof, Siobhán van 't"),
        (("Jan", "", "Jansen"), "Jansen, Jan"),
        (("", "de", "Vries"), "Vries, de"),
        (("", "", "Smit"), "Smit"),
        ((" Eva ", " van der ", " Berg "), "Berg, Eva van der"),
    ],
)
def test_sort_name(args: tuple[str, str, str], expected: str) -> None:
    assert sort_name(*args) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doğan", "dogan"),
        ("Øyvind", "oyvind"),
        ("Łukasz", "lukasz"),
        ("Nguyễn", "nguyen"),
        ("Straße", "strasse"),
        ("Ærø", "aero"),
        ("ÉLISE", "elise"),
        ("Đorđe", "dorde"),
        ("Yıldız", "yildiz"),
        ("Siobhán van 't Hof", "siobhan van 't hof"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_makes_variants_match() -> None:
    assert fold("Müller") == fold("MULLER") == fold("muller")
    assert fold("dogan") in fold("Ayşe Doğan")


# --- workflow ------------------------------------------------------------------------------


def test_transition_table_covers_every_status() -> None:
    assert set(TRAJECTORY_TRANSITIONS) == set(S)
    for source, targets in TRAJECTORY_TRANSITIONS.items():
        assert source not in targets, f"{source} lists itself"
        assert targets <= set(S)


def test_every_unfinished_status_can_still_reach_an_end() -> None:
    ends = {S.QUALIFIED, S.EXEMPTED}
    for start in S:
        seen, todo = {start}, [start]
        while todo:
            for nxt in TRAJECTORY_TRANSITIONS[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert seen & ends, f"{start} cannot reach qualified or exempted"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.REGISTERED, [S.REGISTERED, S.INTAKE, S.EXEMPTED]),
        (S.INTAKE, [S.INTAKE, S.REGISTERED, S.LEARNING_ROUTE, S.EXEMPTED]),
        (S.LEARNING_ROUTE, [S.LEARNING_ROUTE, S.INTAKE, S.PORTFOLIO, S.EXEMPTED]),
        (S.PORTFOLIO, [S.PORTFOLIO, S.LEARNING_ROUTE, S.ASSESSMENT, S.EXEMPTED]),
        (S.ASSESSMENT, [S.ASSESSMENT, S.PORTFOLIO, S.QUALIFIED]),
        (S.QUALIFIED, [S.QUALIFIED]),
        (S.EXEMPTED, [S.EXEMPTED, S.REGISTERED]),
    ],
)
def test_allowed_next(status: S, expected: list[S]) -> None:
    assert allowed_next(status) == expected


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("new", list(S))
def test_check_transition_agrees_with_table(current: S, new: S) -> None:
    if new == current or new in TRAJECTORY_TRANSITIONS[current]:
        assert check_transition(current, new) is None
    else:
        with pytest.raises(IllegalTransitionError) as info:
            check_transition(current, new)
        assert f"'{current.label}' to '{new.label}'" in str(info.value)


def test_illegal_transition_message_lists_next_steps() -> None:
    with pytest.raises(IllegalTransitionError) as info:
        check_transition(S.REGISTERED, S.QUALIFIED)
    assert str(info.value) == (
        "A candidate cannot go from 'Registered' to 'Qualified'. "
        "From 'Registered' the next steps are: 'Intake', 'Exempted'."
    )
    assert isinstance(info.value, UtqError)


def test_qualified_is_final() -> None:
    with pytest.raises(IllegalTransitionError, match="status is final"):
        check_transition(S.QUALIFIED, S.ASSESSMENT)
    with pytest.raises(IllegalTransitionError):
        check_transition(S.ASSESSMENT, S.EXEMPTED)  # no exemption once assessed
    check_transition(S.EXEMPTED, S.REGISTERED)  # an exemption can be revoked


# --- competence frameworks -----------------------------------------------------------------

FRAMEWORKS = REPO / "resources" / "frameworks"


def test_shipped_4tu_framework() -> None:
    spec = load_framework_file(FRAMEWORKS / "4tu.json")
    assert (spec.code, spec.version, spec.source) == ("4tu", 1, "4tu.json")
    assert [len(c.criteria) for c in spec.competences] == [5, 3, 2, 2, 3]
    assert [c.en for c in spec.competences][:4] == [
        "Designing or redesigning education",
        "Teaching and supervising",
        "Assessment",
        "Evaluating teaching",
    ]
    assert spec.competences[0].criteria[0].code == "C1.1"
    assert [p.value for p in spec.scale] == [1, 2, 3, 4]
    assert spec.name_nl.startswith("4TU")


def test_shipped_leiden_framework() -> None:
    spec = load_framework_file(FRAMEWORKS / "leiden.json")
    assert (spec.code, spec.version) == ("leiden", 1)
    assert [c.en for c in spec.competences] == [
        "Teaching in practice",
        "Supervising students",
        "Testing & assessment",
        "Designing education",
        "Inclusive education",
    ]
    assert all(c.criteria and c.nl for c in spec.competences)


def test_shipped_frameworks_have_unique_codes() -> None:
    for path in sorted(FRAMEWORKS.glob("*.json")):
        spec = load_framework_file(path)
        codes = [c.code for c in spec.competences]
        codes += [k.code for c in spec.competences for k in c.criteria]
        assert len(codes) == len(set(codes)), path.name


def valid_framework() -> dict[str, Any]:
    return {
        "code": "test",
        "version": 2,
        "name": {"en": "Test framework", "nl": "Testraamwerk"},
        "scale": [{"value": 0, "en": "No", "nl": "Nee"}, {"value": 1, "en": "Yes", "nl": "Ja"}],
        "competences": [
            {
                "code": "C1",
                "en": "One",
                "nl": "Een",
                "criteria": [{"code": "C1.1", "en": "a", "nl": "a"}],
            },
            {
                "code": "C2",
                "en": "Two",
                "nl": "Twee",
                "criteria": [
                    {"code": "C2.1", "en": " b ", "nl": "b"},
                    {"code": "C2.2", "en": "c", "nl": "c"},
                ],
            },
        ],
    }


def test_valid_framework_parses(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(valid_framework()), encoding="utf-8")
    spec = load_framework_file(path)
    assert spec.code == "test"
    assert spec.version == 2
    assert spec.source == "mine.json"
    assert [c.code for c in spec.competences] == ["C1", "C2"]
    assert spec.competences[1].criteria[0].en == "b"  # trimmed
    assert [(p.value, p.nl) for p in spec.scale] == [(0, "Nee"), (1, "Ja")]


def _broken(mutate: Any) -> dict[str, Any]:
    raw = copy.deepcopy(valid_framework())
    mutate(raw)
    return raw


BROKEN = {
    "missing scale": (lambda r: r.pop("scale"), "framework.scale: must be a non-empty list"),
    "empty scale": (lambda r: r.update(scale=[]), "framework.scale: must be a non-empty list"),
    "duplicate scale value": (
        lambda r: r["scale"][1].update(value=0),
        "scale[2].value: 0 is used twice",
    ),
    "scale value not a number": (
        lambda r: r["scale"][0].update(value="1"),
        "scale[1].value: must be a whole number",
    ),
    "duplicate criterion code": (
        lambda r: r["competences"][1]["criteria"][1].update(code="C1.1"),
        "competences[2].criteria[2].code: 'C1.1' is used twice",
    ),
    "duplicate competence code": (
        lambda r: r["competences"][1].update(code="C1"),
        "competences[2].code: 'C1' is used twice",
    ),
    "empty competences": (
        lambda r: r.update(competences=[]),
        "framework.competences: must be a non-empty list",
    ),
    "competence without criteria": (
        lambda r: r["competences"][0].update(criteria=[]),
        "competences[1].criteria: must be a non-empty list",
    ),
    "competence not an object": (
        lambda r: r["competences"].__setitem__(1, "C2"),
        "competences[2]: must be an object",
    ),
    "criterion not an object": (
        lambda r: r["competences"][0]["criteria"].__setitem__(0, ["C1.1"]),
        "competences[1].criteria[1]: must be an object",
    ),
    "version zero": (lambda r: r.update(version=0), "framework.version: must be a whole number"),
    "version text": (lambda r: r.update(version="1"), "framework.version: must be a whole number"),
    "version bool": (lambda r: r.update(version=True), "framework.version: must be a whole number"),
    "version float": (lambda r: r.update(version=1.5), "framework.version: must be a whole number"),
    "missing version": (lambda r: r.pop("version"), "framework.version: must be a whole number"),
    "bad code": (lambda r: r.update(code="4 tu"), "framework.code: '4 tu' is not a valid code"),
    "missing code": (lambda r: r.pop("code"), "framework.code: must be a non-empty text"),
    "blank name": (lambda r: r["name"].update(nl="  "), "framework.name.nl: must be a non-empty"),
    "name not an object": (lambda r: r.update(name="Test"), "framework.name: must be an object"),
    "criterion without text": (
        lambda r: r["competences"][1]["criteria"][0].pop("nl"),
        "competences[2].criteria[1].nl: must be a non-empty text",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_framework_names_file_and_place(case: str, tmp_path: Path) -> None:
    mutate, expected = BROKEN[case]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_broken(mutate)), encoding="utf-8")
    with pytest.raises(FrameworkFileError) as info:
        load_framework_file(path)
    message = str(info.value)
    assert message.startswith("broken.json: "), message
    assert expected in message
    assert isinstance(info.value, ValidationError)


@pytest.mark.parametrize("raw", [[], "framework", 42, None])
def test_non_object_framework(raw: object) -> None:
    with pytest.raises(FrameworkFileError) as info:
        parse_framework(raw, "odd.json")
    assert str(info.value) == "odd.json: the file: must be an object."


def test_invalid_json_names_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"code": "x",\n  "version": }', encoding="utf-8")
    with pytest.raises(FrameworkFileError) as info:
        load_framework_file(path)
    message = str(info.value)
    assert message.startswith("broken.json: is not valid JSON")
    assert "line 2" in message


def test_framework_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"code": "caf\xe9"}')
    with pytest.raises(FrameworkFileError, match=r"^latin\.json: is not valid JSON"):
        load_framework_file(path)


def test_framework_file_missing(tmp_path: Path) -> None:
    with pytest.raises(FrameworkFileError, match=r"^gone\.json: cannot be read"):
        load_framework_file(tmp_path / "gone.json")


# --- resources -----------------------------------------------------------------------------


def test_resources_dir_finds_checkout_folder() -> None:
    found = resources.resources_dir()
    assert found == REPO / "resources"
    assert (found / "frameworks" / "4tu.json").is_file()
    assert resources.resource_path("frameworks", "leiden.json") == FRAMEWORKS / "leiden.json"


def test_resources_dir_prefers_pyinstaller_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources" / "frameworks").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resources_dir.cache_clear()
    try:
        assert resources.resources_dir() == tmp_path / "resources"
    finally:
        resources.resources_dir.cache_clear()


def test_resources_dir_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_MARKER", "no-such-folder-anywhere")
    resources.resources_dir.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="resources folder is missing"):
            resources.resources_dir()
    finally:
        resources.resources_dir.cache_clear()
