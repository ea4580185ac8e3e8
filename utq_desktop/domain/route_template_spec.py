"""Route templates shipped as data (resources/route_templates/*.json), validated on load."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from utq_desktop.domain.framework_spec import CODE, FrameworkFileError
from utq_desktop.domain.route import ActivityKind

MAX_OFFSET_MONTHS = 120


@dataclass(frozen=True)
class TemplateItemSpec:
    kind: ActivityKind
    title: str
    provider: str
    hours: float | None
    competences: tuple[str, ...]
    offset_months: int


@dataclass(frozen=True)
class TemplateSpec:
    code: str
    name: str
    framework: str
    description: str
    items: tuple[TemplateItemSpec, ...]


def load_template_file(path: Path) -> TemplateSpec:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FrameworkFileError(f"{path.name}: cannot be read ({error.strerror}).") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FrameworkFileError(f"{path.name}: is not valid JSON ({error}).") from error
    return parse_template(raw, path.name)


def parse_template(raw: Any, source: str) -> TemplateSpec:
    def fail(where: str, problem: str) -> FrameworkFileError:
        return FrameworkFileError(f"{source}: {where}: {problem}.")

    def text(value: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        item = value.get(key, None if required else "")
        if not isinstance(item, str) or (required and not item.strip()):
            raise fail(f"{where}.{key}", "must be a non-empty text" if required else "must be text")
        return item.strip()

    if not isinstance(raw, dict):
        raise fail("the file", "must be an object")
    code = text(raw, "code", "template")
    if not CODE.match(code):
        raise fail("template.code", f"'{code}' is not a valid code (letters, digits, . _ -)")
    framework = text(raw, "framework", "template")
    items_raw = raw.get("items")
    if not isinstance(items_raw, list) or not items_raw:
        raise fail("template.items", "must be a non-empty list")
    items = []
    for index, item in enumerate(items_raw, 1):
        where = f"items[{index}]"
        if not isinstance(item, dict):
            raise fail(where, "must be an object")
        try:
            kind = ActivityKind(item.get("kind"))
        except ValueError:
            kinds = ", ".join(k.value for k in ActivityKind)
            raise fail(f"{where}.kind", f"must be one of {kinds}") from None
        hours = item.get("hours")
        if hours is not None and (
            isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0
        ):
            raise fail(f"{where}.hours", "must be a positive number")
        offset = item.get("offset_months", 0)
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise fail(f"{where}.offset_months", "must be a whole number")
        if not 0 <= offset <= MAX_OFFSET_MONTHS:
            raise fail(f"{where}.offset_months", f"must be 0 to {MAX_OFFSET_MONTHS}")
        competences = item.get("competences", [])
        if not isinstance(competences, list) or not all(isinstance(c, str) for c in competences):
            raise fail(f"{where}.competences", "must be a list of competence codes")
        items.append(
            TemplateItemSpec(
                kind,
                text(item, "title", where),
                text(item, "provider", where, required=False),
                float(hours) if hours is not None else None,
                tuple(competences),
                offset,
            )
        )
    return TemplateSpec(
        code=code,
        name=text(raw, "name", "template"),
        framework=framework,
        description=text(raw, "description", "template", required=False),
        items=tuple(items),
    )
