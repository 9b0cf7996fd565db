"""The README's screenshots, made from the demo so that they show what `make demo` shows.

Runs `monitor run --demo --no-serve` into a temporary database, serves it with
`monitor serve`, and photographs the site and one demo digest in headless
Chromium (Playwright driving /usr/bin/chromium or CHROMIUM). Writes
docs/screenshots/*.png. Run from the repository root:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 900}
# Pages of the demo site worth showing, with the file each is saved as.
PAGES = {
    "site-home": "/",
    "site-statements-by": "/monitor/statements_by?label=return_policy",
    "site-dashboard": "/-/dashboards/overview?date_start=2026-10-01&date_end=2026-11-30",
}
SERVE_WAIT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def monitor(*args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "monitor.cli", *args], cwd=REPO, **popen)


def wait_for(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVE_WAIT_SECONDS
    while True:
        try:
            httpx.get(base + "/-/versions.json", timeout=2)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("monitor serve did not start") from None
            time.sleep(0.3)


def photograph(page, name: str, whole: bool = False) -> None:
    """The first screenful (long result pages would make megabyte images), or the
    whole page for the dashboard and the digest."""
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=whole)
    print(f"wrote docs/screenshots/{name}.png")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "monitor.db")
        port = free_port()
        # The demo's digests link to the site it serves: the port used below.
        env = {**os.environ, "MONITOR_SERVE_PORT": str(port)}
        if monitor("--db", db, "run", "--demo", "--no-serve", env=env).wait() != 0:
            raise SystemExit("monitor run --demo failed")
        server = monitor("--db", db, "serve", env=env, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
                )
                page = browser.new_page(viewport=VIEWPORT)
                for name, path in PAGES.items():
                    page.goto(base + path)
                    photograph(page, name, whole="dashboards" in path)
                page.goto(base + "/monitor/articles?_sort_desc=published_at&relevant=1")
                page.locator("table.rows-and-columns tbody tr td a").first.click()
                photograph(page, "site-article")
                digest = sorted((Path(folder) / "monitor-digests").glob("returns-belgium-*.html"))
                page.goto(digest[0].as_uri())
                photograph(page, "digest", whole=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
