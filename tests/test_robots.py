"""robots.txt rules (RFC 9309), their fetching over real HTTP, and per-host rate limiting on a fake clock."""

from __future__ import annotations

import pytest

from pactwatch.errors import UnsafeURL
from pactwatch.ingest.ratelimit import RateLimiter, host_key
from pactwatch.ingest.robots import PoliteFetcher, RobotsCache, RobotsDenied, parse_robots, product_token
from pactwatch.settings import Settings, SettingsError, load_settings
from pactwatch.store import open_store
from pactwatch.store.ingest import ingest

from .local_site import local_site, rss, site_routes

ROBOTS = """# a site's rules
User-agent: *
Disallow: /news
Allow: /news/public
Disallow: /*.pdf$
Disallow: /search?*q=
Disallow: /caf%C3%A9
Crawl-delay: 2

User-agent: OtherBot
Disallow: /
"""


class FakeClock:
    """A clock that only moves when slept on; records each sleep."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/news/today", False),
        ("/news/public/today", True),  # the longer Allow wins over the shorter Disallow
        ("/News/today", True),  # paths are case-sensitive
        ("/report.pdf", False),
        ("/report.pdf?page=2", True),  # '$' anchors the end
        ("/search?lang=fr&q=visa", False),
        ("/search", True),
        ("/café/menu", False),  # percent-encoding normalised on both sides
        ("/caf%c3%a9/menu", False),
        ("/robots.txt", True),
        ("/", True),
    ],
)
def test_rules_longest_match_wildcards_and_encoding(path, allowed):
    assert parse_robots(ROBOTS, "pactwatch").allows("https://site.example" + path) is allowed


def test_group_choice_and_edge_cases():
    assert parse_robots(ROBOTS, "otherbot").allows("https://s.example/a") is False
    assert parse_robots(ROBOTS, "pactwatch").delay == 2.0
    own = "User-agent: PactWatch\nUser-agent: x\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n"
    robots = parse_robots(own, product_token("pactwatch/0.3"))
    assert robots.allows("https://s.example/a") and not robots.allows("https://s.example/private/b")
    tie = parse_robots("User-agent: *\nDisallow: /a\nAllow: /a\nCrawl-delay: soon\n", "pactwatch")
    assert tie.allows("https://s.example/a") and tie.delay is None
    loose = parse_robots(
        "Disallow: /\nUser-agent: *\nDisallow:\n", "pactwatch"
    )  # orphan rule, empty Disallow
    assert loose.allows("https://s.example/anything")


def test_rate_limiter_spaces_requests_per_host():
    clock = FakeClock()
    limiter = RateLimiter(1.0, clock=clock.time, sleep=clock.sleep, max_delay=30)
    waits = [limiter.wait("a"), limiter.wait("a"), limiter.wait("b"), limiter.wait("a")]
    assert waits == [0.0, 1.0, 0.0, 1.0] and clock.now == 2.0
    clock.now += 0.25  # time spent elsewhere counts
    assert limiter.wait("a") == 0.75
    assert limiter.wait("a", delay=5) == 5.0  # a larger Crawl-delay is honoured
    assert limiter.wait("a", delay=0.1) == 1.0  # a smaller one is not
    assert limiter.wait("a", delay=3600) == 30.0  # capped
    assert RateLimiter(0, clock=clock.time, sleep=clock.sleep).wait("a") == 0.0
    assert host_key("https://User@News.Example.org:8443/x") == "news.example.org"


def test_crawl_settings_from_environment_and_checked():
    env = {"PACTWATCH_OBEY_ROBOTS": "no", "PACTWATCH_HOST_INTERVAL": "2.5", "PACTWATCH_MAX_LISTED_URLS": "50"}
    settings = load_settings(environ=env, config=None, overrides={"max_listing_depth": 1})
    assert (settings.obey_robots, settings.host_interval, settings.max_listed_urls) == (False, 2.5, 50)
    assert settings.max_listing_depth == 1
    with pytest.raises(SettingsError, match="max_listing_depth"):
        Settings(max_listing_depth=-1)
    for bad in (-1, float("nan"), 1e9, "soon"):
        with pytest.raises(SettingsError, match="host_interval"):
            Settings(host_interval=bad)


def test_polite_fetcher_spaces_requests_and_honours_crawl_delay(tmp_path):
    clock = FakeClock()
    with local_site() as site:
        site.routes["/robots.txt"] = (
            200,
            "text/plain",
            b"User-agent: *\nCrawl-delay: 2.5\nDisallow: /private/\n",
        )
        site.routes["/feed.xml"] = (
            200,
            "application/rss+xml",
            rss(site.base, ["/news/fr", "/news/en", "/news/es"]),
        )
        settings = Settings(allow_private=True, host_interval=1.0)
        fetcher = PoliteFetcher(settings, RateLimiter(1.0, clock=clock.time, sleep=clock.sleep))
        with open_store(tmp_path / "s.db") as store:
            summary = ingest(store, [site.base + "/feed.xml"], settings, fetcher=fetcher)
        assert summary.counts["stored"] == 3
        # robots.txt, then the feed and three pages, each 2.5 s (the Crawl-delay) after the one before
        assert site.log == ["/robots.txt", "/feed.xml", "/news/fr", "/news/en", "/news/es"]
        assert clock.sleeps == [2.5, 2.5, 2.5, 2.5] and clock.now == 10.0


def test_redirect_hops_are_checked_against_robots():
    clock = FakeClock()
    with local_site() as site:
        settings = Settings(allow_private=True)
        fetcher = PoliteFetcher(settings, RateLimiter(1.0, clock=clock.time, sleep=clock.sleep))
        with pytest.raises(RobotsDenied, match="disallowed by"):
            fetcher.fetch(site.base + "/redirect-private")
        assert "/private/es" not in site.log and clock.sleeps == [1.0]


@pytest.mark.parametrize(
    ("status", "allowed", "reason"),
    [(404, True, None), (410, True, None), (401, False, "HTTP 401"), (403, False, "HTTP 403"),
     (429, False, "unavailable"), (503, False, "unavailable")],
)  # fmt: skip
def test_robots_status_codes(status, allowed, reason):
    routes = {**site_routes(""), "/robots.txt": (status, "text/plain", b"User-agent: *\nDisallow: /\n")}
    with local_site(routes) as site:
        cache = RobotsCache(Settings(allow_private=True), RateLimiter(0))
        page = site.base + "/news/en"
        if allowed:
            cache.check(page)
        else:
            with pytest.raises(RobotsDenied, match=reason):
                cache.check(page)
        cache.robots(site.base + "/news/fr")
        assert site.log.count("/robots.txt") == 1  # cached for the run


def test_robots_unreachable_and_private():
    with local_site() as site:
        port = int(site.base.rsplit(":", 1)[1])
    cache = RobotsCache(Settings(allow_private=True, timeout=2), RateLimiter(0))
    with pytest.raises(RobotsDenied, match="could not be read"):
        cache.check(f"http://127.0.0.1:{port}/page")  # the server is gone: connection refused
    with pytest.raises(UnsafeURL):
        RobotsCache(Settings(), RateLimiter(0)).check(f"http://127.0.0.1:{port}/page")


def test_ignore_robots_still_rate_limits():
    clock = FakeClock()
    with local_site() as site:
        settings = Settings(allow_private=True, obey_robots=False)
        fetcher = PoliteFetcher(settings, RateLimiter(1.0, clock=clock.time, sleep=clock.sleep))
        assert fetcher.fetch(site.base + "/private/es").data.startswith(b"<html>")
        fetcher.fetch(site.base + "/news/en")
        assert "/robots.txt" not in site.log and clock.sleeps == [1.0]
