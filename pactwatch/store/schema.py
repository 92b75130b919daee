"""The store's schema as numbered migrations, applied in order and recorded in ``PRAGMA user_version``.

Why migrations and not one CREATE script: a database made by an older pactwatch must open
with a newer one, and each step must run once. A migration has a portable part (plain
SQL that PostgreSQL also accepts: TEXT, INTEGER, REAL, BLOB-as-bytes, no SQLite-only
types or ``AUTOINCREMENT``) and a backend part (the SQLite full-text index), so a later
PostgreSQL backend reuses the portable part and brings its own search index.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, what it does, its portable SQL and its SQLite-only SQL."""

    version: int
    about: str
    portable: tuple[str, ...]
    sqlite: tuple[str, ...] = ()


CORE_TABLES = (
    """CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        location TEXT NOT NULL UNIQUE,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    """CREATE TABLE blobs (
        hash TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
    )""",
    """CREATE TABLE documents (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        version INTEGER NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 1,
        content_hash TEXT NOT NULL REFERENCES blobs(hash),
        kind TEXT,
        charset TEXT,
        meta TEXT NOT NULL,
        lang TEXT,
        title TEXT,
        body TEXT NOT NULL,
        date_key TEXT,
        published TEXT,
        event_start TEXT,
        event_end TEXT,
        record TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        UNIQUE (source_id, version)
    )""",
    "CREATE INDEX documents_content ON documents (content_hash)",
    "CREATE INDEX documents_date ON documents (date_key)",
    """CREATE TABLE entities (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (type, id)
    )""",
    """CREATE TABLE document_links (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        type TEXT NOT NULL,
        ref TEXT NOT NULL,
        score REAL,
        PRIMARY KEY (type, ref, document_pk)
    )""",
    "CREATE INDEX document_links_doc ON document_links (document_pk)",
    """CREATE TABLE mentions (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        FOREIGN KEY (entity_type, entity_id) REFERENCES entities(type, id)
    )""",
    "CREATE INDEX mentions_doc ON mentions (document_pk)",
    "CREATE INDEX mentions_entity ON mentions (entity_type, entity_id)",
    """CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        fact_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject_type TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        object_type TEXT,
        object_id TEXT,
        value TEXT,
        observed_on TEXT,
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        span_start INTEGER,
        span_end INTEGER,
        extractor_version TEXT NOT NULL,
        confidence REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'auto' CHECK (status IN ('auto', 'accepted', 'rejected')),
        reviewed_by TEXT,
        reviewed_at TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (fact_key, document_pk)
    )""",
    "CREATE INDEX facts_doc ON facts (document_pk)",
    "CREATE INDEX facts_subject ON facts (subject_type, subject_id)",
    "CREATE INDEX facts_status ON facts (status, kind)",
)

# unicode61 with remove_diacritics 2 folds case and accents ("Équateur" = "equateur",
# "Genève" = "geneve", "Bogotá" = "bogota") and splits on apostrophes ("l'OIM" -> "l", "oim"),
# which suits French, English and Spanish alike; no stemmer, so no language is favoured.
FTS_TABLE = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "title, body, content='documents', content_rowid='pk', "
    "tokenize = 'unicode61 remove_diacritics 2')"
)

# Search at 100,000 documents (benchmarks/bench_store.py): facet counts read each hit's links,
# and filters test each full-text hit; both must stay off the wide documents rows (~14 kB each).
# (document_pk, type, ref) covers the facet join, replacing the (document_pk) index it extends;
# the partial index lists the few superseded versions, so "current only" is a small set test.
SEARCH_INDEXES = (
    "CREATE INDEX document_links_facets ON document_links (document_pk, type, ref)",
    "DROP INDEX document_links_doc",
    "CREATE INDEX documents_superseded ON documents (pk) WHERE is_current = 0",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "sources, content-addressed blobs, documents, entities, mentions, facts", CORE_TABLES),
    Migration(2, "full-text index over title and body, case- and accent-insensitive", (), (FTS_TABLE,)),
    Migration(3, "covering index for facet counts, partial index of superseded versions", SEARCH_INDEXES),
    Migration(4, "fact indexes for country and entity pages", (
        "CREATE INDEX facts_object ON facts (object_type, object_id)",
        "CREATE INDEX facts_kind_doc ON facts (kind, document_pk)",
    )),
)

LATEST = MIGRATIONS[-1].version


def pending(current: int) -> list[Migration]:
    """The migrations a database at schema ``current`` still needs, in order."""
    if current > LATEST:
        raise RuntimeError(f"database schema {current} is newer than this pactwatch knows ({LATEST})")
    return [m for m in MIGRATIONS if m.version > current]
