"""Reference knowledge kept as data: loaders for the tables in ``knowledge/data``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """A JSON table from ``pactwatch/knowledge/data`` (parsed once per process)."""
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


def load_tsv(name: str) -> list[dict[str, str]]:
    """A TSV table (first line: column names; '#' lines are comments) as a list of rows."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]
