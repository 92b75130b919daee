"""Space the requests made to one host: a minimum interval between their starts.

Why: a feed or a sitemap turns one input into hundreds of requests to the same
server; fetching them back to back is what a polite crawler must not do. Each
host gets its own clock: requests to other hosts are not held up. A site's
robots.txt ``Crawl-delay`` is honoured when it asks for more than the configured
interval, up to ``MAX_DELAY`` (a larger value would stall a run for hours; the
cap is stated in the README). The clock and the sleep function are injected, so
tests measure the spacing without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

# The longest wait a robots.txt Crawl-delay can impose between two requests, in seconds.
MAX_DELAY = 60.0


def host_key(url: str) -> str:
    """The host a URL's requests are counted against (lower case, without port or user info)."""
    return (urlsplit(url).hostname or "").lower()


class RateLimiter:
    """Per-host minimum interval between request starts; one instance per run (not thread-safe)."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        max_delay: float = MAX_DELAY,
    ):
        self.interval = max(0.0, interval)
        self.max_delay = max_delay
        self.clock = clock
        self.sleep = sleep
        self._last: dict[str, float] = {}

    def gap(self, delay: float | None = None) -> float:
        """The interval to keep: the configured one, or a larger (capped) Crawl-delay."""
        return max(self.interval, min(delay or 0.0, self.max_delay))

    def wait(self, host: str, delay: float | None = None) -> float:
        """Block until ``host`` may be asked again, then count a request to it; the seconds waited.

        ``delay`` is the host's Crawl-delay, if its robots.txt names one.
        """
        now = self.clock()
        last = self._last.get(host)
        turn = now if last is None else max(now, last + self.gap(delay))
        if turn > now:
            self.sleep(turn - now)
        self._last[host] = max(turn, self.clock())
        return turn - now
