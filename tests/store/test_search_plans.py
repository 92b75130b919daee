"""Search's fast plans (link sets, date index, facet strings) give what the plain filter SQL gives.

The reference below is the straightforward query: every full-text hit joined to its documents
row and tested with ``where_clause``, facets counted with a GROUP BY. Random stores (versions,
languages, links, partial dates) and random filters must get the same totals, the same ranked
page and the same facets from ``search``, whichever of its plans it takes.
"""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.store import Filters, open_store
from pactwatch.store import search as search_module
from pactwatch.store.search import FACET_SIZE, FACET_TYPES, fts_query, where_clause

from .conftest import make_record

WORDS = ["réseau", "pacte", "migración", "données", "dialogue", "voies", "accord", "rights"]
COUNTRIES, ORGS = ["ECU", "GHA", "MAR"], ["IOM", "UNHCR"]
DATES = st.none() | st.sampled_from(["2021", "2022-03", "2022-11-05", "2023-01-20", "2024"])


@st.composite
def documents(draw):
    """Contract-shaped records; some share a source, so earlier versions become superseded."""
    docs = []
    for n in range(draw(st.integers(1, 14))):
        body = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))) + f" n{n}"
        ents = [{"type": "country", "id": c, "name": c, "mentions": []}
                for c in draw(st.sets(st.sampled_from(COUNTRIES), max_size=2))]  # fmt: skip
        ents += [{"type": "organization", "id": o, "name": o, "mentions": []}
                 for o in draw(st.sets(st.sampled_from(ORGS), max_size=2))]  # fmt: skip
        objectives = [
            {"id": i, "score": 0.5, "evidence": []} for i in draw(st.sets(st.integers(1, 3), max_size=2))
        ]
        date = draw(DATES)
        docs.append(make_record(
            body, source=f"s{draw(st.integers(0, 9))}", lang=draw(st.sampled_from(["fr", "es", "en", None])),
            title=draw(st.none() | st.sampled_from(WORDS)), entities=ents, objectives=objectives,
            dates={"event": None, "published": {"value": date} if date else None},
        ))  # fmt: skip
    return docs


FILTERS = st.builds(
    Filters,
    country=st.none() | st.sampled_from(COUNTRIES),
    org=st.none() | st.sampled_from(ORGS),
    objective=st.none() | st.integers(1, 3),
    lang=st.none() | st.sampled_from(["fr", "es"]),
    since=st.none() | st.sampled_from(["2022", "2022-06"]),
    until=st.none() | st.sampled_from(["2022", "2023-01"]),
    all_versions=st.booleans(),
)
QUERIES = st.sampled_from(["", "reseau", "pacte dialogue", "migracion", '"voies accord"', "absent"])


def reference(conn, query, filters, limit):
    """(total, [(id, score)] of the page, {type: [(ref, count)]}) by the plain filter SQL."""
    match = fts_query(query)
    where, params = where_clause(filters)
    if match:
        rows = conn.execute(
            "SELECT d.pk, d.id, bm25(documents_fts, 5.0, 1.0) AS score FROM documents_fts f JOIN documents d "
            f"ON d.pk = f.rowid WHERE documents_fts MATCH ? AND {where} ORDER BY score, d.pk",
            [match, *params],
        ).fetchall()
    else:
        rows = conn.execute(
            f"SELECT d.pk, d.id, 0.0 FROM documents d WHERE {where} ORDER BY d.date_key DESC, d.pk DESC",
            params,
        ).fetchall()
    counts = Counter()
    for pk, _, _ in rows:
        for kind, ref in conn.execute("SELECT type, ref FROM document_links WHERE document_pk = ?", (pk,)):
            if kind in FACET_TYPES:
                counts[kind, ref] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))
    facets = {kind: [(ref, n) for (k, ref), n in ranked if k == kind] for kind in FACET_TYPES}
    page = [(doc_id, round(-score, 4) if score else 0.0) for _, doc_id, score in rows[:limit]]
    return len(rows), page, {kind: top[:FACET_SIZE] for kind, top in facets.items()}


@pytest.mark.parametrize("facet_ratio, drive_ratio", [(3, 20), (0, 0), (10**9, 10**9)])
def test_every_plan_gives_the_plain_sql_result(monkeypatch, facet_ratio, drive_ratio):
    # 0: always count facets from the hits and let the wanted set drive; 10**9: never
    monkeypatch.setattr(search_module, "FACET_SCAN_RATIO", facet_ratio)
    monkeypatch.setattr(search_module, "WANTED_DRIVE_RATIO", drive_ratio)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(docs=documents(), query=QUERIES, filters=FILTERS, limit=st.integers(1, 5))
    def check(docs, query, filters, limit):
        with open_store(":memory:") as store:
            for n, record in enumerate(docs):
                store.put(record, f"raw {n}".encode(), "v")
            got = store.search(query, filters, limit)
            total, page, facets = reference(store.conn, query, filters, limit)
            assert got["total"] == total
            assert [(h["id"], h["score"]) for h in got["results"]] == page
            assert {k: [(f["id"], f["count"]) for f in v] for k, v in got["facets"].items()} == facets

    check()


def test_facet_ids_holding_the_separators_are_still_counted_exactly(store):
    odd = "org\x1ewith\x1fseparators"
    for n in range(3):
        body = f"dialogue number {n}"
        ents = [{"type": "organization", "id": odd if n else "IOM", "name": "Odd", "mentions": []}]
        store.put(make_record(body, source=f"s{n}", entities=ents), body.encode(), "v")
    facets = store.search("dialogue")["facets"]["organization"]
    assert [(f["id"], f["count"]) for f in facets] == [(odd, 2), ("IOM", 1)]


def test_search_leaves_no_temporary_table(store):
    store.put(make_record("pacte et dialogue", entities=[]), b"x", "v")
    store.search("pacte", Filters(lang="en", since="2020"))
    temp = store.conn.execute("SELECT name FROM temp.sqlite_master WHERE type = 'table'").fetchall()
    assert temp == []
