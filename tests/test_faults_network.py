"""Network faults found by the fault probe (issue #18, items 1, 2, 7, 8), each
reproduced against a real server on a loopback address, each shown to stay
bounded, to be recorded with its real cause, and to leave the rest of the
crawl going: a healthy feed beside the faulty one still gets its article stored.
"""

from __future__ import annotations

import gzip
import ipaddress
import threading
import time
import tracemalloc

import httpcore
import pytest

from monitor.crawl.crawler import crawl
from monitor.crawl.http import AddressGuard, Fetcher, FetchError, embedded_ipv4
from monitor.crawl.sources import Source
from tests.loopback import (
    LocalServer,
    article_html,
    closed_port,
    hang_route,
    header_drip_route,
    nested_gzip_bomb,
    rss,
)

CAP = 1_000_000
BOMB_DECODES_TO = 64 * CAP


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return nested_gzip_bomb(BOMB_DECODES_TO, layers=2)


@pytest.fixture
def second_host():
    """A second server on 127.0.0.2: to the crawler, a host of its own."""
    with LocalServer("127.0.0.2") as server:
        yield server


def healthy_feed(server: LocalServer) -> Source:
    """A feed with one storable article on ``server``."""
    server.add("/healthy.xml", rss([("Returns resume", "/healthy.html")]))
    server.add("/healthy.html", article_html("Returns resume"))
    return Source(id="healthy", name="Healthy", url=server.url + "/healthy.xml", language="en")


def faulty_feed(url: str) -> Source:
    return Source(id="faulty", name="Faulty", url=url, language="en")


def errors_of(db, source_id: str) -> list[str]:
    return [
        row["error"]
        for row in db.query("select error from fetch_errors where source_id = ?", [source_id])
    ]


def assert_healthy_feed_stored(db, server: LocalServer) -> None:
    urls = [row["url"] for row in db.query("select url from articles")]
    assert urls == [server.url + "/healthy.html"]
    assert db.table("sources").get("healthy")["consecutive_failures"] == 0


# --- 1. chained encodings and the size cap --------------------------------------


