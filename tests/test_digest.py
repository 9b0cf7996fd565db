"""Selecting, matching, grouping and folding the items of a digest."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from monitor.publish.digest import (
    DigestError,
    build_digest,
    daily_period,
    match_reasons,
    parse_moment,
)
from monitor.publish.subscriptions import Filters, Subscription
from monitor.settings import SettingsError
from tests.digest_data import DAY, fill_newsroom, statement_ids


def subscription(**filters) -> Subscription:
    return Subscription(
        id="test", recipients=("a@example.org",), schedule="daily", filters=Filters(**filters)
    )


@pytest.fixture
def newsroom(db):
    return fill_newsroom(db)


def test_daily_period_ends_at_the_local_digest_hour(settings):
    brussels = settings.replace(digest_timezone="Europe/Brussels", digest_hour=7)
    after = daily_period(brussels, datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc))
    assert after.iso() == ("2026-11-27T06:00:00Z", "2026-11-28T06:00:00Z")
    before = daily_period(brussels, datetime(2026, 11, 28, 5, 59, tzinfo=timezone.utc))
    assert before.iso() == ("2026-11-26T06:00:00Z", "2026-11-27T06:00:00Z")
    # The night clocks go forward the local day has 23 hours; 07:00 stays 07:00.
    spring = daily_period(brussels, datetime(2026, 3, 29, 12, 0, tzinfo=timezone.utc))
    assert spring.iso() == ("2026-03-28T06:00:00Z", "2026-03-29T05:00:00Z")


def test_unknown_time_zone_is_a_clear_error(settings):
    # Refused when the settings are made, before any digest is built.
    with pytest.raises(SettingsError, match="digest_timezone.*Mars/Olympus.*IANA time zone"):
        settings.replace(digest_timezone="Mars/Olympus")
    with pytest.raises(SettingsError, match="digest_hour.*24 is out of range"):
        settings.replace(digest_hour=24)


def test_moments_without_offset_are_local(settings):
    brussels = settings.replace(digest_timezone="Europe/Brussels")
    assert parse_moment("2026-11-27", brussels) == datetime(2026, 11, 26, 23, tzinfo=timezone.utc)
    assert parse_moment("2026-11-27T10:00Z", brussels).hour == 10
    with pytest.raises(DigestError, match="yesterday"):
        parse_moment("yesterday", brussels)


def test_digest_of_a_day_without_filters(newsroom, settings):
    digest = build_digest(newsroom, subscription(), settings, DAY)
    titles = {item.title for item in digest.items}
    # Relevant originals of the day, dated by published_at or (undated) by fetched_at;
    # not the late-fetched October article, not the football match, not the copy.
    assert titles == {
        "Belgium prepares return flights",
        "Deal with Tunisia signed",
        "Undated readmission note",
    }
    assert len(digest.items) == 4
    assert (
        digest.summary() == "4 statements in 3 articles from 3 sources (1 syndicated copy folded)"
    )
    # Each article once, its statements under it, in the order the day brought them.
    articles = [
        (article.title, [item.content for item in article.statements])
        for article in digest.by_article()
    ]
    assert articles == [
        (
            "Belgium prepares return flights",
            [
                "preparations for return flights to Afghanistan are underway",
                "returns must be handled carefully",
            ],
        ),
        ("Deal with Tunisia signed", ["the memorandum will cut departures"]),
        ("Undated readmission note", ["the readmission agreement is ready"]),
    ]
    assert [article.why for article in digest.by_article()] == ["", "", ""]  # no filters
    first = digest.items[0]
    assert first.speaker == "Freddy Roosemont"
    assert first.role == "Director-General of the Immigration Office"
    assert first.source == "The Ledger"
    assert [(copy.source, copy.url) for copy in first.also_in] == [
        ("Meridian Wire", "https://wire.example/returns-copy")
    ]
    assert first.why == ""
    assert first.statement_link == (
        f"http://127.0.0.1:8001/test/statements/{statement_ids(newsroom, 'returns')[0]}"
    )
    assert first.article_link == "http://127.0.0.1:8001/test/articles/returns"
    # BEL: 4 in the returns article + 3 in the undated note
    assert digest.countries[:3] == [
        ("BEL", "Belgium", 7),
        ("TUN", "Tunisia", 5),
        ("AFG", "Afghanistan", 2),
    ]
    assert [figure.text for figure in digest.figures] == ["more than 34,000", "12 percent"]


def test_each_filter_narrows_and_explains(newsroom, settings):
    by_label = build_digest(newsroom, subscription(labels=("rights_concerns",)), settings, DAY)
    assert [item.speaker for item in by_label.items] == ["Human Rights Watch"]
    assert by_label.items[0].why == "Rights concerns"
    assert by_label.by_article()[0].why == "Rights concerns"
    assert by_label.items[0].group == "rights_concerns"

    # min_score: return_policy at 0.76 no longer counts for Human Rights Watch
    strict = build_digest(
        newsroom, subscription(labels=("return_policy",), min_score=0.8), settings, DAY
    )
    assert [item.speaker for item in strict.items] == ["Freddy Roosemont"]

    by_country = build_digest(newsroom, subscription(countries=("TUN",)), settings, DAY)
    assert [item.why for item in by_country.items] == ["mentions Tunisia"]
    assert by_country.countries[0][0] == "TUN"

    speaker_country = build_digest(
        newsroom, subscription(countries=("BEL",), speaker_types=("government",)), settings, DAY
    )
    assert {item.why for item in speaker_country.items} == {
        "mentions Belgium; speaker from Belgium; government speaker"
    }

    by_actor = build_digest(newsroom, subscription(actors=("ursula-example",)), settings, DAY)
    assert [item.why for item in by_actor.items] == ["said by Ursula Example"]
    by_name = build_digest(newsroom, subscription(actors=("human rights watch",)), settings, DAY)
    assert len(by_name.items) == 1

    by_keyword = build_digest(newsroom, subscription(keywords=("Readmission",)), settings, DAY)
    assert [item.title for item in by_keyword.items] == ["Undated readmission note"]
    assert by_keyword.items[0].why == "says 'Readmission'"
    # keywords match whole words: "return" is not found inside "returns"
    whole_words = build_digest(newsroom, subscription(keywords=("return",)), settings, DAY)
    assert [item.content for item in whole_words.items] == [
        "preparations for return flights to Afghanistan are underway",
        "returns must be handled carefully",  # through the title "... return flights"
    ]

    nothing = build_digest(
        newsroom, subscription(labels=("integration",), countries=("BEL",)), settings, DAY
    )
    assert nothing.empty and nothing.summary().startswith("All quiet")


def test_match_reasons_require_every_filter():
    row = {"speaker_type": "ngo", "content": "x", "title": "y", "relevance_score": 0.9}
    assert match_reasons(row, [], {"BEL"}, Filters(countries=("BEL",))) == ["mentions Belgium"]
    assert match_reasons(row, [], set(), Filters()) == []  # no filters: nothing to explain
    assert (
        match_reasons(row, [], {"BEL"}, Filters(countries=("BEL",), labels=("integration",)))
        is None
    )
    labels = [("return_policy", 0.9)]
    assert (
        match_reasons(row, labels, set(), Filters(labels=("return_policy",), min_score=0.95))
        is None
    )


def test_rebuilding_from_recorded_ids_ignores_the_period(newsroom, settings):
    ids = statement_ids(newsroom, "old-but-late")
    digest = build_digest(newsroom, subscription(), settings, DAY, only_ids=ids)
    assert digest.item_ids == ids


def test_exclude_ids_and_the_statement_limit(newsroom, settings):
    everything = build_digest(newsroom, subscription(), settings, DAY)
    later = build_digest(
        newsroom, subscription(), settings, DAY, exclude_ids=set(everything.item_ids[:3])
    )
    assert later.item_ids == everything.item_ids[3:]
    capped = build_digest(newsroom, subscription(), settings.replace(digest_max_statements=2), DAY)
    assert capped.shown == 2 and len(capped.items) == 4
    assert sum(len(article.statements) for article in capped.by_article()) == 2
    one_each = build_digest(
        newsroom, subscription(), settings.replace(digest_statements_per_article=1), DAY
    )
    first = one_each.by_article()[0]
    assert len(first.statements) == 1 and first.more == 1
    # the article's best match by label score is the one kept
    assert first.statements[0].content.startswith("preparations for return flights")


def test_policy_documents_are_named_as_what_they_are(newsroom, settings):
    newsroom.execute(
        "update articles set doc_type = 'press_release' where id = ?",
        [build_digest(newsroom, subscription(), settings, DAY).items[0].article_id],
    )
    newsroom.conn.commit()
    items = build_digest(newsroom, subscription(), settings, DAY).items
    kinds = {item.doc_type for item in items}
    assert "press release" in kinds and "news" in kinds


def test_a_denial_reads_as_a_denial_in_the_digest_and_the_database(db, settings):
    from monitor.publish.mailer import render
    from tests.digest_data import add_article, statement

    add_article(
        db,
        "denial",
        title="Ministry denies detention of returnees",
        published_at="2026-11-27T12:00:00Z",
        statements=(
            statement(
                "returnees were routinely detained on arrival",
                "Interior Ministry",
                cue="denied",
                negated=True,
                stance="restrictive",
            ),
        ),
    )
    assert db.execute("select negated, cue from statements").fetchall() == [(1, "denied")]
    digest = build_digest(db, subscription(), settings, DAY)
    (item,) = digest.items
    assert item.negated
    _, plain, html = render(digest, "monitor@example.org")
    assert 'denied: "returnees were routinely detained on arrival"' in plain
    assert "<strong>denied:</strong> returnees were routinely detained" in html


def test_the_stance_is_said_with_how_sure_the_classifier_is():
    from monitor.publish.digest import certainty

    assert [certainty(s) for s in (0.93, 0.7, 0.41, None)] == [
        "very likely",
        "likely",
        "possibly",
        "",
    ]
