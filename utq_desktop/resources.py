"""One locator for resources/, from a checkout, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_MARKER = "frameworks"


@cache
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [
        Path(getattr(sys, "_MEIPASS", "")) / "resources" if getattr(sys, "frozen", False) else None,
        here / "bundled_resources",  # installed wheel: shipped inside the package
        here.parent / "resources",  # checkout or editable install
    ]
    for candidate in candidates:
        if candidate is not None and (candidate / _MARKER).is_dir():
            return candidate
    raise FileNotFoundError("UTQ Desktop's resources folder is missing; reinstall the application")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
