"""IntakeService over a real database: the intake journey, validation, audit, the CV
document, the register and the state lookup (locking: test_intake_locking.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import utq_desktop.services.intake as intake_module
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.framework_spec import load_framework_file
from utq_desktop.domain.intake import IntakeState, ProgrammeLevel
from utq_desktop.errors import ValidationError
from utq_desktop.resources import resource_path
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
from utq_desktop.services.frameworks import add_framework
from utq_desktop.services.register_filter import RegisterFilter, RegisterIndex

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


# --- the journey -------------------------------------------------------------------------


def test_the_intake_journey(services: Services, ayse: int, consultant: int, database: Any) -> None:
    intake = services.intake
    assert intake.states() == {ayse: IS.NOT_STARTED}
    detail = intake.detail(ayse)
    assert (detail.state, detail.row_version, detail.experiences) == (IS.NOT_STARTED, 0, ())
    assert detail.self_diagnosis.framework.startswith("4TU")
    assert [c.code for c in detail.self_diagnosis.competences] == ["C1", "C2", "C3", "C4", "C5"]
    assert [p.value for p in detail.self_diagnosis.scale] == [1, 2, 3, 4]

    line = intake.add_experience(ayse, LINEAR_ALGEBRA)
    assert intake.states([ayse]) == {ayse: IS.DOCUMENTS_INCOMPLETE}
    assert status(services, ayse) is S.INTAKE  # starting the intake started the trajectory
    detail = intake.detail(ayse)
    assert [e.id for e in detail.experiences] == [line]
    assert detail.experiences[0].data == LINEAR_ALGEBRA

    version = up_to_documents(services, ayse)
    assert intake.states([ayse])[ayse] is IS.READY_FOR_MEETING
    version = intake.save_meeting(ayse, MeetingInput(date(2026, 11, 20), "Marloes Bakker"), version)
    assert intake.states([ayse])[ayse] is IS.MEETING_PLANNED
    row = services.candidates.register_row(ayse)
    assert (row.status, row.intake_state, row.intake_completed_on) == (
        S.INTAKE,
        IS.MEETING_PLANNED,
        None,
    )

    held = MeetingInput(date(2026, 11, 20), "Marloes Bakker", True, consultant, "Modules 1–3.")
    intake.save_meeting(ayse, held, version)
    detail = intake.detail(ayse)
    assert (detail.state, detail.completed_on, detail.supervisor) == (
        IS.COMPLETED,
        date(2026, 11, 20),
        "Marloes Bakker",
    )
    candidate = services.candidates.detail(ayse)
    assert (candidate.data.status, candidate.supervisor) == (S.LEARNING_ROUTE, "Marloes Bakker")
    row = services.candidates.register_row(ayse)
    assert (row.status, row.intake_state, row.intake_completed_on, row.supervisor) == (
        S.LEARNING_ROUTE,
        IS.COMPLETED,
        date(2026, 11, 20),
        "Marloes Bakker",
    )
    candidate_changes = [
        r[2:5] for r in audit_rows(database, ayse) if r[0] == "candidate" and r[1] == "update"
    ]
    assert candidate_changes == [
        ("status", "registered", "intake"),
        ("status", "intake", "learning_route"),
        ("supervisor", None, "Marloes Bakker"),
    ]
    assert set(detail.changes) == {"cv", "self_diagnosis", "tasks", "documents", "meeting"}
    assert {change.actor for change in detail.changes.values()} == {"anna"}


def test_every_change_is_audited_with_the_candidate(
    services: Services, ayse: int, database: Any
) -> None:
    line = services.intake.add_experience(ayse, LINEAR_ALGEBRA)
    version = services.intake.detail(ayse).row_version
    competences = services.intake.detail(ayse).self_diagnosis.competences
    c1, c2 = competences[0], competences[1]
    diagnosis = SelfDiagnosisInput(
        {c1.id: SelfRating(3, "Much experience"), c2.id: SelfRating(None, "Unsure")},
        {c1.criteria[1].id: SelfRating(2, "")},
    )
    version = services.intake.save_self_diagnosis(ayse, diagnosis, version)
    services.intake.update_experience(line, replace(LINEAR_ALGEBRA, students=260), 1)
    services.intake.remove_experience(line, 2)
    rows = [r for r in audit_rows(database, ayse) if r[0] != "candidate" or r[1] != "create"]
    assert rows == [
        ("teaching_experience", "create", "course", None, "Linear Algebra", "anna"),
        ("teaching_experience", "create", "level", None, "bachelor", "anna"),
        ("teaching_experience", "create", "role", None, "Lecturer", "anna"),
        ("teaching_experience", "create", "year_from", None, "2021", "anna"),
        ("teaching_experience", "create", "students", None, "240", "anna"),
        ("teaching_experience", "create", "language", None, "English", "anna"),
        ("intake", "create", None, None, None, "anna"),
        ("candidate", "update", "status", "registered", "intake", "anna"),
        ("self_diagnosis", "update", "rating:C1", None, "3 (Competent)", "anna"),
        ("self_diagnosis", "update", "notes:C1", None, "Much experience", "anna"),
        ("self_diagnosis", "update", "rating:C1.2", None, "2 (Developing)", "anna"),
        ("self_diagnosis", "update", "notes:C2", None, "Unsure", "anna"),
        ("teaching_experience", "update", "students", "240", "260", "anna"),
        ("teaching_experience", "delete", "course", "Linear Algebra", None, "anna"),
    ]
    timeline = services.audit.candidate_timeline(ayse)
    assert {event.entity for event in timeline} >= {"intake", "teaching_experience"}


def test_saving_the_same_again_writes_nothing(services: Services, ayse: int, database: Any) -> None:
    assert services.intake.save_teaching_tasks(ayse, TeachingTasksInput(), 0) == 0
    assert services.intake.save_meeting(ayse, MeetingInput(), 0) == 0
    assert database.query("SELECT count(*) FROM intake") == [(0,)]
    version = services.intake.save_teaching_tasks(ayse, TASKS, 0)
    before = audit_rows(database, ayse)
    assert (
        services.intake.save_teaching_tasks(
            ayse, replace(TASKS, agreed=" " + TASKS.agreed), version
        )
        == version
    )
    diagnosis = ratings(services, ayse, 3)
    version = services.intake.save_self_diagnosis(ayse, diagnosis, version)
    after = audit_rows(database, ayse)
    assert services.intake.save_self_diagnosis(ayse, diagnosis, version) == version
    assert audit_rows(database, ayse) == after != before


def test_a_self_diagnosis_edit_replaces_and_clears(services: Services, ayse: int) -> None:
    competences = services.intake.detail(ayse).self_diagnosis.competences
    first = {c.id: SelfRating(2, "note") for c in competences}
    version = services.intake.save_self_diagnosis(ayse, SelfDiagnosisInput(first), 0)
    second = {competences[0].id: SelfRating(4, "")}
    services.intake.save_self_diagnosis(ayse, SelfDiagnosisInput(second), version)
    stored = services.intake.detail(ayse).self_diagnosis.ratings
    assert stored.competences == second
    assert stored.criteria == {}


# --- validation --------------------------------------------------------------------------

BAD_LINES = {
    "no course": ({"course": "  "}, "course", "course is required"),
    "no start year": ({"year_from": None}, "year_from", "year the teaching started"),
    "start year far back": ({"year_from": 1949}, "year_from", "1949 is impossible"),
    "start year ahead": ({"year_from": 2028}, "year_from", "2028 is impossible"),
    "ends before it starts": ({"year_to": 2020}, "year_to", "between the start year 2021"),
    "no students": ({"students": 0}, "students", "number of students is 1"),
    "long role": ({"role": "x" * 61}, "role", "at most 60"),
}


@pytest.mark.parametrize("case", list(BAD_LINES))
def test_a_bad_cv_line_is_refused(case: str, services: Services, ayse: int, database: Any) -> None:
    changes, field, message = BAD_LINES[case]
    with pytest.raises(ValidationError) as info:
        services.intake.add_experience(ayse, replace(LINEAR_ALGEBRA, **changes))
    assert info.value.field == field
    assert message in str(info.value)
    assert database.query("SELECT count(*) FROM intake") == [(0,)]
    assert status(services, ayse) is S.REGISTERED


def test_cv_line_edges_are_accepted(services: Services, ayse: int) -> None:
    for line in (
        replace(LINEAR_ALGEBRA, year_from=1950, year_to=None, students=None),
        replace(LINEAR_ALGEBRA, year_from=2027, year_to=2028, students=100_000),
        replace(LINEAR_ALGEBRA, course=" Kwantummechanica ", level=ProgrammeLevel.MASTER),
    ):
        services.intake.add_experience(ayse, line)
    courses = [e.data.course for e in services.intake.detail(ayse).experiences]
    assert sorted(courses) == ["Kwantummechanica", "Linear Algebra", "Linear Algebra"]


@pytest.mark.parametrize(
    ("documents", "field", "message"),
    [
        (DocumentsInput(cv=True), "documents_sent_on", "Enter the date the documents were sent"),
        (DocumentsInput(sent_on=date(2026, 10, 1)), "cv_sent", "Tick the documents"),
        (replace(ALL_SENT, sent_on=date(2026, 11, 24)), "documents_sent_on", "impossible"),
    ],
)
def test_bad_documents_are_refused(
    services: Services, ayse: int, documents: DocumentsInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        services.intake.save_documents(ayse, documents, 0)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("meeting", "field", "message"),
    [
        (MeetingInput(held=True, supervisor_id=1), "meeting_on", "date the meeting was held"),
        (MeetingInput(date(2026, 12, 1), held=True, supervisor_id=1), "meeting_held", "yet"),
        (MeetingInput(date(2026, 11, 1), held=True), "supervisor_id", "UTQ supervisor"),
        (MeetingInput(date(2029, 1, 1)), "meeting_on", "impossible"),
        (MeetingInput(date(2026, 11, 1), supervisor_id=999), "supervisor_id", "does not exist"),
        (MeetingInput(agreements="x" * 5001), "agreements", "at most 5000"),
    ],
)
def test_bad_meetings_are_refused(
    services: Services, ayse: int, meeting: MeetingInput, field: str, message: str
) -> None:
    services.users.add("c1", "Consultant One", "consultant")
    with pytest.raises(ValidationError, match=message) as info:
        services.intake.save_meeting(ayse, meeting, 0)
    assert info.value.field == field
    assert services.intake.detail(ayse).row_version == 0


def test_a_future_meeting_may_be_planned(services: Services, ayse: int) -> None:
    services.intake.save_meeting(ayse, MeetingInput(date(2028, 11, 23), "Marloes"), 0)
    assert services.intake.states()[ayse] is IS.MEETING_PLANNED


def test_self_ratings_are_checked_against_the_framework(services: Services, ayse: int) -> None:
    competence = services.intake.detail(ayse).self_diagnosis.competences[0]
    with pytest.raises(ValidationError, match="one of 1, 2, 3, 4") as info:
        services.intake.save_self_diagnosis(
            ayse, SelfDiagnosisInput({competence.id: SelfRating(5, "")}), 0
        )
    assert info.value.field == f"competence_rating_{competence.id}"
    leiden = next(f for f in services.frameworks.list() if f.code == "leiden")
    assert leiden  # a competence of another framework is refused
    other = 10_000
    with pytest.raises(ValidationError, match="not part of this candidate's competence framework"):
        services.intake.save_self_diagnosis(
            ayse, SelfDiagnosisInput(criteria={other: SelfRating(2, "")}), 0
        )


def test_a_new_framework_version_leaves_a_self_diagnosis_alone(
    services: Services, ayse: int
) -> None:
    before = services.intake.detail(ayse).self_diagnosis
    services.intake.save_self_diagnosis(ayse, ratings(services, ayse, 3), 0)
    spec = load_framework_file(resource_path("frameworks") / "4tu.json")
    renamed = replace(spec.competences[0], en="Designing education (2027)")
    with services.context.transaction() as session:
        add_framework(
            session, replace(spec, version=2, competences=(renamed, *spec.competences[1:]))
        )
    newcomer = services.candidates.create(CandidateInput(staff_number="0099", surname="Nieuw"))
    after = services.intake.detail(ayse).self_diagnosis
    assert after.framework == before.framework
    assert [c.id for c in after.competences] == [c.id for c in before.competences]
    assert set(after.ratings.competences) == {c.id for c in before.competences}
    assert "(version 2)" in services.intake.detail(newcomer).self_diagnosis.framework


# --- the CV document ---------------------------------------------------------------------


def test_attach_replace_and_remove_the_cv_document(
    services: Services, ayse: int, tmp_path: Path, database: Any
) -> None:
    first = tmp_path / "CV Ayşe Doğan.pdf"
    first.write_bytes(b"%PDF-1.4 first")
    version = services.intake.attach_cv_document(ayse, services.files.read_upload(first), 0)
    detail = services.intake.detail(ayse)
    assert detail.cv_document is not None
    assert (detail.cv_document.name, detail.cv_document.size) == ("CV Ayşe Doğan.pdf", 14)
    assert detail.state is IS.DOCUMENTS_INCOMPLETE  # a CV counts as a start
    assert services.files.content(detail.cv_document.sha256) == b"%PDF-1.4 first"
    second = tmp_path / "cv-2026.docx"
    second.write_bytes(b"second")
    version = services.intake.attach_cv_document(ayse, services.files.read_upload(second), version)
    assert services.intake.detail(ayse).cv_document.name == "cv-2026.docx"  # type: ignore[union-attr]
    services.intake.remove_cv_document(ayse, version)
    assert services.intake.detail(ayse).cv_document is None
    changes = [r[2:5] for r in audit_rows(database, ayse) if r[0] == "intake" and r[2]]
    assert changes == [
        ("cv_document", None, "CV Ayşe Doğan.pdf"),
        ("cv_document", "CV Ayşe Doğan.pdf", "cv-2026.docx"),
        ("cv_document", "cv-2026.docx", None),
    ]


# --- the register and the state lookup ---------------------------------------------------


def test_states_for_some_many_and_unknown_ids(
    services: Services, ayse: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = services.candidates.create(CandidateInput(staff_number="0023456", surname="Hof"))
    services.intake.save_teaching_tasks(ayse, TASKS, 0)
    assert services.intake.states() == {ayse: IS.DOCUMENTS_INCOMPLETE, other: IS.NOT_STARTED}
    assert services.intake.states([other, 999]) == {other: IS.NOT_STARTED}
    assert services.intake.states([]) == {}
    monkeypatch.setattr(intake_module, "IN_LIST_LIMIT", 1)  # the one-pass path
    assert services.intake.states([ayse, 999]) == {ayse: IS.DOCUMENTS_INCOMPLETE}


def test_register_rows_filter_by_intake_state(
    services: Services, ayse: int, consultant: int
) -> None:
    other = services.candidates.create(CandidateInput(staff_number="0023456", surname="Hof"))
    version = up_to_documents(services, ayse)
    rows = services.candidates.register()
    assert {row.id: row.intake_state for row in rows} == {
        ayse: IS.READY_FOR_MEETING,
        other: IS.NOT_STARTED,
    }
    index = RegisterIndex(rows)
    order = list(range(len(rows)))
    ready = RegisterFilter(intake=IS.READY_FOR_MEETING)
    assert [rows[i].id for i in index.select(order, ready)] == [ayse]
    assert ready.accepts(rows[[r.id for r in rows].index(ayse)])
    assert not RegisterFilter(intake=IS.COMPLETED).narrows(RegisterFilter())
    services.intake.save_meeting(
        ayse, MeetingInput(date(2026, 11, 2), "", True, consultant), version
    )
    assert services.candidates.register_row(ayse).intake_completed_on == date(2026, 11, 2)
