"""Full-text search with filters, highlighted snippets and facet counts, over one connection.

Kept apart from the write path so the query rules (how a user's words become an FTS5
query, what each filter means, which facets are counted) are in one place, shared by
``search`` and ``export``. Filters use only the portable tables (documents,
document_links); the FTS5 ``MATCH``, ``bm25`` and ``snippet`` calls are the SQLite part.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

FACET_TYPES = ("country", "organization", "person", "objective", "lang")
FACET_SIZE = 10  # values shown per facet
SNIPPET_TOKENS = 16
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
# a phrase in double quotes, or a run of word characters (apostrophes and hyphens split words,
# as the index's tokenizer does)
QUERY_TERM = re.compile(r'"([^"]*)"|([\w]+)', re.UNICODE)
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0


@dataclass(frozen=True)
class Filters:
    """What narrows a search or an export; all optional. Dates are ISO prefixes ("2023", "2023-11")."""

    country: str | None = None
    org: str | None = None
    person: str | None = None
    objective: int | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    all_versions: bool = False  # also old versions of changed documents


def fts_query(text: str) -> str:
    """An FTS5 query from what a user typed: every word (or "quoted phrase") must occur.

    Why: FTS5's own syntax treats ``-``, ``:``, ``*``, ``AND``... as operators, so raw user
    text could fail or mean something else; each term is quoted instead.
    """
    terms = []
    for phrase, word in QUERY_TERM.findall(text):
        term = (phrase or word).strip()
        if term:
            terms.append('"' + term.replace('"', '""') + '"')
    return " ".join(terms)


def where_clause(filters: Filters) -> tuple[str, list[Any]]:
    """SQL conditions on ``d`` (documents) for ``filters``, and their parameters."""
    conds, params = ([] if filters.all_versions else ["d.is_current = 1"]), []
    links = (("country", filters.country), ("organization", filters.org), ("person", filters.person))
    if filters.objective is not None:
        links += (("objective", str(filters.objective)),)
    for kind, ref in links:
        if ref:
            conds.append(
                "EXISTS (SELECT 1 FROM document_links l "
                "WHERE l.type = ? AND l.ref = ? AND l.document_pk = d.pk)"
            )
            params += [kind, ref]
    if filters.lang:
        conds.append("d.lang = ?")
        params.append(filters.lang)
    if filters.since:
        conds.append("d.date_key >= ?")
        params.append(filters.since)
    if filters.until:
        conds.append("substr(d.date_key, 1, ?) <= ?")
        params += [len(filters.until), filters.until]
    return " AND ".join(conds) or "1 = 1", params


def search(conn: sqlite3.Connection, query: str, filters: Filters, limit: int = 20) -> dict[str, Any]:
    """The search result: the query, total hits, the best ``limit`` documents with snippets, facets.

    An empty query (no words) lists the documents the filters select, newest first. The
    matching documents are collected once, with their scores, in a temporary table that
    the count, the page of results and the facet counts all read (the full-text match is
    the costly part, so it runs once).
    """
    match = fts_query(query)
    where, params = where_clause(filters)
    conn.execute("DROP TABLE IF EXISTS temp.hits")
    if match:
        conn.execute(
            "CREATE TEMP TABLE hits AS SELECT d.pk AS pk, "
            f"bm25(documents_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score "
            "FROM documents_fts f JOIN documents d ON d.pk = f.rowid "
            f"WHERE documents_fts MATCH ? AND {where}",
            [match, *params],
        )
        order = "h.score, d.pk"
    else:
        conn.execute(
            f"CREATE TEMP TABLE hits AS SELECT d.pk AS pk, 0.0 AS score FROM documents d WHERE {where}",
            params,
        )
        order = "d.date_key DESC, d.pk DESC"
    try:
        total = conn.execute("SELECT count(*) FROM temp.hits").fetchall()[0][0]  # fetchall: statement done
        rows = conn.execute(
            "SELECT d.pk, d.id, d.title, d.lang, d.date_key, d.version, s.location, h.score, "
            "substr(d.body, 1, 200) AS lead FROM temp.hits h JOIN documents d ON d.pk = h.pk "
            f"JOIN sources s ON s.id = d.source_id ORDER BY {order} LIMIT ?",
            (limit,),
        ).fetchall()
        results = [_hit(row, _snippet(conn, match, row["pk"]) if match else row["lead"]) for row in rows]
        counts = facets(conn)
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.hits")
    return {
        "query": query,
        "fts_query": match,
        "filters": _filters_dict(filters),
        "total": total,
        "results": results,
        "facets": counts,
    }


def _snippet(conn: sqlite3.Connection, match: str, pk: int) -> str:
    """The highlighted passage of one matching document (a rowid-bounded match: one document read)."""
    row = conn.execute(
        f"SELECT snippet(documents_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}) "
        "FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?",
        (match, pk),
    ).fetchone()
    return row[0] if row else ""


def _hit(row: sqlite3.Row, snippet: str) -> dict[str, Any]:
    """One search result as the JSON output shows it."""
    return {
        "id": row["id"],
        "source": row["location"],
        "version": row["version"],
        "title": row["title"],
        "lang": row["lang"],
        "date": row["date_key"],
        "score": round(-row["score"], 4) if row["score"] else 0.0,
        "snippet": snippet,
    }


def facets(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Counts of the matching documents (temp.hits) by country, organisation, person, objective, language."""
    marks = ", ".join("?" for _ in FACET_TYPES)
    rows = conn.execute(
        "SELECT l.type, l.ref, count(*) AS n FROM temp.hits h JOIN document_links l ON l.document_pk = h.pk "
        f"WHERE l.type IN ({marks}) GROUP BY l.type, l.ref ORDER BY n DESC, l.ref",
        FACET_TYPES,
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in FACET_TYPES}
    for kind, ref, count in rows:
        if len(out[kind]) < FACET_SIZE:
            out[kind].append({"id": ref, "name": _name(conn, kind, ref), "count": count})
    return out


def _name(conn: sqlite3.Connection, kind: str, ref: str) -> str:
    """The display name of a facet value (entities by name; objectives and languages as they are)."""
    row = conn.execute("SELECT name FROM entities WHERE type = ? AND id = ?", (kind, ref)).fetchone()
    return row[0] if row else ref


def _filters_dict(filters: Filters) -> dict[str, Any]:
    """The filters that were set, for the JSON output."""
    return {k: v for k, v in vars(filters).items() if v not in (None, False)}
