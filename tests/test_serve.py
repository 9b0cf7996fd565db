"""`monitor serve` starts a real Datasette process over the database."""

import os
import socket
import subprocess
import sys
import time

import httpx

from monitor import store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_starts_datasette_with_project_metadata(tmp_path):
    db_path = tmp_path / "monitor.db"
    store.open_db(str(db_path)).close()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "--db", str(db_path), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 30
        response = None
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/-/metadata.json", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert response is not None and response.status_code == 200
        assert response.json()["title"] == "Migration-policy news monitor"
        tables = httpx.get(f"http://127.0.0.1:{port}/monitor.json", timeout=5).json()["tables"]
        assert "statements" in {t["name"] for t in tables}
    finally:
        process.terminate()
        process.wait(timeout=10)
