"""IntakeService: optimistic locking, and the trajectory following the intake (within reason)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

import utq_desktop.services.audit as audit_module
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.intake import IntakeState
from utq_desktop.errors import NotFoundError, StaleEditError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import (
    CandidateInput,
    DocumentsInput,
    MeetingInput,
    SelfDiagnosisInput,
    SelfRating,
    TeachingExperienceInput,
    TeachingTasksInput,
)

S = TrajectoryStatus
IS = IntakeState
TODAY = date(2026, 11, 23)

LINEAR_ALGEBRA = TeachingExperienceInput(
    course="Linear Algebra", role="Lecturer", year_from=2021, students=240, language="English"
)
TASKS = TeachingTasksInput("prof. dr. H. ter Beek", date(2026, 10, 1), "Coordinates Physics 1.")
ALL_SENT = DocumentsInput(True, True, True, date(2026, 10, 12))


@pytest.fixture
def services(database: Any) -> Services:
    return database.open("anna", today=TODAY)


@pytest.fixture
def ayse(services: Services) -> int:
    return services.candidates.create(
        CandidateInput(
            staff_number="0012345",
            first_name="Ayşe",
            surname="Doğan",
            fte=0.8,
            faculty="Science",
            employment_start=date(2025, 9, 1),
        )
    )


@pytest.fixture
def consultant(services: Services) -> int:
    return services.users.add("mbakker", "Marloes Bakker", "consultant")


def audit_rows(database: Any, candidate_id: int) -> list[tuple[Any, ...]]:
    return database.query(
        "SELECT entity, action, field, old_value, new_value, actor FROM audit_entry"
        " WHERE candidate_id = ? ORDER BY id",
        candidate_id,
    )


def status(services: Services, candidate_id: int) -> S:
    return services.candidates.detail(candidate_id).data.status


def ratings(services: Services, candidate_id: int, value: int) -> SelfDiagnosisInput:
    competences = services.intake.detail(candidate_id).self_diagnosis.competences
    return SelfDiagnosisInput({c.id: SelfRating(value, "") for c in competences})


def up_to_documents(services: Services, candidate_id: int) -> int:
    """CV, self-diagnosis, teaching tasks and the documents sent: ready for the meeting."""
    intake = services.intake
    intake.add_experience(candidate_id, LINEAR_ALGEBRA)
    version = intake.detail(candidate_id).row_version
    version = intake.save_self_diagnosis(candidate_id, ratings(services, candidate_id, 2), version)
    version = intake.save_teaching_tasks(candidate_id, TASKS, version)
    return intake.save_documents(candidate_id, ALL_SENT, version)


# --- optimistic locking ------------------------------------------------------------------


def test_a_second_save_of_the_intake_is_refused(database: Any, ayse: int) -> None:
    anna, bram = database.open("anna", today=TODAY), database.open("bram", today=TODAY)
    version = anna.intake.save_teaching_tasks(ayse, TASKS, 0)
    brams_view = bram.intake.detail(ayse)
    anna.intake.save_teaching_tasks(ayse, replace(TASKS, agreed="Two courses."), version)
    with pytest.raises(StaleEditError) as info:
        bram.intake.save_meeting(ayse, MeetingInput(date(2026, 12, 1)), brams_view.row_version)
    assert str(info.value).startswith("anna changed this intake (tasks_agreed) at ")
    assert bram.intake.detail(ayse).meeting == MeetingInput()


def test_a_self_diagnosis_edit_makes_other_open_edits_stale(database: Any, ayse: int) -> None:
    anna, bram = database.open("anna", today=TODAY), database.open("bram", today=TODAY)
    version = anna.intake.save_teaching_tasks(ayse, TASKS, 0)
    anna.intake.save_self_diagnosis(ayse, ratings(anna, ayse, 2), version)
    with pytest.raises(StaleEditError, match=r"anna changed this intake \(rating:C"):
        bram.intake.save_documents(ayse, ALL_SENT, version)


def test_two_people_starting_the_same_intake(database: Any, ayse: int) -> None:
    anna, bram = database.open("anna", today=TODAY), database.open("bram", today=TODAY)
    anna.intake.save_teaching_tasks(ayse, TASKS, 0)
    with pytest.raises(StaleEditError, match="anna changed this intake"):
        bram.intake.save_meeting(ayse, MeetingInput(date(2026, 12, 1)), 0)


def test_cv_lines_have_their_own_versions(database: Any, ayse: int) -> None:
    anna, bram = database.open("anna", today=TODAY), database.open("bram", today=TODAY)
    line = anna.intake.add_experience(ayse, LINEAR_ALGEBRA)
    other = anna.intake.add_experience(ayse, replace(LINEAR_ALGEBRA, course="Statistics"))
    assert anna.intake.update_experience(line, replace(LINEAR_ALGEBRA, students=250), 1) == 2
    with pytest.raises(StaleEditError, match=r"^anna changed this line of the CV \(students\)"):
        bram.intake.update_experience(line, replace(LINEAR_ALGEBRA, role="Tutor"), 1)
    bram.intake.update_experience(other, replace(LINEAR_ALGEBRA, course="Statistics 2"), 1)
    anna.intake.remove_experience(line, 2)
    with pytest.raises(StaleEditError, match=r"^anna removed this line of the CV"):
        bram.intake.remove_experience(line, 2)
    # a CV line never locks the rest of the intake
    version = anna.intake.detail(ayse).row_version
    anna.intake.add_experience(ayse, replace(LINEAR_ALGEBRA, course="Optics"))
    bram.intake.save_teaching_tasks(ayse, TASKS, version)


def test_an_intake_edit_makes_an_open_candidate_edit_stale(database: Any, ayse: int) -> None:
    anna, bram = database.open("anna", today=TODAY), database.open("bram", today=TODAY)
    brams_view = bram.candidates.detail(ayse)
    anna.intake.add_experience(ayse, LINEAR_ALGEBRA)  # moves the status to 'intake'
    with pytest.raises(StaleEditError, match=r"anna changed this candidate \(status\)"):
        bram.candidates.update(ayse, replace(brams_view.data, fte=1.0), brams_view.row_version)


def test_a_failure_after_writing_keeps_nothing(
    services: Services, ayse: int, database: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = audit_rows(database, ayse)
    real = audit_module.record

    def record_then_fail(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)
        if kwargs.get("entity") == "candidate":
            raise RuntimeError("power cut")

    monkeypatch.setattr(audit_module, "record", record_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        services.intake.add_experience(ayse, LINEAR_ALGEBRA)
    monkeypatch.undo()
    assert database.query("SELECT count(*) FROM intake") == [(0,)]
    assert database.query("SELECT count(*) FROM teaching_experience") == [(0,)]
    assert audit_rows(database, ayse) == before
    assert status(services, ayse) is S.REGISTERED


def test_missing_candidate_and_line(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.intake.detail(42)
    with pytest.raises(NotFoundError):
        services.intake.add_experience(42, LINEAR_ALGEBRA)
    with pytest.raises(StaleEditError, match="changed by someone else"):
        services.intake.update_experience(42, LINEAR_ALGEBRA, 1)


# --- the trajectory follows, within reason -----------------------------------------------


def test_taking_back_a_completion_moves_back_to_intake(
    services: Services, ayse: int, consultant: int
) -> None:
    version = up_to_documents(services, ayse)
    held = MeetingInput(date(2026, 11, 20), "Marloes", True, consultant)
    version = services.intake.save_meeting(ayse, held, version)
    assert status(services, ayse) is S.LEARNING_ROUTE
    services.intake.save_meeting(ayse, replace(held, held=False), version)
    assert status(services, ayse) is S.INTAKE
    assert services.candidates.detail(ayse).supervisor == "Marloes Bakker"  # kept


def test_a_candidate_further_along_is_not_moved(
    services: Services, ayse: int, consultant: int
) -> None:
    detail = services.candidates.detail(ayse)
    version = detail.row_version
    for step in (S.INTAKE, S.LEARNING_ROUTE, S.PORTFOLIO):
        version = services.candidates.update(ayse, replace(detail.data, status=step), version)
    version = up_to_documents(services, ayse)
    held = MeetingInput(date(2026, 11, 20), "Marloes", True, consultant)
    version = services.intake.save_meeting(ayse, held, version)
    candidate = services.candidates.detail(ayse)
    assert (candidate.data.status, candidate.supervisor) == (S.PORTFOLIO, "Marloes Bakker")
    services.intake.save_meeting(ayse, replace(held, held=False), version)
    assert status(services, ayse) is S.PORTFOLIO


def test_an_exempted_candidate_is_not_moved(services: Services, ayse: int) -> None:
    detail = services.candidates.detail(ayse)
    services.candidates.update(ayse, replace(detail.data, status=S.EXEMPTED), 1)
    services.intake.add_experience(ayse, LINEAR_ALGEBRA)
    assert status(services, ayse) is S.EXEMPTED


def test_a_new_supervisor_on_a_completed_intake_follows(
    services: Services, ayse: int, consultant: int
) -> None:
    other = services.users.add("pvdam", "Peter van Dam", "consultant")
    version = up_to_documents(services, ayse)
    held = MeetingInput(date(2026, 11, 20), "Marloes", True, consultant)
    version = services.intake.save_meeting(ayse, held, version)
    # the coordinator later gives her another supervisor in the candidate dialog ...
    candidate = services.candidates.detail(ayse)
    services.candidates.update(
        ayse, replace(candidate.data, supervisor_id=other), candidate.row_version
    )
    # ... and an unrelated intake edit leaves that choice alone
    version = services.intake.save_meeting(ayse, replace(held, agreements="Route A"), version)
    assert services.candidates.detail(ayse).supervisor == "Peter van Dam"
    services.intake.save_meeting(ayse, replace(held, supervisor_id=consultant), version)
    assert services.candidates.detail(ayse).supervisor == "Peter van Dam"  # unchanged outcome
    version = services.intake.detail(ayse).row_version
    services.intake.save_meeting(ayse, replace(held, supervisor_id=other), version)
    assert services.intake.detail(ayse).supervisor == "Peter van Dam"


def test_clearing_everything_moves_back_to_registered(services: Services, ayse: int) -> None:
    version = services.intake.save_teaching_tasks(ayse, TASKS, 0)
    assert status(services, ayse) is S.INTAKE
    services.intake.save_teaching_tasks(ayse, TeachingTasksInput(), version)
    assert services.intake.states()[ayse] is IS.NOT_STARTED
    assert status(services, ayse) is S.REGISTERED
