"""Demo intakes: for every candidate at intake or later, an intake that fits their status.

Candidates in 'intake' are somewhere along it (documents incomplete, ready for the meeting,
or the meeting planned); those further along completed it, with the supervisor they have.
Intakes held more than PAPER_YEARS ago were typed in from the paper form, without CV lines
and self-ratings. Registered and exempted candidates have none. The intakes come from
their own random stream, drawn for every candidate in order, so the candidates themselves
are exactly those the seed gave before intakes existed, and candidate i's intake never
depends on the count.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from itertools import accumulate
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.enums import TrajectoryStatus as S
from utq_desktop.domain.intake import TEACHING_LANGUAGES, IntakeState, ProgrammeLevel
from utq_desktop.domain.intake_models import (
    CompetenceRating,
    CriterionRating,
    Intake,
    TeachingExperience,
)
from utq_desktop.domain.models import AppUser, AuditEntry, Competence, Framework
from utq_desktop.services import demo_names as N
from utq_desktop.store.bulk import insert_rows

NO_FIELD = {"field": None, "old_value": None}
LATER = frozenset({S.LEARNING_ROUTE, S.PORTFOLIO, S.ASSESSMENT, S.QUALIFIED})
IN_PROGRESS = (
    (IntakeState.DOCUMENTS_INCOMPLETE, 45),
    (IntakeState.READY_FOR_MEETING, 20),
    (IntakeState.MEETING_PLANNED, 35),
)
COURSES = (
    "Introduction to {d}",
    "{d} 1",
    "{d} 2",
    "Advanced Topics in {d}",
    "Research Methods in {d}",
    "Academic Skills",
    "Statistics for {d}",
    "{d} Lab",
    "Project: {d} in Practice",
    "Honours Seminar {d}",
)
THESES = ("Bachelor thesis", "Master thesis")
LEVELS = ((ProgrammeLevel.BACHELOR, 60), (ProgrammeLevel.MASTER, 30), (ProgrammeLevel.OTHER, 10))
ROLES = (
    ("Lecturer", 45),
    ("Course coordinator", 20),
    ("Tutor", 15),
    ("Lab instructor", 8),
    ("Teaching assistant", 7),
    ("Project supervisor", 5),
)
STUDENTS = (12, 20, 25, 35, 40, 60, 80, 120, 150, 200, 250, 350, 450)
THESIS_STUDENTS = STUDENTS[:4]
LINES_PER_CV = (1, 2, 2, 3, 3, 4)
YEARS_BEFORE = (0, 0, 1, 2, 3, 5, 8)  # how long before joining someone started teaching
LANGUAGES = TEACHING_LANGUAGES[:3]
DEPARTMENT_HEADS = (
    "prof. dr. {n}",
    "dr. {n}",
    "prof. {n}",
)
AGREED_TASKS = (
    "Coordinates one bachelor course and lectures in a second; supervises 4 theses a year.",
    "Lectures in the first-year programme; tutor for two project groups.",
    "Redesigns the master course with a colleague; supervises master theses.",
    "Takes over the course coordination from next quarter; assessment in two courses.",
    "Teaches the lab sessions and develops a new practical; 0.3 FTE teaching.",
    "Lectures in English in the international programme; 3 thesis students.",
)
AGREEMENTS = (
    "Route: start with the assessment module, then the course-design workshop.",
    "Self-study for competences 4 and 5; peer supervision group this spring.",
    "Class observation in the first quarter; dossier writing sessions in the autumn.",
    "Follows the full module series; aims to submit the dossier within 18 months.",
    "Experienced teacher: portfolio route with two feedback moments, no modules.",
    "Will redesign own course as the core of the dossier (competence 1 and 3).",
)
NOTES = (
    "Much experience with large lectures.",
    "Little experience so far; wants to develop this.",
    "Did a course on this at my previous university.",
    "Want feedback from a colleague on this.",
    "Not sure how this works in the Dutch system.",
    "Strong point according to student evaluations.",
)
RATING_WEIGHTS = (20, 40, 30, 10)  # over the framework's scale, lowest first
PAPER_YEARS = 1  # intakes held longer ago than this were recorded from the paper file
PAPER = "Recorded from the paper intake form; the CV and self-diagnosis are in the paper file."


@dataclass
class IntakePlan:
    row: dict[str, Any]  # the intake's varying columns (not candidate_id, see insert_intakes)
    framework_id: int | None
    # rows of EXPERIENCE_COLUMNS (without the intake), (competence id, rating, notes), …
    experiences: list[tuple[Any, ...]] = field(default_factory=list)
    competences: list[tuple[Any, ...]] = field(default_factory=list)
    criteria: list[tuple[Any, ...]] = field(default_factory=list)


EXPERIENCE_COLUMNS = (
    "intake_id",
    "course",
    "level",
    "role",
    "year_from",
    "year_to",
    "students",
    "language",
)


@dataclass(frozen=True)
class FrameworkShape:
    framework_id: int | None
    competences: tuple[tuple[int, tuple[int, ...]], ...]  # (competence id, criterion ids)
    scale: tuple[int, ...]


def framework_shape(session: Session, framework_id: int | None) -> FrameworkShape:
    if framework_id is None:
        return FrameworkShape(None, (), ())
    framework = session.get(Framework, framework_id)
    competences = session.scalars(
        select(Competence).where(Competence.framework_id == framework_id)
    ).all()
    ordered = sorted(competences, key=lambda c: c.position)
    points = framework.scale if framework else []
    scale = tuple(sorted(int(str(point["value"])) for point in points))
    return FrameworkShape(
        framework_id, tuple((c.id, tuple(k.id for k in c.criteria)) for c in ordered), scale
    )


class IntakeMaker:
    def __init__(
        self,
        seed: int,
        today: date,
        shape: FrameworkShape,
        consultants: dict[int, str],
    ) -> None:
        self.rng = random.Random(f"intake:{seed}")
        self.today, self.yesterday = today, today - timedelta(days=1)
        self.paper_before = date(today.year - PAPER_YEARS, today.month, min(today.day, 28))
        self.shape = shape
        self.consultants = consultants
        self.consultant_names = sorted(consultants.values()) or ["the faculty consultant"]
        self.in_progress = _cumulative(IN_PROGRESS)
        self.levels = _cumulative(LEVELS)
        self.roles = _cumulative(ROLES)
        self.ratings = _cumulative(tuple(zip(shape.scale, RATING_WEIGHTS, strict=False)))

    def plan(
        self, status: S, registered: date, supervisor_id: int | None, department: str
    ) -> IntakePlan | None:
        """The intake of one candidate (None: none), drawn the same whether or not the
        candidate is new, so that the stream stays aligned."""
        if status is S.INTAKE:
            state = _draw(self.rng.random, self.in_progress)
        elif status in LATER:
            state = IntakeState.COMPLETED
        else:
            return None
        r = self.rng.random
        day = timedelta(days=1)
        anchor = min(registered, self.yesterday)
        if state is IntakeState.COMPLETED:
            meeting = min(self.yesterday, anchor + (30 + int(r() * 90)) * day)
            sent = max(anchor, meeting - (5 + int(r() * 20)) * day)
            discussed = max(anchor, sent - (3 + int(r() * 27)) * day)
        else:
            begun = max(anchor, self.today - (20 + int(r() * 130)) * day)
            discussed = min(self.yesterday, begun + int(r() * 20) * day)
            sent = min(self.yesterday, discussed + (3 + int(r() * 17)) * day)
            meeting = max(sent + 3 * day, self.today + (int(r() * 44) - 4) * day)
        complete = state is not IntakeState.DOCUMENTS_INCOMPLETE
        has_self_diagnosis = complete or r() < 0.55
        has_tasks = complete or r() < 0.5
        has_cv = complete or r() < 0.8 or not (has_self_diagnosis or has_tasks)  # something
        # intakes held before the application came: recorded from the paper file, whose
        # CV and self-diagnosis were not typed in
        on_paper = state is IntakeState.COMPLETED and meeting < self.paper_before
        partly_sent = not complete and has_cv and r() < 0.3
        consultant = _pick(r, self.consultant_names)
        completed = state is IntakeState.COMPLETED
        begun_on = discussed if has_tasks else sent if complete or partly_sent else discussed
        stamp = datetime.combine(begun_on, time(9 + int(r() * 8), int(r() * 60)))
        row = {
            "tasks_supervisor": self._head(r) if has_tasks else "",
            "tasks_discussed_on": discussed if has_tasks else None,
            "tasks_agreed": _pick(r, AGREED_TASKS) if has_tasks else "",
            "cv_sent": complete or partly_sent,
            "self_diagnosis_sent": complete or (partly_sent and has_self_diagnosis),
            "tasks_sent": complete,
            "documents_sent_on": sent if complete or partly_sent else None,
            "meeting_on": meeting
            if state in (IntakeState.MEETING_PLANNED, IntakeState.COMPLETED)
            else None,
            "meeting_with": consultant if state is IntakeState.MEETING_PLANNED else "",
            "meeting_held": completed,
            "supervisor_id": supervisor_id if completed else None,
            "agreements": PAPER if on_paper else _pick(r, AGREEMENTS) if completed else "",
            "consider_exemption": completed and r() < 0.02,
            "consider_partial_certificate": completed and r() < 0.05,
            "created_at": stamp,
            "updated_at": stamp,
        }
        if completed:
            row["meeting_with"] = self.consultants.get(supervisor_id or 0, consultant)
        plan = IntakePlan(row, self.shape.framework_id)
        if on_paper:
            return plan
        if has_cv:
            plan.experiences = self._experiences(r, department, registered.year)
        if has_self_diagnosis and self.shape.scale:
            self._self_diagnosis(r, plan)
        return plan

    def _head(self, r: Random) -> str:
        prefix, surname = _pick(r, N.DUTCH_SURNAMES)
        initial = _pick(r, "ABCDEFGHJKLMNPRSTW")
        name = f"{initial}. {prefix} {surname}" if prefix else f"{initial}. {surname}"
        return _pick(r, DEPARTMENT_HEADS).format(n=name)

    def _experiences(self, r: Random, department: str, registered: int) -> list[tuple[Any, ...]]:
        # the hottest loop of the demo data: plain indexing instead of helper calls
        rows = []
        this_year = self.today.year
        levels, roles = self.levels, self.roles
        for _ in range(LINES_PER_CV[int(r() * len(LINES_PER_CV))]):
            if r() < 0.15:
                course, role = THESES[int(r() * 2)], "Thesis supervisor"
                students = THESIS_STUDENTS[int(r() * len(THESIS_STUDENTS))]
            else:
                course = _course(COURSES[int(r() * len(COURSES))], department)
                role = _draw(r, roles)
                students = STUDENTS[int(r() * len(STUDENTS))]
            first = min(this_year, registered - YEARS_BEFORE[int(r() * len(YEARS_BEFORE))])
            last = None if r() < 0.5 else min(this_year, first + int(r() * 4))
            rows.append(
                (
                    course,
                    _draw(r, levels).value,
                    role,
                    first,
                    last,
                    students if r() < 0.85 else None,
                    LANGUAGES[int(r() * len(LANGUAGES))],
                )
            )
        return rows

    def _self_diagnosis(self, r: Random, plan: IntakePlan) -> None:
        low, high = self.shape.scale[0], self.shape.scale[-1]
        ratings, competences, criteria_rows = self.ratings, plan.competences, plan.criteria
        specific = r() < 0.3
        for competence_id, criteria in self.shape.competences:
            rating = _draw(r, ratings)
            notes = NOTES[int(r() * len(NOTES))] if r() < 0.3 else ""
            competences.append((competence_id, rating, notes))
            if specific and criteria and r() < 0.5:
                shifted = min(max(rating + int(r() * 3) - 1, low), high)
                criteria_rows.append((criteria[int(r() * len(criteria))], shifted, ""))


def consultant_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    rows = session.execute(select(AppUser.id, AppUser.name))
    return {uid: name for uid, name in rows if uid in wanted}


def insert_intakes(session: Session, plans: dict[int, IntakePlan], last_id: int, actor: str) -> int:
    """Bulk-insert the intakes of candidates (by id) with their CV lines, self-ratings and
    one audit entry each (store.bulk: one driver call per table); returns the highest
    intake id."""
    if not plans:
        return last_id
    same = {  # written into the statement once instead of bound per row
        "framework_id": next(iter(plans.values())).framework_id,
        "cv_document_sha256": None,
        "cv_document_name": "",
        "row_version": 1,
    }
    insert_rows(
        session,
        Intake.__table__,
        [[{"candidate_id": cid, **plan.row} for cid, plan in plans.items()]],
        same,
    )
    ids = session.execute(select(Intake.id, Intake.candidate_id).where(Intake.id > last_id)).all()
    experiences, competences, criteria, entries = [], [], [], []
    for intake_id, cid in ids:
        plan = plans.get(cid)
        if plan is None:  # on a server, someone else's intake may have arrived meanwhile
            continue
        experiences += [
            dict(zip(EXPERIENCE_COLUMNS, (intake_id, *row), strict=True))
            for row in plan.experiences
        ]
        competences += [
            {"intake_id": intake_id, "competence_id": key, "rating": rating, "notes": notes}
            for key, rating, notes in plan.competences
        ]
        criteria += [
            {"intake_id": intake_id, "criterion_id": key, "rating": rating, "notes": notes}
            for key, rating, notes in plan.criteria
        ]
        entries.append({"at": plan.row["created_at"], "entity_id": intake_id, "candidate_id": cid})
    experience = TeachingExperience.__table__
    for table, rows in (
        (experience, experiences),
        (CompetenceRating.__table__, competences),
        (CriterionRating.__table__, criteria),
    ):
        insert_rows(session, table, [rows], {"row_version": 1} if table is experience else {})
    audit = {"actor": actor, "entity": "intake", "action": "create", "new_value": "demo data"}
    insert_rows(session, AuditEntry.__table__, [entries], audit | NO_FIELD)
    return max(intake_id for intake_id, _ in ids)


@cache
def _course(template: str, department: str) -> str:
    return template.format(d=department)


Random = Callable[[], float]
T = TypeVar("T")


def _pick(r: Random, items: Sequence[T]) -> T:
    """One of ``items``, uniformly; ``r`` is a bound Random.random (much cheaper than
    Random.choice in a loop that runs for every one of 50,000 candidates)."""
    return items[int(r() * len(items))]


def _cumulative(choices: tuple[tuple[T, int], ...]) -> tuple[tuple[T, ...], list[float]]:
    total = sum(weight for _, weight in choices)
    return tuple(c for c, _ in choices), [w / total for w in accumulate(w for _, w in choices)]


def _draw(r: Random, cumulative: tuple[tuple[T, ...], list[float]]) -> T:
    items, bounds = cumulative
    return items[min(bisect(bounds, r()), len(items) - 1)]
