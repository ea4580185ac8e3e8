"""Required components: what a framework demands of a dossier before it is submitted (its
framework file's optional ``requirements`` block), and the checklist that follows for one
dossier. A competence recognised on the route (a partial certificate) needs no evidence.

Re-exported by domain.portfolio, which is where the UI and the services import it from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from utq_desktop.errors import IllegalTransitionError, ValidationError


@dataclass(frozen=True, slots=True)
class Requirements:
    """What a framework demands of a dossier before it can be submitted.

    Read from a framework file's optional ``requirements`` block; a framework without one
    uses DEFAULT_REQUIREMENTS (the 4TU ones).
    """

    evidence_per_competence: int = 0  # evidence items per (not recognised) competence
    evidence_per_criterion: int = 0  # items or observations per criterion
    reflection_per_competence: bool = False  # a self-analysis / reflection per competence
    class_observations: int = 0  # class observations in the dossier

    @property
    def none(self) -> bool:
        return self == Requirements()


DEFAULT_REQUIREMENTS = Requirements(
    evidence_per_competence=1, reflection_per_competence=True, class_observations=1
)

_REQUIREMENT_KEYS = {
    "evidence_per_competence": int,
    "evidence_per_criterion": int,
    "reflection_per_competence": bool,
    "class_observations": int,
}


def requirements_from_dict(raw: Any, where: str = "requirements") -> Requirements:
    """A ``requirements`` block as read from a framework file (or the framework row);
    ValidationError names the offending key."""
    if not isinstance(raw, Mapping):
        raise ValidationError(f"{where}: must be an object.")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        kind = _REQUIREMENT_KEYS.get(key)
        if kind is None:
            raise ValidationError(
                f"{where}.{key}: unknown requirement; use " + ", ".join(_REQUIREMENT_KEYS) + "."
            )
        if kind is bool:
            if not isinstance(value, bool):
                raise ValidationError(f"{where}.{key}: must be true or false.")
        elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 50:
            raise ValidationError(f"{where}.{key}: must be a whole number from 0 to 50.")
        values[key] = value
    return Requirements(**values)


def requirements_dict(requirements: Requirements) -> dict[str, Any]:
    """The block as a framework file writes it: only what is demanded (an empty block
    demands nothing, which differs from no block at all)."""
    return {
        key: getattr(requirements, key) for key in _REQUIREMENT_KEYS if getattr(requirements, key)
    }


@dataclass(frozen=True, slots=True)
class CompetenceFacts:
    """What the checklist needs to know of one competence of the dossier."""

    code: str
    name: str
    criterion_codes: tuple[str, ...]
    items: int  # evidence items that show the competence (or one of its criteria)
    reflections: int  # of which self-analysis / reflection
    recognised: bool = False
    recognised_because: str = ""


@dataclass(frozen=True, slots=True)
class RequirementCheck:
    """One line of the required-components checklist."""

    key: str  # e.g. "evidence:C1", "reflection:C1", "criterion:C1.2", "observations"
    label: str  # "C1 Designing or redesigning education: at least 1 evidence item"
    met: bool
    detail: str = ""  # what there is: "2 items", "recognised: partial certificate UU"


def check_requirements(
    requirements: Requirements,
    competences: Iterable[CompetenceFacts],
    criterion_evidence: Mapping[str, int],
    observations: int,
) -> tuple[RequirementCheck, ...]:
    """The checklist for a dossier: one line per demand, met or not. A recognised
    competence needs no evidence; it is listed as met with its source."""
    checks: list[RequirementCheck] = []
    for c in competences:
        title = f"{c.code} {c.name}"
        recognised = f"recognised: {c.recognised_because}" if c.recognised else ""
        if requirements.evidence_per_competence:
            need = requirements.evidence_per_competence
            checks.append(
                RequirementCheck(
                    f"evidence:{c.code}",
                    f"{title}: at least {_count(need, 'evidence item')}",
                    c.recognised or c.items >= need,
                    recognised or _count(c.items, "item"),
                )
            )
        if requirements.reflection_per_competence:
            checks.append(
                RequirementCheck(
                    f"reflection:{c.code}",
                    f"{title}: a self-analysis / reflection",
                    c.recognised or c.reflections > 0,
                    recognised or _count(c.reflections, "reflection"),
                )
            )
        if requirements.evidence_per_criterion:
            need = requirements.evidence_per_criterion
            for code in c.criterion_codes:
                have = criterion_evidence.get(code, 0)
                checks.append(
                    RequirementCheck(
                        f"criterion:{code}",
                        f"{code}: at least {_count(need, 'piece')} of evidence",
                        c.recognised or have >= need,
                        recognised or _count(have, "piece"),
                    )
                )
    if requirements.class_observations:
        need = requirements.class_observations
        checks.append(
            RequirementCheck(
                "observations",
                f"At least {_count(need, 'class observation')}",
                observations >= need,
                _count(observations, "observation"),
            )
        )
    return tuple(checks)


def unmet(checks: Iterable[RequirementCheck]) -> tuple[RequirementCheck, ...]:
    return tuple(c for c in checks if not c.met)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class RequirementsNotMetError(IllegalTransitionError):
    """Submission refused: the framework's required components are not all there. The
    coordinator may submit anyway with a reason (audited, kept on the snapshot)."""

    def __init__(self, missing: tuple[RequirementCheck, ...]) -> None:
        lines = "; ".join(c.label for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        super().__init__(
            f"The dossier lacks required components: {lines}{more}. Add them, or submit "
            "with a reason for the exception."
        )
        self.missing = missing
