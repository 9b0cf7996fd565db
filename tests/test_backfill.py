"""`monitor backfill`: WARC files written here with the demo pages, read on a Dask
LocalCluster of two processes, give the rows a live crawl of the same pages gives."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from monitor import store
from monitor.analysis.process import process
from monitor.backfill import BackfillRequest, NewsDomains, backfill, warc_files
from monitor.backfill.domains import source_domain
from monitor.crawl.crawler import crawl
from monitor.demo import SITE_DIR, DemoServer, demo_sources
from monitor.settings import Settings
from tests.db_state import analysis_state, count, rows

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
NEWS_FEEDS = 3  # the demo's three outlets with feeds; the others publish PDFs
CAPTURED = "2026-12-01T10:00:00Z"
# What a backfilled article shares with the crawled one. fetched_at is the capture
# time, and feed_guid and summary come only from a feed.
ARTICLE_COLUMNS = (
    "id, url, canonical_url, source_id, title, author, published_at, language, text,"
    " word_count, content_hash, duplicate_of, relevant, relevance_score, pipeline_version,"
    " text_source, doc_type, detected_language, analysis_skipped"
)


# --- WARC files written by the test ---------------------------------------------------


class Warc:
    """A WARC file being written; remembers where each record starts."""

    def __init__(self, path: Path, gzip: bool = True):
        self.path = path
        self.stream = open(path, "wb")  # noqa: SIM115 - closed by close()
        self.writer = WARCWriter(self.stream, gzip=gzip)
        self.offsets: dict[str, int] = {}

    def response(self, url: str, body: bytes, status: str = "200 OK", kind: str = "text/html"):
        http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        self._write(url, "response", body, http)

    def request(self, url: str) -> None:
        http = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "127.0.0.1")], protocol="HTTP/1.1", is_http_request=True
        )
        self._write(f"request {url}", "request", b"", http, url)

    def _write(self, key: str, kind: str, body: bytes, http, url: str | None = None) -> None:
        self.offsets[key] = self.stream.tell()
        record = self.writer.create_warc_record(
            url or key,
            kind,
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": CAPTURED},
        )
        self.writer.write_record(record)

    def close(self) -> Path:
        self.stream.close()
        return self.path


def served(url: str, base_url: str) -> bytes:
    """The demo page at ``url`` as the demo server sends it."""
    page = SITE_DIR / url.removeprefix(base_url + "/")
    return page.read_bytes().replace(b"__BASE__", base_url.encode())


def news_archive(folder: Path, base_url: str, urls: list[str]) -> list[Path]:
    """Two WARC files (one gzipped, one not) with the crawled pages in the order the
    crawl stored them, and what an archive holds besides: requests, pages of other
    sites, images and style sheets, a 404."""
    first, second = Warc(folder / "news-1.warc.gz"), Warc(folder / "news-2.warc", gzip=False)
    first.writer.write_record(first.writer.create_warcinfo_record("news-1", {"software": "test"}))
    # Each outlet in one file, so that a story and its syndicated copy are read in order.
    for url in urls:
        warc = second if "/ledger/" in url else first
        warc.request(url)
        warc.response(url, served(url, base_url))
    first.response("http://sports.example.org/final.html", served(urls[0], base_url))
    first.response(f"{base_url}/ledger/static/ledger.css", b"body {}", kind="text/css")
    second.response(f"{base_url}/ledger/logo.png", b"\x89PNG\r\n", kind="image/png")
    second.response(f"{base_url}/ledger/articles/gone.html", b"<html>gone</html>", "404 Not Found")
    return [first.close(), second.close()]


# --- fixtures -------------------------------------------------------------------------


def local_settings(db: Path, **changes) -> Settings:
    return Settings(db=str(db), allow_hosts=("127.0.0.1",), host_delay=0.0, **changes)


@pytest.fixture(scope="module")
def live(tmp_path_factory, analyzer):
    """The demo's news feeds crawled from a local server and analysed, as `monitor run` does."""
    folder = tmp_path_factory.mktemp("live")
    with DemoServer() as server:
        sources = demo_sources(server.base_url)[:NEWS_FEEDS]
        settings = local_settings(folder / "live.db")
        db = store.connect(settings)
        crawl(db, sources, settings, run_id="live")
        process(db, settings, analyzer=analyzer)
        urls = [row["url"] for row in db.query("select url from articles order by rowid")]
    files = news_archive(folder, server.base_url, urls)
    return {
        "db": folder / "live.db",
        "sources": sources,
        "files": files,
        "urls": urls,
        "base_url": server.base_url,
    }


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded processes, shared by the tests of this file."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    with cluster:
        yield cluster.scheduler_address


