"""Dated facts and where a text mentions them: office-holders' terms, numbered sessions and
conferences, GCM milestones, EU Council presidencies.

The facts live in ``data/office_holders.json``, ``sessions.json``, ``milestones.json`` and
``eu_council_presidencies.json`` (each fact names its source). The functions here only find
mentions; ``pactwatch.extract.dates`` turns them into constraints on a document's date, using the
tense of the sentence (``knowledge.tense``, re-exported here) for ``Mention.mode == "event"``.

Texts are searched in their ``lower_view`` (lower case, apostrophes and dashes unified, offsets kept),
so patterns are written lower-case with accent classes ("g[ée]n[ée]ral").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from ..extract.timeexpr import lower_view, sentence_at, trie_pattern
from ..text.normalize import fold, strip_accents
from . import load_json

# The tense API moved to .tense; re-exported here for callers of the earlier layout.
from .tense import TENSES, Cue, find_cues, literal_prefixes, tense_near  # noqa: F401

_END = r"(?!(?<=\w)\w)"


@dataclass(frozen=True)
class Fact:
    """A dated fact: what it is, its first and last day (``end`` None while it lasts), its source, the
    day a text counts from when it says "two years after" it (``counted_from``; None: ``start``), and
    whether its days are only approximate (``approx``: a year or a season, not the actual dates)."""

    label: str
    start: dt.date
    end: dt.date | None
    source: str
    counted_from: dt.date | None = None
    approx: bool = False


@dataclass(frozen=True)
class Mention:
    """Where a text mentions a fact, and how it dates the text.

    ``mode``: "term" (the text is dated within the fact: an office held, "president of the 76th
    session"), "since" (on or after its start: the thing exists), "event" (before, during or after it,
    as the tense of the sentence says).
    """

    start: int
    end: int
    text: str
    fact: Fact
    mode: str


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _words(patterns) -> re.Pattern:
    """Whole-word alternation of regex fragments, longest first."""
    alts = "|".join(sorted(patterns, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts}){_END}")


def _span(fact: Fact) -> str:
    if fact.end is None:
        return f"since {fact.start}"
    return str(fact.start) if fact.end == fact.start else f"{fact.start}..{fact.end}"


@dataclass(frozen=True)
class Triggers:
    """Plain trigger strings of many owners (milestones, session series), found in one pass."""

    rx: re.Pattern
    owners: dict  # trigger string -> owner indexes

    @classmethod
    def build(cls, triggers_by_owner) -> Triggers:
        """From one list of trigger strings per owner."""
        owners: dict[str, list[int]] = {}
        for i, triggers in enumerate(triggers_by_owner):
            for t in triggers:
                owners.setdefault(t, []).append(i)
        return cls(re.compile(trie_pattern(owners)), owners)

    def windows(self, low: str, before: int, after: int) -> dict[int, list[tuple[int, int]]]:
        """For each owner with a trigger in ``low``, the merged spans around its triggers.

        Triggers may overlap ('deuxième forum' and 'forum mondial sur les r'): the search goes on from
        the character after each match's start, not from its end."""
        spans: dict[int, list[tuple[int, int]]] = {}
        m = self.rx.search(low)
        while m is not None:
            for i in self.owners.get(m.group(), ()):
                spans.setdefault(i, []).append((max(0, m.start() - before), min(len(low), m.end() + after)))
            m = self.rx.search(low, m.start() + 1)
        return {i: _merge(s) for i, s in spans.items()}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# --- office-holders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    """One person's term in an office (a session number for Presidents of the General Assembly)."""

    name: str
    keys: tuple[tuple[str, ...], ...]
    fact: Fact
    session: int | None = None


@dataclass(frozen=True)
class Office:
    """An office, the words that name it in a title, and who held it when."""

    id: str
    label: str
    orgs: frozenset
    roles: re.Pattern
    org_words: re.Pattern
    acronyms: re.Pattern | None
    negations: re.Pattern
    holders: tuple[Holder, ...]


@lru_cache(maxsize=8192)
def name_key(name: str) -> tuple[str, ...]:
    """Folded name tokens: 'Abdulla Shahid' -> ('abdulla', 'shahid')."""
    return tuple(re.findall(r"[a-z0-9]+", fold(name)))


def _token_like(a: str, b: str) -> bool:
    if a == b:
        return True
    short, total = min(len(a), len(b)), len(a) + len(b)
    if short < 4 or 2 * short < 0.8 * total:  # the ratio cannot reach 0.8: skip difflib
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


