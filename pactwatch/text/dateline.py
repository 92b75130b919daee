"""The dateline: the 'Place(s)[, date] – [date,]' opening of a press release.

Forms seen across FR/EN/ES releases: "Accra – Du 28 au 30 novembre, le …",
"Genève, Gand, 30 avril - La …", "GENEVA, 12 March 2024 –", "NEW YORK (5 June 2023) -",
"Geneva/Nairobi – 3 May –", "Ciudad de Panamá, 14 de junio –", "Buenos Aires - La …".
Places are checked against the gazetteer (or must look like proper names next to a
date), so an ordinary sentence with a dash is not mistaken for a dateline.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from ..document import Document

HEAD_MAX_CHARS = 90
HEAD_MAX_WORDS = 10
DATE_AFTER_MAX_WORDS = 8
DASH = re.compile(r"\s+[–—-]{1,2}\s+|\s*[–—]\s*|\s+-{1,2}(?=\S)|(?<=\S)-{1,2}\s+")
STOP_SEPARATOR = re.compile(r"(?<=\w)\.\s+(?=[A-ZÀ-Ý])")
PAREN_DATE = re.compile(r"\(([^()]{3,40})\)\s*$")
COUNTRY_IN_PARENS = re.compile(r"^(.+?)\s*\(([^()]{3,40})\)$")
SEGMENT_SPLIT = re.compile(r"\s*[,/]\s*")
PARTICLES = {"de", "del", "la", "las", "los", "el", "du", "des", "le", "les", "of", "the", "d", "l", "upon",
             "sur", "en", "am", "san", "saint", "st"}
NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")


@cache
def agency_pattern() -> re.Pattern:
    """'(Reuters)', '(EFE).', '(Europa Press)': an agency credit in a dateline head (data/dateline.json)."""
    data = json.loads(resources.files(__package__).joinpath("data", "dateline.json").read_text("utf-8"))
    names = "|".join(re.escape(a) for a in sorted(data["agencies"], key=len, reverse=True))
    return re.compile(rf"\s*\((?:{names})\)\s*\.?\s*$|^\s*\((?:{names})\)\s*", re.IGNORECASE)


def without_agency(head: str) -> str:
    """The dateline head without its agency credit and closing full stop."""
    return agency_pattern().sub("", head).rstrip(" .")


def looks_like_name(segment: str) -> bool:
    """Capitalised words (particles allowed inside): 'Buenos Aires', 'Ciudad de Panamá', 'GENEVA'."""
    tokens = NAME_TOKEN.findall(segment)
    if not tokens or len(tokens) > 5 or not tokens[0][0].isupper():
        return False
    if len("".join(tokens)) < len(segment.replace(" ", "")) - 2:
        return False
    return all(t[0].isupper() or t.lower().strip("'’") in PARTICLES for t in tokens)


def date_span(text: str, lang: str | None) -> tuple[int, int] | None:
    """The span of a date expression that makes up (almost) all of ``text``."""
    from ..extract.timeexpr import parse_expression

    found = parse_expression(text, lang or "fr")
    if not found:
        return None
    first, last = found[0], found[-1]
    core = text.strip(" ,.;:")
    covered = last.end - first.start
    if covered < 0.6 * len(core) and not (first.start <= 3 and words_in(text) <= 3):
        return None
    return first.start, last.end


def words_in(text: str) -> int:
    """Number of words in ``text``."""
    return len(NAME_TOKEN.findall(text))


def place_entry(name: str, prefer: tuple[str, ...] = ()) -> dict | None:
    """{'name', 'country'} for a place name, or None when the gazetteer does not know it.

    ``prefer``: countries the document names, which settle ambiguous city names ('San José').
    """
    from ..extract.gazetteer import find_countries, lookup_place

    found = lookup_place(name, prefer) or lookup_place(name.title(), prefer)
    if found:
        return {"name": name, "country": found.get("country")}
    countries = find_countries(name) or find_countries(name.title())
    if countries and countries[0].end - countries[0].start >= len(name.strip()) - 1:
        return {"name": name, "country": _payload_id(countries[0].payload)}
    return None


def _payload_id(payload) -> str | None:
    return payload.get("id") if isinstance(payload, dict) else payload


def split_country_hint(segment: str) -> tuple[str, str | None]:
    """'MÁLAGA (España)' -> ('MÁLAGA', 'ESP'); other segments unchanged."""
    from ..extract.gazetteer import find_countries

    found = COUNTRY_IN_PARENS.match(segment)
    if not found:
        return segment, None
    countries = find_countries(found.group(2)) or find_countries(found.group(2).title())
    if not countries:
        return segment, None
    return found.group(1), _payload_id(countries[0].payload)


def parse_head(head: str, lang: str | None, prefer: tuple[str, ...] = ()) -> tuple[list[dict], str | None] | None:
    """Places and date text of the part before the dash, or None when it is not a dateline head."""
    date_text = None
    paren = PAREN_DATE.search(head)
    if paren and date_span(paren.group(1), lang):
        date_text, head = paren.group(1).strip(), head[: paren.start()].strip()
    places: list[dict] = []
    for segment in SEGMENT_SPLIT.split(head.strip()):
        if not segment:
            continue
        if date_text is None and places and date_span(segment, lang):
            date_text = segment
            continue
        segment, country_hint = split_country_hint(segment)
        if not looks_like_name(segment):
            return None
        entry = place_entry(segment, prefer) or {"name": segment, "country": None}
        places.append({**entry, "country": country_hint or entry["country"]})
    known = any(p["country"] for p in places)
    if not places or not (known or date_text):
        return None
    return places, date_text


def date_after_dash(rest: str, lang: str | None) -> str | None:
    """A date opening the text after the dash ('Du 28 au 30 novembre, le …'), if any."""
    candidate = re.split(r"[,:–—]|\s-\s", rest, maxsplit=1)[0].strip()
    if not candidate or words_in(candidate) > DATE_AFTER_MAX_WORDS:
        return None
    span = date_span(candidate, lang)
    if span is None or span[0] > 4:
        return None
    return candidate


def separators(first_line: str):
    """Candidate ends of a dateline head: a dash, or a full stop before a capital ('…2024. La …')."""
    window = first_line[: HEAD_MAX_CHARS + 4]
    found = [(m, False) for m in DASH.finditer(window)] + [(m, True) for m in STOP_SEPARATOR.finditer(window)]
    return sorted(found, key=lambda pair: pair[0].start())


def find_dateline(body: str, lang: str | None) -> dict | None:
    """The dateline of ``body`` as {'text', 'places', 'date_text'}, or None."""
    first_line = body.split("\n", 1)[0]
    for sep, needs_date in separators(first_line):
        raw_head = first_line[: sep.start()]
        if words_in(raw_head) > HEAD_MAX_WORDS:
            return None
        parsed = parse_head(without_agency(raw_head), lang, named_countries(body))
        if parsed is None or (needs_date and parsed[1] is None):
            continue
        return dateline_record(first_line, raw_head, sep, parsed, lang)
    return None


def named_countries(body: str) -> tuple[str, ...]:
    """The countries the document names, most mentioned first."""
    from collections import Counter

    from ..extract.gazetteer import find_countries

    counts = Counter(_payload_id(m.payload) for m in find_countries(body))
    return tuple(code for code, _ in counts.most_common())


def dateline_record(first_line: str, raw_head: str, sep: re.Match, parsed, lang: str | None) -> dict:
    """The dateline dict, its text reaching the date after the dash when there is one."""
    places, date_text = parsed
    end = len(raw_head.rstrip())
    if date_text is None:
        rest = first_line[sep.end() :]
        date_text = date_after_dash(rest, lang)
        if date_text:
            end = sep.end() + rest.index(date_text) + len(date_text)
    return {"text": first_line[:end].strip(), "places": places, "date_text": date_text}


def dateline_stage(doc: Document) -> None:
    """Set ``doc.dateline`` from the first line of the body (None when there is none)."""
    doc.dateline = find_dateline(doc.body, doc.lang) if doc.body else None
