"""Feeds and sitemaps: the page URLs that an RSS 2.0, RSS 1.0 or Atom feed, a sitemap or sitemap index lists.

Why recognise them by their root element, after reading: servers label feeds
text/xml, application/xml, application/rss+xml or text/plain, and gzipped sitemaps
application/octet-stream, so the content type says little; the root element
(``rss``, ``RDF``, ``feed``, ``urlset``, ``sitemapindex``, in any namespace) says
what the bytes are. Anything else (an HTML page, an XHTML page, a PDF) is not a
listing and goes to the document readers. Gzipped bytes (``sitemap.xml.gz``) are
decompressed first, never past the size cap.

The XML parser is hardened: no network access, no DTD loading, entities left
unexpanded (no "billion laughs", no external entities), no huge trees. A listing
that is not well-formed is parsed again in libxml2's recovery mode; if that still
yields no entry, the error names the first XML error and its line.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree

from ..errors import ReadFailed, TooLarge

# Root element (local name) -> (what it is called in messages, entry element, elements holding its URL).
LISTINGS = {
    "rss": ("RSS feed", "item", ("link", "guid")),
    "RDF": ("RSS 1.0 feed", "item", ("link",)),
    "feed": ("Atom feed", "entry", ("link", "id")),
    "urlset": ("sitemap", "url", ("loc",)),
    "sitemapindex": ("sitemap index", "sitemap", ("loc",)),
}
# Atom link relations that point at the entry's page (RFC 4287 4.2.7.2: no rel means alternate).
PAGE_RELS = frozenset({"", "alternate"})
SCHEMES = frozenset({"http", "https"})
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 64 * 1024
# The first element after an optional BOM, XML declaration, comments, processing instructions, DOCTYPE.
ROOT = re.compile(
    rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Listing:
    """A feed or sitemap read: where from, its root (a key of LISTINGS), the URLs it lists, notes."""

    location: str
    root: str
    urls: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What it is, for messages: 'RSS feed', 'Atom feed', 'sitemap index'..."""
        return LISTINGS[self.root][0]

    def summary(self) -> str:
        """One line: what it is, how many entries, and its notes."""
        return "; ".join((f"{self.label} with {len(self.urls)} URL(s)", *self.notes))


def listing_root(data: bytes) -> str | None:
    """The LISTINGS key of the root element of XML bytes, or None when they are not a feed or sitemap."""
    match = ROOT.match(data.removeprefix(b"\xef\xbb\xbf")[:SNIFF_BYTES])
    name = match and match.group(1).decode("ascii")
    return name if name in LISTINGS else None


def gunzip(location: str, data: bytes, max_bytes: int) -> bytes:
    """Decompressed gzip bytes; TooLarge (E004) past ``max_bytes``, ReadFailed (E006) when damaged."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as err:
        raise ReadFailed(location, f"damaged gzip data: {err}") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise TooLarge(location, f"more than the limit of {max_bytes:,} bytes once decompressed")
    if not inflater.eof:
        raise ReadFailed(location, "truncated gzip data")
    return out


def read_listing(location: str, data: bytes, read: dict[str, Any], max_bytes: int) -> Listing | None:
    """The Listing of raw input bytes if they are a feed or sitemap (gzipped or not), else None.

    ``read`` is the store's read information; its ``meta.url`` (the URL after
    redirects) is the base relative links are resolved against. Raises ReadFailed
    (E006) for a feed or sitemap that cannot be parsed at all.
    """
    if data.startswith(GZIP_MAGIC):
        inflated = gunzip(location, data, max_bytes)
        return read_listing(location, inflated, read, max_bytes) if listing_root(inflated) else None
    root = listing_root(data)
    if root is None:
        return None
    base = (read.get("meta") or {}).get("url") or location
    return parse_listing(location, data, base)


def _parser(recover: bool) -> etree.XMLParser:
    """A parser that never touches the network or the file system and expands no entity."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        recover=recover,
    )


def parse_listing(location: str, data: bytes, base: str) -> Listing:
    """The Listing of feed or sitemap XML; relative links resolve against ``base`` (and xml:base)."""
    try:
        return _listing(location, etree.fromstring(data, _parser(False), base_url=base), base)
    except etree.XMLSyntaxError as err:
        problem = f"{err.msg or err} (line {err.lineno})" if err.lineno else str(err.msg or err)
    try:
        tree = etree.fromstring(data, _parser(True), base_url=base)
    except etree.XMLSyntaxError:
        tree = None
    found = _listing(location, tree, base) if tree is not None and _local(tree) in LISTINGS else None
    if found is None or not found.urls:
        label = LISTINGS.get(listing_root(data) or "", ("feed or sitemap",))[0]
        raise ReadFailed(location, f"malformed {label}: {problem}")
    notes = (*found.notes, f"recovered from bad XML: {problem}")
    return Listing(found.location, found.root, found.urls, notes)


def _local(element: Any) -> str:
    """The local name of an element (no namespace)."""
    return etree.QName(element).localname


def _listing(location: str, root: Any, base: str) -> Listing:
    """The entry URLs under a parsed root, absolute, http(s) only, without fragments, each once."""
    kind = _local(root)
    if kind not in LISTINGS:
        raise ReadFailed(location, f"not a feed or sitemap: root element <{kind}>")
    _, entry_name, fields = LISTINGS[kind]
    urls: dict[str, None] = {}
    missing = foreign = 0
    for entry in root.iter(f"{{*}}{entry_name}"):
        link = next(_entry_links(entry, fields), None)
        if link is None:
            missing += 1
            continue
        url = urldefrag(urljoin(entry.base or base, link.strip())).url
        if urlsplit(url).scheme.lower() in SCHEMES and urlsplit(url).hostname:
            urls.setdefault(url, None)
        else:
            foreign += 1
    notes = []
    if missing:
        notes.append(f"{missing} entr{'y' if missing == 1 else 'ies'} without a link")
    if foreign:
        notes.append(f"{foreign} link(s) that are not absolute http(s) URLs left out")
    return Listing(location, kind, tuple(urls), tuple(notes))


def _entry_links(entry: Any, fields: tuple[str, ...]) -> Iterator[str]:
    """Candidate URLs of one entry, best first: page links, then ids and permalinks, then rdf:about."""
    for field in fields:
        for child in entry.iterchildren(f"{{*}}{field}"):
            if field == "link" and child.get("href") is not None:
                if (child.get("rel") or "").strip().lower() in PAGE_RELS:
                    yield child.get("href")
            elif field == "guid" and (child.get("isPermaLink") or "true").strip().lower() == "false":
                continue
            elif (child.text or "").strip():
                yield child.text
    if entry.get(RDF_ABOUT):
        yield entry.get(RDF_ABOUT)
