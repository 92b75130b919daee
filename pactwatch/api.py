"""The library's front door: one call from an input (file, URL or text) to its record."""

from __future__ import annotations

from typing import Any

from .document import Document
from .errors import EmptyInput
from .ingest.readers import read_document
from .ingest.sources import Source, kind_from_name
from .pipeline import DEFAULT_PIPELINE, run_pipeline
from .settings import Settings


def extract_source(location: str, settings: Settings | None = None) -> dict[str, Any]:
    """The extraction record (CONTRACT.md) of one file path or http(s) URL.

    Raises a ``PactwatchError`` subclass (with a code and a one-line message) for bad input.
    """
    settings = settings or Settings()
    doc = read_document(Source(location, kind_from_name(location)), settings)
    return run_pipeline(doc, settings.stages).to_record()


def extract_text(text: str, source: str = "<text>", stages=DEFAULT_PIPELINE) -> dict[str, Any]:
    """The extraction record of a text already in memory (a page dump or plain text)."""
    if not text.strip():
        raise EmptyInput(source, "no text")
    return run_pipeline(Document(source=source, text=text), stages).to_record()



def map_objectives(location: str, settings: Settings | None = None, stdin_text: str | None = None):
    """(main text, GCM mapping) of a file, URL or — with ``location`` '-' — the given standard input text.

    The page chrome is removed first so navigation words never count as evidence.
    """
    from .gcm.mapping import map_text

    if location == "-":
        if not (stdin_text or "").strip():
            raise EmptyInput("<stdin>", "no text")
        doc = Document(source="<stdin>", text=stdin_text)
    else:
        settings = settings or Settings()
        doc = read_document(Source(location, kind_from_name(location)), settings)
    run_pipeline(doc, ("boilerplate", "language"))
    return doc.body, map_text(doc.body, doc.lang)
