"""Polite, bounded HTTP fetching: the only module that talks to the network.

Every request goes through :class:`Fetcher`, which enforces, per the settings:
an SSRF guard on every hop, robots.txt, a per-host delay, a total deadline on
the whole exchange (``monitor.crawl.deadline``), a size cap counted after
decompression (``monitor.crawl.decoding``), capped redirects and retries with
backoff for transient failures only.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpcore
import httpx

from monitor.crawl.deadline import Exchange, WatchedStream, connect_timeout, watched
from monitor.crawl.decoding import BoundedDecoder, DecodingError
from monitor.settings import Settings
from monitor.urls import resolve

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# IPv6 ranges that carry an IPv4 address a packet to them may end up at.
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: IPv4 in the last 32 bits
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated RFC 4291 form, same place
# RFC 8215's local-use NAT64 prefix is not globally reachable, and the operator
# picks the prefix length that decides where the IPv4 sits: refused outright.
NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")


class FetchError(Exception):
    """A request that produced no usable response; ``kind`` says why."""

    def __init__(self, kind: str, message: str, url: str, status: int | None = None):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.url = url
        self.status = status


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes = b""
    fetched_at: float = field(default_factory=time.time)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _parse_networks(entries: tuple[str, ...]) -> tuple[set[str], list[ipaddress._BaseNetwork]]:
    hosts: set[str] = set()
    networks: list[ipaddress._BaseNetwork] = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            hosts.add(entry.lower())
    return hosts, networks


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address wraps: NAT64, 6to4, Teredo, IPv4-compatible."""
    found: list[ipaddress.IPv4Address] = []
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)  # the Teredo server and the client behind it
    if address in NAT64_WELL_KNOWN or address in IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def _non_public(address: ipaddress._BaseAddress) -> bool:
    return not address.is_global or address.is_multicast or address in NAT64_LOCAL_USE


class AddressGuard:
    """Refuses URLs whose host resolves to loopback, private, link-local or
    otherwise non-public addresses, unless the host or network is explicitly
    allowed. Resolution goes through the system resolver, so numeric tricks
    such as ``2130706433`` or ``0x7f.1`` resolve to 127.0.0.1 and are caught.
    """

    def __init__(self, allow: tuple[str, ...]):
        self.allowed_hosts, self.allowed_networks = _parse_networks(allow)

    def _allowed(self, address: ipaddress._BaseAddress) -> bool:
        return any(address in network for network in self.allowed_networks) or (
            str(address) in self.allowed_hosts
        )

    def refusal(self, host: str, address: ipaddress._BaseAddress) -> str | None:
        """Why ``address`` (resolved from ``host``) may not be contacted, or None.

        An IPv6 address that wraps an IPv4 one (NAT64, 6to4, Teredo, the
        IPv4-compatible form) is judged by what it wraps as well: a translator
        or relay would carry the request on to that IPv4 address. The allow
        list matches the address as resolved, never what it wraps, so allowing
        127.0.0.1 for the demo does not open 64:ff9b::7f00:1.
        """
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped  # the same socket destination, not a relay
        if host.lower() in self.allowed_hosts or self._allowed(address):
            return None
        if _non_public(address):
            return f"{host} resolves to non-public address {address}"
        if isinstance(address, ipaddress.IPv6Address):
            for inner in embedded_ipv4(address):
                if _non_public(inner):
                    return f"{host} resolves to {address}, which wraps non-public address {inner}"
        return None

    def check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError("blocked", f"scheme {parts.scheme!r} is not http or https", url)
        host = (parts.hostname or "").lower()
        if not host:
            raise FetchError("blocked", "URL has no host", url)
        if host in self.allowed_hosts:
            return
        try:
            infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError("dns", f"cannot resolve {host}: {error}", url) from error
        for info in infos:
            reason = self.refusal(host, ipaddress.ip_address(info[4][0]))
            if reason:
                raise FetchError("blocked", reason, url)


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses the guard accepts, checked at connect time.

    The URL check above resolves the name once; a hostile DNS server could
    answer differently a moment later (DNS rebinding). Here the name is
    resolved again, every address is checked, and the socket is opened to the
    checked address itself, so what was checked is what is contacted. TLS
    still verifies the certificate against the original host name. Every
    connection is wrapped in a WatchedStream, so the request deadline's
    watchdog can cut it (``monitor.crawl.deadline``).
    """

    def __init__(self, guard: AddressGuard):
        super().__init__()
        self.guard = guard

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        timeout = connect_timeout(timeout)  # no later than the request's deadline
        if timeout is not None and timeout <= 0:
            raise httpcore.ConnectTimeout("the request deadline passed before connecting")
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
        refusals = []
        for info in infos:
            address = ipaddress.ip_address(info[4][0])
            reason = self.guard.refusal(host, address)
            if reason:
                refusals.append(reason)
                continue
            stream = super().connect_tcp(str(address), port, timeout, local_address, socket_options)
            return WatchedStream(stream)
        raise httpcore.ConnectError(refusals[0] if refusals else f"no address for {host}")


def guarded_transport(guard: AddressGuard) -> httpx.HTTPTransport:
    """An httpx transport whose connections pass through GuardedBackend."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx 0.28 exposes no network-backend option; the pool it builds is
    # replaced by one with the same defaults and the guarded backend.
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=GuardedBackend(guard),
    )
    return transport


