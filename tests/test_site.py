"""The published site as researchers use it: canned queries, Atom feeds, the
dashboard, search, the article and actor pages, and escaping everywhere.

Runs the real Datasette in-process over a database the real pipeline wrote.
"""

from __future__ import annotations

import asyncio
import html as html_module
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from markupsafe import escape

from monitor.publish import datasette as site_datasette
from monitor.publish import site as publish
from monitor.publish.site import Mark, render_marked_text
from monitor.settings import Settings
from tests.site_data import HOSTILE_ID, HOSTILE_MARKERS, build_site_db, gold

METADATA = yaml.safe_load(
    (Path(Settings().datasette_dir) / "metadata.yml").read_text(encoding="utf-8")
)
QUERIES = METADATA["databases"]["monitor"]["queries"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, analyzer):
    path = tmp_path_factory.mktemp("site") / "monitor.db"
    ids = build_site_db(path, analyzer)
    settings = Settings(db=str(path))
    datasette = site_datasette.datasette_app(settings)
    conn = sqlite3.connect(path)
    yield {"app": datasette, "ids": ids, "conn": conn, "path": path}
    conn.close()


def get(site, path: str, **params):
    url = path + ("?" + urlencode(params) if params else "")
    return asyncio.run(site["app"].client.get(url))


def rows(site, query: str, **params) -> list[dict]:
    response = get(site, f"/monitor/{query}.json", _shape="objects", **params)
    assert response.status_code == 200, response.text[:500]
    return response.json()["rows"]


def blank(query: str) -> dict[str, str]:
    """Every parameter of a canned query, empty (= any)."""
    return dict.fromkeys(QUERIES[query].get("params", []), "")


# --- the configuration ------------------------------------------------------------


def test_every_canned_query_is_documented_and_declares_its_parameters():
    for name, query in QUERIES.items():
        assert query.get("title") and query.get("description_html"), name
        # :_rows_limit and other :_names are magic parameters filled in by the site
        used = set(re.findall(r"(?<!:):([a-z][a-z_]*)", query["sql"]))
        assert used == set(query.get("params", [])), name
        for column in ("atom_id", "atom_title", "atom_updated"):
            assert column in query["sql"], f"{name} cannot be an Atom feed without {column}"


def test_views_and_tables_are_described():
    tables = METADATA["databases"]["monitor"]["tables"]
    from monitor import store

    for name in [*store.TABLES, *store.VIEWS]:
        assert tables.get(name, {}).get("description"), name


def test_metadata_follows_a_database_with_another_name(tmp_path):
    metadata = site_datasette.site_metadata(Settings(db=str(tmp_path / "archive.db")))
    assert "archive" in metadata["databases"] and "monitor" not in metadata["databases"]
    charts = metadata["plugins"]["datasette-dashboards"]["overview"]["charts"]
    assert {chart["db"] for chart in charts.values()} == {"archive"}


# --- canned queries and their Atom feeds ---------------------------------------------


def test_statements_by_label_country_speaker_and_date(site):
    everything = rows(site, "statements_by", **blank("statements_by"))
    conn = site["conn"]
    assert len(everything) == conn.execute("select count(*) from statements").fetchone()[0]
    dates = [r["published_at"] for r in everything]
    assert dates == sorted(dates, reverse=True)

    returns = rows(site, "statements_by", **{**blank("statements_by"), "label": "return_policy"})
    assert returns and all("return_policy" in r["labels"] for r in returns)

    afghanistan = rows(
        site,
        "statements_by",
        **{**blank("statements_by"), "label": "rights_concerns", "country": "Afghanistan"},
    )
    assert HOSTILE_ID in {r["article_id"] for r in afghanistan}
    assert all("rights_concerns" in r["labels"] for r in afghanistan)

    belgium_id = site["ids"]["belgium-turkey-return-missions"]
    by_speaker = rows(
        site, "statements_by", **{**blank("statements_by"), "speaker": "Vandermeulen"}
    )
    assert by_speaker and all("Vandermeulen" in r["speaker"] for r in by_speaker)
    assert belgium_id in {r["article_id"] for r in by_speaker}

    # An actor id selects that actor's statements, alone or with a country.
    actor_id, country, expected = conn.execute(
        "select s.speaker_actor_id, sc.iso3, count(*) from statements s"
        " join statement_countries sc on sc.statement_id = s.id"
        " where s.speaker_actor_id is not null group by 1, 2 order by 3 desc limit 1"
    ).fetchone()
    theirs = rows(
        site, "statements_by", **{**blank("statements_by"), "speaker": actor_id, "country": country}
    )
    assert len(theirs) == expected
    assert {r["speaker_actor_id"] for r in theirs} == {actor_id}
    assert all(country in r["countries"] for r in theirs)
    said = conn.execute(
        "select count(*) from statements where speaker_actor_id = ?", [actor_id]
    ).fetchone()[0]
    assert (
        len(rows(site, "statements_by", **{**blank("statements_by"), "speaker": actor_id})) == said
    )

    window = rows(
        site,
        "statements_by",
        **{**blank("statements_by"), "since": "2026-11-20", "until": "2026-11-20"},
    )
    assert window and all(r["published_at"].startswith("2026-11-20") for r in window)


