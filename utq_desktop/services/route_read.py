"""Reading a learning route: the tab's and the PDF's RouteDetail, in one session."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from utq_desktop.domain.deadlines import deadline
from utq_desktop.domain.intake_models import Intake
from utq_desktop.domain.models import (
    AppUser,
    AuditEntry,
    Candidate,
    Competence,
    Framework,
    InstitutionSettings,
)
from utq_desktop.domain.names import full_name
from utq_desktop.domain.route import (
    ActivityFacts,
    StatusDates,
    after_deadline,
    is_overdue,
    progress_by_competence,
)
from utq_desktop.domain.route_models import (
    LearningRoute,
    RouteActivity,
    RouteRecognition,
    RouteTemplate,
    RouteTemplateItem,
    activity_competence,
)
from utq_desktop.services.route_dto import (
    Activity,
    ActivityInput,
    Recognition,
    RouteAgreement,
    RouteCompetence,
    RouteDetail,
)

# audit entities of the route; every row also carries the candidate's id
ROUTE = "learning_route"
ACTIVITY = "route_activity"

_FROM_ITEM = RouteActivity.template_item_id == RouteTemplateItem.id


def route_of(session: Session, candidate_id: int) -> LearningRoute | None:
    return session.scalar(select(LearningRoute).where(LearningRoute.candidate_id == candidate_id))


def route_framework_id(session: Session, candidate: Candidate) -> int | None:
    """The version a new route uses: the one the intake's self-diagnosis used, else the
    candidate's own (the version they started with, whatever is newer now)."""
    from_intake = session.scalar(
        select(Intake.framework_id).where(Intake.candidate_id == candidate.id)
    )
    return from_intake or candidate.framework_id


def intake_date(session: Session, candidate_id: int) -> date | None:
    """The day the intake meeting was held (None: not held yet)."""
    return session.scalar(
        select(Intake.meeting_on).where(
            Intake.candidate_id == candidate_id, Intake.meeting_held == true()
        )
    )


def candidate_deadline(session: Session, candidate: Candidate) -> date | None:
    years = session.scalar(select(InstitutionSettings.deadline_years)) or 3
    return deadline(candidate.employment_start, years, candidate.extension_months)


def activity_input(row: RouteActivity, competence_ids: tuple[int, ...]) -> ActivityInput:
    return ActivityInput(
        kind=row.kind,
        title=row.title,
        provider=row.provider,
        planned_on=row.planned_on,
        hours=row.hours,
        competence_ids=competence_ids,
        notes=row.notes,
    )


def status_dates(row: RouteActivity) -> StatusDates:
    return StatusDates(row.status, row.registered_on, row.completed_on, row.cancelled_on)


def competence_links(session: Session, activity_ids: list[int]) -> dict[int, tuple[int, ...]]:
    """The competence ids of each activity (in the framework's order)."""
    if not activity_ids:
        return {}
    rows = session.execute(
        select(activity_competence.c.activity_id, activity_competence.c.competence_id)
        .join(Competence, Competence.id == activity_competence.c.competence_id)
        .where(activity_competence.c.activity_id.in_(activity_ids))
        .order_by(Competence.position)
    )
    links: dict[int, list[int]] = defaultdict(list)
    for activity_id, competence_id in rows:
        links[activity_id].append(competence_id)
    return {key: tuple(value) for key, value in links.items()}


def build_detail(session: Session, candidate: Candidate, today: date) -> RouteDetail:
    route = route_of(session, candidate.id)
    framework_id = route.framework_id if route else route_framework_id(session, candidate)
    framework = session.get(Framework, framework_id) if framework_id else None
    due = candidate_deadline(session, candidate)
    activities: list[Activity] = []
    recognitions: dict[int, Recognition] = {}
    if route is not None:
        rows = list(
            session.execute(
                select(RouteActivity, RouteTemplate.name)
                .outerjoin(
                    RouteTemplateItem, RouteTemplateItem.id == RouteActivity.template_item_id
                )
                .outerjoin(RouteTemplate, RouteTemplate.id == RouteTemplateItem.template_id)
                .where(RouteActivity.route_id == route.id)
            )
        )
        links = competence_links(session, [row.id for row, _ in rows])
        for row, template in rows:
            dates = status_dates(row)
            activities.append(
                Activity(
                    id=row.id,
                    row_version=row.row_version,
                    data=activity_input(row, links.get(row.id, ())),
                    dates=dates,
                    template=template or "",
                    overdue=is_overdue(row.status, row.planned_on, today),
                    late=after_deadline(row.status, row.planned_on, due),
                )
            )
        activities.sort(key=lambda a: (a.data.planned_on is None, a.data.planned_on, a.id))
        for recognition in session.scalars(
            select(RouteRecognition).where(RouteRecognition.route_id == route.id)
        ):
            recognitions[recognition.competence_id] = Recognition(
                recognition.reason, recognition.recognised_on
            )
    competences: tuple[RouteCompetence, ...] = ()
    if framework is not None:
        progress = progress_by_competence(
            (c.id for c in framework.competences),
            (
                ActivityFacts(a.status, a.data.hours, a.data.competence_ids, a.overdue, a.late)
                for a in activities
            ),
        )
        competences = tuple(
            RouteCompetence(c.id, c.code, c.name_en, progress[c.id], recognitions.get(c.id))
            for c in framework.competences
        )
    supervisor = session.get(AppUser, candidate.supervisor_id) if candidate.supervisor_id else None
    return RouteDetail(
        candidate_id=candidate.id,
        candidate_name=full_name(
            candidate.first_name, candidate.prefix, candidate.surname, candidate.initials
        ),
        staff_number=candidate.staff_number,
        faculty=candidate.faculty,
        candidate_status=candidate.status,
        supervisor=supervisor.name if supervisor else "",
        row_version=route.row_version if route else 0,
        framework_id=framework.id if framework else None,
        framework=f"{framework.name_en} (version {framework.version})" if framework else "",
        competences=competences,
        activities=tuple(activities),
        agreement=RouteAgreement(route.agreed_by, route.agreed_on) if route else RouteAgreement(),
        changes_since_agreement=_changes_since_agreement(session, route),
        intake_on=intake_date(session, candidate.id),
        deadline=due,
        today=today,
        institution=session.scalar(select(InstitutionSettings.name)) or "",
    )


def _changes_since_agreement(session: Session, route: LearningRoute | None) -> int:
    """How many activities and recognitions were changed after the agreement was last
    recorded (each change stays visible in the timeline; this says there are some)."""
    if route is None or route.agreed_on is None:
        return 0
    agreed = session.scalar(
        select(func.max(AuditEntry.id)).where(
            AuditEntry.candidate_id == route.candidate_id,  # indexed
            AuditEntry.entity == ROUTE,
            AuditEntry.entity_id == route.id,
            AuditEntry.field.in_(("agreed_on", "agreed_by")),
        )
    )
    if agreed is None:
        return 0
    later = (AuditEntry.candidate_id == route.candidate_id, AuditEntry.id > agreed)
    activities = session.scalar(
        select(func.count(func.distinct(AuditEntry.entity_id))).where(
            *later, AuditEntry.entity == ACTIVITY
        )
    )
    recognitions = session.scalar(
        select(func.count(func.distinct(AuditEntry.field))).where(
            *later, AuditEntry.entity == ROUTE, AuditEntry.field.like("recognised:%")
        )
    )
    return (activities or 0) + (recognitions or 0)
