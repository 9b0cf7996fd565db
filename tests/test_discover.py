"""Sources without feeds: listing pages and sitemaps, parsed and crawled on 127.0.0.1."""

from __future__ import annotations

import gzip

import pytest

from monitor.crawl.crawler import crawl
from monitor.crawl.discover import SitemapError, listing_entries, parse_sitemap
from monitor.crawl.sources import Source
from monitor.demo.pdf_builder import Document, Page, build_pdf
from tests.test_crawl import page

LISTING = """<html><head><title>Press releases</title></head><body>
<nav><a href="/">Home</a> <a href="/contact">Contact</a></nav>
<ul class="releases">
{items}
</ul>
<footer><a href="/privacy">Privacy</a></footer>
</body></html>"""
ITEM = '<li><time datetime="{date}">{date}</time> <a href="{href}">{title}</a></li>'


def listing(items: list[tuple[str, str, str]]) -> bytes:
    rows = "\n".join(ITEM.format(href=h, title=t, date=d) for h, t, d in items)
    return LISTING.format(items=rows).encode()


def source(url: str, **fields) -> Source:
    return Source(id="office", name="Office", url=url, language="en", kind="government", **fields)


# --- parsing ---------------------------------------------------------------------


def test_listing_selector_picks_document_links_with_dates():
    content = listing(
        [
            ("/press/returns-pilot.html", "Returns pilot starts", "2026-11-20"),
            ("https://office.example/press/reception.html", "Reception plan", "2026-11-18"),
            ("/press/returns-pilot.html#top", "Duplicate link", "2026-11-20"),
        ]
    )
    parsed = listing_entries(
        content,
        "https://office.example/press/",
        source("https://office.example/press/", discovery="listing", selector="ul.releases li"),
        max_entries=50,
    )
    assert [(e.url, e.title, e.published_at) for e in parsed.entries] == [
        ("https://office.example/press/returns-pilot.html", "Returns pilot starts",
         "2026-11-20T00:00:00Z"),
        ("https://office.example/press/reception.html", "Reception plan", "2026-11-18T00:00:00Z"),
    ]
    assert parsed.title == "Press releases"


def test_listing_link_pattern_alone_filters_every_link():
    content = listing([("/press/a.pdf", "A", "2026-11-01"), ("/press/b.html", "B", "2026-11-02")])
    parsed = listing_entries(
        content,
        "https://office.example/press/",
        source("https://office.example/press/", discovery="listing", link_pattern=r"\.pdf$"),
        max_entries=50,
    )
    assert [e.url for e in parsed.entries] == ["https://office.example/press/a.pdf"]


def test_listing_element_without_link_is_reported():
    content = b"<html><body><div class='item'>No link here</div></body></html>"
    parsed = listing_entries(
        content,
        "https://office.example/",
        source("https://office.example/", discovery="listing", selector="div.item"),
        max_entries=50,
    )
    assert parsed.entries == [] and "no link" in parsed.skipped[0]


URLSET = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{urls}
</urlset>"""
URL = "<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod>{extra}</url>"
INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{children}
</sitemapindex>"""
CHILD = "<sitemap><loc>{loc}</loc><lastmod>{lastmod}</lastmod></sitemap>"


def urlset(entries: list[tuple[str, str]], news_date: str | None = None) -> bytes:
    extra = (
        f"<news:news><news:publication_date>{news_date}</news:publication_date></news:news>"
        if news_date
        else ""
    )
    return URLSET.format(
        urls="\n".join(URL.format(loc=loc, lastmod=last, extra=extra) for loc, last in entries)
    ).encode()


def index(children: list[tuple[str, str]]) -> bytes:
    return INDEX.format(
        children="\n".join(CHILD.format(loc=loc, lastmod=lastmod) for loc, lastmod in children)
    ).encode()


def test_sitemap_urlset_and_index_parsed():
    content = urlset([("https://court.example/j/1", "2026-11-01")], news_date="2026-10-30")
    pages = parse_sitemap(content, 10**6)
    assert pages.pages == [("https://court.example/j/1", "2026-11-01", "2026-10-30")]
    children = parse_sitemap(index([("https://court.example/s1.xml", "2026-11-02")]), 10**6)
    assert children.children == [("https://court.example/s1.xml", "2026-11-02")]


