"""Quotations and their speakers: « », “ ”, " " — speaker after or before, over several paragraphs.

Typographic conventions differ: French and Spanish releases open each paragraph of a
long quotation with « and close only the last one; English ones open each paragraph
with “ and close only the last. Attribution is found in the clause after the quote
(', a déclaré Amy Pope', ', said X', '—dijo X', ', a-t-il ajouté') or in the lead-in
before it ('X a déclaré : «', 'According to X, “').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..text.normalize import fold
from .cues import person_cues

PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}
MIN_WORDS = 4
UNATTRIBUTED_MIN_WORDS = 8
TRAIL_CHARS = 160
BARE_VERB_WORDS = 4  # '", ha señalado.', '», a-t-il dit.': the speaker is the person named last
LEAD_CHARS = 200


@dataclass
class Quote:
    """A quotation span (the text between the marks) and its speaker once known."""

    start: int
    end: int
    opening: int
    closing: int
    speaker: dict | None = None


def find_quote_spans(body: str) -> list[tuple[int, int, int, int]]:
    """(text start, text end, opening mark, closing mark) of each quotation; paragraphs joined."""
    spans: list[tuple[int, int, int, int]] = []
    i = 0
    while i < len(body):
        opener = body[i]
        closer = PAIRS.get(opener)
        if closer is None or (opener == '"' and not _opens_straight(body, i)):
            i += 1
            continue
        end = _closing(body, i + 1, opener, closer)
        if end is None:
            i += 1
            continue
        spans.append((*_trimmed(body, i + 1, end), i, end))
        i = end + 1
    return spans


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces French typography puts inside « »."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _opens_straight(body: str, i: int) -> bool:
    """A straight double quote opens when it follows a space, line start or opening punctuation."""
    return i == 0 or body[i - 1] in " \n(:—–-"


def _closing(body: str, start: int, opener: str, closer: str) -> int | None:
    """Index of the mark that closes a quote opened before ``start``; paragraphs may continue it."""
    pos = start
    while True:
        newline = body.find("\n", pos)
        close = body.find(closer, pos)
        if close != -1 and (newline == -1 or close < newline):
            return close
        if newline == -1:
            return None
        if not body.startswith(opener, newline + 1):
            return None
        pos = newline + 2


def words(text: str) -> int:
    """Number of words."""
    return len(re.findall(r"\w+", text))


def person_mentions(doc: Document) -> list[tuple[int, int, dict]]:
    """(start, end, person entity) for every person mention, in text order."""
    spans = [(m["start"], m["end"], e) for e in doc.entities_of("person") for m in e.get("mentions", [])]
    return sorted(spans, key=lambda s: s[0])


def speaker_after(body: str, opening: int, closing: int, mentions) -> dict | None:
    """Speaker named in the clause after the closing mark (', a déclaré X', ', said X').

    A pronoun ('a-t-il ajouté', 'she added') means the person named last before the quote.
    """
    cues = person_cues()
    trail = body[closing + 1 : closing + 1 + TRAIL_CHARS]
    clause = trail[: clause_end(trail)]
    inverted = cues.pronoun_inversion.match(clause.lstrip(" ,—–-"))
    verb = cues.speech_verb.search(clause) or cues.pronoun_speech.search(clause) or inverted
    if not verb:
        return None
    base = closing + 1
    named = [p for s, _e, p in mentions if base <= s < base + len(clause)]
    if named:
        return named[0]
    if cues.pronoun_speech.search(clause) or inverted or words(clause) <= BARE_VERB_WORDS:
        return last_person_before(opening, mentions)
    return None


def last_person_before(position: int, mentions) -> dict | None:
    """The person mentioned last before ``position``."""
    earlier = [p for s, _e, p in mentions if s < position]
    return earlier[-1] if earlier else None


def clause_end(text: str) -> int:
    """Where the first sentence of ``text`` ends: a full stop not after an honorific ('M.', 'Dr.')."""
    honorifics = person_cues().honorifics
    for m in re.finditer(r"[.!?](?=\s)|[«“]|\n", text):
        if m.group() == ".":
            word = re.search(r"(\w+)$", text[: m.start()])
            if word and (word.group(1).lower() in honorifics or len(word.group(1)) == 1):
                continue
        return m.start()
    return len(text)


def speaker_before(body: str, opening: int, mentions) -> dict | None:
    """Speaker named in the lead-in ending at the opening mark.

    'X a déclaré : «', 'According to X, “' (a speech verb), or 'X put it plainly: “' (a colon).
    """
    lead = body[max(0, opening - LEAD_CHARS) : opening]
    cut = max(lead.rfind("\n"), lead.rfind(". "), lead.rfind("»"), lead.rfind("”"))
    clause = lead[cut + 1 :].rstrip()
    has_verb = bool(person_cues().speech_verb.search(clause))
    if not (clause.endswith(":") or (clause.endswith(",") and has_verb)):
        return None
    base = opening - len(lead) + cut + 1
    inside = [p for s, _e, p in mentions if base <= s < opening]
    if inside:
        return inside[-1]
    first_word = re.match(r"\s*(\w+)", clause)
    if has_verb and first_word and fold(first_word.group(1)) in person_cues().pronouns:
        return last_person_before(base, mentions)
    return None


def same_paragraph(body: str, a: Quote, b: Quote) -> bool:
    """Whether two quotes stand in the same paragraph."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return "\n" not in body[first.closing : second.opening]


def fill_from_neighbours(body: str, quotes: list[Quote]) -> None:
    """An unattributed quote takes the speaker of the quote before it, or after it, in its paragraph."""
    for i, quote in enumerate(quotes):
        if quote.speaker is None and i > 0 and same_paragraph(body, quotes[i - 1], quote):
            quote.speaker = quotes[i - 1].speaker
    for i in range(len(quotes) - 2, -1, -1):
        quote, nxt = quotes[i], quotes[i + 1]
        if quote.speaker is None and same_paragraph(body, quote, nxt):
            quote.speaker = nxt.speaker


def quote_stage(doc: Document) -> None:
    """Set ``doc.quotes``: each quotation with its speaker (name and id) and span in the body."""
    body, mentions = doc.body, person_mentions(doc)
    quotes: list[Quote] = []
    for start, end, opening, closing in find_quote_spans(body):
        if words(body[start:end]) < MIN_WORDS:
            continue
        speaker = speaker_after(body, opening, closing, mentions) or speaker_before(body, opening, mentions)
        quotes.append(Quote(start, end, opening, closing, speaker))
    fill_from_neighbours(body, quotes)
    doc.quotes = [_record(body, q) for q in quotes if q.speaker or words(body[q.start : q.end]) >= UNATTRIBUTED_MIN_WORDS]


def _record(body: str, quote: Quote) -> dict:
    speaker = quote.speaker or {}
    return {
        "speaker": speaker.get("name"),
        "speaker_id": speaker.get("id"),
        "text": body[quote.start : quote.end].strip(),
        "start": quote.start,
        "end": quote.end,
    }
