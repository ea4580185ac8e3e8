"""File names for certificates: the holder's name and the kind, ASCII-folded but readable.

'Nguyễn Thị Minh Khai - UTQ certificate.pdf' becomes 'Nguyen Thi Minh Khai - UTQ
certificate.pdf'; a certificate of participation adds its activity: 'Siobhan van 't Hof -
participation - Testing and assessment.pdf'. Only letters, digits, spaces and . , ' ( ) & + -
are kept, so the name is valid on Windows, macOS and Linux and survives e-mail and zip
files. A name with no Latin letters at all falls back to the serial number.

An existing file is never replaced (place_file): a file of the same name with the same bytes
is kept as it is, any other gets the next free ' (2)', ' (3)'.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from utq_desktop.documents.certificate_data import CertificateData
from utq_desktop.domain.certificate_codes import CertificateKind

MAX_STEM = 120  # characters before ".pdf": well inside every file system's limit
MAX_TITLE = 60

# Letters that NFKD does not split into a base letter and a mark.
_EXTRA = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "–": "-",
        "—": "-",
    }
)
_UNSAFE = re.compile(r"[^A-Za-z0-9 .,'()&+\-]+")
_SPACES = re.compile(r"\s+")


def ascii_fold(text: str) -> str:
    """'Nguyễn Thị Minh Khai' -> 'Nguyen Thi Minh Khai'; case is kept, unsafe characters go."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _UNSAFE.sub(" ", plain.encode("ascii", "ignore").decode("ascii"))
    return _SPACES.sub(" ", plain).strip(" .")


def certificate_file_name(data: CertificateData) -> str:
    """The file name a certificate gets in a batch folder (before any ' (2)')."""
    holder = ascii_fold(data.holder_name)
    if not any(c.isalpha() for c in holder):
        holder = ascii_fold(data.serial) or "certificate"
    if data.kind is CertificateKind.UTQ:
        stem = f"{holder} - UTQ certificate"
    else:
        title = ascii_fold(data.activity.title) if data.activity else ""
        if len(title) > MAX_TITLE:
            title = title[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(" .,-")
        stem = f"{holder} - participation" + (f" - {title}" if title else "")
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rstrip(" .,-")
    return f"{stem}.pdf"


def numbered(name: str, number: int) -> str:
    """'X.pdf', 2 -> 'X (2).pdf'."""
    if number == 1:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem} ({number}){dot}{suffix}"


def place_file(
    temp: str, sha256: str, folder: Path, name: str, taken: set[str]
) -> tuple[Path, bool]:
    """Give the file ``temp`` (with this ``sha256``) its final name in ``folder``: the first
    of name, name (2), … that is free, or that already holds the same bytes (then ``temp``
    stays where it is and the second value is True). ``taken``: names (casefolded) this
    batch already gave out; the one chosen is added."""
    number = 0
    while True:
        number += 1
        candidate = numbered(name, number)
        if candidate.casefold() in taken:  # case-insensitive file systems
            continue
        path = folder / candidate
        if path.exists():
            if _same_content(path, temp, sha256):
                taken.add(candidate.casefold())
                return path, True
            continue
        try:
            _link(temp, path)
        except FileExistsError:  # appeared just now: take the next number
            continue
        taken.add(candidate.casefold())
        return path, False


def _same_content(path: Path, temp: str, sha256: str) -> bool:
    try:
        if path.stat().st_size != os.stat(temp).st_size:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def _link(temp: str, path: Path) -> None:
    """Move ``temp`` to ``path``, never replacing a file already there."""
    try:
        os.link(temp, path)  # fails with FileExistsError instead of replacing
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares)
        if path.exists():
            raise FileExistsError(path) from None
        os.rename(temp, path)  # Windows refuses an existing target too
        return
    os.unlink(temp)