def run_backfill(db: Path, scheduler: str, files: list[Path], sources, **changes):
    settings = local_settings(db, backfill_scheduler=scheduler, **changes)
    request = BackfillRequest(
        files=warc_files([str(path) for path in files]),
        domains=NewsDomains.of(list(sources)),
    )
    return backfill(settings, request)


@pytest.fixture(scope="module")
def backfilled(live, cluster, tmp_path_factory):
    db = tmp_path_factory.mktemp("backfill") / "backfill.db"
    counts, status = run_backfill(db, cluster, live["files"], live["sources"])
    return {"db": db, "counts": counts, "status": status}


def analysed(db: Path) -> dict[str, list[tuple]]:
    """What the analysis stored. An actor's row (name as written, kind, type, country)
    comes from the first article that names it, so it depends on the order articles
    are written, which differs between a crawl and files read side by side (as between
    two crawls): actors are compared by their ids; mentions hold the rest per article."""
    state = analysis_state(db)
    state["actors"] = rows(db, "actors", "id")
    return state


def table_counts(db: Path) -> dict[str, int]:
    tables = ["articles", "raw_pages", "fingerprints", "statements", "figures", "fetch_errors"]
    return {table: count(db, f"select count(*) from {table}") for table in tables}


# --- the same rows as a live crawl ----------------------------------------------------


def test_the_archive_gives_the_rows_a_live_crawl_gives(live, backfilled):
    assert backfilled["status"] == "ok"
    live_db, archived = live["db"], backfilled["db"]
    assert rows(archived, "articles", ARTICLE_COLUMNS) == rows(live_db, "articles", ARTICLE_COLUMNS)
    assert analysed(archived) == analysed(live_db)
    assert rows(archived, "statements", "count(*)") > [(0,)]
    assert count(archived, "select count(*) from articles where duplicate_of is not null") == 1


def test_records_that_are_no_news_page_are_skipped_and_counted(live, backfilled):
    counts = backfilled["counts"]
    pages = len(live["urls"])
    assert counts.files == counts.files_done == 2
    assert counts.stored == pages and counts.duplicates == 1 and counts.errors == 0
    assert counts.skipped["not_response"] == pages + 1  # the requests and the warcinfo
    assert counts.skipped["other_domain"] == 1
    assert counts.skipped["not_html"] == 2
    assert counts.skipped["not_200"] == 1
    assert counts.records == 2 * pages + 1 + 4
    assert counts.relevant == count(
        live["db"], "select count(*) from articles where relevant and duplicate_of is null"
    )
    raw = rows(backfilled["db"], "raw_pages", "fetched_at, status, content_type")
    assert set(raw) == {(CAPTURED, 200, "text/html")}


def test_a_rerun_adds_nothing(live, backfilled, cluster):
    before = table_counts(backfilled["db"])
    counts, status = run_backfill(backfilled["db"], cluster, live["files"], live["sources"])
    assert status == "ok" and counts.stored == 0 and counts.files_done == 2
    assert table_counts(backfilled["db"]) == before
    files = rows(backfilled["db"], "backfill_files", "status, next_offset = size")
    assert files == [("done", 1), ("done", 1)]


def test_tasks_still_go_out_when_no_worker_has_registered_yet(
    live, backfilled, cluster, tmp_path, monkeypatch
):
    # On a loaded machine the scheduler may list no worker when the first tasks are
    # handed out; they then go without a preference (Dask refuses
    # allow_other_workers without a worker list) and the run gives the same rows.
    from distributed import Client

    monkeypatch.setattr(Client, "scheduler_info", lambda self, **_: {"workers": {}})
    db = tmp_path / "no-workers-listed.db"
    counts, status = run_backfill(db, cluster, live["files"], live["sources"])
    assert status == "ok" and counts.stored == backfilled["counts"].stored
    assert table_counts(db) == table_counts(backfilled["db"])


def test_articles_already_crawled_live_are_not_stored_again(live, cluster, tmp_path):
    db = tmp_path / "both.db"
    db.write_bytes(live["db"].read_bytes())
    before = table_counts(db)
    ledger = live["files"][1]  # one outlet is enough: each page is analysed again first
    counts, _ = run_backfill(db, cluster, [ledger], live["sources"])
    assert counts.already_stored == counts.candidates > 0 and counts.stored == 0
    assert table_counts(db) == before


# --- damage ---------------------------------------------------------------------------


