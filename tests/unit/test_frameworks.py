"""Competence frameworks as data: the shipped files, validation of broken files (named with
their problem), TOML, export in the same format, and versions that never rewrite records."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from utq_desktop.domain.framework_spec import (
    FrameworkFileError,
    framework_dict,
    framework_json,
    load_framework_file,
    parse_framework,
)
from utq_desktop.errors import ValidationError
from utq_desktop.resources import resource_path
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput, SelfDiagnosisInput, SelfRating
from utq_desktop.services.frameworks import builtin_frameworks
from utq_desktop.services.route_dto import ActivityInput

TODAY = date(2026, 11, 23)


def four_tu() -> dict[str, Any]:
    return json.loads(resource_path("frameworks", "4tu.json").read_text(encoding="utf-8"))


@pytest.fixture
def services(database: Any) -> Services:
    return database.open("anna", today=TODAY)


def candidate(services: Services, number: str, surname: str = "Doğan") -> int:
    return services.candidates.create(
        CandidateInput(staff_number=number, surname=surname, employment_start=date(2025, 9, 1))
    )


# --- the shipped frameworks --------------------------------------------------------------


def test_shipped_frameworks_have_codes_names_criteria_and_a_scale() -> None:
    specs = {spec.code: spec for spec in builtin_frameworks()}
    assert set(specs) == {"4tu", "leiden"}
    assert [c.code for c in specs["4tu"].competences] == ["C1", "C2", "C3", "C4", "C5"]
    assert [c.en for c in specs["leiden"].competences] == [
        "Teaching in practice",
        "Supervising students",
        "Testing & assessment",
        "Designing education",
        "Inclusive education",
    ]
    for spec in specs.values():
        assert spec.scale and spec.name_en and spec.name_nl
        for competence in spec.competences:
            assert competence.en and competence.nl and competence.criteria
            assert all(k.code and k.en and k.nl for k in competence.criteria)


# --- broken files ----------------------------------------------------------------------------


def broken(change: Any) -> dict[str, Any]:
    raw = four_tu()
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ([1, 2], "the file: must be an object"),
        (broken(lambda r: r.pop("code")), "framework.code: must be a non-empty text"),
        (broken(lambda r: r.update(code="4 tu")), "'4 tu' is not a valid code"),
        (broken(lambda r: r.update(version=0)), "framework.version: must be a whole number"),
        (broken(lambda r: r.update(version="2")), "framework.version: must be a whole number"),
        (broken(lambda r: r.update(competences=[])), "competences: must be a non-empty list"),
        (broken(lambda r: r["scale"].append(r["scale"][0])), "scale[5].value: 1 is used twice"),
        (
            broken(lambda r: r["competences"][1].update(code="C1")),
            "competences[2].code: 'C1' is used twice",
        ),
        (
            broken(lambda r: r["competences"][0]["criteria"][0].pop("nl")),
            "competences[1].criteria[1].nl: must be a non-empty text",
        ),
        (broken(lambda r: r["competences"][2].pop("criteria")), "competences[3].criteria"),
    ],
)
def test_broken_frameworks_are_refused_naming_file_and_problem(
    tmp_path: Path, raw: Any, problem: str
) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(FrameworkFileError) as caught:
        load_framework_file(path)
    assert str(caught.value).startswith("mine.json: ")
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("bad.json", b'{"code": "4tu",', "bad.json: is not valid JSON"),
        ("empty.json", b"", "empty.json: is not valid JSON"),
        ("latin.json", b'{"code": "caf\xe9"}', "latin.json: is not valid JSON"),
        ("bad.toml", b"code = ", "bad.toml: is not valid TOML"),
    ],
)
def test_unreadable_framework_files(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FrameworkFileError, match=f"^{problem}"):
        load_framework_file(path)


def test_a_missing_file_is_named() -> None:
    with pytest.raises(FrameworkFileError, match=r"^nowhere\.json: cannot be read"):
        load_framework_file(Path("/no/such/folder/nowhere.json"))


def test_toml_describes_the_same_framework(tmp_path: Path) -> None:
    path = tmp_path / "small.toml"
    path.write_text(
        """
code = "small"
version = 3
name = { en = "Small framework", nl = "Klein raamwerk" }
scale = [ { value = 1, en = "Not yet", nl = "Nog niet" }, { value = 2, en = "Yes", nl = "Ja" } ]

