"""A cache of view results that lasts until the store file changes.

Why: the country, objective, matrix and home views aggregate thousands of rows, but the
store changes only when something is ingested or reviewed. Results are keyed by the
view, its arguments and the state of the SQLite file and its write-ahead log (modification
time and size): any commit, from this process or another, changes that state, so a
cached view is never older than the data. Cached values are shared: callers must not
modify them.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MAX_ENTRIES = 512
_entries: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def file_state(path: str) -> tuple[int, ...] | None:
    """(mtime_ns, size) of the database file and of its WAL; None for an in-memory store."""
    if path == ":memory:" or not path:
        return None
    state: list[int] = []
    for name in (path, f"{path}-wal"):
        try:
            st = os.stat(name)
            state += [st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            state += [0, 0]
    return tuple(state)


def cached(path: str, name: str, compute: Callable[[], Any], *key: Hashable) -> Any:
    """``compute()``'s result, reused while the store at ``path`` is unchanged."""
    state = file_state(path)
    if state is None:
        return compute()
    full_key = (path, name, key, state)
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget every cached view (tests, or after a change made outside SQLite)."""
    with _lock:
        _entries.clear()