def test_a_corrupt_member_and_a_truncated_file_are_recorded_and_skipped(live, cluster, tmp_path):
    base = live["base_url"]
    urls = live["urls"][:6]
    corrupt = Warc(tmp_path / "corrupt.warc.gz")
    truncated = Warc(tmp_path / "truncated.warc.gz")
    for url in urls[:3]:
        corrupt.response(url, served(url, base))
    for url in urls[3:]:
        truncated.response(url, served(url, base))
    corrupt.close()
    truncated.close()
    data = bytearray(corrupt.path.read_bytes())
    middle = corrupt.offsets[urls[1]] + 200  # inside the second page's compressed body
    data[middle : middle + 16] = bytes(16)
    corrupt.path.write_bytes(bytes(data))
    cut = truncated.offsets[urls[5]] + 300  # the last page ends half-way
    truncated.path.write_bytes(truncated.path.read_bytes()[:cut])

    db = tmp_path / "damaged.db"
    counts, status = run_backfill(
        db, cluster, [corrupt.path, truncated.path], live["sources"], backfill_batch_records=2
    )
    assert status == "ok" and counts.files_done == 2
    stored = {row[0] for row in rows(db, "articles", "url")}
    assert stored == {urls[0], urls[2], urls[3], urls[4]}
    errors = rows(db, "fetch_errors", "stage, url, error")
    assert [(stage, url) for stage, url, _ in errors] == [
        ("backfill", str(corrupt.path)),
        ("backfill", str(truncated.path)),
    ]
    assert errors[0][2].startswith(f"offset {corrupt.offsets[urls[1]]}: ")
    assert errors[1][2].startswith(f"offset {truncated.offsets[urls[5]]}: ")


# --- kill -9 --------------------------------------------------------------------------


def feeds_file(path: Path, sources) -> Path:
    lines = ["feeds:"]
    for source in sources:
        lines += [f"  - id: {source.id}", f"    name: {source.name}"]
        lines += [f"    url: {source.url}", "    language: en", f"    kind: {source.kind}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_backfill(db: Path, feeds: Path, files: list[Path]) -> subprocess.Popen:
    """`monitor backfill` on one worker, writing every two records, in its own session
    (so that the test can kill it with its workers, as a power cut would)."""
    env = {**os.environ, "MONITOR_BACKFILL_BATCH_RECORDS": "2", "MONITOR_ALLOW_HOSTS": "127.0.0.1"}
    command = [sys.executable, "-m", "monitor.cli", "--db", str(db), "backfill"]
    command += [*map(str, files), "--feeds", str(feeds), "--workers", "1"]
    return subprocess.Popen(
        command,
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def articles_in(db: Path) -> int:
    try:
        return count(db, "select count(*) from articles")
    except sqlite3.OperationalError:
        return 0  # the database or its tables are not made yet


def test_kill_9_mid_run_then_rerun_gives_the_same_rows(live, backfilled, tmp_path):
    db = tmp_path / "killed.db"
    feeds = feeds_file(tmp_path / "feeds.yaml", live["sources"])
    run = start_backfill(db, feeds, live["files"])
    deadline = time.monotonic() + 120
    while articles_in(db) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run.poll() is None, run.communicate()[0].decode()
    os.killpg(run.pid, signal.SIGKILL)  # the backfill and its Dask workers, at once
    run.wait()
    assert 3 <= articles_in(db) < len(live["urls"])

    rerun = start_backfill(db, feeds, live["files"])
    output = rerun.communicate(timeout=300)[0].decode()
    assert rerun.returncode == 0, output
    assert "abandoned" in output  # the killed run is closed, not left running
    assert rows(db, "articles", ARTICLE_COLUMNS) == rows(
        backfilled["db"], "articles", ARTICLE_COLUMNS
    )
    assert analysed(db) == analysed(backfilled["db"])
    assert count(db, "select count(*) from fetch_errors") == 0


# --- small parts ----------------------------------------------------------------------


def test_feed_hosts_stand_for_their_site():
    assert source_domain("https://feeds.bbci.co.uk/news/world/rss.xml") == "bbci.co.uk"
    assert source_domain("https://rss.dw.com/rdf/rss-en-eu") == "dw.com"
    assert source_domain("https://euobserver.com/rss.xml") == "euobserver.com"
    sources = demo_sources("http://127.0.0.1:9")
    domains = NewsDomains.of(sources[:NEWS_FEEDS])
    assert domains.source_for("http://127.0.0.1:9/wire/stories/a.html").id == "demo-wire"
    assert domains.source_for("http://127.0.0.1:9/ledger/articles/a.html").id == "demo-ledger"
    assert domains.source_for("http://127.0.0.1:9/other/a.html").id == "demo-ledger"
    assert domains.source_for("http://example.org/a.html") is None
    chosen = NewsDomains.of(sources, ["www.example.org"])
    assert chosen.source_for("http://www.example.org/a").id == "archive-www-example-org"
    assert chosen.source_for("http://127.0.0.1:9/wire/a.html") is None
