"""Saving a self-diagnosis: the ratings that differ, checked against the framework version."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.intake_models import CompetenceRating, CriterionRating
from utq_desktop.domain.models import Framework
from utq_desktop.errors import ValidationError
from utq_desktop.services.audit import Change
from utq_desktop.services.dto import SelfDiagnosisInput, SelfRating
from utq_desktop.services.intake_read import scale_label


def save_ratings(
    session: Session, intake_id: int, framework: Framework, data: SelfDiagnosisInput
) -> list[Change]:
    """Write the self-ratings that differ; returns the audit changes, framework order."""
    scale = framework.scale
    values = {point.get("value") for point in scale}
    competences = {c.id: c for c in framework.competences}
    criteria = {k.id: k for c in framework.competences for k in c.criteria}
    for key, rating in data.competences.items():
        check_rating(key, rating, competences, values, "competence")
    for key, rating in data.criteria.items():
        check_rating(key, rating, criteria, values, "criterion")
    stored_competences = {
        r.competence_id: r
        for r in session.scalars(
            select(CompetenceRating).where(CompetenceRating.intake_id == intake_id)
        )
    }
    stored_criteria = {
        r.criterion_id: r
        for r in session.scalars(
            select(CriterionRating).where(CriterionRating.intake_id == intake_id)
        )
    }
    changes: list[Change] = []
    for competence in framework.competences:
        targets = [(competence.code, competence.id, stored_competences, data.competences)]
        targets += [(k.code, k.id, stored_criteria, data.criteria) for k in competence.criteria]
        for code, key, stored, wanted in targets:
            row = stored.get(key)
            old = SelfRating(row.rating, row.notes) if row else SelfRating()
            new = wanted.get(key, SelfRating())
            if old == new:
                continue
            if old.rating != new.rating:
                changes.append(
                    (
                        f"rating:{code}",
                        scale_label(scale, old.rating),
                        scale_label(scale, new.rating),
                    )
                )
            if old.notes != new.notes:
                changes.append((f"notes:{code}", old.notes or None, new.notes or None))
            if new.empty and row is not None:
                session.delete(row)
            elif row is not None:
                row.rating, row.notes = new.rating, new.notes
            elif stored is stored_competences:
                session.add(
                    CompetenceRating(
                        intake_id=intake_id, competence_id=key, rating=new.rating, notes=new.notes
                    )
                )
            else:
                session.add(
                    CriterionRating(
                        intake_id=intake_id, criterion_id=key, rating=new.rating, notes=new.notes
                    )
                )
    return changes


def check_rating(
    key: int, rating: SelfRating, known: dict[int, object], values: set[object], kind: str
) -> None:
    if key not in known:
        raise ValidationError(
            f"That {kind} is not part of this candidate's competence framework.",
            f"{kind}_rating_{key}",
        )
    if rating.rating is not None and rating.rating not in values:
        allowed = ", ".join(str(v) for v in sorted(values))  # type: ignore[type-var]
        raise ValidationError(
            f"A self-rating is one of {allowed} (got {rating.rating}).", f"{kind}_rating_{key}"
        )
