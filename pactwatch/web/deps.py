"""What every request needs: the store (one connection per worker thread), the settings, the token check.

Why a connection per thread: SQLite connections may not cross threads, and opening one
per request would re-read the schema each time; FastAPI runs plain ``def`` endpoints in a
pool of worker threads, so each thread keeps its own connection to the app's store.
"""

from __future__ import annotations

import secrets
import threading
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..settings import Settings
from ..store.search import Filters
from ..store.sqlite import Store
from .data import Page

_local = threading.local()
bearer = HTTPBearer(auto_error=False, description="The api_token of the server's settings")
TOKEN_COOKIE = "pactwatch_token"


def get_settings(request: Request) -> Settings:
    """The settings the app was started with."""
    return request.app.state.settings


def get_store(request: Request) -> Store:
    """This thread's connection to the app's store (opened on first use)."""
    stores = getattr(_local, "stores", None)
    if stores is None:
        stores = _local.stores = {}
    path = request.app.state.db
    if path not in stores:
        stores[path] = Store(path)
    return stores[path]


def token_ok(settings: Settings, given: str | None) -> bool:
    """Whether ``given`` is the configured token (compared in constant time; no token set: never)."""
    return bool(settings.api_token) and bool(given) and secrets.compare_digest(given, settings.api_token)


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Refuse a write without the right bearer token: 403 when the server has none set, 401 otherwise."""
    settings = get_settings(request)
    if not settings.api_token:
        raise HTTPException(403, "writes are disabled: the server has no api_token set")
    if credentials is None or not token_ok(settings, credentials.credentials):
        raise HTTPException(401, "a valid bearer token is needed", headers={"WWW-Authenticate": "Bearer"})


def filters_from(params) -> Filters:
    """Store Filters from validated filter parameters (an object with the filter attributes)."""
    return Filters(
        country=(params.country or None) and params.country.upper(),
        org=params.org or None,
        person=params.person or None,
        objective=params.objective,
        lang=params.lang or None,
        since=params.since or None,
        until=params.until or None,
    )


def page_of(number: int, size: int) -> Page:
    """A Page from validated query parameters."""
    return Page(number, size)
