"""The main event a document reports: name, kind, places, country, span and organisers.

The event is the first event noun ('dialogue', 'conference', 'taller'…, kept with their
kinds in ``data/events.json``) in the opening sentences; its name is the noun phrase from
there (with the capitalised words of a proper name before it: 'International Migration
Review Forum'), cut where the lead goes on with a verb, a relative clause, an adjunct or a
date ('s'est conclu', 'hizo suyo', 'qui', 'prévu en 2026'; per-language tables in the
same file) and never ending on a preposition or article; its organisers are the
countries and organisations in the subject of an 'organise/host' verb or after an agent
marker ('organisé par', 'hosted by', 'con el apoyo de'); its places are those named in
its sentence, else the dateline's; its span is ``dates.event``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..document import Document
from ..text.matching import CASE_ANY, PhraseMatcher
from ..text.normalize import fold
from .cues import person_cues

OPENING_SENTENCES = 3
NAME_MAX_WORDS = 20
LEFT_MAX_WORDS = 4
LEFT_CAPITALISED = re.compile(rf"(?:[A-ZÀ-Ý][\w'’-]*\s+){{1,{LEFT_MAX_WORDS}}}$")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?=\s|$)|$)")
NAME_STOP = re.compile(
    r"[.;:()«»“”\"]|,\s(?!\w+\s(?:et|and|y)\s\w+\b)|\s[–—-]\s|\s(?:à|in|en|au|at)\s(?=[A-ZÀ-Ý])"
)


@dataclass(frozen=True)
class EventTables:
    """Matchers for event nouns (payload: kind), organiser verbs and agent markers."""

    nouns: PhraseMatcher
    subject_verb: re.Pattern
    agent_marker: re.Pattern


@dataclass(frozen=True)
class NameLimits:
    """Where an event name stops in one language: a pattern of stops, and words it never ends on."""

    stop: re.Pattern
    dangling: frozenset[str]
    left_stops: frozenset[str]


@cache
def _events_data() -> dict:
    return json.loads(resources.files(__package__).joinpath("data", "events.json").read_text("utf-8"))


@cache
def event_tables() -> EventTables:
    """Load ``events.json`` once per process."""
    data = _events_data()
    nouns = PhraseMatcher()
    for kind, words in data["kinds"].items():
        for word in words:
            nouns.add(word, kind, CASE_ANY)
    cues = data["organiser_cues"]
    return EventTables(nouns, _alternation(cues["subject_verbs"]), _alternation(cues["agent_markers"]))


def _alternation(phrases: list[str]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_phrases(phrases)})(?!\w)", re.IGNORECASE)


@cache
def name_limits(lang: str | None) -> NameLimits:
    """The name stops of ``lang``; of all three languages when it is unknown.

    With all languages, a word that is a stop in one and a preposition or article in
    another (French 'a' has, Spanish 'a' to) is left out: it cannot be told apart.
    """
    data = _events_data()["name_limits"]
    langs = [lang] if lang in data["verbs"] else sorted(data["verbs"])

    def pick(key: str) -> list[str]:
        return [w for code in langs for w in data[key].get(code, [])]

    dangling = pick("dangling")
    words = [w for w in pick("verbs") + pick("adjuncts") if len(langs) == 1 or w not in dangling]
    edge = r"(?<![\w'’-])"
    alternatives = [rf"{edge}(?:{_phrases(words)})(?![\w'’-])"]
    if pick("clitic_prefixes"):
        alternatives.append(rf"{edge}(?:{_phrases(pick('clitic_prefixes'))})(?=\w)")
    if pick("verb_suffixes"):
        alternatives.append(rf"{edge}[a-zà-ÿ]{{2,}}(?:{_phrases(pick('verb_suffixes'))})(?![\w'’-])")
    alternatives.append(rf"{edge}(?:{_phrases(pick('before_number'))})\s+(?=\d)")
    return NameLimits(
        stop=re.compile("|".join(alternatives)),
        dangling=frozenset(fold(w) for w in dangling),
        left_stops=frozenset(data["left_stops"]),
    )


def _phrases(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace("'", "['’]").replace(r"\ ", r"\s+") for p in ordered)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (a rough split: enough to scope an event's cues)."""
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def event_name(body: str, start: int, lang: str | None = None, floor: int = 0) -> str:
    """The event noun phrase starting at ``start``: cut at the clause end, a place, a verb or an
    adjunct, at most NAME_MAX_WORDS words, never ending on a preposition or article.

    A capitalised noun takes the capitalised words before it, back to ``floor`` (the sentence
    start): 'the first International Migration Review Forum' names the 'International
    Migration Review Forum'.
    """
    limits = name_limits(lang)
    rest = body[start : start + 400]
    stop = NAME_STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    first_space = re.search(r"\s", phrase)
    cut = limits.stop.search(phrase, first_space.start()) if first_space else None
    phrase = phrase[: cut.start()] if cut else phrase
    words = phrase.split()[:NAME_MAX_WORDS]
    while len(words) > 1 and fold(words[-1].rstrip(" ,")) in limits.dangling:
        words.pop()
    return " ".join(_left_words(body, start, floor, limits) + words).rstrip(" ,")


