"""robots.txt (RFC 9309), read once per site and run, and polite fetching built on it.

Why not ``urllib.robotparser``: it knows neither the ``*`` and ``$`` wildcards nor the
longest-match precedence RFC 9309 requires (``Allow: /news/public`` under
``Disallow: /news`` is allowed there, refused by robotparser), and it matches user
agents by substring. Here: the group whose user-agent line equals our product token
(``pactwatch``, case-insensitive) applies, else the ``*`` group; the matching rule
with the longest path wins, ``Allow`` on a tie; ``/robots.txt`` itself is always
allowed. A robots.txt that answers 404 (any 4xx but 401, 403 and 429) allows
everything; 401 and 403 refuse the whole site (the convention urllib.robotparser
and most crawlers follow); 429, 5xx and a network failure make the site
unreachable, so nothing is fetched from it in this run (RFC 9309, 2.3.1.4).
Every request, robots.txt included, goes through ``fetch_url`` (SSRF guard, size
cap, time limit) and the per-host rate limiter.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..errors import PactwatchError, ReadFailed, UnsafeURL
from ..settings import Settings
from .ratelimit import RateLimiter, host_key
from .urls import Fetched, HTTPStatusError, fetch_url

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB
# Field names as written in the wild (lower case, spaces kept) and what each one means.
FIELDS = {
    "user-agent": "agent", "useragent": "agent", "user agent": "agent",
    "allow": "allow", "disallow": "disallow", "dissallow": "disallow", "disalow": "disallow",
    "crawl-delay": "delay", "crawldelay": "delay", "crawl delay": "delay",
}  # fmt: skip
REFUSING_STATUSES = frozenset({401, 403})  # the site says: no access (urllib.robotparser's convention)
UNREACHABLE_STATUSES = frozenset({429})  # 4xx that mean "try later": treated like 5xx
UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
KEPT = "%:/?#[]@!$&'()*+,;="  # reserved characters and '%' stay as written (RFC 3986)
PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")


class RobotsDenied(ReadFailed):
    """A URL the site's robots.txt does not let pactwatch fetch (reported as a failed input)."""


@dataclass(frozen=True)
class Rule:
    """One Allow or Disallow line: its path split on ``*``, whether ``$`` anchors it, its length."""

    allow: bool
    pieces: tuple[str, ...]
    anchored: bool
    length: int

    def matches(self, path: str) -> bool:
        """True when the (normalised) path and query ``path`` matches this rule."""
        first, *middle = self.pieces
        if not path.startswith(first):
            return False
        if not middle:
            return not self.anchored or path == first
        pos = len(first)
        *middle, last = middle
        for piece in middle:  # leftmost match of each piece is optimal for '*'-only patterns
            found = path.find(piece, pos)
            if found < 0:
                return False
            pos = found + len(piece)
        if self.anchored:
            return len(path) - len(last) >= pos and path.endswith(last)
        return path.find(last, pos) >= 0


@dataclass(frozen=True)
class Robots:
    """The rules of one site for our user agent; ``refusal`` set means nothing may be fetched."""

    rules: tuple[Rule, ...] = ()
    delay: float | None = None
    refusal: str | None = None

    def allows(self, url: str) -> bool:
        """Whether ``url`` may be fetched under these rules."""
        if self.refusal:
            return False
        path = url_path(url)
        if path == "/robots.txt":
            return True
        matching = (r for r in self.rules if r.matches(path))
        best = max(matching, key=lambda r: (r.length, r.allow), default=None)
        return best is None or best.allow


