"""The golden-corpus quality gate: extraction scored against gold annotations, with floors.

The dev corpus (real IOM releases, ../shared/corpus/dev) and our own FR/EN/ES corpus
(tests/corpus) are extracted with the default pipeline, scored by ../shared/tools/score.py,
and every score must stay at or above its floor in tests/golden_floors.json. Raise a floor
when the extractor improves; never lower one to make a change pass.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

import pytest

from pactwatch.batch import extract_paths
from pactwatch.settings import Settings

from .conftest import DEV_CORPUS, OWN_CORPUS, SHARED

FLOORS = json.loads((Path(__file__).parent / "golden_floors.json").read_text(encoding="utf-8"))
CORPORA = {"dev": DEV_CORPUS, "own": OWN_CORPUS, "own2": OWN_CORPUS.parent / "corpus2"}


@cache
def scorer():
    """The shared scoring module (standard library only)."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def scores(corpus: str) -> dict:
    """Score summary of the default pipeline over one corpus."""
    folder = CORPORA[corpus]
    records = [r for r in extract_paths([str(folder)], Settings()) if isinstance(r, dict)]
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    summary, _ = scorer().score(gold, records, str(folder))
    return summary


def cases():
    for corpus, floors in FLOORS.items():
        if corpus.startswith("_"):
            continue
        for metric, floor in floors.items():
            yield pytest.param(corpus, metric, floor, id=f"{corpus}-{metric}")


@pytest.mark.parametrize(("corpus", "metric", "floor"), list(cases()))
def test_score_at_or_above_floor(corpus, metric, floor):
    if not CORPORA[corpus].exists():
        pytest.skip(f"{CORPORA[corpus]} is not here")
    value = scores(corpus)[metric]
    measured = value["f1"] if isinstance(value, dict) else value
    assert measured is not None and measured >= floor, f"{corpus} {metric}: {measured} < floor {floor}"
