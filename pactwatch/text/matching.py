"""Fast multi-phrase lookup over a text: tokens with offsets, longest match first.

Gazetteers (countries, organisations, titles, units...) are dictionaries from a
folded token tuple to a payload. Matching walks the tokens once and, at each
position, tries the longest n-gram first, so 'Guinée-Bissau' wins over 'Guinée'
and 'Réseau des Nations Unies sur les migrations' over 'Nations Unies'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .normalize import fold

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word token: its surface text, its folded form and its span."""

    text: str
    key: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Word tokens (letters and digits; apostrophes, hyphens and punctuation split)."""
    return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in TOKEN.finditer(text)]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The lookup key of a phrase: its folded tokens."""
    return tuple(fold(m.group()) for m in TOKEN.finditer(phrase))


CASE_ANY = "any"  # 'argentin', 'argentine'
CASE_CAPITALIZED = "capitalized"  # names: first letter upper-case ('Chile', not 'chile')
CASE_EXACT = "exact"  # acronyms: as written ('OIM', 'UE')


@dataclass(frozen=True)
class Match:
    """A phrase found in the text: span, surface, and the payload of its entry."""

    start: int
    end: int
    text: str
    payload: Any


class PhraseMatcher:
    """Longest-match lookup of many phrases; each entry says how strictly case must match."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], list[tuple[str, str, Any]]] = {}
        self._max_len = 1

    def add(self, phrase: str, payload: Any, case: str = CASE_CAPITALIZED) -> None:
        """Register ``phrase`` (any language, any accents) with ``payload``."""
        key = phrase_key(phrase)
        if not key:
            return
        self._entries.setdefault(key, []).append((phrase, case, payload))
        self._max_len = max(self._max_len, len(key))

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, text: str, tokens: list[Token] | None = None) -> Iterator[Match]:
        """Non-overlapping matches, left to right, longest first at each position."""
        tokens = tokens if tokens is not None else tokenize(text)
        i = 0
        while i < len(tokens):
            hit = self._longest_at(text, tokens, i)
            if hit is None:
                i += 1
                continue
            length, match = hit
            yield match
            i += length

    def _longest_at(self, text: str, tokens: list[Token], i: int) -> tuple[int, Match] | None:
        for n in range(min(self._max_len, len(tokens) - i), 0, -1):
            entries = self._entries.get(tuple(t.key for t in tokens[i : i + n]))
            if not entries:
                continue
            start, end = tokens[i].start, tokens[i + n - 1].end
            surface = text[start:end]
            for phrase, case, payload in entries:
                if _case_ok(surface, phrase, case):
                    return n, Match(start, end, surface, payload)
        return None


def _case_ok(surface: str, phrase: str, case: str) -> bool:
    if case == CASE_ANY:
        return True
    if case == CASE_EXACT:
        return surface == phrase or _same_letters(surface, phrase)
    first = surface[:1]
    return first.isupper() or not first.isalpha() or surface.isupper()


def _same_letters(surface: str, phrase: str) -> bool:
    """'UE' written 'UE', or an acronym with different punctuation ('U.E.' vs 'UE')."""
    return [c for c in surface if c.isalnum()] == [c for c in phrase if c.isalnum()]


def add_all(matcher: PhraseMatcher, phrases: Iterable[str], payload: Any, case: str) -> None:
    """Register several phrases with one payload."""
    for phrase in phrases:
        matcher.add(phrase, payload, case)
