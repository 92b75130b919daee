"""The JSON API under ``/api``: the same data functions as the pages, as JSON, plus the writes.

Reads are open; writes (``POST /api/ingest``, ``POST /api/facts/{id}/review``) need
``Authorization: Bearer <api_token>``. Every error has one shape,
``{"error": {"status", "code", "message"}}`` (see ``app.py``). Lists are paginated with
``page`` and ``per_page`` and say ``pagination: {page, per_page, total, pages}``.
"""

from __future__ import annotations

import getpass
import tempfile
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ..settings import Settings
from ..store.export import EXPORT_FORMATS, write_export
from ..store.search import Filters
from ..store.sqlite import ENTITY_TYPES, Store, StoreError
from . import data
from .deps import filters_from, get_settings, get_store, page_of, require_token

router = APIRouter(tags=["api"])
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Pg = Annotated[int, Query(ge=1, le=100_000, description="1-based page number")]
PerPage = Annotated[int, Query(ge=1, le=data.MAX_PER_PAGE, description="Items per page")]
Lang = Annotated[str, Query(pattern="^(en|fr|es)$", description="Language of labels")]
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class FilterParams(BaseModel):
    """Document filters shared by search and export (all optional)."""

    country: str | None = Field(None, max_length=8, description="ISO3 code, e.g. ECU")
    org: str | None = Field(None, max_length=120, description="Organisation id, e.g. IOM")
    person: str | None = Field(None, max_length=120, description="Person id, e.g. amy-pope")
    objective: int | None = Field(None, ge=1, le=23, description="GCM objective 1-23")
    lang: str | None = Field(None, max_length=8, description="Document language: fr, en, es...")
    since: str | None = Field(None, pattern=ISO_DATE, description="ISO date prefix: 2023, 2023-11")
    until: str | None = Field(None, pattern=ISO_DATE, description="ISO date prefix")


class ReviewIn(BaseModel):
    """A review decision on one fact."""

    status: Literal["accepted", "rejected", "auto"]
    by: str | None = Field(None, max_length=120, description="Who reviewed it")


class TextIn(BaseModel):
    """A document given as text: a name for its source and its content."""

    name: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=5_000_000)


class IngestIn(BaseModel):
    """What to ingest: URLs to fetch and/or texts."""

    urls: list[str] = Field(default_factory=list, max_length=100)
    texts: list[TextIn] = Field(default_factory=list, max_length=100)


@router.get("/overview", summary="The corpus at a glance")
def overview(store: StoreDep, lang: Lang = "en") -> dict[str, Any]:
    """Counts, documents by month and language, top actors, objective coverage, latest documents."""
    return data.overview(store, lang)


@router.get("/search", summary="Full-text search with facets")
def search(
    store: StoreDep,
    filters: Annotated[FilterParams, Query()],
    q: Annotated[str, Query(max_length=500, description='Words or "a phrase"; empty lists all')] = "",
    page: Pg = 1,
    per_page: PerPage = data.PER_PAGE,
) -> dict[str, Any]:
    """Matching documents with highlighted snippets (``<mark>``), facet counts and pagination."""
    return data.search(store, q, filters_from(filters), page_of(page, per_page))


@router.get("/documents", summary="Documents, newest first")
def documents(store: StoreDep, page: Pg = 1, per_page: PerPage = data.PER_PAGE) -> dict[str, Any]:
    """A page of current documents (id, title, language, date, source)."""
    return data.search(store, "", Filters(), page_of(page, per_page))


@router.get("/documents/{doc_id}", summary="One document: record, provenance, facts")
def document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """The stored record with its ``store`` provenance block and its facts."""
    return data.document(store, doc_id)


