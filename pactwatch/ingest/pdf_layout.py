"""PDF text layout: a page's drawn lines, joined back into paragraphs.

pypdf gives a page's text as the lines it drew. A line break in a PDF is a wrap far more
often than a paragraph end, so the lines are joined back into paragraphs from the page's
layout, which pypdf reports through its ``visitor_text`` callback (position and font size
of each piece of text; ``page_lines``):

- a vertical gap larger than the line spacing of that font size, a change of font size,
  a first-line indent or a bullet starts a new paragraph;
- a line that ends well before the right edge of the text ends its paragraph, unless the
  next line carries on a sentence left open (a final comma, or a lower-case start and no
  final punctuation);
- any other line is a wrap, whatever the case of the next line's first letter
  ('Rosalía' / 'Mbeki-Ferreira', '…objectives,"' / 'said Ana …').

Where positions are missing or unusable (text drawn out of order, a second column, a page
break), the text rule applies: join when the line leaves a sentence open. Two-column
pages are not rebuilt column by column; their lines come in pypdf's order.

A word cut at the end of a line ('migra-' / 'tion') is rejoined without its hyphen. The
hyphen is kept (a compound word) when the document writes the hyphenated form elsewhere;
it is dropped when the document writes the joined word elsewhere ('OP-' / 'TIONAL'); else
it is kept when the next line starts with a capital ('Mbeki-' / 'Ferreira', 'CEE-' /
'ONU': names and acronyms are compounded, not cut, far more often), after a one-letter
head ('e-' / 'mail') or a digit ('COVID-' / '19'), or when the head or tail is a known
compound part (data/pdf_layout.json: 'dit-' / 'elle', 'evidence-' / 'based'). A soft
hyphen always goes.

Page numbers and running headers and footers are dropped first (``drop_page_furniture``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..knowledge import load_json
from ..text.normalize import fold

SIZE_CHANGE = 1.12  # font sizes further apart than this ratio are different blocks
GAP_RATIO = 1.25  # a step down larger than this many line spacings is a paragraph gap
MIN_STEP = 0.3  # a step down smaller than this many font sizes is not a new line: no geometry
MAX_STEP = 3.0  # steps larger than this many font sizes are never taken as line spacing
DEFAULT_LEADING = 1.2  # line spacing, in font sizes, when a page gives no example
INDENT_MIN, INDENT_MAX = 0.8, 8.0  # a first-line indent, in font sizes
SHORT_LINE = 0.75  # a line filling less than this share of the text width ends early
CHAR_WIDTH = 0.5  # average glyph width, in font sizes, to estimate where a line ends
UPPER_WIDTH, SPACE_WIDTH = 0.68, 0.28  # capitals and spaces (Helvetica/Arial/DejaVu averages)
WELL_FILLED = 3  # line-to-line steps a font size needs for its own line spacing
MAX_LEADING = 2.0  # wider steps (in font sizes) are gaps, unless a size has many lines
WIDE_GROUP = 5  # lines of one size needed to take the right edge as a percentile
EDGE_LINES = 2  # lines at the top and at the bottom of a page searched for page furniture
TITLE_LINES = 40  # lines of the first page searched for the metadata title

OPEN_COMMA = re.compile(r",[\"'”’»]?\s*$")
TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
BULLET = re.compile(r"^[•▪◦●■►‣○□✓➢]")
HYPHEN_END = re.compile(r"([^\W\d_][\w'’]*)[-\u2010]$")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
SOFT_HYPHEN = "\u00ad"


@dataclass
class Line:
    """One drawn line: its text, where it starts (x, y in points) and its dominant font size."""

    text: str
    page: int
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0
    positioned: bool = False


@dataclass
class Block:
    """A rebuilt paragraph: its text, font size and page."""

    text: str
    size: float
    page: int


@dataclass
class PageLayout:
    """One page's measures, per font size: line spacing, left edge, estimated right edge."""

    pitch: dict[float, float] = field(default_factory=dict)
    left: dict[float, float] = field(default_factory=dict)
    right: dict[float, float] = field(default_factory=dict)


