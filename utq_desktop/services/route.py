"""A candidate's learning route: planned activities per competence, their status changes,
the agreement with the UTQ supervisor and competences recognised by a partial certificate.
One transaction per change, audited in it with the candidate's id (the Overview timeline).

The route is created with its first change, tied to the candidate's framework version.
An activity carries its own ``row_version``; the agreement and the recognitions the
route's (0 while there is no route). Every status change goes through domain.route.moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.models import Candidate
from utq_desktop.domain.route import (
    ActivityStatus,
    StatusDates,
    check_restorable,
    moved,
)
from utq_desktop.domain.route_models import (
    LearningRoute,
    RouteActivity,
    RouteRecognition,
    RouteTemplateItem,
    activity_competence,
)
from utq_desktop.errors import StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.locking import AuditedService
from utq_desktop.services.records import candidate_of
from utq_desktop.services.route_dto import (
    ActivityInput,
    ActivitySnapshot,
    RouteAgreement,
    RouteDetail,
)
from utq_desktop.services.route_read import (
    ACTIVITY,
    ROUTE,
    activity_input,
    build_detail,
    competence_links,
    route_framework_id,
    route_of,
    status_dates,
)
from utq_desktop.services.route_validation import (
    activity_columns,
    audit_field,
    audit_value,
    check_competences,
    clean_activity,
    competence_code,
    competence_codes,
    described,
    link_competences,
)

DATE_FIELDS = ("registered_on", "completed_on", "cancelled_on")


class RouteService(AuditedService):
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today

    # --- reading -------------------------------------------------------------------------

    def detail(self, candidate_id: int) -> RouteDetail:
        with self._context.read() as session:
            return build_detail(session, candidate_of(session, candidate_id), self._today())

    def export_pdf(self, candidate_id: int, path: Path) -> None:
        """Write the candidate's route as a PDF to hand to them (documents.route_pdf)."""
        from utq_desktop.documents.route_pdf import write_route_pdf  # loads reportlab

        write_route_pdf(self.detail(candidate_id), path)

    # --- activities ----------------------------------------------------------------------

    def add_activity(self, candidate_id: int, data: ActivityInput) -> int:
        """Plan a new activity on the candidate's route; returns its id."""
        return self.restore_activity(candidate_id, ActivitySnapshot(data, StatusDates()))

    def restore_activity(self, candidate_id: int, snapshot: ActivitySnapshot) -> int:
        """Add an activity as ``snapshot`` describes it (a removed one, put back by undo,
        keeps its status, dates and template); returns its (new) id."""
        data = clean_activity(snapshot.data, self._today())
        with self._context.transaction() as session:
            candidate = candidate_of(session, candidate_id)
            route = self._route(session, candidate)
            check_competences(session, route, data.competence_ids)
            dates = snapshot.dates
            item_id = snapshot.template_item_id
            if item_id is not None and session.get(RouteTemplateItem, item_id) is None:
                item_id = None  # its template item was removed meanwhile
            row = RouteActivity(
                route_id=route.id,
                **activity_columns(data),
                status=dates.status,
                registered_on=dates.registered_on,
                completed_on=dates.completed_on,
                cancelled_on=dates.cancelled_on,
                template_item_id=item_id,
                created_at=utc_now(),
            )
            session.add(row)
            try:
                session.flush()
            except IntegrityError:  # its template item was applied again meanwhile
                raise ValidationError(
                    f"'{data.title}' is on the route again already (the template was applied "
                    "once more); it was not added twice."
                ) from None
            link_competences(session, row.id, data.competence_ids)
            changes: list[Change] = [("activity", None, data.title)]
            changes += described(session, data, dates)
            self._audit(session, ACTIVITY, row.id, candidate_id, "create", changes)
            return row.id

    def update_activity(self, activity_id: int, data: ActivityInput, expected_version: int) -> int:
        """Save an activity edited at ``expected_version``; returns its new version."""
        data = clean_activity(data, self._today())
        with self._activity(activity_id, expected_version) as (session, row, route):
            check_competences(session, route, data.competence_ids)
            old = activity_input(row, competence_links(session, [row.id]).get(row.id, ()))
            changes: list[Change] = []
            for name, value in activity_columns(data).items():
                if getattr(old, name) != value:
                    changes.append(
                        (
                            audit_field(name, old.title),
                            audit_value(name, getattr(old, name)),
                            audit_value(name, value),
                        )
                    )
                    setattr(row, name, value)
            if old.competence_ids != data.competence_ids:
                changes.append(
                    (
                        audit_field("competences", old.title),
                        competence_codes(session, old.competence_ids),
                        competence_codes(session, data.competence_ids),
                    )
                )
                session.execute(
                    delete(activity_competence).where(activity_competence.c.activity_id == row.id)
                )
                link_competences(session, row.id, data.competence_ids)
                flag_modified(row, "title")  # new links alone must move the version on too
            if not changes:
                return row.row_version
            session.flush()
            self._audit(session, ACTIVITY, row.id, route.candidate_id, "update", changes)
            return row.row_version

    def remove_activity(self, activity_id: int, expected_version: int) -> ActivitySnapshot:
        """Remove an activity; returns what it was, for undo (restore_activity)."""
        with self._activity(activity_id, expected_version) as (session, row, route):
            links = competence_links(session, [row.id]).get(row.id, ())
            snapshot = ActivitySnapshot(
                activity_input(row, links), status_dates(row), row.template_item_id
            )
            session.execute(
                delete(activity_competence).where(activity_competence.c.activity_id == row.id)
            )
            session.delete(row)
            session.flush()
            self._audit(
                session,
                ACTIVITY,
                activity_id,
                route.candidate_id,
                "delete",
                [("activity", snapshot.data.title, None)],
            )
            return snapshot

    def set_status(
        self, activity_id: int, status: ActivityStatus, on: date, expected_version: int
    ) -> int:
        """Move an activity to ``status`` on day ``on`` (checked by domain.route); returns
        its new version."""
        status = ActivityStatus(status)
        with self._activity(activity_id, expected_version) as (session, row, route):
            new = moved(status_dates(row), status, on, self._today())
            return self._save_dates(session, row, route, new)

    def restore_status(self, activity_id: int, dates: StatusDates, expected_version: int) -> int:
        """Put back an earlier status with its exact dates (undo of a status change); the
        change back must itself be allowed."""
        with self._activity(activity_id, expected_version) as (session, row, route):
            check_restorable(status_dates(row), dates)
            return self._save_dates(session, row, route, dates)

    def _save_dates(
        self, session: Session, row: RouteActivity, route: LearningRoute, new: StatusDates
    ) -> int:
        old = status_dates(row)
        changes: list[Change] = [
            (audit_field(f.name, row.title), getattr(old, f.name), getattr(new, f.name))
            for f in fields(StatusDates)
            if getattr(old, f.name) != getattr(new, f.name)
        ]
        if not changes:
            return row.row_version
        row.status = new.status
        for name in DATE_FIELDS:
            setattr(row, name, getattr(new, name))
        session.flush()
        self._audit(session, ACTIVITY, row.id, route.candidate_id, "update", changes)
        return row.row_version

    # --- the route itself ----------------------------------------------------------------

    def set_agreement(
        self, candidate_id: int, agreement: RouteAgreement, expected_version: int
    ) -> int:
        """Record who agreed the route and when (an empty agreement takes it back);
        returns the route's new version."""
        agreed_by = agreement.agreed_by.strip()
        if agreement.agreed_on is not None:
            if not agreed_by:
                raise ValidationError("Say who agreed the route (the UTQ supervisor).", "agreed_by")
            if agreement.agreed_on > self._today():
                raise ValidationError(
                    f"A route is agreed on the day it happens; "
                    f"{agreement.agreed_on:%d-%m-%Y} is still to come.",
                    "agreed_on",
                )
        else:
            agreed_by = ""
            if expected_version == 0:  # nothing agreed on a route not started: no change
                with self._context.read() as session:
                    if route_of(session, candidate_id) is None:
                        return 0
        if len(agreed_by) > 200:
            raise ValidationError("A name is at most 200 characters.", "agreed_by")
        with self._route_edit(candidate_id, expected_version) as (session, route):
            changes: list[Change] = []
            for name, value in (("agreed_by", agreed_by), ("agreed_on", agreement.agreed_on)):
                if getattr(route, name) != value:
                    changes.append((name, getattr(route, name), value))
                    setattr(route, name, value)
            return self._save_route(session, route, changes)

    def recognise(
        self, candidate_id: int, competence_id: int, reason: str, on: date, expected_version: int
    ) -> int:
        """Record a competence as recognised (e.g. a partial certificate from another
        university): the route needs no activities for it. Returns the route's version."""
        reason = reason.strip()
        if not reason:
            raise ValidationError(
                "Say why the competence is recognised (e.g. the partial certificate).", "reason"
            )
        if len(reason) > 300:
            raise ValidationError("A reason is at most 300 characters.", "reason")
        if on > self._today():
            raise ValidationError(f"{on:%d-%m-%Y} is still to come.", "recognised_on")
        with self._route_edit(candidate_id, expected_version) as (session, route):
            code = competence_code(session, route, competence_id)
            row = session.scalar(
                select(RouteRecognition).where(
                    RouteRecognition.route_id == route.id,
                    RouteRecognition.competence_id == competence_id,
                )
            )
            _check_not_from_certificate(row)
            old = (row.reason, row.recognised_on) if row else (None, None)
            if row is None:
                row = RouteRecognition(route_id=route.id, competence_id=competence_id)
                session.add(row)
            row.reason, row.recognised_on = reason, on
            changes = [
                (f"recognised:{code}", old[0], reason),
                (f"recognised_on:{code}", old[1], on),
            ]
            return self._save_route(session, route, [c for c in changes if c[1] != c[2]])

    def withdraw_recognition(
        self, candidate_id: int, competence_id: int, expected_version: int
    ) -> int:
        with self._route_edit(candidate_id, expected_version) as (session, route):
            code = competence_code(session, route, competence_id)
            row = session.scalar(
                select(RouteRecognition).where(
                    RouteRecognition.route_id == route.id,
                    RouteRecognition.competence_id == competence_id,
                )
            )
            if row is None:
                return route.row_version
            _check_not_from_certificate(row)
            changes: list[Change] = [(f"recognised:{code}", row.reason, None)]
            session.delete(row)
            return self._save_route(session, route, changes)

    def _save_route(self, session: Session, route: LearningRoute, changes: list[Change]) -> int:
        if not changes:
            return route.row_version
        route.updated_at = utc_now()  # moves row_version on, also for recognitions
        session.flush()
        self._audit(session, ROUTE, route.id, route.candidate_id, "update", changes)
        return route.row_version

    # --- helpers -------------------------------------------------------------------------

    def _route(self, session: Session, candidate: Candidate) -> LearningRoute:
        return open_route(session, candidate, self._context.actor)

    @contextmanager
    def _route_edit(
        self, candidate_id: int, expected_version: int
    ) -> Iterator[tuple[Session, LearningRoute]]:
        try:
            with self._context.transaction() as session:
                candidate = candidate_of(session, candidate_id)
                existing = route_of(session, candidate_id)
                current = existing.row_version if existing else 0
                if current != expected_version:
                    raise self._stale(ROUTE, existing.id if existing else 0, "route")
                yield session, self._route(session, candidate)
        except StaleDataError as error:
            raise self._stale(ROUTE, 0, "route", candidate_id=candidate_id) from error

    @contextmanager
    def _activity(
        self, activity_id: int, expected_version: int
    ) -> Iterator[tuple[Session, RouteActivity, LearningRoute]]:
        try:
            with self._context.transaction() as session:
                row = session.get(RouteActivity, activity_id)
                if row is None:
                    raise self._stale(ACTIVITY, activity_id, "activity", removed=True)
                if row.row_version != expected_version:
                    raise self._stale(ACTIVITY, activity_id, "activity")
                route = session.get(LearningRoute, row.route_id)
                assert route is not None
                yield session, row, route
        except StaleDataError as error:
            raise self._stale(ACTIVITY, activity_id, "activity") from error


def _check_not_from_certificate(row: RouteRecognition | None) -> None:
    """A recognition a partial certificate made goes with that certificate (Exemption
    tab), so that the two never disagree."""
    if row is not None and row.partial_certificate_id is not None:
        raise ValidationError(
            f"This competence is recognised through a partial certificate ({row.reason}). "
            "Edit or remove that certificate in the Exemption tab instead."
        )


def open_route(session: Session, candidate: Candidate, actor: str) -> LearningRoute:
    """The candidate's route, created (tied to their framework version) if needed."""
    route = route_of(session, candidate.id)
    if route is not None:
        return route
    now = utc_now()
    route = LearningRoute(
        candidate_id=candidate.id,
        framework_id=route_framework_id(session, candidate),
        agreed_by="",
        created_at=now,
        updated_at=now,
    )
    session.add(route)
    try:
        session.flush()
    except IntegrityError:  # someone else started this route just now
        raise StaleEditError(
            "Someone else started this candidate's learning route just now. "
            "Reload it and make your change again."
        ) from None
    audit.record(
        session, actor, entity=ROUTE, entity_id=route.id, candidate_id=candidate.id, action="create"
    )
    return route
