"""The candidate's language (of letters such as the exemption decision): Dutch unless set,
kept by the service, audited, and read from an optional 'Taal' / 'Language' column of an
HR staff list, where an empty cell never clears what is stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from database_backends import TempDatabase
from staff_workbooks import write_workbook

from utq_desktop.documents.staff_list import CellError, parse_language, read_staff_list
from utq_desktop.domain.enums import Language
from utq_desktop.errors import ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.import_plan import Outcome

TODAY = date(2026, 11, 23)


@pytest.fixture
def services(database: TempDatabase) -> Services:
    return database.open("hr", today=TODAY)


def test_dutch_by_default_english_when_chosen_and_audited(services: Services) -> None:
    dutch = services.candidates.create(CandidateInput(staff_number="1", surname="Jansen"))
    assert services.candidates.detail(dutch).data.language is Language.DUTCH
    english = services.candidates.create(
        CandidateInput(staff_number="2", surname="Smith", language=Language.ENGLISH)
    )
    detail = services.candidates.detail(english)
    assert detail.data.language is Language.ENGLISH
    services.candidates.update(
        english, replace(detail.data, language=Language.DUTCH), detail.row_version
    )
    events = services.audit.candidate_timeline(english)
    assert ("language", "en", "nl") in [(e.field, e.old_value, e.new_value) for e in events]


def test_an_unknown_language_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError, match="Dutch \\(nl\\) or English \\(en\\)") as error:
        services.candidates.create(
            CandidateInput(staff_number="1", surname="Jansen", language="de")  # type: ignore[arg-type]
        )
    assert error.value.field == "language"


def test_parse_language() -> None:
    for text, expected in (
        ("NL", "nl"),
        (" Nederlands ", "nl"),
        ("Dutch", "nl"),
        ("EN", "en"),
        ("Engels", "en"),
        ("english", "en"),
        ("", ""),
        (None, ""),
    ):
        assert parse_language(text if text is not None else "") == expected
    with pytest.raises(CellError, match="NL \\(Dutch\\) or EN \\(English\\)"):
        parse_language("Deutsch")


def test_a_staff_list_sets_the_language_and_an_empty_cell_keeps_it(
    services: Services, tmp_path: Path
) -> None:
    header = ["Personeelsnummer", "Achternaam", "Taal"]
    first = read_staff_list(
        write_workbook(
            tmp_path / "a.xlsx",
            [header, ["1", "Jansen", "NL"], ["2", "Smith", "Engels"], ["3", "Doğan", None]],
        )
    )
    assert first.mapping()[2] == "language"
    plan = services.staff_import.apply(first)
    assert plan.written and plan.rejected == 0
    languages = {r.staff_number: r.id for r in services.candidates.register()}
    assert [services.candidates.detail(languages[n]).data.language for n in "123"] == [
        Language.DUTCH,
        Language.ENGLISH,
        Language.DUTCH,  # no language given: Dutch letters
    ]
    second = read_staff_list(
        write_workbook(
            tmp_path / "b.xlsx",
            [header, ["1", "Jansen", "EN"], ["2", "Smith", None], ["3", "Doğan", "Turks"]],
        )
    )
    plan = services.staff_import.plan(second)
    outcomes = {row.staff_number: row.outcome for row in plan.rows}
    assert outcomes == {"1": Outcome.UPDATED, "2": Outcome.UNCHANGED, "3": Outcome.REJECTED}
    [problem] = plan.problems()
    assert problem.line() == (
        "row 4, column C (Taal): 'Turks' is not a language; write NL (Dutch) or EN (English)."
    )
