"""Tense cues: how a sentence refers to a dated thing ("se tiendra", "was held", "se celebró").

The cues are regular expressions in ``time_words.json`` (``tense_cues``), plus the endings of the simple
future in French and Spanish (``future_morphology``). ``pactwatch.extract.dates`` asks, for a dated
mention, which cue governs it (``tense_near``) to place the document before, during or after it.
Texts are searched in their ``lower_view`` (lower case, apostrophes and dashes unified, offsets kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..extract.timeexpr import LANGS, trie_pattern
from . import load_json

_WORD = re.compile(r"\w+")

TENSES = ("future_scheduled", "future", "present", "past")


@dataclass(frozen=True)
class Cue:
    """A tense cue found in the text: its span, its tense and its words."""

    start: int
    end: int
    tense: str
    text: str


_CLASS = re.compile(r"\[([^\]\\^-]+)\]")


def literal_prefixes(rx: str, limit: int = 16) -> set[str]:
    """The literal beginnings every match of a simple regex has: 'pr[ée]vue?s?' -> {'prévu', 'prevu'}
    (simple character classes are expanded; an optional character ends the prefix)."""
    prefixes, i = {""}, 0
    while i < len(rx):
        m = _CLASS.match(rx, i)
        step, chars = (m.end() - i, m.group(1)) if m else (1, rx[i])
        if not m and rx[i] in "\\()|.*+?{^$":
            break
        if i + step < len(rx) and rx[i + step] in "?*{" or len(prefixes) * len(chars) > limit:
            break
        prefixes = {p + c for p in prefixes for c in chars}
        i += step
    return prefixes


@dataclass(frozen=True)
class _CueGrammar:
    trigger: re.Pattern
    cues: dict  # first letter -> ((prefixes, tense, compiled), ...)
    endings: tuple
    exceptions: frozenset


@cache
def _cue_grammar(lang: str | None) -> _CueGrammar:
    words = load_json("time_words.json")
    cues: dict[str, list] = {}
    for tense in TENSES:
        for cue in words["tense_cues"][tense]:
            prefixes = tuple(literal_prefixes(cue))
            if not all(p[:1].isalpha() for p in prefixes):
                raise ValueError(f"tense cue {cue!r} must begin with a letter")
            compiled = re.compile(rf"(?:{cue})(?!(?<=\w)\w)")
            for first in {p[0] for p in prefixes}:
                cues.setdefault(first, []).append((prefixes, tense, compiled))
    every = {p for group in cues.values() for ps, _, _ in group for p in ps}
    morph = words["future_morphology"]
    endings = tuple(e for lg, es in morph.items() if lang in (lg, None) for e in es)
    return _CueGrammar(
        re.compile(rf"\b(?:{trie_pattern(every)})"),
        {k: tuple(v) for k, v in cues.items()},
        endings,
        frozenset(words["future_morphology_exceptions"]),
    )


def find_cues(low: str, lang: str | None, start: int = 0, end: int | None = None) -> list[Cue]:
    """Tense cues in ``low[start:end]`` (a ``lower_view``): future (scheduled or plain), present, past."""
    g = _cue_grammar(lang if lang in LANGS else None)
    end = len(low) if end is None else end
    out: list[Cue] = []
    for t in g.trigger.finditer(low, start, end):
        pos = t.start()
        hits = [
            (m.end(), tense)
            for prefixes, tense, rx in g.cues[low[pos]]
            if any(low.startswith(p, pos) for p in prefixes) and (m := rx.match(low, pos, end))
        ]
        if hits:
            stop, tense = max(hits)
            out.append(Cue(pos, stop, tense, low[pos:stop]))
    if g.endings:
        taken = [(c.start, c.end) for c in out]
        for w in _WORD.finditer(low, start, end):
            word = w.group()
            if (
                len(word) > 3
                and word.endswith(g.endings)
                and word not in g.exceptions
                and not any(a <= w.start() < b for a, b in taken)
            ):
                out.append(Cue(w.start(), w.end(), "future", word))
    return sorted(out, key=lambda c: c.start)


def tense_near(cues: list[Cue], start: int, end: int, sentence: tuple[int, int]) -> Cue | None:
    """The cue that governs a mention at [start, end) in ``sentence``.

    A modifier right next to it wins ("la prochaine COP", "COP 28 prochaine"); otherwise the nearest cue
    before it in the sentence (within 120 characters), else the nearest after it (within 60).
    """
    s0, s1 = sentence
    before = [c for c in cues if s0 <= c.start and c.end <= start]
    after = [c for c in cues if c.start >= end and c.end <= s1]
    if before and start - before[-1].end <= 20:
        return before[-1]
    if after and after[0].start - end <= 2:
        return after[0]
    if before and start - before[-1].end <= 120:
        return before[-1]
    return after[0] if after and after[0].start - end <= 60 else None
