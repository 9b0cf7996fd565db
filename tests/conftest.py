"""Shared fixtures: settings, databases, the real-world fixture folder, local servers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from monitor import store
from monitor.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = SHARED / "fixtures"
SEED = SHARED / "seed"


def shared_path(*parts: str) -> Path:
    """A file from ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the ../shared folder comes with CI, not with a clone)")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for tests: a temporary database, loopback allowed, no politeness delay."""
    return Settings(
        db=str(tmp_path / "test.db"),
        allow_hosts=("127.0.0.1",),
        host_delay=0.0,
        retry_backoff=0.05,
        request_deadline=5.0,
        read_timeout=2.0,
        connect_timeout=2.0,
    )


@pytest.fixture
def db(settings: Settings):
    database = store.open_db(settings.db)
    yield database
    database.close()


@pytest.fixture(scope="session")
def analyzer():
    from monitor.analyze import Analyzer

    return Analyzer(Settings())


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


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


# --- headless Chromium ---------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "tests" / "screenshots"
# Without the background-networking flags Chromium keeps calling home, and this
# closed network refuses each attempt; they are noise, not the page's errors.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class BrowserPage:
    """A Playwright page that remembers console errors and failed requests."""

    def __init__(self, page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed_requests.append(request.url))

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


# Module scope, not session: Playwright's sync API keeps an asyncio loop running in
# the main thread while it is open, and any later test module that calls
# asyncio.run() (the in-process Datasette tests) would fail with "cannot be called
# from a running event loop".
@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright, or a skip saying what is missing."""
    if not CHROMIUM.exists():
        pytest.skip("headless Chromium is absent: install Debian's chromium package (.ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium) -> Iterator[BrowserPage]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = BrowserPage(context.new_page())
    yield page
    context.close()
