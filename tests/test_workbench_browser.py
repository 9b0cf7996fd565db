"""The researcher's workbench in headless Chromium: each research task of
issue #20 that the statement countries, links, forms and codebook serve, with
assertions on what a person sees (not just that a page answers).

`monitor serve` runs as a real process over the site tests' database (real
demo articles analysed by the real pipeline). Skips when Chromium is absent.
"""

from __future__ import annotations

import re

import pytest

from monitor.codebook import CODEBOOK, STANCE_DEFINITIONS
from tests.site_data import build_site_db
from tests.test_serve import served

pytestmark = pytest.mark.slow

RAW_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
RAW_FLOAT = re.compile(r"^\d+\.0$")
HEX_ID = re.compile(r"^[0-9a-f]{16}$")


@pytest.fixture(scope="module")
def site(tmp_path_factory, analyzer):
    path = tmp_path_factory.mktemp("workbench") / "monitor.db"
    ids = build_site_db(path, analyzer)
    with served(path) as base:
        yield {"base": base, "ids": ids}


def visible_cells(page, column: str) -> list[str]:
    return page.locator(f"table.rows-and-columns td.col-{column}").all_inner_texts()


def assert_nothing_internal_shown(page) -> None:
    """No atom_* or id columns, raw timestamps, JSON arrays, hex ids or 58000.0."""
    headers = " ".join(page.locator("table.rows-and-columns th").all_inner_texts())
    assert "atom" not in headers and "statement id" not in headers
    for cell in page.locator("table.rows-and-columns td").all_inner_texts():
        text = cell.strip()
        assert not RAW_TIMESTAMP.search(text), text
        assert not text.startswith('["'), text
        assert not HEX_ID.match(text), text
        assert not RAW_FLOAT.match(text), text


