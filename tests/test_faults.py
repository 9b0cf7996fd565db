"""Fault suite: kill -9 at random points, SIGTERM, and readers beside the writer.

Every test runs the real ``monitor`` command in a subprocess against the demo
site served from 127.0.0.1, and compares the database it leaves with one
uninterrupted baseline run (built once for the module, since each spaCy load
costs seconds): after a crash and a rerun the database must be intact, hold
no duplicate rows, leave no article without its analysis, and hold exactly
what the uninterrupted run holds.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from monitor import store
from monitor.demo import DEMO_FEEDS, DemoServer
from monitor.publish.datasette import datasette_app
from monitor.settings import Settings
from tests.db_state import analysis_state, count, rows

pytestmark = pytest.mark.slow

# Tables the crawl fills, with the columns that identify a row (for duplicates).
CRAWL_KEYS = {
    "articles": "url",
    "raw_pages": "article_id",
    "fingerprints": "article_id",
    "sources": "id",
}
STOP_SECONDS = 10  # how long a clean stop may take, whatever was in hand


def monitor_command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "monitor.cli", "--db", str(db), *args]


def environment() -> dict[str, str]:
    return {**os.environ, "MONITOR_ALLOW_HOSTS": "127.0.0.1", "MONITOR_HOST_DELAY": "0"}


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        monitor_command(db, *args), env=environment(), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return done


def start(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        monitor_command(db, *args),
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(process: subprocess.Popen, text: str, timeout: float = 180) -> None:
    """Read the command's progress until a line contains ``text``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if text in line:
            return
        if not line and process.poll() is not None:
            pytest.fail(f"the command ended before printing {text!r}")
    pytest.fail(f"no {text!r} within {timeout} s")


def descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            stack += children
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def assert_intact(db: Path) -> None:
    """Integrity, no duplicate rows, and every stored article complete."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert connection.execute("pragma foreign_key_check").fetchall() == []
        for table, key in CRAWL_KEYS.items():
            total, distinct = connection.execute(
                f"select count(*), count(distinct {key}) from {table}"
            ).fetchone()
            assert total == distinct, f"duplicate rows in {table}"
        # An article is stored with its raw page and its fingerprint, or not at all.
        articles = connection.execute("select count(*) from articles").fetchone()[0]
        assert connection.execute("select count(*) from raw_pages").fetchone()[0] == articles
        assert connection.execute("select count(*) from fingerprints").fetchone()[0] == articles


def crawl_state(db: Path) -> dict[str, object]:
    """What a finished crawl holds, in terms that do not depend on timing."""
    return {
        "urls": rows(db, "articles", "url, title, published_at, text"),
        "copies": count(db, "select count(*) from articles where duplicate_of is not null"),
        "raw_pages": count(db, "select count(*) from raw_pages"),
        "errors": rows(db, "fetch_errors", "stage, url"),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    with DemoServer() as server:
        feeds = folder / "feeds.yaml"
        lines = ["feeds:"]
        for source_id, name, path, *_ in DEMO_FEEDS:
            lines += [
                f"  - id: {source_id}",
                f"    name: {name}",
                f"    url: {server.base_url}{path}",
                "    language: en",
            ]
        feeds.write_text("\n".join(lines) + "\n", encoding="utf-8")
        yield {"feeds": str(feeds), "folder": folder}


@pytest.fixture(scope="module")
def baseline(site):
    """One uninterrupted crawl and one uninterrupted process run, timed."""
    crawled = site["folder"] / "crawled.db"
    started = time.monotonic()
    run(crawled, "crawl", "--feeds", site["feeds"])
    crawl_seconds = time.monotonic() - started
    processed = site["folder"] / "processed.db"
    shutil.copy(crawled, processed)
    started = time.monotonic()
    done = run(processed, "process")
    process_seconds = time.monotonic() - started
    assert count(processed, "select count(*) from articles where processed_at is null") == 0
    return {
        "crawled": crawled,
        "processed": processed,
        "crawl_seconds": crawl_seconds,
        "process_seconds": process_seconds,
        "crawl": crawl_state(crawled),
        "analysis": analysis_state(processed),
        "output": done.stderr,
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_9_during_crawl_then_rerun_gives_the_uninterrupted_result(
    site, baseline, tmp_path, seed
):
    db = tmp_path / "m.db"
    process = start(db, "crawl", "--feeds", site["feeds"])
    wait_for(process, "Crawling")
    time.sleep(random.Random(seed).uniform(0.2, baseline["crawl_seconds"] * 0.8))
    process.kill()
    process.wait(timeout=10)
    assert_intact(db)  # before any repair: what a crash leaves is already consistent
    run(db, "crawl", "--feeds", site["feeds"])
    assert_intact(db)
    assert crawl_state(db) == baseline["crawl"]


@pytest.mark.parametrize(("seed", "workers"), [(1, 1), (2, 2)])
def test_kill_9_during_process_then_rerun_gives_the_uninterrupted_result(
    baseline, tmp_path, seed, workers
):
    db = tmp_path / "m.db"
    shutil.copy(baseline["crawled"], db)
    process = start(db, "process", "--workers", str(workers))
    wait_for(process, "models ready")
    children = descendants(process.pid)
    assert len(children) >= (workers if workers > 1 else 0)
    time.sleep(random.Random(seed).uniform(0.1, 4.0))
    process.kill()
    process.wait(timeout=10)
    # Analysis workers notice that their parent is gone and exit on their own.
    deadline = time.monotonic() + 60
    while any(alive(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(child) for child in children), "orphaned analysis workers"
    assert_intact(db)
    # Every article marked processed already has its complete analysis.
    done = {row[0] for row in rows(db, "articles", "id", "where processed_at is not null")}
    expected = baseline["analysis"]
    for table in ("statements", "figures", "article_countries", "mentions"):
        got = [row for row in rows(db, table, "*") if row[1] in done or row[0] in done]
        want = [row for row in expected[table] if row[1] in done or row[0] in done]
        assert got == want, table
    run(db, "process", "--workers", str(workers))
    assert_intact(db)
    assert count(db, "select count(*) from articles where processed_at is null") == 0
    assert analysis_state(db) == expected


def test_sigterm_during_process_with_workers_stops_cleanly_and_a_rerun_completes(
    baseline, tmp_path
):
    """Extends tests/test_signals.py (SIGTERM during a crawl) to analysis in workers."""
    db = tmp_path / "m.db"
    shutil.copy(baseline["crawled"], db)
    process = start(db, "process", "--workers", "2")
    wait_for(process, "models ready")
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    stopped = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    assert time.monotonic() - stopped < STOP_SECONDS
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    assert_intact(db)
    assert rows(db, "runs", "status", "where command = 'process'") == [("interrupted",)]
    run(db, "process", "--workers", "2")
    assert analysis_state(db) == baseline["analysis"]


def test_datasette_reads_while_the_crawler_and_analyser_write(site, tmp_path):
    """A reader in a loop beside a writer in another process: never 'database is locked'."""
    db = tmp_path / "monitor.db"  # the name datasette/metadata.yml is written for
    store.open_db(str(db)).close()
    app = datasette_app(Settings(db=str(db)))
    paths = [
        "/monitor/articles.json?_search=asylum&_nosuggest=1",
        "/monitor/statements.json?_facet=stance&_nosuggest=1",
        "/monitor/articles.json?_sort_desc=published_at&_nosuggest=1",
        "/monitor/statements_view.json?_size=5",
    ]
    failures: list[str] = []
    answered = [0]
    writing = threading.Event()
    writing.set()

    async def read_in_a_loop() -> None:
        while writing.is_set():
            for path in paths:
                response = await app.client.get(path)
                answered[0] += 1
                if response.status_code != 200 or "database is locked" in response.text:
                    failures.append(f"{path}: {response.status_code} {response.text[:200]}")

    reader = threading.Thread(target=asyncio.run, args=(read_in_a_loop(),))
    reader.start()
    try:
        writer = subprocess.run(
            monitor_command(db, "run", "--feeds", site["feeds"], "--no-serve"),
            env=environment(),
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        writing.clear()
        reader.join(timeout=60)
    assert writer.returncode == 0, writer.stderr
    assert "database is locked" not in writer.stderr
    assert failures == []
    assert answered[0] > 20
    assert count(db, "select count(*) from statements") > 0
