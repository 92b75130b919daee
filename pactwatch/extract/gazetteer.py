"""The ``entities`` stage: countries, organisations and places found in the body.

One pass of one gazetteer over the body's words finds, longest match first, the canonical and other
well-known organisations (names and acronyms in any language), the countries (CLDR names, state names,
adjectives), the stop phrases that only look like countries ('golfe de Guinée', 'francs suisses') and
the places whose name holds a country's ('Ciudad de Panamá'). Because matches do not overlap,
'Réseau des Nations Unies sur les migrations' is UNNM and not UN as well, and 'Organisation des États
américains' is OAS and not the United States. Then: the rules of each country phrase (person names,
language names, articles), the state forms ('le Royaume du Maroc'), other organisations by their head
noun ('Mission permanente du Royaume du Maroc'), their acronyms in parentheses, and cities after a
place preposition ('à Gand'). The dateline's places are always place entities. Some rules read the
whole document (``knowledge.org_context``, ``knowledge.subnational``): the ambiguous acronyms it
defines ('Danish Refugee Council (DRC)'), 'the Council' of the EU, the country a named body belongs to
("Kenya's Ministry of Interior" -> an organisation with ``country``), and whether 'Georgia' is the US
state. Other scripts: a Han character is a word, so Chinese names are found inside runs of characters
(``knowledge.scripts``); Arabic prefixes joined to a name are cut off it ('وغانا', ``knowledge.arabic``);
Russian names also match in their case forms ('Ганы', ``knowledge.russian``).

Reads ``body``, ``lang``, ``dateline``; appends contract-shaped dicts to ``entities``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from ..document import Document, mention
from ..knowledge import load_json, load_tsv
from ..knowledge.arabic import split_clitics
from ..knowledge.geo import (
    CASE_TITLE,
    Entry,
    Gazetteer,
    TokenStream,
    adjective_ok,
    context_codes,
    country_entries,
    country_name,
    lookup_place,
    place_index,
    place_key,
    rule_allows,
    state_form_start,
)
from ..knowledge.org_context import (
    acronym_spans,
    council_rules,
    defined_acronyms,
    eu_council,
    owner_countries,
)
from ..knowledge.orgs import (
    acronym_ok,
    canonical_name,
    head_phrases,
    known_acronyms,
    named_bodies,
    org_phrases,
    parenthesised_acronym,
    standalone_ok,
)
from ..knowledge.scripts import has_arabic, phrase_keys
from ..knowledge.subnational import drop_subnational
from ..text.matching import CASE_ANY, Match
from ..text.normalize import fold, slug

__all__ = ["entity_stage", "find_countries", "find_organizations", "lookup_place", "country_name", "scan"]


@cache
def entity_gazetteer() -> Gazetteer:
    """The one gazetteer of the stage: canonical organisations, countries, stop phrases, place aliases."""
    g = Gazetteer()
    for phrase, entry, case in _phrases():
        g.add(phrase, entry, case)
    return g


def _phrases() -> Iterator[tuple[str, Entry, Any]]:
    """Every phrase of the gazetteer as ``(phrase, entry, case rule)``."""
    for phrase, case, org_id, flag in org_phrases():
        yield phrase, Entry("org", (org_id,), extra=flag), case
    for phrase, case, entry in country_entries():
        yield phrase, entry, case
    for phrase, case, lang, standalone in head_phrases():
        yield phrase, Entry("head", (lang,), extra="standalone" if standalone else ""), case
    for row in load_tsv("entity_stoplist.tsv"):
        yield row["phrase"], Entry("block"), CASE_ANY
    for row in load_tsv("place_aliases.tsv"):
        yield row["name"], Entry("place", (row["iso3"],)), CASE_TITLE


@cache
def arabic_words() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Keys of the first words of the gazetteer's Arabic phrases, and the pairs of keys of the words
    that follow each other in them: where a word joined to a prefix may be cut, and where not
    (``knowledge.arabic.split_clitics``)."""
    keys = [k for k in (phrase_keys(p) for p, _, _ in _phrases() if has_arabic(p)) if k]
    pairs = frozenset(pair for k in keys for pair in zip(k, k[1:], strict=False))
    return frozenset(k[0] for k in keys), pairs


