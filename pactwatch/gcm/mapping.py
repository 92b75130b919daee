"""Map a text to the 23 GCM objectives and 10 guiding principles, with the sentences that justify each link.

One pass of the concept lexicon (``lexicon.py``) over the text gives weighted hits; hits whose context
requirement fails are dropped, repeats of the same term fade, and explicit references ("objectif 23",
"Objective 1 of the Global Compact", "meta 10.7 de los ODS") weigh strongly. Scores are summed per
paragraph and per document, then turned into a confidence in [0, 1] by a logistic curve fitted on the
tuning set (``data/calibration.json``). Names of the Compact and of its review are neutral, so a text
about the Compact in general gets no specific objective from them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from ..document import Document
from .lexicon import Hit, Lexicon, Tokens, lexicon_for, tokenize
from .reference import calibration, objectives, principles, sdg_targets

OBJECTIVE_IDS = frozenset(str(n) for n in range(1, 24))
MAX_EVIDENCE = 3
_LIST_GAPS = frozenset({"", ",", "&", "/", ";"})
_RANGE_GAPS = frozenset({"-", "\u2013", "\u2014"})
_SENTENCE_END = re.compile(
    r"[.!?\u2026]+[\"\u00bb\u201d\u2019)\]]*\s+(?=[\"\u00ab\u201c(\[\u00bf\u00a1]?[^\W_a-z])"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Evidence:
    """A span of the text (a sentence) that justifies a link."""

    start: int
    end: int
    text: str

    def to_record(self) -> dict[str, Any]:
        """The contract shape: ``{"start", "end", "text"}``."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Link:
    """A link from the text to one objective or principle: confidence, raw score, evidence, trigger spans."""

    id: int | str
    score: float
    raw: float
    evidence: list[Evidence] = field(default_factory=list)
    terms: list[tuple[int, int]] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """The contract shape: ``{"id", "score", "evidence": [...]}``."""
        return {
            "id": self.id,
            "score": round(self.score, 3),
            "evidence": [e.to_record() for e in self.evidence],
        }


@dataclass(frozen=True)
class ParagraphLinks:
    """The objectives and principles one paragraph is linked to, with their confidences."""

    start: int
    end: int
    objectives: tuple[tuple[int, float], ...]
    principles: tuple[tuple[str, float], ...]


class Contribution(NamedTuple):
    """One piece of evidence for a target: its weight, its span and paragraph, and whether it is explicit."""

    target: str
    weight: float
    start: int
    end: int
    paragraph: int
    explicit: bool = False


@dataclass
class Mapping:
    """The mapping of one text: document-level links (best first); paragraph-level links on demand."""

    lang: str | None
    objectives: list[Link]
    principles: list[Link]
    found: list[Contribution] = field(default_factory=list, repr=False)
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def paragraphs(self) -> list[ParagraphLinks]:
        """The objectives and principles of each paragraph (its own scores, same calibration)."""
        return _paragraph_links(self.found, self.spans)

    def objective_records(self) -> list[dict[str, Any]]:
        """``objectives`` as in CONTRACT.md."""
        return [link.to_record() for link in self.objectives]

    def principle_records(self) -> list[dict[str, Any]]:
        """``principles`` as in CONTRACT.md."""
        return [link.to_record() for link in self.principles]


def objective_stage(doc: Document) -> None:
    """Pipeline stage: write ``doc.objectives`` and ``doc.principles`` from ``doc.body`` and ``doc.lang``."""
    mapping = map_text(doc.body, doc.lang)
    doc.objectives = mapping.objective_records()
    doc.principles = mapping.principle_records()


def map_text(text: str, lang: str | None) -> Mapping:
    """The GCM objectives and principles a text serves, best first, with evidence (pure; tables load once)."""
    paragraphs = paragraph_spans(text)
    found = contributions(text, lang, paragraphs)
    sentences = _SentenceIndex(text, paragraphs)
    objective_links = _links(found, OBJECTIVE_IDS.__contains__, "objectives", sentences, int)
    principle_links = _links(found, _is_principle, "principles", sentences, str)
    return Mapping(lang, objective_links, principle_links, found, paragraphs)


