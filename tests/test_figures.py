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


def test_names_listed_with_a_country_are_countries(analyzer):
    # The model takes "Niger" for a body and "Mali" for a person; in a list with
    # Bangladesh and Egypt they are the countries the returnees went home to.
    text = (
        "Last year's returnees from Libya were mostly nationals of Niger (2,980), "
        "Mali (2,107), Bangladesh (1,650) and Egypt (1,102)."
    )
    found = {f["value"]: f["country"] for f in figures(analyzer, text)}
    assert found == {2980: "NER", 2107: "MLI", 1650: "BGD", 1102: "EGY"}


def test_a_person_named_like_a_country_is_not_made_one_by_a_list(analyzer):
    # Only names joined by commas, "and" and bracketed figures form a list.
    doc = analyzer.nlp("Chad Smith, who runs the shelter, met officials from Egypt and Libya.")
    assert [span.id_ for span in doc.spans["countries"]] == ["EGY", "LBY"]


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


def test_people_in_several_listed_countries_have_no_country(analyzer):
    text = (
        "The agency has counted 310,000 Sudanese refugees who have crossed into Chad, "
        "South Sudan and Egypt. More than 90,000 of them are in Uganda and Kenya."
    )
    countries = {f["value"]: f["country"] for f in figures(analyzer, text, None)}
    assert countries == {310_000: None, 90_000: None}


def test_returnees_of_several_nationalities_take_no_single_country(analyzer):
    text = "Turkey sent 40 Somali, Eritrean and Sudanese migrants back to their home countries."
    (figure,) = figures(analyzer, text, None)
    assert figure["country"] is None


def test_a_bloc_of_rich_states_has_no_country(analyzer):
    text = (
        "Applications lodged by Syrians in industrial countries rose 12 percent in the "
        "first half of the year, violence in Syria having pushed more people out."
    )
    (figure,) = figures(analyzer, text, None)
    assert figure["country"] is None


def test_a_national_adjective_on_a_place_names_the_place(analyzer):
    text = (
        "Arrivals by sea climbed again last month, with 70 percent landing on crowded "
        "Italian islands. In a Kenyan camp, 300 Somali teenagers sat their exams."
    )
    countries = {f["value"]: f["country"] for f in figures(analyzer, text, None)}
    assert countries == {70: "ITA", 300: "KEN"}


def test_a_country_the_counted_people_fled_is_not_where_they_are(analyzer):
    text = (
        "Thailand's border camps grew after an influx of 12,000 refugees escaping the "
        "fighting in Myanmar in 1990."
    )
    (figure,) = [f for f in figures(analyzer, text, None) if f["value"] == 12000]
    assert figure["country"] == "THA"


def test_a_country_in_a_clause_hanging_off_the_figure_is_not_its_country(analyzer):
    text = (
        "Thailand hosts many refugees from Myanmar, and Thailand wants help. The camp "
        "population reached about 140,000 in 2006, officials say, when many were "
        "resettled, mostly to Canada."
    )
    (figure,) = [f for f in figures(analyzer, text, None) if f["value"] == 140000]
    assert figure["country"] == "THA"


def test_the_country_the_figure_is_said_of(analyzer):
    text = "Sweden received about 4,100 asylum applications in July, officials in Geneva said."
    (figure,) = figures(analyzer, text, None)
    assert figure["country"] == "SWE"


def test_a_list_of_origins_is_not_where_people_are(analyzer):
    text = (
        "Around 2,100 Malian migrants have come home from Algeria, Niger and Libya with "
        "the agency's help since March."
    )
    (figure,) = figures(analyzer, text, None)
    assert figure["country"] == "MLI"


def test_a_part_of_a_period_is_not_a_share(analyzer):
    text = "Applications rose 9 percent in the first half of 2024 and again in the second half."
    assert [f["value"] for f in figures(analyzer, text, None)] == [9]


def test_the_before_a_scaled_amount_does_not_refer_back(analyzer):
    text = "Few went west, compared with the two million Sudanese who sheltered in Chad."
    (figure,) = figures(analyzer, text, None)
    assert figure["value"] == 2_000_000


