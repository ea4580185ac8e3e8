"""Demo certificates: most candidates with a sufficient demo result hold their UTQ
certificate — but not those who qualified in the last months, so a ceremony batch has work
to do — a few were reissued (a misprint) or revoked, and some completed training modules
have a certificate of participation.

Each candidate's certificates follow from (seed, staff number) alone. No PDF is rendered
here: a certificate's PDF is rendered the first time it is opened, saved or printed in a
batch, and then kept (services.certificates_render), so demo data stays fast at 50,000
candidates. Exempted candidates never get a UTQ certificate (services.exemption_rules).
"""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from utq_desktop.domain.certificate_codes import (
    CertificateKind,
    format_serial,
    new_verification_code,
    parse_serial,
)
from utq_desktop.domain.certificate_models import IssuedCertificate
from utq_desktop.domain.certificates import CertificateStatus
from utq_desktop.domain.models import AuditEntry, Candidate
from utq_desktop.domain.names import full_name
from utq_desktop.domain.route import ActivityKind, ActivityStatus
from utq_desktop.domain.route_models import LearningRoute, RouteActivity
from utq_desktop.services.assessment_rules import qualified_since
from utq_desktop.services.exemption_rules import exempted_among
from utq_desktop.store.bulk import insert_rows

RECENT_DAYS = 120  # qualified this recently: mostly still waiting for the ceremony
ISSUED_OLD, ISSUED_RECENT = 0.96, 0.3
REISSUED, REVOKED = 0.03, 0.01
PARTICIPATION = 0.35  # of completed training modules
REVOKE_REASONS = (
    "Issued in error: the result was recorded for the wrong candidate.",
    "Result annulled after appeal.",
)
_IN_CHUNK = 500


def insert_certificates(
    session: Session, seed: int, today: date, candidate_ids: Collection[int], actor: str
) -> None:
    """Certificates for the demo candidates ``candidate_ids`` (added in this run)."""
    ids = set(candidate_ids)
    if not ids:
        return
    qualified = {cid: on for cid, on in qualified_since(session, None).items() if cid in ids}
    exempted = exempted_among(session, qualified)
    modules = _completed_modules(session, ids)
    people = _people(session, {*qualified, *(m[0] for m in modules)})
    plans: list[dict[str, Any]] = []
    for cid, on in sorted(qualified.items()):
        if cid in exempted or cid not in people:
            continue
        number, name = people[cid]
        rng = random.Random(f"{seed}/{number}/utq-certificate")
        recent = (today - on).days < RECENT_DAYS
        if rng.random() > (ISSUED_RECENT if recent else ISSUED_OLD):
            continue
        issued = _issue_day(rng, on, today)
        plans.append(_row(rng, CertificateKind.UTQ, cid, None, on, name, "", issued))
    for cid, activity_id, title, done_on in modules:
        number, name = people[cid]
        rng = random.Random(f"{seed}/{number}/{activity_id}/participation")
        if rng.random() > PARTICIPATION:
            continue
        issued = _issue_day(rng, done_on, today)
        plans.append(
            _row(
                rng,
                CertificateKind.PARTICIPATION,
                cid,
                activity_id,
                done_on,
                name,
                title,
                issued,
            )
        )
    if not plans:
        return
    _reissue_and_revoke(seed, today, plans, actor)
    _number(session, plans)
    last = session.scalar(select(func.max(IssuedCertificate.id))) or 0
    rows = [{k: v for k, v in plan.items() if not k.startswith("_")} for plan in plans]
    constants = {"issued_by": actor, "file_sha256": None}
    insert_rows(session, IssuedCertificate.__table__, [rows], constants)
    by_serial = {
        serial: cid
        for serial, cid in session.execute(
            select(IssuedCertificate.serial, IssuedCertificate.id).where(
                IssuedCertificate.id > last
            )
        )
    }
    table = IssuedCertificate.__table__
    entries: list[dict[str, Any]] = []
    replacements: list[dict[str, int]] = []

    def entry(plan: dict[str, Any], at: datetime, action: str, change: tuple[Any, ...]) -> None:
        field, old, new = change
        entries.append(
            {
                "at": at,
                "entity_id": by_serial[plan["serial"]],
                "candidate_id": plan["candidate_id"],
                "action": action,
                "field": field,
                "old_value": old,
                "new_value": new,
            }
        )

    for plan in plans:
        entry(plan, plan["issued_at"], "create", ("serial", None, plan["serial"]))
        old = plan.get("_replaces")
        if old is not None:
            replacements.append({"old": by_serial[old["serial"]], "new": by_serial[plan["serial"]]})
            entry(old, plan["issued_at"], "update", ("status", "valid", "replaced"))
            entry(old, plan["issued_at"], "update", ("replaced_by", None, plan["serial"]))
        if plan["status"] == CertificateStatus.REVOKED.value:
            entry(plan, plan["revoked_at"], "update", ("status", "valid", "revoked"))
            entry(
                plan, plan["revoked_at"], "update", ("revoke_reason", None, plan["revoke_reason"])
            )
    if replacements:
        session.execute(
            update(table)
            .where(table.c.id == bindparam("old"))
            .values(replaced_by_id=bindparam("new")),
            replacements,
        )
    insert_rows(session, AuditEntry.__table__, [entries], {"actor": actor, "entity": "certificate"})


