"""The data functions behind every page and API endpoint: one function per view, plain dicts out.

Why one layer for both: a page and its JSON twin (``/countries/MEX`` and
``/api/countries/MEX``) must never disagree, so both call the same function here and only
the rendering differs. Functions take an open ``Store`` and validated arguments and raise
``NotFound`` for an unknown id; they never build HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..gcm.reference import objectives, principles
from ..knowledge.geo import country_name
from ..knowledge.regions import REGIONS, countries_in, region_of
from ..store import views
from ..store.search import Filters
from ..store.sqlite import Store, StoreError
from .cache import cached

PER_PAGE = 20
MAX_PER_PAGE = 100
STATUS_FACTS = (
    "country-is-champion",
    "network-established-in",
    "country-co-chairs",
    "country-reviewed-gcm",
    "organization-funded",
)


class NotFound(LookupError):
    """An id the store does not hold; its message names it."""


@dataclass(frozen=True)
class Page:
    """Which slice of a list to show: 1-based page number and its size."""

    number: int = 1
    size: int = PER_PAGE

    @property
    def offset(self) -> int:
        """Rows to skip before this page."""
        return (self.number - 1) * self.size

    def info(self, total: int) -> dict[str, int]:
        """The pagination block of a response: page, per_page, total, pages."""
        return {"page": self.number, "per_page": self.size, "total": total, "pages": -(-total // self.size)}


def _overview(store: Store, lang: str = "en") -> dict[str, Any]:
    """The corpus at a glance: counts, documents by month and language, top actors, objective coverage."""
    conn = store.conn
    coverage = views.top_links(conn, "objective", limit=23)
    return {
        "counts": views.corpus_counts(conn),
        "by_month": views.documents_by_month(conn, by_lang=True),
        "top_countries": _country_rows(views.top_links(conn, "country", 10), lang),
        "top_organizations": views.top_links(conn, "organization", 10),
        "top_people": views.top_links(conn, "person", 10),
        "objective_coverage": _objective_rows(coverage, lang),
        "latest": views.latest_documents(conn, 10),
    }


def search(store: Store, query: str, filters: Filters, page: Page, lang: str = "en") -> dict[str, Any]:
    """A page of search results with snippets and facets (facet names in the display language)."""
    return cached(
        store.path, "search", lambda: _search(store, query, filters, page, lang), query, filters, page, lang
    )


def _search(store: Store, query: str, filters: Filters, page: Page, lang: str) -> dict[str, Any]:
    found = store.search(query, filters, limit=page.size, offset=page.offset)
    found["pagination"] = page.info(found["total"])
    for item in found["facets"]["objective"]:
        item["name"] = f"{item['id']}. {objectives()[int(item['id'])].label_in(lang)}"
    for item in found["facets"]["country"]:
        item["name"] = country_name(item["id"], lang)
    return found


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """A stored document (record + provenance) with its facts."""
    try:
        doc = store.document(doc_id)
    except StoreError:
        raise NotFound(f"no document {doc_id!r}") from None
    doc["facts"] = views.facts_where(store.conn, ["d.id = ?"], [doc_id], limit=500)
    return doc


def _country(store: Store, iso3: str, lang: str = "en") -> dict[str, Any]:
    """A country: its documents over time, objective coverage, actors, quotes, events, GCM status."""
    iso3 = iso3.upper()
    conn = store.conn
    link = ("country", iso3)
    total = views.count_linked(conn, link)
    known = views.entity_names(conn, [link])
    if not total and link not in known:
        raise NotFound(f"no country {iso3!r} in the store")
    around = views.cooccurring(conn, link, ("objective", "organization", "person"), limit=23)
    return {
        "id": iso3,
        "name": country_name(iso3, lang) if len(iso3) == 3 else known.get(link, iso3),
        "region": region_of(iso3),
        "documents": total,
        "by_month": views.documents_by_month(conn, link),
        "objective_coverage": _objective_rows(around["objective"], lang),
        "organizations": around["organization"][:10],
        "people": around["person"][:10],
        "status": _status(conn, iso3),
        "events": _country_events(conn, iso3),
        "quotes": _quotes(
            conn,
            ["f.document_pk IN (SELECT document_pk FROM document_links WHERE type = 'country' AND ref = ?)"],
            [iso3],
        ),
        "latest": views.latest_documents(conn, 10, link),
    }


def _status(conn, iso3: str) -> list[dict[str, Any]]:
    """Network, champion, co-chair and review facts about a country, with their evidence."""
    marks = ", ".join("?" for _ in STATUS_FACTS)
    return views.facts_where(
        conn,
        [
            f"f.kind IN ({marks})",
            "((f.subject_type = 'country' AND f.subject_id = ?) OR "
            "(f.object_type = 'country' AND f.object_id = ?))",
            "f.status != 'rejected'",
        ],
        [*STATUS_FACTS, iso3, iso3],
        limit=50,
    )


def _country_events(conn, iso3: str) -> list[dict[str, Any]]:
    """Events hosted in a country (from event-hosted-in facts), one row per event, by date."""
    rows = views.facts_where(
        conn,
        [
            "f.kind = 'event-hosted-in'",
            "f.object_type = 'country'",
            "f.object_id = ?",
            "f.status != 'rejected'",
        ],
        [iso3],
        limit=200,
    )
    events: dict[str, dict[str, Any]] = {}
    for row in rows:
        events.setdefault(row["subject_id"], {"id": row["subject_id"], "documents": []})
        events[row["subject_id"]]["documents"].append({"id": row["document"], "title": row["document_title"]})
    names = views.entity_names(conn, [("event", e) for e in events])
    for eid, event in events.items():
        info = _event_data(conn, eid)
        event["date"] = info.get("start")
        event["kind"] = info.get("kind")
        event["name"] = names.get(("event", eid)) if names.get(("event", eid)) != eid else None
    return sorted(events.values(), key=lambda e: e["date"] or "")


def _event_data(conn, event_id: str) -> dict[str, Any]:
    """What an event entity records (kind, start, end, places, organizers)."""
    row = conn.execute("SELECT data FROM entities WHERE type = 'event' AND id = ?", (event_id,)).fetchone()
    return json.loads(row[0]) if row else {}


def _quotes(conn, conds: list[str], params: list[Any], limit: int = 10) -> list[dict[str, Any]]:
    """Quotes (person-quoted facts) matching the conditions, with speaker names."""
    rows = views.facts_where(conn, ["f.kind = 'person-quoted'", *conds], params, limit=limit)
    names = views.entity_names(conn, [("person", r["subject_id"]) for r in rows])
    for row in rows:
        row["speaker"] = names.get(("person", row["subject_id"]), row["subject_id"])
    return rows


def _objective(store: Store, number: int, lang: str = "en") -> dict[str, Any]:
    """An objective: its definition, evidence by country and year, and its evidence list."""
    ref = objectives().get(number)
    if ref is None:
        raise NotFound(f"no objective {number} (the GCM has 23)")
    conn = store.conn
    link = ("objective", str(number))
    evidence = views.facts_where(
        conn,
        ["f.kind = 'document-serves-objective'", "f.object_type = 'objective'", "f.object_id = ?"],
        [str(number)],
        limit=30,
    )
    return {
        "id": number,
        "label": ref.label_in(lang),
        "title": ref.title_in(lang),
        "commitments": ref.commitments,
        "actions": list(ref.actions),
        "sdg_targets": ref.sdg_targets,
        "documents": views.count_linked(conn, link),
        "countries": _country_rows(views.cooccurring(conn, link, ("country",), 30)["country"], lang),
        "by_country_year": views.by_year(conn, "country", link),
        "evidence": evidence,
    }


def objective_list(store: Store, lang: str = "en") -> list[dict[str, Any]]:
    """The 23 objectives with how many documents serve each."""
    counts = {r["id"]: r["documents"] for r in views.top_links(store.conn, "objective", 23)}
    return [
        {"id": n, "label": o.label_in(lang), "title": o.title_in(lang), "documents": counts.get(str(n), 0)}
        for n, o in objectives().items()
    ]


def entity(store: Store, kind: str, entity_id: str) -> dict[str, Any]:
    """A person or organisation: names, titles over time, quotes, documents, facts."""
    try:
        ent = store.entity(kind, entity_id)
    except StoreError:
        raise NotFound(f"no {kind} {entity_id!r}") from None
    conn = store.conn
    facts = views.facts_where(conn, ["f.subject_type = ?", "f.subject_id = ?"], [kind, entity_id], limit=200)
    ent["titles_over_time"] = sorted(
        (
            {
                "title": f["value"],
                "date": f["document_date"],
                "document": f["document"],
                "status": f["status"],
            }
            for f in facts
            if f["kind"] == "person-holds-title"
        ),
        key=lambda t: t["date"] or "",
    )
    ent["quotes"] = _quotes(conn, ["f.subject_id = ?"], [entity_id], limit=20) if kind == "person" else []
    ent["facts"] = facts
    return ent


def _matrix(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    region: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The coverage matrix: for each country and objective, how many documents serve both."""
    keep = countries_in(region) if region else None
    cells = views.cooccurrence(store.conn, "country", "objective", (since, until), keep)
    countries = sorted({c["row"] for c in cells}, key=lambda iso: country_name(iso, lang))
    return {
        "filters": {k: v for k, v in (("since", since), ("until", until), ("region", region)) if v},
        "regions": list(REGIONS),
        "objectives": [{"id": n, "label": o.label_in(lang)} for n, o in objectives().items()],
        "countries": [{"id": iso, "name": country_name(iso, lang)} for iso in countries],
        "cells": [
            {"country": c["row"], "objective": int(c["col"]), "documents": c["documents"]} for c in cells
        ],
    }


