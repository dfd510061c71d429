"""Name normalisation, in one place: how the knowledge tables, the gazetteer and the evaluation compare names.

- ``strip_marks``: diacritics removed ("Erdoğan" -> "Erdogan");
- ``fold``: diacritics removed and lower-cased, for accent- and case-insensitive comparison;
- ``name_key``: the lookup key of a name in the tables — also curly apostrophes, extra spaces, a leading "the"
  and a trailing possessive removed; names written in capitals only ("US", "U.K.") keep their case;
- ``slug``: an id-safe form ("Janez Janša" -> "janez-jansa").
"""

from __future__ import annotations

import re
import unicodedata

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s?$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bb": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case text without diacritics, for accent-insensitive comparison."""
    return strip_marks(text).lower()


def slug(text: str) -> str:
    """An id-safe form of a name: "Janez Janša" -> "janez-jansa"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def name_key(text: str) -> str:
    """The lookup key of a name: diacritics, curly apostrophes, extra spaces, a leading "the" and a trailing
    possessive removed; case-folded unless the name is written in capitals only ("US", "U.K.")."""
    cleaned = " ".join(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).split())
    cleaned = _LEADING_THE.sub("", cleaned)
    cleaned = _POSSESSIVE.sub("", cleaned) if cleaned.endswith(("'s", "s'")) else cleaned
    cleaned = strip_marks(cleaned).strip()
    return cleaned if is_acronym(cleaned) else cleaned.casefold()