@lru_cache(maxsize=65536)
def names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same person by name, allowing a close spelling ('Abdullah Shahid' ~ 'Abdulla Shahid') and
    a middle name or initial missing on one side ('Amina Mohammed' ~ 'Amina J. Mohammed')."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 2:
        return False
    i = 0
    for tok in short:
        while i < len(long_) and not _token_like(tok, long_[i]):
            i += 1
        if i == len(long_):
            return False
        i += 1
    return True


def _holder(h: dict, office_label: str, session: int | None = None) -> Holder:
    names = [h["name"], *h.get("aliases", ())]
    fact = Fact(office_label, _date(h["start"]), _date(h["end"]), h["source"])
    return Holder(h["name"], tuple(name_key(n) for n in names), fact, session)


@cache
def offices() -> tuple[Office, ...]:
    """The offices of ``office_holders.json`` with their compiled title patterns and holders."""
    data = load_json("office_holders.json")
    out = []
    for o in data["offices"]:
        negs = [n for n in data["negations"] if not any(re.match(n, a) for a in o.get("allow", ()))]
        if "holders_from_sessions" in o:
            sessions = _series(o["holders_from_sessions"])["sessions"]
            holders = tuple(_holder({**s, "name": s["president"]}, o["label"], s["n"]) for s in sessions)
        else:
            holders = tuple(_holder(h, o["label"]) for h in o["holders"])
        acronyms = re.compile(rf"\b(?:{'|'.join(o['acronyms'])})\b") if o["acronyms"] else None
        out.append(
            Office(
                o["id"],
                o["label"],
                frozenset(o["orgs"]),
                _words(o["roles"]),
                _words(o["org_words"]),
                acronyms,
                _words(negs),
                holders,
            )
        )
    return tuple(out)


_SESSION_NO = re.compile(r"(\d{2,3})\s*(?:e|ème|eme|è|ᵉ|st|nd|rd|th|\.?º|°|o)?\s+(?:session|per[íi]odo)")


def title_offices(title: str, affiliations=()) -> list[Office]:
    """Offices a title names (see ``_title_offices``); cached, as the same titles recur across documents."""
    return list(_title_offices(title, frozenset(affiliations)))


@lru_cache(maxsize=4096)
def _title_offices(title: str, affiliations: frozenset) -> tuple[Office, ...]:
    """Offices a title names ('Directrice générale de l'OIM' -> IOM Director General).

    A title names an office when it holds one of its role words and its organisation (by name,
    acronym, or the person's affiliation when the title names no other organisation), and no negation
    ('adjointe', 'former', 'regional'...)."""
    low = lower_view(title)
    hits = [o for o in offices() if o.roles.search(low) and not o.negations.search(low)]
    named = tuple(o for o in hits if _names_org(o, low, title))
    return named or tuple(o for o in hits if o.orgs & affiliations)


def person_terms(person: dict) -> list[tuple[str, Fact]]:
    """(title, term) for each office a person entity's titles name and the person held (a term's
    ``Fact.label`` is the office).

    The name must match a holder of the office (close spellings allowed); a President of the General
    Assembly whose title gives the session number is dated by that session whoever the name.
    """
    key = name_key(person.get("name") or "")
    out = []
    for title in person.get("titles") or ():
        for office in title_offices(title, person.get("affiliations") or ()):
            out.extend((title, h.fact) for h in _holders_for(office, key, title))
    return out


def _holders_for(office: Office, key: tuple[str, ...], title: str) -> list[Holder]:
    m = _SESSION_NO.search(fold(title))
    if m and any(h.session for h in office.holders):
        return [h for h in office.holders if h.session == int(m.group(1))]
    return [h for h in office.holders if any(names_match(key, k) for k in h.keys)]


@cache
def _holder_names() -> tuple[re.Pattern, dict]:
    by_key, names = {}, set()
    for office in offices():
        for h in office.holders:
            for k in set(h.keys):
                by_key.setdefault(k, []).append((office, h))
            names.add(h.name)
    for o in load_json("office_holders.json")["offices"]:
        names.update(a for h in o.get("holders", ()) for a in h.get("aliases", ()))
    for s in _series("unga")["sessions"]:
        names.update(s.get("aliases", ()))
    # Names are looked for as written (capitalised), which lets the regex skip every lower-case letter.
    forms = {f for n in names for f in (n, strip_accents(n))}
    forms |= {f.replace("'", "’") for f in forms}
    return re.compile(rf"(?:{trie_pattern(forms)}){_END}"), by_key


