"""Filling the store: ``ingest`` reads inputs, extracts and stores them; ``reextract`` redoes stored ones.

Why the raw bytes are read here and not by ``batch.extract_paths``: the store keeps a
content-addressed copy of each input's raw content, recognises an unchanged input by its
hash before extracting it again, and re-extracts later from that copy with the reader
that read it first (kind, charset, URL metadata are kept with the document). The reading
itself (size cap, SSRF guard on URLs, readers, pipeline, time limit) is the ingest
package's and the pipeline's, reused as they are. One input never stops the others.

An input that turns out to be an RSS/Atom feed or a sitemap is not stored: the URLs
it lists are ingested in its place (``ingest.feeds``), a sitemap index's sitemaps in
turn down to ``max_listing_depth`` levels, at most ``max_listed_urls`` URLs per input.
URLs are fetched politely (``ingest.robots``): robots.txt obeyed, requests to one host
spaced by ``host_interval`` seconds.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..batch import DeadlinePassed, Failure, load_stages, time_limit
from ..errors import ExtractionFailed, PactwatchError, TimedOut
from ..ingest.feeds import Listing, read_listing
from ..ingest.readers import READERS, quiet_library_logs, read_file_bytes, sniff_kind
from ..ingest.sources import Skipped, Source, iter_sources
from ..pipeline import run_pipeline
from ..settings import Settings
from .sqlite import Outcome, Store, content_hash

Result = Outcome | Failure | Skipped
OUTCOMES = ("stored", "unchanged", "new version", "failed", "skipped")
LISTED = "listed"  # the status of a feed or sitemap whose URLs were ingested in its place


@dataclass
class Summary:
    """Counts by outcome (stored, unchanged, new version, failed, skipped) and the failures themselves."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)

    def add(self, result: Result) -> None:
        """Count one result."""
        if isinstance(result, Failure):
            self.counts["failed"] += 1
            self.failures.append(result)
        elif isinstance(result, Skipped):
            self.counts["skipped"] += 1
        else:
            self.counts[result.status] += 1

    def line(self, keys: Iterable[str] = OUTCOMES) -> str:
        """The one-line summary the CLI prints: a count for each of ``keys`` (and feeds/sitemaps if any)."""
        extra = (LISTED,) if self.counts[LISTED] and LISTED not in keys else ()
        return ", ".join(f"{self.counts[k]} {k}" for k in (*keys, *extra))


def extractor_version(settings: Settings) -> str:
    """The pactwatch version and a short hash of the stage list: what produced a record."""
    stages = hashlib.sha256(",".join(settings.stages).encode()).hexdigest()[:8]
    return f"{__version__}+{stages}"


def read_raw(source: Source, settings: Settings, fetcher: Any = None) -> tuple[bytes, dict[str, Any]]:
    """The raw bytes of an input and how to read them again ({kind, charset, meta}).

    URLs go through ``fetcher.fetch`` (a PoliteFetcher) when one is given, else ``fetch_url``.
    """
    if source.is_url:
        from ..ingest.urls import fetch_url  # network code only for URL inputs

        fetched = fetcher.fetch(source.location) if fetcher else fetch_url(source.location, settings)
        meta = {"url": fetched.url, "content_type": fetched.content_type}
        if source.via:
            meta["listed_in"] = source.via
        return fetched.data, {"kind": fetched.kind, "charset": fetched.charset, "meta": meta}
    return read_file_bytes(source.location, settings.max_bytes), {
        "kind": source.kind,
        "charset": None,
        "meta": {},
    }