def test_gzipped_sitemap_and_zip_bomb():
    content = gzip.compress(urlset([("https://court.example/j/1", "2026-11-01")]))
    assert len(parse_sitemap(content, 10**6).pages) == 1
    bomb = gzip.compress(b"<urlset>" + b" " * 2_000_000 + b"</urlset>")
    with pytest.raises(SitemapError, match="exceeds"):
        parse_sitemap(bomb, 1_000_000)


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"<html><body>not a sitemap</body></html>", "neither"), (b"<urlset><url>", "not valid XML")],
)
def test_bad_sitemaps_say_why(content, problem):
    with pytest.raises(SitemapError, match=problem):
        parse_sitemap(content, 10**6)


# --- crawling ----------------------------------------------------------------------


def serve_pages(http_server, paths: list[str]) -> None:
    for number, path in enumerate(paths):
        http_server.add(path, page(f"Release {path}", n=1000 * (number + 1)))


def test_listing_source_finds_new_documents_once(http_server, settings, db):
    items = [
        ("/press/2026/returns-pilot.html", "Returns pilot starts", "2026-11-20"),
        ("/press/2026/reception-plan.html", "Reception plan adopted", "2026-11-18"),
    ]
    http_server.add("/press/", listing(items))
    serve_pages(http_server, [href for href, _, _ in items])
    note = build_pdf(
        Document(
            pages=[Page(paragraphs=[page("x").decode()[200:900]] * 2)],
            title="Policy note on returns",
        )
    )
    pdf_type = {"Content-Type": "application/pdf"}
    http_server.add("/press/2026/policy-note.pdf", note, headers=pdf_type)
    office = source(
        http_server.url + "/press/",
        discovery="listing",
        selector="ul.releases li",
        doc_type="mixed",
    )

    first = crawl(db, [office], settings, run_id="r1")
    assert (first.entries, first.new, first.failed) == (2, 2, 0)
    stored = {r["url"].rsplit("/", 1)[-1]: r for r in db.query("select * from articles")}
    assert set(stored) == {"returns-pilot.html", "reception-plan.html"}
    assert {r["doc_type"] for r in stored.values()} == {"press_release"}  # /press/ addresses

    # The office publishes a PDF; the listing now shows three documents.
    http_server.add(
        "/press/",
        listing([("/press/2026/policy-note.pdf", "Policy note on returns", "2026-11-22"), *items]),
    )
    second = crawl(db, [office], settings, run_id="r2")
    assert (second.entries, second.new, second.failed) == (3, 1, 0)
    assert http_server.hits["/press/2026/returns-pilot.html"] == 1
    assert http_server.hits["/press/2026/reception-plan.html"] == 1
    assert http_server.hits["/press/2026/policy-note.pdf"] == 1
    assert http_server.hits["/press/"] == 2
    pdf_row = next(iter(db.query("select * from articles where url like '%.pdf'")))
    assert pdf_row["text_source"] == "pdf" and pdf_row["doc_type"] == "policy_document"
    assert db.table("sources").get("office")["discovery"] == "listing"


