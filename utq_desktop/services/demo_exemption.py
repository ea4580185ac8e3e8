"""Demo exemption cases and partial certificates.

Every candidate the demo made 'Exempted' gets the case that exempted them: granted by
the faculty, the candidate mostly informed already. About 1.5 % of the others (not in
assessment, not qualified) have a request in one of the other states: just filed, under
evaluation, a meeting planned, an advice given, refused (decided or informed), or
withdrawn. The learning routes' recognitions "Partial certificate, <university>"
(services/demo_route.py) become real partial certificates, each linked to the
recognitions it makes, as the Exemption tab records them.

Each candidate's case follows from (seed, staff number) alone. Rows go in with one driver
call per table and chunk; decision letters are not written (the tab's "Generate letter"
makes one), which keeps 50,000 candidates within a few seconds.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus as S
from utq_desktop.domain.exemption import CaseStatus as C
from utq_desktop.domain.exemption import ExemptionGround as G
from utq_desktop.domain.exemption import Verdict as V
from utq_desktop.domain.exemption_models import ExemptionCase
from utq_desktop.services.demo_names import DEMO_USERS
from utq_desktop.services.demo_partial_certificates import insert_partial_certificates
from utq_desktop.services.demo_sql import Binder, plain_insert

WITH_REQUEST = 0.015  # of the candidates not exempted, in assessment or qualified
ELIGIBLE = frozenset({S.REGISTERED, S.INTAKE, S.LEARNING_ROUTE, S.PORTFOLIO})
OPEN_STATES = (  # (state, weight) for requests that did not end in an exemption
    (C.FILED, 14),
    (C.UNDER_EVALUATION, 14),
    (C.MEETING_PLANNED, 14),
    (C.ADVICE_GIVEN, 12),
    (C.DECIDED, 8),  # refused, the candidate not informed yet
    (C.INFORMED, 22),  # refused
    (C.WITHDRAWN, 16),
)
GROUNDS = ((G.TEACHER_TRAINING, 45), (G.VELON, 25), (G.FOREIGN, 25), (G.OTHER, 5))
OTHER_GROUNDS = (
    "Master Leren en Innoveren, Hogeschool Utrecht",
    "Senior Teaching Qualification, another university",
    "Didactic training of a university of applied sciences (PDG)",
)
FOREIGN_DETAILS = (
    "Postgraduate Certificate in Academic Practice (PGCAP), United Kingdom",
    "Hochschuldidaktik-Zertifikat, Germany",
    "Pedagogical Competence portfolio, Sweden",
    "",
)
ADVISORS = ("Peter van Dam", "Ingrid Hoekstra", "Rob Verhagen")
GRANT_MOTIVATIONS = (
    "The diploma and the reflection report show all five competences in an academic "
    "context; the meeting confirmed this.",
    "The certificate covers the UTQ competences; the candidate showed in the meeting how "
    "they apply them in their own courses.",
    "Equivalent to the UTQ: the programme covered design, teaching, assessment, evaluation "
    "and professional development, with supervised practice.",
)
REFUSE_MOTIVATIONS = (
    "The diploma does not cover assessment in higher education (competence 3); a partial "
    "certificate route is advised instead.",
    "The reflection report does not relate the teacher training to the academic context; "
    "the candidate may ask again with a revised report.",
    "The programme had no supervised teaching practice, so competence 2 is not shown.",
)
WITHDRAWAL_REASONS = (
    "At the candidate's request: will follow the UTQ trajectory after all.",
    "The candidate left the university.",
    "Filed twice by mistake.",
)
CASE_COLUMNS = (
    "candidate_id",
    "ground",
    "ground_detail",
    "status",
    "filed_on",
    "filed_by",
    "advisor",
    "meeting_on",
    "advice",
    "advice_motivation",
    "decision",
    "decided_by",
    "decision_motivation",
    "status_before",
    "withdrawn_reason",
    "letter_name",
    "notes",
    "created_at",
    "updated_at",
    "row_version",
)
STEP_COLUMNS = (
    "case_id",
    "status",
    "happened_on",
    "done_by",
    "detail",
    "recorded_by",
    "recorded_at",
)
AUDIT_COLUMNS = ("at", "actor", "entity", "entity_id", "candidate_id", "action", "new_value")
HR_NAMES = tuple(name for _login, name, role in DEMO_USERS if role == "hr") or ("HR advisor",)


def insert_exemptions(
    session: Session,
    seed: int,
    today: date,
    rows: Sequence[dict[str, Any]],
    ids: dict[str, int],
    actor: str,
) -> None:
    """Add demo exemption cases for the new candidates ``rows`` (ids by staff number), and
    turn their routes' partial-certificate recognitions into partial certificates."""
    bind = Binder(session.connection().dialect)
    rng = random.Random()
    plans: list[tuple[int, dict[str, Any], list[tuple[Any, ...]]]] = []
    for row in rows:
        candidate_id = ids.get(row["staff_number"])
        if candidate_id is None:
            continue
        rng.seed(seed * 10_000_000 + int(row["staff_number"]) + 7_777)
        plan = _plan(rng, row, today)
        if plan is not None:
            plans.append((candidate_id, *plan))
    if plans:
        _insert_cases(session, bind, plans, actor)
    insert_partial_certificates(session, bind, seed, set(ids.values()), actor)


