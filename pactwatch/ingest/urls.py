"""Fetch an http(s) URL safely: SSRF guard, size cap, time limit, content-type sniffing.

The host is resolved first, and every address it resolves to must be public (not
private, loopback, link-local, multicast, reserved or otherwise non-global, in IPv4,
IPv6 or an IPv6 form that embeds an IPv4 address) unless ``allow_private`` is set.
The connection then goes to the vetted address itself, so a second DNS answer cannot
swap in another one (DNS rebinding); TLS still checks the certificate against the
host name. Redirects are followed by hand, each hop vetted the same way.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from ..errors import ReadFailed, TimedOut, TooLarge, UnsafeURL
from ..settings import Settings

CHUNK = 64 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"
# Content types and the reader each one goes to (anything else is sniffed from the bytes).
CONTENT_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
# Ranges that ``ipaddress`` (Python 3.11) reports as global but no fetch should reach.
# Source: IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890 and updates).
EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "2001:db8::/32", "fec0::/10",
    )
)  # fmt: skip
IPV4_COMPAT = ipaddress.ip_network("::/96")
IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
ADDRESS_FLAGS = ("loopback", "private", "link_local", "multicast", "reserved", "unspecified")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    """What a URL gave: the final URL after redirects, the bytes, the content type and charset."""

    url: str
    data: bytes
    content_type: str
    charset: str | None

    @property
    def kind(self) -> str | None:
        """The reader the content type names, or None (then the bytes are sniffed)."""
        return CONTENT_KINDS.get(self.content_type)


class HTTPStatusError(ReadFailed):
    """An HTTP error status (4xx, 5xx); ``status`` lets callers tell 404 from 403 (robots.txt rules)."""

    def __init__(self, source: str, status: int, reason: str):
        self.status = status
        super().__init__(source, f"HTTP {status} {reason}".strip())


def embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address | None, bool]:
    """The IPv4 address an IPv6 address carries, and whether the IPv6 form is only a notation for it.

    Mapped (::ffff:a.b.c.d), translated and compatible forms are notations: the IPv4
    address is what is reached. NAT64, 6to4 and Teredo addresses route to it through a
    gateway: both the IPv4 and the IPv6 address must then pass.
    """
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.ipv4_mapped:
        return ip.ipv4_mapped, True
    if ip in IPV4_TRANSLATED or (ip in IPV4_COMPAT and int(ip) > 1):  # '::' and '::1' are IPv6 proper
        return low32, True
    if ip.sixtofour:
        return ip.sixtofour, False
    if ip.teredo:
        return ip.teredo[1], False
    if any(ip in net for net in NAT64):
        return low32, False
    return None, False


def address_problem(ip: Address) -> str | None:
    """Why a fetch may not connect to ``ip`` ('loopback', 'private'...), or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner, notation = embedded_ipv4(ip)
        if inner is not None:
            problem = address_problem(inner)
            if problem or notation:
                return problem and f"{problem} (as {ip})"
    for flag in ADDRESS_FLAGS:
        if getattr(ip, f"is_{flag}"):
            return flag.replace("_", "-")
    if any(ip.version == net.version and ip in net for net in EXTRA_BLOCKED) or not ip.is_global:
        return "not globally routable"
    return None


def resolve_public(host: str, port: int, allow_private: bool) -> str:
    """An address to connect to for ``host``; UnsafeURL (E007) if any address it resolves to is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise ReadFailed(host, f"cannot resolve host: {err}") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise ReadFailed(host, "host resolves to no address")
    if not allow_private:
        for address in addresses:
            problem = address_problem(ipaddress.ip_address(address.split("%")[0]))
            if problem:
                raise UnsafeURL(host, f"resolves to {address}, a {problem} address (see --allow-private)")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a vetted address, whatever the host name resolves to later."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        """Open the socket to the vetted address."""
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(_PinnedHTTP):
    """The HTTPS form: TLS over the vetted address, certificate checked against the host name."""

    default_port = http.client.HTTPS_PORT
    tls = ssl.create_default_context()

    def connect(self) -> None:
        """Open the socket, then wrap it in TLS with the host name for SNI and verification."""
        super().connect()
        self.sock = self.tls.wrap_socket(self.sock, server_hostname=self.host)


def fetch_url(url: str, settings: Settings, before: Callable[[str], None] | None = None) -> Fetched:
    """GET ``url`` with the SSRF guard, size cap and time limit of ``settings``; redirects are vetted too.

    ``before(url)`` is called ahead of every request, redirect hops included: the place
    for robots.txt checks and per-host rate limiting (it may wait, or raise to refuse).
    The time limit starts after the first call. Raises UnsafeURL (E007), TooLarge (E004),
    TimedOut (E008) or ReadFailed (E006; HTTPStatusError for an HTTP error status).
    """
    deadline = None
    current = url
    for _ in range(settings.max_redirects + 1):
        if before is not None:
            before(current)
        deadline = deadline or time.monotonic() + settings.timeout
        conn, response = _open(current, settings, deadline)
        location = response.getheader("Location")
        if response.status in REDIRECTS and location:
            conn.close()
            current = urljoin(current, location)
            continue
        if response.status >= 400:
            conn.close()
            raise HTTPStatusError(url, response.status, response.reason)
        data = _read_body(url, conn, response, settings.max_bytes, deadline)
        return Fetched(current, data, *_content_type(response.getheader("Content-Type", "")))
    raise ReadFailed(url, f"more than {settings.max_redirects} redirects")


def _open(url: str, settings: Settings, deadline: float):
    """Send the request for one hop to a vetted address; the connection and its response."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ReadFailed(url, "not an http(s) URL")
    https = parts.scheme.lower() == "https"
    try:
        port = parts.port or (443 if https else 80)
    except ValueError:
        raise ReadFailed(url, "bad port in URL") from None
    address = resolve_public(parts.hostname, port, settings.allow_private)
    conn = (_PinnedHTTPS if https else _PinnedHTTP)(parts.hostname, port, address, _remaining(url, deadline))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Encoding": "identity"}
    try:
        conn.request("GET", path, headers=headers)
        return conn, conn.getresponse()
    except TimeoutError:
        conn.close()
        raise TimedOut(url, "no answer from the server in time") from None
    except (OSError, http.client.HTTPException) as err:
        conn.close()
        raise ReadFailed(url, f"cannot fetch: {err}") from None


def _remaining(url: str, deadline: float) -> float:
    """Seconds left before the deadline; TimedOut when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimedOut(url, "fetching took longer than the time limit")
    return left


def _read_body(url: str, conn, response, max_bytes: int, deadline: float) -> bytes:
    """The response body, refused as soon as it is known to exceed ``max_bytes``."""
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(url, f"{int(declared):,} bytes announced, more than the limit of {max_bytes:,}")
    chunks, size = [], 0
    try:
        while chunk := response.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise TooLarge(url, f"more than the limit of {max_bytes:,} bytes")
            chunks.append(chunk)
            if conn.sock:
                conn.sock.settimeout(_remaining(url, deadline))
    except TimeoutError:
        raise TimedOut(url, "the server stopped sending") from None
    except (OSError, http.client.HTTPException) as err:
        raise ReadFailed(url, f"connection broken: {err}") from None
    finally:
        conn.close()
    return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case, no parameters) and the charset parameter of a Content-Type header."""
    message = Message()
    message["Content-Type"] = header or "application/octet-stream"
    return message.get_content_type(), message.get_param("charset")
