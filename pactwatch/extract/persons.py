"""Persons: full names as written, their titles and affiliations, and their later short forms.

Rules, not a statistical tagger (spaCy's French model tags menu words and verbs as
entities on these pages): a run of capitalised words is a person when its first word
is a known given name (gender-guesser's multinational list), or when the context says
so — an honorific before it, a title in apposition, a speech verb next to it, a press
contact cue. Later short forms ('M. Vitorino', 'Pope', 'la Directrice générale') are
resolved to the full name given earlier in the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..document import Document, mention
from ..text.normalize import fold, slug
from .cues import person_cues
from .titles import role_start, title_after, title_before

NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
MAX_NAME_WORDS = 5
PLACE_WORD_BEFORE = re.compile(r"(?<!\w)(?:in|en|à|au|aux|near|cerca de|près de|at|desde|from|hacia|to|vers)\s+$")
GIVEN_NAME_MIN_LEN = 2


@dataclass
class Person:
    """A person being collected: the fullest name seen, titles, mention spans."""

    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        """The folded words of the name."""
        return [fold(t) for t in NAME_WORD.findall(self.name)]


@cache
def given_names() -> frozenset[str]:
    """Given names from gender-guesser's dictionary (tens of thousands, many countries) and our
    supplement for regions it covers thinly (``data/given_names_extra.txt``), folded."""
    import gender_guesser.detector as gd

    names = set(gd.Detector(case_sensitive=False).names)
    extra = resources.files(__package__).joinpath("data", "given_names_extra.txt").read_text("utf-8")
    names.update(ln.strip() for ln in extra.splitlines() if ln.strip() and not ln.startswith("#"))
    return frozenset(fold(n) for n in names if len(n) >= GIVEN_NAME_MIN_LEN)


def is_name_word(word: str) -> bool:
    """A capitalised word that may be part of a name ('Pope', 'Ki-moon', 'O’Brien'); not a possessive."""
    if not word[:1].isupper() or fold(word) in person_cues().not_name_words:
        return False
    if word.endswith(("'s", "’s")):
        return False
    return not (word.isupper() and len(word) > 1 and not word.isalpha())


def capitalised_runs(body: str) -> list[tuple[int, int]]:
    """Spans of runs of name words (particles allowed inside) on one line."""
    runs: list[tuple[int, int]] = []
    words = list(NAME_WORD.finditer(body))
    i = 0
    while i < len(words):
        if not is_name_word(words[i].group()):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and j - i + 1 < MAX_NAME_WORDS and _continues(body, words[j], words[j + 1]):
            j += 1
        while j > i and not is_name_word(words[j].group()):
            j -= 1
        runs.append((words[i].start(), words[j].end()))
        i = j + 1
    return runs


def _continues(body: str, word: re.Match, nxt: re.Match) -> bool:
    gap = body[word.end() : nxt.start()]
    initial = len(word.group()) == 1 and word.group().isupper() and gap == ". "
    if gap != " " and not initial:
        return False
    token = nxt.group()
    return is_name_word(token) or token.lower() in person_cues().particles


@cache
def speech_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(speech verb right after a name, speech verb right before a name)."""
    verbs = person_cues().speech_verb.pattern
    apposition = r"(?:\s*,[^,.;:«»“”\"\n]{1,150},)?"
    return (re.compile(rf"{apposition}\s*,?\s*(?:{verbs})", re.IGNORECASE),
            re.compile(rf"(?:{verbs})\s*$", re.IGNORECASE))


def strong_context(body: str, start: int, end: int) -> bool:
    """An honorific before, a title next to it, or a speech verb right beside it."""
    before = body[max(0, start - 40) : start]
    if person_cues().honorific_before.search(before):
        return True
    if title_after(body, end) or title_before(body, start):
        return True
    after_verb, before_verb = speech_patterns()
    return bool(after_verb.match(body, end, end + 40) or before_verb.search(before[-25:]))


def is_person_name(body: str, start: int, end: int) -> bool:
    """Whether the run at [start, end) names a person: a known given name first, or a telling context.

    A run that is the name of a known city ('Santa Cruz', 'Victoria Falls') needs the context.
    """
    words = NAME_WORD.findall(body[start:end])
    if not 2 <= len(words) <= MAX_NAME_WORDS or fold(words[-1]) in person_cues().title_heads:
        return False
    if proper_noun_follows(body, end) and not person_cues().honorific_before.search(body[max(0, start - 12) : start]):
        return False
    if _is_given(words[0], 2) and not is_place_name(body[start:end]) and not after_place_word(body, start):
        return True
    return strong_context(body, start, end)


