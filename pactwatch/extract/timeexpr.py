"""Time expressions in French, English and Spanish: find them in a text and turn them into dates.

``parse_expression`` finds absolute dates ("le 3 mai 2022", "March 12, 2024"), partial ones with no
year ("du 28 au 30 novembre", "jeudi (21/03)") and relative ones ("aujourd'hui", "last week",
"lundi prochain"), each with its offsets, parts and kind. It never invents a year: a partial date
stays partial until the caller infers the year (see ``pactwatch.extract.dates``).

Patterns are built from ``knowledge/data/time_words.json`` and run over a lower-cased view of the
text that keeps offsets (``lower_view``). Word lists compile to trie-shaped regexes that start with a
plain character, so the regex engine skips most of the text; no dateparser call is made.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from ..knowledge import load_json
from ..text.normalize import fold, strip_accents

_ODD = dict(
    zip(
        "\u2019\u2018\u02bc`\u00b4\u00a0\u202f\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
        "'''''  -------",
        strict=True,
    )
)
_ODD_RX = re.compile("[" + "".join(_ODD) + "]")
_DAY = r"\d\d?"
_ORDINAL = r"(?:er|re|st|nd|rd|th|º|°|\.º|ª)?"
_BLOCKED = re.compile(r"\+\d[\d\s().\-/]{6,}\d|00\d[\d\s().\-/]{6,}\d|@[\w.-]+|https?://\S+|www\.\S+")
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)\n*|[.!?…]*[»\"”’)]?\s+(?=[«\"“(]?[A-ZÀ-ÝÑ0-9¿¡]))")
_YEAR4 = re.compile(r"(?:19|20)\d\d")


def lower_view(text: str) -> str:
    """Lower-case ``text`` with apostrophes, dashes and odd spaces unified, keeping every offset."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _ODD_RX.sub(lambda m: _ODD[m.group()], low)


def variants(phrase: str) -> set[str]:
    """The lower-case forms a phrase is looked for in: as written and without accents."""
    low = lower_view(phrase)
    return {low, fold(low)}


def trie_pattern(words) -> str:
    """A regex matching any of ``words`` (literal strings), shaped as a trie so it runs fast."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_rx(trie)


def _trie_rx(node: dict) -> str:
    alts = [re.escape(ch) + _trie_rx(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def word_pattern(phrases) -> str:
    """Trie regex for phrases in all their accent variants (see ``variants``)."""
    return trie_pattern({v for p in phrases for v in variants(p)})


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (split at . ! ? before a capital, and at line breaks; not after an
    honorific or an initial: 'M. Dennis Francis', 'Amina J. Mohammed')."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == "." and _abbreviation_before(text, m.start()):
            continue
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, len(text)))
    return spans


@cache
def _abbreviations() -> frozenset:
    return frozenset(w for a in load_json("time_words.json")["abbreviations"] for w in (a, strip_accents(a)))


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the word before the full stop at ``dot`` is an initial or an honorific ('M.', 'Dr.')."""
    i = dot
    while i > 0 and text[i - 1].isalpha() and dot - i < 5:
        i -= 1
    word = text[i:dot]
    if not word or (i > 0 and (text[i - 1].isalnum() or text[i - 1] == ".")):
        return False
    return (len(word) == 1 and word.isupper()) or word in _abbreviations()


def sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span holding offset ``pos``."""
    i = bisect.bisect_right(bounds, (pos, float("inf"))) - 1
    return bounds[max(i, 0)]


def _word_start(low: str, i: int) -> bool:
    return i == 0 or not low[i - 1].isalnum()


def _word_end(low: str, i: int) -> bool:
    return i >= len(low) or not low[i].isalnum() or not low[i - 1].isalnum()


@dataclass(frozen=True)
class TimeExpr:
    """One time expression: where it is, what it says, and of which kind.

    ``kind`` is "absolute" (has a year), "partial" (day/month without a year) or "relative" (to be
    anchored: ``unit`` day/week/month/year with ``offset`` units, or weekday with ``offset`` the
    direction -1 last / 0 this / +1 next). ``until`` is the last day of a range as (day, month, year).
    """

    start: int
    end: int
    text: str
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    until: tuple[int | None, int | None, int | None] | None = None
    weekday: int | None = None
    unit: str | None = None
    offset: int = 0

    @property
    def is_span(self) -> bool:
        """True for a range ("du 28 au 30 novembre")."""
        return self.until is not None

    def dates(self, year: int | None = None) -> tuple[dt.date, dt.date] | None:
        """First and last day of this (absolute or partial) expression, ``year`` supplied if missing.

        None when it has no date in that year (29 February, or a weekday that does not fit)."""
        year = self.year or year
        if year is None or self.kind == "relative":
            return None
        try:
            if self.month is None:
                return dt.date(year, 1, 1), dt.date(year, 12, 31)
            if self.day is None:
                return dt.date(year, self.month, 1), dt.date(year, self.month, _last_day(year, self.month))
            first = dt.date(year, self.month, self.day)
            if self.weekday is not None and first.weekday() != self.weekday and self.until is None:
                return None
            if self.until is None:
                return first, first
            d2, m2, y2 = self.until
            m2 = m2 or self.month
            y2 = y2 or (year + 1 if m2 < self.month else year)
            last = dt.date(y2, m2, d2 or 1)
        except ValueError:
            return None
        return (first, last) if last >= first else None

    def anchored(self, anchor: dt.date, lean: int = 0) -> tuple[dt.date, dt.date] | None:
        """Dates of a relative expression seen from ``anchor``; of a partial one, its nearest year.

        ``lean`` places a weekday named without 'next'/'last' ('vendredi', 'on Friday', 'ce mardi'):
        -1 the latest such day on or before ``anchor`` (a past tense), +1 the first on or after it (a
        future tense), 0 the nearest one (within three days either way)."""
        if self.kind == "absolute":
            return self.dates()
        if self.kind == "partial":
            spans = [s for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (s := self.dates(y))]
            return min(spans, key=lambda s: abs((s[0] - anchor).days), default=None)
        return _relative_dates(self.unit, self.offset, self.weekday, anchor, lean)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _relative_dates(unit, offset, weekday, anchor: dt.date, lean: int = 0) -> tuple[dt.date, dt.date] | None:
    if unit == "day":
        day = anchor + dt.timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + offset, 12)
        return dt.date(y, m + 1, 1), dt.date(y, m + 1, _last_day(y, m + 1))
    if unit == "year":
        return dt.date(anchor.year + offset, 1, 1), dt.date(anchor.year + offset, 12, 31)
    if unit == "weekday" and weekday is not None:
        delta = weekday - anchor.weekday()
        if offset > 0:
            delta = delta % 7 or 7
        elif offset < 0:
            delta = -((-delta) % 7 or 7)
        elif lean:
            delta = delta % 7 if lean > 0 else -((-delta) % 7)
        elif abs(delta) > 3:
            delta -= 7 if delta > 0 else -7
        day = anchor + dt.timedelta(days=delta)
        return day, day
    return None


# --- grammar -----------------------------------------------------------------------------------

LANGS = ("fr", "en", "es")


@dataclass(frozen=True)
class _Grammar:
    month_word: re.Pattern
    digit_first: dict
    month_first: tuple[tuple[str, re.Pattern], ...]
    month_prep_tail: re.Pattern
    year_prep_tail: re.Pattern
    opener_tail: re.Pattern
    weekday_tail: re.Pattern
    relative: re.Pattern | None
    relative_entries: dict
    months: dict
    weekdays: dict
    capitalized: frozenset
    ambiguous: frozenset


@cache
def _grammar(lang: str | None) -> _Grammar:
    words = load_json("time_words.json")
    langs = (lang,) if lang in LANGS else LANGS
    names = {k: v for lg in LANGS for k, v in words["months"][lg].items()}
    names |= {k: v for lg in {*langs, "en"} for k, v in words["month_abbreviations"][lg].items()}
    months = {fold(k).rstrip("."): v for k, v in names.items()}
    weekdays = {fold(k): v for lg in LANGS for k, v in words["weekdays"][lg].items()}

    def month_words(languages):
        return {
            fold(k).rstrip(".")
            for lg in languages
            for t in ("months", "month_abbreviations")
            for k in words[t][lg]
        }

    lower_case_langs = [lg for lg in langs if lg not in words["capitalized_month_languages"]]
    capitalized = frozenset(month_words(words["capitalized_month_languages"]) - month_words(lower_case_langs))
    month_rx = word_pattern(names)
    entries = _relative_entries(words, langs)

    def tail(phrases):
        return re.compile(rf"(?<!\w)(?:{word_pattern(phrases)})[\s-]+(?:(?:de|of)\s+)?$")

    return _Grammar(
        re.compile(month_rx),
        _digit_first(words, month_rx),
        _month_first(month_rx),
        tail(words["month_prepositions"]),
        tail(words["year_prepositions"]),
        re.compile(rf"(?<!\w)(?:{word_pattern(words['range_openers'])})\s+$"),
        re.compile(rf"(?<!\w)(?P<wd>{word_pattern(weekdays)})\s*,?\s*(?:(?:le|the|el)\s+)?\(?\s*$"),
        re.compile(word_pattern(entries)) if entries else None,
        {fold(k): v for k, v in entries.items()},
        months,
        weekdays,
        capitalized,
        frozenset(words["ambiguous_months"]),
    )


def _digit_first(words: dict, month_rx: str) -> dict:
    def day(g):
        return rf"(?P<{g}>{_DAY}){_ORDINAL}(?!\d)"

    def month(g):
        return rf"(?P<{g}>{month_rx})(?!\w)"

    def year_tail(g):
        return rf"(?:\s*,?\s*(?:de\s+|del\s+)?(?P<{g}>(?:19|20)\d\d)(?![\d,.]\d))?"

    of = r"\s+(?:de\s+|of\s+(?:the\s+)?)?"
    conn = rf"(?P<conn>\s*[-/&]\s*|\s+(?:{word_pattern(words['range_connectors'])})\s+)"
    specs = {
        "range_dm": rf"{day('d1')}(?P<list>(?:\s*,\s*{_DAY}{_ORDINAL}(?!\d))*)"
        rf"(?:{of}{month('m1')}{year_tail('y1')})?{conn}(?:(?:le|the|el)\s+)?"
        rf"{day('d2')}{of}{month('m2')}{year_tail('y2')}",
        "single_dm": rf"{day('d1')}{of}{month('m1')}{year_tail('y1')}",
        "num_range": r"(?P<d1>\d\d?)\s*-\s*(?P<d2>\d\d?)\s*/\s*(?P<mn>\d\d?)"
        r"(?:\s*/\s*(?P<yn>(?:19|20)?\d\d))?(?![\d/])",
        "num": r"(?P<d1>\d\d?)(?P<sep>[/.])(?P<mn>\d\d?)"
        r"(?:(?P=sep)(?P<yn>(?:19|20)\d\d|\d\d))?(?![\d/]|\.\d)",
        "iso": r"(?P<yn>(?:19|20)\d\d)-(?P<mn>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])(?!\d)",
    }
    return {name: re.compile(rx) for name, rx in specs.items()}


def _month_first(month_rx: str) -> tuple[tuple[str, re.Pattern], ...]:
    m = rf"(?:{month_rx})(?!\w)"
    year = r"(?:19|20)\d\d(?![\d,.]\d)"
    day = rf"{_DAY}{_ORDINAL}(?!\d)"
    specs = {
        "range_md": rf"(?P<m1>{m})\s+(?P<d1>{day})(?:\s*,?\s*(?P<y1>{year}))?"
        rf"(?P<conn>\s*-\s*|\s+(?:to|until|till|through|thru|and)\s+)(?:(?P<m2>{m})\s+)?(?P<d2>{day})"
        rf"(?:\s*,?\s*(?P<y2>{year}))?",
        "single_md": rf"(?P<m1>{m})\s+(?P<d1>{day})(?!\s*[-:]\s*\d)"
        rf"(?:\s*,\s*(?P<y1>{year})|\s+(?P<y1b>{year}))?",
        "month_year": rf"(?P<m1>{m})\s*,?\s+(?:de\s+|del\s+|of\s+)?(?P<y1>{year})",
    }
    return tuple((name, re.compile(rx)) for name, rx in specs.items())


def _relative_entries(words: dict, langs: tuple[str, ...]) -> dict:
    entries = {}
    for e in words["relative"]:
        if e["lang"] in langs:
            guards = {k: tuple(fold(w) for w in e[k]) for k in ("not_after", "not_before") if k in e}
            entries[e["phrase"]] = {"unit": e["unit"], "offset": e["offset"], **guards}
    for t in words["weekday_relative"]:
        if t["lang"] in langs:
            for name, wd in words["weekdays"][t["lang"]].items():
                entry = {"unit": "weekday", "offset": t["direction"], "weekday": wd}
                entries[t["template"].format(wd=name)] = entry
    return entries


# --- parsing -----------------------------------------------------------------------------------


def parse_expression(text: str, lang: str | None) -> list[TimeExpr]:
    """Every time expression in ``text`` (lang "fr"/"en"/"es"; others try all three), in text order.

    Phone numbers, e-mail addresses and URLs are skipped; figures ("28 pays") and bare years used as
    numbers are not dates; English month names must be capitalised ("May", not the verb "may"), and
    ambiguous month words (may, mars, mayo) need a day or a year next to them.
    """
    return parse_view(text, lower_view(text), lang)


def parse_view(text: str, low: str, lang: str | None) -> list[TimeExpr]:
    """``parse_expression`` on a precomputed ``lower_view(text)`` (for callers that hold one)."""
    g = _grammar(lang if lang in LANGS else None)
    found = _at_digits(text, low, g)
    for mm in g.month_word.finditer(low):
        if _word_start(low, mm.start()) and _word_end(low, mm.end()):
            found.extend(_at_month(mm, text, low, g))
    for y in _YEAR4.finditer(low):
        if (e := _year_only(y, text, low, g)) is not None:
            found.append(e)
    if g.relative is not None:
        found.extend(e for m in g.relative.finditer(low) if (e := _relative(m, text, low, g)))
    blocked = [m.span() for m in _BLOCKED.finditer(low)] if ("+" in low or "@" in low or "www" in low) else []
    found = [e for e in found if not any(s < e.end and e.start < t for s, t in blocked)]
    return _attach_weekdays(_select(found), text, low, g)


_DIGITS = re.compile(r"[0-9]+")
_AFTER_DAY = {
    " ": ("range_dm", "single_dm"),
    "-": ("range_dm", "num_range"),
    "/": ("range_dm", "num_range", "num"),
    ".": ("num",),
    "&": ("range_dm",),
    ",": ("range_dm",),
}


def _at_digits(text: str, low: str, g: _Grammar) -> list[TimeExpr]:
    """Day-first and numeric expressions, tried only where a number of one or two digits (or a year
    followed by '-') starts: '28 au 30 novembre', '12-14 March', '(20-22/03)', '2024-03-21'."""
    out = []
    for d in _DIGITS.finditer(low):
        a, b = d.span()
        if a and (low[a - 1].isdigit() or low[a - 1] in ",.+/-"):
            continue
        nxt = low[b : b + 1]
        if b - a == 4:
            names = ("iso",) if nxt == "-" else ()
        elif b - a <= 2:
            ordinal = nxt.isalpha() or nxt in "º°ª\n" or low.startswith(".º", b)
            names = ("range_dm", "single_dm") if ordinal else _AFTER_DAY.get(nxt, ())
        else:
            continue
        for name in names:
            m = g.digit_first[name].match(low, a)
            if m and (e := _build(name, m, text, low, g)):
                out.append(e)
                break
    return out


def _select(found: list[TimeExpr]) -> list[TimeExpr]:
    """Non-overlapping expressions, the longest first at each position."""
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept, last_end = [], -1
    for e in found:
        if e.start >= last_end:
            kept.append(e)
            last_end = e.end
    return kept


def _int(m: re.Match, *groups: str) -> int | None:
    for grp in groups:
        if grp in m.re.groupindex and m.group(grp):
            return int(re.match(r"\d+", m.group(grp)).group())
    return None


def _month(m: re.Match, grp: str, text: str, g: _Grammar) -> int | None:
    """Month number of group ``grp``; None when absent; -1 when it is not a month here."""
    if grp not in m.re.groupindex or m.group(grp) is None:
        return None
    key = fold(m.group(grp)).rstrip(".")
    if key in g.capitalized and not text[m.start(grp)].isupper():
        return -1
    return g.months.get(key, -1)


def _at_month(mm: re.Match, text: str, low: str, g: _Grammar) -> list[TimeExpr]:
    """Month-first expressions at a month word ('March 12, 2024', 'novembre 2023', 'en juin')."""
    out = []
    for name, rx in g.month_first:
        m = rx.match(low, mm.start())
        if m and (e := _build(name, m, text, low, g)):
            out.append(e)
    key = fold(mm.group()).rstrip(".")
    if key in g.ambiguous or (key in g.capitalized and not text[mm.start()].isupper()):
        return out
    prep = g.month_prep_tail.search(low, max(0, mm.start() - 32), mm.start())
    if prep and not _NUMBER_NEXT.match(low, mm.end()):
        out.append(
            TimeExpr(prep.start(), mm.end(), text[prep.start() : mm.end()], "partial", None, g.months[key])
        )
    return out


def _year_only(y: re.Match, text: str, low: str, g: _Grammar) -> TimeExpr | None:
    """'en 2018', 'since 2019', 'desde 2020': a year after a preposition (never a bare number)."""
    if not (_word_start(low, y.start()) and _word_end(low, y.end())) or _PERCENT.match(low, y.end()):
        return None
    prep = g.year_prep_tail.search(low, max(0, y.start() - 28), y.start())
    if prep is None:
        return None
    return TimeExpr(prep.start(), y.end(), text[prep.start() : y.end()], "absolute", year=int(y.group()))


def _build(name: str, m: re.Match, text: str, low: str, g: _Grammar) -> TimeExpr | None:
    if m.start() and (low[m.start() - 1].isdigit() or low[m.start() - 1] in ",.+/-"):
        return None
    if name in ("num_range", "num", "iso"):
        return _numeric(name, m, text, low, g)
    m1, m2 = _month(m, "m1", text, g), _month(m, "m2", text, g)
    if m1 == -1 or m2 == -1:
        return None
    d1, d2, y1, y2 = _int(m, "d1"), _int(m, "d2"), _int(m, "y1", "y1b"), _int(m, "y2")
    start = m.start()
    if name in ("range_dm", "range_md") and (op := g.opener_tail.search(low, max(0, start - 16), start)):
        start = op.start()
    if d2 is None:
        return _make(text, start, m.end(), d1, m1, y1, None)
    explicit = m1 is not None if name == "range_dm" else m.group("m2") is not None
    if explicit and _ENUMERATION.match(m.group("conn")):
        return None  # "le 3 mai et le 1er juin": two dates, not a range
    if name == "range_dm" and m.group("list") and (m1 is not None or not _ENUMERATION.match(m.group("conn"))):
        return None  # a list of days ("8, 9 and 10 November") is a span; nothing else with commas is
    m1 = m1 or m2  # "du 28 au 30 novembre": the first day borrows the month and year of the last
    m2 = m2 or m1
    if y1 is None and y2 is not None:
        y1 = y2 if m1 <= m2 else y2 - 1
    if (y1 == y2 or y1 is None or y2 is None) and m1 == m2 and d1 > d2:
        return None
    return _make(text, start, m.end(), d1, m1, y1, (d2, m2, y2))


_NUMBER_NEXT = re.compile(r"\s*(?:de\s+|of\s+)?\d")
_PERCENT = re.compile(r"\s*%")
_ENUMERATION = re.compile(r"\s*(?:&|et|and|y)\b")
_NUM_BEFORE = re.compile(r"(?:\(|(?<!\w)(?:le|on|el|du|del|the))\s*$")


def _numeric(name: str, m: re.Match, text: str, low: str, g: _Grammar) -> TimeExpr | None:
    d1, d2, month = _int(m, "d1"), _int(m, "d2"), int(m.group("mn"))
    year = _int(m, "yn")
    if year is not None and year < 100:
        year += 2000
    if not 1 <= month <= 12 or (d2 is not None and d2 < d1):
        return None
    if name == "num" and year is None:
        before = low[max(0, m.start() - 16) : m.start()]
        if m.group("sep") == "." or not (_NUM_BEFORE.search(before) or g.weekday_tail.search(before)):
            return None
    return _make(text, m.start(), m.end(), d1, month, year, (d2, month, year) if d2 else None)


def _make(text, start, end, day, month, year, until) -> TimeExpr | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= _last_day(year or 2024, month):
        return None
    if until is not None and not 1 <= (until[0] or 1) <= _last_day(until[2] or 2024, until[1] or month):
        return None
    return TimeExpr(start, end, text[start:end], "absolute" if year else "partial", day, month, year, until)


def _relative(m: re.Match, text: str, low: str, g: _Grammar) -> TimeExpr | None:
    if not (_word_start(low, m.start()) and _word_end(low, m.end())):
        return None
    entry = g.relative_entries.get(fold(m.group()))
    if entry is None:
        return None
    before = fold(low[max(0, m.start() - 12) : m.start()])
    if any(before.endswith(" " + w) or before == w for w in entry.get("not_after", ())):
        return None
    after = fold(low[m.end() : m.end() + 12]).lstrip()
    if any(after.startswith(w) for w in entry.get("not_before", ())):
        return None
    wd, unit, offset = entry.get("weekday"), entry["unit"], entry["offset"]
    return TimeExpr(
        m.start(), m.end(), text[m.start() : m.end()], "relative", None, None, None, None, wd, unit, offset
    )


def _attach_weekdays(exprs: list[TimeExpr], text: str, low: str, g: _Grammar) -> list[TimeExpr]:
    """'jeudi (21/03)', 'Thursday, 21 March': the weekday joins the date and later checks its year."""
    out, last_end = [], 0
    for e in exprs:
        if e.kind != "relative" and e.day is not None:
            m = g.weekday_tail.search(low, max(last_end, e.start - 24), e.start)
            if m:
                end = e.end + (low[e.end : e.end + 1] == ")" and "(" in low[m.start() : e.start])
                wd = g.weekdays.get(fold(m.group("wd")))
                e = replace(e, start=m.start(), end=end, text=text[m.start() : end], weekday=wd)
        out.append(e)
        last_end = e.end
    return out
