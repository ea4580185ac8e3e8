"""The exemption register: every case with its status, days open and next action, the
open ones first; and its Excel export, with real dates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from utq_desktop.domain.exemption import CaseStatus, ExemptionGround, Verdict
from utq_desktop.errors import WorkbookError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.exemption_dto import CaseInput, StepInput

TODAY = date(2026, 3, 20)
C = CaseStatus


@pytest.fixture
def services(database: Any) -> Services:
    services = database.open("lkramer", today=TODAY)
    people = (
        ("1", "Ayşe", "", "Doğan", "Science", ExemptionGround.VELON, date(2026, 3, 1), 0),
        ("2", "Siobhán", "van 't", "Hof", "Law", ExemptionGround.FOREIGN, date(2026, 1, 5), 2),
        ("3", "Øyvind", "", "Ångström", "Science", ExemptionGround.OTHER, date(2025, 11, 3), 5),
    )
    for number, first, prefix, surname, faculty, ground, filed, steps in people:
        cid = services.candidates.create(
            CandidateInput(
                staff_number=number,
                first_name=first,
                prefix=prefix,
                surname=surname,
                faculty=faculty,
            )
        )
        case_id = services.exemption.file_case(
            cid,
            CaseInput(ground, "Diplôme" if ground is ExemptionGround.OTHER else "", filed, "HR"),
        )
        version = 1
        plan = (
            StepInput(C.UNDER_EVALUATION, filed, "HR", advisor="Peter van Dam"),
            StepInput(C.MEETING_PLANNED, filed, "P", meeting_on=date(2026, 1, 20)),
            StepInput(
                C.ADVICE_GIVEN, date(2026, 1, 20), "P", verdict=Verdict.REFUSE, motivation="m"
            ),
            StepInput(C.DECIDED, date(2026, 1, 27), "Dean", verdict=Verdict.REFUSE, motivation="m"),
            StepInput(C.INFORMED, date(2026, 2, 2), "HR"),
        )
        for step in plan[:steps]:
            version = services.exemption.advance(case_id, step, version)
    return services


def test_rows_status_days_open_and_next_action(services: Services) -> None:
    rows = services.exemption.register()
    assert [(r.candidate_name, r.status, r.days_open, r.next_action) for r in rows] == [
        ("Siobhán van 't Hof", C.MEETING_PLANNED, 74, "Hold the meeting and give the advice"),
        ("Ayşe Doğan", C.FILED, 19, "Assign an exemption advisor"),
        ("Øyvind Ångström", C.INFORMED, 91, ""),  # closed: 3-11-2025 to 2-2-2026
    ]
    closed = rows[-1]
    assert closed.closed_on == date(2026, 2, 2) and closed.decision is Verdict.REFUSE
    assert rows[0].meeting_on == date(2026, 1, 20) and rows[0].advisor == "Peter van Dam"
    assert {r.faculty for r in rows} == {"Science", "Law"}


def test_export_writes_real_dates_and_the_rows_given(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "exemptions.xlsx"
    assert services.exemption.export_register(path) == 3
    sheet = load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:5] == ("Staff number", "Candidate", "Faculty", "Ground", "Status")
    first = values[1]
    assert first[1] == "Siobhán van 't Hof"
    assert first[4] == "Meeting planned"
    assert first[6] == datetime(2026, 1, 5)  # a real date, not text
    assert sheet.cell(row=2, column=7).number_format == "d-m-yyyy"
    assert first[9] == 74 and first[10] == "Hold the meeting and give the advice"
    assert values[3][4] == "Candidate informed (refused)"
    assert values[3][8] == datetime(2026, 2, 2)
    science = [r for r in services.exemption.register() if r.faculty == "Science"]
    assert services.exemption.export_register(path, science) == 2
    assert load_workbook(path).active.max_row == 3


def test_export_to_a_bad_place_says_so(services: Services, tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="does not exist"):
        services.exemption.export_register(tmp_path / "missing" / "x.xlsx")
    with pytest.raises(WorkbookError, match=r"\.xlsx"):
        services.exemption.export_register(tmp_path / "x.csv")
