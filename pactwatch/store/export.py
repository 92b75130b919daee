"""Exports of stored documents: JSON Lines (the record plus a ``store`` block), CSV (one flat row each)
and Parquet (the CSV columns, typed, plus the text and the full record).

The JSONL line is the extraction record of CONTRACT.md, unchanged, with one added key,
``store`` (version, current, content_hash, extractor_version, ingested_at), so tools
that read ``pactwatch extract`` output read exports too. CSV flattens the fields an
analyst filters on; list cells hold ids joined by ";". Parquet has the CSV's columns in
the same order with real types (lists of ids as Arrow lists, ``current`` a boolean,
``ingested_at`` a UTC timestamp), then ``body`` and ``record``: the extraction record
as JSON text (its ``body`` null, the text being in the ``body`` column). Nested fields
stay JSON rather than Arrow structs because the contract lets fields be added and
entities differ by type: a fixed struct schema would silently drop what it does not
know. Parquet is written in row groups of ``PARQUET_BATCH`` documents, so a large
export never holds more than one group in memory. All shapes are pinned by tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

EXPORT_FORMATS = ("jsonl", "csv")  # text formats, streamable to any text file (stdout, an HTTP body)
FILE_FORMATS = ("parquet",)  # binary formats, written to a named file
ALL_FORMATS = EXPORT_FORMATS + FILE_FORMATS
CSV_COLUMNS = (
    "id", "source", "version", "current", "lang", "title", "published", "event_start", "event_end",
    "countries", "organizations", "persons", "places", "objectives", "principles",
    "content_hash", "extractor_version", "ingested_at",
)  # fmt: skip
LIST_COLUMNS = ("countries", "organizations", "persons", "places", "objectives", "principles")
PARQUET_COLUMNS = CSV_COLUMNS + ("body", "record")
LIST_SEPARATOR = ";"
ENTITY_COLUMNS = {"countries": "country", "organizations": "organization", "persons": "person",
                  "places": "place"}  # fmt: skip
PARQUET_BATCH = 5_000  # documents per row group: memory bound of a Parquet export
PARQUET_COMPRESSION = "zstd"


def flat_row(doc: dict[str, Any]) -> dict[str, Any]:
    """One document's CSV columns with native values: lists stay lists, ``current`` stays a bool."""
    dates = doc.get("dates") or {}
    store = doc["store"]
    entities = doc.get("entities") or []
    row = {
        "id": doc["id"],
        "source": doc["source"],
        "version": store["version"],
        "current": bool(store["current"]),
        "lang": doc.get("lang"),
        "title": doc.get("title"),
        "published": (dates.get("published") or {}).get("value"),
        "event_start": (dates.get("event") or {}).get("start"),
        "event_end": (dates.get("event") or {}).get("end"),
    }
    for column, kind in ENTITY_COLUMNS.items():
        row[column] = [e["id"] for e in entities if e["type"] == kind]
    row["objectives"] = [o["id"] for o in doc.get("objectives") or []]
    row["principles"] = [p["id"] for p in doc.get("principles") or []]
    row.update({key: store[key] for key in ("content_hash", "extractor_version", "ingested_at")})
    return row


def csv_row(doc: dict[str, Any]) -> dict[str, Any]:
    """One document as a flat CSV row (see CSV_COLUMNS): lists joined by ";", empty strings for nulls."""
    row = flat_row(doc)
    for column in LIST_COLUMNS:
        row[column] = LIST_SEPARATOR.join(str(v) for v in row[column])
    row["current"] = int(row["current"])
    return {key: "" if value is None else value for key, value in row.items()}


def write_export(docs: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> int:
    """Write ``docs`` to the text stream ``out`` as ``fmt`` (jsonl or csv); how many were written."""
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


def parquet_schema():
    """The Arrow schema of a Parquet export (column order: PARQUET_COLUMNS)."""
    import pyarrow as pa

    text, ids = pa.string(), pa.list_(pa.string())
    types = {
        "version": pa.int32(),
        "current": pa.bool_(),
        "objectives": pa.list_(pa.int32()),
        "ingested_at": pa.timestamp("ms", tz="UTC"),  # Parquet has no second unit
    }
    types.update({column: ids for column in ENTITY_COLUMNS})
    types["principles"] = ids
    return pa.schema([pa.field(name, types.get(name, text)) for name in PARQUET_COLUMNS])


def parquet_row(doc: dict[str, Any]) -> dict[str, Any]:
    """One document as a Parquet row: ``flat_row`` plus the body and the record as JSON (body null)."""
    row = flat_row(doc)
    row["ingested_at"] = dt.datetime.fromisoformat(row["ingested_at"])
    row["body"] = doc.get("body")
    record = {key: value for key, value in doc.items() if key != "store"}
    record["body"] = None
    row["record"] = json.dumps(record, ensure_ascii=False)
    return row


def _batches(docs: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """``docs`` in lists of at most ``size``."""
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def write_parquet(docs: Iterable[dict[str, Any]], path: str | os.PathLike, batch: int = PARQUET_BATCH) -> int:
    """Write ``docs`` to the Parquet file ``path``, one row group per ``batch`` documents; how many.

    Written to a temporary file beside ``path`` and renamed when complete, so an interrupted
    export never leaves a truncated file under the requested name. An empty selection
    gives a valid file with the schema and no rows.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    schema = parquet_schema()
    count = 0
    try:
        with pq.ParquetWriter(partial, schema, compression=PARQUET_COMPRESSION) as writer:
            for rows in _batches(docs, batch):
                writer.write_table(
                    pa.Table.from_pylist([parquet_row(d) for d in rows], schema=schema),
                    row_group_size=len(rows),
                )
                count += len(rows)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count
