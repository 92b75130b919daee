"""The person-related cue tables (honorifics, role nouns, speech verbs…), loaded once.

Kept apart from the stages so that persons, titles and quotes read the same data
(``extract/data/persons.json``) and compile their patterns once per process.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..text.normalize import fold


@dataclass(frozen=True)
class PersonCues:
    """Folded cue sets and compiled patterns for persons, titles and quotes."""

    honorifics: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    articles: frozenset[str]
    not_name_words: frozenset[str]
    particles: frozenset[str]
    pronouns: frozenset[str]
    coordinators: frozenset[str]
    speech_verb: re.Pattern
    pronoun_speech: re.Pattern
    pronoun_inversion: re.Pattern
    title_stop: re.Pattern
    honorific_before: re.Pattern


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in ordered)


@cache
def person_cues() -> PersonCues:
    """Load ``persons.json`` once per process."""
    data = json.loads(resources.files(__package__).joinpath("data", "persons.json").read_text("utf-8"))
    honorifics = [h for h in data["honorifics"]]
    return PersonCues(
        honorifics=frozenset(fold(h).rstrip(".") for h in honorifics),
        title_heads=frozenset(fold(h) for h in data["title_heads"]),
        title_modifiers=frozenset(fold(h) for h in data["title_modifiers"]),
        articles=frozenset(fold(a) for a in data["articles"]),
        not_name_words=frozenset(fold(w) for w in data["not_name_words"]),
        particles=frozenset(data["name_particles"]),
        pronouns=frozenset(fold(p) for p in data["subject_pronouns"]),
        coordinators=frozenset(data["coordinators"]),
        speech_verb=re.compile(rf"(?<!\w)(?:{_alternation(data['speech_verbs'])})(?!\w)", re.IGNORECASE),
        pronoun_speech=re.compile(rf"(?<!\w)(?:{_alternation(data['pronoun_speech'])})(?!\w)", re.IGNORECASE),
        pronoun_inversion=re.compile(data["pronoun_inversion"], re.IGNORECASE),
        title_stop=re.compile(rf"(?<!\w)(?:{_alternation(data['title_stops'])})(?!\w)", re.IGNORECASE),
        honorific_before=re.compile(rf"(?<!\w)(?:{_alternation(honorifics)})\s*$"),
    )
