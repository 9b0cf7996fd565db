"""SIGTERM during a crawl: a clean exit with every stored article complete."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

from tests.test_crawl import page, rss


def test_sigterm_during_crawl_exits_cleanly_and_a_rerun_finishes(http_server, tmp_path):
    def slow_page(handler):
        time.sleep(0.3)
        body = page("Returns resume", n=int(re.search(r"\d+", handler.path).group()))
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    names = [f"/a{i}.html" for i in range(40)]
    for name in names:
        http_server.routes[name] = slow_page
    http_server.add("/feed.xml", rss([(name, name) for name in names]))
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        f"feeds:\n  - id: local\n    name: Local\n    url: {http_server.url}"
        f"/feed.xml\n    language: en\n"
    )
    db_path = tmp_path / "m.db"
    env = {
        **os.environ,
        "MONITOR_ALLOW_HOSTS": "127.0.0.1",
        "MONITOR_HOST_DELAY": "0",
        "MONITOR_MAX_CONCURRENCY": "2",
    }
    command = [
        sys.executable,
        "-m",
        "monitor.cli",
        "--db",
        str(db_path),
        "crawl",
        "--feeds",
        str(feeds),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3)
    process.send_signal(signal.SIGTERM)
    started = time.monotonic()
    _, stderr = process.communicate(timeout=15)
    assert time.monotonic() - started < 5
    assert process.returncode == 128 + signal.SIGTERM, stderr.decode()
    assert b"Traceback" not in stderr
    with sqlite3.connect(db_path) as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = db.execute("select count(*) from articles").fetchone()[0]
        assert 0 < stored < len(names)
        assert db.execute("select count(*) from raw_pages").fetchone()[0] == stored
        assert db.execute("select status from runs").fetchone()[0] == "interrupted"
    rerun = subprocess.run(command, env=env, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr.decode()
    with sqlite3.connect(db_path) as db:
        assert db.execute("select count(*) from articles").fetchone()[0] == len(names)
        assert db.execute("select count(distinct url) from articles").fetchone()[0] == len(names)
