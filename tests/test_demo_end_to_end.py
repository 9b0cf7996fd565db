"""The whole pipeline on the bundled demo sites: HTTP on 127.0.0.1, feedparser,
trafilatura, spaCy, SQLite; then exact facts from the hand-made gold files."""

import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from monitor.cli import cli
from monitor.demo import DEMO_DOCUMENT_SOURCES, DEMO_FEEDS, GOLD_DIR
from monitor.pages import page_at
from tests.test_serve import free_port

pytestmark = pytest.mark.slow


def run_demo(db_path: str, port: int) -> str:
    result = CliRunner().invoke(
        cli,
        ["--db", db_path, "run", "--demo", "--no-serve"],
        env={"MONITOR_DEMO_PORT": str(port)},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {
        name: db.table(name).count
        for name in db.table_names()
        if not name.startswith(("runs", "sqlite_")) and "_fts" not in name
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("demo") / "monitor.db")
    port = free_port()
    output = run_demo(path, port)
    db = sqlite_utils.Database(path)
    first = counts(db)
    second_output = run_demo(path, port)
    return {
        "db": db,
        "path": path,
        "output": output,
        "first": first,
        "second": counts(db),
        "second_output": second_output,
    }


def gold_files() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))]


def article(db, path_suffix: str) -> dict:
    rows = list(db.query("select * from articles where url like ?", ["%" + path_suffix]))
    assert len(rows) == 1, path_suffix
    return rows[0]


def test_summary_printed(demo):
    sources = len(DEMO_FEEDS) + len(DEMO_DOCUMENT_SOURCES)
    assert f"Summary: feeds {sources}, articles" in demo["output"]
    for word in ("relevant", "countries", "actors", "figures", "statements"):
        assert word in demo["output"]


def test_every_page_of_every_feed_stored_without_errors(demo):
    db = demo["db"]
    assert db.table("sources").count == len(DEMO_FEEDS) + len(DEMO_DOCUMENT_SOURCES)
    assert db.table("articles").count == len(gold_files()) >= 40
    assert list(db.query("select stage, url, error from fetch_errors")) == []


def test_running_twice_adds_nothing(demo):
    assert demo["second"] == demo["first"]
    assert "0 new" in demo["second_output"] or "not modified" in demo["second_output"]


def test_relevance_matches_gold(demo):
    db = demo["db"]
    for gold in gold_files():
        row = article(db, gold["url_path"])
        assert bool(row["relevant"]) == gold["relevant"], gold["url_path"]


def test_policy_documents_typed_and_found_without_feeds(demo):
    db = demo["db"]
    typed = [gold for gold in gold_files() if "doc_type" in gold]
    assert len(typed) >= 5
    for gold in typed:
        assert article(db, gold["url_path"])["doc_type"] == gold["doc_type"], gold["url_path"]
    assert {r["doc_type"] for r in db.query("select doc_type from articles")} >= {
        "news", "press_release", "policy_document", "court_ruling", "ngo_report"
    }
    sources = {r["source_id"] for r in db.query("select source_id from articles")}
    assert {"demo-ministry", "demo-library"} <= sources


def test_pdf_documents_stored_with_page_numbers(demo):
    db = demo["db"]
    pdfs = list(db.query("select * from articles where text_source = 'pdf'"))
    assert len(pdfs) == 2
    note = article(db, "/library/notes/border-detention-policy-note.pdf")
    assert note["page_count"] == 3 and note["author"] == "Border Monitoring Network"
    assert "Policy Note 7/2026" not in note["text"]  # the running header is gone
    starts = json.loads(note["page_starts"])
    figures = list(db.query("select * from figures where article_id = ?", [note["id"]]))
    assert all(f["page"] == page_at(starts, f["start"]) for f in figures)
    assert {f["page"] for f in figures if f["text"] == "3,150"} >= {2}  # page 2's prose
    pages = {
        r["page"]
        for r in db.query("select page from statements where article_id = ?", [note["id"]])
    }
    assert pages == {1, 2, 3}
    assert db.table("figures").count_where("page is not null and article_id != ?", [note["id"]])


def test_every_article_processed_with_version(demo):
    missing = list(
        demo["db"].query(
            "select url from articles where processed_at is null or pipeline_version is null"
        )
    )
    assert missing == []


def test_metadata_from_pages_and_feeds(demo):
    row = article(demo["db"], "/ledger/articles/belgium-turkey-return-missions.html")
    assert row["published_at"] == "2026-11-17T07:30:00Z"
    assert row["author"] == "Anouk De Smet"
    assert row["language"] == "en"
    assert row["title"].startswith("Belgium wins Turkish pledge")


def test_relative_links_of_the_briefing_feed_resolved(demo):
    urls = [
        r["url"]
        for r in demo["db"].query("select url from articles where source_id = 'demo-brief'")
    ]
    assert len(urls) == 7
    assert all(u.startswith("http://127.0.0.1:") and "/brief/posts/" in u for u in urls)


def test_syndicated_copy_linked_to_original(demo):
    db = demo["db"]
    copy = article(db, "/brief/posts/cyprus-echr-syrians-lebanon-briefing.html")
    original = article(db, "/wire/stories/cyprus-echr-syrians-lebanon.html")
    assert copy["duplicate_of"] == original["id"]
    assert db.table("statements").count_where("article_id = ?", [copy["id"]]) == 0


