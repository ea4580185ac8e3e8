"""A dossier's attachments as one zip: a folder per evidence item ("E003 Course syllabus")
and per class observation ("O01 Statistics 1 3-4-2025"), numbered as in the dossier PDF,
with names made safe for every file system and de-duplicated (``report (2).pdf``).

Written to a temporary file beside the target and renamed at the end: a cancelled or
failed export leaves nothing behind.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from utq_desktop.documents.output import atomic_output
from utq_desktop.services.portfolio_dto import DossierContent

Progress = Callable[[int, int], None]

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10))}
_RESERVED |= {f"lpt{i}" for i in range(1, 10)}


@dataclass(frozen=True, slots=True)
class ZipEntry:
    name: str  # the path inside the zip
    sha256: str
    owner: str  # "evidence 'Course syllabus'", for messages


def item_label(number: int) -> str:
    """How the PDF and the zip number evidence items: E001, E002, …"""
    return f"E{number:03d}"


def observation_label(number: int) -> str:
    return f"O{number:02d}"


def safe_name(name: str, limit: int = 80) -> str:
    """A file or folder name every file system accepts (Windows is the strictest)."""
    cleaned = _UNSAFE.sub("_", name).strip().rstrip(". ")
    if not cleaned:
        cleaned = "file"
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        stem, suffix = cleaned, ""
    if stem.lower() in _RESERVED:
        stem = f"_{stem}"
    if len(cleaned) > limit:
        keep = max(1, limit - len(suffix) - 1)
        stem = stem[:keep].rstrip(". ")
    return f"{stem}.{suffix}" if suffix else stem


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… if the folder has it already (letter case
    ignored, as Windows and macOS do)."""
    path = PurePosixPath(name)
    stem, suffix = (path.stem, path.suffix) if path.suffix and path.stem else (name, "")
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.lower())
    return candidate


def plan(content: DossierContent) -> list[ZipEntry]:
    """The zip's entries, in the dossier's order."""
    entries: list[ZipEntry] = []
    folders: set[str] = set()
    for number, item in enumerate(content.items, 1):
        folder = _unique(safe_name(f"{item_label(number)} {item.title}"), folders)
        taken: set[str] = set()
        for file in item.attachments:
            name = _unique(safe_name(file.name, 120), taken)
            entries.append(ZipEntry(f"{folder}/{name}", file.sha256, f"evidence '{item.title}'"))
    for number, observation in enumerate(content.observations, 1):
        day = observation.data.observed_on
        when = f" {day.day}-{day.month}-{day.year}" if day else ""
        title = f"{observation_label(number)} {observation.data.course}{when}"
        folder = _unique(safe_name(title), folders)
        taken = set()
        for file in observation.attachments:
            name = _unique(safe_name(file.name, 120), taken)
            entries.append(
                ZipEntry(f"{folder}/{name}", file.sha256, f"class observation '{title[4:]}'")
            )
    return entries


def write_zip(
    path: Path,
    entries: list[ZipEntry],
    read: Callable[[ZipEntry], bytes],
    progress: Progress | None = None,
) -> int:
    """Write ``entries`` (their bytes from ``read(entry)``) to ``path``; returns how many.
    An exception from ``read`` or ``progress`` (a cancel) leaves nothing at ``path``."""
    with (
        atomic_output(path) as stream,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
    ):
        for done, entry in enumerate(entries, 1):
            archive.writestr(entry.name, read(entry))
            if progress is not None:
                progress(done, len(entries))
    return len(entries)
