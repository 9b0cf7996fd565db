"""Property-based tests: URL normalisation, feed parsing and analysis on arbitrary input.

They hold for every input hypothesis can think of: no unexpected exception,
a bounded time per input, and a normal form that stays normal.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.classify import classifier as classify
from monitor.crawl.feeds import parse_feed
from monitor.urls import article_id, canonical_url

URL_PARTS = st.sampled_from(
    ["http", "https", "HTTP", "ftp", "", ":", "//", "/", "?", "#", "&", "=", "%", "%2F", "%zz",
     "[", "]", "::1", "@", "example.org", "EXAMPLE.org.", ":80", ":443", ":99999", ":x",
     "utm_source=rss", "a=1", "b=%20", "+", " ", "\t", "é", "ü", "\u2028", "\x00", "..", "."]
)  # fmt: skip
URLS = st.one_of(
    st.text(max_size=200),
    st.lists(URL_PARTS, max_size=20).map("".join),
    st.builds(
        lambda scheme, host, path, query: f"{scheme}://{host}/{path}?{query}",
        st.sampled_from(["http", "https", "HTTP"]),
        st.from_regex(r"[A-Za-z0-9.-]{1,30}(:[0-9]{1,5})?", fullmatch=True),
        st.text(max_size=60),
        st.text(max_size=60),
    ),
)


@given(URLS)
@settings(max_examples=400, deadline=timedelta(milliseconds=500))
def test_canonical_url_is_idempotent_or_refuses_with_value_error(url):
    try:
        once = canonical_url(url)
    except ValueError:
        return  # the documented refusal: not a URL that can be normalised
    assert canonical_url(once) == once
    assert article_id(once) == article_id(url)


RSS_TEMPLATE = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
    "<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
    "<description>{body}</description></item></channel></rss>"
)
FEED_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.builds(
        lambda title, link, date, body: RSS_TEMPLATE.format(
            title=title, link=link, date=date, body=body
        ).encode("utf-8", "surrogatepass"),
        st.text(max_size=80),
        st.one_of(st.text(max_size=80), URLS),
        st.text(max_size=40),
        st.text(max_size=200),
    ),
)


@given(FEED_BYTES)
@settings(
    max_examples=300,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)
def test_parse_feed_never_raises_on_arbitrary_bytes(content):
    started = time.monotonic()
    parsed = parse_feed(content, "http://feeds.example.org/news/feed.xml")
    assert time.monotonic() - started < 2
    for entry in parsed.entries:
        assert entry.url.startswith(("http://", "https://"))
        assert entry.published_at is None or entry.published_at.endswith("Z")


TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(
            ["The minister said", '"We will return them," she said.', "According to UNHCR,",
             "12,000", "more than 3 per cent", "Afghanistan", "Kabul", "asylum", "deportation",
             "\n", "  ", ".", "“", "”", "’", "—", "Frontex", "EU", "the court", "he", "2025",
             "€4.5 million", "Mr", "Dr.", "(", ")", ":", ";", "\u200b", "ﬁ", "🙂"]
        ),
        max_size=60,
    ).map(" ".join),
)  # fmt: skip


@pytest.mark.slow
@given(TEXTS)
@settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_analyze_never_raises_and_keeps_offsets_inside_the_text(analyzer, text):
    started = time.monotonic()
    analysis = analyzer.analyze(text, force=True)
    assert time.monotonic() - started < 5
    assert set(analysis) >= {"relevant", "countries", "actors", "figures", "statements"}
    prepared = text.replace("\r\n", "\n").replace("\r", "\n")
    for item in analysis["statements"] + analysis["figures"]:
        assert 0 <= item["start"] <= item["end"] <= len(prepared)


SENTENCES = st.sampled_from(
    ["The ministry said returns would resume.", "Arrivals fell by a third.", "It rained.",
     "Frontex reported 1,200 crossings.", "The court halted the transfer.", ""]
)  # fmt: skip


@pytest.mark.slow
@given(st.lists(st.lists(SENTENCES, max_size=6), min_size=1, max_size=8))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_classifier_scores_do_not_depend_on_what_it_remembers(analyzer, monkeypatch, batches):
    """The classifier remembers feature rows of recent texts (and forgets them all
    when there are too many); any sequence of batches gets a fresh classifier's scores."""
    monkeypatch.setattr(classify, "FEATURE_CACHE_SIZE", 3)
    loaded = analyzer.classifier
    remembering = classify.Classifier(loaded.rules, loaded.bundle, loaded.metadata)
    for batch in batches:
        fresh = classify.Classifier(loaded.rules, loaded.bundle, loaded.metadata)
        assert remembering.score_texts(batch) == fresh.score_texts(batch)
