"""Which charts each page shows, built from that page's view: one Vega-Lite spec per chart name.

Why apart from the pages: a chart is served at its own URL (``/charts/...svg``), so the
page's HTML never waits for SVG rendering (vl-convert takes 0.1-0.2 s per chart), and
the browser fetches the charts in parallel. Both the page (which charts exist) and the
chart route (the spec to render) read this one table.
"""

from __future__ import annotations

from typing import Any

from . import charts


def home_specs(view: dict[str, Any], axis: str) -> dict[str, dict[str, Any] | None]:
    """The home page's charts: documents by month and language, objective coverage."""
    return {
        "by_month": charts.monthly_spec(view["by_month"], axis, True) if view["by_month"] else None,
        "objectives": charts.objective_spec(view["objective_coverage"], axis),
    }


def country_specs(view: dict[str, Any], axis: str) -> dict[str, dict[str, Any] | None]:
    """A country page's charts: its timeline and its objective coverage."""
    return {
        "timeline": charts.monthly_spec(view["by_month"], axis) if view["by_month"] else None,
        "objectives": charts.objective_spec(view["objective_coverage"], axis),
    }


def objective_specs(view: dict[str, Any], axis: str) -> dict[str, dict[str, Any] | None]:
    """An objective page's chart: evidence by country and year, for its top countries."""
    names = {c["id"]: c["name"] for c in view["countries"]}
    rows = [
        {"label": names[r["row"]], "year": r["year"], "documents": r["documents"]}
        for r in view["by_country_year"]
        if r["row"] in names
    ]
    return {"heatmap": charts.heatmap_spec(rows, axis) if rows else None}


def urls(base: str, specs: dict[str, Any], hl: str) -> dict[str, str | None]:
    """The image URL of each chart that has data (None for an empty one)."""
    return {name: f"{base}/{name}.svg?hl={hl}" if spec else None for name, spec in specs.items()}
