"""The figures stage: counted quantities in the body ("28 pays", "plus de 1 500 participants").

A figure is a number (digits in the French, English or Spanish conventions, or a
number word up to twenty) followed by a unit noun, possibly after a multiplier
("1,2 million de migrants") or one or two adjectives ("300 jeunes migrants"), or
preceded by a currency ("USD 2.5 million"). Numbers that are identifiers ("COP 28",
"Objective 23"), ordinals ("76e session"), parts of dates, years and phone numbers
are not figures. Every word list lives in ``data/units.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from ..document import Document
from ..text.normalize import fold, strip_accents

LANGS = ("fr", "en", "es")
SPACES = " \u00a0\u202f\u2009"
# Digits: grouped thousands (spaces, narrow no-break spaces, dots, commas) or plain, with decimals.
# The pattern starts with a plain character set so that the regex engine skips text fast; what may
# stand before a number (not a letter, digit, '-', '/', '+', ':' or a decimal mark) is checked in code.
NUMBER = re.compile(
    rf"[0-9](?:[0-9]{{0,2}}(?:(?:[{SPACES}]|[.,](?=[0-9]{{3}}(?![0-9])))[0-9]{{3}})+(?:[.,][0-9]+)?|[0-9]*(?:[.,][0-9]+)?)"
    r"(?![\w/°º:]|[.,][0-9])"
)
GLUED_BEFORE = frozenset(".,/+-:_")
PHONE_CHARS = frozenset("0123456789()-. \u00a0\u202f\u2009")
WORD = re.compile(r"[^\W\d_]+|[%$€£]")
FIRST_GAP = re.compile(rf"[{SPACES}]*\Z")
INNER_GAP = re.compile(rf"[{SPACES}'’\-]*\Z")
PREV_WORD = re.compile(rf"([^\W\d_]+[°º]?)[{SPACES}]+\Z")
WINDOW = 90  # characters after a number searched for its unit
MAX_TOKENS = 8

_ACCENTS = {c: strip_accents(chr(c)) for c in range(0xC0, 0x250) if len(strip_accents(chr(c))) == 1}
_ACCENTS.update({0x2019: "'", 0x2018: "'"})


def _key(word: str) -> str:
    """A fast fold for single words, equal to ``normalize.fold`` on Latin letters."""
    return word.translate(_ACCENTS).lower()


def _phrase(phrase: str) -> tuple[str, ...]:
    return tuple(fold(m.group()) for m in WORD.finditer(phrase))


@dataclass(frozen=True)
class Tables:
    """Unit, multiplier and number-word tables of one language (or of all, when unknown)."""

    units: dict[tuple[str, ...], str]
    unit_len: int
    premodifiers: frozenset[str]
    head_last: bool
    multipliers: dict[tuple[str, ...], int]
    links: frozenset[str]
    number_words: dict[str, int]
    stops: frozenset[str]
    dead_ends: frozenset[str]  # function words that start no unit or multiplier
    months: frozenset[str]
    id_nouns: frozenset[str]
    qualifier_re: re.Pattern
    ratio_re: re.Pattern
    qualifiers: dict[str, str]
    currency_re: re.Pattern
    currencies: dict[str, str]


@cache
def _data() -> dict[str, Any]:
    path = resources.files(__package__).joinpath("data", "units.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _per_lang(table: dict[str, Any], langs: tuple[str, ...]) -> list[Any]:
    return [table[lang] for lang in langs if lang in table]


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@cache
def tables(lang: str | None) -> Tables:
    """The figure tables for ``lang`` (all three languages merged when it is not fr/en/es)."""
    data = _data()
    langs = (lang,) if lang in LANGS else LANGS
    units = {}
    for unit, forms in data["units"].items():
        for phrases in _per_lang(forms, langs):
            units.update({_phrase(p): unit for p in phrases})
    multipliers = {}
    for table in _per_lang(data["multipliers"], langs):
        multipliers.update({_phrase(k): v for k, v in table.items()})
    words = {}
    for table in _per_lang(data["number_words"], langs):
        words.update({fold(k): v for k, v in table.items()})
    qualifiers = {fold(p): q for q, phrases in data["qualifiers"].items() for p in phrases}
    currencies = {p: cur for cur, prefixes in data["currency_prefixes"].items() for p in prefixes}
    months = frozenset(fold(m) for m in data["months"])
    ratios = [fold(p) for p in data["ratio_cues"]["phrases"]]
    stops = frozenset(fold(w) for ws in _per_lang(data["gap_stop"], langs) for w in ws) | months
    starts = {k[0] for k in units} | {k[0] for k in multipliers}
    return Tables(
        units=units,
        unit_len=max(len(k) for k in units),
        premodifiers=frozenset(fold(w) for ws in _per_lang(data["premodifiers"], langs) for w in ws),
        head_last=any(x in data["head_last"] for x in langs) and len(langs) == 1,
        multipliers=multipliers,
        links=frozenset(_key(w.strip("'")) for w in data["multiplier_links"]),
        number_words=words,
        stops=stops,
        dead_ends=stops - starts,
        months=months,
        id_nouns=frozenset(fold(w) for w in data["id_nouns"]["words"]),
        qualifier_re=re.compile(rf"(?:^|\W)({_alternation(list(qualifiers))})\s*\Z"),
        ratio_re=re.compile(rf"(?:^|\W)(?:{_alternation(ratios)})\s*\Z"),
        qualifiers=qualifiers,
        currency_re=re.compile(rf"(?<![A-Za-z])({_alternation(list(currencies))})[{SPACES}]?\Z"),
        currencies=currencies,
    )


def parse_number(text: str) -> Decimal | None:
    """The value of a written number: '1 500' 1500, '1.500' 1500, '1,2' 1.2, '2.5' 2.5, '10.000,50'.

    Spaces always group thousands. A single dot or comma followed by exactly three
    digits groups thousands too ('1,500' and '1.500' are 1500 in every language); with
    both marks present the last one is the decimal mark. Otherwise dot and comma are
    decimal marks, which is right for French, Spanish and English alike.
    """
    if text.isdigit():
        return Decimal(text)
    s = re.sub(rf"[{SPACES}]", "", text)
    marks = [c for c in s if c in ".,"]
    if len(set(marks)) == 2:
        dec = max(s.rfind("."), s.rfind(","))
        s = re.sub(r"[.,]", "", s[:dec]) + "." + s[dec + 1 :]
    elif len(marks) > 1 or (marks and re.search(r"[.,]\d{3}\Z", s)):
        s = re.sub(r"[.,]", "", s)
    else:
        s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


class _Toks:
    """The words after a number: folded keys, surfaces and ends (parallel lists)."""

    __slots__ = ("keys", "texts", "ends")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.texts: list[str] = []
        self.ends: list[int] = []

    def __len__(self) -> int:
        return len(self.keys)


def _tokens_after(t: Tables, body: str, pos: int) -> _Toks:
    """Up to MAX_TOKENS words after ``pos``, stopping at punctuation, digits or a line break.

    Stops after the first word when it is a function word that starts no unit ('17 au 20').
    """
    toks = _Toks()
    last = pos
    for m in WORD.finditer(body, pos, min(len(body), pos + WINDOW)):
        if not (INNER_GAP if toks.keys else FIRST_GAP).match(body, last, m.start()):
            break
        key = _key(m.group())
        toks.keys.append(key)
        toks.texts.append(m.group())
        toks.ends.append(m.end())
        last = m.end()
        if len(toks.keys) >= MAX_TOKENS or (len(toks.keys) == 1 and key in t.dead_ends):
            break
    return toks


def _longest(table: dict[tuple[str, ...], Any], toks: _Toks, i: int, max_len: int) -> tuple[Any, int]:
    keys = toks.keys
    for n in range(min(max_len, len(keys) - i), 0, -1):
        hit = table.get(tuple(keys[i : i + n]))
        if hit is not None:
            return hit, n
    return None, 0


def _unit_at(t: Tables, toks: _Toks, i: int) -> tuple[str | None, int]:
    """The unit noun starting at token ``i`` and the index after it, following heads."""
    unit, n = _longest(t.units, toks, i, t.unit_len)
    while unit is not None:
        nxt, m = _longest(t.units, toks, i + n, t.unit_len)
        defer = t.head_last or (n == 1 and toks.keys[i] in t.premodifiers)
        if nxt is None or not defer:
            break
        unit, i, n = nxt, i + n, m
    return unit, (i + n if unit else i)


def _gap_ok(t: Tables, toks: _Toks, i: int) -> bool:
    text, key = toks.texts[i], toks.keys[i]
    return text.islower() and text.isalpha() and key not in t.stops and len(key) > 2


@dataclass
class _Tail:
    unit: str | None
    end: int
    multiplier: int
    mult_end: int  # end of the multiplier word ('million'), or of the number when there is none


def _read_tail(t: Tables, body: str, pos: int) -> _Tail:
    """Multiplier, link word, adjectives and unit noun after a number ending at ``pos``."""
    toks = _tokens_after(t, body, pos)
    mult, i = _longest(t.multipliers, toks, 0, 2)
    end = toks.ends[i - 1] if i else pos
    if mult and i < len(toks) and toks.keys[i] in t.links:
        unit, j = _unit_at(t, toks, i + 1)
        if unit:
            return _Tail(unit, toks.ends[j - 1], mult, end)
    for gap in range(0, 3):
        if gap and (i + gap > len(toks) or not _gap_ok(t, toks, i + gap - 1)):
            break
        unit, j = _unit_at(t, toks, i + gap)
        if unit:
            return _Tail(unit, toks.ends[j - 1], mult or 1, end)
    return _Tail(None, end, mult or 1, end)


def _candidates(body: str, t: Tables) -> list[tuple[int, int, Decimal]]:
    """Numbers written in digits or words, with their spans and values, in text order."""
    found = []
    m = NUMBER.search(body)
    while m is not None:
        before = body[m.start() - 1] if m.start() else " "
        if before.isalnum() or before in GLUED_BEFORE:  # 'COVID-19 280 pays': rescan after '19'
            pos = m.start()
            while pos < len(body) and body[pos].isdigit():
                pos += 1
            m = NUMBER.search(body, pos)
            continue
        value = parse_number(m.group())
        if value is not None:
            found.append((m.start(), m.end(), value))
        m = NUMBER.search(body, m.end())
    found += _number_words(body, t)
    return sorted(found, key=lambda c: c[0])


def _number_words(body: str, t: Tables) -> list[tuple[int, int, Decimal]]:
    """Number words ('trois', 'five', 'cinco') standing as whole words (not 'vingt-deux')."""
    low = body.lower()
    if len(low) != len(body):  # a character whose lower case is longer: offsets would shift
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in body)
    found = []
    for word, value in t.number_words.items():
        pos = low.find(word)
        while pos >= 0:
            end = pos + len(word)
            before = low[pos - 1] if pos else " "
            after = low[end] if end < len(low) else " "
            if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
                found.append((pos, end, Decimal(value)))
            pos = low.find(word, end)
    return found


def _prev_word(body: str, start: int) -> str | None:
    m = PREV_WORD.search(body, max(0, start - 30), start)
    return m.group(1) if m else None


def _is_identifier(t: Tables, prev: str | None) -> bool:
    """A number right after 'COP', 'Objective', 'résolution', a month or an acronym is not a count."""
    if prev is None:
        return False
    key = _key(prev)
    return key in t.id_nouns or key in t.months or (prev.isupper() and len(prev) > 1)


def _before(body: str, start: int) -> str:
    """The 30 characters before ``start``, folded (lower case, no accents, straight apostrophes)."""
    return body[max(0, start - 30) : start].translate(_ACCENTS).lower()


def _qualifier(t: Tables, body: str, start: int) -> str | None:
    m = t.qualifier_re.search(_before(body, start))
    return t.qualifiers.get(m.group(1)) if m else None


def _in_phone_number(body: str, start: int) -> bool:
    """Whether the digits at ``start`` continue a '+41 79 ...' or '0041 ...' phone number."""
    i = start
    while i > 0 and body[i - 1] in PHONE_CHARS and start - i < 24:
        i -= 1
    return (i > 0 and body[i - 1] == "+") or body.startswith("00", i)


def _figure(t: Tables, body: str, start: int, end: int, value: Decimal) -> dict[str, Any] | None:
    """The figure for one number candidate, or None when it is not a counted quantity."""
    cur = t.currency_re.search(body, max(0, start - 6), start)
    qualifier = None
    if cur is None and end - start == 4 and 1800 <= value <= 2100 and body[start:end].isdigit():
        qualifier = _qualifier(t, body, start)
        if qualifier is None:
            return None  # a year ('en 2018', '2018 migrants'); a count this size would be grouped
    if cur is None and _is_identifier(t, _prev_word(body, start)):
        return None
    if t.ratio_re.search(_before(body, start)):
        return None  # 'one in five migrants', 'uno de cada cinco migrantes
    tail = _read_tail(t, body, end)
    if cur is not None:
        unit, fig_start = t.currencies[cur.group(1)], cur.start()
        fig_end = tail.end if tail.unit in t.currencies.values() else tail.mult_end
    elif tail.unit is None:
        return None
    else:
        unit, fig_start, fig_end = tail.unit, start, tail.end
    qualifier = qualifier or _qualifier(t, body, fig_start)
    total = value * tail.multiplier
    fig: dict[str, Any] = {
        "value": int(total) if total == total.to_integral_value() else float(total),
        "unit": unit,
        "text": body[fig_start:fig_end],
        "start": fig_start,
        "end": fig_end,
    }
    if qualifier:
        fig["qualifier"] = qualifier
    return fig


def find_figures(body: str, lang: str | None) -> list[dict[str, Any]]:
    """Counted quantities in ``body``: value, canonical unit, text and span, in text order.

    Pure function over the text, so other stages (events, dossiers) can reuse it.
    """
    t = tables(lang if lang in LANGS else None)
    figures: list[dict[str, Any]] = []
    last_end = -1
    for start, end, value in _candidates(body, t):
        if start < last_end:
            continue
        fig = _figure(t, body, start, end, value)
        if fig is not None and not _in_phone_number(body, start):
            figures.append(fig)
            last_end = fig["end"]
    return figures


def figure_stage(doc: Document) -> None:
    """Pipeline stage: write ``doc.figures`` (offsets into ``doc.body``)."""
    doc.figures = find_figures(doc.body, doc.lang)
