"""The competences a candidate's partial certificates cover, recognised on their learning
route: ``route_recognition`` is the one place the route and the dossier coverage look, so
each certificate's recognitions carry its id and its reason ("Partial certificate,
Universiteit Utrecht, 12-03-2025"). Kept in line by one function, in the caller's
transaction, after every change of a certificate.

A competence recognised by hand before stays as it was; a recognition a certificate made
goes with that certificate (or passes to another certificate that covers it too).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.exemption_models import PartialCertificate, partial_certificate_competence
from utq_desktop.domain.models import Candidate, Competence
from utq_desktop.domain.route_models import LearningRoute, RouteRecognition
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.route import open_route
from utq_desktop.services.route_read import ROUTE, route_of


def recognition_reason(institution: str, obtained_on: date) -> str:
    """What the route and the dossier show as the source of the recognition."""
    return f"Partial certificate, {institution}, {obtained_on:%d-%m-%Y}"[:300]


def sync_recognitions(
    session: Session,
    candidate: Candidate,
    actor: str,
    today: date,
    leaving: int | None = None,
) -> None:
    """Bring the route's recognitions in line with the candidate's partial certificates
    (``leaving``: a certificate being removed, already counted out). Audited on the route
    (field ``recognised:<code>``, as RouteService does), whose version moves on."""
    certificates = [
        row
        for row in session.scalars(
            select(PartialCertificate)
            .where(PartialCertificate.candidate_id == candidate.id)
            .order_by(PartialCertificate.obtained_on, PartialCertificate.id)
        )
        if row.id != leaving
    ]
    covering: dict[int, PartialCertificate] = {}
    if certificates:
        links = session.execute(
            select(
                partial_certificate_competence.c.certificate_id,
                partial_certificate_competence.c.competence_id,
            ).where(
                partial_certificate_competence.c.certificate_id.in_([c.id for c in certificates])
            )
        ).all()
        linked: dict[int, set[int]] = {}
        for certificate_id, competence_id in links:
            linked.setdefault(certificate_id, set()).add(competence_id)
        for certificate in certificates:  # the earliest certificate covering one wins
            for competence_id in sorted(linked.get(certificate.id, ())):
                covering.setdefault(competence_id, certificate)
    route = route_of(session, candidate.id)
    if route is None:
        if not covering:
            return
        route = open_route(session, candidate, actor)
    rows = {
        row.competence_id: row
        for row in session.scalars(
            select(RouteRecognition).where(RouteRecognition.route_id == route.id)
        )
    }
    codes = dict(
        session.execute(
            select(Competence.id, Competence.code).where(
                Competence.id.in_(set(rows) | set(covering))
            )
        ).all()
    )
    changes: list[Change] = []
    for competence_id, row in rows.items():
        if row.partial_certificate_id is None:
            continue  # recognised by hand: left as it is
        certificate = covering.get(competence_id)
        code = codes.get(competence_id, str(competence_id))
        if certificate is None:
            changes.append((f"recognised:{code}", row.reason, None))
            session.delete(row)
            continue
        reason = recognition_reason(certificate.institution, certificate.obtained_on)
        if row.partial_certificate_id != certificate.id or row.reason != reason:
            changes.append((f"recognised:{code}", row.reason, reason))
            row.partial_certificate_id, row.reason = certificate.id, reason
    for competence_id, certificate in covering.items():
        if competence_id in rows:
            continue
        reason = recognition_reason(certificate.institution, certificate.obtained_on)
        session.add(
            RouteRecognition(
                route_id=route.id,
                competence_id=competence_id,
                reason=reason,
                recognised_on=today,
                partial_certificate_id=certificate.id,
            )
        )
        code = codes.get(competence_id, str(competence_id))
        changes += [(f"recognised:{code}", None, reason), (f"recognised_on:{code}", None, today)]
    if not changes:
        return
    _touch(session, route)
    audit.record(
        session,
        actor,
        entity=ROUTE,
        entity_id=route.id,
        candidate_id=candidate.id,
        action="update",
        changes=changes,
    )


def _touch(session: Session, route: LearningRoute) -> None:
    route.updated_at = utc_now()  # moves the route's row_version on (its recognitions)
    session.flush()
