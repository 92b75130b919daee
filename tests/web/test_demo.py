"""`pactwatch demo --no-serve` builds a fresh store from every bundled sample, replacing an old one."""

from __future__ import annotations

import re

from click.testing import CliRunner

from pactwatch.cli import cli
from pactwatch.samples import sample_paths
from pactwatch.store import Store


def _build(db) -> str:
    result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_stores_every_sample(tmp_path):
    db = tmp_path / "demo.db"
    output = _build(db)
    stored = int(re.search(r"(\d+) stored", output).group(1))
    assert stored == len(sample_paths()) >= 30
    assert "0 failed" in output
    with Store(db) as store:
        assert store.counts()["documents"] == stored
        assert {r["id"] for r in store.search("", limit=1)["facets"]["lang"]} <= {"fr", "en", "es"}


def test_demo_replaces_an_existing_store(tmp_path):
    db = tmp_path / "demo.db"
    _build(db)
    with Store(db) as store:
        fact = store.facts(limit=1)[0]["id"]
        store.review(fact, "accepted", "tester")
    output = _build(db)  # a fresh store: nothing "unchanged", the review gone
    assert "0 unchanged" in output
    with Store(db) as store:
        assert store.fact(fact)["status"] == "auto"