@router.get("/entities", summary="Entities by number of documents")
def entities(
    store: StoreDep,
    type: Annotated[Literal[ENTITY_TYPES] | None, Query(description="Only this type")] = None,  # type: ignore[valid-type]
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Entities (countries, organisations, people, places, events) with their document counts."""
    return {"entities": store.entities(type, limit)}


@router.get("/countries/{iso3}", summary="A country's evidence")
def country(store: StoreDep, iso3: Annotated[str, Path(pattern="^[A-Za-z]{3}$")], lang: Lang = "en"):
    """Timeline, objective coverage, actors, quotes, events and network/champion status of a country."""
    return data.country(store, iso3, lang)


@router.get("/objectives", summary="The 23 GCM objectives")
def objective_list(store: StoreDep, lang: Lang = "en") -> dict[str, Any]:
    """Each objective's number, label, title and how many documents serve it."""
    return {"objectives": data.objective_list(store, lang), "principles": data.principle_list(lang)}


@router.get("/objectives/{number}", summary="One objective's evidence")
def objective(
    store: StoreDep, number: Annotated[int, Path(ge=1, le=23)], lang: Lang = "en"
) -> dict[str, Any]:
    """Definition, evidence by country and year, and the evidence list of an objective."""
    return data.objective(store, number, lang)


@router.get("/people/{person_id}", summary="A person")
def person(store: StoreDep, person_id: str) -> dict[str, Any]:
    """Names, titles over time, quotes, documents and facts of a person."""
    return data.entity(store, "person", person_id)


@router.get("/organizations/{org_id}", summary="An organisation")
def organization(store: StoreDep, org_id: str) -> dict[str, Any]:
    """Names, documents and facts of an organisation."""
    return data.entity(store, "organization", org_id)


@router.get("/matrix", summary="Countries × objectives coverage")
def matrix(
    store: StoreDep,
    since: Annotated[str | None, Query(pattern=ISO_DATE)] = None,
    until: Annotated[str | None, Query(pattern=ISO_DATE)] = None,
    region: Annotated[str | None, Query(pattern="^[a-z]+$")] = None,
    lang: Lang = "en",
) -> dict[str, Any]:
    """For each country and objective, the number of documents serving both."""
    return data.matrix(store, since, until, region, lang)


@router.get("/facts", summary="Facts with provenance")
def facts(
    store: StoreDep,
    status: Annotated[Literal["auto", "accepted", "rejected"], Query()] = "auto",
    kind: Annotated[str | None, Query(max_length=60)] = None,
    page: Pg = 1,
    per_page: PerPage = data.PER_PAGE,
) -> dict[str, Any]:
    """A page of facts with a review status, their evidence and provenance."""
    return data.review_queue(store, status, kind, page_of(page, per_page))


@router.get("/facts/{fact_id}", summary="One fact")
def fact(store: StoreDep, fact_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    """A fact with its provenance and evidence."""
    return data.fact(store, fact_id)


@router.post(
    "/facts/{fact_id}/review", summary="Accept or reject a fact", dependencies=[Depends(require_token)]
)
def review(store: StoreDep, fact_id: Annotated[int, Path(ge=1, le=2**62)], body: ReviewIn) -> dict[str, Any]:
    """Set a fact's review status (needs the bearer token); the fact as it now is."""
    try:
        store.review(fact_id, body.status, body.by or getpass.getuser())
    except StoreError:
        raise data.NotFound(f"no fact {fact_id}") from None
    return data.fact(store, fact_id)


@router.get("/export", summary="Export documents as JSON Lines or CSV")
def export(
    store: StoreDep,
    filters: Annotated[FilterParams, Query()],
    format: Annotated[Literal[EXPORT_FORMATS], Query()] = "jsonl",  # type: ignore[valid-type]
) -> StreamingResponse:
    """The selected documents in the documented export shapes (as ``pactwatch export``)."""
    spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_BYTES, mode="w+", encoding="utf-8")
    write_export(store.documents(filters_from(filters)), format, spool)
    spool.seek(0)
    return StreamingResponse(_chunks(spool), media_type=_EXPORT_TYPES[format])


_EXPORT_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}
EXPORT_SPOOL_BYTES = 8 * 2**20  # larger exports go to a temporary file, not memory


def _chunks(spool, size: int = 2**16):
    """The spooled export in chunks; the file is closed when done (or when the client leaves)."""
    try:
        while chunk := spool.read(size):
            yield chunk
    finally:
        spool.close()


@router.post("/ingest", summary="Ingest URLs or texts", dependencies=[Depends(require_token)])
def ingest(store: StoreDep, body: IngestIn, settings: SettingsDep) -> dict[str, Any]:
    """Fetch and extract URLs, or extract given texts, and store them (needs the bearer token).

    URLs are vetted before anything is fetched: only http(s), and hosts that resolve to
    private, loopback or link-local addresses are refused (unless the server allows them).
    """
    from .ingesting import host_of, ingest_texts, ingest_urls, vet_url

    if not body.urls and not body.texts:
        raise HTTPException(422, "give at least one of urls or texts")
    urls = [url.strip() for url in body.urls]
    for url in urls:
        problem = vet_url(url, settings.allow_private)
        if problem:
            raise HTTPException(400, f"{host_of(url)}: {problem}")
    results = ingest_urls(store, urls, settings) + ingest_texts(store, body.texts, settings)
    return {"results": results, "summary": _count(results)}


def _count(results: list[dict[str, Any]]) -> dict[str, int]:
    """How many results have each status."""
    out: dict[str, int] = {}
    for r in results:
        out[r["status"]] = out.get(r["status"], 0) + 1
    return out
