"""Writing the planned demo dossiers (services.demo_portfolio): one driver call per table
and chunk, the new ids read back in order to link items, observations, attachments and
feedback, and the submissions' snapshots built from the plans (no query per dossier)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import AuditEntry
from utq_desktop.domain.names import full_name
from utq_desktop.domain.portfolio_models import (
    PortfolioAttachment,
    PortfolioCriterionState,
    PortfolioDossier,
    PortfolioFeedback,
    PortfolioItem,
    PortfolioObservation,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
    item_competence,
    item_criterion,
    observation_criterion,
)
from utq_desktop.services.demo_portfolio_snapshot import snapshot_content
from utq_desktop.services.portfolio_framework import FrameworkMap
from utq_desktop.services.portfolio_snapshot import canonical, digest_text
from utq_desktop.store.bulk import insert_rows

if TYPE_CHECKING:
    from utq_desktop.services.demo_portfolio import Plan


def insert_plans(
    session: Session,
    plans: list[Plan],
    maps: dict[int, FrameworkMap],
    rows: Sequence[dict[str, Any]],
    ids: dict[str, int],
    recognised: dict[int, dict[str, str]],
    actor: str,
) -> None:
    by_candidate = {p.candidate_id: p for p in plans}
    dossier_ids = _add(
        session,
        PortfolioDossier.__table__,
        [
            {
                "candidate_id": p.candidate_id,
                "framework_id": p.framework_id,
                "state": p.state,
                "marked_ready_on": p.marked_ready_on,
                "marked_ready_by": p.supervisor if p.marked_ready_on else "",
                "created_at": p.stamp,
                "updated_at": p.stamp,
            }
            for p in plans
        ],
        PortfolioDossier.candidate_id,
    )
    ours = {dossier_ids[p.candidate_id]: p for p in plans}
    items = [(p, n, item) for p in plans for n, item in enumerate(p.items)]
    item_ids = _ordered(
        session,
        PortfolioItem,
        [
            {
                "dossier_id": dossier_ids[p.candidate_id],
                "kind": item.kind,
                "title": item.title,
                "made_on": item.made_on,
                "description": item.description,
                "created_at": p.stamp,
                "updated_at": p.stamp,
            }
            for p, _n, item in items
        ],
        set(ours),
    )
    item_id = {(p.candidate_id, n): iid for (p, n, _i), iid in zip(items, item_ids, strict=True)}
    observations = [(p, n, o) for p in plans for n, o in enumerate(p.observations)]
    observation_ids = _ordered(
        session,
        PortfolioObservation,
        [
            {
                "dossier_id": dossier_ids[p.candidate_id],
                "observed_on": o.observed_on,
                "observer": o.observer,
                "course": o.course,
                "notes": "Observed a lecture; report attached.",
                "created_at": p.stamp,
                "updated_at": p.stamp,
            }
            for p, _n, o in observations
        ],
        set(ours),
    )
    observation_id = {
        (p.candidate_id, n): oid
        for (p, n, _o), oid in zip(observations, observation_ids, strict=True)
    }
    criteria = {fid: fmap.criteria for fid, fmap in maps.items()}
    competence_ids = {fid: fmap.competence_ids for fid, fmap in maps.items()}
    _plain(
        session,
        item_criterion,
        [
            {
                "item_id": item_id[(p.candidate_id, n)],
                "criterion_id": criteria[p.framework_id][k].id,
            }
            for p, n, item in items
            for k in item.criteria
        ],
    )
    _plain(
        session,
        item_competence,
        [
            {
                "item_id": item_id[(p.candidate_id, n)],
                "competence_id": competence_ids[p.framework_id][c],
            }
            for p, n, item in items
            for c in item.competences
        ],
    )
    _plain(
        session,
        observation_criterion,
        [
            {
                "observation_id": observation_id[(p.candidate_id, n)],
                "criterion_id": criteria[p.framework_id][k].id,
            }
            for p, n, o in observations
            for k in o.criteria
        ],
    )
    attachments = [
        (p, "item", n, sha, name) for p, n, item in items for sha, name in item.files
    ] + [(p, "observation", n, sha, name) for p, n, o in observations for sha, name in o.files]
    attachment_ids = _ordered(
        session,
        PortfolioAttachment,
        [
            {
                "dossier_id": dossier_ids[p.candidate_id],
                "item_id": item_id[(p.candidate_id, n)] if owner == "item" else None,
                "observation_id": observation_id[(p.candidate_id, n)]
                if owner == "observation"
                else None,
                "sha256": sha,
                "name": name,
                "added_at": p.stamp,
            }
            for p, owner, n, sha, name in attachments
        ],
        set(ours),
    )
    _add(
        session,
        PortfolioCriterionState.__table__,
        [
            {
                "dossier_id": dossier_ids[p.candidate_id],
                "criterion_id": criteria[p.framework_id][code].id,
                "state": state,
                "note": "",
                "set_by": p.supervisor,
                "set_on": p.marked_ready_on or p.stamp.date(),
            }
            for p in plans
            for code, state in sorted(p.states.items())
        ],
    )
    feedback = [(p, n, f) for p in plans for n, f in enumerate(p.feedback)]
    feedback_ids = _ordered(
        session,
        PortfolioFeedback,
        [
            {
                "dossier_id": dossier_ids[p.candidate_id],
                "item_id": item_id[(p.candidate_id, f.item)] if f.item is not None else None,
                "competence_id": None,
                "author": f.author,
                "given_on": f.given_on,
                "text": f.text,
                "resolved": f.resolved_on is not None,
                "resolved_on": f.resolved_on,
                "resolved_by": f.author if f.resolved_on else "",
                "created_at": p.stamp,
            }
            for p, _n, f in feedback
        ],
        set(ours),
    )
    ids_of = {
        "feedback": {
            (p.candidate_id, n): fid for (p, n, _f), fid in zip(feedback, feedback_ids, strict=True)
        },
        "item": item_id,
        "observation": observation_id,
        "attachment": {
            (p.candidate_id, owner, n, sha): aid
            for (p, owner, n, sha, _name), aid in zip(attachments, attachment_ids, strict=True)
        },
    }
    _snapshots(session, plans, maps, rows, ids, recognised, dossier_ids, ids_of)
    session.execute(
        insert(AuditEntry.__table__),
        [
            {
                "at": p.stamp,
                "actor": actor,
                "entity": "portfolio_dossier",
                "entity_id": dossier_ids[p.candidate_id],
                "candidate_id": p.candidate_id,
                "action": "create",
                "field": None,
                "old_value": None,
                "new_value": "demo data",
            }
            for p in by_candidate.values()
        ],
    )


def _snapshots(
    session: Session,
    plans: list[Plan],
    maps: dict[int, FrameworkMap],
    rows: Sequence[dict[str, Any]],
    ids: dict[str, int],
    recognised: dict[int, dict[str, str]],
    dossier_ids: dict[int, int],
    ids_of: dict[str, dict[Any, int]],
) -> None:
    people = {ids[r["staff_number"]]: r for r in rows if r["staff_number"] in ids}
    snapshots, returns = [], []
    for p in plans:
        row = people[p.candidate_id]
        header = {
            "candidate_name": full_name(
                row["first_name"], row["prefix"], row["surname"], row["initials"]
            ),
            "staff_number": row["staff_number"],
            "faculty": row["faculty"],
            "framework": maps[p.framework_id].label,
        }
        for number, (at, count, returned) in enumerate(p.submissions, 1):
            content, items, files = snapshot_content(
                p,
                count,
                at.date(),
                maps[p.framework_id],
                recognised.get(p.candidate_id, {}),
                ids_of,
                header,
            )
            text = canonical(content)  # serialised once: stored, and hashed
            snapshots.append(
                {
                    "dossier_id": dossier_ids[p.candidate_id],
                    "number": number,
                    "submitted_at": at,
                    "submitted_by": p.supervisor,
                    "override_reason": "",
                    "item_count": items,
                    "attachment_count": files,
                    "content": text,
                    "content_sha256": digest_text(text),
                }
            )
            if returned is not None:
                returns.append((p.candidate_id, number, returned))
    if not snapshots:
        return
    insert_rows(
        session, PortfolioSnapshot.__table__, [snapshots], {}, as_given=frozenset({"content"})
    )
    wanted = {(dossier_ids[cid], number) for cid, number, _r in returns}
    found = {
        (dossier_id, number): sid
        for sid, dossier_id, number in session.execute(
            select(
                PortfolioSnapshot.id, PortfolioSnapshot.dossier_id, PortfolioSnapshot.number
            ).where(PortfolioSnapshot.dossier_id.in_([d for d, _n in wanted]))
        )
    }
    if returns:
        session.execute(
            insert(PortfolioSnapshotReturn.__table__),
            [
                {
                    "snapshot_id": found[(dossier_ids[cid], number)],
                    "returned_at": at,
                    "returned_by": "demo",
                    "feedback": text,
                }
                for cid, number, (at, text) in returns
            ],
        )


def _plain(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        insert_rows(session, table, [rows], {})


def _add(
    session: Session, table: Table, rows: list[dict[str, Any]], key: Any = None
) -> dict[int, int]:
    """Insert ``rows``; with ``key`` (a unique column) the new ids by that column."""
    if not rows:
        return {}
    last = session.scalar(select(table.c.id).order_by(table.c.id.desc()).limit(1)) or 0
    insert_rows(session, table, [rows], {})
    if key is None:
        return {}
    wanted = {row[key.key] for row in rows}
    return {
        value: rid
        for rid, value in session.execute(select(table.c.id, key).where(table.c.id > last))
        if value in wanted
    }


def _ordered(
    session: Session, model: Any, rows: list[dict[str, Any]], dossiers: set[int]
) -> list[int]:
    """Insert ``rows`` and return their new ids in the same order (ours only: on a server
    others' rows may arrive meanwhile)."""
    if not rows:
        return []
    table = model.__table__
    last = session.scalar(select(table.c.id).order_by(table.c.id.desc()).limit(1)) or 0
    insert_rows(session, table, [rows], {})
    new = [
        rid
        for rid, dossier_id in session.execute(
            select(table.c.id, table.c.dossier_id).where(table.c.id > last).order_by(table.c.id)
        )
        if dossier_id in dossiers
    ]
    assert len(new) == len(rows)
    return new
