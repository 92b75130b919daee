"""The tuning set: well-formed, with calibration rows that cover every objective in each language, and kept
apart from the held-out set (no tuning paragraph is a near-copy of a held-out one)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pactwatch.gcm.reference import principles

DATA = Path(__file__).resolve().parents[1] / "data"
LANGS = {"fr", "en", "es"}


def rows(name: str) -> list[dict]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def test_tuning_rows_are_well_formed_and_unique():
    tuning = rows("gcm_tuning.jsonl")
    assert len({r["id"] for r in tuning}) == len(tuning)
    for row in tuning:
        assert row["lang"] in LANGS, row["id"]
        assert all(isinstance(o, int) and 1 <= o <= 23 for o in row["objectives"]), row["id"]
        assert set(row["principles"]) <= set(principles()), row["id"]


def test_calibration_rows_cover_every_objective_in_each_language():
    calibration = [r for r in rows("gcm_tuning.jsonl") if r["id"].startswith("k-")]
    assert len(calibration) >= 200
    assert {r["lang"] for r in calibration} == LANGS
    assert sum(1 for r in calibration if not r["objectives"]) >= 20
    for number in range(1, 24):
        assert len([r for r in calibration if number in r["objectives"]]) >= 5, number


def test_no_tuning_paragraph_is_a_near_copy_of_a_held_out_one():
    held_out = [words(r["text"]) for r in rows("gcm_paragraphs.jsonl")]
    for row in rows("gcm_tuning.jsonl"):
        mine = words(row["text"])
        closest = max(len(mine & other) / len(mine | other) for other in held_out)
        assert closest < 0.8, row["id"]
