"""Fixtures for the store tests: a fresh store per test and a factory of contract-shaped records."""

from __future__ import annotations

import pytest

from pactwatch.document import record_id
from pactwatch.store import open_store


@pytest.fixture
def store(tmp_path):
    """A new, empty store in a temporary file."""
    with open_store(tmp_path / "store.db") as opened:
        yield opened


def make_record(body: str, source: str = "doc.txt", title: str | None = "A title", lang: str = "en", **extra):
    """A minimal valid record (CONTRACT.md) for ``body``; entities, dates... given as keyword arguments."""
    record = {
        "id": record_id(body),
        "source": source,
        "lang": lang,
        "title": title,
        "body": body,
        "dateline": None,
        "dates": {"event": None, "published": None},
        "entities": [],
        "quotes": [],
        "contacts": [],
        "figures": [],
        "events": [],
        "objectives": [],
        "principles": [],
    }
    record.update(extra)
    return record


def entity(kind: str, ident: str, name: str, body: str, **extra) -> dict:
    """An entity of ``body`` with one mention: the first occurrence of ``name``."""
    start = body.index(name)
    return {"type": kind, "id": ident, "name": name,
            "mentions": [{"start": start, "end": start + len(name), "text": name}], **extra}  # fmt: skip