def text_terms(text: str, low: str, bounds) -> list[tuple[str, str, Fact]]:
    """Office-holders named in running text next to their title ('António Guterres, Secrétaire général
    des Nations Unies', 'IOM Director General Amy Pope'): a fallback for persons the entity stages did
    not give a title. The title must touch the name (within 80 characters, no other holder between).

    Returns (name as written, title word as written, term) triples."""
    rx, by_key = _holder_names()
    names = [m for m in rx.finditer(text) if not (m.start() and text[m.start() - 1].isalnum())]
    out = []
    for i, m in enumerate(names):
        s0, s1 = sentence_at(bounds, m.start())
        lo = max(s0, m.start() - 80, names[i - 1].end() if i else 0)
        hi = min(s1, m.end() + 80, names[i + 1].start() if i + 1 < len(names) else len(text))
        for office, holder in by_key.get(name_key(m.group()), ()):
            role = _nearest(office.roles, low, lo, m.start(), m.end(), hi)
            if role is None or _closer_to_neighbour(role, m, names, i):
                continue
            w0, w1 = max(s0, min(role.start(), m.start()) - 40), min(s1, max(role.end(), m.end()) + 80)
            if not _names_org(office, low[w0:w1], text[w0:w1]):
                continue
            if office.negations.search(low, max(s0, role.start() - 30), min(s1, role.end() + 15)):
                continue
            if holder.session is None or _session_in(low[w0:w1], holder.session):
                out.append((m.group(), text[role.start() : role.end()], holder.fact))
    return out


def _nearest(rx: re.Pattern, low: str, lo: int, start: int, end: int, hi: int) -> re.Match | None:
    """The match of ``rx`` closest to [start, end) within [lo, hi)."""
    before = list(rx.finditer(low, lo, start))
    after = rx.search(low, end, hi)
    if before and (after is None or start - before[-1].end() <= after.start() - end):
        return before[-1]
    return after


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _closer_to_neighbour(role: re.Match, name: re.Match, names: list, i: int) -> bool:
    """True when the title word is nearer another named holder than this one."""
    near = [names[j] for j in (i - 1, i + 1) if 0 <= j < len(names)]
    return any(_gap(role.span(), n.span()) < _gap(role.span(), name.span()) for n in near)


def _names_org(office: Office, low: str, raw: str) -> bool:
    return bool(office.org_words.search(low) or (office.acronyms and office.acronyms.search(raw)))


def _session_in(window: str, n: int) -> bool:
    m = _SESSION_NO.search(window)
    return m is None or int(m.group(1)) == n


# --- numbered sessions and conferences ---------------------------------------------------------


def _series(series_id: str) -> dict:
    return next(s for s in load_json("sessions.json")["series"] if s["id"] == series_id)


@cache
def _ordinals() -> dict[str, int]:
    """Ordinal words ('second', 'deuxième', 'segundo', 'inaugural') -> their number, accents optional."""
    table = load_json("sessions.json")["ordinal_words"]
    return {v: n for lang in table.values() for word, n in lang.items() for v in {word, strip_accents(word)}}


def _placeholders(pattern: str, i: int) -> str:
    """A series pattern with its placeholders as named groups: {n} a number ('76e', 'COP28'), {ord} an
    ordinal word ('the second Global Refugee Forum'), {y} the year the session opened ('GRF 2023')."""
    ordinal = trie_pattern(_ordinals())
    return (
        pattern.replace("{n}", rf"(?P<n{i}>\d{{1,3}})")
        .replace("{ord}", rf"(?P<o{i}>{ordinal})")
        .replace("{y}", rf"(?P<y{i}>(?:19|20)\d\d)")
    )


@cache
def _session_regexes() -> tuple[tuple[re.Pattern, dict], ...]:
    out = []
    for series in load_json("sessions.json")["series"]:
        alts = [_placeholders(p, i) for i, p in enumerate(series["patterns"])]
        facts = {s["n"]: _session_fact(series["label"], s) for s in series["sessions"]}
        out.append((re.compile(rf"\b(?:{'|'.join(alts)}){_END}"), facts))
    return tuple(out)


def _session_number(m: re.Match, facts: dict) -> int | None:
    """The session number a match names, by its number, its ordinal word or its year."""
    key, value = next((k, v) for k, v in m.groupdict().items() if v)
    if key.startswith("n"):
        return int(value)
    if key.startswith("o"):
        return _ordinals().get(value)
    return next((n for n, f in facts.items() if f.start.year == int(value)), None)


def _session_fact(label: str, s: dict) -> Fact:
    end = max(_date(s["end"]), _date(s.get("closed")) or _date(s["end"]))
    name = s.get("label") or f"{label} {s['n']}"
    return Fact(name, _date(s["start"]), end, s["source"], approx=s.get("approx", False))


@cache
def _triggers() -> Triggers:
    """One index of the trigger words of every session series, then of every milestone."""
    series = load_json("sessions.json")["series"]
    milestones = load_json("milestones.json")["milestones"]
    return Triggers.build([*(s["triggers"] for s in series), *(m["triggers"] for m in milestones)])


