"""Dutch personal names: display order, sort order and a diacritic-free search key."""

from __future__ import annotations

import unicodedata


def full_name(first_name: str, prefix: str, surname: str, initials: str = "") -> str:
    """'Siobhán van 't Hof': given name (or initials), prefix, surname — exactly as registered."""
    given = first_name.strip() or initials.strip()
    return " ".join(part for part in (given, prefix.strip(), surname.strip()) if part)


def sort_name(first_name: str, prefix: str, surname: str) -> str:
    """Dutch registers sort on the surname without its prefix: 'Hof, Siobhán van 't'."""
    tail = " ".join(p for p in (first_name.strip(), prefix.strip()) if p)
    return f"{surname.strip()}, {tail}" if tail else surname.strip()


def fold(text: str) -> str:
    """Lower-case, diacritics removed: 'Doğan' and 'dogan' match; 'ß', 'ø' and 'ł' too."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_EXTRA_FOLDS)


_EXTRA_FOLDS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})