def test_everything_one_actor_said(site):
    conn = site["conn"]
    actor_id, expected = conn.execute(
        "select speaker_actor_id, count(*) from statements where speaker_actor_id is not null"
        " group by 1 order by 2 desc limit 1"
    ).fetchone()
    said = rows(site, "actor_statements", actor=actor_id)
    assert len(said) == expected
    assert {r["speaker_actor_id"] for r in said} == {actor_id}
    name = conn.execute("select name from actors where id = ?", [actor_id]).fetchone()[0]
    assert len(rows(site, "actor_statements", actor=name.upper())) == expected


def test_figures_by_country_and_year(site):
    germany = rows(
        site, "figures_by_country_year", **{**blank("figures_by_country_year"), "country": "DEU"}
    )
    assert germany and {r["country"] for r in germany} == {"DEU"}
    by_name = rows(
        site,
        "figures_by_country_year",
        **{**blank("figures_by_country_year"), "country": "germany"},
    )
    assert len(by_name) == len(germany)
    in_2026 = rows(
        site, "figures_by_country_year", **{**blank("figures_by_country_year"), "year": "2026"}
    )
    assert in_2026 and {r["year"] for r in in_2026} == {2026}


def test_weekly_counts_add_up_to_the_labels(site):
    weeks = rows(site, "weekly_label_counts", label="", since="2000-01-01", until="")
    total = site["conn"].execute("select count(*) from statement_labels").fetchone()[0]
    assert sum(w["statements"] for w in weeks) == total
    for week in weeks:
        assert week["restrictive"] + week["protective"] + week["neutral"] == week["statements"]
        assert week["week_start"] <= week["atom_updated"][:10]


def test_new_rights_concerns(site):
    found = rows(site, "new_rights_concerns", since="2000-01-01", country="")
    assert HOSTILE_ID in {r["article_id"] for r in found}
    assert rows(site, "new_rights_concerns", since="2099-01-01", country="") == []


def test_search_finds_articles_and_statements_with_highlights(site):
    found = rows(site, "search", q="deportations")
    assert {"statement", "article"} <= {r["found_in"] for r in found}
    page = get(site, "/monitor/search", q="deportations")
    assert page.status_code == 200
    assert re.search(r"<mark>deportations</mark>", page.text, re.IGNORECASE)
    # A stray quote or operator is searched as words, not an SQL or FTS syntax error.
    assert get(site, "/monitor/search.json", q='"returns AND (').status_code == 200
    assert rows(site, "search", q="") == []


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_every_canned_query_is_an_atom_feed(site, query):
    params = {**blank(query), **{"since": "2000-01-01", "q": "return", "actor": "unhcr"}}
    params = {k: v for k, v in params.items() if k in blank(query)}
    response = get(site, f"/monitor/{query}.atom", **params)
    assert response.status_code == 200, response.text[:300]
    assert (
        response.headers["content-type"].startswith("application/xml")
        or "atom" in (response.headers["content-type"])
    )
    assert "<feed" in response.text and "<entry>" in response.text
    for marker in HOSTILE_MARKERS:
        assert marker not in response.text


