"""The SQLite backend: one database file, WAL, foreign keys, one transaction per document.

``Store`` is the interface the CLI (and later the API) calls; a PostgreSQL backend will
offer the same methods. Every document is written in ONE transaction (blob, document,
entities, links, mentions, facts, full-text row), so a process killed mid-batch leaves
each document either fully stored or absent, never half. Reads return plain dicts, ready
for JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PactwatchError
from . import schema
from .derive import ENTITY_TYPES, date_key, derive, merge_entity
from .search import Filters, search, where_clause

BUSY_TIMEOUT_MS = 30_000  # wait this long for another writer before giving up
STATUSES = ("auto", "accepted", "rejected")


class StoreError(PactwatchError):
    """The knowledge store cannot do what was asked (unknown document, entity or fact; bad schema)."""

    code = "E200"


@dataclass(frozen=True)
class Outcome:
    """What happened to one document on ingest: stored, unchanged or new version; its id and version."""

    status: str
    id: str
    version: int
    note: str = ""


def now() -> str:
    """The current UTC time, ISO 8601 to the second (how every timestamp is stored)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def content_hash(data: bytes) -> str:
    """The SHA-256 hex of raw content: the blob's address, so the same content is stored once."""
    return hashlib.sha256(data).hexdigest()


class Store:
    """A knowledge store in one SQLite file (see the module docstring)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        self.conn.row_factory = sqlite3.Row
        for pragma in ("journal_mode = WAL", "foreign_keys = ON", f"busy_timeout = {BUSY_TIMEOUT_MS}",
                       "synchronous = NORMAL", "temp_store = MEMORY"):  # fmt: skip
            self.conn.execute(f"PRAGMA {pragma}")
        try:
            self.migrate()
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE), rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def migrate(self) -> int:
        """Apply the migrations this file still needs, each in its own transaction; the schema version."""
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        try:
            steps = schema.pending(current)
        except RuntimeError as err:
            raise StoreError(self.path, str(err)) from None
        for step in steps:
            with self.transaction() as conn:
                for sql in (*step.portable, *step.sqlite):
                    conn.execute(sql)
                conn.execute(f"PRAGMA user_version = {step.version}")
        return schema.LATEST if steps else current

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- writing -------------------------------------------------------------------------

    def known(self, source: str, digest: str) -> tuple[str, int] | None:
        """(record id, version) of the document already stored for this source and raw content, if any.

        Why: an unchanged input is recognised before it is extracted again.
        """
        row = self.conn.execute(
            "SELECT d.id, d.version FROM documents d JOIN sources s ON s.id = d.source_id "
            "WHERE s.location = ? AND d.content_hash = ?",
            (source, digest),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put(
        self, record: dict[str, Any], raw: bytes, extractor_version: str, read: dict[str, Any] | None = None
    ) -> Outcome:
        """Store one extracted record with its raw content, in one transaction.

        ``read`` says how the raw bytes were read (kind, charset, meta) so they can be read
        again by ``reextract``. Same raw content at the same source, or the same text
        anywhere: unchanged. Other content at a known source: a new version, the old kept.
        """
        read = read or {}
        digest = content_hash(raw)
        with self.transaction() as conn:
            source_id = self._source(conn, record["source"])
            same = conn.execute(
                "SELECT id, version FROM documents WHERE source_id = ? AND content_hash = ?",
                (source_id, digest),
            ).fetchone()
            if same:
                return Outcome("unchanged", same["id"], same["version"])
            twin = conn.execute(
                "SELECT d.pk, d.id, d.version, d.source_id, s.location FROM documents d "
                "JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
                (record["id"],),
            ).fetchone()
            if twin:
                return self._twin(conn, twin, source_id)
            last = (
                conn.execute(
                    "SELECT max(version) FROM documents WHERE source_id = ?", (source_id,)
                ).fetchone()[0]
                or 0
            )
            conn.execute("UPDATE documents SET is_current = 0 WHERE source_id = ?", (source_id,))
            conn.execute(
                "INSERT INTO blobs (hash, size, data) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
                (digest, len(raw), raw),
            )
            pk = self._insert_document(conn, record, source_id, last + 1, digest, read, extractor_version)
            self._write_derived(conn, pk, record, extractor_version)
        return Outcome("stored" if last == 0 else "new version", record["id"], last + 1)

    @staticmethod
    def _twin(conn: sqlite3.Connection, twin: sqlite3.Row, source_id: int) -> Outcome:
        """The outcome for a text already stored; a page back to an earlier text makes that one current."""
        if twin["source_id"] == source_id:
            conn.execute(
                "UPDATE documents SET is_current = (pk = ?) WHERE source_id = ?", (twin["pk"], source_id)
            )
            return Outcome("unchanged", twin["id"], twin["version"])
        return Outcome("unchanged", twin["id"], twin["version"], f"same text as {twin['location']}")

    @staticmethod
    def _source(conn: sqlite3.Connection, location: str) -> int:
        """The id of a source row, created on first sight; last_seen updated."""
        stamp = now()
        conn.execute(
            "INSERT INTO sources (location, first_seen, last_seen) VALUES (?, ?, ?) "
            "ON CONFLICT (location) DO UPDATE SET last_seen = excluded.last_seen",
            (location, stamp, stamp),
        )
        return conn.execute("SELECT id FROM sources WHERE location = ?", (location,)).fetchone()[0]

    @staticmethod
    def _insert_document(conn, record, source_id, version, digest, read, extractor_version) -> int:
        """Insert the document row and its full-text row; its primary key."""
        row = {
            "source_id": source_id,
            "version": version,
            "is_current": 1,
            "content_hash": digest,
            "kind": read.get("kind"),
            "charset": read.get("charset"),
            "meta": json.dumps(read.get("meta") or {}, ensure_ascii=False, default=str),
            "ingested_at": now(),
            **record_columns(record, extractor_version),
        }
        cur = conn.execute(insert_sql("documents", row), list(row.values()))
        pk = cur.lastrowid
        conn.execute(
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
            (pk, record.get("title") or "", record.get("body") or ""),
        )
        return pk

    @staticmethod
    def _write_derived(
        conn: sqlite3.Connection, pk: int, record: dict[str, Any], extractor_version: str
    ) -> None:
        """Entities (merged), links, mentions and facts of a document; reviewed facts are never replaced."""
        rows = derive(record, extractor_version)
        for ent in rows.entities:
            old = conn.execute(
                "SELECT name, data FROM entities WHERE type = ? AND id = ?", (ent["type"], ent["id"])
            ).fetchone()
            if old is None:
                conn.execute(
                    "INSERT INTO entities (type, id, name, country, data) VALUES (?, ?, ?, ?, ?)",
                    (
                        ent["type"],
                        ent["id"],
                        ent["name"],
                        ent["country"],
                        json.dumps(ent["data"], ensure_ascii=False),
                    ),
                )
                continue
            name, data = merge_entity(old["name"], json.loads(old["data"]), ent)
            conn.execute(
                "UPDATE entities SET name = ?, data = ?, country = coalesce(country, ?) "
                "WHERE type = ? AND id = ?",
                (name, json.dumps(data, ensure_ascii=False), ent["country"], ent["type"], ent["id"]),
            )
        conn.executemany(
            "INSERT INTO document_links (document_pk, type, ref, score) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (type, ref, document_pk) DO NOTHING",
            [(pk, *link) for link in rows.links],
        )
        conn.executemany(
            "INSERT INTO mentions (document_pk, entity_type, entity_id, span_start, span_end, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(pk, *m) for m in rows.mentions],
        )
        stamp = now()
        for fact in rows.facts:
            review = conn.execute(
                "SELECT status, reviewed_by, reviewed_at FROM facts WHERE fact_key = ? AND status <> 'auto' "
                "ORDER BY reviewed_at DESC LIMIT 1",
                (fact["fact_key"],),
            ).fetchone()
            status, by, at = tuple(review) if review else ("auto", None, None)
            row = {**fact, "document_pk": pk, "status": status, "reviewed_by": by, "reviewed_at": at}
            row["created_at"] = stamp
            conn.execute(
                insert_sql("facts", row) + " ON CONFLICT (fact_key, document_pk) DO NOTHING",
                list(row.values()),
            )

    def replace_extraction(self, doc_id: str, record: dict[str, Any], extractor_version: str) -> str:
        """Swap a document's extraction for a new one (same raw content), in one transaction.

        Mentions, links and automatic facts are rebuilt; reviewed facts stay (and a new fact
        stating what a reviewed one states is not added twice). Returns the record id,
        which changes when the main text does.
        """
        with self.transaction() as conn:
            row = conn.execute("SELECT pk, title, body FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                raise StoreError(doc_id, "no such document")
            pk = row["pk"]
            clash = conn.execute(
                "SELECT pk FROM documents WHERE id = ? AND pk <> ?", (record["id"], pk)
            ).fetchone()
            if clash:
                raise StoreError(
                    doc_id, f"re-extracted text is that of another stored document ({record['id']})"
                )
            conn.execute(
                "INSERT INTO documents_fts (documents_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                (pk, row["title"] or "", row["body"]),
            )
            for table in ("mentions", "document_links"):
                conn.execute(f"DELETE FROM {table} WHERE document_pk = ?", (pk,))
            conn.execute("DELETE FROM facts WHERE document_pk = ? AND status = 'auto'", (pk,))
            cols = record_columns(record, extractor_version)
            sets = ", ".join(f"{k} = ?" for k in cols)
            conn.execute(f"UPDATE documents SET {sets} WHERE pk = ?", [*cols.values(), pk])
            conn.execute(
                "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
                (pk, record.get("title") or "", record.get("body") or ""),
            )
            self._write_derived(conn, pk, record, extractor_version)
        return record["id"]

    def review(self, fact_id: int, status: str, by: str | None = None) -> dict[str, Any]:
        """Accept or reject a fact (or set it back to auto); the fact as it now is."""
        if status not in STATUSES:
            raise StoreError(str(fact_id), f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        with self.transaction() as conn:
            stamp = None if status == "auto" else now()
            cur = conn.execute(
                "UPDATE facts SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
                (status, by if stamp else None, stamp, fact_id),
            )
            if cur.rowcount == 0:
                raise StoreError(str(fact_id), "no such fact")
        return self.fact(fact_id)

    # -- reading -------------------------------------------------------------------------

    def blob(self, digest: str) -> bytes:
        """The raw content stored under a content hash."""
        row = self.conn.execute("SELECT data FROM blobs WHERE hash = ?", (digest,)).fetchone()
        if row is None:
            raise StoreError(digest, "no such blob")
        return bytes(row[0])

    def document(self, doc_id: str) -> dict[str, Any]:
        """A stored document: its record and where it came from (source, version, hash, dates of storage)."""
        row = self.conn.execute(
            f"SELECT {DOC_COLUMNS} FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise StoreError(doc_id, "no such document")
        return document_dict(row)

    def documents(self, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
        """Every stored document the filters select, oldest first (what ``export`` writes).

        A generator over an open statement: finish it (or list() it) before calling ``search``,
        whose temporary table cannot be dropped while another statement is reading.
        """
        where, params = where_clause(filters or Filters())
        yield from (
            document_dict(row)
            for row in self.conn.execute(
                f"SELECT {DOC_COLUMNS} FROM documents d JOIN sources s ON s.id = d.source_id WHERE {where} "
                "ORDER BY d.pk",
                params,
            )
        )

    def versions(self, source: str) -> list[dict[str, Any]]:
        """Every stored version of one source, oldest first."""
        rows = self.conn.execute(
            "SELECT d.id, d.version, d.is_current, d.content_hash, d.ingested_at FROM documents d "
            "JOIN sources s ON s.id = d.source_id WHERE s.location = ? ORDER BY d.version",
            (source,),
        ).fetchall()
        return [dict(r) for r in rows]

    def search(
        self, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0
    ) -> dict[str, Any]:
        """Full-text search with filters, snippets and facets (see ``store.search``)."""
        return search(self.conn, query, filters or Filters(), limit, offset)

    def lookup(self, ref: str) -> tuple[str, dict[str, Any]]:
        """("document", doc) for a record id, else ("entity", entity) for an id or TYPE:ID (person:x-y)."""
        kind, sep, ident = ref.partition(":")
        if sep and kind in ENTITY_TYPES:
            return "entity", self.entity(kind, ident)
        try:
            return "document", self.document(ref)
        except StoreError:
            return "entity", self.entity(None, ref)

    def entity(self, kind: str | None, entity_id: str) -> dict[str, Any]:
        """One entity with the documents that mention it and the facts about it."""
        rows = self.conn.execute(
            "SELECT * FROM entities WHERE id = ?" + (" AND type = ?" if kind else ""),
            (entity_id, kind) if kind else (entity_id,),
        ).fetchall()
        if not rows:
            raise StoreError(entity_id, "no such entity")
        ent = entity_dict(rows[0])
        docs = self.conn.execute(
            "SELECT d.id, d.title, d.date_key FROM document_links l JOIN documents d ON d.pk = l.document_pk "
            "WHERE l.type = ? AND l.ref = ? AND d.is_current = 1 ORDER BY d.date_key",
            (ent["type"], ent["id"]),
        ).fetchall()
        ent["documents"] = [dict(d) for d in docs]
        ent["facts"] = self.facts(subject=(ent["type"], ent["id"]))
        return ent

    def entities(self, kind: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Entities with how many current documents mention them, most mentioned first."""
        rows = self.conn.execute(
            "SELECT e.*, (SELECT count(*) FROM document_links l JOIN documents d ON d.pk = l.document_pk "
            "WHERE l.type = e.type AND l.ref = e.id AND d.is_current = 1) AS documents FROM entities e "
            + ("WHERE e.type = ? " if kind else "")
            + "ORDER BY documents DESC, e.type, e.id LIMIT ?",
            (kind, limit) if kind else (limit,),
        ).fetchall()
        return [{**entity_dict(r), "documents": r["documents"]} for r in rows]

    def facts(self, status: str | None = None, kind: str | None = None, subject=None, limit: int = 1000):
        """Facts with their provenance (document id, span, extractor version, review), newest first."""
        conds, params = ["1 = 1"], []
        for col, value in (("f.status", status), ("f.kind", kind)):
            if value:
                conds.append(f"{col} = ?")
                params.append(value)
        if subject:
            conds.append("f.subject_type = ? AND f.subject_id = ?")
            params += list(subject)
        rows = self.conn.execute(
            f"SELECT {FACT_COLUMNS} FROM facts f JOIN documents d ON d.pk = f.document_pk "
            f"WHERE {' AND '.join(conds)} ORDER BY f.id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [dict(r) for r in rows]

    def fact(self, fact_id: int) -> dict[str, Any]:
        """One fact with its provenance."""
        row = self.conn.execute(
            f"SELECT {FACT_COLUMNS} FROM facts f JOIN documents d ON d.pk = f.document_pk WHERE f.id = ?",
            (fact_id,),
        ).fetchone()
        if row is None:
            raise StoreError(str(fact_id), "no such fact")
        return dict(row)

    def stored_inputs(self) -> Iterator[dict[str, Any]]:
        """Each stored document's id, source, raw-content hash and how it was read (for ``reextract``)."""
        rows = self.conn.execute(
            "SELECT d.id, s.location, d.content_hash, d.kind, d.charset, d.meta FROM documents d "
            "JOIN sources s ON s.id = d.source_id ORDER BY d.pk"
        ).fetchall()
        for r in rows:
            yield {**dict(r), "meta": json.loads(r["meta"])}

    def counts(self) -> dict[str, int]:
        """How many rows each main table holds (for summaries and tests)."""
        tables = ("sources", "blobs", "documents", "entities", "mentions", "facts")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def integrity(self) -> str:
        """SQLite's own integrity check of the file: "ok" when sound."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def insert_sql(table: str, row: dict[str, Any]) -> str:
    """An INSERT statement for the keys of ``row`` (values passed in the same order)."""
    return f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"


def record_columns(record: dict[str, Any], extractor_version: str) -> dict[str, Any]:
    """The document columns an extraction fills (rewritten by re-extraction)."""
    dates = record.get("dates") or {}
    event = dates.get("event") or {}
    return {
        "id": record["id"],
        "lang": record.get("lang"),
        "title": record.get("title"),
        "body": record.get("body") or "",
        "date_key": date_key(record),
        "published": (dates.get("published") or {}).get("value"),
        "event_start": event.get("start"),
        "event_end": event.get("end"),
        "record": json.dumps({**record, "body": None}, ensure_ascii=False),  # body: kept once, in its column
        "extractor_version": extractor_version,
    }


DOC_COLUMNS = (
    "d.id, s.location, d.version, d.is_current, d.content_hash, d.extractor_version, d.ingested_at, "
    "d.record, d.body"
)
FACT_COLUMNS = (
    "f.id, f.kind, f.subject_type, f.subject_id, f.object_type, f.object_id, f.value, f.observed_on, "
    "d.id AS document, f.span_start, f.span_end, f.extractor_version, f.confidence, f.status, f.reviewed_by, "
    "f.reviewed_at"
)


def document_dict(row: sqlite3.Row) -> dict[str, Any]:
    """A document as ``show`` and ``export`` give it: the record, plus a ``store`` block of provenance."""
    record = json.loads(row["record"])
    record["body"] = row["body"]
    record["store"] = {
        "version": row["version"],
        "current": bool(row["is_current"]),
        "content_hash": row["content_hash"],
        "extractor_version": row["extractor_version"],
        "ingested_at": row["ingested_at"],
    }
    return record


def entity_dict(row: sqlite3.Row) -> dict[str, Any]:
    """An entity row as a dict, its merged data (titles, affiliations, names...) unpacked."""
    return {"type": row["type"], "id": row["id"], "name": row["name"], "country": row["country"],
            **json.loads(row["data"])}  # fmt: skip