def contributions(
    text: str, lang: str | None, paragraphs: list[tuple[int, int]] | None = None
) -> list[Contribution]:
    """Every weighted piece of evidence in ``text``: lexicon terms (context-checked, repeats faded) and
    explicit references to objectives or SDG targets. The raw material of :func:`map_text`."""
    paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
    lexicon = lexicon_for(lang)
    tokens = tokenize(text)
    hits, principle_hits = lexicon.scan(text, tokens)
    scope = _Scope(text, tokens, paragraphs, lexicon, hits)
    found = _term_contributions(hits, scope)
    found += _term_contributions(principle_hits, scope)
    found += _explicit_references(scope)
    found += _sdg_references(scope)
    return found


def raw_scores(found: list[Contribution], paragraph: int | None = None) -> dict[str, float]:
    """Summed weight per target, for the whole text or for one paragraph."""
    scores: dict[str, float] = defaultdict(float)
    for item in found:
        if paragraph is None or item.paragraph == paragraph:
            scores[item.target] += item.weight
    return dict(scores)


def confidence(raw: float, top: float, kind: str) -> float:
    """Calibrated confidence in [0, 1] from a raw score and the best raw score of the same kind."""
    curve = calibration()[kind]
    share = raw / top if top > 0 else 0.0
    z = curve["log_raw"] * math.log1p(raw) + curve["share"] * share + curve["bias"]
    return 1.0 / (1.0 + math.exp(-z))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of the text, trimmed: the paragraphs of a press-release body."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


class _Scope:
    """Where tokens and paragraphs meet, where context words are (found lazily), and the special hits."""

    def __init__(
        self, text: str, tokens: Tokens, paragraphs: list[tuple[int, int]], lexicon: Lexicon, hits: list[Hit]
    ):
        self.text, self.tokens, self.lexicon = text, tokens, lexicon
        self.first_tokens = [tokens.index_at(start) for start, _ in paragraphs] or [0]
        self.bounds = self.first_tokens[1:] + [len(tokens.keys)]
        self._groups: dict[str, tuple[str, ...]] | None = None
        self._paragraph_context: dict[tuple[int, str], bool] = {}
        self.special: dict[str, list[Hit]] = defaultdict(list)
        for hit in hits:
            for entry in hit.entries:
                if entry.target.startswith("@") and entry.target != "@block":
                    self.special[entry.target].append(hit)

    def paragraph_of(self, token: int) -> int:
        """The paragraph index of a token."""
        return max(0, bisect_right(self.first_tokens, token) - 1)

    def context_ok(self, hit: Hit, group: str, window: int | None) -> bool:
        """True if a word of context ``group`` is in the hit's paragraph (and within ``window`` words)."""
        if self._groups is None:
            self._groups = self.lexicon.context_groups(self.tokens)
        paragraph = self.paragraph_of(hit.first)
        low, high = self.first_tokens[paragraph], self.bounds[paragraph]
        if window is not None:
            return self._any(group, max(low, hit.first - window), min(high, hit.last + window))
        key = (paragraph, group)
        if key not in self._paragraph_context:
            self._paragraph_context[key] = self._any(group, low, high)
        return self._paragraph_context[key]

    def _any(self, group: str, low: int, high: int) -> bool:
        groups = self._groups
        return any(group in groups[key] for key in self.tokens.keys[low:high])


def _is_principle(target: str) -> bool:
    return target in principles()


def _term_contributions(hits: list[Hit], scope: _Scope) -> list[Contribution]:
    """Weighted terms whose context holds; the n-th repeat of a term for a target weighs decay**n."""
    decay = calibration()["repeat_decay"]
    seen: dict[tuple[str, str], int] = defaultdict(int)
    found = []
    for hit in hits:
        paragraph = -1
        for entry in hit.entries:
            if entry.weight <= 0:  # neutral and special rows
                continue
            if entry.context and not scope.context_ok(hit, entry.context, entry.window):
                continue
            repeats = seen[(entry.target, entry.term)]
            seen[(entry.target, entry.term)] = repeats + 1
            if paragraph < 0:
                paragraph = scope.paragraph_of(hit.first)
            found.append(
                Contribution(entry.target, entry.weight * decay**repeats, hit.start, hit.end, paragraph)
            )
    return found


