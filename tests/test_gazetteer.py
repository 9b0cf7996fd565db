"""The pattern files are generated data: they must match their sources."""

import json
from pathlib import Path

import pytest

from monitor.nlp.gazetteer import (
    AMBIGUOUS_COUNTRY_LABEL,
    country_patterns,
    institution_patterns,
    load_yaml,
)
from monitor.settings import Settings

MODELS = Path(Settings().models_dir)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_committed_patterns_are_up_to_date():
    aliases = load_yaml(MODELS / "country_aliases.yaml")
    institutions = load_yaml(MODELS / "institutions.yaml")
    assert read_jsonl(MODELS / "patterns" / "countries.jsonl") == country_patterns(aliases), (
        "run `make patterns` and commit models/patterns"
    )
    assert read_jsonl(MODELS / "patterns" / "institutions.jsonl") == institution_patterns(
        institutions
    )


def test_every_iso_country_and_common_aliases_have_patterns():
    patterns = read_jsonl(MODELS / "patterns" / "countries.jsonl")
    forms = {(p["pattern"], p["id"]) for p in patterns}
    for form, iso3 in [
        ("Belgium", "BEL"),
        ("DRC", "COD"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Afghan", "AFG"),
        ("Kabul", "AFG"),
        ("UK", "GBR"),
        ("the Netherlands", "NLD"),
        ("Eritrean", "ERI"),
    ]:
        assert (form, iso3) in forms, form
    assert len({p["id"] for p in patterns}) >= 195


def test_ambiguous_forms_are_marked():
    patterns = read_jsonl(MODELS / "patterns" / "countries.jsonl")
    labels = {(p["pattern"], p["id"]): p["label"] for p in patterns}
    assert labels[("Jordan", "JOR")] == AMBIGUOUS_COUNTRY_LABEL
    assert labels[("Congolese", "COD")] == AMBIGUOUS_COUNTRY_LABEL
    assert ("Brussels", "BEL") not in labels  # the seat of the EU institutions


def test_names_written_with_a_hyphen_have_patterns():
    # "Manus Island in Papua-New Guinea": without the variant, "Guinea" alone matched.
    patterns = read_jsonl(MODELS / "patterns" / "countries.jsonl")
    forms = {(p["pattern"], p["id"]) for p in patterns}
    assert ("Papua-New Guinea", "PNG") in forms
    assert ("Sri-Lanka", "LKA") in forms
    assert not any(form.startswith("Saint-") for form, _ in forms)  # French places
    assert ("Bosnia-and Herzegovina", "BIH") not in forms


def test_a_hyphenated_name_is_one_country(analyzer):
    text = "Asylum seekers were held on Manus Island in Papua-New Guinea for years."
    found = {c["iso3"] for c in analyzer.analyze(text, force=True)["countries"]}
    assert found == {"PNG"}


def test_an_ambiguous_name_where_people_go_is_the_country(analyzer):
    # The small model reads this "Chad" as a first name; people flee to a place.
    text = "More than 100,000 refugees have fled to Chad since the conflict broke out."
    found = {c["iso3"] for c in analyzer.analyze(text, force=True)["countries"]}
    assert found == {"TCD"}


def test_an_ambiguous_name_as_a_persons_first_name_is_no_country(analyzer):
    text = "Chad Johnson said the asylum vote would be close. Chad said he would vote no."
    assert analyzer.analyze(text, force=True)["countries"] == []


def test_a_descriptive_alias_has_its_title_cased_form(analyzer):
    # A body's own pages capitalise the description: "The United Nations Refugee
    # Agency" is UNHCR, not the United Nations.
    patterns = read_jsonl(MODELS / "patterns" / "institutions.jsonl")
    forms = {(p["pattern"], p["id"]) for p in patterns}
    assert ("United Nations Refugee Agency", "unhcr") in forms
    assert ("Office Des Étrangers", "belgian-immigration-office") not in forms  # French
    text = (
        "The United Nations Refugee Agency (UNHCR) has called on donors to increase "
        "their support for the camps."
    )
    found = analyzer.analyze(text, force=True)["statements"]
    assert [s["speaker"] for s in found] == ["UNHCR"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Copy often writes "High Commission" for "High Commissioner": still the
        # agency, not the United Nations as a whole.
        (
            "The United Nations High Commission for Refugees (UNHCR) said it would object "
            "if the registered refugees were deported.",
            "UNHCR",
        ),
        # The list has "UN food agency"; wire copy spells the UN out.
        (
            "The United Nations food agency said on Monday that it would cut rations again.",
            "WFP",
        ),
    ],
)
def test_a_un_agency_written_another_way_is_still_that_agency(analyzer, text, speaker):
    found = analyzer.analyze(text, force=True)["statements"]
    assert [s["speaker"] for s in found] == [speaker]


def test_dateline_cities_are_keyed_by_known_codes_and_are_not_capitals():
    from monitor.nlp.countries import DATELINE_CITIES, place_codes

    cities = load_yaml(MODELS / DATELINE_CITIES)
    patterns = read_jsonl(MODELS / "patterns" / "countries.jsonl")
    names = [name for listed in cities.values() for name in listed]
    assert set(cities) <= {p["id"] for p in patterns}
    assert len(names) == len(set(names)), "a city is listed under two states"
    assert not set(names) & {p["pattern"] for p in patterns if isinstance(p["pattern"], str)}, (
        "capitals and country names come from the country patterns"
    )
    codes = place_codes(str(MODELS))
    assert codes["Johannesburg"] == "ZAF" and codes["New York"] == "USA"