def test_a_year_naming_an_event_or_a_base_of_comparison_is_not_the_figures(analyzer):
    text = (
        "Officials expect at least 30,000 people to arrive this month, in a country still "
        "weighed down by debt since the 2010 financial crisis. Arrivals fell by a fifth "
        "compared with 2019."
    )
    years = {f["value"]: f["year"] for f in figures(analyzer, text, None)}
    assert years == {30000: None, -0.2: None}


def test_the_end_of_a_range_takes_the_later_year(analyzer):
    text = "Detainees in official centres rose from 4,200 to 7,900 between 2019 and 2020."
    years = {f["value"]: f["year"] for f in figures(analyzer, text, None)}
    assert years == {4200: 2019, 7900: 2020}


def test_a_year_ago_is_anchored_to_the_article_date(analyzer):
    text = "Daily arrivals stand at 60, down from an average of 1,400 migrants a year ago."
    years = {f["value"]: f["year"] for f in figures(analyzer, text, "2018-04-02")}
    assert years[1400] == 2017


def test_a_date_after_the_start_of_a_change_belongs_to_that_start(analyzer):
    text = "The approval rate fell to 35 percent, from 52 percent a year earlier."
    years = {abs(f["value"]): f["year"] for f in figures(analyzer, text, "2024-05-02")}
    assert years[52] == 2023 and years[35] != 2023


def test_a_span_of_years_gives_no_year(analyzer):
    text = "Greece has seen a 70% fall in island arrivals over the past four years."
    (figure,) = figures(analyzer, text, "2024-05-02")
    assert figure["year"] is None


def test_a_span_of_weeks_lies_in_the_articles_year(analyzer):
    text = "About 9,000 Malawians were deported from Zambia in the last 30 days."
    (figure,) = figures(analyzer, text, "2012-07-11")
    assert figure["year"] == 2012


def test_a_money_commitment_over_years_belongs_to_none_of_them(analyzer):
    # Settled with the figure-news gold (its README): a sum spread over several years
    # has no one year, as "in the last three years" has none.
    text = "The EU will commit up to €300 million over three years to Mauritania."
    (figure,) = figures(analyzer, text, "2024-02-08")
    assert figure["year"] is None


def test_since_a_month_counts_within_the_articles_year(analyzer):
    text = "More than 9,000 people have landed on Lampedusa since March, the coast guard said."
    (figure,) = figures(analyzer, text, "2023-06-01")
    assert figure["year"] == 2023


def test_this_year_in_an_undated_article_borrows_no_other_clauses_year(analyzer):
    text = (
        "The agency says 600,000 people will cross this year and it expects the same "
        "number will arrive in 2016."
    )
    (figure,) = [f for f in figures(analyzer, text, None) if f["value"] == 600000]
    assert figure["year"] is None


def test_a_running_total_so_far_has_no_year(analyzer):
    text = "So far about 900 Syrians have been resettled in Canada, officials said."
    (figure,) = figures(analyzer, text, "2016-03-01")
    assert figure["year"] is None


def test_an_undated_sentence_goes_on_in_the_time_of_the_one_before(analyzer):
    text = (
        "About 8,000 Eritreans applied for asylum in Sweden last year, the report says. "
        "Norway registered 640 asylum claims."
    )
    years = {f["value"]: f["year"] for f in figures(analyzer, text, "2009-03-23")}
    assert years == {8000: 2008, 640: 2008}


@pytest.mark.parametrize(
    ("sentence", "value", "kind", "unit"),
    [
        (
            "Kabul struggles with repatriating more than a million-and-a-half people.",
            1_500_000,
            "count",
            None,
        ),
        ("Food aid for one-quarter of a million people is at risk.", 250_000, "count", None),
        ("More than a quarter-million people have been killed in the war.", 250_000, "count", None),
        ("The island now records 52 per day, the coast guard said.", 52, "other", "per day"),
        ("An average of 2,300 migrants arrived on the islands a year ago.", 2300, "count", None),
    ],
)
def test_fractions_of_a_scale_and_rates(analyzer, sentence, value, kind, unit):
    found = figures(analyzer, sentence, "2017-03-02")
    assert found, f"no figure in {sentence!r}"
    figure = found[0]
    assert figure["value"] == pytest.approx(value, rel=1e-3)
    assert (figure["kind"], figure["unit"]) == (kind, unit)


def test_only_one_is_not_a_figure(analyzer):
    assert figures(analyzer, "The Aegean is only one of many deadly routes into Europe.") == []


