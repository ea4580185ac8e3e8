"""Competence frameworks in the database: the shipped ones are added on first open, others
are imported from a file (validated first) and exported in the same format.

Frameworks are versioned and never rewritten: a file whose code is already stored becomes
that code's next version, so candidates, self-diagnoses and routes keep the version they
started with, and new candidates start on the latest one.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from utq_desktop.documents.output import write_file
from utq_desktop.domain.framework_spec import (
    CompetenceSpec,
    CriterionSpec,
    FrameworkSpec,
    ScalePoint,
    framework_dict,
    framework_json,
    load_framework_file,
)
from utq_desktop.domain.models import Candidate, Competence, Criterion, Framework
from utq_desktop.domain.portfolio import requirements_dict, requirements_from_dict
from utq_desktop.errors import NotFoundError, ValidationError
from utq_desktop.resources import resource_path
from utq_desktop.services import audit
from utq_desktop.services.context import Context
from utq_desktop.services.dto import FrameworkInfo
from utq_desktop.services.route_dto import FrameworkVersion

ENTITY = "framework"


def builtin_frameworks() -> list[FrameworkSpec]:
    folder = resource_path("frameworks")
    return [load_framework_file(path) for path in sorted(folder.glob("*.json"))]


class FrameworkService:
    def __init__(self, context: Context) -> None:
        self._context = context

    def list(self) -> list[FrameworkInfo]:
        with self._context.read() as session:
            frameworks = session.scalars(
                select(Framework).order_by(Framework.code, Framework.version)
            )
            return [
                FrameworkInfo(f.code, f.version, f.name_en, tuple(c.name_en for c in f.competences))
                for f in frameworks
            ]

    def versions(self) -> list[FrameworkVersion]:
        """Every stored version, by code and version, with how many candidates use it."""
        with self._context.read() as session:
            pinned = dict(
                session.execute(
                    select(Candidate.framework_id, func.count(Candidate.id))
                    .where(Candidate.framework_id.is_not(None))
                    .group_by(Candidate.framework_id)
                ).all()
            )
            criteria = dict(
                session.execute(
                    select(Competence.framework_id, func.count(Criterion.id))
                    .join(Criterion, Criterion.competence_id == Competence.id)
                    .group_by(Competence.framework_id)
                ).all()
            )
            frameworks = list(
                session.scalars(select(Framework).order_by(Framework.code, Framework.version))
            )
            latest = {f.code: f.version for f in frameworks}
            return [
                FrameworkVersion(
                    id=f.id,
                    code=f.code,
                    version=f.version,
                    name=f.name_en,
                    name_nl=f.name_nl,
                    competences=len(f.competences),
                    criteria=criteria.get(f.id, 0),
                    source=f.source,
                    candidates=pinned.get(f.id, 0),
                    latest=latest[f.code] == f.version,
                )
                for f in frameworks
            ]

    def spec(self, framework_id: int) -> FrameworkSpec:
        """A stored version as the framework file describes it."""
        with self._context.read() as session:
            framework = session.get(Framework, framework_id)
            if framework is None:
                raise NotFoundError(f"Framework {framework_id} does not exist.")
            return spec_of(framework)

    def import_file(self, path: Path) -> FrameworkVersion:
        """Validate the framework file at ``path`` and store it: as a new framework, or as
        the next version of the framework with its code. Nothing is stored when the file
        is invalid (FrameworkFileError names the file and the problem) or when the same
        framework is already stored."""
        spec = load_framework_file(path)
        with self._context.transaction() as session:
            stored = list(
                session.scalars(
                    select(Framework).where(Framework.code == spec.code).order_by(Framework.version)
                )
            )
            wanted = _content(spec)
            for framework in stored:
                if _content(spec_of(framework)) == wanted:
                    raise ValidationError(
                        f"{path.name}: the framework '{spec.code}' is already stored with "
                        f"exactly this content (version {framework.version}); nothing was "
                        "imported."
                    )
            version = stored[-1].version + 1 if stored else spec.version
            spec = replace(spec, version=version, source=path.name)
            framework_id = add_framework(session, spec)
            audit.record(
                session,
                self._context.actor,
                entity=ENTITY,
                entity_id=framework_id,
                action="import",
                changes=[
                    ("code", None, spec.code),
                    ("version", None, spec.version),
                    ("source", None, path.name),
                ],
            )
        return next(v for v in self.versions() if v.id == framework_id)

    def export_file(self, framework_id: int, path: Path) -> None:
        """Write a stored version to ``path`` as a framework file (JSON)."""
        write_file(path, framework_json(self.spec(framework_id)).encode("utf-8"))

    def ensure_builtin(self) -> int:
        """Add each shipped framework version that the database lacks; returns how many."""
        with self._context.read() as session:
            rows = session.execute(select(Framework.code, Framework.version))
            present = {(code, version) for code, version in rows}
        missing = [s for s in builtin_frameworks() if (s.code, s.version) not in present]
        if not missing:
            return 0
        with self._context.transaction() as session:
            for spec in missing:
                framework_id = add_framework(session, spec)
                audit.record(
                    session,
                    self._context.actor,
                    entity="framework",
                    entity_id=framework_id,
                    action="create",
                    changes=[("code", None, spec.code), ("version", None, spec.version)],
                )
        return len(missing)


def spec_of(framework: Framework) -> FrameworkSpec:
    return FrameworkSpec(
        code=framework.code,
        version=framework.version,
        name_en=framework.name_en,
        name_nl=framework.name_nl,
        scale=tuple(
            ScalePoint(int(str(p["value"])), str(p["en"]), str(p["nl"])) for p in framework.scale
        ),
        competences=tuple(
            CompetenceSpec(
                c.code,
                c.name_en,
                c.name_nl,
                tuple(CriterionSpec(k.code, k.name_en, k.name_nl) for k in c.criteria),
            )
            for c in framework.competences
        ),
        source=framework.source,
        requirements=(
            None
            if framework.requirements is None
            else requirements_from_dict(framework.requirements)
        ),
    )


def _content(spec: FrameworkSpec) -> dict[str, object]:
    """What makes two versions the same framework: everything but the version number."""
    content = framework_dict(spec)
    del content["version"]
    return content


def add_framework(session: Session, spec: FrameworkSpec) -> int:
    framework = Framework(
        code=spec.code,
        version=spec.version,
        name_en=spec.name_en,
        name_nl=spec.name_nl,
        scale=[asdict(point) for point in spec.scale],
        source=spec.source,
        requirements=(None if spec.requirements is None else requirements_dict(spec.requirements)),
        competences=[
            Competence(
                code=c.code,
                position=position,
                name_en=c.en,
                name_nl=c.nl,
                criteria=[
                    Criterion(code=k.code, position=p, name_en=k.en, name_nl=k.nl)
                    for p, k in enumerate(c.criteria, 1)
                ],
            )
            for position, c in enumerate(spec.competences, 1)
        ],
    )
    session.add(framework)
    session.flush()
    return framework.id
