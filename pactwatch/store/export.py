"""Exports of stored documents: JSON Lines (the record plus a ``store`` block) and CSV (one flat row each).

The JSONL line is the extraction record of CONTRACT.md, unchanged, with one added key,
``store`` (version, current, content_hash, extractor_version, ingested_at), so tools
that read ``pactwatch extract`` output read exports too. CSV flattens the fields an
analyst filters on; list cells hold ids joined by ";". Both shapes are pinned by tests.
Parquet is not offered: pyarrow is not a dependency.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

EXPORT_FORMATS = ("jsonl", "csv")
CSV_COLUMNS = (
    "id", "source", "version", "current", "lang", "title", "published", "event_start", "event_end",
    "countries", "organizations", "persons", "places", "objectives", "principles",
    "content_hash", "extractor_version", "ingested_at",
)  # fmt: skip
LIST_SEPARATOR = ";"


def csv_row(doc: dict[str, Any]) -> dict[str, Any]:
    """One document as a flat CSV row (see CSV_COLUMNS)."""
    dates = doc.get("dates") or {}
    store = doc["store"]
    ids = {kind: [e["id"] for e in doc.get("entities") or [] if e["type"] == kind]
           for kind in ("country", "organization", "person", "place")}  # fmt: skip
    return {
        "id": doc["id"],
        "source": doc["source"],
        "version": store["version"],
        "current": int(store["current"]),
        "lang": doc.get("lang") or "",
        "title": doc.get("title") or "",
        "published": (dates.get("published") or {}).get("value") or "",
        "event_start": (dates.get("event") or {}).get("start") or "",
        "event_end": (dates.get("event") or {}).get("end") or "",
        "countries": LIST_SEPARATOR.join(ids["country"]),
        "organizations": LIST_SEPARATOR.join(ids["organization"]),
        "persons": LIST_SEPARATOR.join(ids["person"]),
        "places": LIST_SEPARATOR.join(ids["place"]),
        "objectives": LIST_SEPARATOR.join(str(o["id"]) for o in doc.get("objectives") or []),
        "principles": LIST_SEPARATOR.join(str(p["id"]) for p in doc.get("principles") or []),
        "content_hash": store["content_hash"],
        "extractor_version": store["extractor_version"],
        "ingested_at": store["ingested_at"],
    }


def write_export(docs: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> int:
    """Write ``docs`` to ``out`` as ``fmt`` (jsonl or csv); how many were written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"export format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writeheader()
    count = 0
    for doc in docs:
        if writer:
            writer.writerow(csv_row(doc))
        else:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        count += 1
    return count