def test_a_sentence_that_names_no_place_takes_the_place_of_the_one_before(analyzer):
    text = (
        "Senegal is the main country of departure for the Canary route, and Senegal has "
        "asked for help. Spain published its monthly data on Monday. Arrivals reached "
        "31,000 by the end of September."
    )
    (figure,) = figures(analyzer, text, "2024-10-08")
    assert figure["country"] == "ESP"


def test_a_place_only_in_another_clause_keeps_the_earlier_bloc_off(analyzer):
    text = (
        "Greece wants the EU-Turkey deal to hold, and Greece says it works. The Commission "
        "praised the EU-Turkey deal. From 1,500 people landing in Greece a year ago, the "
        "average today stands at 50 per day."
    )
    (figure,) = [f for f in figures(analyzer, text, "2017-03-02") if f["value"] == 50]
    assert figure["country"] == "GRC"


def test_a_figure_in_a_when_clause_takes_the_year_it_hangs_on(analyzer):
    text = (
        "Crossings are the highest since 2016, the year the route was busiest, when more "
        "than 180,000 people reached Italy."
    )
    (figure,) = figures(analyzer, text, "2023-09-01")
    assert figure["year"] == 2016
    text = "Arrivals peaked in 2015, when more than 850,000 people reached Greece by sea."
    (figure,) = figures(analyzer, text, "2019-09-01")
    assert figure["year"] == 2015


def test_a_states_institution_as_subject_gives_its_country(analyzer):
    text = (
        "Boats keep leaving Libya and Tunisia for Europe. The Italian coast guard rescued "
        "about 640 people over the weekend."
    )
    (figure,) = figures(analyzer, text, "2023-04-18")
    assert figure["country"] == "ITA"


def test_a_date_naming_an_event_is_not_the_figures_time(analyzer):
    text = "Some 45 survivors of the June shipwreck are still waiting for papers."
    (figure,) = figures(analyzer, text, "2023-09-01")
    assert figure["year"] is None


def test_a_headline_line_is_not_the_body(analyzer):
    text = (
        "Breaking News\nAgency Says 2.3 Million Refugees Will Need Resettlement Places\n"
        "The agency said 2.3 million refugees would need resettlement next year."
    )
    found = figures(analyzer, text, "2024-06-20")
    assert [f["start"] for f in found] == [text.index("2.3 million")]


def test_a_place_on_the_object_of_the_figures_verb_is_its_place(analyzer):
    text = "The agency opened a new camp in Chad for 20,000 refugees from Darfur."
    (figure,) = figures(analyzer, text, None)
    assert figure["country"] == "TCD"


def test_a_change_on_last_year_is_measured_in_the_articles_year(analyzer):
    text = "Arrivals in Spain from Morocco were down 40 percent compared with last year."
    (figure,) = figures(analyzer, text, "2024-10-09")
    assert figure["year"] == 2024


def _figure(found: list[dict], text: str) -> dict:
    return next(f for f in found if f["text"].endswith(text))


def test_people_named_by_nationality_are_not_counted_in_their_own_country(analyzer):
    text = (
        "Fighting in Sudan has intensified this spring, and the country's economy is in "
        "ruins. The agency said 12,400 asylum applications were lodged by Sudanese in the "
        "first half of the year, and the number of Sudanese asylum seekers could reach "
        "25,000 by December."
    )
    found = figures(analyzer, text)
    assert _figure(found, "12,400")["country"] is None
    assert _figure(found, "25,000")["country"] is None


def test_nationals_going_home_are_counted_in_their_own_country(analyzer):
    text = (
        "Sudan's government has urged its citizens abroad to come back. Officials said "
        "3,200 Sudanese returned last month."
    )
    assert _figure(figures(analyzer, text), "3,200")["country"] == "SDN"


def test_a_states_agents_named_by_nationality_still_give_its_country(analyzer):
    text = (
        "Spain has stepped up patrols off the Canary Islands. Spanish officers intercepted "
        "2,300 people at sea in October, officials in Madrid said."
    )
    assert _figure(figures(analyzer, text), "2,300")["country"] == "ESP"


def test_a_nationality_after_the_figures_noun_says_who_not_where(analyzer):
    text = (
        "Britain and Albania signed a returns deal in 2022. There has been a 90% fall in "
        "Albanian small boat arrivals since then, the Home Office in London said."
    )
    assert _figure(figures(analyzer, text), "90%")["country"] != "ALB"


