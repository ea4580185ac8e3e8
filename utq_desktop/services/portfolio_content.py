"""A dossier's content from its rows: items with their links and attachment metadata,
observations, feedback, and per criterion the coverage that follows from them and the
supervisor's states. The same builder serves the working dossier and a new snapshot."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import (
    StoredFile,
)
from utq_desktop.domain.portfolio import (
    CompetenceFacts,
    CriterionState,
    EvidenceKind,
    RequirementCheck,
    Requirements,
    check_requirements,
    coverage_state,
)
from utq_desktop.domain.portfolio_models import (
    PortfolioAttachment,
    PortfolioCriterionState,
    PortfolioFeedback,
    PortfolioItem,
    PortfolioObservation,
    item_competence,
    item_criterion,
    observation_criterion,
)
from utq_desktop.services.portfolio_dto import (
    AttachmentInfo,
    CompetenceCoverage,
    CriterionCoverage,
    DossierContent,
    EvidenceInput,
    EvidenceItem,
    Feedback,
    Observation,
    ObservationInput,
)
from utq_desktop.services.portfolio_framework import FrameworkMap

THE_DOSSIER = "The dossier"


@dataclass(frozen=True)
class SetState:
    """The supervisor's state of one criterion, as stored."""

    state: CriterionState | None
    set_by: str = ""
    set_on: date | None = None
    note: str = ""
    row_version: int = 0


NOT_SET = SetState(None)


def checklist(requirements: Requirements, content: DossierContent) -> tuple[RequirementCheck, ...]:
    return check_requirements(
        requirements,
        (
            CompetenceFacts(
                c.code,
                c.name,
                tuple(k.code for k in c.criteria),
                c.items,
                c.reflections,
                c.recognised,
                c.recognised_because,
            )
            for c in content.competences
        ),
        {k.code: k.evidence for k in content.criteria},
        len(content.observations),
    )


def build_content(
    session: Session, dossier_id: int | None, fmap: FrameworkMap, recognised: dict[str, str]
) -> DossierContent:
    """The dossier's content; with ``dossier_id`` None (nothing recorded yet) the
    framework's competences with nothing in them."""
    if dossier_id is None:
        return DossierContent(coverage(fmap, recognised, (), {}, {}, {}, ()), (), (), ())
    items_crit = _links(
        session,
        item_criterion.c.item_id,
        item_criterion.c.criterion_id,
        PortfolioItem,
        dossier_id,
        fmap.criterion_codes,
    )
    items_comp = _links(
        session,
        item_competence.c.item_id,
        item_competence.c.competence_id,
        PortfolioItem,
        dossier_id,
        fmap.competence_codes,
    )
    obs_crit = _links(
        session,
        observation_criterion.c.observation_id,
        observation_criterion.c.criterion_id,
        PortfolioObservation,
        dossier_id,
        fmap.criterion_codes,
    )
    files_of_item: dict[int, list[AttachmentInfo]] = defaultdict(list)
    files_of_observation: dict[int, list[AttachmentInfo]] = defaultdict(list)
    for aid, item_id, observation_id, sha, name, size, media in session.execute(
        select(
            PortfolioAttachment.id,
            PortfolioAttachment.item_id,
            PortfolioAttachment.observation_id,
            PortfolioAttachment.sha256,
            PortfolioAttachment.name,
            StoredFile.size,
            StoredFile.media_type,
        )
        .join(StoredFile, StoredFile.sha256 == PortfolioAttachment.sha256)
        .where(PortfolioAttachment.dossier_id == dossier_id)
        .order_by(PortfolioAttachment.id)
    ):
        info = AttachmentInfo(aid, sha, name, size, media)
        if item_id is not None:
            files_of_item[item_id].append(info)
        elif observation_id is not None:
            files_of_observation[observation_id].append(info)
    feedback = feedback_of(session, dossier_id, fmap)
    open_on_item: dict[int, int] = defaultdict(int)
    for f in feedback:
        if not f.resolved and f.item_id is not None:
            open_on_item[f.item_id] += 1
    items: list[EvidenceItem] = []
    for iid, version, kind, title, made_on, description in session.execute(
        select(
            PortfolioItem.id,
            PortfolioItem.row_version,
            PortfolioItem.kind,
            PortfolioItem.title,
            PortfolioItem.made_on,
            PortfolioItem.description,
        )
        .where(PortfolioItem.dossier_id == dossier_id)
        .order_by(PortfolioItem.made_on.desc(), PortfolioItem.id.desc())
    ):
        criteria = fmap.order(items_crit.get(iid, ()))
        own = fmap.order(items_comp.get(iid, ()))
        shows = set(own) | {fmap.criteria[k].competence_code for k in criteria}
        items.append(
            EvidenceItem(
                id=iid,
                row_version=version,
                data=EvidenceInput(EvidenceKind(kind), title, made_on, description, own, criteria),
                competences=fmap.order(shows),
                attachments=tuple(files_of_item.get(iid, ())),
                open_feedback=open_on_item.get(iid, 0),
            )
        )
    observations: list[Observation] = []
    for oid, version, observed_on, observer, course, notes in session.execute(
        select(
            PortfolioObservation.id,
            PortfolioObservation.row_version,
            PortfolioObservation.observed_on,
            PortfolioObservation.observer,
            PortfolioObservation.course,
            PortfolioObservation.notes,
        )
        .where(PortfolioObservation.dossier_id == dossier_id)
        .order_by(PortfolioObservation.observed_on.desc(), PortfolioObservation.id.desc())
    ):
        criteria = fmap.order(obs_crit.get(oid, ()))
        observations.append(
            Observation(
                id=oid,
                row_version=version,
                data=ObservationInput(observed_on, observer, course, criteria, notes),
                competences=fmap.order({fmap.criteria[k].competence_code for k in criteria}),
                attachments=tuple(files_of_observation.get(oid, ())),
            )
        )
    states = {
        row.criterion_id: SetState(
            CriterionState(row.state) if row.state else None,
            row.set_by,
            row.set_on,
            row.note,
            row.row_version,
        )
        for row in session.execute(
            select(
                PortfolioCriterionState.criterion_id,
                PortfolioCriterionState.state,
                PortfolioCriterionState.set_by,
                PortfolioCriterionState.set_on,
                PortfolioCriterionState.note,
                PortfolioCriterionState.row_version,
            ).where(PortfolioCriterionState.dossier_id == dossier_id)
        )
    }
    competences = coverage(fmap, recognised, items, items_crit, obs_crit, states, feedback)
    return DossierContent(competences, tuple(items), tuple(observations), feedback)