def test_find_statements_about_returns_to_a_country(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/monitor/statements_by")
    assert "select" not in page.title().lower()
    assert page.title().startswith("Statements by label, country")
    # The form comes first; the SQL is folded away below it.
    form_top = page.locator("form.monitor-query-form").bounding_box()["y"]
    assert form_top < 200
    assert not page.locator("#sql-query").is_visible()
    # Dropdowns from the vocabularies: label names with definitions, countries by name.
    label_options = page.locator("#qp-label option").all_inner_texts()
    assert {label.name for label in CODEBOOK} <= set(label_options)
    assert page.locator("#qp-label option[value=return_policy]").get_attribute("title")
    page.select_option("#qp-label", label="Return policy")
    page.select_option("#qp-country", label="Syria")
    page.click("form.monitor-query-form input[type=submit]")
    page.wait_for_selector("table.monitor-results")
    browser_page.screenshot("workbench-statements-about-syria")

    countries = visible_cells(page, "countries")
    assert countries and all("Syria" in cell for cell in countries)
    assert all("Return policy" in cell for cell in visible_cells(page, "labels"))
    assert_nothing_internal_shown(page)

    # A statement leads to its page, and from there to its article and speaker.
    page.locator("td.col-content a").first.click()
    page.wait_for_load_state("load")
    assert "/monitor/statements/" in page.url
    assert page.title().startswith("Statement by")
    assert "Syria" in page.inner_text(".monitor-page")
    page.locator("a.monitor-article-link").click()
    page.wait_for_load_state("load")
    assert "/monitor/articles/" in page.url
    statement_anchor = page.url.split("#", 1)[1]
    assert page.locator(f"mark.m-statement#{statement_anchor}").count() == 1
    assert browser_page.console_errors == []


def test_one_actors_statements_over_time(site, browser_page):
    page = browser_page.page
    base = site["base"]
    # The actors table is searchable, by a part of a name.
    page.goto(base + "/monitor/actors")
    assert page.title().startswith("Actors")
    page.fill("input#_search", "Vandermeulen")
    page.press("input#_search", "Enter")
    page.wait_for_load_state("load")
    assert "Katrien Vandermeulen" in page.inner_text("table.rows-and-columns")

    # actor_statements finds the actor from her surname alone.
    page.goto(base + "/monitor/actor_statements?actor=Vandermeulen")
    speakers = visible_cells(page, "speaker")
    assert speakers and set(speakers) == {"Katrien Vandermeulen"}
    dates = visible_cells(page, "published_at")
    assert all(re.match(r"\d{1,2} [A-Z][a-z]{2} \d{4}", d) for d in dates), dates
    assert_nothing_internal_shown(page)
    browser_page.screenshot("workbench-actor-statements")

    page.locator("td.col-speaker a").first.click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Katrien Vandermeulen")
    assert page.locator("h2", has_text="Statements over time").count() == 1
    assert page.locator(".monitor-bars tr").count() >= 1
    assert browser_page.console_errors == []


def test_most_mentioned_countries_and_a_country_page(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/monitor/countries_most_mentioned?since=2020-01-01&until=")
    names = visible_cells(page, "country")
    assert names[:2] and {"Syria", "Türkiye"} & set(names[:3]), names
    counts = [int(n) for n in visible_cells(page, "statements")]
    assert counts == sorted(counts, reverse=True)
    assert_nothing_internal_shown(page)
    browser_page.screenshot("workbench-countries")

    page.locator("td.col-country a", has_text="Syria").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Syria"
    assert page.title().startswith("Syria")
    assert page.locator(".monitor-timeline tr").count() >= 1
    statements = page.locator("table.monitor-statements tbody tr")
    assert statements.count() >= 3
    assert "UNHCR" in page.inner_text("ul.monitor-speakers")
    assert page.locator("h2", has_text="Figures for Syria by year").count() == 1
    browser_page.screenshot("workbench-country-page")
    assert browser_page.console_errors == []


def test_an_article_with_its_statements_marked_from_the_statements_table(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/monitor/statements_view")
    assert page.title().startswith("Statements")
    assert_nothing_internal_shown(page)
    link = page.locator("td.col-article_title a").first
    href = link.get_attribute("href")
    assert "/monitor/articles/" in href and "#s-" in href
    link.click()
    page.wait_for_load_state("load")
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f".monitor-text mark.m-statement#{anchor}").count() == 1
    assert page.locator(".monitor-side li").count() >= 1
    assert browser_page.console_errors == []


def test_the_codebook_page_defines_every_label_and_stance(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/monitor/statements_by")
    page.click("details.monitor-definitions summary")
    page.click("details.monitor-definitions a", timeout=5_000)
    page.wait_for_load_state("load")
    assert page.url.endswith("/codebook")
    text = page.inner_text("body")
    for label in CODEBOOK:
        assert label.name in text and label.definition in text
    for stance, definition in STANCE_DEFINITIONS.items():
        assert stance in text and definition in text
    assert "deport, send back" in text  # a typical cue, from docs/codebook.md
    browser_page.screenshot("workbench-codebook")


def test_figures_read_as_numbers_and_dates(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/monitor/figures_by_country_year?country=DEU")
    values = visible_cells(page, "value")
    assert values and not any(RAW_FLOAT.match(v) for v in values)
    assert any("," in v for v in values), values  # thousands are grouped
    assert_nothing_internal_shown(page)
    assert all(cell in ("Germany", "") for cell in visible_cells(page, "country"))


def test_home_search_reads_topic_words_and_country_names(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/")
    page.fill("#search-all-q", "returns to Syria")
    page.press("#search-all-q", "Enter")
    page.wait_for_selector("table.monitor-search-statements")
    assert page.title().startswith("Search: returns to Syria")
    # It says what it understood, and how the label word was read.
    understood = page.inner_text(".monitor-understood")
    assert "statements about Syria matching “returns”" in understood
    assert "also finds statements labelled Return policy" in understood
    assert "Left out: to" in understood
    browser_page.screenshot("workbench-home-search")

    rows = page.locator("table.monitor-search-statements tbody tr")
    assert rows.count() >= 1
    for row in rows.all():
        assert "Syria" in row.locator("td.col-countries").inner_text()
        about_returns = "Return policy" in row.locator("td.col-labels").inner_text()
        marked = [m.lower() for m in row.locator("td.col-content mark").all_inner_texts()]
        assert about_returns or any(m.startswith("return") for m in marked), row.inner_text()
    assert not RAW_TIMESTAMP.search(page.inner_text("table.monitor-search-statements"))

    # Links to refine: the query page with the label and the country chosen.
    page.locator("ul.monitor-refine a", has_text="Only statements labelled Return policy").click()
    page.wait_for_selector("table.monitor-results")
    assert "label=return_policy" in page.url and "country=SYR" in page.url
    assert all("Syria" in cell for cell in visible_cells(page, "countries"))
    assert browser_page.console_errors == []


def test_home_search_with_a_nationality_finds_the_country_and_escapes_the_text(site, browser_page):
    page = browser_page.page
    page.goto(site["base"] + "/search?q=deportations+Afghans")
    assert "statements about Afghanistan matching “deportations”" in page.inner_text(
        ".monitor-understood"
    )
    content = page.locator("table.monitor-search-statements td.col-content").first
    # The hostile statement's markup is shown as text, its words marked.
    assert '<script>alert("statement")</script>' in content.inner_text()
    assert "deportations" in content.locator("mark").all_inner_texts()
    assert page.locator("table.monitor-search-articles tbody tr").count() >= 1
    # An ordinary word typed in lower case is not a country ("us"), nor is "and".
    page.goto(site["base"] + "/search?q=returns+and+us")
    assert "about" not in page.inner_text(".monitor-understood")
    assert browser_page.console_errors == []