def test_the_dateline_outweighs_a_destination_named_more_often(analyzer):
    text = (
        "WASHINGTON - The Department of Homeland Security said on Monday it would widen "
        "its programme for asylum seekers at the southern border.\n"
        "Under the scheme, migrants who cross into the U.S. are sent back to Mexico to wait "
        "for their hearings. "
        "Shelters in Mexico are full, and aid groups in Mexico warn of kidnappings.\n"
        "Officials said the number of people caught at the border fell by 40% in September."
    )
    assert _figure(figures(analyzer, text), "40%")["country"] == "USA"


def test_a_dateline_in_a_city_that_is_not_a_capital_counts_for_its_country(analyzer):
    # models/dateline_cities.yaml: wire services file from Johannesburg, not Pretoria.
    text = (
        "JOHANNESBURG (Meridian Wire) - Shops owned by foreigners were looted overnight in "
        "South Africa's largest city, as Nigeria said it would fly 300 of its citizens home.\n"
        "Nigerian officials met envoys in Abuja on Tuesday, and Nigeria's foreign minister "
        "said the flights would start on Friday.\n"
        "Police said 40 people had been arrested after the looting."
    )
    analysis = analyzer.analyze(text, force=True)
    assert _figure(analysis["figures"], "40")["country"] == "ZAF"
    arrests = next(s for s in analysis["statements"] if "arrested" in s["content"])
    assert arrests["speaker"] == "South African police"


def test_a_dateline_after_the_agency_counts_as_one_before_it(analyzer):
    # ANSA's English service puts the agency first: "(ANSA) - ROME, MAY 5 -".
    text = (
        "(ANSA) - PALERMO, JUNE 3 - Some 1,200 migrants reached Sicilian ports overnight, "
        "most of them on boats that had left Tunisia, local officials said.\n"
        "Tunisian authorities have been accused of pushing migrants out of Sfax towards "
        "Italy. "
        "The coast guard said 14 boats had been escorted into port."
    )
    found = analyzer.analyze(text, force=True)["statements"]
    claim = next(s for s in found if "14 boats" in s["content"])
    assert claim["speaker"] == "Italian coast guard"


def test_a_dateline_in_a_city_the_text_never_ties_to_its_country_is_not_its_country(analyzer):
    text = (
        "GENEVA - The U.N. refugee agency said on Tuesday that Chad is hosting more refugees "
        "than at any time in its history.\n"
        "Camps in Chad are full, the agency said, and 20,000 people arrived in the last week."
    )
    assert _figure(figures(analyzer, text), "20,000")["country"] == "TCD"


def test_a_base_of_comparison_belongs_where_the_figure_it_is_compared_with_does(analyzer):
    text = (
        "Pakistan has stepped up arrests of undocumented migrants. The agency said about "
        "12,000 Afghans are returning each week now, compared with 5,000 per week in May, "
        "and many may end up back in Pakistan."
    )
    found = figures(analyzer, text)
    assert _figure(found, "12,000")["country"] == "AFG"
    assert _figure(found, "5,000")["country"] == "AFG"


def test_a_count_repeated_with_its_noun_is_one_figure_dated_by_the_repeat(analyzer):
    text = (
        "Syrians top the list of people seeking asylum in 38 of the world's richest "
        "countries. Figures show 21,000 Syrians applied in the 38 industrialized countries "
        "in the first six months of 2024."
    )
    found = [f for f in figures(analyzer, text) if f["value"] == 38]
    assert len(found) == 1
    assert found[0]["year"] == 2024


def test_a_period_opened_at_the_head_of_a_paragraph_dates_no_later_sentence(analyzer):
    text = (
        "Since 2016, the bloc has spent EUR 210 million on projects in Niger, most of it "
        "through its trust fund. Some EUR 84 million went to border posts in the north."
    )
    found = figures(analyzer, text, published_at=None)
    assert _figure(found, "EUR 84 million")["year"] is None


def test_money_for_a_states_institution_belongs_to_that_state(analyzer):
    text = (
        "The bloc has spent heavily on migration projects in North Africa. Some €25 million "
        "was granted to equip the Tunisian coast guard with patrol boats."
    )
    assert _figure(figures(analyzer, text), "€25 million")["country"] == "TUN"
