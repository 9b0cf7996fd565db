"""`monitor serve` starts a real Datasette process over the database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from monitor import store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(db_path: Path, *extra: str) -> Iterator[str]:
    """`monitor serve` on a free loopback port; yields its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "--db", str(db_path), "serve", "--port", str(port)]
        + list(extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/-/versions.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    output = process.stdout.read().decode() if process.poll() is not None else ""
                    raise AssertionError(f"monitor serve did not start: {output}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_starts_datasette_with_project_metadata(tmp_path):
    db_path = tmp_path / "monitor.db"
    store.open_db(str(db_path)).close()
    with served(db_path) as base:
        response = httpx.get(base + "/-/metadata.json", timeout=5)
        assert response.status_code == 200
        assert response.json()["title"] == "Migration-policy news monitor"
        tables = httpx.get(base + "/monitor.json", timeout=5).json()["tables"]
        assert "statements" in {t["name"] for t in tables}
        settings = httpx.get(base + "/-/settings.json", timeout=5).json()
        assert settings["sql_time_limit_ms"] > 0 and settings["allow_download"] is False
        assert "Disallow: /" in httpx.get(base + "/robots.txt", timeout=5).text


def test_serve_a_database_with_another_name_keeps_queries_and_pages(tmp_path):
    db_path = tmp_path / "archive.db"
    store.open_db(str(db_path)).close()
    with served(db_path) as base:
        query = httpx.get(
            base + "/archive/statements_by.json?label=&country=&speaker="
            "&speaker_type=&since=&until=&doc_type=",
            timeout=5,
        )
        assert query.status_code == 200, query.text[:300]
        assert httpx.get(base + "/-/dashboards/overview", timeout=5).status_code == 200


def test_the_database_stays_writable_while_served(tmp_path):
    db_path = tmp_path / "monitor.db"
    store.open_db(str(db_path)).close()
    with served(db_path) as base:
        db = store.open_db(str(db_path))
        db.table("articles").insert({"id": "a1", "url": "https://example.org/a", "title": "x"})
        db.close()
        rows = httpx.get(base + "/monitor/articles.json?_shape=array", timeout=5).json()
        assert [row["id"] for row in rows] == ["a1"]