class HostPacer:
    """Keeps at least ``delay`` seconds between requests to the same host,
    across threads; a host that answers 429/503 can be slowed further."""

    def __init__(self, default_delay: float):
        self.default_delay = default_delay
        self._delays: dict[str, float] = {}
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, delay: float) -> None:
        with self._lock:
            self._delays[host] = max(delay, self._delays.get(host, self.default_delay))

    def push_back(self, host: str, seconds: float) -> None:
        with self._lock:
            self._next_slot[host] = max(self._next_slot.get(host, 0.0), time.monotonic() + seconds)

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + self._delays.get(host, self.default_delay)
        if slot > now:
            time.sleep(slot - now)


def _retry_after_seconds(value: str | None, fallback: float) -> float:
    if not value:
        return fallback
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return fallback


class Fetcher:
    """A reusable, thread-safe fetcher bound to one Settings object."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.guard = AddressGuard(settings.allow_hosts)
        self.pacer = HostPacer(settings.host_delay)
        self._robots: dict[str, urllib.robotparser.RobotFileParser | FetchError] = {}
        self._robots_lock = threading.Lock()
        # Requests in flight are bounded per host, not over all hosts: a host that
        # hangs then holds only its own slots, never those of the hosts beside it.
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._host_slots_lock = threading.Lock()
        self.client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(
                settings.read_timeout, connect=settings.connect_timeout, pool=settings.read_timeout
            ),
            follow_redirects=False,
            transport=transport or guarded_transport(self.guard),
            trust_env=False,  # an environment proxy would bypass the address guard
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- robots.txt ---------------------------------------------------------
    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | FetchError:
        """The origin's robots.txt rules, or why they could not be read; cached per origin."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin in self._robots:
                return self._robots[origin]
        rules = self._read_robots(f"{origin}/robots.txt")
        if isinstance(rules, urllib.robotparser.RobotFileParser):
            delay = rules.crawl_delay(self.settings.user_agent)
            if delay:
                self.pacer.set_delay(parts.hostname or "", float(delay))
        with self._robots_lock:
            self._robots[origin] = rules
        return rules

    def _read_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser | FetchError:
        parser = urllib.robotparser.RobotFileParser()
        try:
            result = self._request(robots_url, self.settings.max_page_bytes, {})
        except FetchError as error:
            # Kept with its real cause: a host that is down is not a host that says no.
            return FetchError(
                "robots_unavailable", f"robots.txt unreachable: {error}", robots_url, error.status
            )
        if result.status >= 500:
            return FetchError(
                "robots_unavailable",
                f"robots.txt answered HTTP {result.status}",
                robots_url,
                result.status,
            )
        if result.status >= 400:
            parser.parse([])  # no robots.txt: everything allowed
        else:
            parser.parse(result.content.decode("utf-8", "replace").splitlines())
        return parser

    def robots_refusal(self, url: str) -> FetchError | None:
        """Why robots.txt keeps ``url`` from being fetched, or None when it may be.

        A robots.txt that could not be read refuses only when ``robots_on_error``
        says so, and the error names what went wrong with it.
        """
        if not self.settings.respect_robots:
            return None
        rules = self._robots_for(url)
        if isinstance(rules, FetchError):
            if self.settings.robots_on_error == "allow":
                return None
            message = f"{rules.message} (robots_on_error=disallow)"
            return FetchError(rules.kind, message, url, rules.status)
        if not rules.can_fetch(self.settings.user_agent, url):
            return FetchError("robots", "disallowed by robots.txt", url)
        return None

    def allowed_by_robots(self, url: str) -> bool:
        return self.robots_refusal(url) is None

    # -- requests -----------------------------------------------------------
    def _slots(self, host: str) -> threading.BoundedSemaphore:
        with self._host_slots_lock:
            if host not in self._host_slots:
                size = max(1, self.settings.max_concurrency)
                self._host_slots[host] = threading.BoundedSemaphore(size)
            return self._host_slots[host]

    def fetch(
        self,
        url: str,
        max_bytes: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url`` within every limit; raise FetchError when no usable response came.

        A 4xx is returned as a result (the caller records it), never retried;
        5xx, 429 and timeouts are retried with backoff up to ``max_retries``.
        """
        # `is None`, not `or`: a cap of 0 used to become max_page_bytes silently.
        max_bytes = self.settings.max_page_bytes if max_bytes is None else max_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.guard.check(url)  # before robots.txt, so a blocked host is never contacted
        refusal = self.robots_refusal(url)
        if refusal is not None:
            raise refusal
        backoff = self.settings.retry_backoff
        for attempt in range(self.settings.max_retries + 1):
            last_attempt = attempt == self.settings.max_retries
            try:
                result = self._request(url, max_bytes, headers)
            except FetchError as error:
                if error.kind != "timeout" or last_attempt:
                    raise
                time.sleep(backoff)
                backoff *= 2
                continue
            if result.status in RETRYABLE_STATUSES:
                wait = _retry_after_seconds(result.headers.get("retry-after"), backoff)
                self.pacer.push_back(urlsplit(url).hostname or "", wait)
                if last_attempt:
                    return result
                time.sleep(min(wait, self.settings.request_deadline))
                backoff *= 2
                continue
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, url: str, max_bytes: int, headers: dict[str, str]) -> FetchResult:
        """One GET with redirects followed by hand, so that every hop is guarded."""
        started = time.monotonic()
        deadline = started + self.settings.request_deadline
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self.guard.check(current)
            host = urlsplit(current).hostname or ""
            self.pacer.wait(host)
            with self._slots(host):
                status, response_headers, body = self._stream(current, max_bytes, headers, deadline)
            if status in REDIRECT_STATUSES and "location" in response_headers:
                current = resolve(current, response_headers["location"])
                continue
            return FetchResult(url, current, status, response_headers, body)
        raise FetchError("redirects", f"more than {self.settings.max_redirects} redirects", url)

    def _stream(
        self, url: str, max_bytes: int, headers: dict[str, str], deadline: float
    ) -> tuple[int, dict[str, str], bytes]:
        """One exchange, cut off by a watchdog when ``deadline`` passes, whatever stage it is in."""
        with watched(deadline) as exchange:
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    response_headers = {k.lower(): v for k, v in response.headers.items()}
                    declared = response_headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(
                            "too_large",
                            f"declares {declared} bytes, cap is {max_bytes}",
                            url,
                            response.status_code,
                        )
                    body = self._read_body(response, url, max_bytes, exchange)
                    exchange.finish()  # before the connection goes back to the pool
                    return response.status_code, response_headers, body
            except httpx.HTTPError as error:
                raise self._network_error(error, url, exchange) from error

    def _read_body(
        self, response: httpx.Response, url: str, max_bytes: int, exchange: Exchange
    ) -> bytes:
        """The decoded body, refused as soon as the raw or the decoded size passes the cap.

        The raw bytes are decoded here, piece by piece, not by httpx: httpx
        decodes a chained encoding one whole layer at a time, so a small
        ``gzip, gzip`` bomb would fill memory before the cap is checked.
        """
        try:
            return self._decoded_body(response, url, max_bytes, exchange)
        except DecodingError as error:
            raise FetchError(error.kind, str(error), url, response.status_code) from error

    def _decoded_body(
        self, response: httpx.Response, url: str, max_bytes: int, exchange: Exchange
    ) -> bytes:
        decoder = BoundedDecoder(
            response.headers.get("content-encoding", ""), self.settings.max_content_encodings
        )
        body = bytearray()
        received = 0

        def take(pieces: Iterator[bytes]) -> None:
            for piece in pieces:
                body.extend(piece)
                if len(body) > max_bytes:
                    raise FetchError(
                        "too_large",
                        f"decoded body exceeds {max_bytes} bytes",
                        url,
                        response.status_code,
                    )

        for raw in response.iter_raw():
            received += len(raw)
            if received > max_bytes:
                message = f"body exceeds {max_bytes} bytes"
                raise FetchError("too_large", message, url, response.status_code)
            take(decoder.decode(raw))
            if exchange.remaining() < 0:
                raise self._deadline_error(url)
        if exchange.expired:
            # The watchdog's shutdown reads as end-of-body to a response without a
            # length: what arrived is a truncated body, not a complete one.
            raise self._deadline_error(url)
        take(decoder.finish())
        return bytes(body)

    def _deadline_error(self, url: str) -> FetchError:
        return FetchError(
            "timeout", f"exceeded the {self.settings.request_deadline:g} s deadline", url
        )

    def _network_error(self, error: httpx.HTTPError, url: str, exchange: Exchange) -> FetchError:
        """What a failed exchange is recorded as; one the watchdog cut is a timeout."""
        if exchange.expired or exchange.remaining() <= 0:
            return self._deadline_error(url)
        message = str(error) or type(error).__name__
        if isinstance(error, httpx.TimeoutException):
            return FetchError("timeout", message, url)
        kind = "blocked" if "non-public address" in message else "network"
        return FetchError(kind, message, url)
