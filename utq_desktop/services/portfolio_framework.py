"""A framework version as the portfolio sees it: its competences and criteria by id and by
code, and what it requires of a dossier. Loaded in two queries per read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.models import Competence, Criterion, Framework
from utq_desktop.domain.portfolio import DEFAULT_REQUIREMENTS, Requirements, requirements_from_dict


@dataclass(frozen=True)
class CriterionRef:
    id: int
    code: str
    name: str
    competence_code: str


@dataclass(frozen=True)
class CompetenceRef:
    id: int
    code: str
    name: str
    criteria: tuple[CriterionRef, ...]


@dataclass
class FrameworkMap:
    """A framework version's competences and criteria, by id and by code."""

    id: int | None
    label: str
    requirements: Requirements
    competences: tuple[CompetenceRef, ...] = ()
    criteria: dict[str, CriterionRef] = field(default_factory=dict)  # by code
    competence_ids: dict[str, int] = field(default_factory=dict)  # by code
    criterion_codes: dict[int, str] = field(default_factory=dict)  # by id
    competence_codes: dict[int, str] = field(default_factory=dict)  # by id
    position: dict[str, int] = field(default_factory=dict)  # of every code, in order

    def competence(self, code: str) -> CompetenceRef | None:
        return next((c for c in self.competences if c.code == code), None)

    def order(self, codes: Iterable[str]) -> tuple[str, ...]:
        """Competence (or criterion) codes of this version in the framework's order,
        each once; codes it does not have are left out."""
        position = self.position
        return tuple(sorted({c for c in codes if c in position}, key=position.__getitem__))


def framework_map(session: Session, framework_id: int | None) -> FrameworkMap:
    framework = session.get(Framework, framework_id) if framework_id else None
    if framework is None:
        return FrameworkMap(None, "", DEFAULT_REQUIREMENTS)
    requirements = (
        DEFAULT_REQUIREMENTS
        if framework.requirements is None
        else requirements_from_dict(framework.requirements)
    )
    rows = session.execute(
        select(
            Competence.id,
            Competence.code,
            Competence.name_en,
            Criterion.id,
            Criterion.code,
            Criterion.name_en,
        )
        .outerjoin(Criterion, Criterion.competence_id == Competence.id)
        .where(Competence.framework_id == framework.id)
        .order_by(Competence.position, Criterion.position)
    ).all()
    grouped: dict[tuple[int, str, str], list[CriterionRef]] = {}
    for cid, code, name, kid, kcode, kname in rows:
        bucket = grouped.setdefault((cid, code, name), [])
        if kid is not None:
            bucket.append(CriterionRef(kid, kcode, kname, code))
    competences = tuple(
        CompetenceRef(cid, code, name, tuple(criteria))
        for (cid, code, name), criteria in grouped.items()
    )
    fmap = FrameworkMap(
        framework.id,
        f"{framework.name_en} (version {framework.version})",
        requirements,
        competences,
    )
    for c in competences:
        fmap.competence_ids[c.code] = c.id
        fmap.competence_codes[c.id] = c.code
        fmap.position[c.code] = len(fmap.position)
        for k in c.criteria:
            fmap.criteria[k.code] = k
            fmap.criterion_codes[k.id] = k.code
            fmap.position[k.code] = len(fmap.position)
    return fmap