def test_nested_gzip_bomb_refused_at_the_cap_without_decoding_it(http_server, settings, bomb):
    assert len(bomb) < 10_000  # a few KB on the wire...
    http_server.add(
        "/bomb", bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}
    )
    tracemalloc.start()
    started = time.monotonic()
    try:
        with (
            Fetcher(settings.replace(max_page_bytes=CAP)) as fetcher,
            pytest.raises(FetchError) as caught,
        ):
            fetcher.fetch(http_server.url + "/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.kind == "too_large"
    assert f"decoded body exceeds {CAP} bytes" in str(caught.value)
    # ...that decode to 64 MB: refused holding about the cap, never the whole.
    assert peak < 4 * CAP
    assert time.monotonic() - started < 3


def test_three_stacked_encodings_refused_before_decoding(http_server, settings):
    triple = nested_gzip_bomb(1000, layers=3)
    http_server.add(
        "/triple", triple, headers={"Content-Encoding": "gzip, gzip, gzip", "Content-Type": "x"}
    )
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(http_server.url + "/triple")
    assert caught.value.kind == "encoding"
    assert "3 stacked content encodings" in str(caught.value)
    assert "max_content_encodings=2" in str(caught.value)


def test_two_stacked_encodings_within_the_cap_are_decoded(http_server, settings):
    page = article_html("Twice")
    http_server.add(
        "/twice",
        gzip.compress(gzip.compress(page)),
        headers={"Content-Encoding": "gzip, gzip", "Content-Type": "text/html"},
    )
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(http_server.url + "/twice").content == page


def test_bomb_feed_article_and_robots_recorded_and_the_crawl_goes_on(
    http_server, second_host, settings, db, bomb
):
    bombed = {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip, gzip"}
    second_host.add("/robots.txt", bomb, headers={**bombed, "Content-Type": "text/plain"})
    second_host.add("/feed.xml", b"never read")
    http_server.add("/bombed.xml", bomb, headers=bombed)
    http_server.add(
        "/listing.xml",
        rss([("Bomb", "/bomb.html")]),
        headers={"Content-Type": "application/rss+xml"},
    )
    http_server.add("/bomb.html", bomb, headers={**bombed, "Content-Type": "text/html"})
    sources = [
        faulty_feed(http_server.url + "/bombed.xml"),
        Source(id="article", name="A", url=http_server.url + "/listing.xml", language="en"),
        Source(id="robots", name="R", url=second_host.url + "/feed.xml", language="en"),
        healthy_feed(http_server),
    ]
    tight = settings.replace(max_feed_bytes=CAP, max_page_bytes=CAP, max_pdf_bytes=CAP)
    crawl(db, sources, tight.replace(allow_hosts=("127.0.0.0/8",)), run_id="bombs")
    for source_id in ("faulty", "article", "robots"):
        (error,) = errors_of(db, source_id)
        assert "too_large" in error and f"exceeds {CAP} bytes" in error, error
    assert "robots.txt unreachable" in errors_of(db, "robots")[0]
    assert "/feed.xml" not in second_host.hits  # robots.txt unread: the feed was not fetched
    assert_healthy_feed_stored(db, http_server)


# --- 2. the deadline covers status line and headers -----------------------------


def test_dripping_headers_cut_off_at_the_request_deadline(http_server, settings):
    http_server.routes["/slow"] = header_drip_route(30, pause=0.1)
    started = time.monotonic()
    with (
        Fetcher(settings.replace(request_deadline=1.0, read_timeout=2.0, max_retries=0)) as fetcher,
        pytest.raises(FetchError) as caught,
    ):
        fetcher.fetch(http_server.url + "/slow")
    assert caught.value.kind == "timeout"
    assert "exceeded the 1 s deadline" in str(caught.value)
    assert time.monotonic() - started < 2.5


def test_slow_host_delays_only_itself_and_its_robots_txt_is_a_timeout_too(
    http_server, second_host, settings, db
):
    """The probe's server: status line, then one header byte at a time, on robots.txt
    of one host and on a feed of another; the healthy host is polled meanwhile."""
    http_server.routes["/slow.xml"] = header_drip_route(30, pause=0.1)
    second_host.routes["/robots.txt"] = header_drip_route(30, pause=0.1)
    served = {}
    page = article_html("Returns resume")

    def healthy_page(handler):
        served["healthy"] = time.monotonic()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(page)))
        handler.end_headers()
        handler.wfile.write(page)

    third = LocalServer("127.0.0.3")
    with third:
        sources = [
            faulty_feed(http_server.url + "/slow.xml"),
            Source(id="robots", name="R", url=second_host.url + "/feed.xml", language="en"),
            healthy_feed(third),
        ]
        third.routes["/healthy.html"] = healthy_page
        deadline = 1.5
        tight = settings.replace(
            request_deadline=deadline,
            read_timeout=5.0,
            max_retries=0,
            allow_hosts=("127.0.0.0/8",),
            max_parallel_hosts=3,
        )
        started = time.monotonic()
        crawl(db, sources, tight, run_id="slow")
        elapsed = time.monotonic() - started
        assert_healthy_feed_stored(db, third)
    # The healthy host did not wait for the slow ones: polled at once, beside them.
    assert served["healthy"] - started < deadline
    assert elapsed < 3 * deadline + 5  # each slow exchange cut once; extraction starts once
    (feed_error,) = errors_of(db, "faulty")
    assert feed_error == f"timeout: exceeded the {deadline:g} s deadline"
    (robots_error,) = errors_of(db, "robots")
    assert robots_error.startswith("robots_unavailable: robots.txt unreachable: timeout")
    assert "deadline" in robots_error and "disallowed" not in robots_error
    assert "/feed.xml" not in second_host.hits


def test_hosts_polled_in_parallel_still_paced_per_host(http_server, second_host, settings, db):
    """Parallel hosts do not make one host busier: host_delay still holds between its
    requests (robots.txt, feed, article)."""
    sources = [healthy_feed(http_server), healthy_feed(second_host)]
    sources[1] = Source(id="other", name="O", url=sources[1].url, language="en")
    times: dict[str, list[float]] = {http_server.url: [], second_host.url: []}
    for server in (http_server, second_host):
        server.add("/robots.txt", b"User-agent: *\n", headers={"Content-Type": "text/plain"})
        for path in ("/robots.txt", "/healthy.xml", "/healthy.html"):
            server.routes[path] = _timed(server.routes[path], times[server.url])
    polite = settings.replace(host_delay=0.3, allow_hosts=("127.0.0.0/8",))
    crawl(db, sources, polite, run_id="paced")
    assert db.table("articles").count == 2
    for hits in times.values():
        assert len(hits) == 3
        assert all(later - earlier >= 0.25 for earlier, later in zip(hits, hits[1:], strict=False))


