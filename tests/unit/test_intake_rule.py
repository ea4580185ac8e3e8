"""The intake rule (domain.intake): every state, every edge, and how the status follows."""

from __future__ import annotations

from dataclasses import replace
from itertools import product

import pytest

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.intake import (
    FACT_NAMES,
    IntakeFacts,
    IntakeState,
    ProgrammeLevel,
    intake_state,
    intake_state_of_bits,
    status_steps,
)
from utq_desktop.domain.workflow import check_transition

IS = IntakeState
S = TrajectoryStatus
SENT = IntakeFacts(cv_sent=True, self_diagnosis_sent=True, tasks_sent=True, documents_sent_on=True)
ALL_DOCUMENTS = replace(SENT, has_cv=True, has_self_diagnosis=True, tasks_discussed=True)


def every_combination() -> list[IntakeFacts]:
    return [
        IntakeFacts(**dict(zip(FACT_NAMES, values, strict=True)))
        for values in product((False, True), repeat=len(FACT_NAMES))
    ]


def test_nothing_recorded_is_not_started() -> None:
    assert intake_state(IntakeFacts()) is IS.NOT_STARTED
    assert intake_state_of_bits(None) is IS.NOT_STARTED  # no intake row at all
    assert intake_state_of_bits(0) is IS.NOT_STARTED


@pytest.mark.parametrize(
    "fact",
    [
        "has_cv",
        "has_self_diagnosis",
        "tasks_discussed",
        "cv_sent",
        "self_diagnosis_sent",
        "tasks_sent",
        "documents_sent_on",
        "supervisor_assigned",  # an outcome drafted before any meeting
    ],
)
def test_any_single_record_means_documents_incomplete(fact: str) -> None:
    assert intake_state(IntakeFacts(**{fact: True})) is IS.DOCUMENTS_INCOMPLETE


def test_all_three_documents_sent_with_the_date_is_ready_for_meeting() -> None:
    assert intake_state(SENT) is IS.READY_FOR_MEETING
    assert intake_state(ALL_DOCUMENTS) is IS.READY_FOR_MEETING


@pytest.mark.parametrize(
    "missing", ["cv_sent", "self_diagnosis_sent", "tasks_sent", "documents_sent_on"]
)
def test_one_document_or_the_date_missing_is_incomplete(missing: str) -> None:
    facts = replace(ALL_DOCUMENTS, **{missing: False})
    assert not facts.documents_complete
    assert intake_state(facts) is IS.DOCUMENTS_INCOMPLETE


def test_ready_needs_the_checklist_not_the_records() -> None:
    """The checklist says what went to the consultant (a CV on paper counts); what is
    recorded here alone does not make the intake ready."""
    recorded = IntakeFacts(has_cv=True, has_self_diagnosis=True, tasks_discussed=True)
    assert intake_state(recorded) is IS.DOCUMENTS_INCOMPLETE


def test_a_planned_meeting_wins_over_missing_documents() -> None:
    assert intake_state(IntakeFacts(meeting_planned=True)) is IS.MEETING_PLANNED
    assert intake_state(replace(ALL_DOCUMENTS, meeting_planned=True)) is IS.MEETING_PLANNED


def test_held_without_a_supervisor_is_not_completed() -> None:
    held = replace(ALL_DOCUMENTS, meeting_planned=True, meeting_held=True)
    assert intake_state(held) is IS.MEETING_PLANNED
    assert intake_state(IntakeFacts(meeting_held=True)) is IS.MEETING_PLANNED


def test_held_with_a_supervisor_is_completed_whatever_else() -> None:
    done = IntakeFacts(meeting_planned=True, meeting_held=True, supervisor_assigned=True)
    assert intake_state(done) is IS.COMPLETED
    assert intake_state(replace(ALL_DOCUMENTS, **vars_of(done))) is IS.COMPLETED
    assert intake_state(IntakeFacts(meeting_held=True, supervisor_assigned=True)) is IS.COMPLETED


def vars_of(facts: IntakeFacts) -> dict[str, bool]:
    return {name: getattr(facts, name) for name in FACT_NAMES if getattr(facts, name)}


def test_every_state_is_reachable_and_states_are_ordered() -> None:
    reached = {intake_state(facts) for facts in every_combination()}
    assert reached == set(IntakeState)
    assert [s.value for s in IntakeState] == [
        "not_started",
        "documents_incomplete",
        "ready_for_meeting",
        "meeting_planned",
        "completed",
    ]


