"""A submitted dossier's content as JSON and back: items, descriptions, the criteria they
show, attachment names with their sha256 and size, observations, feedback, criterion states
and the checklist as it stood. The JSON is written once (services.portfolio_submission)
and its hash kept beside it, so any later change to the stored text is detected on read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any, cast

from utq_desktop.domain.portfolio import CriterionState, EvidenceKind, RequirementCheck
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

FORMAT = 1


def encode(
    content: DossierContent, checklist: tuple[RequirementCheck, ...], header: dict[str, str]
) -> dict[str, Any]:
    """The snapshot's JSON structure (plain lists, texts, numbers; dates as ISO text)."""
    return {
        "format": FORMAT,
        **header,
        "checklist": _plain(checklist),
        "competences": _plain(content.competences),
        "items": _plain(content.items),
        "observations": _plain(content.observations),
        "feedback": _plain(content.feedback),
    }


def digest(content: dict[str, Any]) -> str:
    """The sha256 of the canonical JSON text: the same content, the same hash."""
    return digest_text(canonical(content))


def canonical(content: dict[str, Any]) -> str:
    """The content's canonical JSON text (sorted keys, no spaces); stored as it is, it reads
    back as the same content (what bulk writers use to serialise it only once)."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(content: dict[str, Any]) -> tuple[DossierContent, tuple[RequirementCheck, ...]]:
    return (
        DossierContent(
            competences=tuple(_competence(c) for c in content["competences"]),
            items=tuple(_item(i) for i in content["items"]),
            observations=tuple(_observation(o) for o in content["observations"]),
            feedback=tuple(_feedback(f) for f in content["feedback"]),
        ),
        tuple(RequirementCheck(**c) for c in content["checklist"]),
    )


_AS_IS = frozenset({str, int, float, bool, type(None)})
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples as lists, enums by value, dates as ISO text. A
    submission holds hundreds of values (and the demo data thousands of submissions): the
    conversion is chosen once per type."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS[kind] = _converter(kind)
    return convert(value)


def _converter(kind: type) -> Callable[[Any], Any]:
    as_is = _AS_IS
    if is_dataclass(kind):
        # One generated function per dataclass (as dataclasses does for __init__): a dict
        # display of its fields, each converted only when it is not a plain value.
        names = [f.name for f in fields(kind)]
        lines = [f"    v{n} = value.{name}\n" for n, name in enumerate(names)]
        body = ", ".join(
            f"{name!r}: v{n} if type(v{n}) in as_is else plain(v{n})"
            for n, name in enumerate(names)
        )
        code = f"def record(value):\n{''.join(lines)}    return {{{body}}}\n"
        scope: dict[str, Any] = {}
        # the names are our own dataclasses' field names, never data
        exec(code, {"as_is": as_is, "plain": _plain}, scope)
        return cast(Callable[[Any], Any], scope["record"])
    if kind is tuple or kind is list:
        return lambda value: [v if type(v) in as_is else _plain(v) for v in value]
    if issubclass(kind, Enum):
        return lambda value: value.value
    if issubclass(kind, date):  # datetime too
        return lambda value: value.isoformat()
    return lambda value: value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _files(values: list[dict[str, Any]]) -> tuple[AttachmentInfo, ...]:
    return tuple(AttachmentInfo(**v) for v in values)


def _criterion(v: dict[str, Any]) -> CriterionCoverage:
    return CriterionCoverage(
        **{
            **v,
            "state": CriterionState(v["state"]),
            "set_state": CriterionState(v["set_state"]) if v["set_state"] else None,
            "set_on": _day(v["set_on"]),
            "items": tuple(v["items"]),
            "observations": tuple(v["observations"]),
        }
    )


def _competence(v: dict[str, Any]) -> CompetenceCoverage:
    return CompetenceCoverage(**{**v, "criteria": tuple(_criterion(k) for k in v["criteria"])})


def _item(v: dict[str, Any]) -> EvidenceItem:
    data = v["data"]
    return EvidenceItem(
        id=v["id"],
        row_version=v["row_version"],
        data=EvidenceInput(
            EvidenceKind(data["kind"]),
            data["title"],
            _day(data["made_on"]),
            data["description"],
            tuple(data["competence_codes"]),
            tuple(data["criterion_codes"]),
        ),
        competences=tuple(v["competences"]),
        attachments=_files(v["attachments"]),
        open_feedback=v["open_feedback"],
    )


def _observation(v: dict[str, Any]) -> Observation:
    data = v["data"]
    return Observation(
        id=v["id"],
        row_version=v["row_version"],
        data=ObservationInput(
            _day(data["observed_on"]),
            data["observer"],
            data["course"],
            tuple(data["criterion_codes"]),
            data["notes"],
        ),
        competences=tuple(v["competences"]),
        attachments=_files(v["attachments"]),
    )


def _feedback(v: dict[str, Any]) -> Feedback:
    given = _day(v["given_on"])
    assert given is not None
    return Feedback(
        **{**v, "given_on": given, "resolved_on": _day(v["resolved_on"])},
    )
