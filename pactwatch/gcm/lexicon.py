"""The GCM concept lexicon (``data/lexicon.tsv``) compiled into a fast single-pass phrase scanner.

Terms are matched on word tokens folded to lower case without accents, longest phrase first at each
position (like :class:`pactwatch.text.matching.PhraseMatcher`), but with a first-word index so that a
700-word text costs one dictionary lookup per word. Folding keeps the text's length, so token offsets
are offsets into the original text. Each entry carries its target (an objective number, a principle id
or a special ``@`` target), a weight, and an optional context requirement for ambiguous words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import NamedTuple

from ..text.normalize import fold

LANGS = ("fr", "en", "es")
PREFIX = "*"
MIN_PREFIX = 4
MEMO_SIZE = 200_000
_TOKEN = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


@dataclass(frozen=True)
class Entry:
    """One lexicon row: what a phrase points to, how strongly, and under which context."""

    term: str
    lang: str
    target: str  # "1".."23", a principle id, or "@compact", "@block", "@ref", "@sdg", "@target", "@ctx:GROUP"
    weight: float
    context: str | None = None  # a @ctx group the term needs nearby
    window: int | None = None  # how many words away the context may be; None: anywhere in the paragraph
    exact: bool = False  # acronyms: the surface must have the same letters in the same case


@dataclass(frozen=True)
class Tokens:
    """Word tokens of a text: folded keys and character spans (parallel lists)."""

    keys: list[str]
    starts: list[int]
    ends: list[int]

    @cached_property
    def distinct(self) -> frozenset[str]:
        """The distinct keys (computed once)."""
        return frozenset(self.keys)

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)


class Hit(NamedTuple):
    """A lexicon phrase found in a text: token range [first, last), character span, its entries."""

    first: int
    last: int
    start: int
    end: int
    entries: tuple[Entry, ...]


@cache
def _fold_char(char: str) -> str:
    folded = fold(char)
    if len(folded) == 1:
        return folded
    lower = char.lower()
    return lower if len(lower) == 1 else char


def fold_keep_length(text: str) -> str:
    """Lower-case, accent-free text of exactly the same length (so offsets stay valid)."""
    return "".join(_fold_char(c) for c in text)


@cache
def _fold_word(word: str) -> str:
    return "".join(_fold_char(c) for c in word).translate(_LIGATURES)


def tokenize(text: str) -> Tokens:
    """Folded word tokens of ``text`` with their spans: one regex pass, accents folded per distinct word."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters lower-case to two ('İ'): fold char by char instead
        lower = fold_keep_length(text)
    matches = list(_TOKEN.finditer(lower))
    keys = [m.group() for m in matches]
    if not lower.isascii():
        keys = [k if k.isascii() else _fold_word(k) for k in keys]
    return Tokens(keys, [m.start() for m in matches], [m.end() for m in matches])


def term_key(term: str) -> tuple[str, ...]:
    """The lookup key of a lexicon term: its folded tokens (same folding as :func:`tokenize`)."""
    return tuple(tokenize(term).keys)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _hit(text: str, tokens: Tokens, i: int, n: int, entries: tuple[Entry, ...], case: bool) -> Hit | None:
    """A hit of ``n`` tokens from ``i`` with the entries whose case rule the surface satisfies (acronyms
    are single words, so ``case`` is only true for single words that have an acronym entry)."""
    start, end = tokens.starts[i], tokens.ends[i + n - 1]
    if case:
        entries = tuple(e for e in entries if not e.exact or _letters(text[start:end]) == _letters(e.term))
    return Hit(i, i + n, start, end, entries) if entries else None


