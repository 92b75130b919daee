"""The span of the event a release reports, as its opening paragraphs state it.

A dateline date ("Geneva – 9 November –") is the day a release is issued; the event it reports is
often stated in the first paragraphs, as a span or a pair of days tied to the event ("met in Nairobi
on 8 and 9 November", "celebrado los días 24 y 25 de abril", "organisé les 14 et 15 octobre"), or as a
duration that ends (or starts) on the day of issue ("a two-day meeting that closed today", "cerraron
hoy ... dos días de debate"). ``opening_event`` finds either, given the day of issue.

A span is taken when it contains the day of issue or ends at most ``NEAR_DAYS`` before it; its year,
when the text gives none, is the one that makes it so. Words (event nouns, meeting verbs, durations,
opening cues, number words) come from ``knowledge/data/time_words.json``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..knowledge import load_json
from .timeexpr import LANGS, TimeExpr, sentence_at, variants, word_pattern

NEAR_DAYS = 7  # a span ending this many days before the day of issue is still the reported event
OPENING_PARAGRAPHS = 2
OPENING_MAX_CHARS = 2000


@dataclass(frozen=True)
class OpeningEvent:
    """The event's first and last day, and the evidence for them (for ``why``)."""

    first: dt.date
    last: dt.date
    why: str


def opening_limit(text: str, paragraphs: int = OPENING_PARAGRAPHS) -> int:
    """End offset of the first ``paragraphs`` non-empty lines of ``text`` (at most OPENING_MAX_CHARS)."""
    pos, seen = 0, 0
    while pos < len(text) and seen < paragraphs:
        cut = text.find("\n", pos)
        cut = len(text) if cut < 0 else cut
        seen += bool(text[pos:cut].strip())
        pos = cut + 1
    return min(pos, len(text), OPENING_MAX_CHARS)


@cache
def event_tie() -> re.Pattern:
    """Event nouns ('dialogue', 'taller') and meeting verbs ('met', 'se reunieron', 'organisé'):
    a date in the same sentence is the date of an event."""
    words = load_json("time_words.json")
    return re.compile(rf"(?<!\w)(?:{word_pattern([*words['event_nouns'], *words['meeting_verbs']])})s?(?!\w)")


def tied_to_event(low: str, sentence: tuple[int, int]) -> re.Match | None:
    """The first event noun or meeting verb in ``sentence`` of ``low`` (a ``lower_view``), if any."""
    return event_tie().search(low, *sentence)


def opening_event(ctx, day: dt.date, skip_until: int, day_why: str = "") -> OpeningEvent | None:
    """The event span stated in the opening paragraphs around ``day``, the day of issue.

    ``ctx`` holds ``text``, ``low``, ``lang``, ``bounds`` (sentences) and ``exprs`` (time expressions);
    expressions before ``skip_until`` (the dateline) are not looked at. A stated span or pair of days
    wins over a duration. ``day_why`` (how the day of issue is known) ends the ``why``."""
    limit = opening_limit(ctx.text)
    found = stated_span(ctx, day, skip_until, limit) or duration_span(ctx, day, skip_until, limit)
    if found is None or not day_why:
        return found
    return OpeningEvent(found.first, found.last, f"{found.why}, {day_why}")


def stated_span(ctx, day: dt.date, skip_until: int, limit: int) -> OpeningEvent | None:
    """A span or pair of days tied to the event that contains ``day`` or ends shortly before it."""
    for e in ctx.exprs:
        if e.start >= limit:
            break
        if e.start < skip_until or not e.is_span or e.kind == "relative":
            continue
        span = fit_span(e, day)
        tie = span and tied_to_event(ctx.low, sentence_at(ctx.bounds, e.start))
        if span and tie:
            where = "contains" if span[0] <= day <= span[1] else "ends shortly before"
            tied = ctx.text[tie.start() : tie.end()]
            why = f"'{e.text}' in the opening paragraphs, tied to the event by '{tied}', {where} the day"
            why += " of issue"
            return OpeningEvent(span[0], span[1], why)
    return None


def fit_span(e: TimeExpr, day: dt.date) -> tuple[dt.date, dt.date] | None:
    """The dates of ``e`` in the year (its own, else ``day``'s or the one before) where it contains
    ``day`` or ends at most NEAR_DAYS before it, and lasts at most ``max_days``."""
    for year in (e.year,) if e.year else (day.year, day.year - 1):
        span = e.dates(year)
        if (
            span
            and span[0] <= day
            and span[1] >= day - dt.timedelta(days=NEAR_DAYS)
            and (span[1] - span[0]).days < _durations()["max_days"]
        ):
            return span
    return None


