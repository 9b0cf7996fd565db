"""The published site, through Datasette's in-process client."""

import asyncio
import json
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from monitor import store
from monitor.settings import Settings

METADATA = Path(Settings().datasette_dir) / "metadata.yml"


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "monitor.db"
    db = store.open_db(str(path))
    db.table("articles").insert(
        {
            "id": "a1",
            "url": "https://x/a",
            "title": "<script>alert(1)</script> Returns",
            "text": "Asylum returns",
            "published_at": "2026-11-01T00:00:00Z",
        }
    )
    db.close()
    return Datasette([str(path)], metadata=yaml.safe_load(METADATA.read_text()))


def get(site, path):
    return asyncio.run(site.client.get(path))


def test_tables_and_search_served(site):
    response = get(site, "/monitor.json")
    assert response.status_code == 200
    assert "articles" in {t["name"] for t in response.json()["tables"]}
    found = get(site, "/monitor/articles.json?_search=asylum&_shape=array")
    assert found.status_code == 200 and len(found.json()) == 1


def test_title_with_script_is_escaped(site):
    page = get(site, "/monitor/articles")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert json.loads(get(site, "/monitor/articles.json?_shape=array").text)[0]["id"] == "a1"
