"""Organisations read with their document: acronyms a document defines, 'the Council' of the EU, and the
country a named body belongs to.

These rules need more than the words of one name: what else the document names ('the Council' is the
Council of the EU only in a text about EU institutions that names no other council), or the countries
found around a body ('Bangladesh's Bureau of Manpower'). The entity stage
(``pactwatch.extract.gazetteer``) calls them once per document, after its one gazetteer pass.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..text.normalize import fold
from . import load_json
from .geo import TokenStream, adjective_keys
from .orgs import org_table, parenthesised_acronym, patterns

_POSSESSIVE = re.compile(r"['\u2019]s\s+$")


def defined_acronyms(stream: TokenStream, hits: list[tuple[int, int, str]]) -> dict[str, str]:
    """Acronym -> id for the ambiguous acronyms this document defines: a table body whose
    ``acronyms_if_defined`` holds the '(ACRONYM)' written right after its name ('Danish Refugee
    Council (DRC)'). ``hits`` are the token spans ``(first, end, id)`` of table organisations."""
    table, out = org_table(), {}
    for _, j, org_id in hits:
        wanted = table.get(org_id, {}).get("acronyms_if_defined")
        acro = parenthesised_acronym(stream, j) if wanted else None
        if acro and acro[2] in wanted:
            out.setdefault(acro[2], org_id)
    return out


def acronym_spans(text: str, acronyms: dict[str, str]) -> list[tuple[int, int, str]]:
    """Every use ``(start, end, id)`` in ``text`` of the acronyms a document defines."""
    return [
        (m.start(), m.end(), org_id)
        for acro, org_id in acronyms.items()
        for m in re.finditer(rf"(?<![\w-]){re.escape(acro)}(?![\w-])", text)
    ]


@cache
def council_rules() -> dict[str, Any]:
    """The ``bare_council`` rule of ``org_patterns.json``, word lists folded."""
    raw = load_json("org_patterns.json")["bare_council"]
    return {
        k: (frozenset(fold(w) for w in v) if isinstance(v, list) and k != "context_ids" else v)
        for k, v in raw.items()
    }


def eu_council(stream: TokenStream, hits: list[tuple[int, int, str]]) -> list[int]:
    """Tokens of 'Council' / 'Conseil' / 'Consejo' that mean the Council of the EU.

    A capitalised council word counts when it stands alone ('the Council adopted', 'le Conseil a
    adopté': an article before it, no complement, capitalised word or name word after it), after a
    mention of an EU institution, in a document where every other capitalised council word is the
    Council of the EU itself. Any other council ('Human Rights Council', 'Council of Ministers',
    'European Council', 'le Conseil national ...', a 'Norwegian Refugee Council') makes 'the Council'
    ambiguous and nothing is kept, except right after 'the European Parliament and', where it is
    always the Council. ``hits`` are the token spans ``(first, end, id)`` of table organisations.
    """
    rules, keys = council_rules(), stream.keys
    words = [k for k, key in enumerate(keys) if key in rules["words"] and stream.upper(k)]
    if not words:
        return []
    org_at = {k: org_id for i, j, org_id in hits for k in range(i, j)}
    eu = [i for i, _, org_id in hits if org_id in rules["context_ids"]]
    bare, clear = [], True
    for k in words:
        if org_at.get(k) == rules["id"]:
            continue
        if k in org_at or not _bare(stream, k, rules):
            clear = False
        elif _after_parliament(stream, k, org_at):
            bare.append((k, True))
        else:
            bare.append((k, False))
    return [k for k, pair in bare if pair or (clear and eu and eu[0] < k)]


def _bare(stream: TokenStream, k: int, rules: dict[str, Any]) -> bool:
    """Token ``k`` is a council word standing alone after an article: nothing names which council."""
    keys = stream.keys
    if not (stream.glued(k) and keys[k - 1] in rules["articles"]):
        return False
    if k + 1 >= len(keys) or not stream.glued(k + 1) or keys[k + 1] == "s":
        return True  # end of the name ('the Council.', "the Council's")
    nxt = keys[k + 1]
    names = patterns()["name_words"]
    return not (stream.upper(k + 1) or nxt in rules["complements"] or nxt in names or nxt in adjective_keys())


def _after_parliament(stream: TokenStream, k: int, org_at: dict[int, str]) -> bool:
    """'the European Parliament and the Council', 'du Parlement européen et du Conseil'."""
    keys, conj = stream.keys, patterns()["conjunctions"]
    return k >= 3 and keys[k - 2] in conj and org_at.get(k - 3) == "EP"


def owner_countries(
    text: str, orgs: list[tuple[int, int, str, str]], countries: list[tuple[int, int, str]]
) -> dict[tuple[int, int], str]:
    """(start, end) of a named body -> the country it belongs to, when the text says it: a country named
    in the name ('Permanent Mission of Colombia', 'Cancillería hondureña') or an English possessive
    right before it ("Bangladesh's Bureau of Manpower"). ``orgs`` are the stage's organisation spans
    ``(start, end, id, written name)`` (canonical bodies have no written name and no country)."""
    out = {}
    for start, end, _, name in orgs:
        if not name:
            continue
        inside = next((c for s, e, c in countries if start <= s and e <= end), None)
        before = next((c for s, e, c in countries if e < start and _POSSESSIVE.match(text, e, start)), None)
        if inside or before:
            out[(start, end)] = inside or before
    return out
