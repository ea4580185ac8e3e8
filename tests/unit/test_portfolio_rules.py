"""The portfolio's pure rules: a criterion's coverage, the required-components checklist
(recognised competences need no evidence), the dossier's state changes, the framework
file's requirements block, and which dates cannot be."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from utq_desktop.domain.framework_spec import (
    FrameworkFileError,
    framework_dict,
    load_framework_file,
)
from utq_desktop.domain.portfolio import (
    DEFAULT_REQUIREMENTS,
    CompetenceFacts,
    CriterionState,
    DossierState,
    Requirements,
    RequirementsNotMetError,
    check_day,
    check_dossier_transition,
    check_requirements,
    check_supervisor_state,
    coverage_state,
    dossier_next,
    requirements_from_dict,
    unmet,
)
from utq_desktop.errors import IllegalTransitionError, ValidationError
from utq_desktop.resources import resource_path

C = CriterionState
D = DossierState


@pytest.mark.parametrize(
    ("set_state", "evidence", "recognised", "expected"),
    [
        (None, 0, False, C.NO_EVIDENCE),
        (None, 2, False, C.IN_PROGRESS),
        (C.READY, 1, False, C.READY),
        (C.ACCEPTED, 3, False, C.ACCEPTED),
        (C.NEEDS_REVISION, 1, False, C.NEEDS_REVISION),
        (C.ACCEPTED, 0, False, C.NO_EVIDENCE),  # the evidence was removed afterwards
        (None, 0, True, C.RECOGNISED),
        (C.NEEDS_REVISION, 2, True, C.RECOGNISED),
    ],
)
def test_coverage_state(
    set_state: CriterionState | None, evidence: int, recognised: bool, expected: CriterionState
) -> None:
    assert coverage_state(set_state, evidence, recognised) is expected


def test_only_supervisor_states_can_be_set() -> None:
    check_supervisor_state(None)
    for state in (C.IN_PROGRESS, C.READY, C.ACCEPTED, C.NEEDS_REVISION):
        check_supervisor_state(state)
    for state in (C.NO_EVIDENCE, C.RECOGNISED):
        with pytest.raises(ValidationError, match="follows from the evidence"):
            check_supervisor_state(state)


def facts(code: str, items: int, reflections: int, recognised: str = "") -> CompetenceFacts:
    return CompetenceFacts(
        code,
        f"Competence {code}",
        (f"{code}.1", f"{code}.2"),
        items,
        reflections,
        bool(recognised),
        recognised,
    )


def test_the_4tu_checklist_lists_each_competence_and_the_observations() -> None:
    checks = check_requirements(
        DEFAULT_REQUIREMENTS, [facts("C1", 2, 1), facts("C2", 1, 0)], {}, observations=0
    )
    assert [(c.key, c.met) for c in checks] == [
        ("evidence:C1", True),
        ("reflection:C1", True),
        ("evidence:C2", True),
        ("reflection:C2", False),
        ("observations", False),
    ]
    assert checks[0].label == "C1 Competence C1: at least 1 evidence item"
    assert checks[0].detail == "2 items"
    assert [c.key for c in unmet(checks)] == ["reflection:C2", "observations"]


def test_a_recognised_competence_needs_no_evidence() -> None:
    requirements = Requirements(2, 1, True, 0)
    checks = check_requirements(
        requirements,
        [facts("C3", 0, 0, recognised="Partial certificate, Utrecht University")],
        {},
        observations=0,
    )
    assert all(c.met for c in checks)
    assert {c.key for c in checks} == {
        "evidence:C3",
        "reflection:C3",
        "criterion:C3.1",
        "criterion:C3.2",
    }
    assert checks[0].detail == "recognised: Partial certificate, Utrecht University"


def test_evidence_per_criterion_counts_items_and_observations() -> None:
    checks = check_requirements(
        Requirements(evidence_per_criterion=2), [facts("C1", 3, 0)], {"C1.1": 2, "C1.2": 1}, 0
    )
    assert [(c.key, c.met, c.detail) for c in checks] == [
        ("criterion:C1.1", True, "2 pieces"),
        ("criterion:C1.2", False, "1 piece"),
    ]


def test_no_requirements_means_an_empty_checklist() -> None:
    assert check_requirements(Requirements(), [facts("C1", 0, 0)], {}, 0) == ()
    assert Requirements().none and not DEFAULT_REQUIREMENTS.none


def test_requirements_not_met_error_names_what_is_missing() -> None:
    missing = unmet(check_requirements(DEFAULT_REQUIREMENTS, [facts("C1", 0, 0)], {}, 0))
    error = RequirementsNotMetError(missing)
    assert isinstance(error, IllegalTransitionError)
    assert error.missing == missing
    assert "C1 Competence C1: at least 1 evidence item" in str(error)
    assert "submit with a reason" in str(error)


def test_dossier_transitions() -> None:
    check_dossier_transition(D.WORKING, D.READY)
    check_dossier_transition(D.READY, D.WORKING)
    check_dossier_transition(D.READY, D.SUBMITTED)
    check_dossier_transition(D.SUBMITTED, D.WORKING)
    assert dossier_next(D.READY) == [D.WORKING, D.SUBMITTED]
    with pytest.raises(IllegalTransitionError, match="marks it ready first"):
        check_dossier_transition(D.WORKING, D.SUBMITTED)
    with pytest.raises(IllegalTransitionError, match="already submitted"):
        check_dossier_transition(D.SUBMITTED, D.SUBMITTED)
    with pytest.raises(IllegalTransitionError, match="already marked ready"):
        check_dossier_transition(D.READY, D.READY)
    with pytest.raises(IllegalTransitionError, match="being assessed"):
        check_dossier_transition(D.SUBMITTED, D.READY)


def test_requirements_block_is_validated() -> None:
    assert requirements_from_dict({"class_observations": 2}) == Requirements(class_observations=2)
    with pytest.raises(ValidationError, match="unknown requirement"):
        requirements_from_dict({"observations": 1})
    with pytest.raises(ValidationError, match="true or false"):
        requirements_from_dict({"reflection_per_competence": 1})
    with pytest.raises(ValidationError, match="from 0 to 50"):
        requirements_from_dict({"evidence_per_competence": -1})
    with pytest.raises(ValidationError, match="from 0 to 50"):
        requirements_from_dict({"evidence_per_competence": True})
    with pytest.raises(ValidationError, match="must be an object"):
        requirements_from_dict([1])


def test_framework_files_declare_requirements_or_get_the_defaults(tmp_path: Path) -> None:
    shipped = load_framework_file(resource_path("frameworks", "4tu.json"))
    assert shipped.requirements == DEFAULT_REQUIREMENTS
    raw = json.loads(resource_path("frameworks", "4tu.json").read_text(encoding="utf-8"))
    del raw["requirements"]
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(raw), encoding="utf-8")
    assert load_framework_file(plain).requirements is None  # the defaults apply
    raw["requirements"] = {}
    plain.write_text(json.dumps(raw), encoding="utf-8")
    nothing = load_framework_file(plain)
    assert nothing.requirements == Requirements()
    assert framework_dict(nothing)["requirements"] == {}  # written back as declared
    raw["requirements"] = {"class_observations": "one"}
    plain.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(FrameworkFileError, match=r"plain.json: .*class_observations"):
        load_framework_file(plain)


def test_impossible_days() -> None:
    today = date(2026, 6, 1)
    check_day(today, today, "date", "made_on", required=True)
    check_day(None, today, "date", "made_on", required=False)
    with pytest.raises(ValidationError, match="Enter the date") as missing:
        check_day(None, today, "date", "made_on", required=True)
    assert missing.value.field == "made_on"
    with pytest.raises(ValidationError, match="still to come"):
        check_day(date(2026, 6, 2), today, "date", "made_on", required=True)
    with pytest.raises(ValidationError, match="before 1970"):
        check_day(date(1926, 6, 1), today, "date", "made_on", required=True)
