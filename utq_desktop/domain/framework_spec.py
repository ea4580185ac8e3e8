"""Competence frameworks are data (resources/frameworks/*.json), validated on load.

A framework file is JSON (or the same structure in TOML); ``framework_json`` writes a
framework back in that JSON format, so an exported file imports again unchanged.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from utq_desktop.domain.portfolio import (
    Requirements,
    requirements_dict,
    requirements_from_dict,
)
from utq_desktop.errors import ValidationError

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class FrameworkFileError(ValidationError):
    pass


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    en: str
    nl: str


@dataclass(frozen=True)
class CompetenceSpec:
    code: str
    en: str
    nl: str
    criteria: tuple[CriterionSpec, ...]


@dataclass(frozen=True)
class ScalePoint:
    value: int
    en: str
    nl: str


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    version: int
    name_en: str
    name_nl: str
    scale: tuple[ScalePoint, ...]
    competences: tuple[CompetenceSpec, ...]
    source: str
    # what a dossier must contain before submission; None: the file declares nothing
    # (domain.portfolio.DEFAULT_REQUIREMENTS apply)
    requirements: Requirements | None = None


def load_framework_file(path: Path) -> FrameworkSpec:
    """The framework in a .json (or .toml) file; FrameworkFileError names the file and the
    problem when it cannot be read or is not a valid framework."""
    toml = path.suffix.lower() == ".toml"
    kind = "TOML" if toml else "JSON"
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text) if toml else json.loads(text)
    except OSError as error:
        raise FrameworkFileError(f"{path.name}: cannot be read ({error.strerror}).") from error
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise FrameworkFileError(f"{path.name}: is not valid {kind} ({error}).") from error
    return parse_framework(raw, path.name)


def framework_dict(spec: FrameworkSpec) -> dict[str, Any]:
    """The framework as the structure of a framework file."""
    content = {
        "code": spec.code,
        "version": spec.version,
        "name": {"en": spec.name_en, "nl": spec.name_nl},
        "scale": [{"value": p.value, "en": p.en, "nl": p.nl} for p in spec.scale],
        "competences": [
            {
                "code": c.code,
                "en": c.en,
                "nl": c.nl,
                "criteria": [{"code": k.code, "en": k.en, "nl": k.nl} for k in c.criteria],
            }
            for c in spec.competences
        ],
    }
    if spec.requirements is not None:
        content["requirements"] = requirements_dict(spec.requirements)
    return content


def framework_json(spec: FrameworkSpec) -> str:
    """The framework file's text (UTF-8 JSON, readable, non-ASCII letters as they are)."""
    return json.dumps(framework_dict(spec), ensure_ascii=False, indent=2) + "\n"


def parse_framework(raw: Any, source: str) -> FrameworkSpec:
    def fail(where: str, problem: str) -> FrameworkFileError:
        return FrameworkFileError(f"{source}: {where}: {problem}.")

    def obj(value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise fail(where, "must be an object")
        return value

    def text(value: dict[str, Any], key: str, where: str) -> str:
        item = value.get(key)
        if not isinstance(item, str) or not item.strip():
            raise fail(f"{where}.{key}", "must be a non-empty text")
        return item.strip()

    def code(value: dict[str, Any], where: str, seen: set[str]) -> str:
        item = text(value, "code", where)
        if not CODE.match(item):
            raise fail(f"{where}.code", f"'{item}' is not a valid code (letters, digits, . _ -)")
        if item in seen:
            raise fail(f"{where}.code", f"'{item}' is used twice")
        seen.add(item)
        return item

    def items(value: dict[str, Any], key: str, where: str) -> list[Any]:
        found = value.get(key)
        if not isinstance(found, list) or not found:
            raise fail(f"{where}.{key}", "must be a non-empty list")
        return found

    top = obj(raw, "the file")
    codes: set[str] = set()
    framework_code = code(top, "framework", set())
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail("framework.version", "must be a whole number of at least 1")
    name = obj(top.get("name"), "framework.name")
    scale: list[ScalePoint] = []
    for index, point in enumerate(items(top, "scale", "framework"), 1):
        where = f"scale[{index}]"
        point = obj(point, where)
        value = point.get("value")
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(f"{where}.value", "must be a whole number")
        if any(p.value == value for p in scale):
            raise fail(f"{where}.value", f"{value} is used twice")
        scale.append(ScalePoint(value, text(point, "en", where), text(point, "nl", where)))
    competences: list[CompetenceSpec] = []
    for index, competence in enumerate(items(top, "competences", "framework"), 1):
        where = f"competences[{index}]"
        competence = obj(competence, where)
        criteria = tuple(
            CriterionSpec(
                code(obj(c, f"{where}.criteria[{i}]"), f"{where}.criteria[{i}]", codes),
                text(c, "en", f"{where}.criteria[{i}]"),
                text(c, "nl", f"{where}.criteria[{i}]"),
            )
            for i, c in enumerate(items(competence, "criteria", where), 1)
        )
        competences.append(
            CompetenceSpec(
                code(competence, where, codes),
                text(competence, "en", where),
                text(competence, "nl", where),
                criteria,
            )
        )
    return FrameworkSpec(
        code=framework_code,
        version=version,
        name_en=text(name, "en", "framework.name"),
        name_nl=text(name, "nl", "framework.name"),
        scale=tuple(scale),
        competences=tuple(competences),
        source=source,
        requirements=_requirements(top, source),
    )


def _requirements(top: dict[str, Any], source: str) -> Requirements | None:
    """The optional ``requirements`` block (what a dossier must contain)."""
    if "requirements" not in top:
        return None
    try:
        return requirements_from_dict(top["requirements"], "framework.requirements")
    except ValidationError as error:
        raise FrameworkFileError(f"{source}: {error}") from None
