"""A researcher's exports, feeds, dashboard and digest, checked as a person meets them.

`monitor serve` runs as a real process (small page and export limits, so that a
cut shows on a small database); Chromium finds the CSV and Atom links on a
query page, opens the dashboard and clicks its charts; the digest goes through a
real SMTP server (aiosmtpd) and is read in Chromium, its links opened on the site.
"""

from __future__ import annotations

import csv
import email
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from email import policy

import httpx
import pytest

from monitor import store
from monitor.publish.delivery import send_digests
from monitor.publish.digest import daily_period
from monitor.publish.mailer import SmtpConfig, SmtpOutbox
from monitor.publish.subscriptions import parse_subscriptions
from monitor.settings import Settings
from tests.digest_data import LoopbackController, MailHandler
from tests.site_data import build_site_db
from tests.test_serve import served

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
PAGE_ROWS = 10
EXPORT_ROWS = 30
STATEMENTS_BY = "/monitor/statements_by"
EVERY_FIELD = "label=&country=&speaker=&speaker_type=&since=&until=&doc_type="


@pytest.fixture(scope="module")
def site(tmp_path_factory, analyzer):
    path = tmp_path_factory.mktemp("exports") / "monitor.db"
    ids = build_site_db(path, analyzer)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MONITOR_QUERY_PAGE_ROWS", str(PAGE_ROWS))
        env.setenv("MONITOR_MAX_RETURNED_ROWS", str(EXPORT_ROWS))
        with served(path) as base:
            yield {"base": base, "ids": ids, "path": path}


def csv_rows(response: httpx.Response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.text)))


def statement_count(site) -> int:
    db = store.open_db(str(site["path"]))
    try:
        return db.execute("select count(*) from statements").fetchone()[0]
    finally:
        db.close()


# --- export a result -------------------------------------------------------------------


def test_a_query_exported_as_csv_is_complete_or_says_it_was_cut(site, browser_page):
    page = browser_page.page
    base = site["base"]
    page.goto(
        f"{base}{STATEMENTS_BY}?label=return_policy&country=&speaker=&speaker_type="
        "&since=&until=&doc_type="
    )
    csv_link = page.locator("a", has_text=re.compile(r"^CSV$")).first.get_attribute("href")
    assert ".csv" in csv_link
    wanted = httpx.get(base + csv_link if csv_link.startswith("/") else csv_link, timeout=30)
    assert wanted.headers["content-type"].startswith("text/csv")
    header, *rows = csv_rows(wanted)
    assert "content" in header and "statement_id" in header
    shown = httpx.get(f"{base}{STATEMENTS_BY}.json", params={"label": "return_policy"}).json()
    # under the export limit: every matching statement, and no note of a cut
    assert len(rows) == len(shown["rows"]) and not shown["truncated"]
    assert not any(row[0].startswith("# Cut") for row in rows)

    # The web page shows a page's worth; the CSV of every statement goes to the export
    # limit and its last line says it was cut and where everything is.
    page.goto(f"{base}{STATEMENTS_BY}?{EVERY_FIELD}")
    assert page.locator("table.rows-and-columns tbody tr").count() == PAGE_ROWS
    everything = httpx.get(f"{base}{STATEMENTS_BY}.csv?{EVERY_FIELD}&_size=max", timeout=30)
    _, *rows = csv_rows(everything)
    assert statement_count(site) > EXPORT_ROWS
    assert len(rows) == EXPORT_ROWS + 1
    assert rows[-1][0].startswith(f"# Cut: only the first {EXPORT_ROWS} rows")
    assert "_stream=on" in rows[-1][0]

    # A table's CSV streamed with _stream=on has every row, and is text/csv too.
    streamed = httpx.get(f"{base}/monitor/statements_view.csv?_stream=on&_size=max", timeout=60)
    assert streamed.headers["content-type"].startswith("text/csv")
    assert len(csv_rows(streamed)) - 1 == statement_count(site)
    assert browser_page.console_errors == []


# --- subscribe to a feed ---------------------------------------------------------------


def test_a_feed_is_valid_atom_that_names_its_filters_and_links_to_the_site(site, browser_page):
    page = browser_page.page
    base = site["base"]
    page.goto(f"{base}{STATEMENTS_BY}?label=rights_concerns&country=Afghanistan")
    feed_link = page.locator("a[href*='.atom']").first.get_attribute("href")
    response = httpx.get(feed_link if feed_link.startswith("http") else base + feed_link)
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == (
        "Statements by label, country, speaker and date: label rights_concerns, country Afghanistan"
    )
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Migration-policy news monitor"
    assert feed.findtext(f"{ATOM}updated").endswith("Z")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        links = {link.get("rel"): link.get("href") for link in entry.findall(f"{ATOM}link")}
        assert links["alternate"].startswith(f"{base}/monitor/statements/")
        assert links["related"].startswith(f"{base}/monitor/articles/")
        assert set(links) <= {"alternate", "related", "via"}
        if "via" in links:
            assert links["via"].startswith("http")  # the original; never javascript:
    # A reader following an entry lands on the statement's page on this site.
    first = entries[0]
    alternate = next(
        link.get("href") for link in first.findall(f"{ATOM}link") if link.get("rel") == "alternate"
    )
    page.goto(alternate)
    words = first.findtext(f"{ATOM}content").split(" (")[0][:40]
    assert words in page.inner_text("body")


