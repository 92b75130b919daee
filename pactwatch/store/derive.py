"""What the store keeps from one record: entity rows, document links, mentions and facts.

Pure functions over a CONTRACT.md record, so the SQLite backend (and a later PostgreSQL
one) only writes rows, and the rules that turn a record into facts are tested without a
database. Entities are resolved across documents by their contract ids (persons by
slug, organisations by canonical id, countries by ISO3, places by slug); events have no
contract id, so one is made from what does not depend on the language of the text:
start and end dates and host country ("IMRF 2022" in French and in English give the
same id).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..gcm.status import kind_confidences, status_facts
from ..text.normalize import fold, slug, strip_accents

ENTITY_TYPES = ("country", "organization", "person", "place", "event")
# confidences of facts read straight from the record's structure; objective and principle
# facts carry the mapper's own score instead; GCM status facts (champion, network, co-chair, funding,
# voluntary review: pactwatch/gcm/status.py) default to their cue table's and carry their pattern's
CONFIDENCE = {
    "person-holds-title": 0.8,
    "person-affiliated-with": 0.7,
    "person-quoted": 0.9,
    "event-hosted-in": 0.8,
    "organization-organised-event": 0.7,
    "event-held-in-place": 0.7,
    **kind_confidences(),
}


@dataclass
class Derived:
    """Rows for one document: entities to merge, links (for facets and filters), mentions, facts."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    links: list[tuple[str, str, float | None]] = field(default_factory=list)
    mentions: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)


def event_id(event: dict[str, Any]) -> str:
    """A language-independent id for an event: its dates and where (country, else first place).

    Why not its name or kind: the French and English reports of one forum name and classify
    it differently ("Forum régional d'examen" / "regional review forum"); dates and host
    do not. An undated event falls back to its kind and name.
    """
    places = event.get("places") or []
    where = event.get("country") or (slug(places[0]) if places else "")
    if event.get("start"):
        parts = ["event", event["start"], event.get("end") or "", where]
    else:
        parts = ["event", event.get("kind") or "", slug(event.get("name") or ""), where]
    return slug("-".join(p for p in parts if p))


def date_key(record: dict[str, Any]) -> str | None:
    """The date a document is filtered and sorted by: when it was published, else its event's start."""
    dates = record.get("dates") or {}
    published = dates.get("published") or {}
    event = dates.get("event") or {}
    return published.get("value") or published.get("earliest") or event.get("start")


def better_name(old: str, new: str) -> str:
    """The name to keep for an entity seen twice: the accented spelling, else the longer one.

    Why: "Antonio Vitorino" and "António Vitorino" share a slug; the accented form is the
    person's own spelling.
    """
    old_marks = len(old) - len(strip_accents(old))
    new_marks = len(new) - len(strip_accents(new))
    if new_marks != old_marks:
        return new if new_marks > old_marks else old
    return new if len(new) > len(old) else old


def derive(record: dict[str, Any], extractor_version: str) -> Derived:
    """Entities, links, mentions and facts of one record (see the module docstring)."""
    out = Derived()
    kinds = {}
    for ent in record.get("entities") or []:
        kinds[ent["id"]] = ent["type"]
        data = {k: ent[k] for k in ("titles", "affiliations") if ent.get(k)}
        out.entities.append(
            {
                "type": ent["type"],
                "id": ent["id"],
                "name": ent["name"],
                "country": ent.get("country"),
                "data": data,
            }
        )
        out.links.append((ent["type"], ent["id"], float(len(ent.get("mentions") or []))))
        for m in ent.get("mentions") or []:
            out.mentions.append((ent["type"], ent["id"], m["start"], m["end"], m["text"]))
    for obj in record.get("objectives") or []:
        out.links.append(("objective", str(obj["id"]), obj.get("score")))
    for pri in record.get("principles") or []:
        out.links.append(("principle", str(pri["id"]), pri.get("score")))
    if record.get("lang"):
        out.links.append(("lang", record["lang"], None))
    _events(record, out, kinds)
    out.facts = [_finish(f, record, extractor_version) for f in _facts(record, kinds)]
    return out


def _events(record: dict[str, Any], out: Derived, kinds: dict[str, str]) -> None:
    """Event entities and links (events have no mention spans in the record)."""
    for event in record.get("events") or []:
        eid = event_id(event)
        kinds[eid] = "event"
        data = {k: event.get(k) for k in ("kind", "start", "end", "places", "organizers") if event.get(k)}
        data["names"] = [event.get("name")] if event.get("name") else []
        name = event.get("name") or eid
        out.entities.append(
            {"type": "event", "id": eid, "name": name, "country": event.get("country"), "data": data}
        )
        out.links.append(("event", eid, None))


