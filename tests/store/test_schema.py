"""Schema migrations: applied once, in order, recorded in user_version; the connection's safety settings."""

import sqlite3

import pytest

from pactwatch.store import StoreError, open_store
from pactwatch.store.schema import LATEST, MIGRATIONS, pending


def test_new_store_is_at_the_latest_schema(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        assert store.schema_version == LATEST
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sources", "blobs", "documents", "entities", "mentions", "facts", "documents_fts"} <= tables


def test_migrations_are_numbered_in_order():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert [m.version for m in pending(1)] == list(range(2, LATEST + 1))


def test_an_older_file_is_migrated_step_by_step(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for sql in MIGRATIONS[0].portable:
        conn.execute(sql)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert store.schema_version == LATEST
        assert store.conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 0


def test_reopening_applies_nothing_twice(tmp_path):
    open_store(tmp_path / "a.db").close()
    with open_store(tmp_path / "a.db") as store:  # would fail with "table already exists"
        assert store.schema_version == LATEST


def test_a_newer_schema_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "new.db")
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(tmp_path / "new.db")


def test_connection_settings(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
