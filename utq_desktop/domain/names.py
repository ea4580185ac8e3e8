"""Dutch personal names: display order, sort order and a diacritic-free search key."""

from __future__ import annotations

import re
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
    folded = text.casefold()
    if folded.isascii():  # most names and every staff number: no work to do
        return folded
    folded = folded.translate(_EXTRA_FOLDS)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


_EXTRA_FOLDS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})
# Unicode's combining diacritical mark blocks; one regex pass beats a per-character loop.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
