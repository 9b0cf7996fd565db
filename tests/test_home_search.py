"""The home page's search without a browser: how typed words are read as countries,
label words and other words, and which statements and articles each reading finds,
by every path the search can take (complete from the index, or the newest rows)."""

from __future__ import annotations

import dataclasses

import pytest

from monitor import store
from monitor.publish import home_search
from monitor.publish.search_query import search_country, understand, word_stem
from monitor.settings import Settings

# --- reading the typed words ---------------------------------------------------------


def test_returns_afghanistan_is_a_country_and_a_label_word():
    understood = understand("returns Afghanistan")
    assert [c.iso3 for c in understood.countries] == ["AFG"]
    assert [(t.text, t.label) for t in understood.terms] == [("returns", "return_policy")]
    assert understood.describe() == "statements about Afghanistan matching “returns”"


@pytest.mark.parametrize(
    ("typed", "iso3"),
    [
        ("afghanistan", "AFG"),
        ("AFG", "AFG"),
        ("Afghans", "AFG"),
        ("syrian", "SYR"),
        ("UK", "GBR"),
        ("DRC", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("the Netherlands", "NLD"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
    ],
)
def test_country_names_short_names_demonyms_and_codes(typed, iso3):
    assert search_country(typed) == iso3


@pytest.mark.parametrize("typed", ["us", "can", "and", "per", "afg", "turkey", "chad", "policy"])
def test_short_lowercase_words_and_ambiguous_names_typed_lowercase_are_words(typed):
    assert search_country(typed) is None


def test_words_in_a_longer_search():
    understood = understand('deportation of Afghans from Pakistan "family reunification" children')
    assert [c.iso3 for c in understood.countries] == ["AFG", "PAK"]
    assert [(t.text, t.label, t.phrase) for t in understood.terms] == [
        ("deportation", "return_policy", False),
        ("family reunification", "protection_access", True),
        ("children", None, False),
    ]
    assert understood.ignored == ("of", "from")
    assert understood.describe().startswith("statements about Afghanistan and Pakistan matching")


def test_label_names_ids_and_phrases():
    assert [t.label for t in understand("border control Greece").terms] == ["border_control"]
    assert [t.label for t in understand("return_policy").terms] == ["return_policy"]
    assert [t.label for t in understand("Returned returning").terms] == ["return_policy"] * 2
    assert understand("Valencia").terms[0].label is None


def test_word_stems_compare_endings_alike():
    assert {word_stem(w) for w in ("returns", "returned", "returning", "return")} == {"return"}
    assert word_stem("smugglers") == word_stem("smuggler")
    assert word_stem("us") == "us"


def test_nothing_but_stopwords_is_nothing_to_search():
    understood = understand("to the")
    assert understood.empty and understood.ignored == ("to", "the")


# --- finding statements and articles --------------------------------------------------

STATEMENTS = [
    # id, text, countries, labels, date
    ("s1", "Returns to Afghanistan must resume, the minister said.", ["AFG"], [], "2026-11-01"),
    ("s2", "We will deport people whose claims fail.", ["AFG"], ["return_policy"], "2026-11-02"),
    ("s3", "Afghanistan needs aid for its schools.", ["AFG"], ["integration"], "2026-11-03"),
    ("s4", "Returns to Syria are not safe.", ["SYR"], ["return_policy"], "2026-11-04"),
    ("s5", "He returned from Kabul with a report on returns.", ["AFG", "PAK"], [], "2026-11-05"),
]


@pytest.fixture
def search_db(tmp_path):
    db = store.open_db(str(tmp_path / "monitor.db"))
    db.table("articles").insert_all(
        [
            {
                "id": "a1",
                "url": "https://example.org/a1",
                "title": "Returns to Afghanistan debated",
                "text": "Ministers debated returns to Afghanistan and Syria on Monday.",
                "published_at": "2026-11-05T10:00:00Z",
            },
            {
                "id": "a2",
                "url": "https://example.org/a2",
                "title": "Syria returns",
                "text": "Returns to Syria were discussed.",
                "published_at": "2026-11-06T10:00:00Z",
            },
        ]
    )
    db.table("article_countries").insert_all(
        [
            {"article_id": "a1", "iso3": "AFG", "mentions": 2},
            {"article_id": "a2", "iso3": "SYR", "mentions": 1},
        ]
    )
    for statement_id, text, countries, labels, date in STATEMENTS:
        db.table("statements").insert(
            {
                "id": statement_id,
                "article_id": "a1",
                "speaker_text": "A minister",
                "content": text,
                "published_at": date,
                "stance": "neutral",
            }
        )
        db.table("statement_countries").insert_all(
            {"statement_id": statement_id, "iso3": iso3, "published_at": date} for iso3 in countries
        )
        db.table("statement_labels").insert_all(
            {"id": statement_id, "label": label, "score": 0.9} for label in labels
        )
    yield db.conn
    db.close()


def _found(conn, typed: str, **limits) -> dict:
    settings = dataclasses.replace(Settings(), **limits)
    return home_search.search_page(conn, typed, settings, "/monitor", "/search")


def _statement_ids(page: dict) -> list[str]:
    return [row["id"] for row in page["statements"]]


# Complete from the index (few matches); the look over the newest rows with the
# matches read once as a set (middling words); the row-by-row look that common words
# take: the same statements, newest first.
PATHS = [
    {},
    {"home_search_complete_matches": 0},
    {"home_search_complete_matches": 0, "home_search_match_set_rows": 0},
]


@pytest.mark.parametrize("limits", PATHS)
def test_returns_afghanistan_finds_statements_about_returns_to_afghanistan(search_db, limits):
    page = _found(search_db, "returns Afghanistan", **limits)
    # s5 (the word, two countries), s2 (the label only), s1 (the word); never s3 (no
    # returns) or s4 (Syria).
    assert _statement_ids(page) == ["s5", "s2", "s1"]
    assert page["description"] == "statements about Afghanistan matching “returns”"
    assert "<mark>Returns</mark> to <mark>Afghanistan</mark>" in page["statements"][2]["content"]
    assert [c["name"] for c in page["statements"][0]["countries"]] == ["Afghanistan", "Pakistan"]
    assert [a["id"] for a in page["articles"]] == ["a1"]


@pytest.mark.parametrize("limits", PATHS)
def test_words_and_countries_alone(search_db, limits):
    assert _statement_ids(_found(search_db, "returns", **limits)) == ["s5", "s4", "s2", "s1"]
    assert _statement_ids(_found(search_db, "Afghanistan", **limits)) == ["s5", "s3", "s2", "s1"]
    assert _statement_ids(_found(search_db, "Kabul Pakistan", **limits)) == ["s5"]
    assert _statement_ids(_found(search_db, "returns AFG PAK", **limits)) == ["s5"]
    assert _found(search_db, "Valencia", **limits)["statements"] == []


def test_a_look_cut_short_says_how_far_back_it_went(search_db):
    page = _found(
        search_db,
        "returns Afghanistan",
        home_search_complete_matches=0,
        home_search_match_set_rows=0,
        home_search_scan_rows=2,
    )
    assert _statement_ids(page) == ["s5"]
    assert page["statements_stopped_at"] == "2026-11-03"  # s5 and s3 looked at


def test_refining_links_narrow_and_widen(search_db):
    links = {
        link["text"]: link["href"] for link in _found(search_db, "returns Afghanistan")["refine"]
    }
    assert links["Only statements labelled Return policy about Afghanistan"] == (
        "/monitor/statements_by?label=return_policy&country=AFG"
    )
    assert links["Everything about Afghanistan"] == "/monitor/countries/AFG"
    assert links["Statements about any country matching “returns”"] == "/search?q=returns"
    assert links["The words “returns Afghanistan” as written"] == (
        "/monitor/search?q=returns+Afghanistan"
    )


def test_typed_markup_and_fts_operators_are_only_text(search_db):
    page = _found(search_db, '<script>alert(1)</script> NEAR( "returns" OR * Afghanistan')
    assert page["understood"].countries[0].iso3 == "AFG"  # no error from FTS5 syntax
    assert all("<script>" not in str(row["content"]) for row in page["statements"])


@pytest.mark.parametrize("typed", ["-", "—", '"', '""', "()", "'s", "AND OR NOT", "a*b", "x:y"])
def test_punctuation_alone_never_breaks_the_search(search_db, typed):
    page = _found(search_db, typed)
    assert isinstance(page["statements"], list)
