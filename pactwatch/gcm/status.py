"""GCM status facts read from a record's body: Champion countries, UN networks on migration set up in
a country, co-chairs, funding, voluntary national GCM reviews.

``status_facts(record)`` returns fact dicts shaped like ``pactwatch.store.derive``'s (kind, subject,
object, value, span, confidence; the store adds provenance). Kinds:

- ``country-is-champion``: subject country, value the cue ("GCM Champion country"), no object;
- ``network-established-in``: subject organization ``UNNM`` (its regional and country networks are
  that id, see CONTRACT.md), object country, value the cue ("was launched");
- ``country-co-chairs``: subject country, value the initiative or body when the sentence names it,
  object the organisation entity named in it, if any;
- ``organization-funded``: subject organisation (or a State: subject type country), object the
  record's event when the sentence speaks of an event, else each other country of the sentence,
  value the money figure of the sentence (record ``figures``), if any;
- ``country-reviewed-gcm``: subject country, value the cue ("voluntary national review").

How: every cue is data (``data/status_cues.json``, patterns per language). Each sentence is read
lower-cased and accent-free, with the record's own country and organisation mentions replaced by
mask characters, so a pattern can only link a cue to a country the record found in that sentence
(or, after "the country" / "le pays" / "el país", the single country of the previous sentence).
Statements of intent or negation ("plans to become a champion", "souhaite devenir", "busca
convertirse", "is not a champion") give no fact (see ``_decisions`` in the table).

Speed (this runs for every stored document): the words each compiled pattern needs are read off the
pattern itself (``_needs``: one word of each clause must be in any text it matches, white space
included, so 'migrants' does not count as ' grants'). One trie regex finds those words in the body;
a body holding none of a pattern's clauses is neither masked nor split into sentences, and a pattern
runs only on the sentences that meet all its clauses. Only pattern runs that cannot match are
skipped, so the facts are exactly those of running every pattern on every sentence (a test pins it).
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from re import _constants as _sre  # to read what a compiled pattern needs
from re import _parser as _sre_parse
from typing import Any, NamedTuple

from ..extract.events import event_tables
from ..extract.timeexpr import lower_view, sentence_bounds, trie_pattern
from ..text.normalize import fold

LANGS = ("en", "fr", "es")
MASK = {"country": "\ue000", "organization": "\ue001", "network": "\ue002"}
# a mask is matched whole (never from its middle: 'of the UNECE' must not become 'NECE')
BUILTIN_TERMS = {
    "MC": "(?<!\ue000)\ue000+(?!\ue000)",
    "MO": "(?<![\ue001\ue002])[\ue001\ue002]+(?![\ue001\ue002])",
    "MN": "(?<!\ue002)\ue002+(?!\ue002)",
}
_TERM = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_GUARD = (
    "\x00{}\x00"  # stands for a guard ({NOPREP}...) until spaces are made flexible (lookbehinds: fixed width)
)
_EDGE_START, _EDGE_END = r"(?<!\w)(?:", r")(?:(?<=')|(?!\w))"
_MASKS = frozenset(MASK.values())
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_BLANK = _sre_parse.parse(r"\s")  # one white space character, as parsed
_SPACE = re.compile(r"[^\S ]")  # white space other than ' ': what ``\s`` matches, as the patterns read it
_NOT_LATIN = re.compile("([^\x00-\xff]+)")
_CLAUSE_WORD, _CLAUSES_KEPT = 3, 3  # shorter words are too common to screen with; strongest clauses kept


@dataclass(frozen=True)
class Rule:
    """One compiled pattern: the fact kind it gives, its language, confidence and extra need."""

    kind: str
    lang: str
    regex: re.Pattern
    confidence: float
    needs: str | None
    skip_intent: bool
    clauses: tuple[frozenset[str], ...] = ()  # a match holds one word of each (see ``_needs``)


@dataclass(frozen=True)
class Kind:
    """What a kind needs besides its patterns: triggers, blockers, context, dedupe key, fixed subject."""

    name: str
    confidence: float
    dedupe: tuple[str, ...]
    trigger: re.Pattern
    intent: dict[str, re.Pattern]
    sense: dict[str, re.Pattern]
    context: dict[str, dict[str, re.Pattern]]
    subject: tuple[str, str] | None


@dataclass(frozen=True)
class Tables:
    """``status_cues.json`` compiled once per process."""

    kinds: dict[str, Kind]
    rules: tuple[Rule, ...]
    value_stop: dict[str, re.Pattern]
    value_det: dict[str, re.Pattern]
    money_units: frozenset[str]
    funding_bodies: frozenset[str]
    windows: dict[str, int]
    event_distance: int
    anaphora_discount: float
    event_words: re.Pattern


@cache
def cue_data() -> dict[str, Any]:
    """The raw cue table (``data/status_cues.json``)."""
    text = resources.files(__package__).joinpath("data", "status_cues.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def tables() -> Tables:
    """The cue table compiled: one regex per pattern, blockers and context per kind and language."""
    data = cue_data()
    kinds, rules = {}, []
    for name, spec in data["kinds"].items():
        kinds[name] = _kind(name, spec, data)
        for lang in LANGS:
            for item in spec["patterns"].get(lang, []):
                regex = _compile(item["re"], lang, data)
                conf, needs, skip = (
                    float(item["confidence"]),
                    item.get("needs"),
                    bool(item.get("skip_intent")),
                )
                rules.append(Rule(name, lang, regex, conf, needs, skip, _needs(regex)))
    return Tables(
        kinds=kinds,
        rules=tuple(rules),
        value_stop={lang: _words(data["value_stop"][lang]) for lang in LANGS},
        value_det={lang: re.compile(rf"^(?:{plain(data['value_determiners'][lang])})") for lang in LANGS},
        money_units=frozenset(data["money_units"]),
        funding_bodies=frozenset(data["funding_bodies"]),
        windows={k: int(data[f"{k}_window"]) for k in ("intent", "sense")},
        event_distance=int(data["event_distance"]),
        anaphora_discount=float(data["anaphora_discount"]),
        event_words=_words(data["event_words"]),
    )


def kind_confidences() -> dict[str, float]:
    """Default confidence of each status fact kind (each pattern may carry its own); reads the table
    without compiling it, so importing the store stays cheap."""
    return {name: float(spec["confidence"]) for name, spec in cue_data()["kinds"].items()}


def status_facts(record: dict[str, Any], event_key: Callable[[dict], str] | None = None) -> list[dict]:
    """The GCM status facts a record's body states (see the module docstring), in text order.

    The patterns of the record's language are used (all three when it is none of them): a French
    sentence read with the Spanish patterns finds look-alike words ('copreside avec ...').

    ``event_key`` turns a record event into its store id (``derive.event_id``); without it a funding
    fact is never tied to an event, only to countries.
    """
    body = record.get("body") or ""
    screen = _screen((record["lang"],) if record.get("lang") in LANGS else LANGS)
    low, spaced = _lowered(body)
    seen = screen.found(spaced)
    spots = _spots(record)
    masks = {MASK[s.mask] for s in spots} | {char for char in _MASKS if char in low}
    rules = screen.candidates({word for _, word in seen} | masks, range(len(screen.rules)))
    if not rules:  # no pattern can match anywhere: no masking, no sentence splitting
        return []
    view = _view(low, spots)
    doc = _Doc(record, body, view, spots, [s.start for s in spots], sentence_bounds(body), event_key)
    kinds, found = tables().kinds, []
    for index, words in _sentence_words(doc.bounds, seen, not screen.open.isdisjoint(rules)):
        start, end = doc.bounds[index]
        sentence, wanted = view[start:end], {}
        for i in screen.candidates(words | {char for char in masks if char in sentence}, rules):
            rule = screen.rules[i]
            if rule.kind not in wanted:
                wanted[rule.kind] = kinds[rule.kind].trigger.search(sentence) is not None
            if wanted[rule.kind]:
                for m in rule.regex.finditer(sentence):
                    found.extend(_read(_Hit(rule, m, doc, index, start)))
    return _deduped(found)


# --- screening: which rules can match, and in which sentences -------------------------------------


@dataclass(frozen=True)
class _Screen:
    """The rules of some languages and what screens them: one regex finding any word of their clauses,
    and for each such word the clause words it starts with (the regex reports the longest word at a
    position); the clauses (by number) each word or mask character is in, the clauses each rule
    needs, and the rules with no clause of words only (``open``: any sentence may hold them)."""

    rules: tuple[Rule, ...]
    finder: re.Pattern | None
    heads: dict[str, tuple[str, ...]]
    clauses_of: dict[str, frozenset[int]]
    needs: tuple[frozenset[int], ...]
    open: frozenset[int]

    def found(self, text: str) -> list[tuple[int, str]]:
        """Each occurrence (offset, word) of a clause word in ``text``, overlapping ones included."""
        out: list[tuple[int, str]] = []
        search, pos = (self.finder.search if self.finder else None), 0
        while search and (m := search(text, pos)):
            pos = m.start()
            out.extend((pos, word) for word in self.heads[m.group()])
            pos += 1
        return out

    def candidates(self, present: set[str], among: Iterable[int]) -> list[int]:
        """The rules ``among`` (indexes, in order) whose every clause has a word or mask in ``present``."""
        met = frozenset().union(*[self.clauses_of.get(word, ()) for word in present])
        return [i for i in among if self.needs[i] <= met]


@cache
def _screen(langs: tuple[str, ...]) -> _Screen:
    """The screen of the rules of ``langs`` (compiled once per language set)."""
    rules = tuple(rule for rule in tables().rules if rule.lang in langs)
    numbers = {c: n for n, c in enumerate(dict.fromkeys(c for rule in rules for c in rule.clauses))}
    clauses_of: dict[str, set[int]] = {}
    for clause, n in numbers.items():
        for word in clause:
            clauses_of.setdefault(word, set()).add(n)
    words = sorted(w for w in clauses_of if w not in _MASKS)
    heads = {w: tuple(h for h in words if w.startswith(h)) for w in words}
    finder = re.compile(trie_pattern(words)) if words else None
    needs = tuple(frozenset(numbers[c] for c in rule.clauses) for rule in rules)
    open_ = frozenset(i for i, rule in enumerate(rules) if all(c & _MASKS for c in rule.clauses))
    return _Screen(rules, finder, heads, {w: frozenset(n) for w, n in clauses_of.items()}, needs, open_)


def _lowered(body: str) -> tuple[str, str]:
    """The body lower-cased and accent-free, offset for offset (what the patterns read), and the same
    with each white space character a ' ' (what the screen reads)."""
    low = lower_view(body)
    try:  # a Latin-1 text maps byte for byte, with C-speed tables
        raw = low.encode("latin-1")
    except UnicodeEncodeError:
        low = plain(low)
        return low, _SPACE.sub(" ", low)
    plain_table, spaced_table = _latin_tables()
    return raw.translate(plain_table).decode("latin-1"), raw.translate(spaced_table).decode("latin-1")


def _sentence_words(bounds: list[tuple[int, int]], seen: list[tuple[int, str]], every: bool):
    """(index, clause words inside) of the sentences holding a clause word, or of ``every`` sentence."""
    starts = [start for start, _ in bounds]
    words: dict[int, set[str]] = {}
    for pos, word in seen:
        i = bisect_right(starts, pos) - 1
        if pos + len(word) <= bounds[i][1]:
            words.setdefault(i, set()).add(word)
    for i in range(len(bounds)) if every else sorted(words):
        yield i, words.get(i, set())


def _needs(regex: re.Pattern) -> tuple[frozenset[str], ...]:
    """Clauses a match of ``regex`` meets: it holds one word (or mask character) of each. Read off the
    parsed pattern, so a sentence is screened without running the pattern and no list can drift from
    it; a clause with a word shorter than ``_CLAUSE_WORD`` is left out (it would screen nothing)."""
    kept = []
    for clause in dict.fromkeys(_narrowed(c) for c in _clauses(_sre_parse.parse(regex.pattern).data)[0]):
        if all(w in _MASKS or (len(w.strip()) >= _CLAUSE_WORD and not _MASKS & set(w)) for w in clause):
            kept.append(clause)
    kept.sort(key=lambda c: (_strength(c), sorted(c)), reverse=True)
    words = [c for c in kept if not c & _MASKS][:_CLAUSES_KEPT]
    return tuple(c for c in kept if c in words or c & _MASKS)


def _clauses(items: list, after_space: bool = False) -> tuple[list[frozenset[str]], bool]:
    """The clauses of a parsed sequence (each run of literal characters, the clauses of the groups and
    alternations every match goes through) and whether a match ends with white space. White space is
    one ' ' in the screened text, so a run next to it takes it in: 'grants' after a space is ' grants',
    which 'migrants' does not hold. ``after_space``: the sequence is always preceded by white space."""
    out: list[frozenset[str]] = []
    run, space = ([" "] if after_space else []), after_space
    for op, av in [*items, (None, None)]:
        char = _literal(op, av)
        if char is not None:
            run.append(char)
            space = char == " "
            continue
        blank = op in _REPEATS and av[0] >= 1 and av[2].data == _BLANK.data
        if run or blank:
            out.append(frozenset(["".join(run) + (" " if blank else "")]))
        if op is None:  # the end
            break
        clauses, space = ([], True) if blank else _item(op, av, space)
        out += clauses
        run = [" "] if space else []
    return out, space


def _literal(op, av) -> str | None:
    """The character a parsed item always matches (white space as ' '), if it is one."""
    if op is _sre.IN and len(av) == 1 and av[0][0] is _sre.LITERAL:
        op, av = av[0]
    return _SPACE.sub(" ", chr(av)) if op is _sre.LITERAL else None


def _item(op, av, after_space: bool) -> tuple[list[frozenset[str]], bool]:
    """The clauses of one parsed item other than a literal, and whether it ends with white space."""
    if op is _sre.SUBPATTERN and not av[1] and not av[2]:
        return _clauses(av[3].data, after_space)
    if op in _REPEATS:
        if av[0] >= 1:
            return _clauses(av[2].data, after_space)[0], _clauses(av[2].data)[1]
        return [], after_space and _clauses(av[2].data, True)[1]
    if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
        chars = frozenset(_SPACE.sub(" ", chr(v)) for _, v in av)
        return [chars], chars == {" "}
    if op is _sre.BRANCH:
        branches = [_clauses(branch.data, after_space) for branch in av[1]]
        best = [max(clauses, key=_strength, default=None) for clauses, _ in branches]
        clauses = [_narrowed(frozenset().union(*best))] if all(best) else []
        return clauses, all(space for _, space in branches)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return [], after_space  # zero width
    return [], False


def _narrowed(clause: frozenset[str]) -> frozenset[str]:
    """A clause without the words that hold another of its words (that one is there whenever they are)."""
    return frozenset(w for w in clause if not any(o != w and o in w for o in clause))


def _strength(clause: frozenset[str]) -> tuple:
    """How well a clause screens: words of a usable length first, then long words, then few words."""
    usable = all(len(w.strip()) >= _CLAUSE_WORD or w in _MASKS for w in clause)
    return usable, not clause & _MASKS, min(map(len, clause)), -len(clause)


# --- compiling the table -------------------------------------------------------------------------


def plain(text: str) -> str:
    """``text`` without accents, one character for one (so offsets hold): 'é' -> 'e', 'œ' stays."""
    if text.isascii():
        return text
    parts = _NOT_LATIN.split(text)  # Latin-1 runs (even indexes) map byte for byte: fast
    table = _latin_tables()[0]
    parts[::2] = [p.encode("latin-1").translate(table).decode("latin-1") for p in parts[::2]]
    parts[1::2] = [p.translate({ord(c): _base(c) for c in set(p)}) for p in parts[1::2]]
    return "".join(parts)


@cache
def _latin_tables() -> tuple[bytes, bytes]:
    """``plain`` as a byte table over Latin-1 (every base of a Latin-1 character is Latin-1), and the
    same with white space (as ``\\s`` reads it) made ' '."""
    plain_table = bytes(ord(_base(chr(i))) for i in range(256))
    spaced = bytes(32 if _SPACE.match(chr(b)) else b for b in plain_table)
    return plain_table, spaced


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def _expand(pattern: str, lang: str, data: dict[str, Any]) -> str:
    """Replace {NAME} by its term (the language's, else 'all', else a mask), to a fixed point."""
    guards = {name: _GUARD.format(name) for name in data["guards"] if not name.startswith("_")}
    terms = {**BUILTIN_TERMS, **data["terms"]["all"], **data["terms"][lang], **guards}
    for _ in range(10):
        expanded = _TERM.sub(lambda m: terms[m.group(1)], pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError(f"status_cues.json: terms nest too deep in {pattern[:80]!r}")


def _compile(pattern: str, lang: str, data: dict[str, Any]) -> re.Pattern:
    """A pattern as a regex: terms expanded, accents dropped, any run of spaces allowed, word edges."""
    body = plain(_expand(pattern, lang, data)).replace(" ", r"\s+")
    for name, table in data["guards"].items():
        if not name.startswith("_"):
            body = body.replace(_GUARD.format(name), _lookbehinds(table[lang]))
    return re.compile(_EDGE_START + body + _EDGE_END)


def _lookbehinds(words: list[str]) -> str:
    """'Not right after any of ``words``': one lookbehind per word (Python needs them fixed-width)."""
    out = []
    for word in words:
        core = r"\s".join(re.escape(part) for part in plain(word).split())
        out.append(rf"(?<!\b{core})" if word.endswith("'") else rf"(?<!\b{core}\s)")
    return "".join(out)


def _words(alternation: str) -> re.Pattern:
    """A word list (regex alternation) matched on word edges, accent-free, spaces flexible."""
    return re.compile(_EDGE_START + plain(alternation).replace(" ", r"\s+") + _EDGE_END)


def _kind(name: str, spec: dict[str, Any], data: dict[str, Any]) -> Kind:
    """A kind's triggers, blockers (the shared intent list plus its own), context and fixed subject."""
    triggers = [re.escape(plain(w)).replace(re.escape("{MN}"), BUILTIN_TERMS["MN"]) for w in spec["triggers"]]
    extra = spec.get("intent_extra", {})
    intent = {lang: _words("|".join(filter(None, [data["intent"][lang], extra.get(lang)]))) for lang in LANGS}
    sense = {lang: _words(words) for lang, words in spec.get("sense", {}).items()}
    context = {part: {lang: _words(w) for lang, w in table.items()}
               for part, table in spec.get("context", {}).items()}  # fmt: skip
    subject = (spec["subject"]["type"], spec["subject"]["id"]) if spec.get("subject") else None
    return Kind(name, float(spec["confidence"]), tuple(spec["dedupe"]), re.compile("|".join(triggers)),
                intent, sense, context, subject)  # fmt: skip


# --- reading a record ----------------------------------------------------------------------------


class _Spot(NamedTuple):
    """A masked mention: where, what kind of mask, which entity."""

    start: int
    end: int
    mask: str
    type: str
    id: str


def _spots(record: dict[str, Any]) -> list[_Spot]:
    """Country and organisation mentions inside the body, sorted; the UN Network on Migration (the
    network kind's fixed subject) gets its own mask, for {MN}."""
    network = tables().kinds["network-established-in"].subject
    size = len(record.get("body") or "")
    spots = []
    for ent in record.get("entities") or []:
        if ent.get("type") not in ("country", "organization"):
            continue
        mask = "network" if network and ent["id"] == network[1] else ent["type"]
        for m in ent.get("mentions") or []:
            if (
                isinstance(m.get("start"), int)
                and isinstance(m.get("end"), int)
                and 0 <= m["start"] < m["end"] <= size
            ):
                spots.append(_Spot(m["start"], m["end"], mask, ent["type"], ent["id"]))
    return sorted(spots, key=lambda s: (s.start, s.end))


def _view(low: str, spots: list[_Spot]) -> str:
    """The body lower-cased and accent-free (``low``) masked, offset for offset (countries mask last:
    they win)."""
    if not spots:
        return low
    chars = list(low)
    for spot in sorted(spots, key=lambda s: s.mask == "country"):
        chars[spot.start : spot.end] = MASK[spot.mask] * (spot.end - spot.start)
    return "".join(chars)


@dataclass
class _Doc:
    record: dict[str, Any]
    body: str
    view: str
    spots: list[_Spot]
    starts: list[int]
    bounds: list[tuple[int, int]]
    event_key: Callable[[dict], str] | None

    def spots_in(self, start: int, end: int, types: tuple[str, ...] = ("country",)) -> list[_Spot]:
        """Masked mentions of ``types`` starting in [start, end), first of each entity, in text order."""
        i = bisect_left(self.starts, start)
        seen, out = set(), []
        for spot in self.spots[i:]:
            if spot.start >= end:
                break
            if spot.type in types and spot.id not in seen:
                seen.add(spot.id)
                out.append(spot)
        return out

    def span(self, index: int) -> tuple[int, int]:
        """Sentence ``index`` without its surrounding white space."""
        start, end = self.bounds[index]
        text = self.body[start:end]
        return start + len(text) - len(text.lstrip()), start + len(text.rstrip())


@dataclass
class _Hit:
    """One pattern match in one sentence, with what the builders need to turn it into facts."""

    rule: Rule
    m: re.Match
    doc: _Doc
    index: int
    offset: int

    def at(self, group: str) -> tuple[int, int] | None:
        """Body offsets of a group that took part in the match."""
        if group not in self.m.re.groupindex or self.m.start(group) < 0:
            return None
        return self.offset + self.m.start(group), self.offset + self.m.end(group)

    def text(self, group: str) -> str | None:
        """A group's text as written in the body, white space collapsed."""
        where = self.at(group)
        return " ".join(self.doc.body[where[0] : where[1]].split()) if where else None

    def countries(self) -> tuple[list[str], bool]:
        """Countries the match names (groups cs and partners), else an anaphor's; and whether anaphoric."""
        where = self.at("cs")
        if where:
            partners = self.at("partners")
            found = self.doc.spots_in(*where) + (self.doc.spots_in(*partners) if partners else [])
            return list(dict.fromkeys(s.id for s in found)), False
        if self.at("ana") and self.index > 0:
            previous = [s.id for s in self.doc.spots_in(*self.doc.bounds[self.index - 1])]
            return (previous, True) if len(previous) == 1 else ([], True)
        return [], False

    def fact(self, subject, obj, value, confidence=None, anaphoric=False) -> dict[str, Any]:
        """A fact dict shaped like ``derive._fact``'s, its span the sentence (and the previous one)."""
        start, end = self.doc.span(self.index)
        if anaphoric:
            start = self.doc.span(self.index - 1)[0]
        conf = self.rule.confidence if confidence is None else confidence
        return {"kind": self.rule.kind, "subject_type": subject[0], "subject_id": subject[1],
                "object_type": obj[0] if obj else None, "object_id": obj[1] if obj else None,
                "value": value, "span_start": start, "span_end": end,
                "confidence": round(conf, 3)}  # fmt: skip


def _read(hit: _Hit) -> list[dict]:
    """The facts of one match, or none when a blocker, a missing context or a missing need says so."""
    t, kind, lang = tables(), tables().kinds[hit.rule.kind], hit.rule.lang
    sentence = hit.m.string
    before = sentence[max(0, hit.m.start() - t.windows["intent"]) : hit.m.end()]
    if not hit.rule.skip_intent and kind.intent[lang].search(before):
        return []
    around = sentence[max(0, hit.m.start() - t.windows["sense"]) : hit.m.end() + t.windows["sense"]]
    if lang in kind.sense and kind.sense[lang].search(around):
        return []
    if kind.context and not _in_context(hit, kind.context, lang):
        return []
    return _BUILDERS[hit.rule.kind](hit)


def _in_context(hit: _Hit, context: dict[str, dict[str, re.Pattern]], lang: str) -> bool:
    """The sentence or a neighbour speaks of the Compact; an SDG sentence must name it explicitly."""
    bounds, i = hit.doc.bounds, hit.index
    near = hit.doc.view[bounds[max(i - 1, 0)][0] : bounds[min(i + 1, len(bounds) - 1)][1]]
    if not context["require"][lang].search(near):
        return False
    own = hit.m.string
    return not context["exclude"][lang].search(own) or bool(context["strong"][lang].search(own))


def _country_cue(hit: _Hit) -> list[dict]:
    """country-is-champion and country-reviewed-gcm: the countries named, the cue as value."""
    return _country_subjects(hit, None, hit.text("cue"))


def _country_subjects(hit: _Hit, obj, value) -> list[dict]:
    countries, anaphoric = hit.countries()
    conf = hit.rule.confidence * (tables().anaphora_discount if anaphoric else 1.0)
    return [hit.fact(("country", c), obj, value, conf, anaphoric) for c in countries]


def _network(hit: _Hit) -> list[dict]:
    """network-established-in: the table's fixed subject (UNNM), each country as object, the cue as value."""
    subject = tables().kinds[hit.rule.kind].subject
    countries, _ = hit.countries()
    return [hit.fact(subject, ("country", c), hit.text("cue")) for c in countries] if subject else []


def _co_chairs(hit: _Hit) -> list[dict]:
    """country-co-chairs: the initiative as value, the organisation named in it as object."""
    value, where = _initiative(hit)
    orgs = hit.doc.spots_in(*where, ("organization",)) if where else []
    return _country_subjects(hit, ("organization", orgs[0].id) if orgs else None, value)


def _initiative(hit: _Hit) -> tuple[str | None, tuple[int, int] | None]:
    """The body a country co-chairs (value group cut at a clause word, without its article) and its span."""
    where = hit.at("value")
    if not where:
        return None, None
    t, lang = tables(), hit.rule.lang
    start, end = where
    stop = t.value_stop[lang].search(hit.doc.view[start:end])
    end = start + stop.start() if stop else end
    det = t.value_det[lang].match(hit.doc.view[start:end])
    start += det.end() if det else 0
    words = hit.doc.body[start:end].split()[: cue_data()["value_max_words"]]
    value = " ".join(words).strip(" ,;:-–")
    return (value, (start, end)) if len(value) > 1 else (None, None)


def _funded(hit: _Hit) -> list[dict]:
    """organization-funded: each funder, each object, the money figure as value."""
    t, where = tables(), hit.at("fs")
    if not where:
        return []
    funders = hit.doc.spots_in(*where, ("country", "organization"))
    money = _money(hit)
    if hit.rule.needs == "money" and not money:
        return []
    if hit.rule.needs == "funder":
        funders = [f for f in funders if f.id in t.funding_bodies]
    objects = _funded_objects(hit, {f.id for f in funders})
    return [hit.fact((f.type, f.id), obj, money) for f in funders for obj in objects]


def _money(hit: _Hit) -> str | None:
    """The text of the money figure of the sentence nearest the cue, if any."""
    start, end = hit.doc.bounds[hit.index]
    cue = (hit.at("cue") or (start, start))[0]
    figures = [f for f in hit.doc.record.get("figures") or []
               if f.get("unit") in tables().money_units and start <= f.get("start", -1) < end]  # fmt: skip
    best = min(figures, key=lambda f: abs(f["start"] - cue), default=None)
    return best.get("text") if best else None


def _funded_objects(hit: _Hit, funders: set[str]) -> list[tuple[str, str] | None]:
    """The record's event when an event word is near the cue, else the sentence's other countries."""
    doc = hit.doc
    start, end = doc.bounds[hit.index]
    countries = [s.id for s in doc.spots_in(start, end) if s.id not in funders]
    event = _event_near(hit, countries) if doc.event_key else None
    if event is not None:
        return [("event", doc.event_key(event))]
    return [("country", c) for c in countries] or [None]


def _event_near(hit: _Hit, countries: list[str]) -> dict | None:
    """The record event the sentence speaks of near the cue: a generic event word ('the event'), or an
    event noun of that event's kind ('the workshop' for a workshop); one in a country of the sentence
    first. Why the distance and the kind: 'a training programme funded by...' is not the event."""
    events = hit.doc.record.get("events") or []
    if not events:
        return None
    t, doc = tables(), hit.doc
    start, end = doc.bounds[hit.index]
    cue = hit.at("cue") or (start, start)
    lo, hi = max(start, cue[0] - t.event_distance), min(end, cue[1] + t.event_distance)
    kinds = None  # a generic event word: any event
    if not t.event_words.search(doc.view, lo, hi):
        kinds = {m.payload for m in event_tables().nouns.find(doc.body[lo:hi])}
        if not kinds:
            return None
    fitting = [e for e in events if kinds is None or e.get("kind") in kinds or not e.get("kind")]
    return next((e for e in fitting if e.get("country") in countries), fitting[0] if fitting else None)


_BUILDERS: dict[str, Callable[[_Hit], list[dict]]] = {
    "country-is-champion": _country_cue,
    "network-established-in": _network,
    "country-co-chairs": _co_chairs,
    "organization-funded": _funded,
    "country-reviewed-gcm": _country_cue,
}


def _deduped(found: list[dict]) -> list[dict]:
    """One fact per kind's dedupe key (the most confident, then the first), in text order."""
    kinds = tables().kinds
    best: dict[tuple, dict] = {}
    for fact in sorted(found, key=lambda f: (-f["confidence"], f["span_start"])):
        fields = kinds[fact["kind"]].dedupe
        key = (fact["kind"], fact["subject_type"], fact["subject_id"],
               *((fact["object_type"], fact["object_id"]) if "object" in fields else ()),
               *((fold(fact["value"] or ""),) if "value" in fields else ()))  # fmt: skip
        best.setdefault(key, fact)
    return sorted(best.values(), key=lambda f: (f["span_start"], f["kind"], f["subject_id"]))
