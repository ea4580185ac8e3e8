"""PortfolioService over a real database: evidence items and observations with their
attachments (stored once per hash, read only when opened), coverage, criterion states,
feedback (and its count in the register), undo, audit, optimistic locking and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from database_backends import TempDatabase
from portfolio_setup import (
    TODAY,
    a_file,
    evidence,
    make_candidate,
    observation,
    open_portfolio_services,
)

from utq_desktop.domain.portfolio import CriterionState, DossierState, EvidenceKind
from utq_desktop.errors import NotFoundError, StaleEditError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.portfolio_dto import FeedbackInput

C = CriterionState


@pytest.fixture
def services(database: TempDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    return open_portfolio_services(database, tmp_path, monkeypatch)


@pytest.fixture
def ayse(services: Services) -> int:
    return make_candidate(services)


def test_a_new_candidate_has_an_empty_dossier_on_their_framework(
    services: Services, ayse: int
) -> None:
    view = services.portfolio.dossier(ayse)
    assert view.row_version == 0 and view.state is DossierState.WORKING
    assert view.candidate_name == "Ayşe Doğan" and view.faculty == "EEMCS"
    assert view.framework == "4TU / University of Twente UTQ competences (version 1)"
    assert [c.code for c in view.competences] == ["C1", "C2", "C3", "C4", "C5"]
    assert {k.state for k in view.content.criteria} == {C.NO_EVIDENCE}
    assert view.items == () and view.snapshots == ()
    assert not view.requirements_met and view.can_mark_ready and not view.can_submit
    with pytest.raises(NotFoundError):
        services.portfolio.dossier(ayse + 99)


def test_an_item_with_attachments_feeds_the_coverage(
    services: Services, ayse: int, tmp_path: Path
) -> None:
    syllabus = a_file(tmp_path, "syllabus.txt", "week 1: signals")
    item_id = services.portfolio.add_item(
        ayse, evidence(competence_codes=("C2",)), [syllabus, a_file(tmp_path, "rubric.txt", "r")]
    )
    view = services.portfolio.dossier(ayse)
    (item,) = view.items
    assert item.id == item_id and item.row_version == 1
    assert item.data.criterion_codes == ("C1.1", "C1.2") and item.competences == ("C1", "C2")
    assert [(a.name, a.size) for a in item.attachments] == [("syllabus.txt", 15), ("rubric.txt", 1)]
    assert item.attachments[0].media_type == "text/plain"
    c1 = view.content.competence("C1")
    assert c1 is not None and c1.items == 1 and c1.reflections == 0
    assert [(k.code, k.state, k.items) for k in c1.criteria[:3]] == [
        ("C1.1", C.IN_PROGRESS, (item_id,)),
        ("C1.2", C.IN_PROGRESS, (item_id,)),
        ("C1.3", C.NO_EVIDENCE, ()),
    ]
    assert view.content.competence("C2").items == 1  # type: ignore[union-attr]
    assert view.content.attachments == 2
    # opened: a copy under its own name, read from the store only now
    opened = services.portfolio.open_attachment(item.attachments[0].id)
    assert opened.name == "syllabus.txt" and opened.read_text() == "week 1: signals"
    target = tmp_path / "out.txt"
    services.portfolio.export_attachment(item.attachments[0].id, target)
    assert target.read_text() == "week 1: signals"


def test_the_same_file_twice_is_stored_once(
    services: Services, ayse: int, tmp_path: Path, database: TempDatabase
) -> None:
    report = a_file(tmp_path, "evaluation.txt", "students liked it")
    copy = a_file(tmp_path, "evaluation (copy).txt", "students liked it")
    first = services.portfolio.add_item(ayse, evidence(title="Evaluation 2025"), [report])
    services.portfolio.add_item(ayse, evidence(title="Evaluation again"), [copy])
    other = make_candidate(services, "0099999")
    services.portfolio.add_item(other, evidence(), [report])
    assert database.query("SELECT count(*) FROM stored_file") == [(1,)]
    assert database.query("SELECT count(*) FROM portfolio_attachment") == [(3,)]
    # attaching the same content to the same item again adds nothing
    version = services.portfolio.dossier(ayse).content.item(first).row_version  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="attached already") as error:
        services.portfolio.add_attachments(first, [copy], version)
    assert error.value.field == "files"


def test_bad_input_is_refused_with_the_field_named(
    services: Services, ayse: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = [
        (
            evidence(criterion_codes=("C1.1", "C9.9")),
            "'C9.9' is not a criterion",
            "criterion_codes",
        ),
        (evidence(competence_codes=("X1",)), "'X1' is not a competence", "competence_codes"),
        (evidence(title="  "), "Enter the title", "title"),
        (evidence(title="x" * 201), "at most 200", "title"),
        (evidence(made_on=None), "Enter the date", "made_on"),
        (evidence(made_on=date(2026, 6, 2)), "still to come", "made_on"),
        (evidence(made_on=date(1900, 1, 1)), "before 1970", "made_on"),
    ]
    for data, message, field in cases:
        with pytest.raises(ValidationError, match=message) as error:
            services.portfolio.add_item(ayse, data)
        assert error.value.field == field
    with pytest.raises(ValidationError, match="day of the observation") as error:
        services.portfolio.add_observation(ayse, observation(observed_on=date(2027, 1, 1)))
    assert error.value.field == "observed_on"
    with pytest.raises(ValidationError, match="observer"):
        services.portfolio.add_observation(ayse, observation(observer=""))
    # files: too large (a clear message with the limit), empty, missing
    import utq_desktop.services.files as files_module

    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 2 * 1_048_576)
    assert services.portfolio.max_file_bytes == 2 * 1_048_576
    big = tmp_path / "lecture recording.mp4"
    with big.open("wb") as stream:
        stream.truncate(3 * 1_048_576)
    with pytest.raises(ValidationError, match=r"3 MB; attachments may be at most 2 MB") as error:
        services.portfolio.add_item(ayse, evidence(), [big])
    assert error.value.field == "files"
    with pytest.raises(ValidationError, match="is empty"):
        services.portfolio.add_item(ayse, evidence(), [a_file(tmp_path, "empty.txt", "")])
    with pytest.raises(ValidationError, match="Cannot read"):
        services.portfolio.add_item(ayse, evidence(), [tmp_path / "gone.pdf"])
    # nothing of it was stored, not even the dossier
    view = services.portfolio.dossier(ayse)
    assert view.items == () and view.row_version == 0


def test_editing_an_item_relinks_it_and_is_audited(services: Services, ayse: int) -> None:
    item_id = services.portfolio.add_item(ayse, evidence())
    version = services.portfolio.update_item(
        item_id,
        evidence(title="Syllabus (revised)", criterion_codes=("C1.3",), competence_codes=("C5",)),
        1,
    )
    assert version == 2
    item = services.portfolio.dossier(ayse).items[0]
    assert item.title == "Syllabus (revised)" and item.competences == ("C1", "C5")
    assert item.data.criterion_codes == ("C1.3",)
    # an unchanged save changes nothing
    assert services.portfolio.update_item(item_id, item.data, 2) == 2
    fields = {
        e.field for e in services.audit.candidate_timeline(ayse) if e.entity == "portfolio_item"
    }
    assert {
        "item",
        "title:Course syllabus Signals & Systems",
        "criteria:Course syllabus Signals & Systems",
        "competences:Course syllabus Signals & Systems",
    } <= fields


def test_a_stale_edit_is_refused(database: TempDatabase, services: Services, ayse: int) -> None:
    item_id = services.portfolio.add_item(ayse, evidence())
    colleague = database.open("bert", today=TODAY)
    colleague.portfolio.update_item(item_id, evidence(title="Bert's title"), 1)
    with pytest.raises(StaleEditError, match="bert changed this evidence item"):
        services.portfolio.update_item(item_id, evidence(title="Anna's title"), 1)
    with pytest.raises(StaleEditError):
        services.portfolio.remove_item(item_id, 1)
    colleague.portfolio.remove_item(item_id, 2)
    with pytest.raises(StaleEditError, match="removed"):
        services.portfolio.update_item(item_id, evidence(), 2)
    # the dossier's own state is locked too
    with pytest.raises(StaleEditError):
        services.portfolio.mark_ready(ayse, 0)  # the dossier exists meanwhile


def test_removing_an_item_and_undo(services: Services, ayse: int, tmp_path: Path) -> None:
    item_id = services.portfolio.add_item(
        ayse, evidence(), [a_file(tmp_path, "syllabus.txt", "week 1")]
    )
    services.portfolio.add_feedback(ayse, FeedbackInput("Add the rubric.", item_id=item_id))
    removed = services.portfolio.remove_item(item_id, 1)
    view = services.portfolio.dossier(ayse)
    assert view.items == () and view.feedback == ()
    assert [f.name for f in removed.files] == ["syllabus.txt"]
    restored = services.portfolio.restore_item(ayse, removed)
    view = services.portfolio.dossier(ayse)
    assert view.items[0].id == restored and view.items[0].data == removed.data
    assert [a.name for a in view.items[0].attachments] == ["syllabus.txt"]
    assert [(f.text, f.item_id) for f in view.feedback] == [("Add the rubric.", restored)]


def test_observations_count_as_evidence_for_their_criteria(
    services: Services, ayse: int, tmp_path: Path
) -> None:
    observation_id = services.portfolio.add_observation(
        ayse, observation(), [a_file(tmp_path, "report.txt", "observation report")]
    )
    view = services.portfolio.dossier(ayse)
    (seen,) = view.observations
    assert seen.competences == ("C2",) and [a.name for a in seen.attachments] == ["report.txt"]
    c21 = view.content.criterion("C2.1")
    assert c21 is not None and c21.observations == (observation_id,)
    assert c21.state is C.IN_PROGRESS
    version = services.portfolio.update_observation(
        observation_id, observation(course="Calculus"), 1
    )
    version = services.portfolio.remove_attachment(seen.attachments[0].id, version)
    assert services.portfolio.dossier(ayse).observations[0].attachments == ()
    version = services.portfolio.add_observation_attachments(
        observation_id, [a_file(tmp_path, "report v2.txt", "new report")], version
    )
    removed = services.portfolio.remove_observation(observation_id, version)
    assert services.portfolio.dossier(ayse).observations == ()
    services.portfolio.restore_observation(ayse, removed)
    (back,) = services.portfolio.dossier(ayse).observations
    assert back.data.course == "Calculus" and [a.name for a in back.attachments] == [
        "report v2.txt"
    ]


def test_the_supervisor_sets_criterion_states(services: Services, ayse: int) -> None:
    services.portfolio.add_item(ayse, evidence())
    version = services.portfolio.set_criterion_state(
        ayse, "C1.1", C.ACCEPTED, 0, note="Convincing alignment."
    )
    c11 = services.portfolio.dossier(ayse).content.criterion("C1.1")
    assert c11 is not None and c11.state is C.ACCEPTED and c11.set_state is C.ACCEPTED
    assert (c11.set_by, c11.set_on, c11.note, c11.row_version) == (
        "anna",
        TODAY,
        "Convincing alignment.",
        version,
    )
    # a state on a criterion without evidence shows as no evidence
    services.portfolio.set_criterion_state(ayse, "C1.4", C.READY, 0)
    assert services.portfolio.dossier(ayse).content.criterion("C1.4").state is C.NO_EVIDENCE  # type: ignore[union-attr]
    # cleared: back to what the evidence says
    version = services.portfolio.set_criterion_state(ayse, "C1.1", None, version)
    c11 = services.portfolio.dossier(ayse).content.criterion("C1.1")
    assert c11 is not None and c11.state is C.IN_PROGRESS and c11.row_version == version
    with pytest.raises(StaleEditError):
        services.portfolio.set_criterion_state(ayse, "C1.1", C.READY, version - 1)
    with pytest.raises(ValidationError, match=r"'C7\.1' is not a criterion"):
        services.portfolio.set_criterion_state(ayse, "C7.1", C.READY, 0)
    with pytest.raises(ValidationError, match="follows from the evidence"):
        services.portfolio.set_criterion_state(ayse, "C1.2", C.RECOGNISED, 0)


def test_a_recognised_competence_shows_as_recognised(services: Services, ayse: int) -> None:
    c3 = next(c for c in services.route.detail(ayse).competences if c.code == "C3")
    services.route.recognise(ayse, c3.id, "Partial certificate, Utrecht University", TODAY, 0)
    view = services.portfolio.dossier(ayse)
    competence = view.content.competence("C3")
    assert competence is not None and competence.recognised
    assert competence.recognised_because == "Partial certificate, Utrecht University"
    assert {k.state for k in competence.criteria} == {C.RECOGNISED}
    checks = {c.key: c for c in view.checklist}
    assert checks["evidence:C3"].met and checks["reflection:C3"].met
    assert not checks["evidence:C1"].met


def test_feedback_and_the_register_count(services: Services, ayse: int) -> None:
    item_id = services.portfolio.add_item(ayse, evidence())
    on_item = services.portfolio.add_feedback(
        ayse, FeedbackInput("Add the rubric.", item_id=item_id)
    )
    services.portfolio.add_feedback(
        ayse, FeedbackInput("Say more about your own role.", competence_code="C2", author="Peer")
    )
    services.portfolio.add_feedback(ayse, FeedbackInput("Well structured overall."))
    view = services.portfolio.dossier(ayse)
    assert {(f.about, f.author, f.given_on) for f in view.feedback} == {
        ("Course syllabus Signals & Systems", "anna", TODAY),
        ("C2 Teaching and supervising", "Peer", TODAY),
        ("The dossier", "anna", TODAY),
    }
    assert view.items[0].open_feedback == 1
    assert view.content.competence("C2").open_feedback == 1  # type: ignore[union-attr]
    row = next(r for r in services.candidates.register() if r.id == ayse)
    assert row.unresolved_feedback == 3
    assert services.portfolio.unresolved_feedback() == {ayse: 3}
    version = services.portfolio.set_feedback_resolved(on_item, True, 1)
    feedback = next(f for f in services.portfolio.dossier(ayse).feedback if f.id == on_item)
    assert feedback.resolved and feedback.resolved_on == TODAY and feedback.resolved_by == "anna"
    assert services.candidates.register_row(ayse).unresolved_feedback == 2
    assert services.portfolio.dossier(ayse).feedback[-1].id == on_item  # resolved last
    version = services.portfolio.update_feedback(
        on_item, FeedbackInput("Add the grading rubric."), version
    )
    removed = services.portfolio.remove_feedback(on_item, version)
    assert removed.resolved and removed.data.text == "Add the grading rubric."
    restored = services.portfolio.restore_feedback(ayse, removed)
    back = next(f for f in services.portfolio.dossier(ayse).feedback if f.id == restored)
    assert back.resolved and back.item_id == item_id
    with pytest.raises(ValidationError, match="not both"):
        services.portfolio.add_feedback(
            ayse, FeedbackInput("x", item_id=item_id, competence_code="C1")
        )
    with pytest.raises(ValidationError, match="Enter the feedback"):
        services.portfolio.add_feedback(ayse, FeedbackInput("   "))
    with pytest.raises(ValidationError, match="removed meanwhile"):
        services.portfolio.add_feedback(ayse, FeedbackInput("x", item_id=item_id + 50))


def test_every_change_is_on_the_candidates_timeline(services: Services, ayse: int) -> None:
    item_id = services.portfolio.add_item(ayse, evidence(kind=EvidenceKind.STUDENT_EVALUATION))
    services.portfolio.remove_item(item_id, 1)
    events = [
        (e.entity, e.action, e.field, e.new_value)
        for e in reversed(services.audit.candidate_timeline(ayse))
    ]
    events = [e for e in events if e[0] != "candidate"]
    assert events[0] == ("portfolio_dossier", "create", None, None)
    assert ("portfolio_item", "create", "item", "Course syllabus Signals & Systems") in events
    assert (
        "portfolio_item",
        "create",
        "kind:Course syllabus Signals & Systems",
        "student_evaluation",
    ) in events
    assert ("portfolio_item", "delete", "item", None) in events