# --- pages ---------------------------------------------------------------------------


def test_article_page_marks_what_the_analysis_found(site):
    stem = "belgium-turkey-return-missions"
    page = get(site, f"/monitor/articles/{site['ids'][stem]}")
    assert page.status_code == 200
    html = page.text
    assert html.count('class="m-statement"') >= 5
    assert 'class="m-figure"' in html and 'class="m-country"' in html and 'class="m-actor"' in html
    assert ">Turkey<" in html or ">Turkish<" in html
    assert (
        'href="http://127.0.0.1:8765/ledger/articles/belgium-turkey-return-missions.html"' in html
    )
    assert gold(stem)["title"][:30] in html
    # Every statement in the side list links to its mark in the text.
    for anchor in re.findall(r'href="#(s-[0-9a-f]+)"', html):
        assert f'id="{anchor}"' in html


def test_marked_text_is_the_article_text(site):
    stem = "syria-returns-debate-unhcr-warning"
    html = get(site, f"/monitor/articles/{site['ids'][stem]}").text
    marked = re.search(r'<div class="monitor-text">(.*?)</div>', html, re.S).group(1)
    plain = re.sub(r"<[^>]+>", "", marked)
    text = (
        site["conn"]
        .execute("select text from articles where id = ?", [site["ids"][stem]])
        .fetchone()[0]
    )
    assert html_module.unescape(plain) == text


def test_actor_page_shows_roles_and_statements_over_time(site):
    conn = site["conn"]
    actor_id, name = conn.execute(
        "select actors.id, actors.name from actors"
        " join statements s on s.speaker_actor_id = actors.id"
        " join mentions m on m.actor_id = actors.id and m.role is not null"
        " group by actors.id order by count(*) desc limit 1"
    ).fetchone()
    page = get(site, f"/monitor/actors/{actor_id}")
    assert page.status_code == 200
    assert f"<h1>{name}</h1>" in page.text
    assert "Roles" in page.text and "Statements over time" in page.text
    assert 'class="monitor-bar' in page.text
    role = conn.execute(
        "select role from mentions where actor_id = ? and role is not null", [actor_id]
    ).fetchone()[0]
    assert str(escape(role)) in page.text


def test_other_rows_keep_datasette_page(site):
    figure_id = site["conn"].execute("select id from figures limit 1").fetchone()[0]
    page = get(site, f"/monitor/figures/{figure_id}")
    assert page.status_code == 200 and "monitor-page" not in page.text


def test_statement_page_links_to_its_article_and_speaker(site):
    statement_id, article_id, actor_id = (
        site["conn"]
        .execute(
            "select id, article_id, speaker_actor_id from statements"
            " where speaker_actor_id is not null limit 1"
        )
        .fetchone()
    )
    page = get(site, f"/monitor/statements/{statement_id}")
    assert page.status_code == 200
    assert f'/monitor/articles/{article_id}#s-{statement_id}"' in page.text
    assert f'/monitor/actors/{actor_id}"' in page.text


def test_missing_article_is_a_404(site):
    assert get(site, "/monitor/articles/nosucharticle").status_code == 404


def test_dashboard_and_its_charts(site):
    page = get(site, "/-/dashboards/overview")
    assert page.status_code == 200
    assert "Statements per label per week" in page.text
    charts = METADATA["plugins"]["datasette-dashboards"]["overview"]["charts"]
    for name, chart in charts.items():
        sql = re.sub(r"\[\[.*?\]\]", "", chart["query"], flags=re.S)
        found = get(site, "/monitor.json", sql=sql, _shape="objects").json()
        assert found["ok"] is not False and found["rows"], name
    filtered = get(site, "/-/dashboards/overview", label="return_policy", date_start="2026-01-01")
    assert filtered.status_code == 200


def test_search_all_tables_and_table_search(site):
    assert get(site, "/-/search", q="asylum").status_code == 200
    found = get(site, "/monitor/statements.json", _search="deportations", _shape="objects")
    assert found.status_code == 200 and found.json()["rows"]
    page = get(site, "/monitor/statements", _search="deportations")
    assert "createTreeWalker" in page.text  # the highlighting script is on search pages only
    assert "createTreeWalker" not in get(site, "/monitor/statements").text