def test_exact_countries(demo):
    db = demo["db"]
    for suffix, expected in [
        ("/ledger/articles/belgium-turkey-return-missions.html", {"BEL", "TUR", "COD"}),
        ("/ledger/articles/germany-border-controls-extended.html", {"DEU", "POL", "SOM"}),
        ("/wire/stories/greece-pushback-inquiry.html", {"GRC", "TUR", "SYR", "AFG", "LBY"}),
        (
            "/wire/stories/italy-albania-cjeu-ruling.html",
            {"ITA", "ALB", "BGD", "EGY", "DNK", "NLD"},
        ),
    ]:
        row = article(db, suffix)
        found = {
            r["iso3"]
            for r in db.query(
                "select iso3 from article_countries where article_id = ?", [row["id"]]
            )
        }
        assert found == expected, suffix


@pytest.mark.parametrize(
    ("quote", "speaker"),
    [
        ("Speed cannot be the only measure of a good return policy", "Sarah Peeters"),
        ("Every person returned to France is a message to the smugglers", "Joanna Dunmore"),
        ("has the right to ask for asylum", "Mariam Haddad"),  # quote split by its speaker
        ("We are not the United Kingdom’s border guards", "Hélène Darrieux"),  # « guillemets »
        ("No law will fix that without beds", "Aoife Brennan"),  # ‘single quotes’
    ],
)
def test_direct_quote_speakers(demo, quote, speaker):
    rows = list(
        demo["db"].query(
            "select speaker_text, kind from statements where content like ?", [f"%{quote}%"]
        )
    )
    assert rows and rows[0]["speaker_text"] == speaker and rows[0]["kind"] == "direct"


def test_actor_with_role_type_and_country(demo):
    actor = demo["db"].table("actors").get("lena-hartmann")
    assert (actor["kind"], actor["type"], actor["country"]) == ("person", "government", "DEU")
    roles = {
        r["role"]
        for r in demo["db"].query("select role from mentions where actor_id = 'lena-hartmann'")
    }
    assert "Germany's Parliamentary State Secretary for the Interior" in roles


def test_figures_with_value_kind_and_qualifier(demo):
    rows = {r["text"]: r for r in demo["db"].query("select * from figures")}
    assert rows["more than 80 per cent"]["value"] == 80
    assert rows["more than 80 per cent"]["kind"] == "percent"
    assert rows["more than 80 per cent"]["qualifier"] == "more than"
    kinds = {r["kind"] for r in rows.values()}
    # "other" holds shares and rates (with their unit), since figures have units.
    assert {"count", "percent", "money", "change"} <= kinds <= {
        "count", "percent", "money", "change", "other"
    }


def test_page_furniture_not_in_text(demo):
    for word in ("scroll-depth", "Advertisement", "ad-slot", "Accept all", "Subscribe to"):
        assert demo["db"].table("articles").count_where("text like ?", [f"%{word}%"]) == 0, word


def test_statement_offsets_point_into_article_text(demo):
    db = demo["db"]
    rows = list(
        db.query(
            "select s.content, s.start, s.end, a.text from statements s "
            "join articles a on a.id = s.article_id"
        )
    )
    assert len(rows) > 100
    for row in rows:
        # A quote split around its speaker ("...," he said, "...") is one statement
        # whose offsets span both parts (its content marks the attribution left out
        # with "[...]"); every statement starts and ends exactly.
        text, parts = row["text"], row["content"].split(" [...] ")
        assert text[row["start"] :].startswith(parts[0][:25]), row["content"]
        assert text[: row["end"]].endswith(parts[-1][-25:]), row["content"]


def test_integrity_and_full_text_search(demo):
    db = demo["db"]
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    hits = list(db.query("select rowid from statements_fts where statements_fts match 'return'"))
    assert hits


def test_reprocess_replaces_analysis_without_duplicates(demo, tmp_path):
    db_path = demo["db"].conn.execute("pragma database_list").fetchone()[2]
    before = counts(demo["db"])
    result = CliRunner().invoke(
        cli, ["--db", db_path, "process", "--reprocess"], catch_exceptions=False
    )
    assert result.exit_code == 0 and "articles analysed" in result.output
    assert counts(demo["db"]) == before


def test_every_article_and_actor_page_of_the_demo_renders(demo):
    import asyncio

    from monitor.publish.datasette import datasette_app
    from monitor.settings import Settings

    app = datasette_app(Settings(db=demo["path"]))
    db = demo["db"]

    async def pages() -> None:
        for row in db.query("select id, doc_type, page_count from articles"):
            page = await app.client.get(f"/monitor/articles/{row['id']}")
            assert page.status_code == 200, row
            statements = db.table("statements").count_where("article_id = ?", [row["id"]])
            assert page.text.count('class="m-statement"') >= min(statements, 1), row
            if row["page_count"] and statements:
                assert ", p. " in page.text  # statements of a PDF carry their page
        for row in db.query("select id from actors"):
            page = await app.client.get(f"/monitor/actors/{row['id']}")
            assert page.status_code == 200, row

    asyncio.run(pages())
