"""Text normalisation shared by every stage: accent and case folding, slugs, quotes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def strip_accents(text: str) -> str:
    """Remove combining marks: 'Genève' -> 'Geneve' (length may change for decomposed input)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes and dashes unified, spaces collapsed."""
    if not text:
        return ""
    if len(text) <= SHORT_TEXT:
        return _fold_short(text)
    return _fold(text)


SHORT_TEXT = 64  # words and names: folded once per process, from a cache


@lru_cache(maxsize=200_000)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return " ".join(text.replace("`", "'").split()).lower()
    text = strip_accents(text).translate(_APOSTROPHES)
    text = _DASHES.sub("-", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def slug(name: str) -> str:
    """Lower-case ASCII slug: 'José Roberto Chávez' -> 'jose-roberto-chavez'."""
    ascii_text = strip_accents(name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def clean_spaces(text: str) -> str:
    """Non-breaking and odd spaces to plain spaces, runs collapsed, ends trimmed."""
    return re.sub(r"[ \t\u00a0\u2007\u202f]+", " ", text).strip()
