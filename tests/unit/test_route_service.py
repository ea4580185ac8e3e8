"""RouteService over a real database: activities and their status changes, validation,
audit on the candidate's timeline, optimistic locking, the agreement, recognitions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from utq_desktop.domain.route import ActivityKind, ActivityStatus, StatusDates
from utq_desktop.errors import IllegalTransitionError, StaleEditError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput, MeetingInput
from utq_desktop.services.route_dto import ActivityInput, RouteAgreement

A = ActivityStatus
TODAY = date(2026, 11, 23)


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
            employment_start=date(2025, 9, 1),
        )
    )


def module(services: Services, candidate_id: int, **changes: Any) -> ActivityInput:
    competences = services.route.detail(candidate_id).competences
    values: dict[str, Any] = {
        "kind": ActivityKind.TRAINING_MODULE,
        "title": "Assessment: design and analysis",
        "provider": "CELT",
        "planned_on": date(2027, 3, 1),
        "hours": 16.0,
        "competence_ids": (competences[2].id, competences[3].id),
    }
    return ActivityInput(**(values | changes))


def test_a_new_candidate_has_an_empty_route_on_their_framework_version(
    services: Services, ayse: int
) -> None:
    route = services.route.detail(ayse)
    assert route.row_version == 0 and route.activities == ()
    assert route.candidate_name == "Ayşe Doğan"
    assert route.framework == "4TU / University of Twente UTQ competences (version 1)"
    assert [c.code for c in route.competences] == ["C1", "C2", "C3", "C4", "C5"]
    assert route.deadline == date(2028, 9, 1) and route.intake_on is None


def test_add_edit_and_remove_an_activity_with_its_audit(
    services: Services, ayse: int, database: Any
) -> None:
    activity_id = services.route.add_activity(ayse, module(services, ayse, title="  Toetsing  "))
    route = services.route.detail(ayse)
    (activity,) = route.activities
    assert activity.data.title == "Toetsing" and activity.status is A.PLANNED
    assert [c.progress.planned for c in route.competences] == [0, 0, 1, 1, 0]
    version = services.route.update_activity(
        activity_id, module(services, ayse, title="Toetsing", hours=12.0), activity.row_version
    )
    assert version == activity.row_version + 1
    snapshot = services.route.remove_activity(activity_id, version)
    assert snapshot.data.hours == 12.0 and services.route.detail(ayse).activities == ()
    timeline = services.audit.candidate_timeline(ayse)
    changes = [(e.entity, e.action, e.field, e.old_value, e.new_value) for e in timeline]
    assert ("route_activity", "delete", "activity", "Toetsing", None) in changes
    assert ("route_activity", "update", "hours:Toetsing", "16", "12") in changes
    assert ("route_activity", "create", "activity", None, "Toetsing") in changes
    assert ("route_activity", "create", "competences:Toetsing", None, "C3, C4") in changes
    assert ("learning_route", "create", None, None, None) in changes
    assert database.query("SELECT COUNT(*) FROM route_activity_competence")[0][0] == 0


def test_changing_only_the_competences_moves_the_version_on(services: Services, ayse: int) -> None:
    activity_id = services.route.add_activity(ayse, module(services, ayse))
    competences = services.route.detail(ayse).competences
    version = services.route.update_activity(
        activity_id, module(services, ayse, competence_ids=(competences[0].id,)), 1
    )
    assert version == 2
    assert services.route.detail(ayse).activities[0].data.competence_ids == (competences[0].id,)
    same = module(services, ayse, competence_ids=(competences[0].id,))
    assert services.route.update_activity(activity_id, same, 2) == 2  # nothing changed


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "needs a title"),
        ({"hours": 0.0}, "hours", "more than 0"),
        ({"hours": 5000.0}, "hours", "at most 1000"),
        ({"planned_on": date(1999, 1, 1)}, "planned_on", "impossible"),
        ({"title": "x" * 201}, "title", "at most 200"),
    ],
)
def test_invalid_activities_are_refused_with_their_field(
    services: Services, ayse: int, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        services.route.add_activity(ayse, module(services, ayse, **changes))
    assert caught.value.field == field
    assert services.route.detail(ayse).row_version == 0  # no route was started either


def test_an_activity_only_serves_competences_of_the_routes_framework_version(
    services: Services, ayse: int
) -> None:
    leiden = next(v for v in services.frameworks.versions() if v.code == "leiden")
    foreign = services.route_templates.competence_choices("leiden")[0].id
    assert leiden.id != services.route.detail(ayse).framework_id
    with pytest.raises(ValidationError, match="framework version this route uses") as caught:
        services.route.add_activity(ayse, module(services, ayse, competence_ids=(foreign,)))
    assert caught.value.field == "competences"


def test_status_changes_are_checked_dated_and_audited(services: Services, ayse: int) -> None:
    activity_id = services.route.add_activity(ayse, module(services, ayse))
    version = services.route.set_status(activity_id, A.REGISTERED, date(2026, 11, 1), 1)
    version = services.route.set_status(activity_id, A.CANCELLED, date(2026, 11, 10), version)
    with pytest.raises(IllegalTransitionError, match="cancelled activity cannot be completed"):
        services.route.set_status(activity_id, A.COMPLETED, TODAY, version)
    with pytest.raises(ValidationError, match="still to come"):
        services.route.set_status(activity_id, A.REGISTERED, date(2026, 12, 1), version)
    (activity,) = services.route.detail(ayse).activities
    assert activity.dates == StatusDates(
        A.CANCELLED, registered_on=date(2026, 11, 1), cancelled_on=date(2026, 11, 10)
    )
    fields = [(e.field, e.old_value, e.new_value) for e in services.audit.candidate_timeline(ayse)]
    title = "Assessment: design and analysis"
    assert (f"status:{title}", "registered", "cancelled") in fields
    assert (f"cancelled_on:{title}", None, "2026-11-10") in fields
    # undo puts the earlier status back with its exact dates
    version = services.route.restore_status(
        activity_id, StatusDates(A.REGISTERED, registered_on=date(2026, 11, 1)), version
    )
    version = services.route.set_status(activity_id, A.COMPLETED, date(2026, 11, 20), version)
    with pytest.raises(IllegalTransitionError):
        services.route.restore_status(activity_id, StatusDates(A.CANCELLED), version)


def test_a_removed_activity_comes_back_with_its_status(services: Services, ayse: int) -> None:
    activity_id = services.route.add_activity(ayse, module(services, ayse))
    version = services.route.set_status(activity_id, A.COMPLETED, date(2026, 11, 20), 1)
    snapshot = services.route.remove_activity(activity_id, version)
    assert services.route.detail(ayse).activities == ()
    again = services.route.restore_activity(ayse, snapshot)
    (activity,) = services.route.detail(ayse).activities
    assert activity.id == again  # a new row (SQLite may give it the freed id again)
    assert activity.dates == snapshot.dates and activity.data == snapshot.data


def test_someone_elses_change_is_not_overwritten(
    services: Services, ayse: int, database: Any
) -> None:
    activity_id = services.route.add_activity(ayse, module(services, ayse))
    other = database.open("bert", today=TODAY)
    other.route.update_activity(activity_id, module(other, ayse, hours=20.0), 1)
    with pytest.raises(StaleEditError, match=r"^bert changed this activity at .* reload"):
        services.route.update_activity(activity_id, module(services, ayse, hours=8.0), 1)
    with pytest.raises(StaleEditError):
        services.route.set_status(activity_id, A.COMPLETED, TODAY, 1)
    other.route.remove_activity(activity_id, 2)
    with pytest.raises(StaleEditError, match="bert removed this activity"):
        services.route.remove_activity(activity_id, 2)
    assert services.route.detail(ayse).activities == ()


def test_overdue_and_late_activities_are_flagged(services: Services, ayse: int) -> None:
    services.route.add_activity(ayse, module(services, ayse, planned_on=date(2026, 6, 1)))
    services.route.add_activity(ayse, module(services, ayse, planned_on=date(2029, 1, 15)))
    services.route.add_activity(ayse, module(services, ayse, planned_on=None, title="Undated"))
    overdue, late, undated = services.route.detail(ayse).activities
    assert overdue.overdue and not overdue.late
    assert late.late and not late.overdue
    assert undated.data.planned_on is None and not (undated.late or undated.overdue)
    progress = services.route.detail(ayse).competences[2].progress
    assert (progress.overdue, progress.late) == (1, 1)


def test_agreement_is_recorded_and_later_changes_are_counted(services: Services, ayse: int) -> None:
    assert services.route.set_agreement(ayse, RouteAgreement(), 0) == 0
    assert services.route.detail(ayse).row_version == 0  # no empty route was started
    services.route.add_activity(ayse, module(services, ayse))
    route = services.route.detail(ayse)
    with pytest.raises(ValidationError, match="who agreed") as caught:
        services.route.set_agreement(ayse, RouteAgreement("", date(2026, 11, 2)), 1)
    assert caught.value.field == "agreed_by"
    with pytest.raises(ValidationError, match="still to come"):
        services.route.set_agreement(ayse, RouteAgreement("dr. Vreman", date(2027, 1, 1)), 1)
    version = services.route.set_agreement(
        ayse, RouteAgreement("dr. Vreman ", date(2026, 11, 2)), route.row_version
    )
    route = services.route.detail(ayse)
    assert route.agreement == RouteAgreement("dr. Vreman", date(2026, 11, 2))
    assert route.changes_since_agreement == 0 and route.row_version == version
    activity = route.activities[0]
    services.route.update_activity(activity.id, module(services, ayse, hours=8.0), 1)
    services.route.add_activity(ayse, module(services, ayse, title="Peer supervision"))
    assert services.route.detail(ayse).changes_since_agreement == 2
    with pytest.raises(StaleEditError):
        services.route.set_agreement(ayse, RouteAgreement(), version - 1)
    services.route.set_agreement(ayse, RouteAgreement(), version)
    assert services.route.detail(ayse).agreement == RouteAgreement()


def test_a_recognised_competence(services: Services, ayse: int) -> None:
    c5 = services.route.detail(ayse).competences[4]
    with pytest.raises(ValidationError, match="Say why"):
        services.route.recognise(ayse, c5.id, " ", TODAY, 0)
    version = services.route.recognise(
        ayse, c5.id, "Partial certificate, Universiteit Utrecht", date(2026, 11, 3), 0
    )
    recognition = services.route.detail(ayse).competences[4].recognition
    assert recognition is not None and recognition.on == date(2026, 11, 3)
    fields = [(e.field, e.new_value) for e in services.audit.candidate_timeline(ayse)]
    assert ("recognised:C5", "Partial certificate, Universiteit Utrecht") in fields
    version = services.route.withdraw_recognition(ayse, c5.id, version)
    assert services.route.detail(ayse).competences[4].recognition is None
    with pytest.raises(StaleEditError):
        services.route.recognise(ayse, c5.id, "Again", TODAY, version - 1)


def test_the_route_counts_from_the_intake_meeting(services: Services, ayse: int) -> None:
    consultant = services.users.add("jdevries", "Janneke de Vries", "consultant")
    services.intake.save_meeting(
        ayse,
        MeetingInput(planned_on=date(2026, 10, 15), held=True, supervisor_id=consultant),
        0,
    )
    route = services.route.detail(ayse)
    assert route.intake_on == date(2026, 10, 15)
    assert route.supervisor == "Janneke de Vries"