def _explicit_references(scope: _Scope) -> list[Contribution]:
    weights = calibration()["explicit"]
    compact = {scope.paragraph_of(h.first) for h in scope.special["@compact"]}
    sdg_tokens = [h.first for h in scope.special["@sdg"]]
    found = []
    for hit in scope.special["@ref"]:
        numbers, last = _numbers_after(scope, hit.last)
        if not numbers or len(numbers) > weights["max_listed"] or _near(sdg_tokens, hit.first - 3, last + 4):
            continue
        paragraph = scope.paragraph_of(hit.first)
        weight = weights[
            "compact_paragraph" if paragraph in compact else "compact_document" if compact else "alone"
        ]
        end = scope.tokens.ends[last - 1]
        found += [Contribution(str(n), weight, hit.start, end, paragraph, True) for n in numbers]
    return found


def _near(positions: list[int], low: int, high: int) -> bool:
    return any(low <= p < high for p in positions)


def _gap(scope: _Scope, left: int, right: int) -> str:
    return scope.text[scope.tokens.ends[left] : scope.tokens.starts[right]].strip()


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(calibration()["explicit"][name])


def _numbers_after(scope: _Scope, index: int) -> tuple[list[int], int]:
    """Objective numbers listed right after the word 'objective': '23', '2, 5 et 23', '1 to 3'; [] if none."""
    keys, fillers = scope.tokens.keys, _words("fillers")
    list_words, range_words = _words("list_words"), _words("range_words")
    while index < len(keys) and keys[index] in fillers and index < len(keys) - 1:
        index += 1
    if index >= len(keys) or not keys[index].isdigit() or _dotted(scope, index):
        return [], index
    numbers, last, index = [int(keys[index])], index + 1, index + 1
    while index < len(keys):
        joiner, gap = keys[index], _gap(scope, index - 1, index)
        if joiner.isdigit() and gap in _LIST_GAPS | _RANGE_GAPS:
            step = 0
        elif joiner in list_words | range_words and index + 1 < len(keys) and keys[index + 1].isdigit():
            step = 1
        else:
            break
        number = int(keys[index + step])
        if joiner in range_words or gap in _RANGE_GAPS:
            numbers += list(range(numbers[-1] + 1, number + 1))
        else:
            numbers.append(number)
        index += step + 1
        last = index
    return [n for n in dict.fromkeys(numbers) if 1 <= n <= 23], last


def _dotted(scope: _Scope, index: int) -> bool:
    keys = scope.tokens.keys
    return (
        index + 1 < len(keys)
        and _gap(scope, index, index + 1) == "."
        and scope.tokens.starts[index + 1] == (scope.tokens.ends[index] + 1)
    )


def _sdg_references(scope: _Scope) -> list[Contribution]:
    """'SDG target 10.7', 'cible 10.c des ODD', 'meta 10.7 de los ODS' -> objectives (objectives.json)."""
    anchors = [h.first for h in scope.special["@sdg"] + scope.special["@target"]]
    if not anchors:
        return []
    table, weight = sdg_targets(), calibration()["explicit"]["sdg_target"]
    keys, found = scope.tokens.keys, []
    nearby = sorted({i for a in anchors for i in range(max(a - 7, 0), min(a + 7, len(keys) - 1))})
    for index in nearby:
        if not keys[index].isdigit() or not _dotted(scope, index) or (index and _dotted(scope, index - 1)):
            continue
        parts = [keys[index], keys[index + 1]]
        if index + 2 < len(keys) and _dotted(scope, index + 1):
            parts.append(keys[index + 2])
        target = ".".join(parts)
        links = table.get(target) or table.get(".".join(parts[:2])) or ()
        start, end = scope.tokens.starts[index], scope.tokens.ends[index + len(parts) - 1]
        paragraph = scope.paragraph_of(index)
        found += [Contribution(str(n), weight * w, start, end, paragraph, True) for n, w in links]
    return found