def _left_words(body: str, start: int, floor: int, limits: NameLimits) -> list[str]:
    """The capitalised words right before a capitalised event noun, after any determiner."""
    if not body[start : start + 1].isupper():
        return []
    found = LEFT_CAPITALISED.search(body, floor, start)
    words = found.group().split() if found else []
    kept: list[str] = []
    for word in reversed(words):
        if word in limits.left_stops:
            break
        kept.insert(0, word)
    return kept


def entity_ids_in(doc: Document, start: int, end: int, kinds: tuple[str, ...]) -> list[str]:
    """Ids of entities of ``kinds`` mentioned in [start, end), in text order."""
    found = []
    for entity in doc.entities:
        if entity.get("type") not in kinds:
            continue
        firsts = [m["start"] for m in entity.get("mentions", []) if start <= m["start"] < end]
        if firsts:
            found.append((min(firsts), entity["id"]))
    return [i for _, i in sorted(found)]


def organisers(doc: Document) -> list[str]:
    """Countries and organisations that organised, hosted or supported the event."""
    tables, body = event_tables(), doc.body
    ids: list[str] = []
    for start, end in sentences(body):
        text = body[start:end]
        verb = tables.subject_verb.search(text)
        if verb:
            ids += entity_ids_in(doc, start, start + verb.start(), ("country", "organization"))
        for marker in tables.agent_marker.finditer(text):
            clause_end = re.search(r"[.;]|,\s(?!(?:du|de|des|of|del)\b)", text[marker.end() :])
            stop = marker.end() + (clause_end.start() if clause_end else len(text))
            ids += entity_ids_in(doc, start + marker.end(), start + stop, ("country", "organization"))
        if ids:
            break
    return list(dict.fromkeys(ids))


def place_names(doc: Document, start: int, end: int) -> list[dict]:
    """Places named in [start, end); the dateline's places when there are none."""
    places = [e for e in doc.entities_of("place") if any(start <= m["start"] < end for m in e["mentions"])]
    if places:
        return [{"name": p["name"], "country": p.get("country")} for p in places]
    return list((doc.dateline or {}).get("places") or [])


def main_event_noun(doc: Document):
    """(sentence span, noun match) of the first event noun in the opening sentences, or None."""
    nouns = event_tables().nouns
    speech = person_cues().speech_verb
    for start, end in sentences(doc.body)[:OPENING_SENTENCES]:
        text = doc.body[start:end]
        for match in nouns.find(text):
            if not speech.search(text[max(0, match.start - 15) : match.start]):
                return (start, end), match
    return None


def event_stage(doc: Document) -> None:
    """Set ``doc.events`` to the main event (empty when the document reports none)."""
    found = main_event_noun(doc)
    span = (doc.dates or {}).get("event") or {}
    if found is None and not span:
        doc.events = []
        return
    name, kind, places = None, None, list((doc.dateline or {}).get("places") or [])
    if found:
        (s_start, s_end), match = found
        name, kind = event_name(doc.body, s_start + match.start, doc.lang, s_start), match.payload
        places = place_names(doc, s_start, s_end)
    doc.events = [
        {
            "name": name,
            "kind": kind,
            "places": [p["name"] for p in places],
            "country": next((p.get("country") for p in places if p.get("country")), None),
            "start": span.get("start"),
            "end": span.get("end"),
            "organizers": organisers(doc),
        }
    ]