def proper_noun_follows(body: str, end: int) -> bool:
    """The run goes on with an institutional word: 'Fair Recruitment Initiative', 'Christian Aid Society'."""
    nxt = NAME_WORD.match(body, end + 1) if body[end : end + 1] == " " else None
    return bool(nxt) and nxt.group()[:1].isupper() and fold(nxt.group()) in person_cues().not_name_words


def after_place_word(body: str, start: int) -> bool:
    """A run right after 'in', 'en', 'à', 'near'… names a place ('his village in Alta Verapaz')."""
    before = body[max(0, start - 12) : start]
    return bool(PLACE_WORD_BEFORE.search(before))


def is_place_name(text: str) -> bool:
    """Whether the gazetteer knows ``text`` as a place."""
    try:
        from .gazetteer import lookup_place
    except ImportError:
        return False
    return lookup_place(text) is not None


def trim_run(body: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading role words, honorifics and acronyms: 'ILO Director-General Gilbert F. Houngbo' ->
    'Gilbert F. Houngbo', 'Directeur Général Amy Pope' -> 'Amy Pope'."""
    cues = person_cues()
    words = list(NAME_WORD.finditer(body, start, end))
    k = 0
    while k < len(words) - 1:
        word = words[k].group()
        folded = fold(word)
        role = folded in cues.title_heads or folded in cues.title_modifiers or folded in cues.honorifics
        if role or (word.isupper() and len(word) > 1):
            k += 1
            continue
        break
    return words[k].start(), end


def given_name_country(body: str, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    """'Guadalupe Ixcot Tzul', 'Jordan Kasonde': the only overlap is a country name that is also a given
    name, opening a run of three or more name words."""
    first = NAME_WORD.match(body, start)
    inside = [(s, e) for s, e in blocked if s < end and start < e]
    capitalised = [w for w in NAME_WORD.findall(body[start:end]) if w[:1].isupper()]
    if not first or len(capitalised) < 3 or inside != [(first.start(), first.end())]:
        return False
    return _is_given(first.group())


def _is_given(word: str, min_len: int = 3) -> bool:
    """A capitalised word (not an acronym) of ``min_len`` letters or more that is a known given name."""
    if len(word) < min_len or not word[:1].isupper() or (word.isupper() and len(word) > 1):
        return False
    return fold(word) in given_names()


def blocked_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans already taken by countries, organisations and places."""
    return [
        (m["start"], m["end"])
        for e in doc.entities
        if e.get("type") in ("country", "organization", "place")
        for m in e.get("mentions", [])
    ]


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps any of ``spans``."""
    return any(span[0] < e and s < span[1] for s, e in spans)


def contact_names(body: str, lang: str | None) -> list[tuple[int, int]]:
    """Spans of the names in press-contact blocks (the contacts stage's own finder)."""
    try:
        from .contacts import find_contact_blocks
    except ImportError:
        return []
    return [(b.name_start, b.name_end) for b in find_contact_blocks(body, lang) if b.name]


def find_full_names(doc: Document) -> list[tuple[int, int]]:
    """Spans of full person names in the body."""
    body, blocked = doc.body, blocked_spans(doc)
    found = []
    for start, end in capitalised_runs(body):
        start, end = trim_run(body, start, end)
        if overlaps((start, end), blocked) and not given_name_country(body, start, end, blocked):
            continue
        if not is_person_name(body, start, end):
            continue
        found.append((start, end))
    for span in contact_names(body, doc.lang):
        if not overlaps(span, found):
            found.append(span)
    return sorted(found)


def group_persons(body: str, spans: list[tuple[int, int]]) -> list[Person]:
    """One Person per slug; a name contained in a longer one joins it ('Pope' in 'Amy Pope')."""
    persons: dict[str, Person] = {}
    for start, end in spans:
        name = body[start:end]
        key = slug(name)
        person = persons.get(key) or next((p for p in persons.values() if _same_person(p, name)), None)
        if person is None:
            person = persons[key] = Person(name)
        elif len(name) > len(person.name):
            person.name = name
        person.spans.append((start, end))
    return list(persons.values())


def _same_person(person: Person, name: str) -> bool:
    tokens = [fold(t) for t in NAME_WORD.findall(name)]
    mine = person.tokens
    if not tokens:
        return False
    return tokens == mine[-len(tokens) :] or mine == tokens[-len(mine) :]


def collect_titles(body: str, person: Person) -> None:
    """Titles stated next to any of the person's mentions, in order, without repeats."""
    for start, end in person.spans:
        for title in title_after(body, end) + title_before(body, start):
            if fold(title) not in {fold(t) for t in person.titles}:
                person.titles.append(title)


def resolve_short_forms(body: str, persons: list[Person], blocked: list[tuple[int, int]]) -> None:
    """Add mentions by surname ('M. Vitorino', 'Pope') and by bare title ('la Directrice générale')."""
    taken = blocked + [s for p in persons for s in p.spans]
    first_names = [NAME_WORD.findall(p.name)[0] for p in persons]
    for person in persons:
        parts = NAME_WORD.findall(person.name)
        short_forms = [parts[-1]]
        if first_names.count(parts[0]) == 1 and len(parts) > 1:
            short_forms.append(parts[0])
        for form in short_forms:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", body):
                if not overlaps((m.start(), m.end()), taken):
                    person.spans.append((m.start(), m.end()))
                    taken.append((m.start(), m.end()))
    for span, person in bare_title_mentions(body, persons, taken):
        person.spans.append(span)


def bare_title_mentions(body: str, persons: list[Person], taken: list[tuple[int, int]]):
    """'la Directrice générale' with no name next to it, when exactly one person holds that title."""
    holders: dict[str, list[Person]] = {}
    written: dict[str, str] = {}
    for person in persons:
        for title in person.titles:
            head = role_pair(title)
            if head and person not in holders.setdefault(fold(head), []):
                holders[fold(head)].append(person)
                written.setdefault(fold(head), head)
    names = [s for p in persons for s in p.spans]
    for head, people in holders.items():
        if len(people) != 1:
            continue
        pattern = rf"(?<!\w){re.escape(written[head])}(?!\w)"
        for m in re.finditer(pattern, body, re.IGNORECASE):
            span = (m.start(), m.end())
            if not overlaps(span, taken) and not next_to_name(span, names):
                yield span, people[0]


def role_pair(title: str) -> str | None:
    """The two-word role of a title when both words are role words: 'Directrice générale'."""
    cues = person_cues()
    words = title[role_start(title) or 0 :].split()[:2]
    if len(words) == 2 and all(fold(w) in cues.title_heads | cues.title_modifiers for w in words):
        return " ".join(words)
    return None


def next_to_name(span: tuple[int, int], names: list[tuple[int, int]]) -> bool:
    """A title in apposition to a name ('Amy Pope, Directrice…', 'Directrice générale Amy Pope')."""
    return any(span[0] - 3 <= e <= span[0] or span[1] <= s <= span[1] + 2 for s, e in names)


def affiliations(titles: list[str]) -> list[str]:
    """Organisation ids named in the person's titles ('Directrice générale de l’OIM' -> IOM)."""
    try:
        from .gazetteer import find_organizations
    except ImportError:
        return []
    ids: list[str] = []
    for title in titles:
        for match in find_organizations(title):
            org = match.payload.get("id") if isinstance(match.payload, dict) else match.payload
            if org and org not in ids:
                ids.append(org)
    return ids


def person_entity(body: str, person: Person) -> dict:
    """The contract-shaped entity of a person."""
    return {
        "type": "person",
        "id": slug(person.name),
        "name": person.name,
        "titles": person.titles,
        "affiliations": affiliations(person.titles),
        "mentions": [mention(body, s, e) for s, e in sorted(set(person.spans))],
    }


def person_stage(doc: Document) -> None:
    """Add person entities to ``doc.entities``; drop other entities' mentions inside a person's name."""
    body = doc.body
    persons = group_persons(body, find_full_names(doc))
    for person in persons:
        collect_titles(body, person)
    resolve_short_forms(body, persons, blocked_spans(doc))
    spans = [s for p in persons for s in p.spans]
    doc.entities = [e for e in (_without(e, spans) for e in doc.entities) if e is not None]
    doc.entities.extend(person_entity(body, p) for p in persons)


def _without(entity: dict, spans: list[tuple[int, int]]) -> dict | None:
    """The entity without mentions that fall inside person names (None if none remain)."""
    kept = [m for m in entity.get("mentions", []) if not overlaps((m["start"], m["end"]), spans)]
    if not kept and entity.get("mentions"):
        return None
    return {**entity, "mentions": kept}