class _SentenceIndex:
    """Sentence spans of the paragraphs, split on demand, to quote the sentence around a term as evidence."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]):
        self.text, self.paragraphs = text, paragraphs
        self.starts = [p[0] for p in paragraphs]
        self._split: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def around(self, start: int) -> tuple[int, int]:
        """The sentence containing offset ``start``."""
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return start, start
        if index not in self._split:
            spans = _sentences(self.text, *self.paragraphs[index])
            self._split[index] = (spans, [s for s, _ in spans])
        spans, starts = self._split[index]
        return spans[max(bisect_right(starts, start) - 1, 0)]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, max(begin, m.start() - 24), m.start() + 1)
        if word and _is_abbreviation(word.group(1)):
            continue
        stop = m.end() - (len(m.group()) - len(m.group().rstrip()))
        spans.append((begin, stop))
        begin = m.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def _is_abbreviation(word: str) -> bool:
    """'M.', 'Mme.', 'Dr.', 'J.' are not sentence ends; 'OIM.' or 'pays.' are."""
    return (len(word) == 1 and word.isupper()) or (
        len(word) <= 3 and word[0].isupper() and not word.isupper()
    )


def _links(found: list[Contribution], wanted, kind: str, sentences: _SentenceIndex, cast) -> list[Link]:
    by_target: dict[str, list[Contribution]] = defaultdict(list)
    for item in found:
        if wanted(item.target):
            by_target[item.target].append(item)
    if not by_target:
        return []
    scores = {target: sum(c.weight for c in items) for target, items in by_target.items()}
    top, threshold = max(scores.values()), calibration()[kind]["threshold"]
    links = []
    for target, raw in scores.items():
        score = confidence(raw, top, kind)
        if score >= threshold:
            mine = by_target[target]
            links.append(
                Link(cast(target), score, raw, _evidence(mine, sentences), [(c.start, c.end) for c in mine])
            )
    links.sort(key=lambda link: (-link.score, -link.raw, _order(link.id)))
    return links


def _order(target: int | str) -> tuple[int, int, str]:
    return (0, target, "") if isinstance(target, int) else (1, 0, target)


def _evidence(mine: list[Contribution], sentences: _SentenceIndex) -> list[Evidence]:
    weight: dict[tuple[int, int], float] = defaultdict(float)
    for item in mine:
        weight[sentences.around(item.start)] += item.weight + (10.0 if item.explicit else 0.0)
    best = sorted(weight, key=lambda span: (-weight[span], span[0]))[:MAX_EVIDENCE]
    return [Evidence(s, e, sentences.text[s:e]) for s, e in best]


def _paragraph_links(found: list[Contribution], paragraphs: list[tuple[int, int]]) -> list[ParagraphLinks]:
    per_paragraph: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for item in found:
        per_paragraph[item.paragraph][item.target] += item.weight
    out = []
    for index, (start, end) in enumerate(paragraphs):
        scores = per_paragraph.get(index, {})
        objs = _ranked({t: s for t, s in scores.items() if t in OBJECTIVE_IDS}, "objectives", int)
        prins = _ranked({t: s for t, s in scores.items() if _is_principle(t)}, "principles", str)
        out.append(ParagraphLinks(start, end, objs, prins))
    return out


def _ranked(scores: dict[str, float], kind: str, cast) -> tuple:
    if not scores:
        return ()
    top, threshold = max(scores.values()), calibration()[kind]["threshold"]
    scored = [(cast(t), confidence(s, top, kind)) for t, s in scores.items()]
    return tuple(
        sorted(((t, round(c, 3)) for t, c in scored if c >= threshold), key=lambda x: (-x[1], _order(x[0])))
    )


def format_mapping(text: str, mapping: Mapping, *, color: bool = True) -> str:
    """The mapping as terminal text: each objective and principle with its confidence and its evidence
    sentences, the triggering words highlighted (ANSI bold when ``color``, else [brackets])."""
    lang = mapping.lang
    lines = []
    if not mapping.objectives and not mapping.principles:
        return "No GCM objective or guiding principle found."
    if mapping.objectives:
        lines.append("GCM objectives")
        table = objectives()
        for link in mapping.objectives:
            lines.append(f"  {link.id:>2}  {table[link.id].label_in(lang)}  ({link.score:.2f})")
            lines += [f"        {_highlight(text, ev, link.terms, color)}" for ev in link.evidence]
    if mapping.principles:
        lines.append("Guiding principles")
        names = principles()
        for link in mapping.principles:
            lines.append(f"  {names[link.id].name_in(lang)}  ({link.score:.2f})")
            lines += [f"        {_highlight(text, ev, link.terms, color)}" for ev in link.evidence]
    return "\n".join(lines)


def _highlight(text: str, evidence: Evidence, terms: list[tuple[int, int]], color: bool) -> str:
    opening, closing = ("\x1b[1m", "\x1b[0m") if color else ("[", "]")
    inside = sorted({(s, e) for s, e in terms if evidence.start <= s and e <= evidence.end})
    parts, cursor = [], evidence.start
    for start, end in inside:
        if start < cursor:
            continue
        parts += [text[cursor:start], opening, text[start:end], closing]
        cursor = end
    parts.append(text[cursor : evidence.end])
    return _SPACES.sub(" ", "".join(parts)).strip()
