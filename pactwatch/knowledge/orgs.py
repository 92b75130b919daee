"""Organisations: the canonical bodies of CONTRACT.md in any language, and other named bodies.

``organizations.json`` holds each canonical body (id, English name, names in FR/EN/ES/AR/RU/ZH,
acronyms matched exactly as written so French 'un' or Spanish 'ue' never match), then well-known
other bodies ('Norwegian Refugee Council', 'MSF', 'CICR') with slug ids, so a country adjective or a
first name inside their names is neither a country nor a person. Other bodies are found by the head
noun that opens their name ('Ministère', 'Permanent Mission', 'Universidad'..., ``org_patterns.json``)
with a careful extent rule: the name runs over capitalised words, the small words between them, and
(French/Spanish) the lower-case words such names keep ('Office français de l'immigration'); it stops
at a verb, 'auprès de', or any other lower-case word, and at a comma unless a list of portfolios
follows ('Ministry of Labour, Employment and Social Security'). Precision first: a generic or
doubtful span is not an organisation ('la Cancillería' alone is not one, 'la Cancillería hondureña'
is; 'Departamento de Prensa' is a unit of some body). Canonical names that open with a generic word
('réseau', 'red', 'bureau', 'fonds') match with that word in lower case, as French and Spanish write
it, if their proper words keep their capitals ('le réseau des Nations Unies sur les migrations').
``find_organizations`` lives with the stage (``pactwatch.extract.gazetteer``), which sees countries
and canonical names at the same time.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..text.matching import CASE_ANY, CASE_CAPITALIZED, CASE_EXACT, Match, phrase_key
from ..text.normalize import fold
from . import arabic, load_json
from .geo import CASE_PROPER, CASE_TITLE, TokenStream, adjective_keys, country_entries
from .russian import declined_org_phrases, is_russian
from .scripts import is_arabic_word

_WORD = re.compile(r"\w+")
_ACRONYM_IN_PARENS = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,14})\s*\)")


@cache
def org_table() -> dict[str, dict[str, Any]]:
    """Id -> record of ``organizations.json`` (id, name, names, acronyms, standalone): the canonical
    bodies of CONTRACT.md, then the well-known other bodies ('Norwegian Refugee Council', 'MSF')."""
    raw = load_json("organizations.json")
    return {o["id"]: o for o in raw["organizations"] + raw.get("other_organizations", [])}


@cache
def other_ids() -> frozenset[str]:
    """Ids of the well-known non-canonical bodies of the table (slugs: 'save-the-children')."""
    return frozenset(o["id"] for o in load_json("organizations.json").get("other_organizations", []))


def canonical_name(org_id: str) -> str | None:
    """English name of a canonical organisation ('IOM' -> 'International Organization for Migration')."""
    record = org_table().get(org_id)
    return record["name"] if record else None


@cache
def org_phrases() -> tuple[tuple[str, Any, str, str], ...]:
    """Every canonical phrase as ``(phrase, case, id, flag)``: names need their capital unless
    written lower-case in the table ('système des Nations Unies'), or start with a generic word that
    French and Spanish write in lower case ('réseau', 'red', 'bureau', 'fonds'...); acronyms match
    exactly. Names of the other well-known bodies keep every capital of the table ('Christian Aid',
    not 'Christian aid'); their ``acronyms_if_defined`` are left to ``defined_acronyms``. ``flag`` is
    'standalone' for names that count only alone ('Assemblée générale'), 'if_named' for short names
    that are also common words ('移民组织': migrants' organisations) and count only in a document that
    names the body another way, else ''. Russian names come with their case forms ('Международной
    организации по миграции', ``russian.declined_org_phrases``)."""
    out, others = [], other_ids()
    for org in org_table().values():
        standalone = {fold(s) for s in org.get("standalone", [])}
        for name in org["names"]:
            case = (
                (CASE_TITLE if name[:1].isupper() else CASE_ANY) if org["id"] in others else name_case(name)
            )
            out.append((name, case, org["id"], "standalone" if fold(name) in standalone else ""))
        out.extend((name, CASE_ANY, org["id"], "if_named") for name in org.get("names_if_named", []))
        out.extend((acro, CASE_EXACT, org["id"], "") for acro in org.get("acronyms", []))
    return tuple(out + declined_org_phrases(out))


def name_case(name: str) -> Any:
    """The case rule of a canonical name. A name that opens with a generic word ('Réseau des Nations
    Unies sur les migrations', 'Red de las Naciones Unidas sobre la Migración') matches with that word
    in lower case as long as its proper words ('Nations', 'Naciones') keep their capitals:
    ``(CASE_PROPER, indices of the proper words)``. Other names need their first capital."""
    if not name[:1].isupper():
        return CASE_ANY
    generic = patterns()["generic_words"]
    words = _WORD.findall(name)
    if fold(words[0]) not in generic:
        return CASE_CAPITALIZED
    proper = tuple(k for k, w in enumerate(words) if w[:1].isupper() and fold(w) not in generic)
    return (CASE_PROPER, proper) if proper else CASE_CAPITALIZED


@cache
def known_acronyms() -> frozenset[str]:
    """All canonical acronyms and country abbreviations, as written ('OIM', 'UE', 'RDC', 'USA')."""
    countries = {phrase for phrase, case, _ in country_entries() if case == CASE_EXACT}
    return frozenset(a for org in org_table().values() for a in org.get("acronyms", [])) | countries


@cache
def patterns() -> dict[str, frozenset[str]]:
    """The word lists of ``org_patterns.json``, folded (``leading_stop`` kept as written)."""
    raw = load_json("org_patterns.json")
    sets = {k: frozenset(fold(w) for w in v) for k, v in raw.items() if isinstance(v, list)}
    sets["leading_stop"] = frozenset(raw["leading_stop"])
    sets["title_words"] = frozenset(raw["title_words"])
    return sets


@cache
def head_phrases() -> tuple[tuple[str, str, str, bool], ...]:
    """The head nouns that open a body's name, as ``(phrase, case, language, standalone)``."""
    raw = load_json("org_patterns.json")
    lower = {fold(h) for h in raw["lowercase_heads"]}
    out = [
        (h, CASE_ANY if fold(h) in lower else CASE_CAPITALIZED, lang, False)
        for lang, heads in raw["heads"].items()
        for h in heads
    ]
    return tuple(out + [(h, CASE_CAPITALIZED, "*", True) for h in raw["standalone"]])


@cache
def english_heads() -> frozenset[str]:
    """Folded head nouns found only in English names ('ministry', 'department'), whose names are
    written in title case; 'Office' or 'Commission' may open a French name in an English text."""
    heads = load_json("org_patterns.json")["heads"]
    others = {" ".join(phrase_key(h)) for lang in ("fr", "es") for h in heads[lang]}
    return frozenset(" ".join(phrase_key(h)) for h in heads["en"]) - others


def standalone_ok(stream: TokenStream, j: int) -> bool:
    """A bare name ('Assemblée générale') is not followed by a complement ('... de l'Union africaine')."""
    if is_arabic_word(stream.keys[j - 1]):
        return arabic.standalone_ok(stream, j)  # no capitals: the next word's prefix tells
    if is_russian(stream.word(j - 1)) and j < len(stream) and stream.glued(j):
        return not stream.upper(j)  # a genitive needs no particle: 'Генеральная Ассамблея Африканского союза'
    particles, keys = patterns()["particles"], stream.keys
    k = j
    while k < len(keys) and k - j < 3 and stream.glued(k) and keys[k] in particles:
        k += 1
    return k == j or k >= len(keys) or not stream.glued(k) or not stream.upper(k)


def acronym_ok(stream: TokenStream, i: int, j: int) -> bool:
    """An acronym is not a word of an all-capitals heading ('WHO WE ARE')."""

    def caps_word(k: int) -> bool:
        word = stream.word(k)
        return len(word) >= 2 and word.isupper() and word.isalpha() and word not in known_acronyms()

    return not (
        (i > 0 and stream.glued(i) and caps_word(i - 1))
        or (j < len(stream) and stream.glued(j) and caps_word(j))
    )


def _extent(
    stream: TokenStream, start: int, end: int, stops: set[int], title_case: bool = False
) -> tuple[int, int, int]:
    """Extend a head at tokens ``start:end`` to the end of the name: (end, content words, capitalised ones).

    After 'et'/'and'/'y' the name goes on only with the words of such names ('... et de la Sécurité',
    '... for Development and Cooperation'), never with an article, a title ('and President ...') or a
    token of ``stops`` (canonical names, other heads): 'le ministère de l'Intérieur et la Fondation
    Ford' is two bodies. With ``title_case`` (English text) a lower-case word other than a small word
    ends the name: 'the Ministry of Health migration desk'. A comma ends the name unless a list of
    portfolios follows ('Ministry of Foreign Affairs, Regional Integration and International Trade').
    """
    end, content, upper = _run(stream, start, end, stops, title_case)
    tail = _list_tail(stream, end, stops, title_case)
    if tail is None:
        return end, content, upper
    more_end, more_content, more_upper = _run(stream, start, tail, stops, title_case, limit=28)
    return more_end, content + 1 + more_content, upper + 1 + more_upper


def _run(
    stream: TokenStream, start: int, end: int, stops: set[int], title_case: bool, limit: int = 16
) -> tuple[int, int, int]:
    """The words of a name glued after token ``end - 1`` (see ``_extent``)."""
    pats, keys, adjs = patterns(), stream.keys, adjective_keys()
    content = upper = 0
    k, conj = end, None  # conj: index of the last 'and' not yet followed by a name word
    while k < len(keys) and k - start < limit and stream.glued(k):
        key, cap = keys[k], stream.upper(k)
        if conj is not None and (k in stops or (k == conj + 1 and key in pats["articles"])):
            break
        if key in pats["weak_particles"] and not _leads_to_name_word(stream, k):
            break
        if key in pats["particles"] and not cap:
            conj = k if key in pats["conjunctions"] else conj
        elif conj is not None and (
            key not in pats["name_words"] and key not in adjs or stream.word(k) in pats["title_words"]
        ):
            break
        elif cap and not stream.word(k).isdigit():
            end, content, upper, conj = k + 1, content + 1, upper + 1, None
        elif not cap and not title_case and (key in pats["name_words"] or key in adjs):
            end, content, conj = k + 1, content + 1, None
        else:
            break
        k += 1
    return end, content, upper


def _leads_to_name_word(stream: TokenStream, k: int) -> bool:
    """The first word after token ``k`` and its small words is a word of names ('à l'étranger',
    'a Refugiados'), not a place ('à Paris')."""
    pats, keys = patterns(), stream.keys
    k += 1
    while k < len(keys) and stream.glued(k) and keys[k] in pats["particles"] and not stream.upper(k):
        k += 1
    return k < len(keys) and stream.glued(k) and keys[k] in pats["name_words"]


def _list_tail(stream: TokenStream, k: int, stops: set[int], title_case: bool) -> int | None:
    """The end of a list of portfolios after a comma at token ``k`` ('..., Employment and Training',
    '..., de la Coopération africaine et des Marocains résidant à l'étranger'), or None.

    Every word of the list is a word of such names (``name_words``; in French and Spanish also a
    country adjective), capitalised in an English text, and the list ends with 'and'/'et'/'y' (or '&')
    and at least one more name word: 'the Ministry of Health, Ghana and Togo' or 'the Ministry of
    Health, Ana Ruiz and ...' is no list.
    """
    pats, keys, adjs = patterns(), stream.keys, adjective_keys()
    if k >= len(keys) or k in stops or stream.gap(k).strip(" \u00a0") != ",":
        return None
    end, conj, first = None, False, k
    while k < len(keys) and k - first < 14 and k not in stops:
        gap = stream.gap(k).strip(" \u00a0")
        if k > first and not stream.glued(k) and not (gap == "," and not conj) and gap != "&":
            break
        conj |= gap == "&"
        key, cap = keys[k], stream.upper(k)
        if key in pats["weak_particles"] and not _leads_to_name_word(stream, k):
            break
        if key in pats["conjunctions"] and not cap:
            conj = True
        elif key in pats["particles"] and not cap:
            pass
        elif stream.word(k) in pats["title_words"] or (title_case and not cap):
            break
        elif key in pats["name_words"] or (not title_case and key in adjs):
            end = k + 1 if conj else end
        else:
            break
        k += 1
    return end


def _to_acronym(stream: TokenStream, end: int, stops: set[int]) -> int:
    """Words that run on, with no punctuation, to a '(ACRONYM)' belong to the name: 'Agence nationale de
    la statistique et de la démographie (ANSD)'; not over another body or 'and the': 'the Norwegian
    Refugee Council and the Danish Refugee Council (DRC)'. Returns the new end token (or ``end``)."""
    pats, keys, k = patterns(), stream.keys, end
    while k < len(stream) and k - end < 6 and stream.glued(k) and k not in stops:
        if k > end and keys[k - 1] in pats["conjunctions"] and keys[k] in pats["articles"]:
            break
        k += 1
        if parenthesised_acronym(stream, k):
            return k
    return end


def _backward(stream: TokenStream, start: int, canon: set[int]) -> int:
    """English names put modifiers before the head ('Swiss Agency for ...', 'Home Office')."""
    stop = patterns()["leading_stop"]
    k = start
    while k > 0 and start - k < 3 and stream.glued(k) and stream.upper(k - 1) and k - 1 not in canon:
        if stream.word(k - 1) in stop:
            break
        k -= 1
    return k


def named_bodies(
    stream: TokenStream, heads: list[tuple[int, int, str, bool]], canon: set[int], lang: str | None
) -> list[tuple[int, int]]:
    """Token spans of organisations named by a head noun, outside and not containing canonical names.

    ``heads`` are the head-noun hits ``(first, end, head language, standalone)``; ``canon`` holds the
    token indices of canonical organisation mentions. 'Bureau de l'OIM' is not a new body (it contains
    a canonical name); 'Ministère' alone or 'Bureau régional' is too generic.
    """
    out, stops = [], canon | {i for i, _, _, _ in heads}
    for i, j, head_lang, alone in heads:
        english = head_lang in ("en", "*") and lang in (None, "en")
        title_case = lang == "en" and " ".join(stream.keys[i:j]) in english_heads()
        end, content, upper = _extent(stream, i, j, stops, title_case)
        start = _backward(stream, i, canon) if english else i
        named = upper >= 1 or content >= 2 or i - start >= 2 or _national(stream, i, j, start, end)
        if not alone and not named:
            continue  # 'Bureau régional', 'Development Office': too little to name a body
        end = _to_acronym(stream, end, stops - {i})
        if any(k in canon for k in range(start, end)) or _owned(stream, start, canon):
            continue
        if not generic_unit(stream, start, end):
            out.append((start, end))
    return out


@cache
def head_words() -> frozenset[str]:
    """Folded words of the head nouns ('ministry', 'permanent', 'mission', 'departamento'...)."""
    return frozenset(w for phrase, _, _, _ in head_phrases() for w in phrase_key(phrase))


def generic_unit(stream: TokenStream, start: int, end: int) -> bool:
    """Tokens ``start:end`` name a generic unit of some body, not a body: only head words, small words
    and at least one unit word ('Departamento de Prensa', 'Press Office', 'Office of Communications')."""
    pats, heads = patterns(), head_words()
    words = [k for k in stream.keys[start:end] if k not in pats["particles"]]
    units = [k for k in words if k in pats["unit_words"]]
    return bool(units) and all(k in heads or k in pats["unit_words"] for k in words)


def _national(stream: TokenStream, i: int, j: int, start: int, end: int) -> bool:
    """A head that a country adjective alone completes: 'la Cancillería hondureña', 'the Kenyan
    Parliament' (one such body per country), but not 'la Cancillería' or 'el Ministerio hondureño'."""
    if " ".join(stream.keys[i:j]) not in patterns()["national_heads"]:
        return False
    adjs = adjective_keys()
    return (end == j + 1 and stream.keys[j] in adjs) or (start == i - 1 and stream.keys[i - 1] in adjs)


def _owned(stream: TokenStream, start: int, canon: set[int]) -> bool:
    """A unit of a canonical body: 'IOM Regional Office ...', 'UNHCR's Regional Bureau ...'."""
    before = start - 1
    if before > 0 and stream.keys[before] == "s" and stream.glued(before):
        before -= 1  # possessive 's
    return before >= 0 and before in canon and stream.glued(before + 1)


def parenthesised_acronym(stream: TokenStream, j: int) -> tuple[int, int, str] | None:
    """The '(ACRONYM)' right after token ``j - 1``, as (start, end, text), if any."""
    match = _ACRONYM_IN_PARENS.match(stream.text, stream.ends[j - 1])
    if not match or sum(c.isupper() for c in match.group(1)) < 2:
        return None
    return match.start(1), match.end(1), match.group(1)


def find_organizations(text: str, lang: str | None = None) -> list[Match]:
    """Organisation mentions in ``text`` (payload: canonical id or slug). See the entity stage."""
    from ..extract.gazetteer import find_organizations as _find

    return _find(text, lang)
