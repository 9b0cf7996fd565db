"""The bundled demo: news sites served from 127.0.0.1 and crawled like the real web.

``site/`` holds three fictional outlets written for this project (pages and
feeds). Absolute links in them are written as ``__BASE__`` and replaced by
the server's own address when served, so the crawl goes through the same
HTTP, feed-parsing and extraction code as any real source. ``gold/`` holds a
hand-made expected analysis for every page.
"""

from __future__ import annotations

import mimetypes
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from monitor.sources import Source

DEMO_DIR = Path(__file__).resolve().parent
SITE_DIR = DEMO_DIR / "site"
GOLD_DIR = DEMO_DIR / "gold"
BASE_PLACEHOLDER = b"__BASE__"
TEXT_SUFFIXES = {".html", ".xml", ".rss", ".atom", ".txt"}
CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}

DEMO_FEEDS = (
    # id, name, path, kind, country, tags
    (
        "demo-ledger",
        "The Ledger Europe (demo)",
        "/ledger/feed.xml",
        "news",
        None,
        ["demo", "rss", "europe"],
    ),
    (
        "demo-wire",
        "Meridian Wire (demo)",
        "/wire/atom.xml",
        "agency",
        None,
        ["demo", "atom", "wire"],
    ),
    (
        "demo-brief",
        "Asylum Briefing (demo)",
        "/brief/feed.rss",
        "news",
        None,
        ["demo", "rss", "relative-links"],
    ),
)


class _DemoHandler(SimpleHTTPRequestHandler):
    server_version = "MonitorDemo/1.0"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(SITE_DIR), **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # quiet: the CLI reports progress
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = unquote(urlsplit(self.path).path)
        target = (SITE_DIR / path.lstrip("/")).resolve()
        if path == "/robots.txt":
            self._send(b"User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8")
            return
        if SITE_DIR not in target.parents or not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = target.read_bytes()
        if target.suffix in TEXT_SUFFIXES:
            host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
            body = body.replace(BASE_PLACEHOLDER, f"http://{host}".encode())
        content_type = CONTENT_TYPES.get(target.suffix) or (
            mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        )
        self._send(body, content_type)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class DemoServer:
    """The demo site on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.httpd = ThreadingHTTPServer((host, port), _DemoHandler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> DemoServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def demo_sources(base_url: str) -> list[Source]:
    """The demo feeds as sources pointing at a running DemoServer."""
    return [
        Source(
            id=source_id,
            name=name,
            url=base_url + path,
            language="en",
            kind=kind,
            country=country,
            tags=tuple(tags),
        )
        for source_id, name, path, kind, country, tags in DEMO_FEEDS
    ]
