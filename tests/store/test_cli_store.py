"""The store commands: exit statuses, and the pinned JSON shapes of `search --format json` and `export`."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from pactwatch.cli import cli
from pactwatch.store.export import CSV_COLUMNS

from .test_ingest import EN, FR

RECORD_KEYS = {"id", "source", "lang", "title", "body", "dateline", "dates", "entities", "quotes", "contacts",
               "figures", "events", "objectives", "principles"}  # fmt: skip
STORE_KEYS = {"version", "current", "content_hash", "extractor_version", "ingested_at"}
SEARCH_KEYS = {"query", "fts_query", "filters", "total", "results", "facets", "facets_sampled"}
HIT_KEYS = {"id", "source", "version", "title", "lang", "date", "score", "snippet"}
FACET_KEYS = {"country", "organization", "person", "objective", "lang"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    """A store holding one French and one English release, ingested through the CLI."""
    for name, text in (("fr.txt", FR), ("en.txt", EN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    path = tmp_path / "store.db"
    result = run("ingest", tmp_path / "fr.txt", tmp_path / "en.txt", tmp_path / "bad.txt", "--db", path)
    assert result.exit_code == 1  # one failed input
    assert "2 stored, 0 unchanged, 0 new version, 1 failed" in result.stderr
    assert "bad.txt" in result.stderr
    return path


def test_search_json_shape(db):
    result = run("search", "Equateur", "--db", db, "--format", "json", "--country", "ECU")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert set(payload) == SEARCH_KEYS
    assert payload["filters"] == {"country": "ECU"} and payload["total"] == 1
    hit = payload["results"][0]
    assert set(hit) == HIT_KEYS and hit["lang"] == "fr" and "<mark>Équateur</mark>" in hit["snippet"]
    assert set(payload["facets"]) == FACET_KEYS
    assert set(payload["facets"]["country"][0]) == {"id", "name", "count"}


def test_search_text_output(db):
    result = run("search", "quito", "--db", db, "--limit", "1")
    assert result.exit_code == 0 and result.stdout.startswith("2 document(s) match")
    assert "[Quito]" in result.stdout or "[quito]" in result.stdout.lower()


def test_export_jsonl_shape(db):
    result = run("export", "--db", db, "--format", "jsonl", "--lang", "en")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 1
    doc = json.loads(lines[0])
    assert set(doc) == RECORD_KEYS | {"store"} and set(doc["store"]) == STORE_KEYS
    assert doc["lang"] == "en" and doc["store"]["version"] == 1


def test_export_csv_shape(db):
    result = run("export", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 2
    assert {r["countries"] for r in rows} == {"ECU"}


def test_show_entities_facts_review(db):
    person = run("show", "person:lucia-fernandez-ortega", "--db", db, "--format", "json")
    assert person.exit_code == 0 and len(json.loads(person.stdout)["documents"]) == 2
    assert "lucia-fernandez-ortega" in run("entities", "--db", db, "--type", "person").stdout
    facts = json.loads(run("facts", "--db", db, "--format", "json").stdout)
    fact_id = facts[0]["id"]
    reviewed = run("review", fact_id, "--accept", "--by", "tester", "--db", db)
    assert reviewed.exit_code == 0 and "[accepted by tester]" in reviewed.stdout
    accepted = json.loads(run("facts", "--db", db, "--status", "accepted", "--format", "json").stdout)
    assert [f["id"] for f in accepted] == [fact_id]
    assert run("reextract", "--db", db).exit_code == 0
    assert json.loads(run("facts", "--db", db, "--status", "accepted", "--format", "json").stdout) == accepted
    doc_id = json.loads(run("export", "--db", db).stdout.splitlines()[0])["id"]
    assert doc_id in run("show", doc_id, "--db", db).stdout


def test_unknown_ids_fail_with_one_line(db):
    assert run("show", "no-such-thing", "--db", db).exit_code == 1
    assert run("review", "99999", "--reject", "--db", db).exit_code == 1
    assert run("review", "1", "--db", db).exit_code == 2  # neither --accept nor --reject
    assert run("search", "x", "--objective", "twelve", "--db", db).exit_code == 2
