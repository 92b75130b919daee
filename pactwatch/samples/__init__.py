"""The bundled sample corpus that ``pactwatch demo`` loads into a fresh store.

Thirty-six short documents in French, English and Spanish (plain text, HTML pages and
PDF files) about the implementation of the Global Compact for Safe, Orderly and Regular
Migration. They were written for pactwatch: the background they state is public, their
quotes come from fictional people, their contacts are made up, and each one says it is a
sample. ``manifest.json`` lists every file with its language, format, topic and date;
``README.md`` describes them. One file, ``zz-hostile-sample.txt``, is deliberately hostile
(markup and script fragments as text) for the security tests.

The PDFs are generated from ``scripts/sample_pdf_sources/`` by ``scripts/make_sample_pdfs.py``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..ingest.sources import kind_from_name

MANIFEST = "manifest.json"


def sample_dir() -> Path:
    """The folder holding the sample files (the package installed as files, not zipped)."""
    return Path(str(files(__name__)))


def sample_paths() -> list[Path]:
    """Every sample document (a file type pactwatch reads), sorted by name; no README or manifest."""
    return sorted(p for p in sample_dir().iterdir() if p.is_file() and kind_from_name(p.name))


@cache
def manifest() -> dict[str, Any]:
    """The manifest: language markers and one entry per file (lang, format, topic, date)."""
    return json.loads((sample_dir() / MANIFEST).read_text(encoding="utf-8"))