def _weighted(rng: random.Random, choices: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _plan(
    rng: random.Random, row: dict[str, Any], today: date
) -> tuple[dict[str, Any], list[tuple[Any, ...]]] | None:
    """The case of one candidate (its columns, and its steps as (status, day, by, detail)),
    or None."""
    status = row["status"]
    if status is S.EXEMPTED:
        state, verdict = (C.INFORMED if rng.random() < 0.95 else C.DECIDED), V.GRANT
    elif status in ELIGIBLE and rng.random() < WITH_REQUEST:
        state = _weighted(rng, OPEN_STATES)
        verdict = V.REFUSE if state in (C.DECIDED, C.INFORMED) else None
    else:
        return None
    yesterday = today - timedelta(days=1)
    meeting_gap = rng.randint(7, 28)  # from planning the meeting to holding it
    gaps = {  # days from the previous step (the advice: from planning the meeting)
        C.UNDER_EVALUATION: rng.randint(1, 10),
        C.MEETING_PLANNED: rng.randint(2, 14),
        C.ADVICE_GIVEN: meeting_gap + rng.randint(0, 10),
        C.DECIDED: rng.randint(5, 30),
        C.INFORMED: rng.randint(1, 7),
        C.WITHDRAWN: rng.randint(3, 40),
    }
    order = [C.UNDER_EVALUATION, C.MEETING_PLANNED, C.ADVICE_GIVEN, C.DECIDED, C.INFORMED]
    if state is C.WITHDRAWN:
        path = [*order[: rng.randint(0, 3)], C.WITHDRAWN]
    elif state is C.FILED:
        path = []
    else:
        path = order[: order.index(state) + 1]
    span = sum(gaps[step] for step in path)
    start = row["employment_start"] or row["created_at"].date()
    if status is S.EXEMPTED and state is C.INFORMED:  # asked soon after starting
        filed = min(start + timedelta(days=rng.randint(14, 150)), yesterday - timedelta(days=span))
    elif status is S.EXEMPTED:  # decided these last weeks; the letter is still to go out
        filed = yesterday - timedelta(days=span + rng.randint(0, 14))
    else:  # a request of the last months
        filed = yesterday - timedelta(days=span + rng.randint(0, 60))
    hr = HR_NAMES[rng.randrange(len(HR_NAMES))]
    advisor = ADVISORS[rng.randrange(len(ADVISORS))]
    ground = _weighted(rng, GROUNDS)
    detail = ""
    if ground is G.OTHER:
        detail = OTHER_GROUNDS[rng.randrange(len(OTHER_GROUNDS))]
    elif ground is G.FOREIGN:
        detail = FOREIGN_DETAILS[rng.randrange(len(FOREIGN_DETAILS))]
    case: dict[str, Any] = {
        "ground": ground,
        "ground_detail": detail,
        "status": state,
        "filed_on": filed,
        "filed_by": hr,
        "advisor": "",
        "meeting_on": None,
        "advice": None,
        "advice_motivation": "",
        "decision": None,
        "decided_by": "",
        "decision_motivation": "",
        "status_before": None,
        "withdrawn_reason": "",
    }
    steps: list[tuple[Any, ...]] = [(C.FILED, filed, hr, "")]
    day = filed
    advice = verdict or (V.GRANT if rng.random() < 0.6 else V.REFUSE)
    motivations = GRANT_MOTIVATIONS if advice is V.GRANT else REFUSE_MOTIVATIONS
    motivation = motivations[rng.randrange(len(motivations))]
    for step in path:
        day = min(day + timedelta(days=gaps[step]), yesterday)
        if step is C.UNDER_EVALUATION:
            case["advisor"] = advisor
            steps.append((step, day, hr, advisor))
        elif step is C.MEETING_PLANNED:
            case["meeting_on"] = day + timedelta(days=meeting_gap)
            steps.append((step, day, advisor, case["meeting_on"].isoformat()))
        elif step is C.ADVICE_GIVEN:
            case["advice"], case["advice_motivation"] = advice, motivation
            steps.append((step, day, advisor, advice.value))
        elif step is C.DECIDED:
            dean = f"Dean, Faculty of {row['faculty']}" if row["faculty"] else "The dean"
            case |= {"decision": advice, "decided_by": dean, "decision_motivation": motivation}
            if advice is V.GRANT:
                case["status_before"] = S.REGISTERED  # the status the demo never showed
            steps.append((step, day, dean, advice.value))
        elif step is C.INFORMED:
            steps.append((step, day, hr, ""))
        elif step is C.WITHDRAWN:
            reason = WITHDRAWAL_REASONS[rng.randrange(len(WITHDRAWAL_REASONS))]
            case["withdrawn_reason"] = reason
            steps.append((step, day, hr, reason))
    return case, steps


def _insert_cases(
    session: Session,
    bind: Binder,
    plans: list[tuple[int, dict[str, Any], list[tuple[Any, ...]]]],
    actor: str,
) -> None:
    last = session.scalar(select(func.max(ExemptionCase.id))) or 0
    cases = []
    for candidate_id, case, steps in plans:
        stamp = bind.stamp(datetime.combine(steps[-1][1], time(10, 30)))
        values = {
            **case,
            "filed_on": bind.day(case["filed_on"]),
            "meeting_on": bind.day(case["meeting_on"]),
            "ground": case["ground"].value,
            "status": case["status"].value,
            "advice": case["advice"] and case["advice"].value,
            "decision": case["decision"] and case["decision"].value,
            "status_before": case["status_before"] and case["status_before"].value,
        }
        cases.append(
            (candidate_id, *(values[c] for c in CASE_COLUMNS[1:15]), "", "", stamp, stamp, 1)
        )
    plain_insert(session, "exemption_case", CASE_COLUMNS, cases)
    ours = {candidate_id: plan for candidate_id, *plan in plans}
    new = session.execute(
        select(ExemptionCase.id, ExemptionCase.candidate_id).where(ExemptionCase.id > last)
    ).all()
    step_rows, entries = [], []
    for case_id, candidate_id in new:
        if candidate_id not in ours:
            continue  # on a server, someone else's case may have arrived meanwhile
        _case, steps = ours[candidate_id]
        for status, day, by, detail in steps:
            stamp = bind.stamp(datetime.combine(day, time(11, 0)))
            step_rows.append((case_id, status.value, bind.day(day), by, detail, actor, stamp))
        filed = bind.stamp(datetime.combine(steps[0][1], time(9, 15)))
        entries.append(
            (filed, actor, "exemption_case", case_id, candidate_id, "create", "demo data")
        )
    plain_insert(session, "exemption_step", STEP_COLUMNS, step_rows)
    plain_insert(session, "audit_entry", AUDIT_COLUMNS, entries)
