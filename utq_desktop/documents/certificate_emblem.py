"""The neutral emblem printed when the institution has no logo of its own: vector data in
resources/certificate/emblem.json (a 100 × 100 drawing, y downwards as in SVG; paths of M,
L, C and Z), turned into PDF operators once per process and drawn with one literal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from utq_desktop.documents.certificate_colours import RGB, rgb
from utq_desktop.resources import resource_path


@dataclass(frozen=True, slots=True)
class Shape:
    kind: str  # "path" or "circle"
    points: tuple[Any, ...]  # path: (("M", x, y), ("C", ...)); circle: (cx, cy, r)
    fill: RGB | None = None
    stroke: RGB | None = None
    width: float = 1.0


@dataclass(frozen=True, slots=True)
class Emblem:
    size: float
    shapes: tuple[Shape, ...]


_TOKEN = re.compile(r"[MLCZ]|-?\d+(?:\.\d+)?")
_ARGUMENTS = {"M": 2, "L": 2, "C": 6, "Z": 0}


def parse_path(text: str) -> tuple[tuple[Any, ...], ...]:
    tokens = _TOKEN.findall(text)
    commands: list[tuple[Any, ...]] = []
    index = 0
    while index < len(tokens):
        command = tokens[index]
        count = _ARGUMENTS.get(command)
        if count is None:
            raise ValueError(f"path data: expected a command, found {command!r}")
        numbers = tokens[index + 1 : index + 1 + count]
        if len(numbers) != count or any(n in _ARGUMENTS for n in numbers):
            raise ValueError(f"path data: {command} needs {count} numbers")
        commands.append((command, *map(float, numbers)))
        index += 1 + count
    return tuple(commands)


def emblem_from_json(data: dict[str, Any]) -> Emblem:
    shapes = []
    for element in data["elements"]:
        style = {
            "fill": rgb(element["fill"]) if "fill" in element else None,
            "stroke": rgb(element["stroke"]) if "stroke" in element else None,
            "width": float(element.get("width", 1.0)),
        }
        if "circle" in element:
            shapes.append(Shape("circle", tuple(map(float, element["circle"])), **style))
        else:
            shapes.append(Shape("path", parse_path(element["path"]), **style))
    return Emblem(float(data["size"]), tuple(shapes))


@cache
def default_emblem() -> Emblem:
    path = resource_path("certificate", "emblem.json")
    return emblem_from_json(json.loads(path.read_text(encoding="utf-8")))


def draw_emblem(canvas: Any, emblem: Emblem, x: float, y: float, side: float) -> None:
    """Draw the emblem in the square with lower left corner (x, y)."""
    scale = side / emblem.size
    # the data is y-down, like SVG: flip it while scaling
    transform = f"q {scale:.5f} 0 0 {-scale:.5f} {x:.3f} {y + side:.3f} cm"
    canvas.addLiteral(f"{transform}\n{emblem_operators(emblem)}\nQ")


_KAPPA = 0.5523  # control-point distance of a quarter circle drawn as one Bézier curve


@cache
def emblem_operators(emblem: Emblem) -> str:
    """The emblem as PDF content operators, in its own coordinates (built once)."""
    out: list[str] = []
    for shape in emblem.shapes:
        out.append("q")
        if shape.fill:
            out.append("{:.4f} {:.4f} {:.4f} rg".format(*shape.fill))
        if shape.stroke:
            out.append("{:.4f} {:.4f} {:.4f} RG {:.3f} w".format(*shape.stroke, shape.width))
        if shape.kind == "circle":
            cx, cy, r = shape.points
            k = r * _KAPPA
            out.append(
                f"{cx + r:g} {cy:g} m "
                f"{cx + r:g} {cy + k:g} {cx + k:g} {cy + r:g} {cx:g} {cy + r:g} c "
                f"{cx - k:g} {cy + r:g} {cx - r:g} {cy + k:g} {cx - r:g} {cy:g} c "
                f"{cx - r:g} {cy - k:g} {cx - k:g} {cy - r:g} {cx:g} {cy - r:g} c "
                f"{cx + k:g} {cy - r:g} {cx + r:g} {cy - k:g} {cx + r:g} {cy:g} c h"
            )
        else:
            for command, *numbers in shape.points:
                operator = {"M": "m", "L": "l", "C": "c", "Z": "h"}[command]
                out.append(" ".join([*(f"{n:g}" for n in numbers), operator]))
        out.append(
            {(True, True): "B", (True, False): "f", (False, True): "S"}.get(
                (shape.fill is not None, shape.stroke is not None), "n"
            )
        )
        out.append("Q")
    return "\n".join(out)