def token_stream(text: str) -> TokenStream:
    """The words of ``text``; in Arabic text, with the prefixes joined to a name cut off it
    ('وغانا' -> 'و' + 'غانا')."""
    stream = TokenStream(text)
    return split_clitics(stream, *arabic_words()) if has_arabic(text) else stream


@dataclass
class Found:
    """What one scan found, as character spans: countries, organisations (id, name), places, and the
    country of the named bodies whose text says it (``org_countries``, keyed by the body's span)."""

    countries: list[tuple[int, int, str]] = field(default_factory=list)
    orgs: list[tuple[int, int, str, str]] = field(default_factory=list)
    places: list[tuple[int, int, str, str]] = field(default_factory=list)
    org_countries: dict[tuple[int, int], str] = field(default_factory=dict)


def scan(text: str, lang: str | None = None) -> Found:
    """Countries, organisations and places in ``text`` (``lang``: ISO 639-1 of the text, if known)."""
    stream, found = token_stream(text), Found()
    canon: set[int] = set()
    taken: set[int] = set()
    candidates: list[tuple[int, int, Entry]] = []
    heads: list[tuple[int, int, str, bool]] = []
    hits: list[tuple[int, int, str]] = []
    for i, j, entry in entity_gazetteer().scan(stream, partial(_rank, lang=lang)):
        if entry.kind == "org":
            if _org_ok(stream, i, j, entry):
                found.orgs.append((stream.starts[i], stream.ends[j - 1], entry.codes[0], entry.extra))
                canon.update(range(i, j))
                hits.append((i, j, entry.codes[0]))
        elif entry.kind == "place":
            found.places.append((stream.starts[i], stream.ends[j - 1], stream.span(i, j), entry.codes[0]))
            taken.update(range(i, j))
        elif entry.kind == "head":
            heads.append((i, j, entry.codes[0], entry.extra == "standalone"))
        elif entry.kind == "block":
            taken.update(range(i, j))
        elif rule_allows(stream, i, j, lang) and (entry.kind != "adj" or adjective_ok(stream, i, j, entry)):
            candidates.append((i, j, entry))
            taken.update(range(i, j))
    found.orgs = _if_named(found.orgs)
    found.orgs += _document_orgs(stream, hits, candidates)
    found.countries = _resolve_countries(stream, drop_subnational(stream, candidates))
    named = _named_orgs(stream, heads, canon, lang)
    found.org_countries = owner_countries(text, named, found.countries)
    found.orgs += named
    for i, j, name, iso3 in cue_places(stream, taken | canon):
        found.places.append((stream.starts[i], stream.ends[j - 1], name, iso3))
    return found


def _document_orgs(
    stream: TokenStream, hits: list[tuple[int, int, str]], candidates: list[tuple[int, int, Entry]]
) -> list[tuple[int, int, str, str]]:
    """Organisations that need the whole document: the ambiguous acronyms it defines ('Danish Refugee
    Council (DRC)': every 'DRC' is then the council, and no country: ``candidates`` loses them) and
    'the Council' of the EU."""
    out = []
    acronyms = defined_acronyms(stream, hits)
    if acronyms:
        candidates[:] = [c for c in candidates if stream.span(c[0], c[1]) not in acronyms]
        out += [(s, e, org_id, "") for s, e, org_id in acronym_spans(stream.text, acronyms)]
    for k in eu_council(stream, hits):
        out.append((stream.starts[k], stream.ends[k], council_rules()["id"], ""))
    return out


