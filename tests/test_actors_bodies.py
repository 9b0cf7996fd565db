"""Which names are bodies, and when a body acts (real spaCy model).

Sentences written for these tests in the style of wire and agency copy."""

from __future__ import annotations


def _actors(analyzer, text: str, kind: str) -> set[str]:
    return {a["name"] for a in analyzer.analyze(text, force=True)["actors"] if a["kind"] == kind}


def test_a_body_named_after_its_country_is_an_organisation(analyzer):
    text = (
        "The camp is run by the Uganda Red Cross Society, which said on Monday that "
        "it had registered 2,000 new arrivals from South Sudan."
    )
    assert "Uganda Red Cross Society" in _actors(analyzer, text, "organisation")


def test_a_countrys_generic_body_is_no_organisation(analyzer):
    # (Not as a speaker: a speaker is listed under the name it speaks by.)
    text = "Three boats were turned back last month by the Australian Government."
    assert not _actors(analyzer, text, "organisation") & {
        "Australian Government",
        "Government",
    }


def test_the_office_of_the_person_named_next_is_not_part_of_the_body(analyzer):
    text = (
        "Harbour Hope Ministries Coordinator Daniel Okello told reporters that families "
        "had been turned away at the border post."
    )
    found = _actors(analyzer, text, "organisation")
    assert "Harbour Hope Ministries" in found
    assert "Harbour Hope Ministries Coordinator" not in found


def test_a_body_introduced_by_its_kind_is_an_organisation(analyzer):
    text = (
        "The figures come from the non-governmental organization, the Tenaga Project, "
        "which counts boats leaving the shore each week."
    )
    assert "Tenaga Project" in _actors(analyzer, text, "organisation")


def test_a_section_and_a_legislature_are_bodies(analyzer):
    text = (
        "The scheme rests on a law passed by Congress in 1996. The inquiry is led by "
        "the Organized Crime and Gang Section of the department."
    )
    found = _actors(analyzer, text, "organisation")
    assert "Congress" in found
    assert any("Organized Crime and Gang Section" in name for name in found)


def test_members_named_in_capitals_do_not_make_the_body_act(analyzer):
    text = (
        "On 18 March, EU Heads of State or Government and Turkey agreed to end "
        "irregular crossings to the Greek islands."
    )
    assert "European Union" not in _actors(analyzer, text, "organisation")


def test_a_body_joined_to_another_by_a_hyphen_does_not_act(analyzer):
    text = (
        "The EU-Turkey statement continues to deliver results, the Commission said, "
        "with arrivals on the islands down sharply."
    )
    assert "European Union" not in _actors(analyzer, text, "organisation")


def test_an_office_in_a_bodys_field_agency_speaks_for_the_agency(analyzer):
    text = (
        "U.N. refugee spokeswoman Clara Holm says the agency has moved 400 people out of "
        "the camp. UNHCR said more buses would leave on Friday."
    )
    found = _actors(analyzer, text, "organisation")
    assert "United Nations" not in found
    assert "UNHCR" in found


def test_a_units_office_still_speaks_for_the_body(analyzer):
    text = (
        "UNHCR Europe bureau director Karl Weber said that most people arriving on the "
        "islands were fleeing war."
    )
    assert "UNHCR" in _actors(analyzer, text, "organisation")


def test_a_member_in_apposition_does_not_make_the_group_act(analyzer):
    text = (
        "Committee chair Anna Berg (S&D, SE) said the proposal was a first step. Jonas "
        'Lind, the MEP steering the file, said: "We will not accept delays."'
    )
    assert not _actors(analyzer, text, "organisation") & {"S&D", "MEP"}


def test_a_news_agency_is_the_press_and_a_legislature_the_state():
    from monitor.nlp.actor_types import guess_organisation_type

    assert guess_organisation_type("Yonhap news agency") == "media"
    assert guess_organisation_type("Congress") == "government"
    assert guess_organisation_type("Border Agency") == "government"


def test_the_place_of_an_appeal_does_not_act(analyzer):
    text = (
        "At the U.N. General Assembly in New York on Wednesday, the secretary-general "
        "appealed to governments to share responsibility for refugees."
    )
    assert "UN General Assembly" not in _actors(analyzer, text, "organisation")
    urged = "Aid groups called on the European Commission to halt the payments."
    assert "European Commission" in _actors(analyzer, urged, "organisation")
