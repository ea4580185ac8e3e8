"""The intake tab's models through qtmodeltester, and its chart at two widths."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from ui.detail.intake.chart import ChartRow, CompetenceChart
from ui.detail.intake.cv import ExperienceModel
from ui.detail.intake.self_diagnosis import SelfDiagnosisModel, rating_lines
from ui.formatting import format_date
from ui.register.model import COLUMN_INDEX, CandidateTableModel
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.domain.intake import IntakeState, ProgrammeLevel
from utq_desktop.services.dto import (
    CompetenceInfo,
    CriterionInfo,
    RegisterRow,
    ScaleOption,
    SelfDiagnosis,
    SelfDiagnosisInput,
    SelfRating,
    TeachingExperience,
    TeachingExperienceInput,
)


def test_experience_model_passes_modeltester(qtmodeltester) -> None:
    model = ExperienceModel()
    line = TeachingExperienceInput("Optics", ProgrammeLevel.BACHELOR, "Tutor", 2020, 2020, 30)
    model.set_rows(
        (
            TeachingExperience(1, 1, line),
            TeachingExperience(2, 3, replace(line, course="Lasers", year_to=None, students=None)),
        )
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 3).data() == "2020"
    assert model.index(1, 3).data() == "2020–now"
    assert model.index(1, 4).data() == ""


def diagnosis() -> SelfDiagnosis:
    return SelfDiagnosis(
        "4TU (version 1)",
        (ScaleOption(1, "Beginner"), ScaleOption(2, "Developing"), ScaleOption(3, "Competent")),
        (
            CompetenceInfo(10, "C1", "Designing", (CriterionInfo(100, "C1.1", "Aligns"),)),
            CompetenceInfo(20, "C2", "Teaching", ()),
        ),
        SelfDiagnosisInput({10: SelfRating(2, "ok")}, {100: SelfRating(3, "")}),
    )


def test_self_diagnosis_model_passes_modeltester(qtmodeltester) -> None:
    model = SelfDiagnosisModel()
    model.set_lines(rating_lines(diagnosis()))
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 1).data() for r in range(3)] == [
        "2 · Developing",
        "3 · Competent",
        "not rated",
    ]
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "C1.1  Aligns"


def test_the_chart_fits_narrow_and_wide(qtbot) -> None:
    chart = CompetenceChart()
    qtbot.addWidget(chart)
    chart.set_data(
        [(1, "Beginner"), (2, "Developing"), (3, "Competent"), (4, "Advanced")],
        [ChartRow("C1", "Designing", 4, (3,)), ChartRow("C2", "Teaching", None)],
    )
    assert chart.heightForWidth(300) > chart.heightForWidth(700)  # names above the bars
    for width in (300, 700):
        chart.resize(width, chart.heightForWidth(width))
        assert not chart.grab().isNull()
    assert chart.accessibleDescription() == (
        "C1 Designing: 4 of 4 (Advanced); criteria rated separately: 3\nC2 Teaching: not rated"
    )


def register_row(cid: int, status: TrajectoryStatus, intake: IntakeState, **more) -> RegisterRow:
    return RegisterRow(
        id=cid,
        staff_number=f"{cid:07d}",
        full_name=f"Person {cid}",
        sort_name=f"person {cid}",
        email="",
        faculty="",
        department="",
        status=status,
        employment_start=date(2025, 9, 1),
        deadline=date(2028, 9, 1),
        due_state=DueState.ON_TRACK,
        supervisor="",
        archived=False,
        search_key=f"person {cid}",
        intake_state=intake,
        **more,
    )


def test_the_status_column_shows_the_intake_while_it_matters(qtmodeltester) -> None:
    S, IS = TrajectoryStatus, IntakeState
    model = CandidateTableModel()
    model.set_rows(
        [
            register_row(1, S.REGISTERED, IS.NOT_STARTED),
            register_row(2, S.INTAKE, IS.MEETING_PLANNED),
            register_row(3, S.LEARNING_ROUTE, IS.COMPLETED, intake_completed_on=date(2026, 3, 9)),
            register_row(4, S.REGISTERED, IS.DOCUMENTS_INCOMPLETE),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    column = COLUMN_INDEX["status"]
    cells = [model.index(r, column) for r in range(4)]
    assert [c.data() for c in cells] == [
        "Registered",
        "Intake · meeting planned",
        "Learning route",
        "Registered · documents incomplete",
    ]
    tips = [c.data(Qt.ItemDataRole.ToolTipRole) for c in cells]
    assert tips[1] == "Intake: Meeting planned"
    assert tips[2] == f"Intake completed on {format_date(date(2026, 3, 9))}"