class Lexicon:
    """Phrases of one language (plus language-neutral ones), with a first-word index for speed.

    Objectives and principles are two families scanned in the same pass but each with its own longest
    match, so that a phrase of one ('travailleuses domestiques' -> 6) does not hide a shorter phrase of
    the other ('travailleuses' -> gender-responsive); neutral blocks and the Compact's names belong to
    both. A term ending in ``*`` is a single-word prefix ('vulnérab*' matches 'vulnérables',
    'vulnérabilité'); exact phrases win over prefixes at the same position."""

    def __init__(self, entries: Iterable[Entry]):
        grouped: dict[tuple[str, ...], tuple[list[Entry], list[Entry]]] = {}
        prefixes: dict[str, tuple[list[Entry], list[Entry]]] = {}
        context_words: dict[str, set[str]] = {}
        context_prefixes: dict[str, set[str]] = {}
        for entry in entries:
            is_prefix = entry.term.endswith(PREFIX)
            key = term_key(entry.term.rstrip(PREFIX))
            if not key or (is_prefix and (len(key) != 1 or len(key[0]) < MIN_PREFIX)):
                continue
            if entry.target.startswith("@ctx:"):
                store = context_prefixes if is_prefix else context_words
                store.setdefault(entry.target[5:], set()).update(key)
                continue
            pair = prefixes.setdefault(key[0], ([], [])) if is_prefix else grouped.setdefault(key, ([], []))
            for family in _families_of(entry):
                pair[family].append(entry)
        self.phrases = {key: (tuple(a), tuple(b)) for key, (a, b) in grouped.items()}
        self._single = {key[0]: pair for key, pair in self.phrases.items() if len(key) == 1}
        self._case_words = frozenset(
            k for k, pair in self._single.items() if any(e.exact for e in pair[0] + pair[1])
        )
        self.contexts = {name: frozenset(words) for name, words in context_words.items()}
        self._context_prefixes = {name: tuple(words) for name, words in context_prefixes.items()}
        self._prefixes = {key: (tuple(a), tuple(b)) for key, (a, b) in prefixes.items()}
        self._prefix_sizes = tuple(sorted({len(k) for k in self._prefixes}, reverse=True))
        self._memo: dict[str, tuple[tuple[Entry, ...], tuple[Entry, ...]] | None] = {}
        self._context_memo: dict[str, tuple[str, ...]] = {}
        self._groups = tuple(sorted(set(self.contexts) | set(self._context_prefixes)))
        lengths: dict[str, set[int]] = {}
        seconds: dict[str, set[str]] = {}
        for key in self.phrases:
            lengths.setdefault(key[0], set()).add(len(key))
            if len(key) > 1:
                seconds.setdefault(key[0], set()).add(key[1])
        self._lengths = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
        self._seconds = {first: frozenset(words) for first, words in seconds.items()}

    def __len__(self) -> int:
        return len(self.phrases) + len(self._prefixes)

    def scan(self, text: str, tokens: Tokens) -> tuple[list[Hit], list[Hit]]:
        """Non-overlapping hits of each family (objectives, principles), left to right, longest first."""
        lengths, single, phrases, seconds = self._lengths, self._single, self.phrases, self._seconds
        keys, count = tokens.keys, len(tokens.keys)
        objective_hits: list[Hit] = []
        principle_hits: list[Hit] = []
        resume0 = resume1 = 0
        prefixed = self._prefixed(tokens.distinct) if self._prefixes else {}
        for i in [i for i, key in enumerate(keys) if key in lengths or key in prefixed]:
            want0, want1 = i >= resume0, i >= resume1
            if not (want0 or want1):
                continue
            key = keys[i]
            sizes = lengths.get(key, ())
            if sizes and sizes[-1] > 1 and (i + 1 == count or keys[i + 1] not in seconds[key]):
                sizes = ()  # only longer phrases start here, and the next word continues none of them
            hit0 = hit1 = None
            for n in sizes:
                if i + n > count:
                    continue
                pair = single.get(key) if n == 1 else phrases.get(tuple(keys[i : i + n]))
                if pair is None:
                    continue
                case = n == 1 and key in self._case_words
                if want0 and hit0 is None and pair[0]:
                    hit0 = _hit(text, tokens, i, n, pair[0], case)
                if want1 and hit1 is None and pair[1]:
                    hit1 = _hit(text, tokens, i, n, pair[1], case)
                if (hit0 or not want0) and (hit1 or not want1):
                    break
            pair = prefixed.get(key)
            if pair:
                if want0 and hit0 is None and pair[0]:
                    hit0 = Hit(i, i + 1, tokens.starts[i], tokens.ends[i], pair[0])
                if want1 and hit1 is None and pair[1]:
                    hit1 = Hit(i, i + 1, tokens.starts[i], tokens.ends[i], pair[1])
            if want0 and hit0:
                objective_hits.append(hit0)
                resume0 = hit0.last
            if want1 and hit1:
                principle_hits.append(hit1)
                resume1 = hit1.last
        return objective_hits, principle_hits

    def _prefixed(self, keys: frozenset[str]) -> dict[str, tuple[tuple[Entry, ...], tuple[Entry, ...]]]:
        memo = self._memo
        if len(memo) > MEMO_SIZE:
            memo.clear()
        for key in keys - memo.keys():
            memo[key] = next(
                (self._prefixes[key[:n]] for n in self._prefix_sizes if key[:n] in self._prefixes), None
            )
        return {key: pair for key in keys if (pair := memo[key])}

    def context_groups(self, tokens: Tokens) -> dict[str, tuple[str, ...]]:
        """Word -> the context groups it belongs to (by word or prefix), filled for every word of ``tokens``
        and memoised across texts."""
        memo = self._context_memo
        if len(memo) > MEMO_SIZE:
            memo.clear()
        for key in tokens.distinct - memo.keys():
            memo[key] = tuple(name for name in self._groups if self._in_context(key, name))
        return memo

    def _in_context(self, key: str, group: str) -> bool:
        starts = self._context_prefixes.get(group, ())
        return key in self.contexts.get(group, ()) or bool(starts and key.startswith(starts))


def _parse_context(value: str) -> tuple[str | None, int | None]:
    value = value.strip()
    if not value:
        return None, None
    name, _, window = value.partition(":")
    return name.strip(), int(window) if window.strip() else None


def _is_acronym(term: str) -> bool:
    if term.endswith(PREFIX):
        return False
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in term.strip()


@cache
def load_entries() -> tuple[Entry, ...]:
    """All rows of ``data/lexicon.tsv`` (parsed once per process)."""
    text = resources.files(__package__).joinpath("data", "lexicon.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    entries = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        context, window = _parse_context(row.get("context") or "")
        term = row["term"].strip()
        entries.append(
            Entry(
                term,
                row["lang"].strip(),
                row["target"].strip(),
                float(row["weight"] or 0),
                context,
                window,
                _is_acronym(term),
            )
        )
    return tuple(entries)


def language_of(lang: str | None) -> str:
    """The lexicon language for a document language: fr, en, es, or '*' (all) when unknown."""
    code = (lang or "").lower()[:2]
    return code if code in LANGS else "*"


def _families_of(entry: Entry) -> tuple[int, ...]:
    """0: objectives (and the special rows), 1: principles; neutral blocks and Compact names go to both."""
    target = entry.target
    if target in ("@block", "@compact"):
        return (0, 1)
    return (0,) if target.isdigit() or target.startswith("@") else (1,)


def lexicon_for(lang: str | None) -> Lexicon:
    """The compiled lexicon for ``lang`` (its own terms and the language-neutral ones), built once."""
    return _compiled(language_of(lang))


@cache
def _compiled(code: str) -> Lexicon:
    return Lexicon(e for e in load_entries() if code == "*" or e.lang in (code, "*"))
