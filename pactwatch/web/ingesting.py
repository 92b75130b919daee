"""Ingest through the API: vet URLs before any fetch, then store URLs and posted texts.

Why vet first: a URL that names or resolves to a private, loopback or link-local
address (127.0.0.1, ::1, 169.254.169.254, 10.0.0.0/8...) must be refused before any
request leaves the server, with a 400 that says why, not after a fetch attempt.
The fetch itself vets again (and pins the address) in ``ingest.urls``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..batch import Failure
from ..errors import ExtractionFailed, PactwatchError, TooLarge
from ..ingest.sources import URL_PATTERN
from ..ingest.urls import resolve_public
from ..settings import Settings
from ..store.ingest import extract_raw, extractor_version, ingest
from ..store.sqlite import Outcome, Store, content_hash

SCHEMES = ("http", "https")


def vet_url(url: str, allow_private: bool) -> str | None:
    """Why ``url`` may not be fetched (wrong scheme, no host, non-public address), or None.

    A URL that passes is one the ingest code reads as a URL (``http://`` or ``https://``
    at its very start): never a string that ``urlsplit`` would clean up into a URL but
    that the ingest code would then open as a file path.
    """
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # a bracketed host that is not an IPv6 address
        return "the URL is malformed"
    if parts.scheme.lower() not in SCHEMES or not URL_PATTERN.match(url):
        return f"only http and https URLs can be ingested, not {parts.scheme or 'no scheme'!r}"
    if not hostname:
        return "the URL has no host"
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        resolve_public(hostname, port, allow_private)
    except ValueError:
        return "the URL has a bad port"
    except PactwatchError as err:
        if err.code == "E007":
            return err.detail
    return None


def host_of(url: str) -> str:
    """The host a URL names, for messages; the URL itself when it has none or is malformed."""
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _result(source: str, outcome: Any) -> dict[str, Any]:
    """One ingest result as the API reports it."""
    if isinstance(outcome, Failure):
        return {
            "source": source,
            "status": "failed",
            "error": {"code": outcome.code, "message": outcome.detail},
        }
    if isinstance(outcome, Outcome):
        return {"source": source, "status": outcome.status, "id": outcome.id, "version": outcome.version}
    return {"source": source, "status": "skipped", "reason": str(outcome)}


def ingest_urls(store: Store, urls: list[str], settings: Settings) -> list[dict[str, Any]]:
    """Fetch, extract and store each URL; one result each (failures included, never raised)."""
    results: list[dict[str, Any]] = []
    if urls:
        ingest(store, urls, settings, lambda source, outcome: results.append(_result(source, outcome)))
    return results


def ingest_texts(store: Store, texts: list[Any], settings: Settings) -> list[dict[str, Any]]:
    """Extract and store posted texts, each under the source ``api:<name>``."""
    version = extractor_version(settings)
    results = []
    for item in texts:
        source = f"api:{item.name}"
        data = item.text.encode("utf-8")
        try:
            if len(data) > settings.max_bytes:
                raise TooLarge(source, f"{len(data)} bytes, over the {settings.max_bytes}-byte limit")
            known = store.known(source, content_hash(data))
            if known:
                outcome: Any = Outcome("unchanged", *known)
            else:
                read = {"kind": "text", "charset": "utf-8", "meta": {}}
                outcome = store.put(extract_raw(source, data, read, settings), data, version, read)
        except PactwatchError as err:
            outcome = Failure.of(source, err)
        except Exception as err:  # a stage bug: that text fails, as in ``ingest_one``, not the request
            detail = f"{type(err).__name__}: {err} (a bug: please report it)"
            outcome = Failure(source, ExtractionFailed.code, detail)
        results.append(_result(source, outcome))
    return results
