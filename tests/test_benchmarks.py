"""The extraction benchmark keeps working: a tiny corpus through both systems, figures well-formed."""

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytest.importorskip("spacy")


def test_benchmark_runs_on_a_small_corpus(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "extract.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--out", str(corpus), "--n", "12"],
                   check=True, capture_output=True)
    assert len(list(corpus.glob("*.txt"))) == 12
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_extract.py"), "--corpus", str(corpus),
                           "--out", str(out)], check=True, capture_output=True, text=True, timeout=600)
    rows = json.loads(out.read_text())
    assert {(r["system"], r["jobs"]) for r in rows} == {("pactwatch", 1), ("pactwatch", 2), ("spacy", 1), ("spacy", 2)}
    for row in rows:
        assert row["docs"] == 12 and row["words_per_s"] > 0 and row["peak_rss_mb"] > 0
    single = next(r for r in rows if r["system"] == "pactwatch" and r["jobs"] == 1)
    assert {"boilerplate", "entities", "persons", "dates", "objectives"} <= set(single["stages"])
    assert "words_per_s" in done.stdout
