"""The one loopback HTTP server of the tests and benchmarks: routes are plain
functions of the request handler, on 127.0.0.1 at a free port."""

from __future__ import annotations

import threading
import time
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


class LocalServer:
    """An HTTP server on 127.0.0.1 whose routes are plain functions of the handler."""

    def __init__(self) -> None:
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

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

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
