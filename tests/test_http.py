"""The fetcher against real HTTP servers on 127.0.0.1."""

import gzip
import time

import pytest

from monitor.crawl.http import AddressGuard, Fetcher, FetchError
from tests.loopback import drip_route, hang_route


def test_page_fetched_with_project_user_agent(http_server, settings):
    seen = {}

    def route(handler):
        seen["ua"] = handler.headers.get("User-Agent")
        body = b"<html>hello</html>"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    http_server.routes["/page"] = route
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(http_server.url + "/page")
    assert result.status == 200 and result.content == b"<html>hello</html>"
    assert seen["ua"] == settings.user_agent and "migration-monitor" in seen["ua"]


def test_guard_blocks_loopback_unless_allowed(http_server, settings):
    http_server.add("/page", b"x")
    with (
        Fetcher(settings.replace(allow_hosts=())) as fetcher,
        pytest.raises(FetchError, match="non-public"),
    ):
        fetcher.fetch(http_server.url + "/page")


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "2130706433",
        "0x7f.1",
        "[::ffff:127.0.0.1]",
        "localhost",
        "10.1.2.3",
        "169.254.169.254",
        "[::1]",
        "0.0.0.0",
    ],
)
def test_guard_refuses_internal_addresses(host):
    with pytest.raises(FetchError) as caught:
        AddressGuard(()).check(f"http://{host}/")
    assert caught.value.kind in {"blocked", "dns"}


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://example.org/", "ftp://x/"])
def test_guard_refuses_other_schemes(url):
    with pytest.raises(FetchError, match="not http or https"):
        AddressGuard(()).check(url)


def test_size_cap_while_streaming(http_server, settings):
    http_server.add("/big", b"a" * 200_000, headers={"Content-Type": "text/html"})
    with (
        Fetcher(settings.replace(max_page_bytes=50_000)) as fetcher,
        pytest.raises(FetchError, match="too_large"),
    ):
        fetcher.fetch(http_server.url + "/big")


def test_gzip_bomb_stops_at_cap(http_server, settings):
    bomb = gzip.compress(b"\0" * 20_000_000)
    assert len(bomb) < 50_000
    http_server.add(
        "/bomb", bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    with (
        Fetcher(settings.replace(max_page_bytes=1_000_000)) as fetcher,
        pytest.raises(FetchError, match="too_large"),
    ):
        fetcher.fetch(http_server.url + "/bomb")


def test_dripping_server_cut_off_by_total_deadline(http_server, settings):
    http_server.routes["/drip"] = drip_route(100, b"x" * 10)
    started = time.monotonic()
    with (
        Fetcher(settings.replace(request_deadline=1.0, max_retries=0)) as fetcher,
        pytest.raises(FetchError, match="deadline"),
    ):
        fetcher.fetch(http_server.url + "/drip")
    assert time.monotonic() - started < 4


def test_redirect_loop_ends(http_server, settings):
    http_server.add("/a", status=302, headers={"Location": "/b"})
    http_server.add("/b", status=302, headers={"Location": "/a"})
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="redirects"):
        fetcher.fetch(http_server.url + "/a")


def test_redirect_to_internal_address_is_guarded(http_server, settings):
    http_server.add("/out", status=302, headers={"Location": "http://169.254.169.254/meta"})
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="non-public"):
        fetcher.fetch(http_server.url + "/out")


def test_503_retried_then_succeeds(http_server, settings):
    calls = {"n": 0}

    def flaky(handler):
        calls["n"] += 1
        status, body = (503, b"busy") if calls["n"] < 2 else (200, b"ok")
        handler.send_response(status)
        handler.send_header("Retry-After", "0")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    http_server.routes["/flaky"] = flaky
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(http_server.url + "/flaky")
    assert result.status == 200 and calls["n"] == 2


def test_404_not_retried(http_server, settings):
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(http_server.url + "/missing")
    assert result.status == 404
    assert http_server.hits["/missing"] == 1