def _facts(record: dict[str, Any], kinds: dict[str, str]) -> list[dict[str, Any]]:
    """The facts a record states, before provenance is added."""
    facts: list[dict[str, Any]] = []
    for ent in record.get("entities") or []:
        if ent["type"] == "person":
            facts.extend(_person_facts(ent))
    for quote in record.get("quotes") or []:
        if quote.get("speaker_id"):
            facts.append(
                _fact("person-quoted", ("person", quote["speaker_id"]), None, quote.get("text"),
                      (quote.get("start"), quote.get("end")))
            )  # fmt: skip
    for obj in record.get("objectives") or []:
        facts.append(_scored("document-serves-objective", "objective", str(obj["id"]), obj))
    for pri in record.get("principles") or []:
        facts.append(_scored("document-serves-principle", "principle", str(pri["id"]), pri))
    for event in record.get("events") or []:
        facts.extend(_event_facts(event, kinds))
    facts.extend(status_facts(record, event_key=event_id))
    return facts


def _person_facts(ent: dict[str, Any]) -> list[dict[str, Any]]:
    """person-holds-title (with the affiliation as object when there is one) and person-affiliated-with."""
    span = _first_span(ent)
    affiliations = ent.get("affiliations") or []
    facts = []
    titles = ent.get("titles") or []
    paired = len(titles) == len(affiliations)  # the record does not link titles to affiliations otherwise
    for i, title in enumerate(titles):
        org = affiliations[i] if paired else None
        facts.append(
            _fact("person-holds-title", ("person", ent["id"]), org and ("organization", org), title, span)
        )
    for org in affiliations:
        facts.append(
            _fact("person-affiliated-with", ("person", ent["id"]), ("organization", org), None, span)
        )
    return facts


def _event_facts(event: dict[str, Any], kinds: dict[str, str]) -> list[dict[str, Any]]:
    """event-hosted-in (country), event-held-in-place and organization-organised-event."""
    eid = ("event", event_id(event))
    facts = []
    if event.get("country"):
        facts.append(_fact("event-hosted-in", eid, ("country", event["country"]), None, (None, None)))
    for place in event.get("places") or []:
        facts.append(_fact("event-held-in-place", eid, ("place", slug(place)), place, (None, None)))
    for organizer in event.get("organizers") or []:
        kind = kinds.get(
            organizer, "country" if len(organizer) == 3 and organizer.isupper() else "organization"
        )
        facts.append(_fact("organization-organised-event", (kind, organizer), eid, None, (None, None)))
    return facts


def _fact(kind, subject, obj, value, span, confidence=None) -> dict[str, Any]:
    """A fact dict before provenance (document, extractor version, date)."""
    return {
        "kind": kind,
        "subject_type": subject[0],
        "subject_id": subject[1],
        "object_type": obj[0] if obj else None,
        "object_id": obj[1] if obj else None,
        "value": value,
        "span_start": span[0],
        "span_end": span[1],
        "confidence": CONFIDENCE.get(kind, 0.5) if confidence is None else confidence,
    }


def _scored(kind: str, obj_type: str, obj_id: str, item: dict[str, Any]) -> dict[str, Any]:
    """A document-serves-objective/principle fact, its span the first evidence sentence."""
    evidence = item.get("evidence") or [{}]
    span = (evidence[0].get("start"), evidence[0].get("end"))
    return _fact(kind, ("document", ""), (obj_type, obj_id), None, span, float(item.get("score") or 0.0))


def _first_span(ent: dict[str, Any]) -> tuple[int | None, int | None]:
    """The first mention's span of an entity, or (None, None)."""
    mentions = ent.get("mentions") or []
    return (mentions[0]["start"], mentions[0]["end"]) if mentions else (None, None)


def _finish(fact: dict[str, Any], record: dict[str, Any], extractor_version: str) -> dict[str, Any]:
    """Add provenance and a stable key (same statement, same document -> same key across re-extractions)."""
    if fact["subject_type"] == "document":
        fact["subject_id"] = record["id"]
    fact["observed_on"] = date_key(record)
    fact["extractor_version"] = extractor_version
    fact["fact_key"] = fact_key(fact, record["source"])
    return fact


def fact_key(fact: dict[str, Any], source: str) -> str:
    """A hash of what a fact says and where it was read: the identity used to keep reviews.

    The source (not the record id) is part of it so that a fact reviewed on one version of
    a page is recognised again after re-extraction or in the next version of that page.
    """
    parts = [source, fact["kind"], fact["subject_type"], fact["subject_id"], fact["object_type"],
             fact["object_id"], fact["value"]]  # fmt: skip
    if fact["subject_type"] == "document":
        parts[3] = ""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:24]


def merge_entity(old_name: str, old_data: dict[str, Any], new: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An entity seen again: the better name; list fields (titles, affiliations, names...) united in order."""
    data = dict(old_data)
    for key, value in new["data"].items():
        if isinstance(value, list):
            data[key] = _united([*(data.get(key) or []), *value])
        else:
            data.setdefault(key, value)
    if new["type"] == "event":  # event names differ by language: keep all, show the first
        return old_name, data
    return better_name(old_name, new["name"]), data


def _united(items: list[Any]) -> list[Any]:
    """Items in first-seen order without repeats; strings compared folded (case, accents, apostrophes)."""
    seen, out = set(), []
    for item in items:
        key = fold(item) if isinstance(item, str) else json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