def test_sitemap_index_source_finds_new_documents_once(http_server, settings, db):
    old = ["/judgments/2025/a.html", "/judgments/2025/b.html"]
    new = ["/judgments/2026/c.html"]
    http_server.add(
        "/sitemap.xml",
        index(
            [
                ("/sitemap-2025.xml", "2025-12-31T10:00:00+00:00"),
                ("/sitemap-2026.xml.gz", "2026-11-20T10:00:00+00:00"),
            ]
        ),
        headers={"Content-Type": "application/xml"},
    )
    http_server.add(
        "/sitemap-2025.xml",
        urlset([(http_server.url + path, "2025-06-01") for path in old]
               + [(http_server.url + "/about.html", "2025-01-01")]),
        headers={"Content-Type": "application/xml"},
    )
    http_server.add(
        "/sitemap-2026.xml.gz",
        gzip.compress(urlset([(http_server.url + path, "2026-11-20") for path in new])),
        headers={"Content-Type": "application/gzip"},
    )
    serve_pages(http_server, old + new + ["/judgments/2026/d.html"])
    court = Source(
        id="court",
        name="Court",
        url=http_server.url + "/sitemap.xml",
        language="en",
        kind="court",
        discovery="sitemap",
        link_pattern=r"/judgments/",
        doc_type="court_ruling",
    )

    first = crawl(db, [court], settings, run_id="r1")
    assert (first.entries, first.new, first.failed) == (3, 3, 0)
    assert http_server.hits.get("/about.html") is None  # filtered by link_pattern
    urls = [r["url"] for r in db.query("select url from articles order by url")]
    assert urls == [http_server.url + p for p in sorted(old + new)]

    # A new judgment appears in this year's sitemap.
    http_server.add(
        "/sitemap-2026.xml.gz",
        gzip.compress(
            urlset([(http_server.url + p, "2026-11-25") for p in new + ["/judgments/2026/d.html"]])
        ),
    )
    second = crawl(db, [court], settings, run_id="r2")
    assert (second.entries, second.new) == (4, 1)
    for path in old + new + ["/judgments/2026/d.html"]:
        assert http_server.hits[path] == 1, path
    assert {r["doc_type"] for r in db.query("select doc_type from articles")} == {"court_ruling"}


def test_sitemap_index_reads_only_the_newest_children(http_server, settings, db):
    http_server.add(
        "/sitemap.xml",
        index([("/old.xml", "2020-01-01"), ("/new.xml", "2026-11-01")]),
    )
    http_server.add("/new.xml", urlset([(http_server.url + "/j/new.html", "2026-11-01")]))
    http_server.add("/old.xml", urlset([(http_server.url + "/j/old.html", "2020-01-01")]))
    serve_pages(http_server, ["/j/new.html", "/j/old.html"])
    court = source(http_server.url + "/sitemap.xml", discovery="sitemap")
    counts = crawl(db, [court], settings.replace(max_sitemap_children=1), run_id="r1")
    assert counts.new == 1 and "/old.xml" not in http_server.hits


def test_broken_child_sitemap_recorded_and_others_read(http_server, settings, db):
    http_server.add("/sitemap.xml", index([("/gone.xml", "2026-11-02"), ("/ok.xml", "2026-11-01")]))
    http_server.add("/ok.xml", urlset([(http_server.url + "/j/1.html", "2026-11-01")]))
    serve_pages(http_server, ["/j/1.html"])
    counts = crawl(db, [source(http_server.url + "/sitemap.xml", discovery="sitemap")], settings,
                   run_id="r1")
    assert counts.new == 1
    errors = [r["error"] for r in db.query("select error from fetch_errors")]
    assert any("gone.xml" in error and "404" in error for error in errors)


def test_listing_that_is_not_html_is_recorded(http_server, settings, db):
    http_server.add("/press/", b"", headers={"Content-Type": "text/html"})
    office = source(http_server.url + "/press/", discovery="listing", selector="a")
    counts = crawl(db, [office], settings, run_id="r1")
    assert counts.new == 0
    errors = list(db.query("select stage, error from fetch_errors"))
    assert errors and errors[0]["stage"] == "feed_parse"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ("discovery: listing", "a listing source needs a selector or a link_pattern"),
        ("discovery: listing, selector: 'ul li['", "selector 'ul li[' is not valid CSS"),
        ("discovery: sitemap, link_pattern: '(open'", "link_pattern '(open' is not a valid regex"),
        ("discovery: sitemap, selector: a", "selector is only used by discovery: listing"),
        ("discovery: scrape", "discovery 'scrape' is not one of feed, listing, sitemap"),
    ],
)
def test_feeds_yaml_discovery_errors_name_the_entry(fields, problem):
    from monitor.crawl.sources import ConfigError, parse_feeds_text

    text = (
        "feeds:\n  - {id: office, name: Office, url: 'https://office.example/press/', "
        f"language: en, {fields}}}\n"
    )
    with pytest.raises(ConfigError) as error:
        parse_feeds_text(text)
    assert str(error.value).startswith("feeds.yaml: feed #1 (office): ")
    assert problem in str(error.value)
