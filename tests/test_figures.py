"""Figures as real reporting writes them: one row per form, in sentences written
for the project, and what they belong to (country, year)."""

from __future__ import annotations

import pytest

from monitor.nlp.numbers import read_number


def figures(analyzer, text: str, published_at: str | None = "2025-06-10") -> list[dict]:
    return analyzer.analyze(text, force=True, published_at=published_at)["figures"]


@pytest.mark.parametrize(
    ("sentence", "value", "kind", "unit"),
    [
        ("Germany registered 34,000 asylum applications in March.", 34000, "count", None),
        ("Austria counted 34 000 asylum applications last year.", 34000, "count", None),
        ("Austria counted 34\u00a0000 asylum applications last year.", 34000, "count", None),
        ("Italy recorded 34.000 arrivals by sea over the summer.", 34000, "count", None),
        ("The agency says 1.5 million Syrians remain in Turkey.", 1_500_000, "count", None),
        ("Officials say 1.5m people crossed the Sahel route.", 1_500_000, "count", None),
        ("The deal gives Tunisia €91m for border equipment.", 91_000_000, "money", "EUR"),
        ("Canada pledged $1.66-million for refugee schooling.", 1_660_000, "money", "USD"),
        ("Malta received a 1.5-million-euro grant for reception.", 1_500_000, "money", "EUR"),
        ("Ministers promised EUR 338 million for projects in Libya.", 338_000_000, "money", "EUR"),
        ("Some 40 thousand migrants are held in Libyan centres.", 40000, "count", None),
        ("Police said two boats were stopped off Lampedusa.", 2, "count", None),
        ("Recognition rates stood at 11 per cent for Tunisians.", 11, "percent", None),
        ("Recognition rates stood at 11 percent for Tunisians.", 11, "percent", None),
        ("Recognition rates stood at 11% for Tunisians.", 11, "percent", None),
        ("Arrivals from Senegal were +159 per cent on last year.", 159, "change", None),
        ("Returns to Iraq were down 45 percent in the first half.", -45, "change", None),
        ("Applications fell by 18 percent compared with 2023.", -18, "change", None),
        ("Applications rose 12% in Belgium last year.", 12, "change", None),
        ("A third of the applicants were children.", 1 / 3, "other", None),
        ("One in three applicants was refused at the border.", 1 / 3, "other", None),
        ("Three quarters of the arrivals came by sea.", 0.75, "other", None),
        ("India said 9.99 lakh migrants had registered for the scheme.", 999_000, "count", None),
        ("About 300 people arrive at the camp each day.", 300, "other", "per day"),
        ("Greece now records 47 arrivals per day on its islands.", 47, "other", "per day"),
    ],
)
def test_every_way_a_number_is_written(analyzer, sentence, value, kind, unit):
    found = figures(analyzer, sentence)
    assert found, f"no figure in {sentence!r}"
    figure = found[0]
    assert figure["value"] == pytest.approx(value, rel=1e-3)
    assert (figure["kind"], figure["unit"]) == (kind, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands of migrants waited at the border for days.",
        "Tens of thousands of people fled the fighting.",
        "Hundreds of families slept outside the centre.",
        "Several thousand applications are still pending.",
        "Dozens of boats left the coast overnight.",
        "The boat left Zuwara at 0500 GMT on Friday.",
        "The camp lies 50 miles from the border.",
        "The rescue took place 80 km off Lampedusa.",
        "Sea-Watch 6 was held in port by the coast guard.",
        "The 2023 law made the appeals slower for everyone.",
        "A 29-year-old man was detained on arrival.",
        "Under Article 3 no one may be sent back to torture.",
    ],
)
def test_what_is_not_a_figure(analyzer, sentence):
    assert figures(analyzer, sentence) == []


def test_each_list_item_takes_its_own_country(analyzer):
    text = (
        "Most applications were lodged in a handful of states: Germany (80 900), "
        "Hungary (32 700), Austria (17 400)."
    )
    found = {f["value"]: f["country"] for f in figures(analyzer, text)}
    assert found == {80900: "DEU", 32700: "HUN", 17400: "AUT"}


def test_a_bloc_wide_figure_has_no_country(analyzer):
    text = (
        "Spain saw more boat arrivals this year. Across the EU, 412,000 asylum applications "
        "were lodged in the first half of the year."
    )
    (figure,) = [f for f in figures(analyzer, text) if f["value"] == 412000]
    assert figure["country"] is None


def test_a_sentence_that_goes_on_about_a_sea_or_a_bloc_keeps_the_main_country_off(analyzer):
    text = (
        "Libya's coast guard intercepted more boats this spring, officials in Tripoli said. "
        "Libya says it needs more patrol vessels.\n\n"
        "Deaths at sea keep rising along the central Mediterranean route. "
        "Last year 2,406 people were recorded as dead or missing."
    )
    (figure,) = [f for f in figures(analyzer, text) if f["value"] == 2406]
    assert figure["country"] is None


def test_a_nationality_is_not_the_country_of_the_figure(analyzer):
    text = "About 4,000 Afghan refugees are living in camps in Pakistan."
    (figure,) = figures(analyzer, text)
    assert figure["country"] == "PAK"


def test_this_year_and_last_year_are_anchored_to_the_article_date(analyzer):
    text = (
        "Italy recorded 52,000 arrivals this year. It recorded 105,000 arrivals last year, "
        "the ministry said."
    )
    years = {f["value"]: f["year"] for f in figures(analyzer, text, "2023-09-01")}
    assert years == {52000: 2023, 105000: 2022}
    undated = {f["value"]: f["year"] for f in figures(analyzer, text, None)}
    assert undated == {52000: None, 105000: None}


def test_a_year_that_only_stands_nearby_is_not_the_figures_year(analyzer):
    text = (
        "Since early 2021 the route has been watched closely, and 52,000 people crossed "
        "it in August, under the 2023 law on sea rescue."
    )
    (figure,) = [f for f in figures(analyzer, text, None) if f["value"] == 52000]
    assert figure["year"] is None


def test_a_date_in_the_sentence_dates_every_figure_in_it(analyzer):
    text = (
        "The government struck a deal last month to accept 4,000 refugees from Malaysia, "
        "while Malaysia would hold 800 undocumented migrants from Australia."
    )
    years = {f["value"]: f["year"] for f in figures(analyzer, text, "2011-09-01")}
    assert years == {4000: 2011, 800: 2011}


def test_this_morning_happened_in_the_articles_year(analyzer):
    text = "Two buses carrying 120 returnees had already left the camp this morning."
    (figure,) = [f for f in figures(analyzer, text, "2007-01-03") if f["value"] == 120]
    assert figure["year"] == 2007


def test_a_year_deep_in_a_since_phrase_bounds_a_period(analyzer):
    text = (
        "Since the start of the maritime operation in 2013, Australia has returned 873 "
        "people to their countries of origin."
    )
    (figure,) = [f for f in figures(analyzer, text, "2020-03-02") if f["value"] == 873]
    assert figure["year"] is None


def test_people_spread_over_several_states_have_no_country(analyzer):
    text = (
        "Uganda hosts many refugees. There are an estimated 24 million people displaced "
        "within their own countries, and 2 million live in neighbouring countries."
    )
    countries = {f["value"]: f["country"] for f in figures(analyzer, text, None)}
    assert countries[24_000_000] is None and countries[2_000_000] is None


def test_vague_amounts_are_never_read_as_numbers():
    for text in ("thousands", "tens of thousands", "hundreds", "several thousand", "dozens"):
        assert read_number(text) is None
