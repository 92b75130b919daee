"""The main event a document reports: name, kind, places, country, span and organisers.

The event is the first event noun ('dialogue', 'conference', 'taller'…, kept with their
kinds in ``data/events.json``) in the opening sentences; its organisers are the
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
from .cues import person_cues

OPENING_SENTENCES = 3
NAME_MAX_WORDS = 16
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?=\s|$)|$)")
NAME_STOP = re.compile(r"[.;:()«»“”\"]|,\s(?!\w+\s(?:et|and|y)\s\w+\b)|\s[–—-]\s|\s(?:à|in|en|au|at)\s(?=[A-ZÀ-Ý])")


@dataclass(frozen=True)
class EventTables:
    """Matchers for event nouns (payload: kind), organiser verbs and agent markers."""

    nouns: PhraseMatcher
    subject_verb: re.Pattern
    agent_marker: re.Pattern


@cache
def event_tables() -> EventTables:
    """Load ``events.json`` once per process."""
    data = json.loads(resources.files(__package__).joinpath("data", "events.json").read_text("utf-8"))
    nouns = PhraseMatcher()
    for kind, words in data["kinds"].items():
        for word in words:
            nouns.add(word, kind, CASE_ANY)
    cues = data["organiser_cues"]
    return EventTables(nouns, _alternation(cues["subject_verbs"]), _alternation(cues["agent_markers"]))


def _alternation(phrases: list[str]) -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p).replace("'", "['’]").replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (a rough split: enough to scope an event's cues)."""
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def event_name(body: str, start: int) -> str:
    """The event noun phrase starting at ``start``, cut at the clause end or a place."""
    rest = body[start : start + 400]
    stop = NAME_STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    words = phrase.split()
    return " ".join(words[:NAME_MAX_WORDS]).rstrip(" ,")


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
        name, kind = event_name(doc.body, s_start + match.start), match.payload
        places = place_names(doc, s_start, s_end)
    doc.events = [{
        "name": name,
        "kind": kind,
        "places": [p["name"] for p in places],
        "country": next((p.get("country") for p in places if p.get("country")), None),
        "start": span.get("start"),
        "end": span.get("end"),
        "organizers": organisers(doc),
    }]
