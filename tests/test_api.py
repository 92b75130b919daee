"""The library front door: extract_source and extract_text return contract records."""

import pytest

import pactwatch
from pactwatch.errors import EmptyInput

from .conftest import DEV_CORPUS

CONTRACT_FIELDS = ["id", "source", "lang", "title", "body", "dateline", "dates", "entities", "quotes", "contacts",
                   "figures", "events", "objectives", "principles"]


def test_extract_text_returns_a_contract_record():
    record = pactwatch.extract_text(
        "Actualités\nActualités\nLe réseau national tient sa première réunion\n"
        "Rabat – Le 3 mai 2023, le Réseau des Nations Unies sur les migrations au Maroc a tenu sa première réunion.",
        source="note.txt",
    )
    assert list(record) == CONTRACT_FIELDS
    assert record["title"] == "Le réseau national tient sa première réunion"
    assert record["lang"] == "fr" and len(record["id"]) == 16
    assert record["dates"]["event"]["start"] == "2023-05-03"


def test_extract_text_refuses_blank_text():
    with pytest.raises(EmptyInput):
        pactwatch.extract_text("  \n ")


@pytest.mark.skipif(not DEV_CORPUS.exists(), reason="shared dev corpus not here")
def test_extract_source_reads_a_file():
    path = next(DEV_CORPUS.glob("*.txt"))
    record = pactwatch.extract_source(str(path))
    assert record["source"] == str(path) and record["body"]
