"""Crawling feeds served by a real HTTP server on 127.0.0.1."""

from monitor import store
from monitor.crawl import crawl
from monitor.dedup import same_story
from monitor.sources import Source

PARAGRAPH = (
    "The interior ministry said that {n} asylum seekers whose claims were rejected "
    "would be returned under the readmission agreement, while rights groups warned "
    "that returns to unsafe countries break international law. "
)


def page(title: str, n: int = 100) -> bytes:
    body = "".join(f"<p>{PARAGRAPH.format(n=n + i)}</p>" for i in range(4))
    return (
        f"<html lang='en'><head><title>{title}</title>"
        f"<meta property='article:published_time' content='2026-11-20T10:00:00+01:00'>"
        f"</head><body><nav>Home | World</nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>Contact</footer></body></html>"
    ).encode()


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title>"
        + (f"<link>{link}</link>" if link else "")
        + "<pubDate>Fri, 20 Nov 2026 09:00:00 +0100</pubDate></item>"
        for title, link in items
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{entries}"
        f"</channel></rss>"
    ).encode()


def source(server, path="/feed.xml") -> Source:
    return Source(id="local", name="Local", url=server.url + path, language="en")


def test_good_bad_and_missing_entries_all_accounted_for(http_server, settings, db):
    http_server.add(
        "/feed.xml",
        rss(
            [
                ("Good", "/a.html"),
                ("Gone", "/missing.html"),
                ("Short", "/short.html"),
                ("No link", ""),
                ("Binary", "/doc.bin"),
            ]
        ),
        headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'},
    )
    http_server.add("/a.html", page("Returns resume"))
    http_server.add(
        "/short.html", b"<html><body><article><p>Too short.</p></article></body></html>"
    )
    http_server.add("/doc.bin", b"\x00\x01", headers={"Content-Type": "application/octet-stream"})
    counts = crawl(db, [source(http_server)], settings, run_id="r1")
    assert (counts.entries, counts.new, counts.failed) == (4, 1, 3)
    article = next(iter(db.query("select * from articles")))
    assert article["url"] == http_server.url + "/a.html"
    assert article["published_at"] == "2026-11-20T08:00:00Z"  # from the feed, in UTC
    assert article["title"] == "Returns resume" and article["language"] == "en"
    assert store.raw_html(db, article["id"]).startswith(b"<html")
    errors = {
        (e["stage"], e["url"].rsplit("/", 1)[-1], e["http_status"])
        for e in db.query("select * from fetch_errors")
    }
    assert ("fetch", "missing.html", 404) in errors
    assert ("extract", "short.html", None) in errors
    assert any(stage == "fetch" and name == "doc.bin" for stage, name, _ in errors)
    assert any(stage == "feed_entry" for stage, _, _ in errors)
    state = db.table("sources").get("local")
    assert (state["last_status"], state["consecutive_failures"], state["items_seen"]) == (200, 0, 1)
    assert state["etag"] == '"v1"'


def test_unchanged_feed_costs_one_conditional_request(http_server, settings, db):
    def feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        body = rss([("Good", "/a.html")])
        handler.send_response(200)
        handler.send_header("ETag", '"v1"')
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    http_server.routes["/feed.xml"] = feed
    http_server.add("/a.html", page("Returns resume"))
    crawl(db, [source(http_server)], settings, run_id="r1")
    second = crawl(db, [source(http_server)], settings, run_id="r2")
    assert second.not_modified == 1 and second.new == 0
    assert http_server.hits["/a.html"] == 1
    assert db.table("articles").count == 1


def test_broken_feed_counts_failures_and_keeps_going(http_server, settings, db):
    http_server.add("/broken.xml", b"oops", status=500)
    http_server.add("/feed.xml", rss([("Good", "/a.html")]))
    http_server.add("/a.html", page("Returns resume"))
    sources = [
        source(http_server, "/broken.xml"),
        Source(id="other", name="Other", url=http_server.url + "/feed.xml", language="en"),
    ]
    for run in ("r1", "r2"):
        crawl(db, sources, settings.replace(max_retries=0), run_id=run)
    broken = db.table("sources").get("local")
    assert broken["consecutive_failures"] == 2 and broken["last_status"] == 500
    assert db.table("articles").count == 1  # the healthy feed was still crawled


def test_malformed_feed_still_yields_its_entries(http_server, settings, db):
    feed = rss([("Good", "/a.html")]).replace(b"</channel></rss>", b"<item><title>cut")
    http_server.add("/feed.xml", feed)
    http_server.add("/a.html", page("Returns resume"))
    counts = crawl(db, [source(http_server)], settings, run_id="r1")
    assert counts.new == 1
    assert db.table("fetch_errors").count_where("stage = 'feed_parse'") == 1
    assert db.table("sources").get("local")["consecutive_failures"] == 0


def test_syndicated_copy_detected_despite_furniture(http_server, settings, db):
    http_server.add("/feed.xml", rss([("Story", "/a.html"), ("Story", "/copy.html")]))
    http_server.add("/a.html", page("Story"))
    http_server.add("/copy.html", page("Story").replace(b"<article>", b"<article><p>Courts</p>"))
    crawl(db, [source(http_server)], settings.replace(max_concurrency=1), run_id="r1")
    rows = {r["url"].rsplit("/", 1)[-1]: r for r in db.query("select * from articles")}
    assert rows["copy.html"]["duplicate_of"] == rows["a.html"]["id"]


def test_same_story():
    text = "\n".join(PARAGRAPH.format(n=i) for i in range(5))
    assert same_story("Kicker\n" + text, text + "\nCredit line")
    assert not same_story(text, "\n".join(PARAGRAPH.format(n=i + 50) for i in range(5)))
