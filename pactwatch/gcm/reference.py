"""Reference data on the Global Compact for Migration: its 23 objectives and 10 guiding principles.

The tables live in ``pactwatch/gcm/data`` (``objectives.json``, ``principles.json``, ``calibration.json``),
each naming its sources; they are read once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Objective:
    """One GCM objective: its number, titles and short labels by language, and the SDG targets it answers."""

    id: int
    title: dict[str, str | None]
    label: dict[str, str]
    commitments: str
    actions: tuple[str, ...]
    sdg_targets: dict[str, float]

    def label_in(self, lang: str | None) -> str:
        """The short label in ``lang`` (English when that language has none)."""
        return self.label.get((lang or "en")[:2]) or self.label["en"]

    def title_in(self, lang: str | None) -> str:
        """The official title in ``lang`` (English when that language has none)."""
        return self.title.get((lang or "en")[:2]) or self.title["en"] or ""


@dataclass(frozen=True)
class Principle:
    """One GCM guiding principle: its CONTRACT.md id and its names by language."""

    id: str
    name: dict[str, str | None]
    about: str

    def name_in(self, lang: str | None) -> str:
        """The name in ``lang`` (English when that language has none)."""
        return self.name.get((lang or "en")[:2]) or self.name["en"] or self.id


def load_data(name: str) -> Any:
    """A JSON table from ``pactwatch/gcm/data``."""
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


@cache
def objectives() -> dict[int, Objective]:
    """The 23 objectives by number (A/RES/73/195)."""
    rows = load_data("objectives.json")["objectives"]
    return {
        row["id"]: Objective(
            row["id"],
            row["title"],
            row["label"],
            row["commitments"],
            tuple(row["actions"]),
            dict(row.get("sdg_targets") or {}),
        )
        for row in rows
    }


@cache
def principles() -> dict[str, Principle]:
    """The 10 guiding principles by id (CONTRACT.md)."""
    rows = load_data("principles.json")["principles"]
    return {row["id"]: Principle(row["id"], row["name"], row["about"]) for row in rows}


@cache
def sdg_targets() -> dict[str, tuple[tuple[int, float], ...]]:
    """SDG target or indicator ('10.7', '10.c.1') -> the objectives it points to, with weights."""
    table: dict[str, list[tuple[int, float]]] = {}
    for objective in objectives().values():
        for target, weight in objective.sdg_targets.items():
            table.setdefault(target.lower(), []).append((objective.id, float(weight)))
    return {target: tuple(links) for target, links in table.items()}


@cache
def calibration() -> dict[str, Any]:
    """Scoring constants: explicit-reference weights and the fitted confidence curves."""
    return load_data("calibration.json")