class _LineCollector:
    """A pypdf ``visitor_text`` callback that cuts the page's text into lines, each with the
    position of its first visible piece and the font size that draws most of its characters."""

    def __init__(self, page: int):
        self.page = page
        self.lines: list[Line] = [Line("", page)]
        self.sizes: list[Counter[float]] = [Counter()]

    def __call__(self, text: Any, cm: Any, tm: Any, font: Any, size: Any) -> None:
        """Record one piece of text drawn with matrices ``tm`` x ``cm`` at font size ``size``."""
        if not text:
            return
        place = _placement(cm, tm, size)
        for k, part in enumerate(str(text).split("\n")):
            if k:
                self.lines.append(Line("", self.page))
                self.sizes.append(Counter())
            line = self.lines[-1]
            if part.strip() and place is not None:
                if not line.positioned:
                    line.x, line.y, line.positioned = place[0], place[1], True
                self.sizes[-1][place[2]] += len(part.strip())
            line.text += part

    def result(self) -> list[Line]:
        """The non-empty lines, spaces collapsed, each with its dominant font size."""
        out = []
        for line, sizes in zip(self.lines, self.sizes, strict=True):
            line.text = " ".join(line.text.split())
            if line.text:
                line.size = sizes.most_common(1)[0][0] if sizes else 0.0
                line.positioned = line.positioned and line.size > 0
                out.append(line)
        return out


def _placement(cm: Any, tm: Any, size: Any) -> tuple[float, float, float] | None:
    """(x, y, effective font size) of text drawn with these matrices; None when rotated or odd."""
    try:
        a, b, c, d, e, f = (float(v) for v in tm)
        m = [float(v) for v in cm]
        x, y = e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5]
        ta, tb = a * m[0] + b * m[2], a * m[1] + b * m[3]
        tc, td = c * m[0] + d * m[2], c * m[1] + d * m[3]
        scaled = float(size) * math.sqrt(abs(ta * td - tb * tc))
    except (TypeError, ValueError):
        return None
    if abs(tb) > abs(ta) or ta <= 0 or not scaled or not math.isfinite(x + y + scaled):
        return None  # rotated or mirrored text: its y says nothing about line order
    return x, y, round(scaled, 1)


def page_lines(page: Any, number: int = 0) -> list[Line] | None:
    """One page's lines with their layout, or None when that page alone is damaged."""
    collector = _LineCollector(number)
    try:
        page.extract_text(visitor_text=collector)
    except Exception:  # one damaged page must not lose the document
        return None
    return collector.result()


# ---------------------------------------------------------------------------- paragraphs


def drop_page_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without their page numbers and running headers and footers.

    Looked for among the first and last ``EDGE_LINES`` lines of each page: a page number
    ('3', 'Page 3 of 12', '- 3 -'), or a line that comes back, digits aside, at the edge of
    half the pages or more (two at least). The top of the first page is kept: a running
    header there is often the title itself.
    """
    edges = [_edge_indexes(page) for page in pages]
    seen: Counter[str] = Counter()
    for page, idx in zip(pages, edges, strict=True):
        seen.update({_furniture_key(page[i]) for i in idx})
    repeated = {key for key, n in seen.items() if n >= max(2, len(pages) / 2)}
    out = []
    for number, (page, idx) in enumerate(zip(pages, edges, strict=True)):
        drop = {i for i in idx if _page_number().match(page[i].text)}
        drop |= {i for i in idx if _furniture_key(page[i]) in repeated and (number or i >= EDGE_LINES)}
        out.append([line for i, line in enumerate(page) if i not in drop])
    return out


def _edge_indexes(page: list[Line]) -> set[int]:
    """Indexes of a page's first and last few lines."""
    n = len(page)
    return set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n))


def _furniture_key(line: Line) -> str:
    """A line's text, folded, with its numbers blanked: 'Page 3 of 12' and 'Page 4 of 12' agree."""
    return re.sub(r"\d+", "#", fold(line.text))


@cache
def _page_number() -> re.Pattern[str]:
    """A line that is only a page number: '3', '- 3 -', 'iv', 'Page 3 of 12', 'Página 3 de 12'
    (the words from data/pdf_layout.json)."""
    table = load_json("pdf_layout.json")
    words = "|".join(re.escape(w) for w in table["page_words"])
    of = "|".join(re.escape(w) for w in table["page_connectors"])
    number = r"(?:\d{1,3}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    total = rf"(?:\s*(?:{of})\s*\d{{1,4}})?"
    return re.compile(rf"^[\s\-–—(\[]*(?:(?:{words})\s*)?{number}{total}[\s\-–—)\]]*$", re.I)


def paragraphs(lines: list[Line], guide: str | None = None) -> list[Block]:
    """The lines joined into paragraphs (rules in the module docstring).

    ``guide``, a trusted title, forces the first-page lines that spell it into one block.
    """
    if not lines:
        return []
    pages, leading = {line.page for line in lines}, document_leading(lines)
    layouts = {page: page_layout([line for line in lines if line.page == page], leading) for page in pages}
    vocabulary = _vocabulary(lines, guide)
    forced = _title_run(lines, guide) if guide else None
    blocks = [Block(lines[0].text, lines[0].size, lines[0].page)]
    for i in range(1, len(lines)):
        a, b = lines[i - 1], lines[i]
        if forced is not None and (i == forced[0] or i == forced[1]):
            new = True
        elif forced is not None and forced[0] < i < forced[1]:
            new = False
        else:
            new = ends_paragraph(a, b, layouts[b.page])
        if new:
            blocks.append(Block(b.text, b.size, b.page))
        else:
            blocks[-1].text = join_lines(blocks[-1].text, b.text, vocabulary)
    return blocks


