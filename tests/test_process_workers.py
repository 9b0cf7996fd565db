"""`process` with worker processes: the same rows as one process, crashes recorded, not hung."""

from __future__ import annotations

import os
import signal
import time

import pytest
from click.testing import CliRunner

from monitor import store
from monitor.analysis.process import process, worker_count
from monitor.cli import cli
from monitor.crawl.extract import extract_page
from monitor.demo import SITE_DIR
from monitor.settings import Settings
from monitor.urls import article_id
from tests.db_state import analysis_state

pytestmark = pytest.mark.slow

ARTICLES = 6


class KillsWorker(str):
    """A text whose unpickling ends the process reading it: a worker crash on demand."""

    def __reduce__(self):
        return (os._exit, (3,))


@pytest.fixture(scope="module")
def demo_articles() -> list[dict]:
    """Article rows made from demo pages (the text as the crawler would store it)."""
    pages = sorted(SITE_DIR.glob("*/*/*.html"))[:ARTICLES]
    rows = []
    for page in pages:
        url = f"http://127.0.0.1:8765/{page.relative_to(SITE_DIR).as_posix()}"
        extracted = extract_page(page.read_text(encoding="utf-8"), url, Settings())
        rows.append(
            {
                "id": article_id(url),
                "url": url,
                "source_id": "demo",
                "title": extracted.title,
                "text": extracted.text,
            }
        )
    return rows


def database_with(path: str, articles: list[dict]):
    db = store.open_db(path)
    for row in articles:
        store.save_article(db, row, {"status": 200, "html": b""})
    return db


def test_two_workers_store_exactly_what_one_process_stores(tmp_path, demo_articles, analyzer):
    one = database_with(str(tmp_path / "one.db"), demo_articles)
    counts_one = process(one, Settings(db=str(tmp_path / "one.db")), analyzer=analyzer)
    two = database_with(str(tmp_path / "two.db"), demo_articles)
    counts_two = process(two, Settings(db=str(tmp_path / "two.db"), workers=2))
    assert counts_one == counts_two
    assert counts_two.processed == ARTICLES and counts_two.failed == 0
    assert analysis_state(tmp_path / "one.db") == analysis_state(tmp_path / "two.db")
    assert analysis_state(tmp_path / "two.db")["statements"]


def test_an_article_that_kills_its_worker_is_recorded_and_the_rest_are_written(
    tmp_path, demo_articles, monkeypatch, analyzer
):
    db = database_with(str(tmp_path / "m.db"), demo_articles)
    culprit = demo_articles[3]
    real_load = store.load_articles

    def load_with_a_crashing_text(database, ids):
        rows = real_load(database, ids)
        for row in rows:
            if row["id"] == culprit["id"]:
                row["text"] = KillsWorker(row["text"])
        return rows

    monkeypatch.setattr(store, "load_articles", load_with_a_crashing_text)
    started = time.monotonic()
    counts = process(db, Settings(db=str(tmp_path / "m.db"), workers=2), run_id="r1")
    assert time.monotonic() - started < 120
    assert counts.failed == 1
    assert counts.processed == ARTICLES - 1
    errors = list(db.query("select run_id, url, stage, error from fetch_errors"))
    assert len(errors) == 1
    assert errors[0]["url"] == culprit["url"] and errors[0]["stage"] == "analyze"
    assert errors[0]["run_id"] == "r1"
    assert "analysis worker died (exit code 3), 2 times on this article" in errors[0]["error"]
    unprocessed = db.execute("select id from articles where processed_at is null").fetchall()
    assert unprocessed == [(culprit["id"],)]
    # The next run tries it again (and a healthy text goes through).
    monkeypatch.setattr(store, "load_articles", real_load)
    assert process(db, Settings(db=str(tmp_path / "m.db")), analyzer=analyzer).processed == 1


def test_a_worker_killed_from_outside_costs_nothing(tmp_path, demo_articles):
    """SIGKILL of a busy worker (as the out-of-memory killer would): its job is redone."""
    import multiprocessing

    db = database_with(str(tmp_path / "m.db"), demo_articles)
    killed = []

    def kill_a_worker(message: str) -> None:
        if killed or "processed" not in message:
            return
        workers = [p for p in multiprocessing.active_children() if p.name == "analysis"]
        os.kill(workers[0].pid, signal.SIGKILL)
        killed.append(workers[0].pid)

    counts = process(db, Settings(db=str(tmp_path / "m.db"), workers=2), progress=kill_a_worker)
    assert killed
    assert counts.processed == ARTICLES and counts.failed == 0
    assert db.execute("select count(*) from articles where processed_at is null").fetchone()[0] == 0
    assert list(db.query("select * from fetch_errors")) == []


def test_worker_count_setting():
    assert worker_count(Settings()) == 1
    assert worker_count(Settings(workers=3)) == 3
    assert worker_count(Settings(workers=0)) == (os.cpu_count() or 1)
    with pytest.raises(ValueError, match="workers"):
        worker_count(Settings(workers=-1))


def test_cli_rejects_a_negative_worker_count(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "process", "--workers", "-1"])
    assert result.exit_code == 2
    assert "--workers" in result.output
