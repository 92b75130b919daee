"""Shared fixtures: paths to the dev corpus and our own corpus, and a document factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.document import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
OWN_CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture
def make_doc():
    """Factory: a Document whose body (and optionally other fields) are given."""

    def make(body: str = "", **fields) -> Document:
        doc = Document(source=fields.pop("source", "test.txt"), text=fields.pop("text", body))
        doc.body = body
        for name, value in fields.items():
            setattr(doc, name, value)
        return doc

    return make
