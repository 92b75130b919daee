"""Russian case forms of country and organisation names, from a stem + ending table.

Russian declines names: 'Гана' is 'Ганы' in 'решение Марокко и Ганы', 'Гане' after 'в', 'Гану' after
'в' of motion; 'Международная организация по миграции' is 'Международной организации по миграции'
after 'при поддержке'. ``russian_declension.json`` gives, for each nominative ending of nouns and
adjectives, the endings of the five other cases, and lists the few words no ending rule gives
('Египет' -> 'Египта', 'Сеть' -> 'Сети'). Names ending in a vowel other than а/я (Марокко, Мали,
Перу, Того) do not decline, and a stem must keep ``min_stem`` letters, so short words are not
turned into other words.

A country name declines in every word, each word either in the case or left as written, because a
name in apposition keeps its nominative: 'Республики Корея', 'Демократической Республики Конго'.
An organisation name declines only in its head (the adjectives and the first noun):
'Генеральной Ассамблеи ООН', 'Сети ООН по миграции', and never in its complement ('по миграции').
A form that two countries share, or that is already another phrase of the tables, is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import product
from typing import Any

from . import load_json
from .scripts import phrase_keys

_PARTS = re.compile(r"(\w+)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
N_CASES = 5  # genitive, dative, accusative, instrumental, prepositional


@cache
def declension() -> dict[str, Any]:
    """``russian_declension.json`` with its endings split into alternatives."""
    raw = load_json("russian_declension.json")

    def classes(rows: list) -> list[tuple[str, list[list[str]], str]]:
        return [(ending, [alt.split("|") for alt in cases], cond) for ending, cases, cond in rows]

    return {**raw, "nouns": classes(raw["nouns"]), "adjectives": classes(raw["adjectives"])}


def is_russian(phrase: str) -> bool:
    """``phrase`` is written in Cyrillic."""
    return _CYRILLIC.search(phrase) is not None


def _adjective(word: str) -> bool:
    """The word has an adjective's ending, and no longer noun ending ('Управление' is a noun)."""
    low, table = word.lower(), declension()
    adj = max((len(e) for e, _, _ in table["adjectives"] if low.endswith(e)), default=0)
    return adj >= max((len(e) for e, _, _ in table["nouns"] if e and low.endswith(e)), default=1)


def word_forms(word: str, adjective: bool = False) -> list[list[str]]:
    """The forms of ``word`` in each of the five oblique cases (empty lists if it does not decline),
    with its first letter's case kept: 'Гана' -> [['Ганы', 'Гани'], ['Гане'], ['Гану'], ...]."""
    table, low = declension(), word.lower()
    if len(low) < 2 or not is_russian(low) or word.isupper():
        return [[] for _ in range(N_CASES)]
    if low in table["words"]:
        forms = [[f] for f in table["words"][low]]
    else:
        forms = _by_ending(low, table["adjectives"] if adjective else table["nouns"], table)
    upper = word[:1].isupper()
    return [[f[:1].upper() + f[1:] if upper else f for f in fs if f != low] for fs in forms]


def _by_ending(low: str, classes: list, table: dict) -> list[list[str]]:
    """The forms of a lower-case word by the first class whose ending (and condition) it fits."""
    for ending, cases, condition in classes:
        stem = low[: len(low) - len(ending)]
        if not low.endswith(ending) or (condition == "consonant" and stem[-1:] not in table["consonants"]):
            continue
        if len(stem) < table["min_stem"]:
            break
        return [[stem + _spell(stem, alt, table) for alt in alts] for alts in cases]
    return [[] for _ in range(N_CASES)]


def _spell(stem: str, ending: str, table: dict) -> str:
    """The ending as written after ``stem`` ('Мексик' + 'ы' -> 'и')."""
    for rule in table["spelling"]:
        if ending and stem[-1:] in rule["after"] and ending[0] in rule["write"]:
            return rule["write"][ending[0]] + ending[1:]
    return ending


def declined(phrase: str, head_only: bool = False) -> set[str]:
    """Every case form of ``phrase`` other than itself. Each declinable word is, per case, either in
    that case or as written (a name in apposition keeps its nominative: 'Республики Корея'); with
    ``head_only`` only the leading adjectives and first noun decline, all in the same case."""
    parts = _PARTS.split(phrase)  # separator, word, separator, ..., separator
    words = parts[1::2]
    options: list[list[list[str]]] = []
    head = True
    for n, word in enumerate(words):
        adjective = n + 1 < len(words) and _adjective(word)
        options.append(word_forms(word, adjective) if head else [[] for _ in range(N_CASES)])
        if head_only and not adjective:
            head = False
    out = set()
    for case in range(N_CASES):
        choices = [
            (opts[case] or [w]) if head_only else [w, *opts[case]]
            for w, opts in zip(words, options, strict=True)
        ]
        for combo in product(*choices):
            text = "".join(sep + w for sep, w in zip(parts[0::2], (*combo, ""), strict=True))
            out.add(text)
    out.discard(phrase)
    return out


def declined_countries(entries: Sequence[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    """Case forms ``(phrase, case, entry)`` of the Russian names among country ``entries`` (same case
    rule and entry as the name; abbreviations, written in capitals, are left alone). A form that is
    another phrase of ``entries`` or that two entries share is dropped."""
    taken = {phrase_keys(p) for p, _, _ in entries}
    found: dict[tuple[str, ...], list[tuple[str, Any, Any]]] = {}
    for phrase, case, entry in entries:
        if is_russian(phrase) and not phrase.isupper():
            for form in declined(phrase):
                found.setdefault(phrase_keys(form), []).append((form, case, entry))
    return [
        rows[0] for key, rows in found.items() if key not in taken and len({r[2].codes for r in rows}) == 1
    ]


def declined_org_phrases(phrases: Iterable[tuple[str, Any, str, Any]]) -> list[tuple[str, Any, str, Any]]:
    """Case forms of the Russian organisation names among ``phrases`` ``(phrase, case, id, flag)``,
    declined in their head only ('Европейского союза', 'Международной организации по миграции')."""
    phrases = list(phrases)
    taken = {phrase_keys(p[0]) for p in phrases}
    out, seen = [], set()
    for phrase, case, org_id, flag in phrases:
        if not is_russian(phrase) or phrase.isupper():
            continue
        for form in sorted(declined(phrase, head_only=True)):
            key = phrase_keys(form)
            if key not in taken and key not in seen:
                seen.add(key)
                out.append((form, case, org_id, flag))
    return out