def test_recording_more_never_moves_the_state_back() -> None:
    order = list(IntakeState)
    for facts in every_combination():
        before = order.index(intake_state(facts))
        for name in FACT_NAMES:
            if not getattr(facts, name):
                more = replace(facts, **{name: True})
                assert order.index(intake_state(more)) >= before, (facts, name)


def test_completed_exactly_when_held_with_a_supervisor() -> None:
    for facts in every_combination():
        completed = facts.meeting_held and facts.supervisor_assigned
        assert (intake_state(facts) is IS.COMPLETED) == completed


def test_bits_round_trip_and_the_cached_rule_agrees() -> None:
    for facts in every_combination():
        assert IntakeFacts.from_bits(facts.bits()) == facts
        assert intake_state_of_bits(facts.bits()) is intake_state(facts)
    assert IntakeFacts(has_cv=True).bits() == 1
    assert len(FACT_NAMES) == 10


def test_labels() -> None:
    assert [s.label for s in IntakeState] == [
        "Not started",
        "Documents incomplete",
        "Ready for meeting",
        "Meeting planned",
        "Completed",
    ]
    assert not IS.NOT_STARTED.started and IS.DOCUMENTS_INCOMPLETE.started
    assert [level.label for level in ProgrammeLevel] == ["Bachelor", "Master", "Other"]


# --- the trajectory follows the intake ---------------------------------------------------


@pytest.mark.parametrize(
    ("status", "before", "after", "steps"),
    [
        # starting
        (S.REGISTERED, IS.NOT_STARTED, IS.DOCUMENTS_INCOMPLETE, [S.INTAKE]),
        (S.REGISTERED, IS.NOT_STARTED, IS.MEETING_PLANNED, [S.INTAKE]),
        (S.INTAKE, IS.NOT_STARTED, IS.DOCUMENTS_INCOMPLETE, []),  # already there
        (S.PORTFOLIO, IS.NOT_STARTED, IS.DOCUMENTS_INCOMPLETE, []),  # further along
        (S.EXEMPTED, IS.NOT_STARTED, IS.READY_FOR_MEETING, []),
        # moving within the intake
        (S.INTAKE, IS.DOCUMENTS_INCOMPLETE, IS.READY_FOR_MEETING, []),
        (S.INTAKE, IS.READY_FOR_MEETING, IS.MEETING_PLANNED, []),
        (S.INTAKE, IS.MEETING_PLANNED, IS.MEETING_PLANNED, []),
        # completing
        (S.INTAKE, IS.MEETING_PLANNED, IS.COMPLETED, [S.LEARNING_ROUTE]),
        (S.REGISTERED, IS.MEETING_PLANNED, IS.COMPLETED, [S.INTAKE, S.LEARNING_ROUTE]),
        (S.REGISTERED, IS.NOT_STARTED, IS.COMPLETED, [S.INTAKE, S.LEARNING_ROUTE]),
        (S.LEARNING_ROUTE, IS.MEETING_PLANNED, IS.COMPLETED, []),
        (S.QUALIFIED, IS.MEETING_PLANNED, IS.COMPLETED, []),
        (S.EXEMPTED, IS.MEETING_PLANNED, IS.COMPLETED, []),
        # corrections
        (S.LEARNING_ROUTE, IS.COMPLETED, IS.MEETING_PLANNED, [S.INTAKE]),
        (S.LEARNING_ROUTE, IS.COMPLETED, IS.NOT_STARTED, [S.INTAKE, S.REGISTERED]),
        (S.PORTFOLIO, IS.COMPLETED, IS.MEETING_PLANNED, []),
        (S.INTAKE, IS.DOCUMENTS_INCOMPLETE, IS.NOT_STARTED, [S.REGISTERED]),
        (S.REGISTERED, IS.DOCUMENTS_INCOMPLETE, IS.NOT_STARTED, []),
        (S.LEARNING_ROUTE, IS.DOCUMENTS_INCOMPLETE, IS.NOT_STARTED, []),
    ],
)
def test_status_steps(
    status: TrajectoryStatus, before: IntakeState, after: IntakeState, steps: list[S]
) -> None:
    assert status_steps(status, before, after) == steps


def test_every_step_is_a_legal_transition() -> None:
    for status, before, after in product(S, IS, IS):
        current = status
        for step in status_steps(status, before, after):
            check_transition(current, step)  # raises on an illegal move
            current = step
