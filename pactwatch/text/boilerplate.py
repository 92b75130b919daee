"""Boilerplate removal for scraped pages and text dumps: find the title and the main text.

Text dumps of web pages start with the site's navigation: menu lines, headings printed
twice, an "about" blurb glued to its heading ("Qui sommes nousL'Organisation…"), short
bullets. Between the title and the text may stand a byline, a photo caption, a reading
time or a date line. The article starts at the first prose line whose title, looking
back over those, reads like a title rather than like chrome; it ends before a
'Related stories' block and the share bars, credits and copyright of the footer.
Line kinds are answered by ``text/chrome.py`` from the tables in ``text/data/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document
from .chrome import (
    BULLET,
    NAV_MAX_CHARS,
    chrome,
    date_line_text,
    folded_short,
    is_footer_line,
    is_head_chrome,
    is_kind,
    is_related_heading,
    words,
)
from .normalize import clean_spaces, fold

PROSE_MIN_WORDS = 12
LONG_PROSE_WORDS = 30
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 45
SHORT_BULLET_WORDS = 6
TITLE_SEARCH_LINES = 12  # lines looked at above the first paragraph for its title
TITLE_SOLID_WORDS = 5
LABEL_MAX_WORDS = 5
SENTENCE_END = re.compile(r"[.!?…:;»”\"]\s*$")


@dataclass
class Article:
    """The result of the split: title, body lines, and the date line met on the way."""

    title: str | None
    lines: list[str]
    date_text: str | None = None
    dropped: list[str] = field(default_factory=list)


def is_glued(line: str, previous: str) -> bool:
    """A heading glued to its blurb: 'Qui sommes nous' then 'Qui sommes nousL'Organisation…'."""
    if not previous or len(previous) > 60 or not line.startswith(previous) or len(line) <= len(previous):
        return False
    nxt = line[len(previous)]
    return nxt.isalpha() and nxt.isupper() or nxt in "'’«\"(“"


def is_chrome(lines: list[str], i: int, allow_double: bool = False) -> bool:
    """Whether line ``i`` is site chrome: a menu entry, a doubled heading, a bullet, a glued blurb,
    a byline or caption. ``allow_double`` accepts a line printed twice (a title shown twice)."""
    line = lines[i]
    short = folded_short(line)
    if short is not None and (not short or line.strip() in chrome().separators or short in chrome().navigation):
        return True
    previous = lines[i - 1] if i > 0 else ""
    following = lines[i + 1] if i + 1 < len(lines) else ""
    doubled = line in (previous, following) or (
        len(line) <= NAV_MAX_CHARS and fold(line) in (fold(previous), fold(following))
    )
    if (doubled and not allow_double) or is_glued(line, previous) or is_glued(following, line):
        return True
    if bool(BULLET.match(line)) and words(line) <= SHORT_BULLET_WORDS and not SENTENCE_END.search(line):
        return True
    return is_head_chrome(line) and not is_prose_with_quote(line)


def is_prose(line: str) -> bool:
    """A line of running text: long enough to be a paragraph, ending like a sentence (or very long)."""
    n = words(line)
    return n >= PROSE_MIN_WORDS and (bool(SENTENCE_END.search(line)) or n >= LONG_PROSE_WORDS)


def opens_article(lines: list[str], i: int) -> bool:
    """A prose line that starts the article: not chrome itself, and not followed by chrome."""
    if not is_prose(lines[i]) or is_chrome(lines, i):
        return False
    if i + 1 >= len(lines) or is_prose(lines[i + 1]) or is_head_chrome(lines[i + 1]):
        return True
    return not is_chrome(lines, i + 1)


def looks_like_title(lines: list[str], i: int) -> bool:
    """A title: not chrome, a few words to a long sentence, no final full stop, not a date."""
    line = lines[i]
    if is_chrome(lines, i, allow_double=True) or not TITLE_MIN_WORDS <= words(line) <= TITLE_MAX_WORDS:
        return False
    return not line.rstrip().endswith((".", ":", ";")) and date_line_text(line) is None


def title_before(lines: list[str], i: int) -> int | None:
    """Index of the title above the prose line ``i``.

    Between a title and its text may stand bylines, captions, a date line, share buttons and a short
    section label ('Migrants and Refugees'). Walking up over those, the title is the line right above a
    date line or byline when there is one, else the nearest title-like line of a few words or more.
    """
    candidates: list[int] = []
    j = i - 1
    while j >= 0 and i - j <= TITLE_SEARCH_LINES:
        if looks_like_title(lines, j):
            candidates.append(j)
        elif not is_skippable_head(lines, j):
            break
        j -= 1
    if not candidates:
        return None
    announced = [c for c in candidates if c + 1 < i and (date_line_text(lines[c + 1]) or is_head_chrome(lines[c + 1]))]
    substantial = [c for c in candidates if words(lines[c]) >= TITLE_SOLID_WORDS]
    return (announced or substantial or candidates)[0]