def _row(
    rng: random.Random,
    kind: CertificateKind,
    candidate_id: int,
    activity_id: int | None,
    award: date,
    name: str,
    title: str,
    issued: datetime,
) -> dict[str, Any]:
    return {
        "kind": kind.value,
        "candidate_id": candidate_id,
        "activity_id": activity_id,
        "serial": "",
        "verification_code": new_verification_code(rng.choice),
        "award_date": award,
        "holder_name": name,
        "title": title,
        "issued_at": issued,
        "status": CertificateStatus.VALID.value,
        "utq_holder_id": candidate_id if kind is CertificateKind.UTQ else None,
        "replaced_by_id": None,
        "revoke_reason": "",
        "revoked_at": None,
        "revoked_by": "",
        "row_version": 1,
        "_rng": rng,
    }


def _issue_day(rng: random.Random, award: date, today: date) -> datetime:
    """A working day one to eight weeks after the award, never after yesterday."""
    day = min(award + timedelta(days=rng.randint(7, 56)), today - timedelta(days=1))
    day = max(day, award)
    return datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60)))


def _number(session: Session, plans: list[dict[str, Any]]) -> None:
    """Serials in order of issue, per kind and year, after those already stored."""
    plans.sort(key=lambda plan: (plan["issued_at"], plan["candidate_id"], plan["kind"]))
    last: dict[tuple[CertificateKind, int], int] = {}
    for plan in plans:
        kind, year = CertificateKind(plan["kind"]), plan["issued_at"].year
        if (kind, year) not in last:
            prefix = f"{kind.serial_prefix}-{year:04d}-"
            stored = session.scalar(
                select(IssuedCertificate.serial)
                .where(IssuedCertificate.serial.like(f"{prefix}%"))
                .order_by(
                    func.length(IssuedCertificate.serial).desc(), IssuedCertificate.serial.desc()
                )
                .limit(1)
            )
            last[kind, year] = parse_serial(stored).number if stored else 0
        last[kind, year] += 1
        plan["serial"] = format_serial(kind, year, last[kind, year])


def _reissue_and_revoke(seed: int, today: date, plans: list[dict[str, Any]], actor: str) -> None:
    """Mark a few UTQ certificates revoked, and reissue a few (a misprint): the old one
    replaced, a new one (new code, same date) added to ``plans`` with ``_replaces``."""
    reissues: list[dict[str, Any]] = []
    for plan in plans:
        if plan["kind"] != CertificateKind.UTQ.value:
            continue
        rng: random.Random = plan["_rng"]
        draw = rng.random()
        later = plan["issued_at"] + timedelta(days=rng.randint(3, 20))
        if later.date() >= today:
            continue
        if draw < REVOKED:
            plan.update(
                status=CertificateStatus.REVOKED.value,
                utq_holder_id=None,
                revoke_reason=rng.choice(REVOKE_REASONS),
                revoked_at=later,
                revoked_by=actor,
                row_version=2,
            )
        elif draw < REVOKED + REISSUED:
            new_rng = random.Random(f"{seed}/{plan['verification_code']}/reissue")
            new = dict(plan, issued_at=later, _rng=new_rng, _replaces=plan)
            new["verification_code"] = new_verification_code(new_rng.choice)
            plan.update(status=CertificateStatus.REPLACED.value, utq_holder_id=None, row_version=2)
            reissues.append(new)
    plans.extend(reissues)


def _completed_modules(session: Session, ids: set[int]) -> list[tuple[int, int, str, date]]:
    """(candidate, activity, title, completed on) of the completed training modules."""
    found: list[tuple[int, int, str, date]] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), _IN_CHUNK):
        chunk = ordered[start : start + _IN_CHUNK]
        rows = session.execute(
            select(
                LearningRoute.candidate_id,
                RouteActivity.id,
                RouteActivity.title,
                RouteActivity.completed_on,
            )
            .join(LearningRoute, LearningRoute.id == RouteActivity.route_id)
            .where(
                LearningRoute.candidate_id.in_(chunk),
                RouteActivity.kind == ActivityKind.TRAINING_MODULE,
                RouteActivity.status == ActivityStatus.COMPLETED,
                RouteActivity.completed_on.is_not(None),
            )
            .order_by(RouteActivity.id)
        )
        found.extend((cid, aid, title, on) for cid, aid, title, on in rows)
    return found


def _people(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """id → (staff number, full name as registered)."""
    result: dict[int, tuple[str, str]] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), _IN_CHUNK):
        chunk = ordered[start : start + _IN_CHUNK]
        rows = session.execute(
            select(
                Candidate.id,
                Candidate.staff_number,
                Candidate.first_name,
                Candidate.prefix,
                Candidate.surname,
                Candidate.initials,
            ).where(Candidate.id.in_(chunk))
        )
        for cid, number, first, prefix, surname, initials in rows:
            result[cid] = (number, full_name(first, prefix, surname, initials))
    return result