@lru_cache(maxsize=4)
def _trigger_windows(low: str) -> dict[int, list[tuple[int, int]]]:
    return _triggers().windows(low, 90, 90)


@cache
def _holder_before() -> re.Pattern:
    words = "|".join(load_json("sessions.json")["holder_words"])
    return re.compile(rf"(?<!\w)(?:{words})\s+(?:(?:de|of|del|du)\s+)?(?:(?:la|the|l')\s*)?$")


def session_mentions(low: str) -> list[Mention]:
    """Numbered sessions and conferences in a ``lower_view`` text ('76e session de l'Assemblée
    générale', 'COP28', 'HRC55'); mode "term" after a holder word ('président de la ...')."""
    out = []
    regexes = _session_regexes()
    windows = _trigger_windows(low)
    for i, (rx, facts) in enumerate(regexes):
        for m in (m for a, b in windows.get(i, ()) for m in rx.finditer(low, a, b)):
            fact = facts.get(_session_number(m, facts))
            if fact is None:
                continue
            mode = "term" if _holder_before().search(low, max(0, m.start() - 40), m.start()) else "event"
            out.append(Mention(m.start(), m.end(), m.group(), fact, mode))
    return out


# --- milestones --------------------------------------------------------------------------------


@cache
def _milestones() -> tuple[tuple[re.Pattern, Fact, str], ...]:
    out = []
    for ms in load_json("milestones.json")["milestones"]:
        start = _date(ms["start"])
        end = _date(ms.get("end")) or start
        fact = Fact(
            ms["label"], start, end, ms["source"], _date(ms.get("counted_from")), ms.get("approx", False)
        )
        out.append((re.compile(rf"\b(?:{'|'.join(ms['patterns'])}){_END}"), fact, ms["kind"]))
    return tuple(out)


def milestone_mentions(low: str) -> list[Mention]:
    """GCM milestones named in a ``lower_view`` text (the Network, the first IMRF, COVID-19...).

    When patterns of several milestones match at one place, the longest wins ('premier Forum d'examen
    ...' over 'Forum d'examen ...')."""
    found = []
    windows, first = _trigger_windows(low), len(_session_regexes())
    for i, (rx, fact, kind) in enumerate(_milestones()):
        for a, b in windows.get(first + i, ()):
            found.extend(Mention(m.start(), m.end(), m.group(), fact, kind) for m in rx.finditer(low, a, b))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out, last_end = [], -1
    for m in found:
        if m.start >= last_end and not any(o.fact is m.fact and o.start == m.start for o in out):
            out.append(m)
            last_end = m.end
    return out


# --- EU Council presidencies -------------------------------------------------------------------


@cache
def _presidencies() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict]:
    data = load_json("eu_council_presidencies.json")
    names, by_code = [], {}
    for p in data["presidencies"]:
        names.append(f"(?P<{p['country']}>{'|'.join(p['names'])})(?:e|s|es|ne|nes|a|as|o|os)?")
        by_code[p["country"]] = Fact(
            f"presidency of the Council of the EU held by {p['country']}",
            _date(p["start"]),
            _date(p["end"]),
            p["source"],
        )
    return (
        _words(data["presidency_words"]),
        _words(data["eu_words"]),
        re.compile(rf"(?<!\w)(?:{'|'.join(names)}){_END}"),
        by_code,
    )


def presidency_mentions(low: str, bounds, country_spans=()) -> list[Mention]:
    """The rotating presidency of the Council of the EU named with its country in one sentence
    ('le gouvernement belge, qui assure la présidence tournante du Conseil de l'UE').

    ``country_spans`` are (start, end, ISO3) country mentions from the entity stage; the table's own
    names and adjectives are used as well. A sentence naming two presidency countries dates nothing.
    """
    if not any(t in low for t in load_json("eu_council_presidencies.json")["triggers"]):
        return []
    pres_rx, eu_rx, names_rx, by_code = _presidencies()
    out, seen = [], set()
    for m in pres_rx.finditer(low):
        s0, s1 = sentence_at(bounds, m.start())
        if (s0, s1) in seen or not eu_rx.search(low, s0, s1):
            continue
        seen.add((s0, s1))
        codes = {c for a, b, c in country_spans if s0 <= a and b <= s1 and c in by_code}
        codes |= {n.lastgroup for n in names_rx.finditer(low, s0, s1)}
        if len(codes) == 1:
            out.append(Mention(m.start(), m.end(), m.group(), by_code[codes.pop()], "event"))
    return out


def describe(fact: Fact) -> str:
    """'label (start..end)' for a why string."""
    return f"{fact.label} ({_span(fact)})"