# --- the dashboards --------------------------------------------------------------------


def chart_svgs(page, count: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('.dashboard-card-chart svg').length >= {count}",
        timeout=30_000,
    )


def test_the_dashboard_draws_bars_with_whole_counts_and_links_to_the_rows(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/-/dashboards/overview?date_start=2026-10-01&date_end=2026-11-30")
    chart_svgs(page, 5)
    labels = page.locator("#chart-labels-per-week svg")
    assert labels.locator("[aria-roledescription='bar']").count() > 0  # bars, not lines
    assert labels.locator("[aria-roledescription='line mark']").count() == 0
    assert page.locator("#chart-stance-per-week [aria-roledescription='bar']").count() > 0
    assert page.locator("#chart-figures-by-country-year [aria-roledescription='rect mark']").count()
    y_axis = page.locator("#chart-labels-per-week svg [aria-label^='Y-axis'] text")
    ticks = y_axis.evaluate_all("texts => texts.map(t => t.textContent)")
    assert ticks and all(re.fullmatch(r"\d+|Statements", tick) for tick in ticks), ticks
    browser_page.screenshot("dashboard-overview")

    # a bar leads to the statements it counts
    labels.locator("[aria-roledescription='bar']").first.click()
    page.wait_for_url(re.compile(r"/monitor/statements_by\?label="), timeout=15_000)
    assert page.locator("table.rows-and-columns tbody tr").count() >= 1

    # "This month" (December, after the demo's articles) says so instead of empty axes
    page.goto(site["base"] + "/-/dashboards/overview")
    chart_svgs(page, 5)
    page.locator(".monitor-presets button", has_text="This month").click()
    page.wait_for_url(re.compile(r"date_start=\d{4}-\d{2}-01"))
    page.wait_for_selector(".monitor-empty")
    page.wait_for_function("document.querySelectorAll('.monitor-empty').length >= 5")
    assert "Nothing was published in this period" in page.inner_text("#chart-labels-per-week")
    assert browser_page.console_errors == []


# --- read a digest ---------------------------------------------------------------------


def test_a_digest_groups_by_article_and_links_to_the_site_it_names(site, browser_page):
    handler = MailHandler()
    controller = LoopbackController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    settings = Settings(db=str(site["path"]), datasette_url=site["base"], digest_hour=7)
    (subscription,) = parse_subscriptions(
        {
            "subscriptions": [
                {
                    "id": "afghanistan",
                    "title": "Rights and Afghanistan",
                    "recipients": ["researcher@example.org"],
                    "schedule": "daily",
                    "filters": {"countries": ["Afghanistan"], "labels": ["rights_concerns"]},
                }
            ]
        }
    )
    config = SmtpConfig("127.0.0.1", controller.port, None, None, "none", "monitor@example.org")
    outbox = SmtpOutbox(config, settings.smtp_timeout)
    # The daily period from 20 Nov 07:00 to 21 Nov 07:00: the digest of 20 November.
    period = daily_period(settings, now=datetime(2026, 11, 21, 8, tzinfo=timezone.utc))
    db = store.connect(settings)
    try:
        (report,) = send_digests(
            db, [subscription], settings, outbox, config.mail_from, period=period
        )
    finally:
        outbox.close()
        db.close()
        controller.stop()
    assert report.sent == ["researcher@example.org"]
    message = email.message_from_bytes(handler.messages[0].data, policy=policy.default)
    assert message["Subject"].startswith("Rights and Afghanistan, 20 Nov 2026: ")

    page = browser_page.page
    page.set_content(message.get_body(("html",)).get_content())
    titles = page.locator(".article h2").all_inner_texts()
    assert titles and len(titles) == len(set(titles))  # each article once
    for article in page.locator(".article").all():
        assert article.locator(".statement").count() >= 1
        why = article.locator(".why").inner_text()
        assert why.startswith("Why: Rights concerns") and "Afghanistan" in why
        assert not re.search(r"\d\.\d|\b[A-Z]{3}\b", why), why  # no scores, no ISO codes
    links = page.locator("a").evaluate_all("links => links.map(a => a.href)")
    site_links = [link for link in links if "/monitor/" in link]
    assert site_links and all(link.startswith(site["base"]) for link in site_links)
    browser_page.screenshot("digest-by-article")

    statement_link = page.locator(".statement a", has_text="statement").first.get_attribute("href")
    page.goto(statement_link)
    assert page.locator("body").inner_text().count("deportations to Afghanistan must stop") >= 1
