"""Shared fixtures: settings, databases, the real-world fixture folder, local servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor import store
from monitor.settings import Settings
from tests.loopback import LocalServer

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
    from monitor.analysis.analyze import Analyzer

    return Analyzer(Settings())


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    with LocalServer() as server:
        yield server


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
