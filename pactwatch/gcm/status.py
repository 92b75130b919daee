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
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..extract.events import event_tables
from ..extract.timeexpr import lower_view, sentence_bounds
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


@dataclass(frozen=True)
class Rule:
    """One compiled pattern: the fact kind it gives, its language, confidence and extra need."""

    kind: str
    lang: str
    regex: re.Pattern
    confidence: float
    needs: str | None
    skip_intent: bool


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
                rules.append(Rule(name, lang, regex, conf, needs, skip))
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
    t = tables()
    spots = _spots(record)
    view = _view(body, spots)
    if not any(kind.trigger.search(view) for kind in t.kinds.values()):
        return []
    doc = _Doc(record, body, view, spots, [s.start for s in spots], sentence_bounds(body), event_key)
    langs = (record["lang"],) if record.get("lang") in LANGS else LANGS
    rules = [rule for rule in t.rules if rule.lang in langs]
    found: list[dict] = []
    for index, (start, end) in enumerate(doc.bounds):
        sentence = view[start:end]
        wanted = {name for name, kind in t.kinds.items() if kind.trigger.search(sentence)}
        for rule in rules:
            if rule.kind in wanted:
                for m in rule.regex.finditer(sentence):
                    found.extend(_read(_Hit(rule, m, doc, index, start)))
    return _deduped(found)


# --- compiling the table -------------------------------------------------------------------------


def plain(text: str) -> str:
    """``text`` without accents, one character for one (so offsets hold): 'é' -> 'e', 'œ' stays."""
    if text.isascii():
        return text
    return text.translate({ord(c): _base(c) for c in set(text) if not c.isascii()})


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


@dataclass(frozen=True)
class _Spot:
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


def _view(body: str, spots: list[_Spot]) -> str:
    """The body lower-cased, accent-free and masked, offset for offset (countries mask last: they win)."""
    chars = list(plain(lower_view(body)))
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
