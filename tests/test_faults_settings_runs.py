"""Holes found by the fault probe (tracker #18, items 4, 5 and 9): the per-feed entry
cap kept the oldest entries, bad settings were accepted or gave tracebacks, a run
killed with kill -9 stayed `running`, children printed BrokenPipe tracebacks when
their parent died, and `run --demo` wrote digests into a fixed temporary folder."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor import store
from monitor.cli import cli
from monitor.crawl.crawler import crawl
from monitor.crawl.discover import listing_entries, sitemap_entries
from monitor.crawl.feeds import parse_feed
from monitor.crawl.sources import Source, load_feeds
from monitor.dates import utc_now_iso
from monitor.pipeline import demo_digests_folder, run_pipeline
from monitor.settings import REPO_ROOT, Settings, build_settings
from monitor.store.runs import run_owner
from tests.loopback import rss
from tests.test_crawl import page

# --- A. the per-feed cap keeps the newest entries and says what it left out -------

PROBE_ENTRIES = 250  # the probe's oldest-first feed
CAP = 200  # max_entries_per_feed's default
FIRST_DAY = datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc)


def day(number: int) -> datetime:
    return FIRST_DAY + timedelta(days=number)


def oldest_first_rss(base: str, count: int, dated: bool = True) -> bytes:
    """An RSS feed of ``count`` items, item 1 the oldest (one day apart)."""
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}/a{n}.html</link>"
        + (f"<pubDate>{format_datetime(day(n))}</pubDate>" if dated else "")
        + "</item>"
        for n in range(1, count + 1)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Old first</title>{items}"
        "</channel></rss>"
    ).encode()


def item_numbers(entries) -> set[int]:
    return {int(entry.url.rsplit("/a", 1)[1].removesuffix(".html")) for entry in entries}


def test_an_oldest_first_feed_keeps_its_newest_entries_and_records_the_cut():
    feed = oldest_first_rss("https://news.example", PROBE_ENTRIES)
    parsed = parse_feed(feed, "https://news.example/feed.xml", max_entries=CAP)
    assert item_numbers(parsed.entries) == set(range(PROBE_ENTRIES - CAP + 1, PROBE_ENTRIES + 1))
    assert parsed.skipped == [
        "feed listed 250 entries; kept the 200 newest (max_entries_per_feed);"
        " 50 older ones not read"
    ]


def test_an_undated_feed_keeps_its_first_entries_in_document_order():
    feed = oldest_first_rss("https://news.example", PROBE_ENTRIES, dated=False)
    parsed = parse_feed(feed, "https://news.example/feed.xml", max_entries=CAP)
    assert [entry.url for entry in parsed.entries] == [
        f"https://news.example/a{n}.html" for n in range(1, CAP + 1)
    ]
    assert "kept the first 200 (no dates; document order)" in parsed.skipped[0]
    assert "50 later ones not read" in parsed.skipped[0]


def test_a_feed_within_the_cap_is_not_cut():
    feed = oldest_first_rss("https://news.example", CAP)
    parsed = parse_feed(feed, "https://news.example/feed.xml", max_entries=CAP)
    assert len(parsed.entries) == CAP and parsed.skipped == []


def test_a_long_listing_page_keeps_its_newest_dated_links_and_says_so():
    items = "".join(
        f'<li><time datetime="{day(n).date().isoformat()}">x</time>'
        f' <a href="/press/r{n}.html">Release {n}</a></li>'
        for n in range(1, PROBE_ENTRIES + 1)
    )
    content = f"<html><body><ul class='r'>{items}</ul></body></html>".encode()
    office = Source(
        id="office",
        name="Office",
        url="https://office.example/press/",
        language="en",
        discovery="listing",
        selector="ul.r li",
    )
    parsed = listing_entries(content, office.url, office, max_entries=CAP)
    numbers = {int(e.url.rsplit("/r", 1)[1].removesuffix(".html")) for e in parsed.entries}
    assert numbers == set(range(PROBE_ENTRIES - CAP + 1, PROBE_ENTRIES + 1))
    assert parsed.skipped == [
        "listing page listed 250 entries; kept the 200 newest (max_entries_per_feed);"
        " 50 older ones not read"
    ]


def test_a_long_sitemap_keeps_its_most_recently_modified_pages_and_says_so():
    urls = "".join(
        f"<url><loc>https://lib.example/doc{n}.html</loc>"
        f"<lastmod>{day(n).date().isoformat()}</lastmod></url>"
        for n in range(1, PROBE_ENTRIES + 1)
    )
    content = (
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" + urls + "</urlset>"
    ).encode()
    library = Source(
        id="lib",
        name="Library",
        url="https://lib.example/sitemap.xml",
        language="en",
        discovery="sitemap",
    )
    parsed = sitemap_entries(
        content, library.url, library, Settings(max_entries_per_feed=CAP), fetch=None
    )
    numbers = {int(e.url.rsplit("doc", 1)[1].removesuffix(".html")) for e in parsed.entries}
    assert numbers == set(range(PROBE_ENTRIES - CAP + 1, PROBE_ENTRIES + 1))
    assert parsed.skipped == [
        "sitemap listed 250 pages; kept the 200 most recently modified (max_entries_per_feed);"
        " 50 older ones not read"
    ]


def test_the_crawl_stores_the_newest_entries_records_the_cut_and_other_feeds_go_on(
    http_server, settings, db
):
    count, cap = 30, 20  # the probe's shape (more entries than the cap), small enough to crawl
    for n in range(1, count + 1):
        http_server.add(f"/old/a{n}.html", page(f"Old-first story {n}", n=1000 + 10 * n))
    xml = {"Content-Type": "application/rss+xml"}
    http_server.add("/old.xml", oldest_first_rss(http_server.url + "/old", count), headers=xml)
    for n in range(1, 4):
        http_server.add(f"/other/a{n}.html", page(f"Other story {n}", n=5000 + 10 * n))
    http_server.add("/other.xml", oldest_first_rss(http_server.url + "/other", 3), headers=xml)
    sources = [
        Source(id="old", name="Old", url=http_server.url + "/old.xml", language="en"),
        Source(id="other", name="Other", url=http_server.url + "/other.xml", language="en"),
    ]
    counts = crawl(db, sources, settings.replace(max_entries_per_feed=cap), run_id="r1")
    stored = {row["url"] for row in db.query("select url from articles")}
    newest = {f"{http_server.url}/old/a{n}.html" for n in range(count - cap + 1, count + 1)}
    assert {url for url in stored if "/old/" in url} == newest
    assert {url for url in stored if "/other/" in url} == {
        f"{http_server.url}/other/a{n}.html" for n in range(1, 4)
    }
    assert counts.new == cap + 3
    cut = list(db.query("select * from fetch_errors where source_id = 'old'"))
    assert [(row["stage"], row["run_id"]) for row in cut] == [("feed_entry", "r1")]
    assert cut[0]["error"] == (
        "feed listed 30 entries; kept the 20 newest (max_entries_per_feed); 10 older ones not read"
    )
    assert db.execute("select count(*) from fetch_errors where source_id = 'other'").fetchone() == (
        0,
    )


# --- B. bad settings: one line naming the setting, no traceback --------------------


def feeds_file(tmp_path: Path, settings_block: str = "") -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n  - id: local\n    name: Local\n    url: https://news.example/feed.xml\n"
        "    language: en\n" + settings_block
    )
    return path


PROBE_SETTINGS = [
    ("connect_timeout", "-1", "'connect_timeout': -1.0 is out of range"),
    ("max_retries", "-1", "'max_retries': -1 is out of range"),
    ("host_delay", "-5", "'host_delay': -5.0 is out of range (must be a finite number >= 0)"),
    ("host_delay", ".nan", "'host_delay': nan is out of range"),
    ("request_deadline", "-1", "'request_deadline': -1.0 is out of range"),
    ("max_feed_bytes", "0", "'max_feed_bytes': 0 is out of range (must be a whole number >= 1)"),
    ("robots_on_error", "maybe", "'robots_on_error': 'maybe' is not allowed"),
]


@pytest.mark.parametrize(("name", "value", "message"), PROBE_SETTINGS)
def test_feeds_check_reports_a_bad_setting_in_one_line_and_fails(tmp_path, name, value, message):
    path = feeds_file(tmp_path, f"settings:\n  {name}: {value}\n")
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "m.db"), "feeds", "check", "--feeds", str(path)]
    )
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()  # one line, and no "... feeds, valid"
    assert line.startswith(f"Error: setting {message}"), line
    assert isinstance(result.exception, SystemExit)  # reported, not raised


@pytest.mark.parametrize(
    "command", [["crawl", "--feeds", "FEEDS"], ["process"], ["run", "--no-serve"], ["digest"]]
)
def test_every_command_started_with_a_bad_setting_stops_with_one_line(tmp_path, command):
    path = feeds_file(tmp_path)
    arguments = [str(path) if part == "FEEDS" else part for part in command]
    result = CliRunner().invoke(
        cli,
        ["--db", str(tmp_path / "m.db"), *arguments],
        env={"MONITOR_HOST_DELAY": "-5"},
    )
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        "Error: setting 'host_delay': -5.0 is out of range (must be a finite number >= 0)"
    )
    assert not (tmp_path / "m.db").exists()  # stopped before doing anything


def test_the_shipped_feeds_file_and_the_demo_settings_load():
    shipped = load_feeds(str(REPO_ROOT / "feeds.yaml"))
    settings = build_settings(shipped.settings, environ={})
    assert settings.replace(allow_hosts=("127.0.0.1",), host_delay=0.0).host_delay == 0.0


def test_a_zero_byte_cap_is_a_zero_byte_cap_not_the_page_cap(http_server, settings):
    from monitor.crawl.http import Fetcher, FetchError

    http_server.add("/feed.xml", oldest_first_rss(http_server.url, 3))
    with Fetcher(settings.replace(max_retries=0)) as fetcher, pytest.raises(FetchError):
        fetcher.fetch(http_server.url + "/feed.xml", max_bytes=0)


# --- C. a run whose process was killed is marked abandoned ---------------------------


def insert_run(db, run_id: str, started_at: str, pid: int | None, host: str | None) -> None:
    db.table("runs").insert(
        {
            "id": run_id,
            "started_at": started_at,
            "command": "crawl",
            "status": "running",
            "pid": pid,
            "host": host,
        }
    )


def status(db, run_id: str) -> tuple:
    return db.execute("select status, ended_at, note from runs where id = ?", [run_id]).fetchone()


def a_gone_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # exited and collected: nothing has this pid now
    return child.pid


def test_only_runs_whose_process_is_gone_are_abandoned(tmp_path):
    db = store.open_db(str(tmp_path / "m.db"))
    here = run_owner()["host"]
    now = utc_now_iso()
    insert_run(db, "dead", now, a_gone_pid(), here)
    insert_run(db, "alive", now, os.getpid(), here)
    # This process started after that run did: it only reuses the pid of a killed one.
    insert_run(db, "reused-pid", "2001-01-01T00:00:00Z", os.getpid(), here)
    insert_run(db, "elsewhere", now, a_gone_pid(), "another-machine")
    abandoned = store.abandon_stale_runs(db)
    assert sorted(run["id"] for run in abandoned) == ["dead", "reused-pid"]
    assert status(db, "dead")[0] == "abandoned" and status(db, "dead")[1]
    assert "ended without finishing the run" in status(db, "dead")[2]
    assert status(db, "alive")[0] == status(db, "elsewhere")[0] == "running"


def test_runs_left_running_before_owners_were_recorded_are_abandoned_on_upgrade(tmp_path):
    path = str(tmp_path / "old.db")
    db = store.open_db(path)
    insert_run(db, "old", "2026-01-01T00:00:00Z", None, None)
    db.execute("delete from migrations where name = 'runs-record-owner-pid-host'")
    db.conn.commit()
    db.close()
    reopened = store.open_db(path)
    assert status(reopened, "old")[0] == "abandoned"
    assert "did not record its process" in status(reopened, "old")[2]


def slow_page(handler) -> None:
    time.sleep(0.3)
    body = page("Returns resume", n=int(re.search(r"\d+", handler.path).group()) * 10)
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def wait_for_running_run(db_path: Path, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        if db_path.exists():
            with sqlite3.connect(db_path) as db:
                try:
                    if db.execute("select count(*) from articles").fetchone()[0] >= 2:
                        return  # running, and in the middle of crawling
                except sqlite3.OperationalError:
                    pass  # tables not created yet
        time.sleep(0.2)
    raise AssertionError("the crawl never got going")


def test_a_run_killed_with_sigkill_is_marked_abandoned_by_the_next_run(http_server, tmp_path):
    names = [f"/a{i}.html" for i in range(1, 41)]
    for name in names:
        http_server.routes[name] = slow_page
    http_server.add("/feed.xml", rss([(name, name) for name in names]))
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        f"feeds:\n  - id: local\n    name: Local\n    url: {http_server.url}/feed.xml\n"
        "    language: en\n"
    )
    db_path = tmp_path / "m.db"
    env = {**os.environ, "MONITOR_ALLOW_HOSTS": "127.0.0.1", "MONITOR_HOST_DELAY": "0"}
    command = [sys.executable, "-m", "monitor.cli", "--db", str(db_path)]
    killed = subprocess.Popen(
        [*command, "crawl", "--feeds", str(feeds)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_for_running_run(db_path, killed)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    # Its extraction workers share its stderr: they end when their pipe closes, and
    # the stream ends once they all have; none may print a traceback (item 9).
    stderr = killed.stderr.read().decode()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    with sqlite3.connect(db_path) as db:
        assert db.execute("select status, pid from runs").fetchall() == [("running", killed.pid)]

    messages: list[str] = []
    settings = Settings(db=str(db_path), allow_hosts=("127.0.0.1",), host_delay=0.0)
    run_pipeline(settings, "crawl", [], analyse=False, progress=lambda m, **_: messages.append(m))
    with sqlite3.connect(db_path) as db:
        rows = db.execute("select pid, status, ended_at, note from runs order by started_at")
        first, second = rows.fetchall()
    assert first[:2] == (killed.pid, "abandoned") and first[2] and "killed?" in first[3]
    assert second[1] == "ok"
    assert any(f"process {killed.pid}, which is gone: marked abandoned" in m for m in messages)


# --- D. children exit quietly when their parent is gone ------------------------------


def no_traceback(capfd) -> None:
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_an_extraction_worker_whose_parent_is_gone_before_it_is_ready_exits_quietly(capfd):
    from monitor.crawl.extract_workers import CONTEXT, _serve

    parent_end, child_end = CONTEXT.Pipe()
    child = CONTEXT.Process(target=_serve, args=(child_end, Settings()), daemon=True)
    child.start()
    child_end.close()
    parent_end.close()  # gone before the child says it is ready
    child.join(timeout=60)
    assert child.exitcode == 0
    no_traceback(capfd)


def test_an_extraction_worker_whose_parent_is_gone_mid_page_exits_quietly(capfd):
    from monitor.crawl.extract_workers import ExtractionWorker

    worker = ExtractionWorker(Settings())
    html = page("A long page", n=7).decode() * 200
    worker.connection.send(("html", html, "https://news.example/a.html"))
    worker.connection.close()  # the parent side goes away while the page is parsed
    worker.process.join(timeout=60)
    assert worker.process.exitcode == 0
    no_traceback(capfd)


@pytest.mark.slow
def test_an_analysis_worker_whose_parent_is_gone_exits_quietly(capfd):
    from monitor.analysis.workers import _Worker

    worker = _Worker(Settings())  # loads spaCy in the child: seconds
    worker.connection.close()  # gone before the models are loaded and "ready" is sent
    worker.process.join(timeout=Settings().analysis_worker_start_timeout)
    assert worker.process.exitcode == 0
    no_traceback(capfd)


# --- E. demo digests go beside the database --------------------------------------------


def test_demo_digests_go_beside_the_database_named_after_it(tmp_path):
    settings = Settings(db=str(tmp_path / "archive" / "demo.db"))
    assert demo_digests_folder(settings) == tmp_path / "archive" / "demo-digests"
    assert demo_digests_folder(Settings(db="monitor.db")) == Path("monitor-digests")
