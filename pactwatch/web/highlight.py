"""A document's body cut into segments, each with the marks that cover it (entities, quotes, evidence).

Why flat segments and not nested tags: mentions, quotes and objective evidence overlap
freely (a country named inside a quote inside an evidence sentence), and nested markup
cannot express crossing spans. Each segment carries the set of marks active over it; the
template wraps it in one element and escapes its text. Spans that do not match the body
(a record from an older extractor) are dropped, never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mark:
    """One highlighted span: what it is (entity type, quote, evidence) and what it points to."""

    start: int
    end: int
    kind: str  # country | organization | person | place | quote | evidence
    ref: str = ""  # entity id, speaker id or objective number
    label: str = ""  # tooltip text


@dataclass
class Segment:
    """A run of body text and the marks covering all of it."""

    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        """CSS classes: ``hl-<kind>`` for each covering mark."""
        return " ".join(sorted({f"hl-{m.kind}" for m in self.marks}))

    @property
    def entity(self) -> Mark | None:
        """The innermost entity mark (the link target), if any."""
        ents = [m for m in self.marks if m.kind not in ("quote", "evidence")]
        return min(ents, key=lambda m: m.end - m.start) if ents else None

    @property
    def title(self) -> str:
        """Tooltip text: the labels of the covering marks."""
        return "; ".join(dict.fromkeys(m.label for m in self.marks if m.label))


def record_marks(record: dict[str, Any], objective_labels: dict[int, str]) -> list[Mark]:
    """Every span a record highlights: entity mentions, quotes, objective evidence."""
    body = record.get("body") or ""
    marks = []
    for ent in record.get("entities") or []:
        for m in ent.get("mentions") or []:
            marks.append(Mark(m["start"], m["end"], ent["type"], ent["id"], f"{ent['type']}: {ent['name']}"))
    for q in record.get("quotes") or []:
        who = q.get("speaker") or "?"
        marks.append(
            Mark(q.get("start", -1), q.get("end", -1), "quote", q.get("speaker_id") or "", f"quote: {who}")
        )
    for obj in record.get("objectives") or []:
        label = f"objective {obj['id']}: {objective_labels.get(obj['id'], '')}"
        for ev in obj.get("evidence") or []:
            marks.append(Mark(ev.get("start", -1), ev.get("end", -1), "evidence", str(obj["id"]), label))
    return [m for m in marks if 0 <= m.start < m.end <= len(body)]


def segments(body: str, marks: list[Mark]) -> list[Segment]:
    """``body`` cut at every mark boundary, each piece with the marks that cover it.

    A sweep over the boundaries (marks open and close as it passes), so a long document
    with many marks costs O((n + m) log m), not n × m.
    """
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, list[Mark]] = {}
    for m in marks:
        opens.setdefault(m.start, []).append(m)
        closes.setdefault(m.end, []).append(m)
    cuts = sorted({0, len(body), *opens, *closes})
    active: dict[Mark, int] = {}
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        for m in closes.get(start, ()):
            active.pop(m, None)
        for m in opens.get(start, ()):
            active[m] = active.get(m, 0) + 1
        out.append(Segment(body[start:end], list(active)))
    return out
