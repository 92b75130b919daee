"""The span of the event a release reports, as its opening paragraphs state it.

A dateline date ("Geneva – 9 November –") is the day a release is issued; the event it reports is
often stated in the first paragraphs, as a span or a pair of days tied to the event ("met in Nairobi
on 8 and 9 November", "celebrado los días 24 y 25 de abril", "organisé les 14 et 15 octobre"), or as a
duration that ends (or starts) on the day of issue ("a two-day meeting that closed today", "cerraron
hoy ... dos días de debate", "ont achevé vendredi deux jours de réunion"). A preview announces its
event for the coming days ("the forum, which opens in Geneva on Wednesday", "réunira le jeudi 16 mai").
``opening_event`` finds any of these, given the day of issue.

A span is taken when it contains the day of issue or ends at most ``NEAR_DAYS`` before it; its year,
when the text gives none, is the one that makes it so. A weekday named alone is placed by the tense of
its sentence: the latest such day on or before the day of issue in the past, the next one in the
future. Words (event nouns, meeting verbs, durations, opening cues, number words, the preview's
look-ahead) come from ``knowledge/data/time_words.json``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..knowledge import load_json
from ..text.normalize import fold
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


def tied_to_event(low: str, sentence: tuple[int, int], near: int | None = None) -> re.Match | None:
    """An event noun or meeting verb in ``sentence`` of ``low`` (a ``lower_view``), if any: the first
    one, or the one nearest offset ``near``."""
    if near is None:
        return event_tie().search(low, *sentence)
    return min(event_tie().finditer(low, *sentence), key=lambda m: abs(m.start() - near), default=None)


def opening_event(ctx, day: dt.date, skip_until: int, day_why: str = "") -> OpeningEvent | None:
    """The event span stated in the opening paragraphs around ``day``, the day of issue.

    ``ctx`` holds ``text``, ``low``, ``lang``, ``bounds`` (sentences), ``exprs`` (time expressions),
    ``mentions`` (dated events named in the text) and ``tense(start, end)`` / ``cues(sentence)``;
    expressions before ``skip_until`` (the dateline) are not looked at. A stated span or pair of days
    wins over a duration, and both over an announced event. ``day_why`` (how the day of issue is
    known) ends the ``why``."""
    limit = opening_limit(ctx.text)
    found = (
        stated_span(ctx, day, skip_until, limit)
        or duration_span(ctx, day, skip_until, limit)
        or preview_span(ctx, day, skip_until, limit)
    )
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
    """A duration in the same sentence as a relative day word ('today', 'hoy', 'ce mardi', 'vendredi'):
    the event ends that day, or starts it when an opening cue ('opened', 'a ouvert', 'inauguró') is in
    the sentence."""
    g = _duration_grammar(ctx.lang if ctx.lang in LANGS else None)
    for a, b, days in find_durations(ctx.low, ctx.lang, skip_until, limit):
        s0, s1 = sentence_at(ctx.bounds, a)
        anchor = _relative_day(ctx, s0, s1, a)
        if anchor is None or not (dates := anchor.anchored(day, lean(ctx, anchor))):
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


def _relative_day(ctx, s0: int, s1: int, near: int):
    """The relative day word ('today', 'ayer', 'ce mardi', 'vendredi') of a sentence nearest ``near``."""
    return min(relative_days(ctx, s0, s1), key=lambda e: abs(e.start - near), default=None)


def relative_days(ctx, start: int, end: int) -> list[TimeExpr]:
    """Relative days ('today', 'ayer') and weekdays ('ce mardi', 'on Friday', 'vendredi' alone) that
    start in [start, end), in text order."""
    found = [e for e in ctx.exprs if start <= e.start < end and e.kind == "relative" and e.unit in _DAYS]
    taken = [(e.start, e.end) for e in ctx.exprs if e.start < end and e.end > start]
    found += [
        w
        for w in bare_weekdays(ctx.text, ctx.low, ctx.lang, start, end)
        if not any(a < w.end and w.start < b for a, b in taken)
    ]
    return sorted(found, key=lambda e: e.start)


_DAYS = ("day", "weekday")
_LEAN = {"past": -1, "future": 1, "future_scheduled": 1}


def lean(ctx, e: TimeExpr) -> int:
    """How a weekday named without 'next' or 'last' is placed (``TimeExpr.anchored``): -1 when its
    sentence speaks of the past, +1 of the future, 0 (the nearest such day) when it says neither."""
    if e.unit != "weekday":
        return 0
    cue = ctx.tense(e.start, e.end)
    return _LEAN.get(cue.tense, 0) if cue else 0


# --- weekdays named alone: 'ont achevé vendredi', 'said Tuesday', 'el viernes' ---------------------


@dataclass(frozen=True)
class _BareWeekdays:
    rx: re.Pattern
    forms: dict  # folded form -> (weekday, needs a capital)
    not_after: tuple
    not_before: tuple


@cache
def _bare_grammar(lang: str | None) -> _BareWeekdays:
    words = load_json("time_words.json")
    spec = words["bare_weekdays"]
    forms = {}
    for lg in (lang,) if lang in LANGS else LANGS:
        for name, wd in words["weekdays"][lg].items():
            for template in spec["templates"][lg]:
                forms[template.format(wd=name)] = (wd, lg in spec["capitalized_languages"])
    return _BareWeekdays(
        re.compile(word_pattern(forms)),
        {fold(k): v for k, v in forms.items()},
        tuple(fold(w) for w in spec["not_after"]),
        tuple(fold(w) for w in spec["not_before"]),
    )


def bare_weekdays(text: str, low: str, lang: str | None, start: int, end: int) -> list[TimeExpr]:
    """Weekdays named alone in ``text[start:end]`` ('a déclaré vendredi', 'said Friday', 'el viernes'):
    relative expressions with no direction, placed later by the tense of their sentence (``lean`` of
    ``TimeExpr.anchored``). Kept out of ``parse_expression``: alone, a weekday is too weak a date for
    a dateline or a 'published' line."""
    g = _bare_grammar(lang if lang in LANGS else None)
    out = []
    for m in g.rx.finditer(low, start, end):
        a, b = m.span()
        found = g.forms.get(fold(m.group()))
        if found is None or not _whole_word(low, a, b):
            continue
        weekday, capital = found
        if capital and not text[a].isupper():
            continue
        before = fold(low[max(0, a - 12) : a]).rstrip()
        after = fold(low[b : b + 12]).lstrip()
        if any(before.endswith(w) for w in g.not_after) or any(after.startswith(w) for w in g.not_before):
            continue
        out.append(TimeExpr(a, b, text[a:b], "relative", weekday=weekday, unit="weekday"))
    return out


def _whole_word(low: str, a: int, b: int) -> bool:
    return (a == 0 or not low[a - 1].isalnum()) and (b >= len(low) or not low[b].isalnum())


# --- previews: 'the forum, which opens in Geneva on Wednesday' ------------------------------------


@dataclass(frozen=True)
class _Announced:
    start: int
    first: dt.date
    last: dt.date
    what: str
    tie: str


@cache
def _preview() -> tuple[int, re.Pattern]:
    data = load_json("time_words.json")["preview"]
    return data["max_days_ahead"], re.compile(rf"(?<!\w)(?:{word_pattern(data['present_cues'])})(?!\w)")


def preview_span(ctx, day: dt.date, skip_until: int, limit: int) -> OpeningEvent | None:
    """The event a preview announces: the lead (first sentence) speaks of the future ('will',
    'réunira', 'se celebrará') or of an opening ('opens', 's'ouvre', 'comienza'), reports nothing done
    today or yesterday, and the opening paragraphs tie
    a date, a span or a weekday to an event noun or meeting verb, or name a dated event, that starts
    at most ``preview.max_days_ahead`` days after ``day``. The first such one is taken, widened to a
    span that starts the same day ('on Wednesday' ... 'the Dec 13-15 meeting')."""
    lead = lead_sentence(ctx, skip_until)
    future = _announcing(ctx, lead)
    if future is None or _reports_a_past_day(ctx, lead):
        return None
    found = _announced(ctx, day, skip_until, limit)
    if not found:
        return None
    pick = found[0]
    pick = max((c for c in found if c.first == pick.first), key=lambda c: c.last)
    ahead = (pick.first - day).days
    why = (
        f"{pick.what} announced in the opening paragraphs (the lead looks ahead: '{future}'), "
        f"tied to the event by '{pick.tie}', starts {ahead} day{'s' * (ahead > 1)} after the day of issue"
    )
    return OpeningEvent(pick.first, pick.last, why)


def lead_sentence(ctx, skip_until: int) -> tuple[int, int]:
    """The first sentence with words after ``skip_until`` (the dateline)."""
    i = ctx.bounds.index(sentence_at(ctx.bounds, skip_until))
    for s0, s1 in ctx.bounds[i:]:
        if any(c.isalpha() for c in ctx.text[max(s0, skip_until) : s1]):
            return max(s0, skip_until), s1
    return skip_until, skip_until


def _announcing(ctx, at: tuple[int, int]) -> str | None:
    """The words by which the sentence at ``at`` looks ahead: a future tense cue, or a present-tense
    opening ('opens on Wednesday', 's'ouvre mercredi', 'comienza el miércoles')."""
    sentence = sentence_at(ctx.bounds, at[0])
    cue = next((c for c in ctx.cues(sentence) if c.tense in ("future", "future_scheduled")), None)
    if cue is not None:
        return ctx.text[cue.start : cue.end]
    m = _preview()[1].search(ctx.low, *sentence)
    return ctx.text[m.start() : m.end()] if m else None


def _reports_a_past_day(ctx, lead: tuple[int, int]) -> bool:
    """'today', 'hier', 'ce matin' in the lead: the article reports what happened on the day."""
    return any(
        e.kind == "relative" and e.unit == "day" and e.offset <= 0
        for e in ctx.exprs
        if lead[0] <= e.start < lead[1]
    )


def _announced(ctx, day: dt.date, skip_until: int, limit: int) -> list[_Announced]:
    """Dated things starting soon after ``day`` in the opening paragraphs, in text order."""
    ahead, longest = _preview()[0], _durations()["max_days"]

    def soon(first, last):
        return 0 < (first - day).days <= ahead and (last - first).days < longest

    out = []
    dated = [e for e in ctx.exprs if skip_until <= e.start < limit and e.kind != "relative" and e.day]
    for e in sorted([*dated, *relative_days(ctx, skip_until, limit)], key=lambda e: e.start):
        sentence = sentence_at(ctx.bounds, e.start)
        if e.kind == "relative" and _announcing(ctx, sentence) is None:
            continue  # a weekday alone is ahead only in a sentence that says so
        span = e.anchored(day, 1 if e.kind == "relative" else 0)
        tie = span and soon(*span) and tied_to_event(ctx.low, sentence, e.start)
        if tie:
            out.append(_Announced(e.start, *span, f"'{e.text}'", ctx.text[tie.start() : tie.end()]))
    for m in getattr(ctx, "mentions", ()):
        f = m.fact
        if (
            skip_until <= m.start < limit
            and m.mode == "event"
            and not f.approx
            and soon(f.start, f.end or f.start)
        ):
            what = f"'{ctx.text[m.start : m.end]}' ({f.label}, {f.start}..{f.end or f.start})"
            out.append(_Announced(m.start, f.start, f.end or f.start, what, ctx.text[m.start : m.end]))
    return sorted(out, key=lambda c: c.start)
