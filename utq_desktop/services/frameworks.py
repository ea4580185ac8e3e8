"""Competence frameworks in the database: the shipped ones are added on first open."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.framework_spec import FrameworkSpec, load_framework_file
from utq_desktop.domain.models import Competence, Criterion, Framework
from utq_desktop.resources import resource_path
from utq_desktop.services import audit
from utq_desktop.services.context import Context
from utq_desktop.services.dto import FrameworkInfo


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


def add_framework(session: Session, spec: FrameworkSpec) -> int:
    framework = Framework(
        code=spec.code,
        version=spec.version,
        name_en=spec.name_en,
        name_nl=spec.name_nl,
        scale=[asdict(point) for point in spec.scale],
        source=spec.source,
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
