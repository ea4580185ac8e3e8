"""Demo partial certificates: the demo routes' recognitions "Partial certificate,
<university>" (services/demo_route.py) become partial certificates, each linked to the
recognitions it makes, as the Exemption tab records them (services/partial_recognitions)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from utq_desktop.domain.exemption_models import PartialCertificate
from utq_desktop.domain.route_models import LearningRoute, RouteRecognition
from utq_desktop.services.demo_sql import Binder, plain_insert
from utq_desktop.services.partial_recognitions import recognition_reason

AUDIT_COLUMNS = ("at", "actor", "entity", "entity_id", "candidate_id", "action", "new_value")
CERTIFICATE_COLUMNS = (
    "candidate_id",
    "institution",
    "obtained_on",
    "document_sha256",
    "document_name",
    "notes",
    "recorded_by",
    "recorded_at",
    "row_version",
)


def insert_partial_certificates(
    session: Session,
    bind: Binder,
    seed: int,
    candidates: set[int],
    actor: str,
) -> None:
    """The demo routes' "Partial certificate, <university>" recognitions of these
    candidates become partial certificates, linked to them."""
    if not candidates:
        return
    low, high = min(candidates), max(candidates)
    found = session.execute(
        select(
            RouteRecognition.id,
            RouteRecognition.competence_id,
            RouteRecognition.reason,
            RouteRecognition.recognised_on,
            LearningRoute.candidate_id,
        )
        .join(LearningRoute, LearningRoute.id == RouteRecognition.route_id)
        .where(
            LearningRoute.candidate_id.between(low, high),
            RouteRecognition.partial_certificate_id.is_(None),
            RouteRecognition.reason.like("Partial certificate, %"),
        )
        .order_by(RouteRecognition.id)
    ).all()
    by_candidate: dict[int, list[Any]] = {}
    for row in found:
        if row.candidate_id in candidates:
            by_candidate.setdefault(row.candidate_id, []).append(row)
    if not by_candidate:
        return
    last = session.scalar(select(func.max(PartialCertificate.id))) or 0
    certificates, facts = [], {}
    for candidate_id, recognitions in by_candidate.items():
        first = recognitions[0]
        institution = first.reason.removeprefix("Partial certificate, ").split(",")[0].strip()
        recognised = first.recognised_on
        # obtained some months before it was recognised here (the same for the same seed)
        obtained = recognised - timedelta(days=60 + (seed * 7919 + recognised.toordinal()) % 840)
        stamp = bind.stamp(datetime.combine(recognised, time(14, 0)))
        facts[candidate_id] = (institution, obtained, stamp)
        certificates.append(
            (candidate_id, institution, bind.day(obtained), None, "", "", actor, stamp, 1)
        )
    plain_insert(session, "partial_certificate", CERTIFICATE_COLUMNS, certificates)
    new = session.execute(
        select(PartialCertificate.id, PartialCertificate.candidate_id).where(
            PartialCertificate.id > last
        )
    ).all()
    links, updates, entries = [], [], []
    for certificate_id, candidate_id in new:
        if candidate_id not in by_candidate:
            continue
        institution, obtained, stamp = facts[candidate_id]
        reason = recognition_reason(institution, obtained)
        for recognition in by_candidate[candidate_id]:
            links.append((certificate_id, recognition.competence_id))
            updates.append((certificate_id, reason, recognition.id))
        entries.append(
            (
                stamp,
                actor,
                "partial_certificate",
                certificate_id,
                candidate_id,
                "create",
                "demo data",
            )
        )
    plain_insert(
        session, "partial_certificate_competence", ("certificate_id", "competence_id"), links
    )
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"UPDATE route_recognition SET partial_certificate_id = {mark}, reason = {mark} "
        f"WHERE id = {mark}",
        updates,
    )
    plain_insert(session, "audit_entry", AUDIT_COLUMNS, entries)
