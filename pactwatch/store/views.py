"""Read-only aggregate queries over the store: what the web pages, the API and dossiers summarise.

Why apart from ``sqlite.py``: these are the questions an analyst asks of the whole corpus
(documents by month, objective coverage of a country, countries × objectives), not the
reads and writes of single rows. They use only the portable tables (documents,
document_links, entities, facts) and plain SQL, so a PostgreSQL backend can run them
unchanged. Every function takes an open connection and returns plain dicts and lists.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from .sqlite import FACT_COLUMNS

CURRENT = "d.is_current = 1"


def _rows(
    conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    """The rows of a query as dicts."""
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


def _period(since: str | None, until: str | None) -> tuple[str, list[str]]:
    """SQL conditions on ``d.date_key`` for an ISO-prefix period, and their parameters."""
    conds, params = [], []
    if since:
        conds.append("d.date_key >= ?")
        params.append(since)
    if until:
        conds.append("substr(d.date_key, 1, ?) <= ?")
        params += [len(until), until]
    return "".join(f" AND {c}" for c in conds), params


def _linked(kind: str | None) -> str:
    """A condition keeping documents linked to ``(kind, ref)`` (two parameters), or nothing."""
    if not kind:
        return ""
    return " AND d.pk IN (SELECT document_pk FROM document_links WHERE type = ? AND ref = ?)"


def corpus_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Current documents, entities by type, and facts by review status."""
    out = {"documents": conn.execute(f"SELECT count(*) FROM documents d WHERE {CURRENT}").fetchone()[0]}
    for kind, n in conn.execute("SELECT type, count(*) FROM entities GROUP BY type"):
        out[f"{kind}_entities"] = n
    for status, n in conn.execute("SELECT status, count(*) FROM facts GROUP BY status"):
        out[f"facts_{status}"] = n
    return out


def documents_by_month(
    conn: sqlite3.Connection, link: tuple[str, str] | None = None, by_lang: bool = False
) -> list[dict[str, Any]]:
    """Current documents per month (``YYYY-MM`` of their date key), optionally per language too.

    ``link`` = (type, ref) keeps the documents linked to one entity, objective or language.
    Undated documents are left out.
    """
    lang = ", d.lang AS lang" if by_lang else ""
    group = ", d.lang" if by_lang else ""
    params = list(link) if link else []
    # read through the date index (date_key sits after the long body in each row)
    return _rows(
        conn,
        f"SELECT substr(d.date_key, 1, 7) AS month{lang}, count(*) AS documents "
        "FROM documents d INDEXED BY documents_date "
        "WHERE d.date_key >= '0000-00' AND length(d.date_key) >= 7 "
        f"AND d.pk NOT IN (SELECT pk FROM documents WHERE is_current = 0){_linked(link and link[0])} "
        f"GROUP BY month{group} ORDER BY month{group}",
        params,
    )


def top_links(
    conn: sqlite3.Connection,
    kind: str,
    limit: int = 10,
    period: tuple[str | None, str | None] = (None, None),
) -> list[dict[str, Any]]:
    """The ``kind`` values (countries, organisations, persons, objectives...) linked to most documents.

    ``period`` bounds the documents' date keys. For the values found together with one
    value (a country's actors), see ``cooccurring``.
    """
    when, params = _period(*period)
    sql = (
        "SELECT l.ref AS id, count(*) AS documents FROM document_links l "
        f"JOIN documents d ON d.pk = l.document_pk WHERE l.type = ? AND {CURRENT}{when} "
        "GROUP BY l.ref ORDER BY documents DESC, l.ref LIMIT ?"
    )
    return _named(conn, kind, _rows(conn, sql, [kind, *params, limit]))


def superseded(conn: sqlite3.Connection) -> frozenset[int]:
    """Keys of the old versions of changed documents (few; read from a partial index)."""
    return frozenset(r[0] for r in conn.execute("SELECT pk FROM documents WHERE is_current = 0"))


def cooccurring(
    conn: sqlite3.Connection, within: tuple[str, str], kinds: tuple[str, ...], limit: int = 10
) -> dict[str, list[dict[str, Any]]]:
    """For the current documents linked to ``within``: the top values of each of ``kinds``.

    One pass over the links of those documents (through the covering index on
    (document_pk, type, ref)), counted in Python: at 100,000 documents a country has
    thousands of documents, and one read of their links is several times cheaper than one
    grouped query per kind, and than joining the wide documents rows to test "current".
    """
    old = superseded(conn)
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in kinds}
    rows = conn.execute(
        "SELECT w.document_pk, l.type, l.ref FROM document_links w "
        "JOIN document_links l ON l.document_pk = w.document_pk WHERE w.type = ? AND w.ref = ?",
        within,
    )
    for pk, kind, ref in rows:
        if kind in counts and pk not in old:
            counts[kind][ref] += 1
    out = {}
    for kind, counter in counts.items():
        if kind == within[0]:
            counter.pop(within[1], None)
        top = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
        out[kind] = _named(conn, kind, [{"id": ref, "documents": n} for ref, n in top])
    return out


