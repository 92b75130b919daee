"""Offsets from dated things: "un año después de que los Estados adoptaran la Declaración sobre los
Progresos", "one year after the first IMRF", "deux ans après l'adoption du Pacte".

Such a phrase puts the document about that long after (or before) the dated thing it names, give or
take a few months for years (``tolerance_days`` per unit). The dated thing is the first one named after
the phrase in the same sentence: a GCM milestone, a numbered session or conference, or a date with a
year ("en mayo de 2022"). Cue words, units and number words are data (``time_words.json``:
``offsets``, ``numbers``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..knowledge import load_json
from .timeexpr import LANGS, TimeExpr, sentence_at, variants, word_pattern


@dataclass(frozen=True)
class Offset:
    """A window for the document's date from an offset phrase, and what it rests on."""

    lo: dt.date
    hi: dt.date
    label: str


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    first: dt.date
    last: dt.date
    what: str


@dataclass(frozen=True)
class _OffsetGrammar:
    rx: re.Pattern
    numbers: dict
    units: dict  # unit word -> (unit, days, tolerance in days)
    before: frozenset
    within: int


@cache
def _grammar(lang: str | None) -> _OffsetGrammar:
    words = load_json("time_words.json")
    data = words["offsets"]
    langs = (lang,) if lang in LANGS else LANGS
    numbers = {k: v for lg in langs for k, v in words["numbers"][lg].items()}
    units = {w: (k, u["days"], u["tolerance_days"]) for k, u in data["units"].items() for w in u["words"]}
    rx = (
        rf"(?<![\w,.])(?P<n>\d{{1,2}}|{word_pattern(numbers)})\s+(?P<unit>{word_pattern(units)})\s+"
        rf"(?P<dir>{word_pattern([*data['after'], *data['before']])})(?!\w)(?!\s*[,;:.)])"
    )
    return _OffsetGrammar(
        re.compile(rx),
        {v: n for k, n in numbers.items() for v in variants(k)},
        {v: spec for k, spec in units.items() for v in variants(k)},
        frozenset(v for w in data["before"] for v in variants(w)),
        data["anchor_within"],
    )


def offset_windows(ctx, mentions, lang: str | None) -> list[Offset]:
    """Windows for the document's date from each offset phrase with a dated thing after it.

    ``ctx`` holds ``text``, ``low``, ``bounds`` and ``exprs``; ``mentions`` are
    ``knowledge.timeline.Mention`` objects (milestones, sessions) found in ``ctx.low``."""
    g = _grammar(lang if lang in LANGS else None)
    out = []
    for m in g.rx.finditer(ctx.low):
        n = int(m.group("n")) if m.group("n").isdigit() else g.numbers.get(m.group("n"))
        spec = g.units.get(m.group("unit"))
        if not n or spec is None:
            continue
        s1 = sentence_at(ctx.bounds, m.start())[1]
        anchor = _first_anchor(ctx, mentions, m.end(), min(s1, m.end() + g.within))
        if anchor is None:
            continue
        unit, days, tolerance = spec
        sign = -1 if m.group("dir") in g.before else 1
        shift = dt.timedelta(days=round(sign * n * days))
        slack = dt.timedelta(days=tolerance)
        said = ctx.text[m.start() : m.end()]
        how = f"about {n} {unit}{'s' * (n > 1)} {'before' if sign < 0 else 'after'} it"
        label = f"'{said}' followed by {anchor.what}: {how}"
        out.append(Offset(anchor.first + shift - slack, anchor.last + shift + slack, label))
    return out


def _first_anchor(ctx, mentions, start: int, end: int) -> _Anchor | None:
    """The first dated thing named in [start, end): a milestone or session mention, or a date with a year."""
    found = [_mention_anchor(ctx, m) for m in mentions if start <= m.start < end]
    found += [a for e in ctx.exprs if start <= e.start < end and (a := _expr_anchor(e))]
    return min(found, key=lambda a: a.start, default=None)


def _mention_anchor(ctx, m) -> _Anchor:
    """A milestone or session as an anchor: its days, or the day texts count from (``counted_from``)."""
    first = m.fact.counted_from or m.fact.start
    last = m.fact.counted_from or m.fact.end or m.fact.start
    when = f"counted from {first}" if m.fact.counted_from else str(first)
    return _Anchor(m.start, m.end, first, last, f"'{ctx.text[m.start : m.end]}' = {m.fact.label} ({when})")


def _expr_anchor(e: TimeExpr) -> _Anchor | None:
    if e.kind != "absolute" or not (span := e.dates()):
        return None
    return _Anchor(e.start, e.end, span[0], span[1], f"'{e.text}'")