def is_skippable_head(lines: list[str], j: int) -> bool:
    """Lines that may stand between a title and its text: credits, dates, share buttons, a short label."""
    line = lines[j]
    if is_head_chrome(line) or date_line_text(line) or is_footer_line(line):
        return True
    return words(line) <= LABEL_MAX_WORDS and not SENTENCE_END.search(line) and not is_chrome(lines, j)


def find_article_start(lines: list[str]) -> tuple[int | None, int]:
    """(title index or None, body start index) for a list of non-empty lines."""
    for i in range(len(lines)):
        if not opens_article(lines, i):
            continue
        title_at = title_before(lines, i)
        if title_at is not None:
            return title_at, i
        if i == 0 or not any(is_chrome(lines, j) for j in range(i)):
            return None, 0
    return None, first_non_chrome(lines)


def first_non_chrome(lines: list[str]) -> int:
    """Index of the first line that is not chrome (0 when all are)."""
    return next((i for i in range(len(lines)) if not is_chrome(lines, i)), 0)


def cut_tail(lines: list[str], navigation: frozenset[str] = frozenset()) -> list[str]:
    """The article without a 'Related stories' block, trailing footer lines, and trailing tags that repeat
    the page's own navigation (``navigation``: the folded lines above the title)."""
    seen_prose = False
    for i, line in enumerate(lines):
        if seen_prose and is_related_heading(line):
            lines = lines[:i]
            break
        seen_prose = seen_prose or is_prose(line)
    end = len(lines)
    while end > 0 and (is_footer_line(lines[end - 1]) or fold(lines[end - 1]) in navigation):
        end -= 1
    return [ln for ln in lines[:end] if ln.strip() not in chrome().separators]


def drop_inner_chrome(lines: list[str]) -> list[str]:
    """Photo captions, bylines, reading times and credit lines wherever they stand in the article."""
    return [ln for ln in lines if not ((is_head_chrome(ln) or is_kind(ln, "footer")) and not is_prose_with_quote(ln))]


def is_prose_with_quote(line: str) -> bool:
    """Running text that quotes someone is never a caption, whatever credit it mentions."""
    return is_prose(line) and any(mark in line for mark in "«“\"")


def split_article(text: str, known_title: str | None = None) -> Article:
    """The title, the body lines and the date line of a page's text, chrome removed."""
    lines = [ln for ln in (clean_spaces(x) for x in text.splitlines()) if ln]
    at = index_of_title(lines, known_title) if known_title else None
    if at is not None:
        title, start, head = lines[at], at + 1, []
        while start < len(lines) and not is_prose(lines[start]) and (
            is_chrome(lines, start) or date_line_text(lines[start])
        ):
            head.append(lines[start])
            start += 1
    else:
        title_at, start = find_article_start(lines)
        title = lines[title_at] if title_at is not None else known_title
        head = lines[title_at + 1 : start] if title_at is not None else []
        at = title_at
    navigation = frozenset(fold(x) for x in lines[: at or 0] if len(x) <= NAV_MAX_CHARS)
    body = drop_inner_chrome(cut_tail(lines[start:], navigation))
    while body and title and fold(body[0]) == fold(title):
        body = body[1:]
    date_text = next((d for d in (date_line_text(x) for x in head) if d), None)
    if date_text is None and body and date_line_text(body[0]):
        date_text, body = date_line_text(body[0]), body[1:]
    return Article(title, body, date_text, head)


def index_of_title(lines: list[str], title: str) -> int | None:
    """Where the known title (from page metadata) stands as a line, if it does."""
    wanted = fold(title)
    return next((i for i, ln in enumerate(lines) if fold(ln) == wanted), None)


def boilerplate_stage(doc: Document) -> None:
    """Set ``doc.title`` and ``doc.body`` from ``doc.text``: navigation, bylines, captions, related
    stories, footers and the title line removed. A date line under the title ('Published on …',
    '12 June 2023') goes to ``doc.meta["date_text"]`` for the dates stage."""
    article = split_article(doc.text, doc.meta.get("title"))
    doc.title = article.title or None
    doc.body = "\n".join(article.lines)
    if article.date_text:
        doc.meta["date_text"] = article.date_text

