"""The bundled sample corpus (pactwatch/samples): complete, marked as samples, and extractable.

``pactwatch demo`` builds its store from these files, so every one must extract with a title,
the expected language and a date, and no quote may be put in the mouth of a real person.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from pactwatch.api import extract_source
from pactwatch.ingest.sources import kind_from_name
from pactwatch.samples import manifest, sample_dir, sample_paths
from pactwatch.text.normalize import fold

from .conftest import ROOT

PDF_SOURCES = ROOT / "scripts" / "sample_pdf_sources"
HOSTILE = "zz-hostile-sample.txt"
SUFFIX_FORMAT = {".txt": "text", ".html": "html", ".pdf": "pdf"}


def _entries() -> dict[str, dict]:
    return {entry["file"]: entry for entry in manifest()["documents"]}


def _squash(text: str) -> str:
    """Folded text with runs of whitespace as one space (PDF lines and justified spacing vary)."""
    return " ".join(fold(text).split())


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _raw_text(path: Path) -> str:
    return _pdf_text(path) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    """The extraction record of every sample, by file name (extracted once for the module)."""
    return {path.name: extract_source(str(path)) for path in sample_paths()}


def test_sample_paths_are_the_documents_of_the_manifest():
    names = [p.name for p in sample_paths()]
    assert names == sorted(names)
    assert set(names) == set(_entries())
    assert {"README.md", "manifest.json", "__init__.py"}.isdisjoint(names)
    assert all(p.parent == sample_dir() and kind_from_name(p.name) for p in sample_paths())
    assert len(names) >= 30


def test_three_languages_each_with_at_least_nine_documents():
    counts = Counter(entry["lang"] for entry in _entries().values())
    assert set(counts) == {"fr", "en", "es"}
    assert min(counts.values()) >= 9


def test_text_html_and_pdf_formats_with_at_least_six_pdfs():
    for name, entry in _entries().items():
        assert SUFFIX_FORMAT[Path(name).suffix] == entry["format"], name
    counts = Counter(entry["format"] for entry in _entries().values())
    assert counts["text"] and counts["html"] and counts["pdf"] >= 6


def test_every_document_says_it_is_a_sample_in_its_language():
    markers = manifest()["markers"]
    for path in sample_paths():
        lang = _entries()[path.name]["lang"]
        assert _squash(markers[lang]) in _squash(_raw_text(path)), path.name
        if path.suffix == ".html":
            assert '<meta name="pactwatch-sample"' in path.read_text(encoding="utf-8"), path.name


def test_every_document_extracts_with_title_language_and_date(records):
    for name, entry in _entries().items():
        record, dates = records[name], records[name]["dates"]
        assert record["title"], name
        assert record["lang"] == entry["lang"], name
        assert dates["published"] or dates["event"], name


def test_publication_span_holds_the_documents_own_date(records):
    for name, entry in _entries().items():
        published = records[name]["dates"]["published"]
        assert published and published["earliest"] <= entry["date"] <= published["latest"], name


def test_reported_events_overlap_the_manifest_event(records):
    for name, entry in _entries().items():
        expected, found = entry["event"], records[name]["dates"]["event"]
        if expected:
            assert found and found["start"] <= expected["end"] and found["end"] >= expected["start"], name


def test_no_quote_is_attributed_to_a_real_person(records):
    """Quotes in the samples are from fictional people; a real office-holder must never get one."""
    for name, entry in _entries().items():
        speakers = {quote["speaker"] for quote in records[name]["quotes"]} - {None}
        assert not speakers & set(entry["real_people"]), name
        assert speakers <= set(entry["fictional_speakers"]), name


def test_the_same_event_is_covered_in_several_languages():
    """Entity and event merging across languages needs events reported in two languages or more."""
    langs_by_event = defaultdict(set)
    for entry in _entries().values():
        if entry["event"]:
            langs_by_event[entry["event"]["start"], entry["event"]["end"]].add(entry["lang"])
    assert sum(len(langs) >= 2 for langs in langs_by_event.values()) >= 3


def test_hostile_sample_keeps_markup_as_literal_text(records):
    record = records[HOSTILE]
    assert "<script>alert('x')</script>" in record["title"]
    for fragment in ("<img src=x onerror=alert(1)>", "javascript:alert(1)", "<b>bold</b>"):
        assert fragment in record["body"], fragment


def test_pdfs_hold_the_text_of_their_sources():
    """The committed PDFs give back their sources' text, accents included.

    Rebuild them with scripts/make_sample_pdfs.py after editing scripts/sample_pdf_sources/.
    """
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_sample_pdfs import parse_source
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    sources = sorted(PDF_SOURCES.glob("*.txt"))
    assert {parse_source(p).output for p in sources} == {p.name for p in sample_paths() if p.suffix == ".pdf"}
    for path in sources:
        source = parse_source(path)
        text = " ".join(_pdf_text(sample_dir() / source.output).split())  # accents kept: not folded
        for block in (source.headline, *source.paragraphs):
            assert block in text, (source.output, block[:60])


PDF_NAMES = [p.name for p in sample_paths() if p.suffix == ".pdf"]


@pytest.mark.parametrize("name", PDF_NAMES)
def test_pdf_title_is_the_whole_wrapped_headline(records, name):
    from pypdf import PdfReader

    headline = PdfReader(sample_dir() / name).metadata.title
    assert re.sub(r"\s+", " ", records[name]["title"] or "") == headline