def _timed(route, hits: list[float]):
    """``route``, noting when each request arrives."""

    def timed(handler):
        hits.append(time.monotonic())
        route(handler)

    return timed


# --- 3. IPv6 forms that wrap a non-public IPv4 ---------------------------------

GUARD_CASES = [
    # (address, refused?)
    ("64:ff9b::7f00:1", True),  # NAT64 well-known prefix wrapping 127.0.0.1
    ("64:ff9b::a00:1", True),  # ... 10.0.0.1
    ("64:ff9b::a9fe:a9fe", True),  # ... 169.254.169.254 (cloud metadata)
    ("64:ff9b::808:808", False),  # ... 8.8.8.8: a public host through NAT64
    ("64:ff9b:1::808:808", True),  # local-use NAT64 prefix: not globally reachable
    ("64:ff9b:1:7f00:1::", True),
    ("2002:7f00:1::", True),  # 6to4 wrapping 127.0.0.1
    ("2002:c0a8:101::1", True),  # ... 192.168.1.1
    ("2002:808:808::1", False),  # ... 8.8.8.8
    ("2001:0:4136:e378:8000:63bf:80ff:fefe", True),  # Teredo, client 127.0.1.1
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", True),  # Teredo, client 192.0.2.45
    ("::ffff:127.0.0.1", True),  # IPv4-mapped
    ("::ffff:10.1.2.3", True),
    ("::ffff:8.8.8.8", False),
    ("::127.0.0.1", True),  # IPv4-compatible (deprecated)
    ("::192.168.0.1", True),
    ("::8.8.8.8", False),
    ("::1", True),
    ("2606:4700::1111", False),  # an ordinary public IPv6 address
]


@pytest.mark.parametrize(("address", "refused"), GUARD_CASES)
def test_guard_judges_ipv6_by_the_ipv4_it_wraps(address, refused):
    reason = AddressGuard(()).refusal("example.org", ipaddress.ip_address(address))
    assert (reason is not None) == refused, reason
    if refused:
        assert "non-public" in reason


@pytest.mark.parametrize(
    ("address", "wrapped"),
    [
        ("64:ff9b::7f00:1", ["127.0.0.1"]),
        ("2002:7f00:1::", ["127.0.0.1"]),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", ["65.54.227.120", "192.0.2.45"]),
        ("::10.0.0.1", ["10.0.0.1"]),
        ("2606:4700::1111", []),
    ],
)
def test_embedded_ipv4_unwraps_each_form(address, wrapped):
    assert [str(inner) for inner in embedded_ipv4(ipaddress.ip_address(address))] == wrapped


@pytest.mark.parametrize("host", ["[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::127.0.0.1]"])
def test_allowing_loopback_does_not_allow_it_wrapped(host):
    with pytest.raises(FetchError, match="non-public") as caught:
        AddressGuard(("127.0.0.1",)).check(f"http://{host}/")
    assert caught.value.kind == "blocked"


