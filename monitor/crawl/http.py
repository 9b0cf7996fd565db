"""Polite, bounded HTTP fetching: the only module that talks to the network.

Every request goes through :class:`Fetcher`, which enforces, per the settings:
an SSRF guard on every hop, robots.txt, a per-host delay, a total deadline,
a size cap counted after decompression, capped redirects and retries with
backoff for transient failures only.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpcore
import httpx

from monitor.settings import Settings
from monitor.urls import resolve

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A request that produced no usable response; ``kind`` says why."""

    def __init__(self, kind: str, message: str, url: str, status: int | None = None):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
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
        """Why ``address`` (resolved from ``host``) may not be contacted, or None."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if host.lower() in self.allowed_hosts or self._allowed(address):
            return None
        if not address.is_global or address.is_multicast:
            return f"{host} resolves to non-public address {address}"
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
    still verifies the certificate against the original host name.
    """

    def __init__(self, guard: AddressGuard):
        super().__init__()
        self.guard = guard

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
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
            return super().connect_tcp(str(address), port, timeout, local_address, socket_options)
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
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, settings.max_concurrency))
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
    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin in self._robots:
                return self._robots[origin]
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
        try:
            result = self._request(f"{origin}/robots.txt", self.settings.max_page_bytes, {})
            if result.status >= 500:
                parser = None  # decided by robots_on_error
            elif result.status >= 400:
                parser.parse([])  # no robots.txt: everything allowed
            else:
                parser.parse(result.content.decode("utf-8", "replace").splitlines())
        except FetchError:
            parser = None
        if parser is not None:
            delay = parser.crawl_delay(self.settings.user_agent)
            if delay:
                self.pacer.set_delay(parts.hostname or "", float(delay))
        with self._robots_lock:
            self._robots[origin] = parser
        return parser

    def allowed_by_robots(self, url: str) -> bool:
        if not self.settings.respect_robots:
            return True
        parser = self._robots_for(url)
        if parser is None:
            return self.settings.robots_on_error == "allow"
        return parser.can_fetch(self.settings.user_agent, url)

    # -- requests -----------------------------------------------------------
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
        max_bytes = max_bytes or self.settings.max_page_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.guard.check(url)  # before robots.txt, so a blocked host is never contacted
        if not self.allowed_by_robots(url):
            raise FetchError("robots", "disallowed by robots.txt", url)
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
            self.pacer.wait(urlsplit(current).hostname or "")
            with self._slots:
                status, response_headers, body = self._stream(current, max_bytes, headers, deadline)
            if status in REDIRECT_STATUSES and "location" in response_headers:
                current = resolve(current, response_headers["location"])
                continue
            return FetchResult(url, current, status, response_headers, body)
        raise FetchError("redirects", f"more than {self.settings.max_redirects} redirects", url)

    def _stream(
        self, url: str, max_bytes: int, headers: dict[str, str], deadline: float
    ) -> tuple[int, dict[str, str], bytes]:
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
                chunks: list[bytes] = []
                received = 0
                # iter_bytes yields decompressed data as it arrives (no chunk size, so
                # nothing is buffered): a gzip bomb stops at the cap and a dripping
                # server meets the deadline check after every read.
                for chunk in response.iter_bytes():
                    received += len(chunk)
                    if received > max_bytes:
                        raise FetchError(
                            "too_large",
                            f"body exceeds {max_bytes} bytes",
                            url,
                            response.status_code,
                        )
                    if time.monotonic() > deadline:
                        raise FetchError(
                            "timeout",
                            f"exceeded the {self.settings.request_deadline:g} s deadline",
                            url,
                        )
                    chunks.append(chunk)
                return response.status_code, response_headers, b"".join(chunks)
        except httpx.TimeoutException as error:
            raise FetchError("timeout", str(error) or type(error).__name__, url) from error
        except httpx.DecodingError as error:
            raise FetchError("decoding", str(error), url) from error
        except httpx.HTTPError as error:
            message = str(error) or type(error).__name__
            kind = "blocked" if "non-public address" in message else "network"
            raise FetchError(kind, message, url) from error
