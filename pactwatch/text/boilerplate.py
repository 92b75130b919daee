"""Boilerplate removal for scraped pages and text dumps: find the title and the main text.

Text dumps of web pages start with the site's navigation: menu lines, headings printed
twice, an "about" blurb glued to its heading ("Qui sommes nousL'Organisation…"), short
bullets. The article starts at the first prose line whose preceding line reads like a
title rather than like chrome; the page ends with footers (share, tags, cookies). The
phrase tables live in ``text/data/boilerplate.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..document import Document
from .normalize import clean_spaces, fold

PROSE_MIN_WORDS = 12
LONG_PROSE_WORDS = 30
NAV_MAX_CHARS = 200  # longer lines are never menu entries: skip the folding work on them
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 45
SHORT_BULLET_WORDS = 6
BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d+[.)])\s*")
SENTENCE_END = re.compile(r"[.!?…:;»”\"]\s*$")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Chrome:
    """The phrase tables: navigation lines, footer lines, separators (all folded)."""

    navigation: frozenset[str]
    footer: frozenset[str]
    separators: frozenset[str]
    date_line: re.Pattern


@cache
def chrome() -> Chrome:
    """Load the boilerplate tables once per process."""
    data = json.loads(resources.files(__package__).joinpath("data", "boilerplate.json").read_text("utf-8"))
    return Chrome(
        frozenset(fold(x) for x in data["navigation"]),
        frozenset(fold(x) for x in data["footer"]),
        frozenset(data["separators"]),
        date_line_pattern(data["date_line_cues"]),
    )


def date_line_pattern(cues: list[str]) -> re.Pattern:
    """'Publicado el 23 de noviembre de 2023', 'Posted: 14.03.2024': a cue, then a short line with a digit."""
    alternation = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"^(?:{alternation})\b\s*:?\s*(?=.{{0,40}}\d)(?P<date>.{{4,50}})$", re.IGNORECASE)


def words(line: str) -> int:
    """Number of words in a line."""
    return len(WORD.findall(line))


def unbulleted(line: str) -> str:
    """The line without a leading bullet or list number."""
    return BULLET.sub("", line, count=1).strip()


def is_glued(line: str, previous: str) -> bool:
    """A heading glued to its blurb: 'Qui sommes nous' then 'Qui sommes nousL'Organisation…'."""
    if not previous or len(previous) > 60 or not line.startswith(previous) or len(line) <= len(previous):
        return False
    nxt = line[len(previous)]
    return nxt.isalpha() and nxt.isupper() or nxt in "'’«\"(“"


def is_chrome(lines: list[str], i: int, allow_double: bool = False) -> bool:
    """Whether line ``i`` is site chrome: a menu entry, a doubled heading, a bullet, a glued blurb.

    ``allow_double`` accepts a line printed twice (a title shown as heading and as page title).
    """
    line = lines[i]
    if len(line) <= NAV_MAX_CHARS:
        folded = fold(unbulleted(line))
        if not folded or line.strip() in chrome().separators or folded in chrome().navigation:
            return True
    previous = lines[i - 1] if i > 0 else ""
    following = lines[i + 1] if i + 1 < len(lines) else ""
    doubled = line in (previous, following) or (
        len(line) <= NAV_MAX_CHARS and fold(line) in (fold(previous), fold(following)))
    if doubled and not allow_double:
        return True
    if is_glued(line, previous) or is_glued(following, line):
        return True
    return bool(BULLET.match(line)) and words(line) <= SHORT_BULLET_WORDS and not SENTENCE_END.search(line)


def is_prose(line: str) -> bool:
    """A line of running text: long enough to be a paragraph, ending like a sentence (or very long)."""
    n = words(line)
    return n >= PROSE_MIN_WORDS and (bool(SENTENCE_END.search(line)) or n >= LONG_PROSE_WORDS)


