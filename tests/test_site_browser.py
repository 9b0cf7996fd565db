"""The published site in headless Chromium, as a researcher clicks through it.

`monitor serve` runs as a real process over a database the real pipeline
wrote; Chromium opens the home page, searches, opens an article page and, by
clicking, an actor page, and the dashboard. Screenshots land in
tests/screenshots/. Skips with the reason when Chromium is absent.
"""

from __future__ import annotations

import pytest

from tests.site_data import build_site_db
from tests.test_serve import served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory, analyzer):
    path = tmp_path_factory.mktemp("served") / "monitor.db"
    ids = build_site_db(path, analyzer)
    with served(path) as base:
        yield {"base": base, "ids": ids}


def test_a_researcher_searches_reads_an_article_and_follows_a_speaker(site, browser_page):
    page = browser_page.page
    base = site["base"]

    page.goto(base + "/")
    assert "Migration-policy news monitor" in page.title() + page.inner_text("body")
    browser_page.screenshot("site-home")

    page.goto(base + "/-/search")
    page.fill("#search-all-q", "deportations")
    page.press("#search-all-q", "Enter")
    page.wait_for_selector("#search-all-results table", timeout=15_000)
    page.wait_for_load_state("networkidle")
    assert "deportations" in page.inner_text("#search-all-results").lower()
    browser_page.screenshot("site-search-all")

    page.goto(base + "/monitor/search?q=return")
    marks = page.locator("td mark")
    assert marks.count() > 0
    assert marks.first.inner_text().lower().startswith("return")
    browser_page.screenshot("site-search-query")

    page.goto(base + "/monitor/statements?_search=deportations")
    page.wait_for_selector("td mark")
    browser_page.screenshot("site-table-search")

    article_id = site["ids"]["belgium-turkey-return-missions"]
    page.goto(f"{base}/monitor/articles/{article_id}")
    assert "Belgium wins Turkish pledge" in page.inner_text("h1")
    assert page.locator(".monitor-text mark.m-statement").count() >= 5
    assert page.locator(".monitor-text mark.m-figure").count() >= 1
    browser_page.screenshot("site-article")

    page.locator(".monitor-side a", has_text="actor page").first.click()
    page.wait_for_load_state("load")
    assert "/monitor/actors/" in page.url
    assert page.locator("h2", has_text="What they said").count() == 1
    assert page.locator("table.monitor-statements tbody tr").count() >= 1
    browser_page.screenshot("site-actor")

    assert browser_page.console_errors == []
    assert browser_page.failed_requests == []


def test_the_dashboard_draws_its_charts(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/-/dashboards/overview")
    # vega-embed draws each chart as an SVG or a canvas once its data has arrived.
    page.wait_for_function(
        "document.querySelectorAll('.vega-embed canvas, .vega-embed svg').length >= 4",
        timeout=30_000,
    )
    browser_page.screenshot("site-dashboard")
    assert browser_page.console_errors == []
    assert browser_page.failed_requests == []


def test_hostile_text_does_not_run_in_the_browser(site, browser_page):
    page = browser_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (
        "/monitor/articles/hostile00000001",
        "/monitor/actors/hostile-actor",
        "/monitor/statements_view",
        "/monitor/search?q=deportations",
    ):
        page.goto(site["base"] + path)
        page.wait_for_load_state("load")
    assert dialogs == []
    assert "<script>" in page.inner_text("body")  # shown as text, not run
    browser_page.screenshot("site-hostile")