def extract_raw(location: str, data: bytes, read: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The record of raw bytes, read by the reader they need and run through the pipeline."""
    doc = READERS[sniff_kind(data, read.get("kind"))](location, data, read.get("charset"))
    doc.meta = {**(read.get("meta") or {}), **doc.meta}
    return run_pipeline(doc, settings.stages).to_record()


def ingest_one(
    store: Store, source: Source, settings: Settings, version: str, fetcher: Any = None
) -> Outcome | Failure | Listing:
    """Read, extract and store one input; its Outcome, or its Failure (never raises for bad input).

    A feed or sitemap is not stored: its Listing is returned for the caller to expand.
    With a ``fetcher``, robots.txt and the host's turn are settled before the time limit starts.
    """
    try:
        if fetcher is not None and source.is_url:
            fetcher.prepare(source.location)
        with time_limit(settings.timeout):
            data, read = read_raw(source, settings, fetcher)
            listing = read_listing(source.location, data, read, settings.max_bytes)
            if listing is not None:
                return listing
            known = store.known(source.location, content_hash(data))
            if known:
                return Outcome("unchanged", *known)
            record = extract_raw(source.location, data, read, settings)
        return store.put(record, data, version, read)
    except DeadlinePassed:
        return Failure(source.location, TimedOut.code, f"took longer than {settings.timeout:g} s")
    except PactwatchError as err:
        return Failure.of(source.location, err)
    except Exception as err:  # a stage bug: that input fails, the batch goes on
        return Failure(
            source.location, ExtractionFailed.code, f"{type(err).__name__}: {err} (a bug: please report it)"
        )


def ingest(
    store: Store,
    paths: Iterable[str],
    settings: Settings,
    on_result: Callable[[str, Result], None] | None = None,
    fetcher: Any = None,
) -> Summary:
    """Ingest every input under ``paths`` into ``store``, one transaction per document; the summary.

    ``on_result(location, result)`` is called after each input (progress, error lines), feeds
    and sitemaps included (an Outcome with status "listed" and a note). ``fetcher``: a
    PoliteFetcher to use (tests inject one with a fake clock); by default one is made per run.
    """
    quiet_library_logs()
    load_stages(settings.stages)
    run = _Run(store, settings, extractor_version(settings), fetcher)
    summary = Summary()
    for item in iter_sources(paths):
        for location, result in run.results(item):
            summary.add(result)
            if on_result:
                on_result(location, result)
    return summary


@dataclass
class _Budget:
    """What one input given by the user may still expand to: URLs left, URLs already taken."""

    left: int
    seen: set[str]


@dataclass
class _Run:
    """One ingest run: the store, settings, extractor version and the polite fetcher (made on first URL)."""

    store: Store
    settings: Settings
    version: str
    fetcher: Any = None

    def results(self, item: Source | Skipped | PactwatchError) -> Iterator[tuple[str, Result]]:
        """(location, result) for one item of the source stream, and for every URL it lists."""
        if isinstance(item, PactwatchError):
            yield item.source, Failure.of(item.source, item)
        elif isinstance(item, Skipped):
            yield item.location, item
        else:
            yield from self._source(item, 0, _Budget(self.settings.max_listed_urls, {item.location}))

    def _polite(self) -> Any:
        """The run's PoliteFetcher (robots.txt cache, per-host clocks), made when first needed."""
        if self.fetcher is None:
            from ..ingest.robots import PoliteFetcher  # network code only for URL inputs

            self.fetcher = PoliteFetcher(self.settings)
        return self.fetcher

    def _source(self, source: Source, depth: int, budget: _Budget) -> Iterator[tuple[str, Result]]:
        """Ingest one Source; a feed or sitemap is reported, then its URLs are ingested in turn."""
        fetcher = self._polite() if source.is_url else None
        result = ingest_one(self.store, source, self.settings, self.version, fetcher)
        if not isinstance(result, Listing):
            yield source.location, result
            return
        if depth > self.settings.max_listing_depth:
            limit = self.settings.max_listing_depth
            note = f"{result.summary()}; not followed: more than max_listing_depth {limit} level(s) down"
            yield source.location, Outcome(LISTED, "", 0, note)
            return
        fresh = [url for url in result.urls if url not in budget.seen]
        taken = fresh[: budget.left]
        budget.left -= len(taken)
        budget.seen.update(taken)
        note = result.summary()
        if len(taken) < len(fresh):
            note += f"; only {len(taken)} followed (max_listed_urls {self.settings.max_listed_urls} reached)"
        yield source.location, Outcome(LISTED, "", 0, note)
        for url in taken:
            yield from self._source(Source(url, None, via=source.location), depth + 1, budget)


def reextract(
    store: Store, settings: Settings, on_result: Callable[[str, Result], None] | None = None
) -> Summary:
    """Run the current pipeline again over every stored document's raw content.

    Reviewed facts survive; the rest of each document's extraction is replaced. Counts
    "re-extracted" and "failed" documents.
    """
    quiet_library_logs()
    load_stages(settings.stages)
    version = extractor_version(settings)
    summary = Summary()
    for item in list(store.stored_inputs()):
        try:
            with time_limit(settings.timeout):
                record = extract_raw(item["location"], store.blob(item["content_hash"]), item, settings)
            new_id = store.replace_extraction(item["id"], record, version)
            result: Result = Outcome("re-extracted", new_id, 0)
        except DeadlinePassed:
            result = Failure(item["location"], TimedOut.code, f"took longer than {settings.timeout:g} s")
        except PactwatchError as err:
            result = Failure.of(item["location"], err)
        summary.add(result)
        if on_result:
            on_result(item["location"], result)
    return summary
