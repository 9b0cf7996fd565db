"""Crawling feeds served by a real HTTP server on 127.0.0.1."""

import pytest

from monitor import store
from monitor.crawl.crawler import crawl
from monitor.crawl.dedup import same_story
from monitor.crawl.extract import ExtractionError
from monitor.crawl.sources import Source
from tests.loopback import drip_route, hang_route, rss

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


def test_fault_suite_each_case_bounded_recorded_and_the_run_continues(http_server, settings, db):
    import gzip
    import time

    http_server.routes["/hang.html"] = hang_route(4)
    http_server.routes["/drip.html"] = drip_route(40)
    http_server.add(
        "/robots.txt",
        b"User-agent: *\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    http_server.add("/huge.html", b"<p>" + b"a" * 300_000 + b"</p>")
    http_server.add(
        "/bomb.html",
        gzip.compress(b"<p>" + b"\0" * 5_000_000),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )
    http_server.add("/err.html", b"boom", status=500)
    http_server.add("/limited.html", b"later", status=429, headers={"Retry-After": "0"})
    http_server.add("/loop.html", status=302, headers={"Location": "/loop.html"})
    http_server.add("/inside.html", status=302, headers={"Location": "http://10.0.0.1/x"})
    http_server.add("/private/a.html", page("Hidden"))
    http_server.add("/good.html", page("Returns resume"))
    cases = [
        "hang",
        "drip",
        "huge",
        "bomb",
        "err",
        "missing",
        "limited",
        "loop",
        "inside",
        "private/a",
        "good",
    ]
    http_server.add("/feed.xml", rss([(name, f"/{name}.html") for name in cases]))
    tight = settings.replace(
        read_timeout=1.0,
        request_deadline=2.0,
        max_page_bytes=100_000,
        max_retries=1,
        retry_backoff=0.05,
        max_concurrency=4,
    )
    started = time.monotonic()
    counts = crawl(db, [source(http_server)], tight, run_id="faults")
    assert time.monotonic() - started < 20
    assert counts.new == 1 and counts.failed == len(cases) - 1
    errors = {
        e["url"].rsplit("/", 1)[-1]: e["error"]
        for e in db.query("select url, error from fetch_errors where stage = 'fetch'")
    }
    assert set(errors) == {f"{name.split('/')[-1]}.html" for name in cases if name != "good"}
    assert "timeout" in errors["hang.html"] and "deadline" in errors["drip.html"]
    assert "too_large" in errors["huge.html"] and "too_large" in errors["bomb.html"]
    assert "500" in errors["err.html"] and "404" in errors["missing.html"]
    assert "429" in errors["limited.html"] and "redirects" in errors["loop.html"]
    assert "non-public" in errors["inside.html"] and "robots" in errors["a.html"]


def test_extraction_time_limit_kills_the_worker_and_the_next_page_works(http_server, settings, db):
    from monitor.crawl.extract_workers import ExtractionWorker

    worker = ExtractionWorker(settings.replace(extract_timeout=0.0001))
    # Thousands of paragraphs take the worker far longer than the limit however the
    # machine schedules the two processes (a short page could answer before a busy
    # machine even looks at the pipe).
    filler = "".join(f"<p>{PARAGRAPH.format(n=i)}</p>" for i in range(3000))
    slow = page("Slow").decode().replace("</article>", f"{filler}</article>")
    try:
        with pytest.raises(ExtractionError, match="extract_timeout"):
            worker.extract(slow, "https://example.org/a")
        worker.settings = settings
        assert worker.extract(page("Fine").decode(), "https://example.org/b").title == "Fine"
    finally:
        worker.close()


def test_feed_summary_kept_when_page_gives_no_text(http_server, settings, db):
    summary = "&lt;p&gt;" + PARAGRAPH.format(n=7) * 3 + "&lt;/p&gt;"
    feed = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item>"
        f"<title>Walled</title><link>/wall.html</link><description>{summary}</description>"
        f"</item></channel></rss>"
    ).encode()
    http_server.add("/feed.xml", feed)
    http_server.add(
        "/wall.html",
        b"<html><body><div>We use cookies. Accept all cookies to "
        b"continue. Subscribe to read.</div></body></html>",
    )
    counts = crawl(db, [source(http_server)], settings, run_id="r1")
    assert counts.new == 1 and counts.from_summary == 1
    row = next(iter(db.query("select * from articles")))
    assert row["text_source"] == "feed_summary" and "readmission agreement" in row["text"]
    assert db.table("fetch_errors").count_where("stage = 'extract'") == 1


def test_template_bulletins_with_different_figures_are_not_duplicates(http_server, settings, db):
    http_server.add(
        "/feed.xml", rss([("Weekly arrivals", "/w1.html"), ("Weekly arrivals", "/w2.html")])
    )
    http_server.add("/w1.html", page("Weekly arrivals", n=100))
    http_server.add("/w2.html", page("Weekly arrivals", n=200))
    crawl(db, [source(http_server)], settings.replace(max_concurrency=1), run_id="r1")
    assert db.table("articles").count_where("duplicate_of is not null") == 0


def test_hostile_feeds_through_the_server_end_quickly_and_leak_nothing(
        http_server, settings, db, tmp_path):
    import time

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<rss version="2.0"><channel><title>T</title><item><title>&xxe;</title>'
           '<link>/a.html</link><description>&xxe;</description></item></channel></rss>')
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel>'
            '<title>T</title><item><title>&lol9;</title><link>/b.html</link></item>'
            '</channel></rss>')
    http_server.add("/xxe.xml", xxe.encode(), headers={"Content-Type": "application/rss+xml"})
    http_server.add("/laughs.xml", bomb.encode(), headers={"Content-Type": "application/rss+xml"})
    http_server.add("/a.html", page("Returns resume"))
    http_server.add("/b.html", page("Border checks", n=500))
    sources = [source(http_server, "/xxe.xml"),
               Source(id="laughs", name="L", url=http_server.url + "/laughs.xml", language="en")]
    started = time.monotonic()
    crawl(db, sources, settings, run_id="hostile")
    assert time.monotonic() - started < 15
    stored = " ".join(f"{r['title']} {r['summary']} {r['text']}"
                      for r in db.query("select title, summary, text from articles"))
    assert "TOP-SECRET" not in stored
    assert all(len(r["title"] or "") < 10_000 for r in db.query("select title from articles"))
