"""Exemption cases through the service: every step in order, dated and by whom, refused
out of order; a granted decision makes the candidate 'Exempted' (deadline fulfilled, no
UTQ certificate ever), in the same transaction, audited; documents, the letter, undo of a
step, a colleague's change in between."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from utq_desktop.domain.enums import DueState, Language, TrajectoryStatus
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround, Verdict
from utq_desktop.errors import IllegalTransitionError, StaleEditError, ValidationError
from utq_desktop.services import exemption_rules
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.exemption_dto import CaseInput, StepInput
from utq_desktop.services.files import Upload

TODAY = date(2026, 3, 20)
C = CaseStatus
S = TrajectoryStatus


@pytest.fixture
def services(database: Any) -> Services:
    return database.open("lkramer", today=TODAY)


def candidate(services: Services, number: str = "0012345", **values: Any) -> int:
    data = {
        "staff_number": number,
        "first_name": "Ayşe",
        "surname": "Doğan",
        "faculty": "Science",
        "employment_start": date(2022, 9, 1),  # the deadline has passed: overdue
    } | values
    return services.candidates.create(CandidateInput(**data))


def file(services: Services, candidate_id: int, on: date = date(2026, 1, 12)) -> int:
    return services.exemption.file_case(
        candidate_id,
        CaseInput(ExemptionGround.TEACHER_TRAINING, "", on, "Lotte Kramer", "Diploma 2009"),
    )


STEPS = (
    StepInput(C.UNDER_EVALUATION, date(2026, 1, 14), "Lotte Kramer", advisor="Peter van Dam"),
    StepInput(C.MEETING_PLANNED, date(2026, 1, 20), "Peter van Dam", meeting_on=date(2026, 2, 3)),
    StepInput(
        C.ADVICE_GIVEN,
        date(2026, 2, 5),
        "Peter van Dam",
        verdict=Verdict.GRANT,
        motivation="Diploma and reflection report cover all five competences.",
    ),
    StepInput(
        C.DECIDED,
        date(2026, 2, 19),
        "Prof. dr. M. de Wit, dean",
        verdict=Verdict.GRANT,
        motivation="As advised: the diploma and reflection cover all five competences.",
    ),
    StepInput(C.INFORMED, date(2026, 2, 20), "Lotte Kramer"),
)


def walk(services: Services, case_id: int, steps: tuple[StepInput, ...] = STEPS) -> int:
    case = services.exemption.detail(case_of(services, case_id)).case(case_id)
    assert case is not None
    version = case.row_version
    for step in steps:
        version = services.exemption.advance(case_id, step, version)
    return version


def case_of(services: Services, case_id: int) -> int:
    row = next(r for r in services.exemption.register() if r.case_id == case_id)
    return row.candidate_id


def test_the_whole_procedure_dated_and_by_whom(services: Services) -> None:
    cid = candidate(services)
    case_id = file(services, cid)
    walk(services, case_id)
    detail = services.exemption.detail(cid)
    case = detail.cases[0]
    assert case.status is C.INFORMED and case.granted
    assert [(s.status, s.on, s.by) for s in case.steps] == [
        (C.FILED, date(2026, 1, 12), "Lotte Kramer"),
        *((s.target, s.on, s.by) for s in STEPS),
    ]
    assert all(s.recorded_by == "lkramer" for s in case.steps)
    assert case.advisor == "Peter van Dam" and case.meeting_on == date(2026, 2, 3)
    assert case.advice is Verdict.GRANT and case.decision is Verdict.GRANT
    assert case.decided_by == "Prof. dr. M. de Wit, dean"
    assert case.days_open == 39  # filed 12-1, informed 20-2
    assert case.letter is not None and case.letter.name.endswith(".pdf")
    assert detail.filing_refusal == "Ayşe Doğan has been granted an exemption already."


def test_a_granted_exemption_fulfils_the_obligation_and_never_leads_to_a_certificate(
    services: Services, database: Any
) -> None:
    cid = candidate(services, status=S.LEARNING_ROUTE)
    before = services.candidates.detail(cid)
    assert before.due_state is DueState.OVERDUE
    assert not services.exemption.has_granted_exemption(cid)
    case_id = file(services, cid)
    walk(services, case_id, STEPS[:3])
    assert services.candidates.detail(cid).data.status is S.LEARNING_ROUTE  # advice alone: no
    walk(services, case_id, STEPS[3:4])
    after = services.candidates.detail(cid)
    assert after.data.status is S.EXEMPTED
    assert after.due_state is DueState.FULFILLED  # no deadline warning any more
    row = services.candidates.register_row(cid)
    assert row.due_state is DueState.FULFILLED
    assert services.exemption.has_granted_exemption(cid)
    with services.context.read() as session:
        assert exemption_rules.has_granted_exemption(session, cid)
        with pytest.raises(IllegalTransitionError, match="never leads to a UTQ certificate"):
            exemption_rules.check_certificate_allowed(session, cid, "Ayşe Doğan")
    # … and the certificate code asks this rule: no UTQ certificate, ever (journey 6)
    with pytest.raises(ValidationError, match="granted an exemption"):
        services.certificates.issue_utq(cid)
    # the status change is audited with the decision, in the same transaction
    rows = database.query(
        "SELECT entity, field, old_value, new_value FROM audit_entry "
        "WHERE candidate_id = ? AND field IN ('status', 'decision')",
        cid,
    )
    assert ("candidate", "status", "learning_route", "exempted") in rows
    assert ("exemption_case", "decision", None, "Granted") in rows


def test_exempted_among_a_batch_and_the_status_set_by_hand(services: Services) -> None:
    granted = candidate(services, "1")
    by_hand = candidate(services, "2", status=S.EXEMPTED)
    refused = candidate(services, "3")
    plain = candidate(services, "4")
    walk(services, file(services, granted), STEPS[:4])
    refusal = tuple(
        StepInput(s.target, s.on, s.by, s.advisor, s.meeting_on, Verdict.REFUSE, s.motivation)
        if s.verdict
        else s
        for s in STEPS
    )
    walk(services, file(services, refused), refusal)
    with services.context.read() as session:
        found = exemption_rules.exempted_among(session, [granted, by_hand, refused, plain])
    assert found == {granted, by_hand}
    assert services.candidates.detail(refused).data.status is S.REGISTERED


@pytest.mark.parametrize("status", [S.ASSESSMENT, S.QUALIFIED])
def test_a_grant_is_refused_during_the_assessment_and_after_qualifying(
    services: Services, status: S
) -> None:
    cid = candidate(services, status=S.PORTFOLIO)
    case_id = file(services, cid)
    version = walk(services, case_id, STEPS[:3])
    data = services.candidates.detail(cid)
    moved = services.candidates.update(cid, _with_status(data.data, S.ASSESSMENT), data.row_version)
    if status is S.QUALIFIED:
        services.candidates.update(cid, _with_status(data.data, S.QUALIFIED), moved)
    expected = "being assessed" if status is S.ASSESSMENT else "obtained the UTQ already"
    with pytest.raises(IllegalTransitionError, match=expected):
        services.exemption.advance(case_id, STEPS[3], version)
    assert services.candidates.detail(cid).data.status is status
    assert services.exemption.detail(cid).cases[0].status is C.ADVICE_GIVEN  # nothing saved
    refuse = StepInput(C.DECIDED, date(2026, 2, 19), "Dean", verdict=Verdict.REFUSE, motivation="x")
    services.exemption.advance(case_id, refuse, version)  # refusing changes no status
    assert services.candidates.detail(cid).data.status is status


def _with_status(data: CandidateInput, status: S) -> CandidateInput:
    from dataclasses import replace

    return replace(data, status=status)


def test_steps_out_of_order_are_refused_with_a_clear_message(services: Services) -> None:
    cid = candidate(services)
    case_id = file(services, cid)
    with pytest.raises(IllegalTransitionError, match="cannot go to 'Faculty decided'"):
        services.exemption.advance(case_id, STEPS[3], 1)
    with pytest.raises(IllegalTransitionError, match="cannot go to 'Advice given'"):
        services.exemption.advance(case_id, STEPS[2], 1)
    version = walk(services, case_id, STEPS[:4])
    withdraw = StepInput(C.WITHDRAWN, date(2026, 2, 20), "Lotte Kramer", reason="Asked to")
    with pytest.raises(IllegalTransitionError, match="can no longer be withdrawn"):
        services.exemption.advance(case_id, withdraw, version)
    version = services.exemption.advance(case_id, STEPS[4], version)
    with pytest.raises(IllegalTransitionError, match="closed"):
        services.exemption.advance(case_id, STEPS[4], version)


@pytest.mark.parametrize(
    ("step", "field", "message"),
    [
        (StepInput(C.UNDER_EVALUATION, date(2026, 1, 14), "HR"), "advisor", "exemption advisor"),
        (StepInput(C.UNDER_EVALUATION, date(2026, 1, 14), " ", advisor="X"), "by", "Say who"),
        (StepInput(C.UNDER_EVALUATION, date(2026, 1, 10), "HR", advisor="X"), "on", "before"),
        (StepInput(C.UNDER_EVALUATION, TODAY + timedelta(1), "HR", advisor="X"), "on", "come"),
    ],
)
def test_bad_step_input_names_the_field(
    services: Services, step: StepInput, field: str, message: str
) -> None:
    case_id = file(services, candidate(services))
    with pytest.raises(ValidationError, match=message) as error:
        services.exemption.advance(case_id, step, 1)
    assert error.value.field == field


def test_an_advice_needs_a_verdict_a_motivation_and_the_meeting(services: Services) -> None:
    case_id = file(services, candidate(services))
    version = walk(services, case_id, STEPS[:2])
    advice = STEPS[2]
    for bad, field in (
        (StepInput(C.ADVICE_GIVEN, advice.on, advice.by, motivation="m"), "verdict"),
        (StepInput(C.ADVICE_GIVEN, advice.on, advice.by, verdict=Verdict.GRANT), "motivation"),
        (
            StepInput(C.ADVICE_GIVEN, date(2026, 2, 1), "A", verdict=Verdict.GRANT, motivation="m"),
            "on",
        ),
    ):
        with pytest.raises(ValidationError) as error:
            services.exemption.advance(case_id, bad, version)
        assert error.value.field == field
    missing = StepInput(C.MEETING_PLANNED, date(2026, 1, 20), "A")
    with pytest.raises(IllegalTransitionError):
        services.exemption.advance(case_id, missing, version)


def test_withdrawing_and_filing_again(services: Services) -> None:
    cid = candidate(services)
    case_id = file(services, cid)
    with pytest.raises(IllegalTransitionError, match="in progress"):
        file(services, cid)
    no_reason = StepInput(C.WITHDRAWN, date(2026, 1, 13), "Lotte Kramer")
    with pytest.raises(ValidationError, match="why"):
        services.exemption.advance(case_id, no_reason, 1)
    withdraw = StepInput(C.WITHDRAWN, date(2026, 1, 13), "Lotte Kramer", reason="Moves abroad")
    services.exemption.advance(case_id, withdraw, 1)
    case = services.exemption.detail(cid).cases[0]
    assert case.status is C.WITHDRAWN and case.withdrawn_reason == "Moves abroad"
    assert case.days_open == 1
    again = file(services, cid, date(2026, 3, 1))
    assert [c.id for c in services.exemption.detail(cid).cases] == [again, case_id]


def test_no_request_for_a_qualified_candidate(services: Services) -> None:
    cid = candidate(services, status=S.QUALIFIED)
    assert "obtained the UTQ already" in services.exemption.detail(cid).filing_refusal
    with pytest.raises(IllegalTransitionError, match="obtained the UTQ already"):
        file(services, cid)


def test_filing_checks_its_input(services: Services) -> None:
    cid = candidate(services)
    bad = (
        (CaseInput(ExemptionGround.OTHER, "", date(2026, 1, 1), "HR"), "ground_detail"),
        (CaseInput(ExemptionGround.VELON, "", None, "HR"), "filed_on"),
        (CaseInput(ExemptionGround.VELON, "", TODAY + timedelta(1), "HR"), "filed_on"),
        (CaseInput(ExemptionGround.VELON, "", TODAY, "  "), "filed_by"),
        (CaseInput("nonsense", "", TODAY, "HR"), "ground"),  # type: ignore[arg-type]
    )
    for data, field in bad:
        with pytest.raises(ValidationError) as error:
            services.exemption.file_case(cid, data)
        assert error.value.field == field
    assert services.exemption.detail(cid).cases == ()


def test_taking_back_steps_restores_the_candidates_status(services: Services) -> None:
    cid = candidate(services, status=S.INTAKE)
    case_id = file(services, cid)
    version = walk(services, case_id, STEPS[:4])
    assert services.candidates.detail(cid).data.status is S.EXEMPTED
    version = services.exemption.revert_step(case_id, version)
    case = services.exemption.detail(cid).cases[0]
    assert case.status is C.ADVICE_GIVEN and case.decision is None and case.letter is None
    assert services.candidates.detail(cid).data.status is S.INTAKE
    for expected in (C.MEETING_PLANNED, C.UNDER_EVALUATION, C.FILED):
        version = services.exemption.revert_step(case_id, version)
        assert services.exemption.detail(cid).cases[0].status is expected
    assert services.exemption.detail(cid).cases[0].advisor == ""
    with pytest.raises(IllegalTransitionError, match="no step to take back"):
        services.exemption.revert_step(case_id, version)
    snapshot = services.exemption.delete_case(case_id, version)
    assert services.exemption.detail(cid).cases == ()
    assert snapshot.data.filed_by == "Lotte Kramer"


def test_a_grant_is_not_taken_back_after_the_status_changed(services: Services) -> None:
    cid = candidate(services)
    case_id = file(services, cid)
    version = walk(services, case_id, STEPS[:4])
    detail = services.candidates.detail(cid)
    services.candidates.update(cid, _with_status(detail.data, S.REGISTERED), detail.row_version)
    with pytest.raises(IllegalTransitionError, match="status was changed"):
        services.exemption.revert_step(case_id, version)


def test_a_colleagues_change_in_between_is_refused(services: Services, database: Any) -> None:
    cid = candidate(services)
    case_id = file(services, cid)
    colleague = database.open("ajonker", today=TODAY)
    colleague.exemption.advance(case_id, STEPS[0], 1)
    with pytest.raises(StaleEditError, match="ajonker changed this exemption request"):
        services.exemption.advance(case_id, STEPS[0], 1)


def test_documents_are_stored_by_hash_and_removed(services: Services, tmp_path: Path) -> None:
    cid = candidate(services)
    case_id = file(services, cid)
    path = tmp_path / "diploma.pdf"
    path.write_bytes(b"%PDF-1.4 diploma")
    upload = services.files.read_upload(path)
    version = services.exemption.add_document(case_id, upload, 1)
    with pytest.raises(ValidationError, match="filed with this request already"):
        services.exemption.add_document(case_id, Upload("copy.pdf", upload.content, ""), version)
    case = services.exemption.detail(cid).cases[0]
    [document] = case.documents
    assert (document.name, document.size, document.added_by) == ("diploma.pdf", 16, "lkramer")
    assert services.files.content(document.sha256) == b"%PDF-1.4 diploma"
    with pytest.raises(IllegalTransitionError, match="documents"):
        services.exemption.delete_case(case_id, version)
    version = services.exemption.remove_document(case_id, document.id, version)
    assert services.exemption.detail(cid).cases[0].documents == ()
    with pytest.raises(StaleEditError):
        services.exemption.remove_document(case_id, document.id, version)


def test_the_letter_follows_the_candidates_language(services: Services) -> None:
    cid = candidate(services, language=Language.ENGLISH)
    case_id = file(services, cid)
    with pytest.raises(IllegalTransitionError, match="once the faculty has decided"):
        services.exemption.generate_letter(case_id)
    walk(services, case_id, STEPS[:4])
    first = services.exemption.detail(cid).cases[0].letter
    assert first is not None and first.name == "Exemption decision Ayşe Doğan 2026-02-19.pdf"
    detail = services.candidates.detail(cid)
    from dataclasses import replace

    services.candidates.update(
        cid, replace(detail.data, language=Language.DUTCH), detail.row_version
    )
    again = services.exemption.generate_letter(case_id)
    assert again.name == "Besluit vrijstelling Ayşe Doğan 2026-02-19.pdf"
    assert again.sha256 != first.sha256
    assert services.files.content(again.sha256).startswith(b"%PDF")
    assert services.exemption.detail(cid).cases[0].letter == again


def test_correcting_what_was_filed(services: Services, database: Any) -> None:
    cid = candidate(services)
    case_id = file(services, cid)
    version = walk(services, case_id, STEPS[:1])  # evaluation from 14-1
    corrected = CaseInput(ExemptionGround.VELON, "VELON 2019", date(2026, 1, 10), "Frank Hermans")
    version = services.exemption.update_case(case_id, corrected, version)
    case = services.exemption.detail(cid).cases[0]
    assert case.data == corrected and case.status is C.UNDER_EVALUATION
    assert (case.steps[0].on, case.steps[0].by) == (date(2026, 1, 10), "Frank Hermans")
    assert services.exemption.update_case(case_id, corrected, version) == version  # no change
    late = CaseInput(ExemptionGround.VELON, "", date(2026, 1, 15), "Frank Hermans")
    with pytest.raises(ValidationError, match="after its next step") as error:
        services.exemption.update_case(case_id, late, version)
    assert error.value.field == "filed_on"
    fields = {
        row[0]
        for row in database.query(
            "SELECT field FROM audit_entry WHERE entity = 'exemption_case' AND action = 'update'"
        )
    }
    assert {"ground", "ground_detail", "request_filed_on", "request_filed_by"} <= fields
