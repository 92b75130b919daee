"""Arabic prefixes written joined to a name: 'وغانا' is 'و' (and) + 'غانا' (Ghana).

Arabic writes the conjunctions wa- and fa-, the prepositions bi-, li-, ka- and their pairs as one
word with the next ('وغانا', 'بالمغرب', 'ولبنان'), and li- before the article drops its alif
('للمغرب' = li + al-Maghrib). Before the gazetteer's pass, a word is cut after such a prefix when
the rest opens a phrase ('وغانا' -> 'و' + 'غانا'; 'بمفوضية الأمم المتحدة ...' -> 'ب' + 'مفوضية ...'),
so the pass finds the name and its mention starts after the prefix. A word that follows its previous
word as in a phrase ('للهجرة' in 'المنظمة الدولية للهجرة') is never cut, nor a word that itself opens
a phrase ('وكالة', 'فلسطين'), nor one whose rest would be too short. The rules are data:
``arabic_clitics.json``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from . import load_json
from .geo import TokenStream
from .scripts import cached_word_key


@cache
def clitic_rules() -> dict[str, Any]:
    """``arabic_clitics.json``, its letters folded like the keys of the gazetteer."""
    raw = load_json("arabic_clitics.json")
    return {
        "proclitics": tuple(cached_word_key(p) for p in raw["proclitics"]),
        "letters": frozenset(cached_word_key(p)[:1] for p in raw["proclitics"]),
        "lam": cached_word_key(raw["lam"]),
        "alif": cached_word_key(raw["article"])[:1],
        "min_rest": raw["min_rest"],
        "blocked_by": tuple(cached_word_key(p) for p in raw["standalone_blocked_by"]),
    }


def split_clitics(
    stream: TokenStream, opens: frozenset[str], pairs: frozenset[tuple[str, str]]
) -> TokenStream:
    """``stream`` with its Arabic words cut after a proclitic where the rest opens a phrase.

    ``opens`` holds the keys of the first words of the gazetteer's phrases, ``pairs`` the keys of the
    words that follow each other in a phrase: a word that follows its previous word as in a phrase
    ('الدولية للهجرة' in 'المنظمة الدولية للهجرة', 'العامة للأمم' in 'الجمعية العامة للأمم المتحدة')
    stays whole. The prefix becomes a token of its own (key 'و', 'ب', 'ول'...), glued to the name,
    so the rules that read the word before a name see it. Returns ``stream`` itself when nothing is
    cut.
    """
    letters, keys = clitic_rules()["letters"], stream.keys
    cuts = [
        (k, cut)
        for k, key in enumerate(keys)
        if key[:1] in letters
        and key not in opens
        and (cut := _cut(key, opens))
        and (k == 0 or (keys[k - 1], key) not in pairs)
    ]
    if not cuts:
        return stream
    starts, ends, new_keys, done = [], [], [], 0
    for k, (n, rest) in cuts:
        start, end = stream.starts[k], stream.ends[k]
        middle = start + _surface_length(stream.text[start:end], n)
        starts += stream.starts[done:k] + [start, middle]
        ends += stream.ends[done:k] + [middle, end]
        new_keys += keys[done:k] + [keys[k][:n], rest]
        done = k + 1
    out = TokenStream.__new__(TokenStream)
    out.text = stream.text
    out.starts, out.ends = starts + stream.starts[done:], ends + stream.ends[done:]
    out.keys = new_keys + keys[done:]
    return out


@lru_cache(maxsize=1 << 14)
def _cut(key: str, opens: frozenset[str]) -> tuple[int, str] | None:
    """(letters of the prefix, key of the rest) for the longest prefix whose rest opens a phrase."""
    rules = clitic_rules()
    for prefix in rules["proclitics"]:
        rest = key[len(prefix) :]
        if not key.startswith(prefix) or len(rest) < rules["min_rest"]:
            continue
        if rest in opens:
            return len(prefix), rest
        if prefix.endswith(rules["lam"]) and rest.startswith(rules["lam"]) and rules["alif"] + rest in opens:
            return len(prefix), rules["alif"] + rest  # 'للمغرب': the article's alif was dropped
    return None


def _surface_length(surface: str, letters: int) -> int:
    """How many characters of ``surface`` write its first ``letters`` key letters, with the short
    vowels and other marks written on the last of them ('وَ' of 'وَغانا' is two characters)."""
    seen = k = 0
    while k < len(surface) and seen < letters:
        seen += len(cached_word_key(surface[k]))
        k += 1
    while k < len(surface) and not cached_word_key(surface[k]):
        k += 1
    return k


def standalone_ok(stream: TokenStream, j: int) -> bool:
    """An Arabic name counted only alone ('الجمعية العامة', ending at token ``j - 1``) is alone: the
    next word opens with no genitive 'لـ' ('الجمعية العامة للاتحاد الأفريقي' is not the
    UN General Assembly)."""
    if j >= len(stream) or not stream.glued(j):
        return True
    return not stream.keys[j].startswith(clitic_rules()["blocked_by"])