def test_facets_on_views(site):
    view = get(site, "/monitor/statements_view.json", _shape="objects").json()
    facets = view["facet_results"]
    assert {"speaker_type", "stance", "labels", "countries"} <= set(facets)
    labels = {item["value"] for item in facets["labels"]["results"]}
    assert "return_policy" in labels
    articles = get(site, "/monitor/articles_view.json", _shape="objects").json()
    assert {"source_id", "labels", "countries"} <= set(articles["facet_results"])


def test_home_page_starts_researchers_off(site):
    home = get(site, "/")
    assert home.status_code == 200
    assert 'id="search-all-q"' in home.text and "/-/dashboards/overview" in home.text
    for name, query in QUERIES.items():
        assert f'href="/monitor/{name}"' in home.text and query["title"] in home.text


def test_subscriber_addresses_are_never_published(tmp_path):
    from monitor import store

    path = tmp_path / "monitor.db"
    db = store.open_db(str(path))
    db.table("digests").insert({"id": "d1", "subscription": "s", "recipients": "a@example.org"})
    db.table("digest_deliveries").insert(
        {"id": "x1", "digest_id": "d1", "recipient": "a@example.org", "status": "sent"}
    )
    db.close()
    app = site_datasette.datasette_app(Settings(db=str(path)))
    for url in (
        "/monitor/digests.json?_shape=array",
        "/monitor/digest_deliveries.json?_shape=array",
        "/monitor.json?sql=select+*+from+digest_deliveries+join+digests+on+digests.id=digest_id",
        "/monitor.json?sql=select+group_concat(recipient)+from+digest_deliveries",
        "/monitor/digest_deliveries?_search=example",
    ):
        response = asyncio.run(app.client.get(url))
        assert "example.org" not in response.text, url
    rows = asyncio.run(app.client.get("/monitor/digest_deliveries.json?_shape=array")).json()
    assert rows[0]["status"] == "sent" and rows[0]["recipient"] is None


def test_robots_are_blocked(site):
    robots = get(site, "/robots.txt")
    assert robots.status_code == 200 and "Disallow: /" in robots.text


# --- escaping --------------------------------------------------------------------------

PAGES_WITH_HOSTILE_DATA = [
    "/",
    "/monitor",
    "/monitor/articles",
    f"/monitor/articles/{HOSTILE_ID}",
    "/monitor/actors",
    "/monitor/actors/hostile-actor",
    "/monitor/statements",
    "/monitor/statements_view",
    "/monitor/articles_view",
    "/monitor/figures",
    "/monitor/mentions",
    "/monitor/statements?_search=deportations",
    "/monitor/search?q=deportations",
    "/monitor/statements_by?label=rights_concerns&country=&speaker=&speaker_type=&since=&until=&doc_type=",
    "/monitor/actor_statements?actor=hostile-actor",
    "/monitor/new_rights_concerns?since=2000-01-01&country=",
    "/monitor/figures_by_country_year?country=AFG&year=&kind=&counts=",
    "/-/search?q=deportations",
]


@pytest.mark.parametrize("path", PAGES_WITH_HOSTILE_DATA)
def test_markup_from_the_data_is_escaped_everywhere(site, path):
    page = asyncio.run(site["app"].client.get(path))
    assert page.status_code == 200, path
    for marker in HOSTILE_MARKERS:
        assert marker not in page.text, f"{marker!r} unescaped on {path}"
    assert 'href="javascript:' not in page.text