def page_layout(lines: list[Line], leading: float = DEFAULT_LEADING) -> PageLayout:
    """Line spacing, left edge and right edge of each font size used on a page.

    A size with few lines (a headline) whose smallest step is wider than any line spacing
    gets the document's ``leading`` (line spacing per font size, from its well-filled
    sizes): two lines of one size far apart are two blocks, not an example of spacing.
    """
    layout = PageLayout()
    for key, group in _size_groups(lines).items():
        steps = _steps(group, key)
        own = steps[len(steps) // 4] if steps else math.inf
        plausible = len(steps) >= WELL_FILLED or own <= MAX_LEADING * key
        layout.pitch[key] = own if plausible else leading * key
        lefts = Counter(round(line.x) for line in group)
        layout.left[key] = float(min(x for x, n in lefts.items() if n == max(lefts.values())))
        ends = sorted(_estimated_end(line) for line in group)
        layout.right[key] = ends[int(len(ends) * 0.9)] if len(ends) >= WIDE_GROUP else ends[-1]
    return layout


def document_leading(lines: list[Line]) -> float:
    """Line spacing per font size of the document: from the sizes with several lines, else a default."""
    ratios: list[float] = []
    for page in sorted({line.page for line in lines}):
        for key, group in _size_groups([ln for ln in lines if ln.page == page]).items():
            steps = _steps(group, key)
            if len(steps) >= WELL_FILLED:
                ratios.append(steps[len(steps) // 4] / key)
    return sorted(ratios)[len(ratios) // 2] if ratios else DEFAULT_LEADING


def _size_groups(lines: list[Line]) -> dict[float, list[Line]]:
    """The positioned lines of a page by font size, in drawing order."""
    groups: dict[float, list[Line]] = {}
    for line in lines:
        if line.positioned:
            groups.setdefault(size_key(line.size), []).append(line)
    return groups


def _steps(group: list[Line], key: float) -> list[float]:
    """The plausible line-to-line steps down within one size group, sorted."""
    steps = (a.y - b.y for a, b in zip(group, group[1:], strict=False))
    return sorted(s for s in steps if MIN_STEP * key < s < MAX_STEP * key)


def size_key(size: float) -> float:
    """Font sizes grouped to the half point."""
    return round(size * 2) / 2


def _estimated_end(line: Line) -> float:
    """Where a line probably ends: its start plus its characters at typical glyph widths."""
    text = line.text
    spaces, upper = text.count(" "), sum(1 for ch in text if ch.isupper())
    ems = (len(text) - spaces - upper) * CHAR_WIDTH + upper * UPPER_WIDTH + spaces * SPACE_WIDTH
    return line.x + ems * line.size


def ends_paragraph(a: Line, b: Line, layout: PageLayout) -> bool:
    """Whether line ``b`` starts a new paragraph after line ``a`` (rules in the module docstring)."""
    if BULLET.match(b.text):
        return True
    hyphen = _open_hyphen(a.text) and b.text[:1].isalpha()
    if not (a.page == b.page and a.positioned and b.positioned):
        return not hyphen and _text_break(a.text, b.text)
    small, large = sorted((a.size, b.size))
    if large > small * SIZE_CHANGE:
        return True
    step = a.y - b.y
    if step < MIN_STEP * small:
        return not hyphen and _text_break(a.text, b.text)  # same line or upwards: new column, out of order
    key = size_key(a.size)
    if step > layout.pitch.get(key, DEFAULT_LEADING * a.size) * GAP_RATIO:
        return True
    if hyphen:
        return False
    left = layout.left.get(key, a.x)
    if _indented_start(a, b, left):
        return True
    if _is_short(a, layout, key, left):
        return not _continues(a.text, b.text)
    return False


def _indented_start(a: Line, b: Line, left: float) -> bool:
    """``b`` is indented under a line ``a`` that stands at the left edge: a first-line indent.
    Not after a bullet, whose item goes on with a hanging indent."""
    if BULLET.match(a.text) or abs(a.x - left) >= INDENT_MIN * a.size:
        return False
    return INDENT_MIN * a.size < b.x - a.x < INDENT_MAX * a.size


def _is_short(line: Line, layout: PageLayout, key: float, left: float) -> bool:
    """A line that ends well before the right edge of the lines of its size."""
    width = layout.right.get(key, 0.0) - left
    return width > 0 and _estimated_end(line) - left < SHORT_LINE * width


def _text_break(a: str, b: str) -> bool:
    """Without layout: a paragraph ends unless ``a`` leaves a sentence open and ``b`` goes on."""
    return not _continues(a, b)


def _continues(a: str, b: str) -> bool:
    """``b`` carries on the sentence ``a`` left open: a comma at the end of ``a`` (before a closing
    quote or not: '…objectives,"' / 'said X'), or no final punctuation and a lower-case start."""
    if TERMINAL.search(a):
        return False
    if OPEN_COMMA.search(a):
        return True
    first = next((ch for ch in b if ch.isalnum()), "")
    return first.islower()


def _open_hyphen(text: str) -> bool:
    """A line ending in a word and a hyphen (or a soft hyphen): the word goes on."""
    return text.endswith(SOFT_HYPHEN) or bool(HYPHEN_END.search(text))


def join_lines(left: str, right: str, vocabulary: Vocabulary | None = None) -> str:
    """Two wrapped lines as one: a space between, or a cut word rejoined (rules in the module docstring)."""
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    match = HYPHEN_END.search(left)
    if match and right[:1].isalpha():
        tail = WORD.match(right)
        keep = keep_hyphen(match.group(1), tail.group(0) if tail else right, vocabulary or Vocabulary())
        return left + right if keep else left[:-1] + right
    if left.endswith(("-", "\u2010")) and left[-2:-1].isalnum() and right[:1].isdigit():
        return left + right  # '2019-' / '2020', 'COVID-' / '19'
    return f"{left} {right}"


@dataclass
class Vocabulary:
    """The folded words and hyphenated compounds a document writes: evidence for a cut word."""

    words: frozenset[str] = frozenset()
    compounds: frozenset[str] = frozenset()


def _vocabulary(lines: list[Line], guide: str | None) -> Vocabulary:
    """The words and compounds of the document's lines (and of its trusted title)."""
    text = "\n".join([*(line.text for line in lines), guide or ""])
    return Vocabulary(
        words=frozenset(fold(w) for w in WORD.findall(text)),
        compounds=frozenset(fold(w) for w in COMPOUND.findall(text)),
    )


def keep_hyphen(head: str, tail: str, vocabulary: Vocabulary) -> bool:
    """Whether 'head-' at a line end and 'tail' on the next line form a hyphenated compound.

    The document's own spelling decides first ('OP-' / 'TIONAL' where 'OPTIONAL' is written
    elsewhere); then a capital or a one-letter head keeps the hyphen, then the data tables.
    """
    if fold(f"{head}-{tail}") in vocabulary.compounds:
        return True
    if fold(head + tail) in vocabulary.words:
        return False
    if tail[:1].isupper() or len(head) == 1:
        return True
    words = _hyphen_words()
    last_head = re.split(r"[-\u2010]", head)[-1].lower()
    return last_head in words["keep_hyphen_heads"] or (
        len(last_head) >= 3 and tail.lower() in words["keep_hyphen_tails"]
    )


@cache
def _hyphen_words() -> dict[str, frozenset[str]]:
    """The compound heads and tails that keep a hyphen at a line end (data/pdf_layout.json)."""
    table = load_json("pdf_layout.json")
    return {key: frozenset(table[key]) for key in ("keep_hyphen_heads", "keep_hyphen_tails")}


def _title_run(lines: list[Line], title: str) -> tuple[int, int] | None:
    """(first, after-last) indexes of first-page lines that together spell ``title``, if any do."""
    wanted = letters(title)
    first_page = [i for i, line in enumerate(lines[:TITLE_LINES]) if line.page == lines[0].page]
    for start in first_page:
        spelled = ""
        for end in first_page[first_page.index(start) :]:
            spelled += letters(lines[end].text)
            if not wanted.startswith(spelled):
                break
            if spelled == wanted:
                return start, end + 1
    return None


def letters(text: str) -> str:
    """The letters and digits of a text, folded: spacing, hyphens and punctuation ignored."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def reflow(page: str) -> str:
    """Join hard-wrapped lines of plain text, where no layout is known: a line that leaves a
    sentence open, followed by a lower-case start (or a word cut by a hyphen), is a wrap."""
    out: list[str] = []
    for raw in page.splitlines():
        line = " ".join(raw.split())
        if out and out[-1] and line and (_open_hyphen(out[-1]) or _continues(out[-1], line)):
            out[-1] = join_lines(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out)
