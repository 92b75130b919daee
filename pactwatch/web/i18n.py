"""Interface languages: the strings of the pages in English and French, and how a request picks one.

A page's language comes from ``?lang=`` (so a link can be shared in a language), then the
``lang`` cookie set by the language switch, then the browser's Accept-Language, then English.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

DEFAULT = "en"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Language -> key -> string, from ``web/data/messages.json``."""
    text = resources.files(__package__).joinpath("data", "messages.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def languages() -> tuple[str, ...]:
    """The interface languages available."""
    return tuple(catalogue())


def translator(lang: str):
    """A ``t(key)`` function for one language; English, then the key itself, when a string is missing."""
    table, fallback = catalogue().get(lang, {}), catalogue()[DEFAULT]

    def t(key: str) -> str:
        return table.get(key) or fallback.get(key) or key

    return t


def pick(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The interface language of a request (see the module docstring)."""
    for choice in (query, cookie):
        if choice and choice in catalogue():
            return choice
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in catalogue():
            return code
    return DEFAULT
