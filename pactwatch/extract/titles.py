"""Persons' titles as stated: 'Amy Pope, Directrice générale de l’OIM et Coordinatrice du …',
'le Secrétaire général des Nations Unies, António Guterres', 'IOM Director General Amy Pope'.

A title is a phrase that starts (after an article and modifiers) with a role noun from
the cue table, stands right after ', ' following a name or right before the name, and
ends at the clause boundary. Coordinated titles ('X et Coordinatrice du Réseau…') are
split into separate titles.
"""

from __future__ import annotations

import re

from ..text.normalize import fold
from .cues import person_cues

TITLE_MAX_WORDS = 30
FREE_WORDS = 3  # other words allowed before the role noun: 'a civil society representative'
CLAUSE_END = re.compile(r"[.!?](?=\s|$)|[;:«»“”\"\n]|,\s|\s[–—]\s")
STRONG_END = re.compile(r"[.!?](?=\s|$)|[;:«»“”\"\n]|\s[–—-]\s")
NATIONALITY_APPOSITION = re.compile(r",?\s+(?:el|la|le|the)\s+[a-záéíóúñçèêëàâîïôûü-]+\s*$")
COORDINATION = re.compile(r"\s+(?:et|and|y|e)\s+(?:(?:le|la|l['’]|the|el)\s*)?(?=\S)", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+\w*")
PORTFOLIO_CONTINUES = re.compile(r"(?:de la|de l['’]|des|du|de|del|of the|of|for|pour la|pour le|pour les)\s+[A-ZÀ-Ý]")


def starts_with_role(phrase: str) -> bool:
    """Whether ``phrase`` opens with a role noun, after articles, modifiers, a capitalised qualifier
    ('IOM Director') or up to ``FREE_WORDS`` other words ('a civil society representative')."""
    cues = person_cues()
    words = WORD.findall(phrase)[:8]
    free = 0
    for i, word in enumerate(words):
        token = fold(word).strip("'’")
        pair = " ".join(fold(w) for w in words[i : i + 2])
        if token in cues.title_heads or pair in cues.title_heads:
            return True
        if token in cues.articles or token in cues.title_modifiers or (i == 0 and word[:1].isupper()):
            continue
        free += 1
        if free > FREE_WORDS or word[:1].isdigit():
            return False
    return False


def role_start(phrase: str) -> int | None:
    """Offset in ``phrase`` where its role noun (with preceding modifiers/acronym) begins."""
    cues = person_cues()
    matches = list(WORD.finditer(phrase))
    for i, m in enumerate(matches):
        token = fold(m.group()).strip("'’")
        pair = " ".join(fold(x.group()) for x in matches[i : i + 2])
        if token in cues.title_heads or pair in cues.title_heads:
            return _extend_left(phrase, matches, i)
    return None


def _extend_left(phrase: str, matches: list[re.Match], i: int) -> int:
    """Include modifiers or capitalised qualifiers just before the head ('IOM Director General')."""
    cues = person_cues()
    j = i
    while j > 0:
        prev = matches[j - 1].group()
        if fold(prev) in cues.articles or not (fold(prev) in cues.title_modifiers or prev[:1].isupper()):
            break
        j -= 1
    return matches[j].start()


def split_coordinated(title: str) -> list[str]:
    """'Directrice générale de l’OIM et Coordinatrice du Réseau…' -> two titles."""
    parts, start = [], 0
    for m in COORDINATION.finditer(title):
        if starts_with_role(title[m.end() :]):
            parts.append(title[start : m.start()])
            start = m.end()
    parts.append(title[start:])
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def clean_title(phrase: str) -> str | None:
    """Trim a title phrase; None when it does not read as a title."""
    phrase = phrase.strip(" ,")
    stop = person_cues().title_stop.search(phrase)
    if stop:
        phrase = phrase[: stop.start()].rstrip(" ,")
    n = len(WORD.findall(phrase))
    if not phrase or n > TITLE_MAX_WORDS or not starts_with_role(phrase):
        return None
    return phrase


def title_after(body: str, end: int) -> list[str]:
    """Titles in apposition after a name ending at ``end``: 'Amy Pope, Directrice générale…'."""
    rest = body[end : end + 400]
    if not re.match(r"\s*,\s", rest):
        return []
    rest = rest[rest.index(",") + 1 :]
    phrase = _skip_article(rest[: apposition_end(rest)])
    first = WORD.match(phrase.strip())
    if first and fold(first.group()) in person_cues().coordinators:
        return []
    title = clean_title(phrase)
    return split_coordinated(title) if title else []


def apposition_end(rest: str) -> int:
    """Where an apposed title ends: the clause end, but a comma followed by 'de …'/'of …' continues a
    portfolio ('Ministre des Affaires étrangères, de la Coopération africaine et …')."""
    pos = 0
    while True:
        stop = CLAUSE_END.search(rest, pos)
        if stop is None:
            return len(rest)
        if stop.group().startswith(",") and PORTFOLIO_CONTINUES.match(rest, stop.end()):
            pos = stop.end()
            continue
        return stop.start()


def _skip_article(phrase: str) -> str:
    phrase = phrase.strip()
    first = WORD.match(phrase)
    if first and fold(first.group()).strip("'’") in person_cues().articles and first.group()[:1].islower():
        return phrase[first.end() :].lstrip(" '’")
    return phrase


def title_before(body: str, start: int) -> list[str]:
    """A title just before a name at ``start``: 'le Secrétaire général des Nations Unies, António…',
    'la ministra de Inclusión, Seguridad Social y Migraciones, Elma Saiz', 'el húngaro Csaba Kőrösi'."""
    before = person_cues().honorific_before.sub("", body[max(0, start - 300) : start]).rstrip()
    before = NATIONALITY_APPOSITION.sub("", before).rstrip()
    if not before or before.endswith((".", "»", "”", ":")):
        return []
    if before.endswith(","):
        before = before[:-1]
    boundary = max(_last_boundary(before, commas=False), _last_speech(before))
    clause = before[boundary:]
    for at in reversed(role_starts(clause)):
        if _commas_are_a_list(clause[at:]):
            title = clean_title(clause[at:])
            return split_coordinated(title) if title else []
    return []


def role_starts(phrase: str) -> list[int]:
    """Offsets of every role noun in ``phrase`` (with its modifiers), in order."""
    cues = person_cues()
    matches = list(WORD.finditer(phrase))
    starts = []
    for i, m in enumerate(matches):
        token = fold(m.group()).strip("'’")
        pair = " ".join(fold(x.group()) for x in matches[i : i + 2])
        if token in cues.title_heads or pair in cues.title_heads:
            starts.append(_extend_left(phrase, matches, i))
    return sorted(set(starts))


def _commas_are_a_list(phrase: str) -> bool:
    """Commas inside a title only separate capitalised list items ('Inclusión, Seguridad Social y …')."""
    parts = phrase.split(",")[1:]
    return all(p.strip()[:1].isupper() for p in parts)


def _last_boundary(text: str, commas: bool = True) -> int:
    pattern = CLAUSE_END if commas else STRONG_END
    ends = [m.end() for m in pattern.finditer(text)]
    dash = [m.end() for m in re.finditer(r"\s[-–—]\s", text)]
    return max(ends + dash + [0])


def _last_speech(text: str) -> int:
    ends = [m.end() for m in person_cues().speech_verb.finditer(text)]
    return max(ends + [0])