def _named(conn: sqlite3.Connection, kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the entity's display name added (the id itself for objectives and languages)."""
    for row in rows:
        found = conn.execute(
            "SELECT name FROM entities WHERE type = ? AND id = ?", (kind, row["id"])
        ).fetchone()
        row["name"] = found[0] if found else row["id"]
    return rows


def latest_documents(
    conn: sqlite3.Connection, limit: int = 10, link: tuple[str, str] | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """The newest current documents (by date key), optionally only those linked to ``link``."""
    return _rows(
        conn,
        "SELECT d.id, d.title, d.lang, d.date_key AS date, s.location AS source FROM documents d "
        f"JOIN sources s ON s.id = d.source_id WHERE {CURRENT}{_linked(link and link[0])} "
        "ORDER BY d.date_key DESC, d.pk DESC LIMIT ? OFFSET ?",
        [*(link or ()), limit, offset],
    )


def count_linked(conn: sqlite3.Connection, link: tuple[str, str]) -> int:
    """How many current documents are linked to one value (links and the superseded index only)."""
    return conn.execute(
        "SELECT count(*) FROM document_links WHERE type = ? AND ref = ? "
        "AND document_pk NOT IN (SELECT pk FROM documents WHERE is_current = 0)",
        list(link),
    ).fetchone()[0]


def cooccurrence(
    conn: sqlite3.Connection,
    row_kind: str,
    col_kind: str,
    period: tuple[str | None, str | None] = (None, None),
    rows: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Documents linked to both a ``row_kind`` value and a ``col_kind`` value, for each pair found.

    The coverage matrix (countries × objectives) and an objective's heatmap read this.
    ``rows`` keeps only those row values (a region's countries).
    """
    when, params = _period(*period)
    keep = ""
    if rows is not None:
        keep = f" AND a.ref IN ({', '.join('?' for _ in rows)})" if rows else " AND 0"
        params = [*params, *rows]
    return _rows(
        conn,
        "SELECT a.ref AS row, b.ref AS col, count(*) AS documents FROM document_links a "
        "JOIN document_links b ON b.document_pk = a.document_pk AND b.type = ? "
        f"JOIN documents d ON d.pk = a.document_pk WHERE a.type = ? AND {CURRENT}{when}{keep} "
        "GROUP BY a.ref, b.ref",
        [col_kind, row_kind, *params],
    )


def by_year(conn: sqlite3.Connection, row_kind: str, link: tuple[str, str]) -> list[dict[str, Any]]:
    """For documents linked to ``link``: how many per ``row_kind`` value and year (an objective's heatmap)."""
    return _rows(
        conn,
        "SELECT a.ref AS row, substr(d.date_key, 1, 4) AS year, count(*) AS documents "
        "FROM document_links a JOIN documents d ON d.pk = a.document_pk "
        f"WHERE a.type = ? AND {CURRENT} AND d.date_key IS NOT NULL{_linked(link[0])} "
        "GROUP BY a.ref, year",
        [row_kind, *link],
    )


def facts_where(
    conn: sqlite3.Connection,
    conds: list[str],
    params: list[Any],
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Facts matching SQL conditions on ``f`` (facts) and ``d`` (documents), with their provenance.

    Each fact carries its document's id and title and the text of its span, so a page can
    show the evidence without reading the document.
    """
    where = " AND ".join(conds) or "1 = 1"
    rows = _rows(
        conn,
        f"SELECT {FACT_COLUMNS}, d.title AS document_title, d.date_key AS document_date, "
        "CASE WHEN f.span_start IS NOT NULL THEN substr(d.body, f.span_start + 1, "
        "min(f.span_end - f.span_start, 400)) END AS evidence "
        f"FROM facts f JOIN documents d ON d.pk = f.document_pk WHERE {where} "
        "ORDER BY f.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return rows


def count_facts(conn: sqlite3.Connection, conds: list[str], params: list[Any]) -> int:
    """How many facts match the conditions (for pagination)."""
    where = " AND ".join(conds) or "1 = 1"
    return conn.execute(
        f"SELECT count(*) FROM facts f JOIN documents d ON d.pk = f.document_pk WHERE {where}", params
    ).fetchone()[0]


def entity_names(conn: sqlite3.Connection, refs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Display names of (type, id) pairs that are entities."""
    out = {}
    for kind, ident in set(refs):
        row = conn.execute("SELECT name FROM entities WHERE type = ? AND id = ?", (kind, ident)).fetchone()
        if row:
            out[(kind, ident)] = row[0]
    return out