# --- durations: 'a two-day meeting that closed today' ----------------------------------------------


@dataclass(frozen=True)
class _DurationGrammar:
    rx: re.Pattern
    numbers: dict
    units: dict
    not_after: tuple
    not_before: tuple
    opening: re.Pattern


@cache
def _durations() -> dict:
    return load_json("time_words.json")["durations"]


@cache
def _duration_grammar(lang: str | None) -> _DurationGrammar:
    words = load_json("time_words.json")
    d = _durations()
    langs = (lang,) if lang in LANGS else LANGS
    numbers = {k: v for lg in langs for k, v in words["numbers"][lg].items()}
    units = {u: int(days) for days, us in d["units"].items() for u in us}
    num = rf"\d{{1,2}}|{word_pattern(numbers)}"
    rx = (
        rf"(?<!\w)(?:(?P<lead>{word_pattern(d['lead_words'])})\s*)?(?<![\w,.])(?P<n>{num})(?P<sep>\s+|-)"
        rf"(?P<unit>{word_pattern(units)})(?!\w)(?P<tail>\s+(?:{word_pattern(d['tail_words'])})(?!\w))?"
    )
    return _DurationGrammar(
        re.compile(rx),
        {k2: v for k, v in numbers.items() for k2 in variants(k)},
        {k2: v for k, v in units.items() for k2 in variants(k)},
        tuple(_folds_all(d["not_after"])),
        tuple(_folds_all(d["not_before"])),
        re.compile(rf"(?<!\w)(?:{word_pattern(words['opening_cues'])})(?!\w)"),
    )


def _folds_all(words) -> set[str]:
    return {v for w in words for v in variants(w)}


def find_durations(low: str, lang: str | None, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, days) of each duration in ``low[start:end]``: 'two-day', 'de deux jours',
    'dos días de', 'for three days'. Offsets ('two days after'), 'il y a deux jours' and 'in two days'
    are not durations."""
    g = _duration_grammar(lang if lang in LANGS else None)
    out = []
    for m in g.rx.finditer(low, start, end):
        if not (m.group("lead") or m.group("tail") or m.group("sep") == "-"):
            continue
        n_at = m.start("n")
        before = low[max(0, n_at - 12) : n_at].rstrip()
        after = low[m.end("unit") : m.end("unit") + 14].lstrip()
        if any(before.endswith(w) and _word_edge(before, w) for w in g.not_after):
            continue
        if any(after.startswith(w) for w in g.not_before):
            continue
        n = int(m.group("n")) if m.group("n").isdigit() else g.numbers.get(m.group("n"))
        days = (n or 0) * g.units.get(m.group("unit"), 0)
        if 0 < days < _durations()["max_days"]:
            out.append((m.start(), m.end(), days))
    return out


def _word_edge(before: str, word: str) -> bool:
    i = len(before) - len(word)
    return i == 0 or not before[i - 1].isalnum()


def duration_span(ctx, day: dt.date, skip_until: int, limit: int) -> OpeningEvent | None:
    """A duration in the same sentence as a relative day word ('today', 'hoy', 'ce mardi'): the event
    ends that day, or starts it when an opening cue ('opened', 's'ouvre', 'inauguró') is in the sentence."""
    g = _duration_grammar(ctx.lang if ctx.lang in LANGS else None)
    for a, b, days in find_durations(ctx.low, ctx.lang, skip_until, limit):
        s0, s1 = sentence_at(ctx.bounds, a)
        anchor = _relative_day(ctx.exprs, s0, s1, a)
        if anchor is None or not (dates := anchor.anchored(day)):
            continue
        said = ctx.text[a:b].strip()
        opening = g.opening.search(ctx.low, s0, s1)
        if opening:
            first, last = dates[0], dates[0] + dt.timedelta(days=days - 1)
            how = f"starts on '{anchor.text}' ('{ctx.text[opening.start() : opening.end()]}')"
        else:
            first, last = dates[0] - dt.timedelta(days=days - 1), dates[0]
            how = f"ends on '{anchor.text}'"
        why = (
            f"the duration '{said}' in the opening paragraphs {how} ({dates[0]}), seen from the day of issue"
        )
        return OpeningEvent(first, last, why)
    return None


def _relative_day(exprs, s0: int, s1: int, near: int):
    """The relative day word ('today', 'ayer', 'ce mardi') of a sentence nearest offset ``near``."""
    found = [e for e in exprs if s0 <= e.start < s1 and e.kind == "relative" and e.unit in ("day", "weekday")]
    return min(found, key=lambda e: abs(e.start - near), default=None)