[[competences]]
code = "A"
en = "Teaching"
nl = "Onderwijzen"
criteria = [ { code = "A.1", en = "Teaches well", nl = "Onderwijst goed" } ]
""",
        encoding="utf-8",
    )
    spec = load_framework_file(path)
    assert (spec.code, spec.version, spec.name_nl) == ("small", 3, "Klein raamwerk")
    assert spec.competences[0].criteria[0].nl == "Onderwijst goed"


def test_framework_json_writes_the_file_format_back() -> None:
    spec = load_framework_file(resource_path("frameworks", "leiden.json"))
    again = parse_framework(json.loads(framework_json(spec)), "leiden.json")
    assert again == spec
    assert framework_dict(spec) == json.loads(
        resource_path("frameworks", "leiden.json").read_text(encoding="utf-8")
    )
    assert "Creëert" in framework_json(spec)  # letters as they are, not \\u escapes


# --- import, export and versions -------------------------------------------------------------


def write(tmp_path: Path, raw: dict[str, Any], name: str = "4tu-2027.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def renamed_c1(raw: dict[str, Any]) -> dict[str, Any]:
    raw["competences"][0]["en"] = "Designing education"
    raw["competences"][0]["criteria"].append(
        {"code": "C1.6", "en": "Designs for blended learning", "nl": "Ontwerpt blended"}
    )
    return raw


def test_import_of_a_stored_code_adds_the_next_version_and_never_rewrites_records(
    services: Services, database: Any, tmp_path: Path
) -> None:
    before = candidate(services, "0000001")
    v1 = services.candidates.detail(before).framework
    route = services.route.detail(before)
    services.route.add_activity(
        before, ActivityInput(title="Course design", competence_ids=(route.competences[0].id,))
    )
    competence = services.intake.detail(before).self_diagnosis.competences[0]
    services.intake.save_self_diagnosis(
        before, SelfDiagnosisInput(competences={competence.id: SelfRating(2)}), 0
    )
    stored = (
        "SELECT 'competence', id, framework_id, code, name_en FROM competence UNION ALL "
        "SELECT 'criterion', id, competence_id, code, name_en FROM criterion ORDER BY 1, 2"
    )
    rows_before = database.query(stored)

    imported = services.frameworks.import_file(write(tmp_path, renamed_c1(four_tu())))

    assert (imported.code, imported.version, imported.latest) == ("4tu", 2, True)
    assert imported.source == "4tu-2027.json" and imported.criteria == 16
    rows_after = database.query(stored)
    assert set(rows_before) < set(rows_after)  # nothing changed, version 2 added
    # the candidate, their route and their self-diagnosis stay on version 1
    assert services.candidates.detail(before).framework == v1
    route = services.route.detail(before)
    assert route.framework.endswith("(version 1)")
    assert route.competences[0].name == "Designing or redesigning education"
    assert route.activities[0].data.competence_ids == (route.competences[0].id,)
    assert services.intake.detail(before).self_diagnosis.framework.endswith("(version 1)")
    # a new candidate starts on version 2
    after = candidate(services, "0000002", "Jansen")
    assert services.candidates.detail(after).framework.endswith("(version 2)")
    assert services.route.detail(after).competences[0].name == "Designing education"
    versions = {(v.code, v.version): v for v in services.frameworks.versions()}
    assert versions[("4tu", 1)].candidates == 1 and not versions[("4tu", 1)].latest
    assert versions[("4tu", 2)].candidates == 1


def test_a_new_code_keeps_its_version_and_identical_content_is_refused(
    services: Services, tmp_path: Path, database: Any
) -> None:
    raw = four_tu()
    raw.update(code="utrecht", version=4)
    imported = services.frameworks.import_file(write(tmp_path, raw, "utrecht.json"))
    assert (imported.code, imported.version) == ("utrecht", 4)
    count = database.query("SELECT COUNT(*) FROM framework")[0][0]
    with pytest.raises(ValidationError, match=r"^utrecht\.json: .*already stored .*version 4"):
        services.frameworks.import_file(write(tmp_path, raw, "utrecht.json"))
    assert database.query("SELECT COUNT(*) FROM framework")[0][0] == count


def test_a_broken_file_stores_nothing(services: Services, tmp_path: Path, database: Any) -> None:
    raw = four_tu()
    raw["competences"][0]["criteria"] = []
    before = database.query("SELECT COUNT(*) FROM framework")[0][0]
    with pytest.raises(FrameworkFileError, match=r"^4tu-2027\.json: competences\[1\]\.criteria"):
        services.frameworks.import_file(write(tmp_path, raw))
    assert database.query("SELECT COUNT(*) FROM framework")[0][0] == before


def test_export_writes_the_same_format_and_imports_again(
    services: Services, tmp_path: Path
) -> None:
    leiden = next(v for v in services.frameworks.versions() if v.code == "leiden")
    target = tmp_path / "export.json"
    services.frameworks.export_file(leiden.id, target)
    assert load_framework_file(target) == replace(
        load_framework_file(resource_path("frameworks", "leiden.json")), source="export.json"
    )
    with pytest.raises(ValidationError, match="already stored with exactly this content"):
        services.frameworks.import_file(target)
    changed = json.loads(target.read_text(encoding="utf-8"))
    changed["name"]["en"] = "Leiden University UTQ modules 2027"
    target.write_text(json.dumps(changed), encoding="utf-8")
    assert services.frameworks.import_file(target).version == 2
