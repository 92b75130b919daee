"""Full-text search with filters, highlighted snippets and facet counts, over one connection.

Kept apart from the write path so the query rules (how a user's words become an FTS5
query, what each filter means, which facets are counted) are in one place, shared by
``search`` and ``export``. Filters use only the portable tables (documents,
document_links); the FTS5 ``MATCH``, ``bm25`` and ``snippet`` calls are the SQLite part, and
so are the plan hints that keep a search at 100,000 documents fast (``INDEXED BY``, unary
``+``, ``group_concat``): see ``collect`` and ``_facet_counts``, and benchmarks/bench_store.py.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
from collections import Counter
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
# facets are counted from the links when the hits are more than 1/FACET_SCAN_RATIO of the documents
FACET_SCAN_RATIO = 3
TEMP_TABLES = ("hits", "wanted", "facet_sample")
# Above this many hits, facets are counted on an even sample of this many hits and scaled up
# (the result says "facets_sampled"); counting every link of 100,000 hits takes ~0.3 s.
FACET_SAMPLE = 10_000
# without words, the wanted set drives when under 1/WANTED_DRIVE_RATIO of the documents
WANTED_DRIVE_RATIO = 20


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


def search(
    conn: sqlite3.Connection, query: str, filters: Filters, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """The search result: the query, total hits, the best ``limit`` documents after ``offset``, facets.

    An empty query (no words) lists the documents the filters select, newest first. The
    matching documents are collected once, with their scores, in a temporary table that
    the count, the page of results and the facet counts all read (the full-text match is
    the costly part, so it runs once).
    """
    match = fts_query(query)
    _drop_temp(conn)
    try:
        collect(conn, match, filters)
        total = conn.execute("SELECT count(*) FROM temp.hits").fetchall()[0][0]  # fetchall: statement done
        order = "h.score, h.pk" if match else "h.date_key DESC, h.pk DESC"
        rows = conn.execute(  # the page first, then the wide documents rows of that page only
            "SELECT d.pk, d.id, d.title, d.lang, d.date_key, d.version, s.location, h.score, "
            "substr(d.body, 1, 200) AS lead "
            f"FROM (SELECT * FROM temp.hits h ORDER BY {order} LIMIT ? OFFSET ?) h "
            f"JOIN documents d ON d.pk = h.pk JOIN sources s ON s.id = d.source_id ORDER BY {order}",
            (limit, offset),
        ).fetchall()
        results = [_hit(row, _snippet(conn, match, row["pk"]) if match else row["lead"]) for row in rows]
        sampled = total > FACET_SAMPLE
        counts = sampled_facets(conn, total) if sampled else facets(conn, total)
    finally:
        _drop_temp(conn)
    return {
        "query": query,
        "fts_query": match,
        "filters": _filters_dict(filters),
        "total": total,
        "results": results,
        "facets": counts,
        "facets_sampled": sampled,
    }


def _drop_temp(conn: sqlite3.Connection) -> None:
    """Remove the temporary tables of a search (left by an earlier one that failed, or by this one)."""
    for table in TEMP_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


def collect(conn: sqlite3.Connection, match: str, filters: Filters) -> None:
    """Fill temp.hits (pk, score, date_key) with the documents ``match`` and ``filters`` select.

    Selects exactly what ``where_clause`` does, but as tests of each document key against
    sets read from narrow indexes, so the wide documents rows (~14 kB each) are never read
    here: the link filters, the language included (a document has a ``lang`` link exactly
    when it has a language), first make one table of keys (temp.wanted); "current" is "not
    among the superseded versions" (a partial index); the dates come from the date index.
    A full-text match is driven by its posting list, each hit tested against the sets
    (``+`` keeps SQLite from looking each set member up in the full-text index instead, which
    rereads the term's whole posting list every time). Without words, a small wanted set
    drives; otherwise the date index is read whole or from ``since`` on.
    """
    conn.execute("CREATE TEMP TABLE hits (pk INTEGER PRIMARY KEY, score REAL NOT NULL, date_key TEXT)")
    links, wanted = _link_filters(filters), None
    if links:
        conn.execute("CREATE TEMP TABLE wanted (pk INTEGER PRIMARY KEY)")
        wanted = conn.execute(*link_set_sql(links)).rowcount
    date_conds, params = _date_filters(filters)
    if not match:
        size = conn.execute("SELECT coalesce(max(pk), 0) FROM documents").fetchall()[0][0]
        drive = wanted is not None and wanted * WANTED_DRIVE_RATIO < size
        conds = [] if wanted is None else [("d.pk" if drive else "+d.pk") + " IN temp.wanted"]
        conds += _current(filters, "d.pk") + date_conds
        conn.execute(
            "INSERT INTO temp.hits (pk, score, date_key) SELECT d.pk, 0.0, d.date_key FROM documents d "
            f"WHERE {' AND '.join(conds) or '1 = 1'}",
            params,
        )
        return
    conds = [] if wanted is None else ["+f.rowid IN temp.wanted"]
    conds += _current(filters, "+f.rowid")
    if date_conds:
        conds.append(f"+f.rowid IN (SELECT d.pk FROM documents d WHERE {' AND '.join(date_conds)})")
    conn.execute(
        "INSERT INTO temp.hits (pk, score) "
        f"SELECT f.rowid, bm25(documents_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) FROM documents_fts f "
        f"WHERE documents_fts MATCH ? AND {' AND '.join(conds) or '1 = 1'}",
        [match, *params],
    )


def _current(filters: Filters, key: str) -> list[str]:
    """The condition "a current version" on ``key`` (none with --all-versions)."""
    return [] if filters.all_versions else [f"{key} NOT IN (SELECT pk FROM documents WHERE is_current = 0)"]


def link_set_sql(links: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """The INSERT into temp.wanted of the documents that have every (type, ref) link; its parameters.

    Nested so that each outer link is checked by one index seek per document of the inner
    set: the first link is the innermost, so ``links`` should go from the rarest kind
    (a person) to the commonest (a language).
    """
    sql, params = "", []
    for kind, ref in links:
        inner = f" AND document_pk IN ({sql})" if sql else ""
        sql = f"SELECT document_pk FROM document_links WHERE type = ? AND ref = ?{inner}"
        params = [kind, ref, *params]
    return f"INSERT INTO temp.wanted (pk) {sql}", params


def _date_filters(filters: Filters) -> tuple[list[str], list[Any]]:
    """The conditions on the documents' date key, and their parameters."""
    conds, params = [], []
    if filters.since:
        conds.append("d.date_key >= ?")
        params.append(filters.since)
    if filters.until:
        conds.append("substr(d.date_key, 1, ?) <= ?")
        params += [len(filters.until), filters.until]
    return conds, params


def _link_filters(filters: Filters) -> list[tuple[str, str]]:
    """(type, ref) of each filter that is a document link, rarest kind first, the language last."""
    links = [("person", filters.person), ("organization", filters.org), ("country", filters.country)]
    if filters.objective is not None:
        links.append(("objective", str(filters.objective)))
    links.append(("lang", filters.lang))
    return [(kind, ref) for kind, ref in links if ref]


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


def facets(conn: sqlite3.Connection, total: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Counts of the matching documents (temp.hits) by country, organisation, person, objective, language.

    The top FACET_SIZE values of each type, most frequent first, ties by id. ``total``, the
    number of hits, picks how they are counted (see ``_facet_counts``).
    """
    if total is None:
        total = conn.execute("SELECT count(*) FROM temp.hits").fetchall()[0][0]
    return {
        kind: [{"id": ref, "name": _name(conn, kind, ref), "count": count} for count, ref in top]
        for kind, top in _facet_counts(conn, total).items()
    }


def sampled_facets(conn: sqlite3.Connection, total: int) -> dict[str, list[dict[str, Any]]]:
    """Facet counts estimated from every k-th hit (by key) and scaled to ``total``, for very broad queries.

    Why a sample: a query that matches most of a large store ("migration" in a migration
    corpus) would otherwise read every link of every hit. An even stride over document keys
    is unrelated to content, so the top values and their proportions hold; the counts are
    rounded estimates, and the search result says so (``facets_sampled``).
    """
    stride = -(-total // FACET_SAMPLE)
    conn.execute(f"CREATE TEMP TABLE facet_sample AS SELECT pk FROM temp.hits WHERE pk % {int(stride)} = 0")
    taken = conn.execute("SELECT count(*) FROM temp.facet_sample").fetchall()[0][0]
    if not taken:
        return facets(conn, total)
    scale = total / taken
    top = _facet_counts(conn, taken, "facet_sample")
    return {
        kind: [{"id": ref, "name": _name(conn, kind, ref), "count": min(total, round(count * scale))}
               for count, ref in pairs]
        for kind, pairs in top.items()
    }  # fmt: skip


def _facet_counts(
    conn: sqlite3.Connection, total: int, table: str = "hits"
) -> dict[str, list[tuple[int, str]]]:
    """(count, ref) of the top FACET_SIZE values of each facet type among the hits.

    Few hits (the usual case): each hit's links are read through the covering index on
    (document_pk, type, ref) and sent back as one string that Python counts; a GROUP BY
    would sort every link row, which costs more than reading it. Many hits: SQLite walks the
    facet types' links in (type, ref) order, so the rows come grouped, testing each against
    the hits. Both give the same counts; the string is not trusted if an id holds a separator.
    """
    marks = ", ".join("?" for _ in FACET_TYPES)
    size = conn.execute("SELECT coalesce(max(pk), 0) FROM documents").fetchall()[0][0]
    found: dict[str, list[tuple[int, str]]] = {kind: [] for kind in FACET_TYPES}
    rows = None
    if total * FACET_SCAN_RATIO < size:
        count, joined = conn.execute(
            f"SELECT count(*), group_concat(l.type || char(31) || l.ref, char(30)) FROM temp.{table} h "
            "CROSS JOIN document_links l INDEXED BY document_links_facets ON l.document_pk = h.pk "
            f"WHERE +l.type IN ({marks})",
            FACET_TYPES,
        ).fetchall()[0]
        pieces = joined.split("\x1e") if joined else []
        if len(pieces) == count:
            rows = ((*key.split("\x1f", 1), n) for key, n in Counter(pieces).items())
    if rows is None:
        rows = conn.execute(
            "SELECT l.type, l.ref, count(*) FROM document_links l "
            f"WHERE l.type IN ({marks}) AND l.document_pk IN (SELECT pk FROM temp.{table}) "
            "GROUP BY l.type, l.ref",
            FACET_TYPES,
        ).fetchall()
    for kind, ref, n in rows:
        found[kind].append((-n, ref))
    return {
        kind: [(-n, ref) for n, ref in heapq.nsmallest(FACET_SIZE, pairs)] for kind, pairs in found.items()
    }


def _name(conn: sqlite3.Connection, kind: str, ref: str) -> str:
    """The display name of a facet value (entities by name; objectives and languages as they are)."""
    row = conn.execute("SELECT name FROM entities WHERE type = ? AND id = ?", (kind, ref)).fetchone()
    return row[0] if row else ref


def _filters_dict(filters: Filters) -> dict[str, Any]:
    """The filters that were set, for the JSON output."""
    return {k: v for k, v in vars(filters).items() if v not in (None, False)}
