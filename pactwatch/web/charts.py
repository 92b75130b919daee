"""Charts as Vega-Lite specifications, rendered to SVG on the server by vl-convert.

Why on the server: pages must work without JavaScript and offline, and the same SVG goes
into reports. Each chart is shown as an ``<img>`` whose source is the SVG as a data URI:
an image cannot run scripts, so a hostile label in the data can never act on the page.
Rendering costs tens of milliseconds, so SVGs are cached by their specification.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
PALETTE = ["#1f5fa6", "#c2541b", "#2f7d32", "#7b3fa0", "#8a6d00", "#00767a", "#a3324f"]
WIDTH = 640


def _base(data: list[dict[str, Any]], height: int = 220) -> dict[str, Any]:
    """The parts every chart shares: schema, inline data, size, readable fonts."""
    return {
        "$schema": SCHEMA,
        "data": {"values": data},
        "width": WIDTH,
        "height": height,
        "config": {
            "font": "sans-serif",
            "axis": {"labelFontSize": 11, "titleFontSize": 12},
            "range": {"category": PALETTE},
            "background": "white",
        },
    }


def monthly_spec(rows: list[dict[str, Any]], y_title: str, by_lang: bool = False) -> dict[str, Any]:
    """Documents per month as bars (stacked by language when ``by_lang``)."""
    spec = _base(rows)
    spec["mark"] = {"type": "bar", "color": PALETTE[0]}
    spec["encoding"] = {
        "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": None},
        "y": {
            "field": "documents",
            "type": "quantitative",
            "title": y_title,
            "stack": True,
            "axis": {"format": "d", "tickMinStep": 1},
        },
    }
    if by_lang:
        spec["encoding"]["color"] = {"field": "lang", "type": "nominal", "title": None}
        spec["mark"] = {"type": "bar"}
    return spec


def objective_spec(rows: list[dict[str, Any]], x_title: str) -> dict[str, Any]:
    """Documents per GCM objective as horizontal bars, objectives in their order 1-23."""
    data = [
        {"objective": f"{r['id']}. {r['label']}", "n": r["id"], "documents": r["documents"]} for r in rows
    ]
    spec = _base(data, height=23 * 16)
    spec["mark"] = {"type": "bar", "color": PALETTE[2]}
    spec["encoding"] = {
        "y": {
            "field": "objective",
            "type": "nominal",
            "sort": {"field": "n"},
            "title": None,
            "axis": {"labelLimit": 260},
        },
        "x": {
            "field": "documents",
            "type": "quantitative",
            "title": x_title,
            "axis": {"format": "d", "tickMinStep": 1},
        },
    }
    return spec


def heatmap_spec(rows: list[dict[str, Any]], color_title: str) -> dict[str, Any]:
    """A grid of documents by (row label, year): an objective's evidence by country and year."""
    labels = sorted({r["label"] for r in rows})
    spec = _base(rows, height=max(60, 16 * len(labels)))
    spec["mark"] = {"type": "rect"}
    spec["encoding"] = {
        "x": {"field": "year", "type": "ordinal", "title": None},
        "y": {"field": "label", "type": "nominal", "title": None, "sort": labels},
        "color": {
            "field": "documents",
            "type": "quantitative",
            "title": color_title,
            "scale": {"scheme": "blues"},
        },
    }
    return spec


@lru_cache(maxsize=512)
def _svg(spec_json: str) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(json.loads(spec_json))


def render_svg(spec: dict[str, Any]) -> str:
    """The SVG of a Vega-Lite specification (cached by the specification's JSON)."""
    return _svg(json.dumps(spec, sort_keys=True, ensure_ascii=False))


def data_uri(spec: dict[str, Any]) -> str:
    """The chart as a ``data:image/svg+xml;base64,...`` URI for an ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(render_svg(spec).encode("utf-8")).decode("ascii")
