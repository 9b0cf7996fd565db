"""Page furniture is not the story: captions, record codes, foreign-language lines,
and capitals standing for something other than their country (real spaCy model).

Sentences written for these tests in the style of wire and agency copy."""

from __future__ import annotations

from monitor.nlp.furniture import caption_extent, unwrap_lines


def _countries(analyzer, text: str) -> set[str]:
    return {c["iso3"] for c in analyzer.analyze(text, force=True)["countries"]}


def _actors(analyzer, text: str, kind: str) -> set[str]:
    return {a["name"] for a in analyzer.analyze(text, force=True)["actors"] if a["kind"] == kind}


def test_caption_extent():
    assert caption_extent("FILE - Families wait at the port of Piraeus, Greece.") > 0
    line = "Migrants wait near the village of Horgos, Serbia, Oct. 4, 2016. Officials said more."
    assert caption_extent(line) == line.index(" Officials")
    assert caption_extent("Asylum requests rose on Oct. 4, 2016, the ministry said.") == 0


def test_countries_of_photo_captions_are_not_the_articles(analyzer):
    text = (
        "Migrants walk along the tracks near the village of Horgos, Serbia, Monday, "
        "Oct. 3, 2016. (R. Lind/Wire Photo)\n"
        "FILE - A boat reaches the shore of Lesbos near Mytilene, Greece, Jan. 9, 2016.\n"
        "Italy's coast guard rescued 300 people off Lampedusa on Sunday, the coast "
        "guard said, and took them to a reception centre in Sicily."
    )
    found = _countries(analyzer, text)
    assert "ITA" in found
    assert not found & {"SRB", "GRC"}


def test_a_caption_printed_twice_is_furniture(analyzer):
    caption = "Rescuers carry a child ashore after a boat capsized off the coast of Tunisia."
    text = (
        f"{caption}\n{caption}\n\n"
        "The Italian interior ministry said arrivals by sea had doubled since January, "
        "and officials in Rome called for more help from other member states."
    )
    assert "TUN" not in _countries(analyzer, text)
    assert "ITA" in _countries(analyzer, text)


def test_a_members_country_code_in_a_debate_record_is_not_a_country(analyzer):
    text = (
        "Opening the debate, committee chair Jana Novak (S&D, UK) said the reform "
        "must share responsibility fairly, while the Commission promised a new proposal."
    )
    assert "GBR" not in _countries(analyzer, text)
    assert "Jana Novak" in _actors(analyzer, text, "person")


def test_a_capital_standing_for_an_eu_instrument_is_not_its_country(analyzer):
    text = (
        "MEPs want Dublin overhauled. The Dublin regulation makes the country of first "
        "entry responsible for an asylum claim, and reform of Dublin has stalled."
    )
    assert "IRL" not in _countries(analyzer, text)


def test_a_city_of_another_country_sharing_a_capitals_name(analyzer):
    text = (
        "The agency has opened a new registration office in the northern Lebanese city "
        "of Tripoli, where thousands of Syrians have arrived since the summer."
    )
    found = _countries(analyzer, text)
    assert "LBN" in found
    assert "LBY" not in found


def test_a_capital_opening_a_meetings_name_is_not_its_country(analyzer):
    text = (
        "The minister spoke at the London Border Security Conference on Tuesday, "
        "promising more patrols on the route from Libya."
    )
    assert "GBR" not in _countries(analyzer, text)


def test_names_in_a_line_of_another_language_are_not_people(analyzer):
    text = (
        "Kuzey sınırında bekleyen göçmenler, Ali Kaya ve Selin Demir ile birlikte "
        "yardım bekliyor. Fotoğrafın hangi gün çekildiği bilinmiyor.\n"
        "The aid group's director, Maria Lindqvist, said the camp near the border was "
        "running out of water and blankets."
    )
    found = _actors(analyzer, text, "person")
    assert "Maria Lindqvist" in found
    assert not found & {"Ali Kaya", "Selin Demir"}


def test_a_sentence_cut_off_at_the_end_of_an_excerpt_is_no_headline(analyzer):
    text = (
        "Aid groups said the border had been closed since Friday.\n"
        "Somalia's Minister of Foreign Affairs Abdi Farah Warsame denies that Kenyan "
        "authorities a"
    )
    assert "Abdi Farah Warsame" in _actors(analyzer, text, "person")


# Copy hard-wrapped at about 70 characters, as old wire stories and plain-text pages are.
WRAPPED = (
    "Aid groups have accused the border police of pushing back families who had\n"
    "crossed the river overnight. In a statement on Friday, the rights group Human\n"
    "Rights Watch said it feared for some 300 people who were sent back across\n"
    "the border without being allowed to apply for asylum.\n"
    "The interior ministry denied the accusation and said all returns were\n"
    "carried out in line with the law, according to a spokeswoman who asked\n"
    "not to be named. She said the ministry would publish its own figures\n"
    "on the returns next week.\n"
)


def test_hard_wrapped_lines_are_joined_inside_sentences_only():
    unwrapped = unwrap_lines(WRAPPED)
    assert len(unwrapped) == len(WRAPPED)  # every offset is still the input's
    assert "rights group Human Rights Watch said" in unwrapped
    assert "asylum.\nThe interior ministry" in unwrapped  # a break after a full stop stays


def test_text_with_paragraph_lines_is_left_as_it_is():
    text = "Arrivals rose in May.\nThe ministry said more would come.\n\nA new camp opens."
    assert unwrap_lines(text) == text


def test_a_name_broken_over_two_lines_still_speaks(analyzer):
    found = analyzer.analyze(WRAPPED, force=True)["statements"]
    feared = next(s for s in found if "feared for some 300 people" in s["content"])
    assert feared["speaker"] == "Human Rights Watch"
