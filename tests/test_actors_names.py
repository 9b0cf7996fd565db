"""People's names as reporting writes them: misspelt, cut off, or a place's (real
spaCy model for the end-to-end cases).

Sentences written for these tests in the style of wire and agency copy."""

from __future__ import annotations

import pytest

from monitor.nlp.actor_names import not_a_name, one_slip_apart


def _people(analyzer, text: str) -> list[str]:
    found = analyzer.analyze(text, force=True)["actors"]
    return [a["name"] for a in found if a["kind"] == "person"]


@pytest.mark.parametrize(
    ("word", "other", "expected"),
    [
        ("Zahn", "Zhan", True),  # two letters swapped
        ("Camileri", "Camilleri", True),  # one dropped
        ("Hansen", "Hanson", True),  # one changed
        ("Hansen", "Jansen", False),  # another first letter: another name
        ("Moraes", "Morales", True),
        ("Smith", "Smythe", False),
        ("Lind", "Lind", False),  # the same name is no slip
    ],
)
def test_one_slip_apart(word: str, other: str, expected: bool):
    assert one_slip_apart(word, other) is expected


def test_a_surname_misspelt_later_is_the_same_person(analyzer):
    text = (
        "Agency economist Peter Holmberg says investment in the region fell by a third. "
        "Furthermore, Holmbreg says flows to the poorest countries fell further."
    )
    assert _people(analyzer, text) == ["Peter Holmberg"]


def test_a_speaker_cut_off_where_the_excerpt_ends_is_the_person_named(analyzer):
    text = (
        "Agency spokesman Adrian Kowalski says the camps are full.\n"
        '"The situation at the border has been getting worse," says Kowal'
    )
    analysis = analyzer.analyze(text, force=True)
    names = {a["name"] for a in analysis["actors"]}
    assert "Kowal" not in names
    assert {s["speaker"] for s in analysis["statements"]} == {"Adrian Kowalski"}


def test_places_the_ner_calls_people_are_not_names():
    assert not_a_name("Jefferson City")
    assert not_a_name("Rhone Glacier")
    assert not not_a_name("Marta Gonzalez")


def test_a_hyphenated_name_is_kept_whole_when_an_office_introduces_it(analyzer):
    text = (
        "Regional council spokeswoman Anne-Laure Dubois-Martin said the shelter would "
        "open on Monday. Grand Chief Thomas Leblanc-Ottawa said the band had not been "
        "consulted."
    )
    people = _people(analyzer, text)
    assert "Anne-Laure Dubois-Martin" in people
    assert "Thomas Leblanc-Ottawa" in people
    speakers = {s["speaker"] for s in analyzer.analyze(text, force=True)["statements"]}
    assert {"Anne-Laure Dubois-Martin", "Thomas Leblanc-Ottawa"} <= speakers


def test_a_spaced_dash_still_ends_a_name(analyzer):
    text = "Interior Minister Jana Kowalska - in office since May - said the camps were full."
    assert "Jana Kowalska" in _people(analyzer, text)


@pytest.mark.parametrize(
    ("text", "person", "again"),
    [
        # Two particles before the surname: the model cut these in two, a person
        # "Ursula von der" and a place "Leyen".
        (
            "Commission President Ursula von der Leyen said the pact would apply from "
            'June. "Europe decides who comes," von der Leyen told reporters.',
            "Ursula von der Leyen",
            "Europe decides who comes",
        ),
        (
            "State Secretary Maarten van der Bosch said transfers to Croatia would "
            "resume. Van der Bosch added that the first flights were planned for January.",
            "Maarten van der Bosch",
            "the first flights were planned",
        ),
    ],
)
def test_a_name_with_two_particles_is_one_person_named_again_by_them(
    analyzer, text: str, person: str, again: str
):
    assert _people(analyzer, text) == [person]
    later = next(
        s for s in analyzer.analyze(text, force=True)["statements"] if again in s["content"]
    )
    assert later["speaker"] == person


def test_a_first_name_that_is_also_a_common_word_starts_a_name(analyzer):
    # "Per" is a preposition to the model, and a stop word.
    text = (
        "The trade union confederation takes a different view. Its chief economist, "
        "Per Östman, said the old rules had allowed employers to undercut pay."
    )
    assert "Per Östman" in _people(analyzer, text)
    (statement,) = analyzer.analyze(text, force=True)["statements"]
    assert statement["speaker"] == "Per Östman"
