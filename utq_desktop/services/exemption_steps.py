"""Recording and taking back the steps of an exemption case, inside the caller's
transaction. Every step goes through domain.exemption.check_step (the order) and
check_step_date (the dates); a granted faculty decision moves the candidate to
'Exempted' in the same transaction, through domain.workflow.check_transition.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.exemption import (
    CaseStatus,
    ExemptionGround,
    Verdict,
    check_meeting_date,
    check_step,
    check_step_date,
)
from utq_desktop.domain.exemption_models import ExemptionCase, ExemptionStep
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.workflow import check_transition
from utq_desktop.errors import IllegalTransitionError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.exemption_dto import CaseInput, StepInput
from utq_desktop.services.exemption_read import name_of, steps_of

C = CaseStatus
MAX_NAME = 200
MAX_MOTIVATION = 4000
MAX_DETAIL = 300
MAX_NOTES = 4000


def clean_name(value: str, field: str, missing: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValidationError(missing, field)
    if len(value) > MAX_NAME:
        raise ValidationError(f"A name is at most {MAX_NAME} characters.", field)
    return value


def clean_text(value: str, field: str, missing: str | None, limit: int = MAX_MOTIVATION) -> str:
    value = value.strip()
    if not value and missing is not None:
        raise ValidationError(missing, field)
    if len(value) > limit:
        raise ValidationError(f"This text is at most {limit} characters.", field)
    return value


def clean_case(data: CaseInput, today: date) -> CaseInput:
    """What was filed, trimmed; a ValidationError names the first bad field."""
    try:
        ground = ExemptionGround(data.ground)
    except ValueError:
        raise ValidationError(f"Unknown exemption ground '{data.ground}'.", "ground") from None
    if data.filed_on is None:
        raise ValidationError("Give the day the request was filed.", "filed_on")
    if data.filed_on > today:
        raise ValidationError(
            f"A request is filed on the day it is made; {data.filed_on:%d-%m-%Y} is still to come.",
            "filed_on",
        )
    detail = " ".join(data.ground_detail.split())
    if ground is ExemptionGround.OTHER and not detail:
        raise ValidationError(
            "Describe the ground when it is 'Other' (the diploma or certificate).",
            "ground_detail",
        )
    if len(detail) > MAX_DETAIL:
        raise ValidationError(f"At most {MAX_DETAIL} characters.", "ground_detail")
    return CaseInput(
        ground=ground,
        ground_detail=detail,
        filed_on=data.filed_on,
        filed_by=clean_name(data.filed_by, "filed_by", "Name the HR advisor who files it."),
        notes=clean_text(data.notes, "notes", None, MAX_NOTES),
    )


def apply_step(
    session: Session,
    case: ExemptionCase,
    candidate: Candidate,
    step: StepInput,
    actor: str,
    today: date,
) -> list[Change]:
    """Record ``step`` on ``case`` (already locked at the expected version); returns the
    audit changes of the case. Raises IllegalTransitionError or ValidationError."""
    target = CaseStatus(step.target)
    check_step(case.status, target)
    history = steps_of(session, case.id)
    previous = history[-1].happened_on if history else case.filed_on
    by = clean_name(step.by, "by", f"Say who did this step ('{target.label}').")
    check_step_date(target, step.on, previous, today, case.meeting_on)
    changes: list[Change] = [("exemption_step", case.status.label, target.label)]
    detail = ""
    if target is C.UNDER_EVALUATION:
        advisor = clean_name(step.advisor, "advisor", "Name the exemption advisor who evaluates.")
        changes.append(("advisor", case.advisor or None, advisor))
        case.advisor = detail = advisor
    elif target is C.MEETING_PLANNED:
        if step.meeting_on is None:
            raise ValidationError("Give the day of the meeting with the candidate.", "meeting_on")
        check_meeting_date(step.meeting_on, step.on)
        changes.append(("meeting_on", case.meeting_on, step.meeting_on))
        case.meeting_on = step.meeting_on
        detail = step.meeting_on.isoformat()
    elif target in (C.ADVICE_GIVEN, C.DECIDED):
        verdict, motivation = _verdict(step, target)
        detail = verdict.value
        if target is C.ADVICE_GIVEN:
            changes += [
                ("advice", None, verdict.advice_label),
                ("advice_motivation", None, motivation),
            ]
            case.advice, case.advice_motivation = verdict, motivation
        else:
            changes += [
                ("decision", None, verdict.decision_label),
                ("decided_by", None, by),
                ("decision_motivation", None, motivation),
            ]
            case.decision, case.decided_by, case.decision_motivation = verdict, by, motivation
            if verdict is Verdict.GRANT:
                _exempt(session, case, candidate, actor)
    elif target is C.WITHDRAWN:
        reason = clean_text(
            step.reason,
            "reason",
            "Say why the request is withdrawn (e.g. at the candidate's request).",
        )
        changes.append(("withdrawn_reason", None, reason))
        case.withdrawn_reason = detail = reason
    case.status = target
    session.add(
        ExemptionStep(
            case_id=case.id,
            status=target,
            happened_on=step.on,
            done_by=by,
            detail=detail,
            recorded_by=actor,
            recorded_at=utc_now(),
        )
    )
    return changes


def _verdict(step: StepInput, target: CaseStatus) -> tuple[Verdict, str]:
    what = "advice" if target is C.ADVICE_GIVEN else "decision"
    if step.verdict is None:
        raise ValidationError(f"Choose the {what}: grant or refuse the exemption.", "verdict")
    motivation = clean_text(
        step.motivation,
        "motivation",
        f"Give the motivation of the {what}; the letter to the candidate quotes it.",
    )
    return Verdict(step.verdict), motivation


def _exempt(session: Session, case: ExemptionCase, candidate: Candidate, actor: str) -> None:
    """A granted exemption fulfils the UTQ obligation: the candidate becomes 'Exempted'."""
    name = name_of(candidate)
    current = candidate.status
    if current is TrajectoryStatus.QUALIFIED:
        raise IllegalTransitionError(
            f"{name} has obtained the UTQ already (status 'Qualified'); an exemption cannot "
            "be granted. Withdraw the request instead."
        )
    if current is TrajectoryStatus.ASSESSMENT:
        raise IllegalTransitionError(
            f"{name}'s dossier is being assessed (status 'Assessment'); an exemption cannot "
            "be granted during the assessment. Wait for its result, or move the candidate "
            "back to 'Portfolio' first."
        )
    check_transition(current, TrajectoryStatus.EXEMPTED)
    case.status_before = current
    if current is TrajectoryStatus.EXEMPTED:
        return
    candidate.status = TrajectoryStatus.EXEMPTED
    session.flush()
    audit.record(
        session,
        actor,
        entity="candidate",
        entity_id=candidate.id,
        candidate_id=candidate.id,
        action="update",
        changes=[("status", current, TrajectoryStatus.EXEMPTED)],
    )


def revert_step(
    session: Session, case: ExemptionCase, candidate: Candidate, actor: str
) -> list[Change]:
    """Take back the last step of ``case`` (undo of a step recorded by mistake); returns
    the audit changes. A granted decision gives the candidate back their earlier status
    — a correction of what was recorded, not a move in the trajectory, so it is not a
    workflow transition — as long as nobody changed that status since."""
    history = steps_of(session, case.id)
    if len(history) < 2:
        raise IllegalTransitionError(
            "Only the filing of this request is recorded; there is no step to take back."
        )
    last, before = history[-1], history[-2]
    if last.status is not case.status:
        raise IllegalTransitionError(
            "This case's history does not end with its current step; reload it."
        )
    changes: list[Change] = [("exemption_step", case.status.label, before.status.label)]
    if last.status is C.UNDER_EVALUATION:
        changes.append(("advisor", case.advisor, None))
        case.advisor = ""
    elif last.status is C.MEETING_PLANNED:
        changes.append(("meeting_on", case.meeting_on, None))
        case.meeting_on = None
    elif last.status is C.ADVICE_GIVEN:
        changes.append(("advice", case.advice.advice_label if case.advice else None, None))
        case.advice, case.advice_motivation = None, ""
    elif last.status is C.DECIDED:
        if case.decision is Verdict.GRANT:
            _unexempt(session, case, candidate, actor)
        changes.append(("decision", case.decision.decision_label if case.decision else None, None))
        case.decision, case.decided_by, case.decision_motivation = None, "", ""
        case.status_before = None
        if case.letter_sha256:
            changes.append(("letter", case.letter_name, None))
        case.letter_sha256, case.letter_name = None, ""
    elif last.status is C.WITHDRAWN:
        changes.append(("withdrawn_reason", case.withdrawn_reason, None))
        case.withdrawn_reason = ""
    case.status = before.status
    session.delete(last)
    return changes


def _unexempt(session: Session, case: ExemptionCase, candidate: Candidate, actor: str) -> None:
    earlier = case.status_before or TrajectoryStatus.REGISTERED
    if candidate.status is not TrajectoryStatus.EXEMPTED:
        raise IllegalTransitionError(
            f"{name_of(candidate)}'s status was changed after the exemption was granted "
            f"(it is '{candidate.status.label}' now), so the decision cannot be taken back "
            "here. Correct the status in the candidate's details first."
        )
    if earlier is TrajectoryStatus.EXEMPTED:
        return
    candidate.status = earlier
    session.flush()
    audit.record(
        session,
        actor,
        entity="candidate",
        entity_id=candidate.id,
        candidate_id=candidate.id,
        action="update",
        changes=[("status", TrajectoryStatus.EXEMPTED, earlier)],
    )