def review_queue(
    store: Store, status: str = "auto", kind: str | None = None, page: Page = Page()
) -> dict[str, Any]:
    """Facts waiting for review (or already reviewed), with their evidence, a page at a time."""
    conds, params = ["f.status = ?"], [status]
    if kind:
        conds.append("f.kind = ?")
        params.append(kind)
    rows = views.facts_where(store.conn, conds, params, limit=page.size, offset=page.offset)
    return {"facts": rows, "pagination": page.info(views.count_facts(store.conn, conds, params))}


def fact(store: Store, fact_id: int) -> dict[str, Any]:
    """One fact with its provenance and evidence."""
    rows = views.facts_where(store.conn, ["f.id = ?"], [fact_id], limit=1)
    if not rows:
        raise NotFound(f"no fact {fact_id}")
    return rows[0]


def principle_list(lang: str = "en") -> list[dict[str, str]]:
    """The 10 guiding principles with their names in ``lang``."""
    return [{"id": p.id, "name": p.name_in(lang)} for p in principles().values()]


def _country_rows(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Country rows named in the display language."""
    for row in rows:
        row["name"] = country_name(row["id"], lang)
    return rows


def _objective_rows(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Objective rows (ids as strings from links) with number and label; all 23, zeros included."""
    counts = {r["id"]: r["documents"] for r in rows}
    return [
        {"id": n, "label": o.label_in(lang), "documents": counts.get(str(n), 0)}
        for n, o in objectives().items()
    ]


def overview(store: Store, lang: str = "en") -> dict[str, Any]:
    """The corpus at a glance: counts, documents by month and language, top actors, objective coverage."""
    return cached(store.path, "overview", lambda: _overview(store, lang), lang)


def country(store: Store, iso3: str, lang: str = "en") -> dict[str, Any]:
    """A country: its documents over time, objective coverage, actors, quotes, events, GCM status."""
    return cached(store.path, "country", lambda: _country(store, iso3, lang), iso3.upper(), lang)


def objective(store: Store, number: int, lang: str = "en") -> dict[str, Any]:
    """An objective: its definition, evidence by country and year, and its evidence list."""
    return cached(store.path, "objective", lambda: _objective(store, number, lang), number, lang)


def matrix(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    region: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The coverage matrix: for each country and objective, how many documents serve both."""
    return cached(
        store.path, "matrix", lambda: _matrix(store, since, until, region, lang), since, until, region, lang
    )
