"""The knowledge store: documents, entities, mentions and facts with provenance, full-text search.

``open_store(path)`` opens (creating and migrating if needed) the default SQLite backend;
``ingest`` and ``reextract`` in ``store.ingest`` fill it from files, folders and URLs.
"""

from __future__ import annotations

from pathlib import Path

from .search import Filters
from .sqlite import Outcome, Store, StoreError

__all__ = ["Filters", "Outcome", "Store", "StoreError", "open_store"]


def open_store(path: str | Path) -> Store:
    """The store in the SQLite file at ``path``, created and migrated to the latest schema if needed."""
    return Store(path)