def test_robots_txt_disallow_is_obeyed(http_server, settings):
    http_server.add(
        "/robots.txt",
        b"User-agent: *\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    http_server.add("/private/a", b"secret")
    http_server.add("/public/a", b"fine")
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(http_server.url + "/public/a").content == b"fine"
        with pytest.raises(FetchError, match="robots"):
            fetcher.fetch(http_server.url + "/private/a")
    assert http_server.hits.get("/private/a") is None
    assert http_server.hits["/robots.txt"] == 1  # cached per host


def test_garbage_robots_means_allowed(http_server, settings):
    http_server.add(
        "/robots.txt", b"\x00\xff<html>not robots</html>", headers={"Content-Type": "text/html"}
    )
    http_server.add("/page", b"ok")
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(http_server.url + "/page").status == 200


def test_conditional_get_returns_304(http_server, settings):
    def route(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        body = b"<rss/>"
        handler.send_response(200)
        handler.send_header("ETag", '"v1"')
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    http_server.routes["/feed"] = route
    with Fetcher(settings) as fetcher:
        first = fetcher.fetch(http_server.url + "/feed")
        second = fetcher.fetch(http_server.url + "/feed", etag=first.headers["etag"])
    assert first.status == 200 and second.not_modified


def test_hung_server_cut_off_by_read_timeout(http_server, settings):
    http_server.routes["/hang"] = hang_route(5)
    started = time.monotonic()
    with (
        Fetcher(settings.replace(read_timeout=0.5, max_retries=0)) as fetcher,
        pytest.raises(FetchError, match="timeout"),
    ):
        fetcher.fetch(http_server.url + "/hang")
    assert time.monotonic() - started < 3


def test_500_retried_with_backoff_then_returned(http_server, settings):
    http_server.add("/err", b"boom", status=500)
    with Fetcher(settings.replace(max_retries=2, retry_backoff=0.05)) as fetcher:
        result = fetcher.fetch(http_server.url + "/err")
    assert result.status == 500
    assert http_server.hits["/err"] == 3


def test_429_honours_retry_after(http_server, settings):
    calls = []

    def limited(handler):
        calls.append(time.monotonic())
        status, body = (429, b"slow down") if len(calls) == 1 else (200, b"ok")
        handler.send_response(status)
        handler.send_header("Retry-After", "1")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    http_server.routes["/limited"] = limited
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(http_server.url + "/limited").status == 200
    assert calls[1] - calls[0] >= 0.9


def test_crawl_delay_from_robots_paces_the_host(http_server, settings):
    http_server.add(
        "/robots.txt", b"User-agent: *\nCrawl-delay: 1\n", headers={"Content-Type": "text/plain"}
    )
    http_server.add("/a", b"a")
    http_server.add("/b", b"b")
    with Fetcher(settings) as fetcher:
        started = time.monotonic()
        fetcher.fetch(http_server.url + "/a")
        fetcher.fetch(http_server.url + "/b")
    assert time.monotonic() - started >= 0.9


def test_robots_5xx_follows_the_documented_policy(http_server, settings):
    http_server.add("/robots.txt", b"down", status=503)
    http_server.add("/page", b"ok")
    with (
        Fetcher(settings.replace(max_retries=0)) as fetcher,
        pytest.raises(FetchError, match="robots"),
    ):
        fetcher.fetch(http_server.url + "/page")
    with Fetcher(settings.replace(max_retries=0, robots_on_error="allow")) as fetcher:
        assert fetcher.fetch(http_server.url + "/page").status == 200


def test_connect_time_guard_stops_dns_rebinding(http_server, settings, monkeypatch):
    """The name passed the first check but resolves to loopback when connecting."""
    http_server.add("/page", b"secret")
    fetcher = Fetcher(settings.replace(allow_hosts=(), respect_robots=False))
    monkeypatch.setattr(fetcher.guard, "check", lambda url: None)  # the first answer was public
    with fetcher, pytest.raises(FetchError, match="non-public"):
        fetcher.fetch(http_server.url.replace("127.0.0.1", "localhost") + "/page")
    assert "/page" not in http_server.hits