def _if_named(orgs: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The canonical mentions ``(start, end, id, flag)`` of the pass, without the short names flagged
    'if_named' ('移民组织') of a body the document names no other way; flags become written names ('')."""
    named = {org_id for _, _, org_id, flag in orgs if flag != "if_named"}
    return [(s, e, org_id, "") for s, e, org_id, flag in orgs if flag != "if_named" or org_id in named]


def _rank(stream: TokenStream, i: int, j: int, entry: Entry, lang: str | None) -> int:
    """Which of the entries of one phrase to read (lowest first) when a form is an adjective in two
    languages: the document's language decides (French 'Philippine' is a first name, English
    'Philippine' an adjective); else an adjective whose rules hold ('Kenyan' in a text of unknown
    language is English, not French 'kenyan', which would need its lower case)."""
    if entry.kind != "adj" or entry.lang == lang:
        return 0
    return 1 if adjective_ok(stream, i, j, entry) else 2


def _org_ok(stream: TokenStream, i: int, j: int, entry: Entry) -> bool:
    surface = stream.span(i, j)
    if surface.isupper() and " " not in surface and not acronym_ok(stream, i, j):
        return False
    return entry.extra != "standalone" or standalone_ok(stream, j)


def _resolve_countries(
    stream: TokenStream, candidates: list[tuple[int, int, Entry]]
) -> list[tuple[int, int, str]]:
    """One code per mention. An ambiguous name ('Congo') goes to a code the document names without
    ambiguity ('la RDC'), else to its first code; an ambiguous adjective ('congolais') goes to a code
    named in the document, else is dropped."""
    candidates = [(i, j, e._replace(codes=context_codes(stream, i, j) or e.codes)) for i, j, e in candidates]
    sure = {e.codes[0] for _, _, e in candidates if len(e.codes) == 1}
    named = sure | {
        next((c for c in e.codes if c in sure), e.codes[0]) for _, _, e in candidates if e.kind != "adj"
    }
    out = []
    for i, j, entry in candidates:
        pool = sure if entry.kind != "adj" else named
        codes = [c for c in entry.codes if c in pool] or (
            list(entry.codes[:1]) if entry.kind != "adj" else []
        )
        if codes:
            start = state_form_start(stream, i) if entry.kind == "name" else i
            end = stream.ends[j - 1]
            if entry.kind == "abbr" and stream.text[end : end + 1] == "." and "." in stream.span(i, j):
                end += 1  # 'EE. UU.', 'U.S.': the final dot is part of the abbreviation
            elif stream.text[end : end + 1] == "\uff09" and "\uff08" in stream.span(i, j):
                end += 1  # '刚果（金）': the closing bracket is part of the name
            out.append((stream.starts[start], end, codes[0]))
    return out


def _named_orgs(
    stream: TokenStream, heads: list[tuple[int, int, str, bool]], canon: set[int], lang: str | None
) -> list[tuple[int, int, str, str]]:
    """Organisations named by a head noun, with the acronym given in parentheses and its later uses."""
    out, acronyms = [], {}
    for i, j in named_bodies(stream, heads, canon, lang):
        name = stream.span(i, j)
        out.append((stream.starts[i], stream.ends[j - 1], org_slug(name), name))
        acro = parenthesised_acronym(stream, j)
        if acro and acro[2] not in acronyms and acro[2] not in known_acronyms():
            acronyms[acro[2]] = (org_slug(name), name)
    for acro, (org_id, name) in acronyms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acro)}(?![\w-])", stream.text):
            out.append((m.start(), m.end(), org_id, name))
    return out


# ---- places after a preposition ----------------------------------------------------------------


@cache
def place_rules() -> dict[str, Any]:
    """``place_rules.json`` with its word lists folded into sets."""
    raw = load_json("place_rules.json")
    return {k: (frozenset(fold(w) for w in v) if isinstance(v, list) else v) for k, v in raw.items()}


def _place_candidate(stream: TokenStream, i: int, n: int) -> str | None:
    """The surface of tokens ``i:i+n`` if shaped like a place name ('Addis-Abeba', 'Ciudad de Panamá')."""
    inner = place_rules()["inner_words"]
    for k in range(i, i + n):
        if k > i and not stream.glued(k):
            return None
        if not stream.upper(k) and (k in (i, i + n - 1) or stream.keys[k] not in inner):
            return None
    return stream.span(i, i + n)


def cue_places(stream: TokenStream, taken: set[int]) -> list[tuple[int, int, str, str]]:
    """Known cities after a place preposition ('à Gand', 'in Accra', 'desde Tapachula'), as token spans.

    ``taken`` holds the token indices already used by countries, organisations and stop phrases. A city
    must be in GeoNames with enough people (or an alias), not a common word, not glued to a following
    capitalised word (a person: 'Florence Kim'), and not the place of a named instrument ('Accord de
    Paris', 'the Rabat Process').
    """
    rules, keys, text, starts = place_rules(), stream.keys, stream.text, stream.starts
    cues, out = rules["cues"], []
    for t in [t for t, k in enumerate(keys[:-1]) if k in cues]:
        if t + 1 in taken or not text[starts[t + 1]].isupper():
            continue
        if keys[t] in ("de", "d", "del", "da", "do") and t > 0 and _names_before(stream, t, rules):
            continue
        hit = _place_after(stream, t + 1, taken, rules)
        if hit:
            out.append(hit)
    return out


def _names_before(stream: TokenStream, t: int, rules: dict) -> bool:
    """'de X' after a named instrument ('Accord de Paris') or inside a person's name ('Ponce de León')."""
    if stream.keys[t - 1] in rules["instrument_nouns"]:
        return True
    return (
        stream.glued(t) and stream.upper(t - 1) and stream.keys[t - 1] not in rules["capitalised_before_de"]
    )


def _place_after(
    stream: TokenStream, i: int, taken: set[int], rules: dict
) -> tuple[int, int, str, str] | None:
    """The longest known place starting at token ``i`` (up to 4 words), if it passes the rules."""
    index, keys = place_index(), stream.keys
    for n in (4, 3, 2, 1):
        end = i + n
        if end > len(keys) or any(k in taken for k in range(i + 1, end)):
            continue
        surface = _place_candidate(stream, i, n)
        hit = index.get(place_key(surface)) if surface else None
        if not hit or hit[0] < rules["min_population"] or fold(surface) in rules["not_places"]:
            continue
        if (
            end < len(keys)
            and stream.glued(end)
            and (stream.upper(end) or keys[end] in rules["instrument_nouns"])
        ):
            return None
        return i, end, surface, hit[1]
    return None


def org_slug(name: str) -> str:
    """The id of a non-canonical organisation: the slug of its name, apostrophes as word breaks
    ("Département d’État" and "Département d'État" -> 'departement-d-etat')."""
    return slug(name.replace("\u2019", " ").replace("'", " "))


def find_countries(text: str, lang: str | None = None) -> list[Match]:
    """Country mentions in ``text`` as ``Match`` (payload: ISO3), with all the rules of the stage.

    Used by the persons and events stages on titles and phrases ('le gouvernement belge' -> BEL).
    """
    return [Match(s, e, text[s:e], iso3) for s, e, iso3 in scan(text, lang).countries]


def find_organizations(text: str, lang: str | None = None) -> list[Match]:
    """Organisation mentions in ``text`` as ``Match`` (payload: canonical id, or slug of the name).

    Used by the persons stage for affiliations ('Directrice générale de l'OIM' -> IOM).
    """
    return [Match(s, e, text[s:e], org_id) for s, e, org_id, _ in sorted(scan(text, lang).orgs)]


def entity_stage(doc: Document) -> None:
    """Append the country, organisation and place entities of ``doc.body`` to ``doc.entities``."""
    body = doc.body or ""
    found = scan(body, doc.lang)
    entities: dict[tuple[str, str], dict] = {}
    for s, e, iso3 in found.countries:
        _add(entities, body, s, e, {"type": "country", "id": iso3, "name": country_name(iso3)})
    for s, e, org_id, name in sorted(found.orgs):
        entity = {"type": "organization", "id": org_id, "name": canonical_name(org_id) or name}
        _add(entities, body, s, e, entity)
        if (s, e) in found.org_countries:
            entities[("organization", org_id)].setdefault("country", found.org_countries[(s, e)])
    for place in (doc.dateline or {}).get("places") or []:
        _add_dateline_place(entities, body, place)
    for s, e, name, iso3 in found.places:
        _add(entities, body, s, e, {"type": "place", "id": slug(name), "name": name, "country": iso3})
    for entity in entities.values():
        entity["mentions"].sort(key=lambda m: m["start"])
    doc.entities.extend(entities.values())


def _add(entities: dict, body: str, start: int, end: int, entity: dict) -> None:
    """Add a mention to the entity with the same type and id, creating it if needed."""
    record = entities.setdefault((entity["type"], entity["id"]), {**entity, "mentions": []})
    if all(m["start"] != start for m in record["mentions"]):
        record["mentions"].append(mention(body, start, end))


def _add_dateline_place(entities: dict, body: str, place: dict) -> None:
    """A dateline place, with every occurrence of its name in the body as a mention."""
    name = (place.get("name") or "").strip()
    if not name:
        return
    country = place.get("country") or (lookup_place(name) or {}).get("country")
    entity = {"type": "place", "id": slug(name), "name": name, "country": country}
    entities.setdefault(("place", entity["id"]), {**entity, "mentions": []})
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body):
        _add(entities, body, m.start(), m.end(), entity)
