"""Route templates: the shipped ones, defining them, and applying them to many candidates in
one transaction, idempotently, audited per candidate."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import utq_desktop.services.route_apply as apply_module
from utq_desktop.domain.route import ActivityKind
from utq_desktop.errors import StaleEditError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput, InstitutionSettingsData, MeetingInput
from utq_desktop.services.route_dto import TemplateInput, TemplateItemInput

TODAY = date(2026, 11, 23)


@pytest.fixture
def services(database: Any) -> Services:
    services = database.open("anna", today=TODAY)
    settings = services.settings.get()
    services.settings.update(
        InstitutionSettingsData("Universiteit Leiden", settings.deadline_years, "leiden")
    )
    return services


def add_candidates(services: Services, count: int) -> list[int]:
    return [
        services.candidates.create(
            CandidateInput(
                staff_number=f"{index:07d}",
                first_name="Ayşe" if index == 1 else "Kim",
                surname="Doğan" if index == 1 else f"Jansen {index}",
                employment_start=date(2025, 9, 1),
            )
        )
        for index in range(1, count + 1)
    ]


def leiden_template(services: Services) -> int:
    return next(t.id for t in services.route_templates.list() if t.name == "Leiden standard route")


def test_the_shipped_templates_are_added_once(services: Services, database: Any) -> None:
    templates = {t.name: t for t in services.route_templates.list()}
    leiden = templates["Leiden standard route"]
    assert leiden.builtin and leiden.framework_code == "leiden"
    kinds = [item.data.kind for item in leiden.items]
    assert kinds.count(ActivityKind.TRAINING_MODULE) == 5
    assert kinds.count(ActivityKind.CLASS_OBSERVATION) == 1
    assert kinds.count(ActivityKind.WRITING_SESSION) == 2
    assert "Twente standard route" in templates
    services.route_templates.retire(leiden.id, leiden.row_version)
    again = database.open("anna", today=TODAY)  # opening runs ensure_builtin again
    assert "Leiden standard route" not in {t.name for t in again.route_templates.list()}
    assert database.query("SELECT COUNT(*) FROM route_template")[0][0] == 2


def test_applying_to_thirteen_candidates_in_one_go_and_twice_adds_nothing_twice(
    services: Services, database: Any
) -> None:
    ids = add_candidates(services, 13)
    template = leiden_template(services)
    result = services.route_templates.apply(template, ids)
    assert result.added == 13 * 8 and result.changed == tuple(ids) and not result.refused
    again = services.route_templates.apply(template, [*ids, ids[0]])
    assert again.added == 0 and {o.already for o in again.outcomes} == {8}
    assert database.query("SELECT COUNT(*) FROM route_activity")[0][0] == 13 * 8
    route = services.route.detail(ids[0])
    assert [a.data.planned_on for a in route.activities][:2] == [
        date(2026, 12, 23),  # today + 1 month: no intake yet
        date(2027, 2, 23),
    ]
    assert all(a.template == "Leiden standard route" for a in route.activities)
    observation = next(a for a in route.activities if a.data.title == "Class observation")
    codes = {c.id: c.code for c in route.competences}
    assert [codes[c] for c in observation.data.competence_ids] == ["M1", "M2"]
    # audited per candidate: the template and each activity, on the candidate's timeline
    for candidate_id in ids:
        events = services.audit.candidate_timeline(candidate_id)
        assert [e.new_value for e in events if e.field == "template"] == ["Leiden standard route"]
        assert sum(e.field == "activity" for e in events) == 8


def test_applying_is_all_or_nothing(services: Services, database: Any, monkeypatch: Any) -> None:
    ids = add_candidates(services, 7)
    real = apply_module._apply_chunk
    chunks: list[list[int]] = []

    def failing(session: Any, actor: str, template: Any, items: Any, chunk: Any, *rest: Any):
        chunks.append(chunk)
        if len(chunks) == 3:
            raise RuntimeError("the network went down")
        return real(session, actor, template, items, chunk, *rest)

    monkeypatch.setattr(apply_module, "CHUNK", 3)
    monkeypatch.setattr(apply_module, "_apply_chunk", failing)
    with pytest.raises(RuntimeError):
        services.route_templates.apply(leiden_template(services), ids)
    assert [len(chunk) for chunk in chunks] == [3, 3, 1]
    assert database.query("SELECT COUNT(*) FROM route_activity")[0][0] == 0
    assert database.query("SELECT COUNT(*) FROM learning_route")[0][0] == 0


def test_planned_from_the_intake_and_recognised_competences_left_out(
    services: Services,
) -> None:
    (ayse,) = add_candidates(services, 1)
    consultant = services.users.add("jdevries", "Janneke de Vries", "consultant")
    services.intake.save_meeting(
        ayse, MeetingInput(planned_on=date(2026, 9, 15), held=True, supervisor_id=consultant), 0
    )
    route = services.route.detail(ayse)
    m3 = next(c for c in route.competences if c.code == "M3")
    services.route.recognise(ayse, m3.id, "Partial certificate, Universiteit Utrecht", TODAY, 0)
    result = services.route_templates.apply(leiden_template(services), [ayse])
    (outcome,) = result.outcomes
    assert (outcome.added, outcome.recognised) == (7, 1)
    route = services.route.detail(ayse)
    assert "Testing & assessment" not in {a.data.title for a in route.activities}
    assert route.activities[0].data.planned_on == date(2026, 10, 15)  # intake + 1 month
    m3_row = next(c for c in route.competences if c.code == "M3")
    assert m3_row.recognition is not None and m3_row.progress.planned == 2  # writing sessions


def test_candidates_on_another_framework_are_reported_and_left_alone(
    services: Services, database: Any
) -> None:
    (leiden_candidate,) = add_candidates(services, 1)
    settings = services.settings.get()
    services.settings.update(InstitutionSettingsData(settings.name, 3, "4tu"))
    twente = services.candidates.create(CandidateInput(staff_number="0099999", surname="Smit"))
    result = services.route_templates.apply(leiden_template(services), [leiden_candidate, twente])
    (refused,) = result.refused
    assert refused.candidate_id == twente and "4TU" in refused.problem
    assert database.query("SELECT COUNT(*) FROM learning_route WHERE candidate_id = ?", twente) == [
        (0,)
    ]


def test_defining_a_template(services: Services, database: Any) -> None:
    template_id = services.route_templates.create(
        TemplateInput("Quick route", "leiden", "For experienced teachers.")
    )
    with pytest.raises(ValidationError, match="already a template called") as caught:
        services.route_templates.create(TemplateInput("quick ROUTE", "leiden"))
    assert caught.value.field == "name"
    with pytest.raises(ValidationError, match="no framework 'nope'"):
        services.route_templates.create(TemplateInput("Other", "nope"))
    info = services.route_templates.get(template_id)
    with pytest.raises(ValidationError, match="X9 is not a competence") as caught:
        services.route_templates.add_item(
            template_id, TemplateItemInput(title="Writing", competence_codes=("X9",)), 1
        )
    assert caught.value.field == "competences"
    version = services.route_templates.add_item(
        template_id,
        TemplateItemInput(
            ActivityKind.WRITING_SESSION, "Writing session", "LLInC", 4.0, ("M1", "M5"), 6
        ),
        info.row_version,
    )
    with pytest.raises(StaleEditError):
        services.route_templates.add_item(template_id, TemplateItemInput(title="Late"), 1)
    (item,) = services.route_templates.get(template_id).items
    assert item.data.competence_codes == ("M1", "M5") and item.data.offset_months == 6
    (candidate,) = add_candidates(services, 1)
    services.route_templates.apply(template_id, [candidate])
    version = services.route_templates.remove_item(item.id, version)
    (activity,) = services.route.detail(candidate).activities
    assert activity.template == ""  # kept on the route, no longer linked
    services.route_templates.update(
        template_id, TemplateInput("Quick route 2", "leiden", ""), version
    )
    assert services.route_templates.get(template_id).name == "Quick route 2"
    assert (
        database.query(
            "SELECT COUNT(*) FROM audit_entry WHERE entity = 'route_template' AND entity_id = ?",
            template_id,
        )[0][0]
        >= 4
    )