def opens_article(lines: list[str], i: int) -> bool:
    """A prose line that starts the article: not chrome itself, and not followed by chrome."""
    if not is_prose(lines[i]) or is_chrome(lines, i):
        return False
    return i + 1 >= len(lines) or not is_chrome(lines, i + 1) or is_prose(lines[i + 1])


def looks_like_title(lines: list[str], i: int) -> bool:
    """A title: not chrome, a few words to a long sentence, no final full stop."""
    line = lines[i]
    n = words(line)
    if is_chrome(lines, i, allow_double=True) or not TITLE_MIN_WORDS <= n <= TITLE_MAX_WORDS:
        return False
    return not line.rstrip().endswith((".", ":", ";"))


def find_article_start(lines: list[str]) -> tuple[int | None, int]:
    """(title index or None, body start index) for a list of non-empty lines."""
    for i in range(len(lines)):
        if not opens_article(lines, i):
            continue
        if i > 1 and is_date_line(lines[i - 1]) and looks_like_title(lines, i - 2):
            return i - 2, i - 1
        if i > 0 and looks_like_title(lines, i - 1) and not is_date_line(lines[i - 1]):
            return i - 1, i
        if i == 0:
            return None, 0
        if not any(is_chrome(lines, j) for j in range(i)):
            return None, 0
    return None, first_non_chrome(lines)


def first_non_chrome(lines: list[str]) -> int:
    """Index of the first line that is not chrome (0 when all are)."""
    return next((i for i in range(len(lines)) if not is_chrome(lines, i)), 0)


def trim_footer(lines: list[str]) -> list[str]:
    """Drop trailing footer lines (share, tags, cookies, separators) and inner separators."""
    end = len(lines)
    while end > 0 and (fold(unbulleted(lines[end - 1])) in chrome().footer or lines[end - 1] in chrome().separators):
        end -= 1
    return [ln for ln in lines[:end] if ln not in chrome().separators]


def split_title_body(text: str, known_title: str | None = None) -> tuple[str | None, list[str]]:
    """The title and the body lines of a page's text, chrome removed."""
    lines = [clean_spaces(ln) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if known_title:
        at = index_of_title(lines, known_title)
        if at is not None:
            return lines[at], trim_footer(drop_chrome_prefix(lines[at + 1 :]))
    title_at, body_at = find_article_start(lines)
    title = lines[title_at] if title_at is not None else known_title
    return title, trim_footer(lines[body_at:])


def index_of_title(lines: list[str], title: str) -> int | None:
    """Where the known title (from page metadata) stands as a line, if it does."""
    wanted = fold(title)
    return next((i for i, ln in enumerate(lines) if fold(ln) == wanted), None)


def drop_chrome_prefix(lines: list[str]) -> list[str]:
    """Lines after a title may still open with chrome (a doubled title, a 'Share' bar)."""
    start = 0
    while start < len(lines) and not is_prose(lines[start]) and is_chrome(lines, start):
        start += 1
    return lines[start:]


def is_date_line(line: str) -> bool:
    """'Publicado el 23 de noviembre de 2023', 'Posted: 14.03.2024'."""
    return words(line) <= 10 and bool(chrome().date_line.match(line.strip()))


def take_date_line(lines: list[str]) -> tuple[str | None, list[str]]:
    """A 'Published on …' line opening the body: its text, and the lines without it."""
    if lines and is_date_line(lines[0]):
        return chrome().date_line.match(lines[0].strip()).group("date").strip(), lines[1:]
    return None, lines


def boilerplate_stage(doc: Document) -> None:
    """Set ``doc.title`` and ``doc.body`` from ``doc.text``: navigation, footers and the title line removed.

    A 'published on' line under the title goes to ``doc.meta["date_text"]`` for the dates stage.
    """
    title, body_lines = split_title_body(doc.text, doc.meta.get("title"))
    while body_lines and title and fold(body_lines[0]) == fold(title):
        body_lines = body_lines[1:]
    date_text, body_lines = take_date_line(body_lines)
    if date_text:
        doc.meta["date_text"] = date_text
    doc.title = title or None
    doc.body = "\n".join(body_lines)
