"""What a single line of a scraped page is: menu entry, byline, caption, date line, footer…

The tables and patterns live in ``text/data/boilerplate.json``; this module compiles them
once and answers per-line questions for the boilerplate stage.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .normalize import fold

NAV_MAX_CHARS = 200  # longer lines are never menu entries: skip the folding work on them
DATE_LINE_MAX_WORDS = 16
CAPTION_MAX_WORDS = 60
BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d+[.)])\s*")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Chrome:
    """Folded phrase sets and compiled line patterns."""

    navigation: frozenset[str]
    footer: frozenset[str]
    related: frozenset[str]
    separators: frozenset[str]
    date_line: re.Pattern
    patterns: dict[str, re.Pattern]


@cache
def chrome() -> Chrome:
    """Load the boilerplate tables once per process.

    A date-line cue standing alone ('Publié le', 'Published on': its date was in markup the
    reader lost) is a menu-like line, so it never stands before the dateline as text.
    """
    data = json.loads(resources.files(__package__).joinpath("data", "boilerplate.json").read_text("utf-8"))
    kinds = {k: v for k, v in data["line_patterns"].items() if not k.startswith("_")}
    return Chrome(
        navigation=frozenset(fold(x) for x in data["navigation"] + data["date_line_cues"]),
        footer=frozenset(fold(x) for x in data["footer"]),
        related=frozenset(fold(x) for x in data["related_headings"]),
        separators=frozenset(data["separators"]),
        date_line=date_line_pattern(data["date_line_cues"]),
        patterns={k: re.compile("|".join(f"(?:{p})" for p in v), re.IGNORECASE) for k, v in kinds.items()},
    )


def date_line_pattern(cues: list[str]) -> re.Pattern:
    """'Publicado el 23 de noviembre de 2023', 'Posted: 14.03.2024': a cue, then a short line with a digit."""
    alternation = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"^(?:{alternation})\b\s*:?\s*(?=.{{0,40}}\d)(?P<date>.{{4,80}})$", re.IGNORECASE)


def words(line: str) -> int:
    """Number of words in a line."""
    return len(WORD.findall(line))


def unbulleted(line: str) -> str:
    """The line without a leading bullet or list number."""
    return BULLET.sub("", line, count=1).strip()


def folded_short(line: str) -> str | None:
    """The folded, unbulleted line, or None for lines too long to be a menu entry."""
    return fold(unbulleted(line)) if len(line) <= NAV_MAX_CHARS else None


def is_kind(line: str, kind: str) -> bool:
    """Whether the line matches the patterns of ``kind`` (byline, caption, read_time, footer, social)."""
    if kind == "caption" and words(line) > CAPTION_MAX_WORDS:
        return False
    return bool(chrome().patterns[kind].search(line.strip()))


def is_head_chrome(line: str) -> bool:
    """A byline, a photo caption or a reading time: chrome that sits between a title and its text."""
    return words(line) <= CAPTION_MAX_WORDS and any(
        is_kind(line, k) for k in ("byline", "caption", "read_time")
    )


def is_footer_line(line: str) -> bool:
    """A line of the page's tail: share bar, social links, credits, copyright, menu words."""
    short = folded_short(line)
    if short is not None and (short in chrome().footer or short in chrome().navigation):
        return True
    return line.strip() in chrome().separators or is_kind(line, "footer") or is_kind(line, "social")


def is_related_heading(line: str) -> bool:
    """'Related stories', 'Noticias relacionadas', 'À lire aussi': everything after it is other pages."""
    short = folded_short(line)
    return short is not None and short.rstrip(" :") in chrome().related


def date_line_text(line: str) -> str | None:
    """The date of a 'Published on …' line, or of a line that is only a date ('12 June 2023')."""
    if words(line) > DATE_LINE_MAX_WORDS:
        return None
    found = chrome().date_line.match(line.strip())
    if found and has_date(found.group("date")):
        return found.group("date").strip()
    return line.strip() if is_only_a_date(line) else None


def has_date(text: str) -> bool:
    """Whether ``text`` holds a date expression."""
    from ..extract.timeexpr import parse_expression

    return bool(parse_expression(text, None))


def is_only_a_date(line: str) -> bool:
    """A line made of one date expression ('12 June 2023', '14/03/2024', 'Lundi 3 mai 2023')."""
    from ..extract.timeexpr import parse_expression

    text = line.strip()
    if not any(c.isdigit() for c in text):
        return False
    found = parse_expression(text, None)
    return bool(found) and (found[-1].end - found[0].start) >= 0.8 * len(text.rstrip(". "))