def test_hostile_article_page_shows_the_text_as_text(site):
    html = get(site, f"/monitor/articles/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(&#34;statement&#34;)&lt;/script&gt;" in html or (
        "&lt;script&gt;alert(&quot;statement&quot;)&lt;/script&gt;" in html
    )
    assert "original article" not in html  # a javascript: link is not offered


# --- the highlighting itself -------------------------------------------------------------


def test_marks_nest_and_split_without_losing_text():
    text = "Minister Anna Berg said returns to Syria must wait, citing 3,000 cases."
    marks = [
        Mark(24, 50, "statement", "Anna Berg", "s-1"),
        Mark(35, 40, "country", "Syria (SYR)"),
        Mark(59, 64, "figure", "count: cases", "f-1"),
        Mark(9, 18, "actor", "Anna Berg, Minister"),
        Mark(45, 55, "actor", "overlaps the statement's end"),
        Mark(36, 39, "country", "overlaps an earlier inline mark, dropped"),
    ]
    html = str(render_marked_text(text, marks))
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count('id="s-1"') == 1
    assert '<mark class="m-country" title="Syria (SYR)">Syria</mark>' in html
    assert "dropped" not in html


def test_snippet_delimiters_become_marks_and_the_rest_is_escaped():
    value = f"<b>x</b> {publish.MATCH_START}returns{publish.MATCH_END} & more"
    assert str(publish.highlight_matches(value)) == (
        "&lt;b&gt;x&lt;/b&gt; <mark>returns</mark> &amp; more"
    )


def test_site_connections_wait_for_a_writer_instead_of_failing(tmp_path):
    import sqlite3

    conn = sqlite3.connect(tmp_path / "r.db")
    publish.prepare_reader(conn, 2.5)
    assert conn.execute("pragma busy_timeout").fetchone()[0] == 2500


def test_site_connections_read_the_file_as_mapped_memory(tmp_path):
    import sqlite3

    conn = sqlite3.connect(tmp_path / "r.db")
    publish.prepare_reader(conn, 2.5, mmap_mb=64)
    assert conn.execute("pragma mmap_size").fetchone()[0] == 64 * 1024 * 1024
    publish.prepare_reader(conn, 2.5)  # 0: read() calls, as SQLite does by default
    assert conn.execute("pragma mmap_size").fetchone()[0] == 0


def test_an_actor_page_lists_the_newest_statements_and_charts_them_all(site):
    conn = site["conn"]
    actor_id, total = conn.execute(
        "select speaker_actor_id, count(*) from statements where speaker_actor_id is not null"
        " group by 1 order by 2 desc limit 1"
    ).fetchone()
    assert total >= 2
    page = publish.actor_page(conn, actor_id, Settings(actor_page_statements=1))
    assert len(page["statements"]) == 1 and page["statement_count"] == total
    assert sum(month["total"] for month in page["months"]) == total
    newest = conn.execute(
        "select max(published_at) from statements where speaker_actor_id = ?", [actor_id]
    ).fetchone()[0]
    assert page["statements"][0]["published_at"] == newest


def _plugin_module():
    from datasette.plugins import pm

    return next(plugin for plugin in pm.get_plugins() if hasattr(plugin, "READER_SETTINGS"))


@pytest.mark.parametrize("table", ["articles", "statements"])
def test_a_search_matching_many_rows_finds_the_same_rows_in_the_same_order(
    site, monkeypatch, table
):
    """Above search_facet_max_rows the plugin writes the search clause itself (walking
    the page's order instead of every match); the rows must be Datasette's own."""
    import dataclasses

    word = "asylum"
    address = f"/monitor/{table}.json"
    params = {"_search": word, "_shape": "objects", "_size": "max"}
    expected = get(site, address, **params).json()
    assert len(expected["rows"]) > 3
    plugin = _plugin_module()
    small = dataclasses.replace(plugin.READER_SETTINGS, search_facet_max_rows=3)
    monkeypatch.setattr(plugin, "READER_SETTINGS", small)
    found = get(site, address, **params).json()
    assert [row["id"] for row in found["rows"]] == [row["id"] for row in expected["rows"]]

    # Page by page, following the next links the page gives.
    seen, url = [], f"{address}?_search={word}&_shape=objects&_size=3"
    while url:
        page = asyncio.run(site["app"].client.get(url)).json()
        seen += [row["id"] for row in page["rows"]]
        url = page.get("next_url")
        url = url and url.split("://", 1)[-1].split("/", 1)[-1]
        url = url and "/" + url
    assert seen == [row["id"] for row in expected["rows"]]

    html_page = get(site, f"/monitor/{table}", _search=word)
    assert html_page.status_code == 200
    assert "monitor-large-search" in html_page.text
    assert f'value="{word}"' in html_page.text  # the search box keeps the words
