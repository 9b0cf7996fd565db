import pytest

from monitor.crawl.feeds import parse_feed
from tests.conftest import shared_path


def fixture_feed(name: str) -> bytes:
    return shared_path("fixtures", "feeds", name).read_bytes()


def test_real_news_feed_entries_have_absolute_links_and_utc_dates():
    parsed = parse_feed(fixture_feed("bbc-europe-2015.xml"), "https://feeds.bbci.co.uk/x.xml")
    assert parsed.malformed is None
    assert len(parsed.entries) > 10
    for entry in parsed.entries:
        assert entry.url.startswith("http")
        assert entry.published_at is None or entry.published_at.endswith("Z")


def test_offsets_normalised_to_utc():
    parsed = parse_feed(fixture_feed("ynetnews-tz-offset.xml"), "https://www.ynetnews.com/rss")
    dates = [e.published_at for e in parsed.entries if e.published_at]
    assert dates and all(d.endswith("Z") for d in dates)


def test_relative_links_resolved_against_feed_url():
    parsed = parse_feed(fixture_feed("relative-links.xml"), "https://example.com/feeds/rss.xml")
    assert parsed.entries
    assert all(e.url.startswith("https://") or e.url.startswith("http://") for e in parsed.entries)


def test_xml_base_resolution():
    parsed = parse_feed(fixture_feed("atom-xml-base.xml"), "https://feed.example/atom")
    assert parsed.entries
    assert all(e.url.startswith("http") for e in parsed.entries)


def test_entries_without_link_are_reported_not_lost_silently():
    parsed = parse_feed(fixture_feed("missing-fields.atom"), "https://example.org/feed")
    assert parsed.skipped or parsed.entries
    for reason in parsed.skipped:
        assert "no link" in reason or "is not http(s)" in reason


@pytest.mark.parametrize(
    "name",
    [
        "illformed-aaa_illformed.xml",
        "illformed-rss_incomplete_cdata.xml",
        "truncated-by-server-error.xml",
        "illformed-rss_empty_document.xml",
        "illformed-undeclared_namespace.xml",
        "latin1-undeclared.rss",
    ],
)
def test_malformed_feeds_never_raise(name):
    parsed = parse_feed(fixture_feed(name), "https://example.org/feed")
    assert isinstance(parsed.entries, list)


def test_truncated_feed_keeps_recovered_entries_and_flags_problem():
    parsed = parse_feed(fixture_feed("truncated-by-server-error.xml"), "https://example.org/f")
    assert parsed.malformed


def test_latin1_titles_decoded():
    parsed = parse_feed(fixture_feed("latin1-declared.rss"), "https://example.org/f")
    assert any(any(ch in e.title for ch in "áéíóúãõç") for e in parsed.entries)


def test_entry_cap():
    parsed = parse_feed(fixture_feed("huge-podcast.rss"), "https://example.org/f", max_entries=5)
    assert len(parsed.entries) <= 5


WELL_FORMED_COUNTS = {
    "aljazeera-2015.xml": 25,
    "atom-xml-base.xml": 1,
    "bbc-europe-2015.xml": 102,
    "guardian-us-2018.rss": 55,
    "heise-de.atom": 15,
    "ilgiornale-it.xml": 1,
    "latin1-declared.rss": 40,
    "latin1-undeclared.rss": 15,
    "relative-links.xml": 2,
    "reuters-world-2015.xml": 20,
    "rss1-iso8859.xml": 1,
    "telegraph-world-2015.xml": 20,
    "ynetnews-tz-offset.xml": 13,
    "huge-podcast.rss": 730,
}
BROKEN = {
    "illformed-aaa_illformed.xml",
    "illformed-rss_empty_document.xml",
    "illformed-undeclared_namespace.xml",
    "truncated-by-server-error.xml",
    "illformed-rss_item_link_corrupted_ampersands.xml",
}


def test_every_fixture_feed_parses_and_well_formed_ones_give_every_entry():
    folder = shared_path("fixtures", "feeds")
    for path in sorted(folder.iterdir()):
        parsed = parse_feed(path.read_bytes(), "https://example.org/feed", max_entries=1000)
        if path.name in WELL_FORMED_COUNTS:
            assert len(parsed.entries) == WELL_FORMED_COUNTS[path.name], path.name
        if path.name in BROKEN:
            assert parsed.malformed, f"{path.name} should be recorded as malformed"


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>&xxe;</title>'
        "<link>https://example.org/a</link></item></channel></rss>"
    ).encode()
    parsed = parse_feed(feed, "https://example.org/feed")
    assert all("TOP-SECRET" not in e.title + e.summary for e in parsed.entries)


def test_billion_laughs_ends_quickly_without_expanding():
    import time

    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>T</title><item><title>&lol9;</title><link>https://example.org/a</link>"
        "</item></channel></rss>"
    ).encode()
    started = time.monotonic()
    parsed = parse_feed(feed, "https://example.org/feed")
    assert time.monotonic() - started < 5
    assert all(len(e.title) < 100_000 for e in parsed.entries)
