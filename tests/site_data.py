"""A small published database for the site tests: real demo articles analysed by
the real pipeline, plus one hostile article whose every field tries to inject markup."""

from __future__ import annotations

from pathlib import Path

from monitor import store
from monitor.crawl.extract import extract_page
from monitor.demo import GOLD_DIR, SITE_DIR, demo_sources
from monitor.settings import Settings
from monitor.urls import article_id

BASE = "http://127.0.0.1:8765"
DEMO_PAGES = (
    "/ledger/articles/belgium-turkey-return-missions.html",
    "/ledger/articles/belgium-reception-crisis-court-penalties.html",
    "/wire/stories/syria-returns-debate-unhcr-warning.html",
    "/brief/posts/germany-asylum-applications-fall.html",
    "/wire/stories/greece-pushback-inquiry.html",
    "/ledger/articles/belgium-italy-nations-league.html",  # not about migration
)

SCRIPT_TITLE = '<script>alert("title")</script> Returns to <b>Kabul</b>'
SCRIPT_SPEAKER = '<img src=x onerror=alert("actor")>'
SCRIPT_STATEMENT = '<script>alert("statement")</script> deportations to Afghanistan must stop'
HOSTILE_ID = "hostile00000001"
HOSTILE_MARKERS = ('<script>alert("', "<img src=x onerror", "<b>Kabul</b>")


def _page_path(url_path: str) -> Path:
    matches = list(SITE_DIR.rglob(Path(url_path).name))
    assert matches, url_path
    return matches[0]


def hostile_article() -> tuple[dict, dict]:
    text = (
        f"{SCRIPT_STATEMENT}, said {SCRIPT_SPEAKER}, adding that 1,200 Afghans were returned "
        "in 2026. The ministry declined to comment."
    )
    figure_start = text.index("1,200")
    article = {
        "id": HOSTILE_ID,
        "url": "javascript:alert('link')",
        "canonical_url": "javascript:alert('link')",
        "source_id": "demo-wire",
        "title": SCRIPT_TITLE,
        "published_at": "2026-11-20T09:00:00Z",
        "fetched_at": "2026-11-20T10:00:00Z",
        "language": "en",
        "text": text,
        "word_count": len(text.split()),
    }
    analysis = {
        "relevant": True,
        "relevance_score": 0.99,
        "labels": [{"label": "rights_concerns", "score": 0.9}],
        "countries": [{"iso3": "AFG", "mentions": 2}],
        "actors": [
            {
                "id": "hostile-actor",
                "name": SCRIPT_SPEAKER,
                "kind": "person",
                "type": "ngo",
                "country": "AFG",
                "role": "<i>Director</i>",
                "mentions": 1,
            }
        ],
        "figures": [
            {
                "sentence": text,
                "text": "1,200",
                "value": 1200.0,
                "kind": "count",
                "counts": "<u>Afghans</u>",
                "qualifier": None,
                "country": "AFG",
                "year": 2026,
                "start": figure_start,
                "end": figure_start + len("1,200"),
            }
        ],
        "statements": [
            {
                "speaker": SCRIPT_SPEAKER,
                "speaker_id": "hostile-actor",
                "speaker_type": "ngo",
                "cue": "said",
                "kind": "direct",
                "content": SCRIPT_STATEMENT,
                "stance": "protective",
                "start": 0,
                "end": len(SCRIPT_STATEMENT),
                "label_scores": [{"label": "rights_concerns", "score": 0.9}],
                "countries": ["AFG"],
            }
        ],
    }
    return article, analysis


def build_site_db(path: Path, analyzer) -> dict[str, str]:
    """Write the database; returns the ids the tests look for."""
    settings = Settings()
    db = store.open_db(str(path))
    store.save_sources(db, demo_sources(BASE))
    ids: dict[str, str] = {}
    texts = []
    for url_path in DEMO_PAGES:
        url = BASE + url_path
        html = _page_path(url_path).read_text(encoding="utf-8").replace("__BASE__", BASE)
        page = extract_page(html, url, settings)
        source_id = {"ledger": "demo-ledger", "wire": "demo-wire", "brief": "demo-brief"}[
            url_path.split("/")[1]
        ]
        row = {
            "id": article_id(url),
            "url": url,
            "canonical_url": url,
            "source_id": source_id,
            "title": page.title,
            "published_at": page.published_at,
            "fetched_at": "2026-11-21T08:00:00Z",
            "language": "en",
            "text": page.text,
            "word_count": len(page.text.split()),
        }
        store.save_article(db, row, {"status": 200, "content_type": "text/html", "html": html})
        ids[Path(url_path).stem] = row["id"]
        texts.append((row["id"], page.text))
    for (row_id, _), analysis in zip(
        texts, analyzer.analyze_many(text for _, text in texts), strict=True
    ):
        store.save_analysis(db, row_id, analysis, analyzer.version)
    article, analysis = hostile_article()
    store.save_article(db, article, {"status": 200, "content_type": "text/html", "html": ""})
    store.save_analysis(db, HOSTILE_ID, analysis, "test")
    store.refresh_rollups(db)  # as `monitor process` does at its end
    db.close()
    return ids


def gold(stem: str) -> dict:
    import json

    return json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))