def normalise_path(path: str) -> str:
    """A path in the form rules are compared in: unreserved escapes decoded, non-ASCII escaped."""

    def unescape(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in UNRESERVED else "%" + match.group(1).upper()

    return quote(PERCENT.sub(unescape, path), safe=KEPT)


def url_path(url: str) -> str:
    """The normalised path and query of ``url``, the part robots.txt rules are matched against."""
    parts = urlsplit(url)
    return normalise_path((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))


def site_of(url: str) -> str:
    """The origin a robots.txt governs: scheme, host and port, as ``http://host:port``."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2].lower()}"


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: ``pactwatch`` for ``pactwatch/1.2``."""
    return user_agent.split("/")[0].strip().lower()


def make_rule(allow: bool, value: str) -> Rule:
    """The Rule of an Allow/Disallow value (``/path``, ``/*.pdf$``...)."""
    anchored = value.endswith("$")
    body = value[:-1] if anchored else value
    body = body if body.startswith(("/", "*")) else "/" + body
    pieces = tuple(normalise_path(p) for p in re.sub(r"\*+", "*", body).split("*"))
    return Rule(allow, pieces, anchored, len(value))


def parse_robots(text: str, token: str) -> Robots:
    """The rules and Crawl-delay that apply to ``token`` in a robots.txt text.

    Groups naming the token are merged; without one, the ``*`` groups apply.
    """
    groups: list[tuple[set[str], list[Rule], list[float]]] = []
    taking_agents = False
    for raw in text.lstrip("\ufeff").splitlines():
        name, sep, value = raw.split("#", 1)[0].partition(":")
        field, value = FIELDS.get(name.strip().lower()), value.strip()
        if not sep or field is None:
            continue
        if field == "agent":
            if not taking_agents:
                groups.append((set(), [], []))
            groups[-1][0].add(value.lower())
            taking_agents = True
            continue
        taking_agents = False
        if not groups:
            continue  # rules before any user-agent line belong to no group
        if field == "delay":
            groups[-1][2].extend(_seconds(value))
        elif value:  # an empty Disallow allows everything: no rule
            groups[-1][1].append(make_rule(field == "allow", value))
    chosen = [g for g in groups if token in g[0]] or [g for g in groups if "*" in g[0]]
    delays = [d for g in chosen for d in g[2]]
    return Robots(tuple(r for g in chosen for r in g[1]), max(delays) if delays else None)


def _seconds(value: str) -> list[float]:
    """A Crawl-delay value as seconds ([] when it is not a finite, non-negative number)."""
    try:
        seconds = float(value)
    except ValueError:
        return []
    return [seconds] if math.isfinite(seconds) and seconds >= 0 else []


class RobotsCache:
    """robots.txt of each site (scheme, host, port), fetched once per run through ``fetch_url``."""

    def __init__(self, settings: Settings, limiter: RateLimiter):
        self.settings = dataclasses.replace(settings, max_bytes=min(settings.max_bytes, ROBOTS_MAX_BYTES))
        self.limiter = limiter
        self.token = product_token(settings.user_agent)
        self._sites: dict[str, Robots] = {}

    def robots(self, url: str) -> Robots:
        """The rules of the site ``url`` belongs to (fetched on first use)."""
        site = site_of(url)
        if site not in self._sites:
            self._sites[site] = self._load(site + "/robots.txt")
        return self._sites[site]

    def check(self, url: str) -> None:
        """Raise RobotsDenied (E006) when robots.txt forbids ``url``."""
        robots = self.robots(url)
        if robots.refusal:
            raise RobotsDenied(url, robots.refusal)
        if not robots.allows(url):
            robots_url = site_of(url) + "/robots.txt"
            raise RobotsDenied(url, f"disallowed by {robots_url} for {self.token} (see --ignore-robots)")

    def _load(self, robots_url: str) -> Robots:
        """Fetch and parse one robots.txt; its status decides when there is no text to read."""
        try:
            fetched = fetch_url(robots_url, self.settings, before=lambda u: self.limiter.wait(host_key(u)))
        except HTTPStatusError as err:
            if err.status in REFUSING_STATUSES:
                return Robots(refusal=f"{robots_url} answers HTTP {err.status}: the site refuses robots")
            if 400 <= err.status < 500 and err.status not in UNREACHABLE_STATUSES:
                return Robots()  # no robots.txt: everything is allowed
            return Robots(refusal=f"{robots_url} is unavailable (HTTP {err.status}): site not crawled")
        except UnsafeURL:
            raise
        except PactwatchError as err:
            return Robots(refusal=f"{robots_url} could not be read ({err.detail}): site not crawled")
        return parse_robots(fetched.data.decode("utf-8", "replace"), self.token)


class PoliteFetcher:
    """``fetch_url`` with robots.txt obeyed (unless ``obey_robots`` is off) and requests spaced per host.

    One per run: it holds the robots.txt cache and the rate limiter's per-host clocks.
    """

    def __init__(self, settings: Settings, limiter: RateLimiter | None = None):
        self.settings = settings
        self.limiter = limiter or RateLimiter(settings.host_interval)
        self.robots = RobotsCache(settings, self.limiter) if settings.obey_robots else None
        self._ready: str | None = None

    def prepare(self, url: str) -> None:
        """Check robots.txt and wait for the host's turn now, before a document's time limit starts.

        The next ``fetch`` of the same URL then goes straight to the request.
        """
        self._before(url)
        self._ready = url

    def fetch(self, url: str) -> Fetched:
        """GET ``url``: robots.txt and the rate limit apply to every hop, redirects included."""
        return fetch_url(url, self.settings, before=self._hop)

    def _hop(self, url: str) -> None:
        """The check before one request, unless ``prepare`` has just done it for this URL."""
        ready, self._ready = self._ready, None
        if url != ready:
            self._before(url)

    def _before(self, url: str) -> None:
        """Refuse a disallowed URL; otherwise wait for its host's turn."""
        delay = None
        if self.robots is not None:
            self.robots.check(url)
            delay = self.robots.robots(url).delay
        self.limiter.wait(host_key(url), delay)
