"""The document being built by the pipeline, and its public record (CONTRACT.md)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Document:
    """One input document as the stages fill it in.

    Readers set ``source``, ``kind``, ``text`` and ``meta``; each pipeline stage
    reads some fields and writes others (see ``pactwatch.pipeline.STAGES``).
    ``entities`` holds contract-shaped dicts: ``{"type", "id", "name", "mentions", ...}``.
    """

    source: str
    kind: str = "text"  # text | html | pdf | docx
    text: str = ""  # the decoded text as read (text dumps: everything; HTML: the main text)
    meta: dict[str, Any] = field(default_factory=dict)  # reader metadata: title, date, url...
    lang: str | None = None
    title: str | None = None
    body: str = ""
    dateline: dict[str, Any] | None = None
    dates: dict[str, Any] = field(default_factory=lambda: {"event": None, "published": None})
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[dict[str, Any]] = field(default_factory=list)
    principles: list[dict[str, Any]] = field(default_factory=list)

    def entities_of(self, kind: str) -> list[dict[str, Any]]:
        """The entities of one type ("country", "organization", "person", "place")."""
        return [e for e in self.entities if e.get("type") == kind]

    def to_record(self) -> dict[str, Any]:
        """The public extraction record, with the field order of CONTRACT.md."""
        return {
            "id": record_id(self.body),
            "source": self.source,
            "lang": self.lang,
            "title": self.title,
            "body": self.body,
            "dateline": self.dateline,
            "dates": self.dates,
            "entities": self.entities,
            "quotes": self.quotes,
            "contacts": self.contacts,
            "figures": self.figures,
            "events": self.events,
            "objectives": self.objectives,
            "principles": self.principles,
        }


def normalise_text(text: str) -> str:
    """NFC, unified whitespace: the form the record id is computed on."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def record_id(body: str) -> str:
    """The record id: first 16 hex chars of the SHA-256 of the normalised main text."""
    return hashlib.sha256(normalise_text(body).encode("utf-8")).hexdigest()[:16]


def mention(body: str, start: int, end: int) -> dict[str, Any]:
    """A mention span into ``body``."""
    return {"start": start, "end": end, "text": body[start:end]}