def test_connect_time_guard_refuses_nat64_loopback_without_connecting(
    http_server, settings, monkeypatch
):
    """The probe saw a connection to [64:ff9b::7f00:1] attempted: none may be."""
    attempts = []
    original = httpcore.SyncBackend.connect_tcp

    def spy(self, host, port, *args, **kwargs):
        attempts.append(host)
        return original(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", spy)
    fetcher = Fetcher(settings.replace(allow_hosts=("127.0.0.1",), respect_robots=False))
    monkeypatch.setattr(fetcher.guard, "check", lambda url: None)  # as if the URL check missed it
    port = http_server.url.rsplit(":", 1)[1]
    with fetcher, pytest.raises(FetchError, match="non-public") as caught:
        fetcher.fetch(f"http://[64:ff9b::7f00:1]:{port}/page")
    assert caught.value.kind == "blocked"
    assert attempts == []


def test_nat64_feed_blocked_and_recorded_and_the_crawl_goes_on(http_server, settings, db):
    port = http_server.url.rsplit(":", 1)[1]
    sources = [faulty_feed(f"http://[64:ff9b::7f00:1]:{port}/feed.xml"), healthy_feed(http_server)]
    crawl(db, sources, settings, run_id="nat64")
    (error,) = errors_of(db, "faulty")
    assert error.startswith("blocked:") and "wraps non-public address 127.0.0.1" in error
    assert_healthy_feed_stored(db, http_server)


# --- 4. robots.txt that cannot be read is not a robots.txt that says no ----------


def test_host_down_recorded_as_unreachable_not_disallowed(http_server, settings, db):
    down = f"http://127.0.0.1:{closed_port()}/feed.xml"
    crawl(db, [faulty_feed(down), healthy_feed(http_server)], settings, run_id="down")
    (error,) = errors_of(db, "faulty")
    assert error.startswith("robots_unavailable: robots.txt unreachable: network:")
    assert "refused" in error.lower() and "disallowed" not in error
    assert_healthy_feed_stored(db, http_server)


def test_robots_timeout_recorded_as_unreachable_not_disallowed(
    http_server, second_host, settings, db
):
    second_host.routes["/robots.txt"] = hang_route(5)
    sources = [faulty_feed(second_host.url + "/feed.xml"), healthy_feed(http_server)]
    tight = settings.replace(read_timeout=0.5, allow_hosts=("127.0.0.0/8",))
    crawl(db, sources, tight, run_id="robots-timeout")
    (error,) = errors_of(db, "faulty")
    assert error.startswith("robots_unavailable: robots.txt unreachable: timeout")
    assert "robots_on_error=disallow" in error
    assert_healthy_feed_stored(db, http_server)


def test_robots_on_error_allow_lets_the_real_failure_through(http_server, settings, db):
    down = f"http://127.0.0.1:{closed_port()}/feed.xml"
    lenient = settings.replace(robots_on_error="allow", max_retries=0)
    crawl(db, [faulty_feed(down), healthy_feed(http_server)], lenient, run_id="allow")
    (error,) = errors_of(db, "faulty")
    assert error.startswith("network:") and "refused" in error.lower()
    assert_healthy_feed_stored(db, http_server)


def test_a_real_disallow_still_says_so(http_server, settings, db):
    http_server.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n")
    http_server.add("/private/feed.xml", rss([("Hidden", "/private/a.html")]))
    sources = [faulty_feed(http_server.url + "/private/feed.xml"), healthy_feed(http_server)]
    crawl(db, sources, settings, run_id="disallow")
    assert errors_of(db, "faulty") == ["robots: disallowed by robots.txt"]
    assert "/private/feed.xml" not in http_server.hits
    assert_healthy_feed_stored(db, http_server)


# --- the parallel crawl keeps its guarantees -------------------------------------


def test_stop_leaves_the_hosts_not_started_for_the_next_run(http_server, settings, db):
    """Ctrl-C during a parallel crawl: the poll in hand ends, no other host starts."""
    stop = threading.Event()
    feed = rss([("Returns resume", "/healthy.html")])

    def feed_that_stops(handler):
        stop.set()  # as the first signal would, while this feed is being read
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(feed)))
        handler.end_headers()
        handler.wfile.write(feed)

    servers = [LocalServer(f"127.0.0.{n}") for n in (4, 5)]
    with servers[0], servers[1]:
        sources = [healthy_feed(http_server)] + [
            Source(id=f"later{n}", name="L", url=server.url + "/healthy.xml", language="en")
            for n, server in enumerate(servers)
        ]
        for server in servers:
            healthy_feed(server)
        http_server.routes["/healthy.xml"] = feed_that_stops
        said = []
        lone = settings.replace(max_parallel_hosts=1, allow_hosts=("127.0.0.0/8",))
        crawl(db, sources, lone, run_id="stop", progress=said.append, stop=stop)
        assert all("/healthy.xml" not in server.hits for server in servers)
    assert "  stopping: 2 feeds wait for the next run" in said
    assert db.table("sources").get("healthy")["etag"] is None  # re-read next run


def test_an_unexpected_error_in_a_poll_thread_ends_the_crawl_without_hanging(
    http_server, second_host, settings, db, monkeypatch
):
    def broken_parser(*args, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr("monitor.crawl.crawler.parse_feed", broken_parser)
    sources = [healthy_feed(http_server), healthy_feed(second_host)]
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="parser bug"):
        crawl(db, sources, settings.replace(allow_hosts=("127.0.0.0/8",)), run_id="bug")
    assert time.monotonic() - started < 10
