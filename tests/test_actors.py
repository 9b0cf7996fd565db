"""Which people and organisations a text's actors are (real spaCy model).

Sentences written for these tests in the style of wire and agency copy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from monitor.nlp.actor_acronyms import acronym_definitions
from monitor.nlp.actor_filters import (
    cut_off,
    is_outlet,
    names_members,
    names_nobody,
    stands_for_named,
)
from monitor.nlp.actor_names import names_a_document, not_a_name
from monitor.nlp.actor_types import guess_organisation_type, guess_role_type


def _actors(analyzer, text: str, kind: str) -> set[str]:
    return {a["name"] for a in analyzer.analyze(text, force=True)["actors"] if a["kind"] == kind}


# -- organisations: acting or only named -----------------------------------------


def test_members_of_a_body_act_as_a_group_not_as_the_body(analyzer):
    text = (
        "U.N. officials in the region say thousands of people have crossed the border "
        "since Monday. U.N. agencies are preparing shelters near the town of Korvane."
    )
    assert "United Nations" not in _actors(analyzer, text, "organisation")


def test_a_spokesman_named_before_his_name_speaks_for_the_body(analyzer):
    text = (
        "UNHCR spokesman Pieter Lansing said on Friday that the camps near the border "
        "were full and that more tents would be flown in next week."
    )
    assert "UNHCR" in _actors(analyzer, text, "organisation")


def test_what_a_body_owns_does_not_make_it_act(analyzer):
    text = (
        "The ministers met in Vienna on Tuesday. As long as the EU's external borders are "
        "not protected, national checks will stay, the interior minister said."
    )
    assert "European Union" not in _actors(analyzer, text, "organisation")


def test_the_owner_of_an_action_and_the_one_urged_to_act_are_actors(analyzer):
    owner = (
        "Rights groups condemned Frontex's deployment of extra patrol boats to the "
        "Aegean, saying it would push people onto more dangerous routes."
    )
    assert "Frontex" in _actors(analyzer, owner, "organisation")
    urged = (
        "The aid groups urged the European Commission to suspend the payments until an "
        "independent inquiry had reported."
    )
    assert "European Commission" in _actors(analyzer, urged, "organisation")


def test_every_body_of_a_coordinated_agent_acts(analyzer):
    text = (
        "The resolution on search and rescue was tabled by the EPP, S&D, Renew and Greens/EFA. "
        "groups and adopted by a large majority."
    )
    found = _actors(analyzer, text, "organisation")
    assert {"S&D", "Greens/EFA"} <= found


def test_a_body_cited_as_the_source_acts(analyzer):
    text = (
        "Interviews with refugees will resume next week, according to the U.S. State "
        "Department. The programme had been paused in March."
    )
    assert "US State Department" in _actors(analyzer, text, "organisation")


def test_a_body_spoken_for_or_described_acting_in_a_clause_acts(analyzer):
    behalf = (
        "Anneli Kask, on behalf of the EPP Group. – Madam President, the Mediterranean "
        "cannot remain a graveyard, and we will vote for this text."
    )
    assert "European People's Party" in _actors(analyzer, behalf, "organisation")
    clause = (
        "The ruling also hits a rival plan by the opposition National Alliance Party, "
        "which wants to reopen an offshore processing centre."
    )
    assert "National Alliance Party" in _actors(analyzer, clause, "organisation")


# -- acronyms defined in the text -------------------------------------------------


def test_acronym_definitions_tell_bodies_from_programmes():
    text = (
        "Returns under the Migrant Protection Protocols (MPP) resumed. Ahead of the "
        "anniversary of Joint Task Force Bravo (JTFB), the ministry spoke. The report by "
        "the U.N. Conference on Trade and Development or UNCTAD was published."
    )
    definitions = acronym_definitions(text)
    assert not definitions["MPP"].is_body
    assert definitions["JTFB"].full == "Joint Task Force Bravo"
    assert definitions["JTFB"].is_body
    assert definitions["UNCTAD"].full == "U.N. Conference on Trade and Development"
    assert "Reuters" not in acronym_definitions("GENEVA (Reuters) The agency said.")


def test_a_programme_acronym_is_no_organisation(analyzer):
    text = (
        "Officials said the Regional Processing Arrangement (RPA) would end in December. "
        "The RPA has cost more than a billion dollars. The RPA was agreed in 2013."
    )
    assert "RPA" not in _actors(analyzer, text, "organisation")


def test_a_body_acronym_takes_its_full_name(analyzer):
    text = (
        "The Joint Smuggling Task Force (JSTF) was set up in 2021. JSTF has charged more "
        "than 300 people, and JSTF investigators said more cases would follow."
    )
    found = _actors(analyzer, text, "organisation")
    assert "JSTF" not in found
    assert "Joint Smuggling Task Force" in found


# -- persons ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Immigration White Paper", True),
        ("For Immediate Release", True),
        ("Joint Migration Task Force", True),
        ("de la sécurité et des affaires intérieures", True),
        ("Ursula von der Leyen", False),
        ("Ilva Johansson", False),
    ],
)
def test_not_a_name(name: str, expected: bool):
    assert not_a_name(name) is expected


def test_documents_are_not_organisations():
    assert names_a_document("Upstream Working Group Roadmap")
    assert not names_a_document("Refugee Council")


def test_people_in_photo_captions_are_not_actors(analyzer):
    text = (
        "FILE - Volunteer Maria Ostrander, left, hands out water to Tomasz Brel near the "
        "border fence, May 3, 2024, in Hidalgo.\n"
        "The number of people crossing fell sharply in May, the agency said, and Ines "
        "Halvorsen, a spokeswoman for the Norwegian Refugee Council, said shelters were full."
    )
    found = _actors(analyzer, text, "person")
    assert "Maria Ostrander" not in found
    assert "Tomasz Brel" not in found
    assert "Ines Halvorsen" in found


def test_coordinated_reporters_are_credits(analyzer):
    text = (
        "Deaths on the route rose again this year. Agency reporters Dana Whitfield and "
        "Omar Kessler spoke with families in the camps.\n"
        "Camp director Helga Brandt said the clinic had run out of medicine."
    )
    found = _actors(analyzer, text, "person")
    assert "Omar Kessler" not in found
    assert "Helga Brandt" in found


def test_a_name_on_a_line_introducing_a_quote_is_a_person(analyzer):
    text = (
        "The committee adopted its report on Tuesday.\n"
        "Civil Liberties Committee Chair Jonas Ekberg (S&D, SE) stated:\n"
        '"This is a first step, and the Council must now follow," he said.'
    )
    assert "Jonas Ekberg" in _actors(analyzer, text, "person")


# -- list-level filters ----------------------------------------------------------------


@dataclass
class _Listed:
    name: str
    kind: str = "organisation"
    type: str = "other"
    positions: list[int] = field(default_factory=list)


@pytest.fixture(scope="module")
def nlp(analyzer):
    return analyzer.nlp


def test_names_nobody():
    assert names_nobody(_Listed("MEP", kind="person"))
    assert not names_nobody(_Listed("Asylum and Migration Minister", kind="person"))
    assert names_nobody(_Listed("partnership"))
    assert not names_nobody(_Listed("consortium"))  # a generic noun, judged apart
    assert names_nobody(_Listed("Regional Returns Roadmap"))


def test_members_in_the_plural_are_a_group():
    assert names_members(_Listed("MEPs"))
    assert names_members(_Listed("ministers"))
    assert not names_members(_Listed("Refugee Council"))
    assert not names_members(_Listed("MEP", kind="person"))


def test_a_generic_noun_stands_for_the_body_named(nlp):
    doc = nlp("UNHCR warned of shortages. The agency said more tents were needed.")
    agency = _Listed("agency", type="government", positions=[doc.text.index("agency")])
    unhcr = _Listed("UNHCR", type="international_org", positions=[0])
    assert stands_for_named(agency, [agency, unhcr], doc)
    assert not stands_for_named(agency, [agency], doc)
    council = _Listed("Council", type="eu_institution", positions=[doc.text.index("agency")])
    assert not stands_for_named(council, [council, unhcr], doc)


def test_a_name_cut_off_at_the_end_of_the_text():
    person = _Listed("Adrian Kowalski", kind="person")
    assert cut_off(_Listed("Kowal"), [person])
    assert not cut_off(_Listed("Kowalski"), [person])
    assert not cut_off(_Listed("Kowal Agency"), [person])


def test_the_outlet_in_its_own_credits_is_no_actor(nlp):
    text = (
        "Crossings rose in May. (P. Marsh/Harbour Radio)\n"
        "Harbour Radio's migration reporter Lena Vos has more.\n"
        "Harbour Radio met families at the port."
    )
    doc = nlp(text)
    outlet = _Listed("Harbour Radio", positions=[m.start() for m in re.finditer("Harbour", text)])
    assert is_outlet(outlet, doc)
    plain = "Sea Rescue Network said its ship was held. Sea Rescue Network appealed."
    body = _Listed("Sea Rescue Network", positions=[0, plain.index("Sea Rescue", 5)])
    assert not is_outlet(body, nlp(plain))


def test_the_end_of_an_office_is_not_part_of_the_name(analyzer):
    text = (
        "The agency's Director of the Division on Trade and Enterprise James Mitchell "
        "says investment flows to the region fell by a third last year."
    )
    found = _actors(analyzer, text, "person")
    assert "James Mitchell" in found
    assert "Enterprise James Mitchell" not in found


def test_a_surname_in_capitals_belongs_to_the_name(analyzer):
    text = (
        "The European Parliament backed the report on Tuesday. Rapporteur Anna Katharina "
        "BRENNER (Greens/EFA, DE) said the vote was a clear signal."
    )
    found = _actors(analyzer, text, "person")
    assert "Anna Katharina Brenner" in found
    assert "Anna Katharina" not in found


def test_a_church_mission_is_an_ngo():
    assert guess_organisation_type("Refugee Hope Ministries") == "ngo"
    assert guess_role_type("Refugee Hope Ministries Coordinator") == "ngo"
    assert guess_organisation_type("Ministry of Home Affairs") == "government"


@pytest.mark.parametrize(
    "name", ["Pas-de-Calais prefecture", "Border Management Authority", "Palestinian Authority"]
)
def test_a_prefecture_or_an_authority_is_part_of_the_state(name):
    assert guess_organisation_type(name) == "government"


def test_a_commission_named_by_its_nation_is_the_states():
    assert guess_organisation_type("Mexican Commission for Refugee Assistance") == "government"
    assert guess_organisation_type("European Commission") == "eu_institution"
    assert guess_organisation_type("International Commission of Jurists") == "ngo"


def test_names_with_a_middle_initial_after_an_office(analyzer):
    text = (
        "The task force was launched in 2021 by Attorney General Harold T. Brennan and "
        "Secretary of Homeland Security Rosa M. Quintero, the department said."
    )
    found = _actors(analyzer, text, "person")
    assert {"Harold T. Brennan", "Rosa M. Quintero"} <= found


def test_every_speaker_is_an_actor_of_the_list(analyzer):
    # A generic noun that stands for a body already named is dropped from the list,
    # unless it speaks: its statements point at its row (the store checks the keys).
    text = (
        "The charity Safe Passage said on Monday that 40 refugee children were still waiting "
        "in Calais. The charity said the government had ignored its letters."
    )
    analysis = analyzer.analyze(text)
    listed = {actor["id"] for actor in analysis["actors"]}
    speakers = {s["speaker_id"] for s in analysis["statements"] if s.get("speaker_id")}
    assert speakers and speakers <= listed