def _links(
    session: Session,
    owner_column: object,
    other_column: object,
    owner: type[PortfolioItem] | type[PortfolioObservation],
    dossier_id: int,
    codes: dict[int, str],
) -> dict[int, list[str]]:
    """Owner id → the codes it links to (of this framework version)."""
    found: dict[int, list[str]] = defaultdict(list)
    query = (
        select(owner_column, other_column)  # type: ignore[call-overload]
        .join(owner, owner.id == owner_column)
        .where(owner.dossier_id == dossier_id)
    )
    for owner_id, other_id in session.execute(query):
        code = codes.get(other_id)
        if code is not None:
            found[owner_id].append(code)
    return found


def feedback_of(session: Session, dossier_id: int, fmap: FrameworkMap) -> tuple[Feedback, ...]:
    titles = dict(
        session.execute(
            select(PortfolioItem.id, PortfolioItem.title).where(
                PortfolioItem.dossier_id == dossier_id
            )
        ).all()
    )
    names = {c.code: f"{c.code} {c.name}" for c in fmap.competences}
    result: list[Feedback] = []
    for row in session.execute(
        select(
            PortfolioFeedback.id,
            PortfolioFeedback.row_version,
            PortfolioFeedback.text,
            PortfolioFeedback.author,
            PortfolioFeedback.given_on,
            PortfolioFeedback.item_id,
            PortfolioFeedback.competence_id,
            PortfolioFeedback.resolved,
            PortfolioFeedback.resolved_on,
            PortfolioFeedback.resolved_by,
        )
        .where(PortfolioFeedback.dossier_id == dossier_id)
        .order_by(
            PortfolioFeedback.resolved,
            PortfolioFeedback.given_on.desc(),
            PortfolioFeedback.id.desc(),
        )
    ):
        code = fmap.competence_codes.get(row.competence_id) if row.competence_id else None
        if row.item_id is not None:
            about = titles.get(row.item_id, THE_DOSSIER)
        elif code is not None:
            about = names[code]
        else:
            about = THE_DOSSIER
        result.append(
            Feedback(
                id=row.id,
                row_version=row.row_version,
                text=row.text,
                author=row.author,
                given_on=row.given_on,
                item_id=row.item_id,
                competence_code=code,
                about=about,
                resolved=bool(row.resolved),
                resolved_on=row.resolved_on,
                resolved_by=row.resolved_by,
            )
        )
    return tuple(result)


def coverage(
    fmap: FrameworkMap,
    recognised: dict[str, str],
    items: list[EvidenceItem] | tuple[EvidenceItem, ...],
    items_crit: dict[int, list[str]],
    obs_crit: dict[int, list[str]],
    states: dict[int, SetState],
    feedback: tuple[Feedback, ...],
) -> tuple[CompetenceCoverage, ...]:
    by_criterion: dict[str, list[int]] = defaultdict(list)
    for item_id, codes in items_crit.items():
        for code in codes:
            by_criterion[code].append(item_id)
    observed: dict[str, list[int]] = defaultdict(list)
    for observation_id, codes in obs_crit.items():
        for code in codes:
            observed[code].append(observation_id)
    showing: dict[str, int] = defaultdict(int)
    reflecting: dict[str, int] = defaultdict(int)
    for item in items:
        for code in item.competences:
            showing[code] += 1
            if item.kind is EvidenceKind.REFLECTION:
                reflecting[code] += 1
    open_on: dict[str, int] = defaultdict(int)
    for f in feedback:
        if not f.resolved and f.competence_code is not None:
            open_on[f.competence_code] += 1
    result: list[CompetenceCoverage] = []
    for c in fmap.competences:
        because = recognised.get(c.code, "")
        criteria: list[CriterionCoverage] = []
        for k in c.criteria:
            row = states.get(k.id, NOT_SET)
            item_ids = tuple(sorted(by_criterion.get(k.code, ())))
            observation_ids = tuple(sorted(observed.get(k.code, ())))
            criteria.append(
                CriterionCoverage(
                    id=k.id,
                    code=k.code,
                    name=k.name,
                    competence_code=c.code,
                    state=coverage_state(
                        row.state, len(item_ids) + len(observation_ids), bool(because)
                    ),
                    set_state=row.state,
                    set_by=row.set_by,
                    set_on=row.set_on,
                    note=row.note,
                    row_version=row.row_version,
                    items=item_ids,
                    observations=observation_ids,
                    recognised_because=because,
                )
            )
        result.append(
            CompetenceCoverage(
                id=c.id,
                code=c.code,
                name=c.name,
                criteria=tuple(criteria),
                recognised_because=because,
                items=showing.get(c.code, 0),
                reflections=reflecting.get(c.code, 0),
                open_feedback=open_on.get(c.code, 0),
            )
        )
    return tuple(result)
