"""The one loopback HTTP server of the tests and benchmarks: routes are plain
functions of the request handler, on 127.0.0.1 at a free port."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


def hang_route(seconds: float) -> Handler:
    """A route that accepts the request and never answers (within ``seconds``)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)

    return route


def drip_route(chunks: int, chunk: bytes = b"<p>x</p>", pause: float = 0.1) -> Handler:
    """A route that sends headers, then one small chunk every ``pause`` seconds."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(chunks):
                handler.wfile.write(chunk)
                handler.wfile.flush()
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    return route


def header_drip_route(seconds: float, pause: float = 0.2) -> Handler:
    """A route that sends its status line, then one header byte every ``pause`` seconds
    (for ``seconds`` at most): no read ever waits long, yet the headers never end."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        ends = time.monotonic() + seconds
        try:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while time.monotonic() < ends:
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass  # the client gave up, as it should
        handler.close_connection = True

    return route


def nested_gzip_bomb(decoded_bytes: int, layers: int = 2) -> bytes:
    """Zeros gzipped ``layers`` times: a few KB that decode to ``decoded_bytes``.

    Built a megabyte at a time, so making a bomb never holds what it decodes to.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = []
    for start in range(0, decoded_bytes, len(block)):
        parts.append(compressor.compress(block[: decoded_bytes - start]))
    body = b"".join(parts) + compressor.flush()
    for _ in range(layers - 1):
        body = gzip.compress(body, compresslevel=9)
    return body


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def article_html(title: str, n: int = 100) -> bytes:
    """An article page long enough to be extracted and stored."""
    paragraph = (
        "The interior ministry said that {n} asylum seekers whose claims were rejected "
        "would be returned under the readmission agreement, while rights groups warned "
        "that returns to unsafe countries break international law. "
    )
    body = "".join(f"<p>{paragraph.format(n=n + i)}</p>" for i in range(4))
    return (
        f"<html lang='en'><head><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


class LocalServer:
    """An HTTP server on a loopback address whose routes are plain functions of the handler.

    ``host`` may be any 127.x.y.z: a second server on 127.0.0.2 is a second host
    to the crawler (its own politeness, its own poll thread).
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: dict[str, int] = {}
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                server.hits[path] = server.hits.get(path, 0) + 1
                route = server.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route(self)

        self.httpd = ThreadingHTTPServer((host, 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def add(
        self, path: str, body: bytes = b"", status: int = 200, headers: dict[str, str] | None = None
    ) -> None:
        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            for name, value in (headers or {"Content-Type": "text/html"}).items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        self.routes[path] = route

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[tuple[str, str]]) -> bytes:
    """A small RSS 2.0 feed of (title, link) items; a link may be empty."""
    entries = "".join(
        f"<item><title>{title}</title>"
        + (f"<link>{link}</link>" if link else "")
        + "<pubDate>Fri, 20 Nov 2026 09:00:00 +0100</pubDate></item>"
        for title, link in items
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{entries}"
        f"</channel></rss>"
    ).encode()
