"""The content of a demo dossier's submission, built from its plan and the ids its rows got:
the same DTOs and JSON (services.portfolio_snapshot) a real submission stores, without a
query per dossier."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING, Any

from utq_desktop.services.demo_portfolio_files import POOL
from utq_desktop.services.portfolio_content import THE_DOSSIER, SetState, checklist, coverage
from utq_desktop.services.portfolio_dto import (
    AttachmentInfo,
    DossierContent,
    EvidenceInput,
    EvidenceItem,
    Feedback,
    Observation,
    ObservationInput,
)
from utq_desktop.services.portfolio_framework import FrameworkMap
from utq_desktop.services.portfolio_snapshot import encode

if TYPE_CHECKING:
    from utq_desktop.services.demo_portfolio import Plan

# sha256 -> (size, media type) of the pool's files
FILES = {
    hashlib.sha256(f.content).hexdigest(): (len(f.content), f.media_type)
    for files in POOL.values()
    for f in files
}


def snapshot_content(
    plan: Plan,
    count: int,
    on: date,
    fmap: FrameworkMap,
    recognised: dict[str, str],
    ids_of: dict[str, dict[Any, int]],
    header: dict[str, str],
) -> tuple[dict[str, Any], int, int]:
    """The JSON of a submission on day ``on`` holding the plan's first ``count`` items;
    with how many items and attachments it holds."""
    cid = plan.candidate_id

    def files(owner: str, n: int, pairs: tuple[tuple[str, str], ...]) -> tuple[AttachmentInfo, ...]:
        return tuple(
            AttachmentInfo(ids_of["attachment"][(cid, owner, n, sha)], sha, name, *FILES[sha])
            for sha, name in pairs
        )

    feedback = tuple(
        Feedback(
            id=ids_of["feedback"][(cid, n)],
            row_version=1,
            text=f.text,
            author=f.author,
            given_on=f.given_on,
            item_id=ids_of["item"][(cid, f.item)] if f.item is not None else None,
            competence_code=None,
            about=plan.items[f.item].title if f.item is not None else THE_DOSSIER,
            resolved=f.resolved_on is not None and f.resolved_on <= on,
            resolved_on=f.resolved_on if f.resolved_on and f.resolved_on <= on else None,
            resolved_by=f.author if f.resolved_on and f.resolved_on <= on else "",
        )
        for n, f in enumerate(plan.feedback)
        if f.given_on <= on and (f.item is None or f.item < count)
    )
    open_on: dict[int, int] = {}
    for f in feedback:
        if not f.resolved and f.item_id is not None:
            open_on[f.item_id] = open_on.get(f.item_id, 0) + 1
    items: list[EvidenceItem] = []
    items_crit: dict[int, list[str]] = {}
    for n, item in enumerate(plan.items[:count]):
        iid = ids_of["item"][(cid, n)]
        items_crit[iid] = list(item.criteria)
        shows = set(item.competences) | {fmap.criteria[k].competence_code for k in item.criteria}
        items.append(
            EvidenceItem(
                id=iid,
                row_version=1,
                data=EvidenceInput(
                    item.kind,
                    item.title,
                    item.made_on,
                    item.description,
                    item.competences,
                    item.criteria,
                ),
                competences=fmap.order(shows),
                attachments=files("item", n, item.files),
                open_feedback=open_on.get(iid, 0),
            )
        )
    items.sort(key=lambda i: (i.data.made_on, i.id), reverse=True)
    observations: list[Observation] = []
    obs_crit: dict[int, list[str]] = {}
    for n, o in enumerate(plan.observations):
        if o.observed_on > on:
            continue
        oid = ids_of["observation"][(cid, n)]
        obs_crit[oid] = list(o.criteria)
        observations.append(
            Observation(
                id=oid,
                row_version=1,
                data=ObservationInput(
                    o.observed_on,
                    o.observer,
                    o.course,
                    o.criteria,
                    "Observed a lecture; report attached.",
                ),
                competences=fmap.order({fmap.criteria[k].competence_code for k in o.criteria}),
                attachments=files("observation", n, o.files),
            )
        )
    states = {
        fmap.criteria[code].id: SetState(state, plan.supervisor, plan.marked_ready_on, "", 1)
        for code, state in plan.states.items()
    }
    ordered = tuple(sorted(feedback, key=lambda f: (f.resolved, -f.given_on.toordinal(), -f.id)))
    content = DossierContent(
        coverage(fmap, recognised, items, items_crit, obs_crit, states, ordered),
        tuple(items),
        tuple(observations),
        ordered,
    )
    return (
        encode(content, checklist(fmap.requirements, content), header),
        len(items),
        content.attachments,
    )
