"""Who said what, on sentences written for the project in the style of real
reporting: pronouns by salience and gender, continuations, denials, datelines,
scare quotes, debate turns, generic bodies tied to their country."""

from __future__ import annotations

import pytest


def statements(analyzer, text: str) -> list[dict]:
    return analyzer.analyze(text, force=True)["statements"]


def by_content(found: list[dict], words: str) -> dict:
    matches = [s for s in found if words in s["content"]]
    assert matches, f"no statement holds {words!r}: {[s['content'] for s in found]}"
    return matches[0]


def test_she_is_the_woman_quoted_before_not_the_man_named_last(analyzer):
    text = (
        "Marta Ilves, a spokeswoman for the refugee council, said the camps were full. "
        "Inspector Tomas Berg met the families on Monday. "
        '"Nobody here has slept indoors for a week," she said.'
    )
    quote = by_content(statements(analyzer, text), "Nobody here has slept")
    assert quote["speaker"] == "Marta Ilves"


def test_he_goes_to_the_previous_speaker_when_the_text_shows_nothing_else(analyzer):
    text = (
        "Interior Minister Pavel Dvorak said on Tuesday that the new centre would open in May. "
        '"We will process every claim within twelve weeks," he told reporters in Prague.'
    )
    quote = by_content(statements(analyzer, text), "process every claim")
    assert quote["speaker"] == "Pavel Dvorak"


def test_it_is_the_organisation_that_spoke_before(analyzer):
    text = (
        "The International Organization for Migration said arrivals in Yemen rose sharply "
        "this year. It says most of those arriving come from Ethiopia and pay smugglers."
    )
    claim = by_content(statements(analyzer, text), "most of those arriving")
    assert claim["speaker"] == "IOM"


def test_the_report_speaks_for_the_agency_that_published_it(analyzer):
    text = (
        "The UN refugee agency published its yearly asylum survey on Friday. "
        "The report says applications from Iraqis more than tripled in two years."
    )
    claim = by_content(statements(analyzer, text), "applications from Iraqis")
    assert claim["speaker"] == "UNHCR"


def test_he_is_the_person_the_sentence_before_is_about_not_the_last_speaker(analyzer):
    text = (
        "Interior Minister Jonas Berglund announced a new return centre on Monday. "
        '"We have to be faster," said Piotr Lenz of the refugee council. '
        "Berglund rejected the criticism. He said claims had doubled since 2022."
    )
    claim = by_content(statements(analyzer, text), "claims had doubled")
    assert claim["speaker"] == "Jonas Berglund"


def test_a_first_name_settles_he_when_the_text_shows_no_gender(analyzer):
    # Nothing in the text shows either person's gender: only their first names do.
    text = (
        "Tomasz Kowal, an opposition MP, spoke after Helena Novak, the interior minister. "
        "Novak said the plan was sound. "
        '"It came too late," he said.'
    )
    quote = by_content(statements(analyzer, text), "came too late")
    assert quote["speaker"] == "Tomasz Kowal"


def test_pronouns_after_someone_else_is_named_do_not_count_for_a_gender(analyzer):
    text = (
        "Senator Dana Brill said the plan was sound. "
        "Opposition MP Kai Moreno said the plan came too late. "
        "He accused the government of losing control of the border.\n\n"
        '"The minister is managing a crisis," Moreno said. '
        "Dana Brill said her office would reply. She said her staff had worked all night."
    )
    accusation = by_content(statements(analyzer, text), "losing control")
    assert accusation["speaker"] == "Kai Moreno"


def test_they_is_the_plural_subject_of_the_sentence_before(analyzer):
    text = (
        "The European Union has promised more money for the island. "
        "Aid workers describe dire conditions in the camp. "
        "They say families are sleeping in tents without heating."
    )
    claim = by_content(statements(analyzer, text), "sleeping in tents")
    assert claim["speaker"] == "Aid workers" and claim["speaker_type"] == "ngo"


def test_they_after_a_sentence_about_things_is_not_resolved_to_them(analyzer):
    text = (
        "Amnesty International published its findings on Tuesday. "
        "Conditions in the camp have worsened since the summer. "
        "They say families are sleeping in tents without heating."
    )
    claim = by_content(statements(analyzer, text), "sleeping in tents")
    assert claim["speaker"] != "Conditions"


def test_shadow_ministers_speak_for_their_party(analyzer):
    text = (
        "Yvette Hale, the shadow home secretary, said the scheme had cost millions "
        "and would never work."
    )
    claim = by_content(statements(analyzer, text), "cost millions")
    assert claim["speaker"] == "Yvette Hale" and claim["speaker_type"] == "party"


def test_an_unattributed_quote_paragraph_continues_the_previous_speaker(analyzer):
    text = (
        '"People are arriving with nothing but the clothes they wear," said Ana Sousa, '
        "who runs the shelter in Ceuta.\n\n"
        '"We have asked the city for more beds three times since January."'
    )
    found = statements(analyzer, text)
    follow = by_content(found, "asked the city for more beds")
    assert follow["speaker"] == "Ana Sousa"
    assert follow["continuation"] is True and follow["cue"] is None


def test_the_body_named_in_a_speakers_attribution_does_not_stop_the_continuation(analyzer):
    # The agency appears only as part of who the speaker is: she goes on speaking.
    text = (
        "UNHCR needs $90 million for the camps.\n\n"
        '"We have run out of time," UNHCR\'s country director Mara Velez said on Monday.\n\n'
        '"Families are already sharing one tent between three."'
    )
    follow = by_content(statements(analyzer, text), "sharing one tent")
    assert follow["speaker"] == "Mara Velez" and follow["continuation"] is True


def test_an_unnamed_official_is_the_official_and_he_of_later_lines(analyzer):
    text = (
        "A ministry official on Friday told families that the camp would close.\n"
        '"Nobody will be left without a bed," the official said at the meeting.\n'
        "Those not granted protection would be flown home within a month, he said."
    )
    found = statements(analyzer, text)
    assert by_content(found, "left without a bed")["speaker"] == "ministry official"
    assert by_content(found, "flown home within a month")["speaker"] == "ministry official"


def test_a_person_known_by_one_name_is_a_person_and_he_of_the_next_quote(analyzer):
    text = (
        "Another deportee, Zabiullah, said he had lived in Mashhad for eleven years. "
        '"They took my phone and my savings at the border," he told reporters.'
    )
    found = statements(analyzer, text)
    assert by_content(found, "took my phone")["speaker"] == "Zabiullah"
    assert by_content(found, "lived in Mashhad")["speaker_type"] == "other"


def test_a_name_cut_short_at_the_end_of_an_excerpt_is_no_new_person(analyzer):
    text = (
        "The talks are led by Pierre Jamot of the World Meteorological Organization.\n\n"
        '"The commitments on the table are not yet enough to stay within the target," said Ja'
    )
    actors = analyzer.analyze(text, force=True)["actors"]
    assert "Ja" not in [a["name"] for a in actors if a["kind"] == "person"]


def test_a_with_clause_that_has_its_own_speaker_is_that_speakers_statement(analyzer):
    text = (
        "The Greens have rejected the return scheme, with party spokeswoman Lena Dahl "
        "saying that children would be sent back to danger."
    )
    claim = by_content(statements(analyzer, text), "children would be sent back")
    assert claim["speaker"] == "Lena Dahl" and claim["cue"] == "saying"


@pytest.mark.parametrize(
    ("text", "speaker", "speaker_type"),
    [
        ("According to local media, the ferry was turned away.", "local media", "media"),
        (
            "Arrivals fell by a fifth last month, according to official figures.",
            "official figures",
            "government",
        ),
        (
            "According to figures from the Home Office, arrivals fell by a fifth.",
            "Home Office",
            "government",
        ),
    ],
)
def test_a_source_described_not_named_speaks_as_described(analyzer, text, speaker, speaker_type):
    (claim,) = statements(analyzer, text)
    assert (claim["speaker"], claim["speaker_type"]) == (speaker, speaker_type)


@pytest.mark.parametrize("opening,closing", [('"', '"'), ("\u201c", "\u201d")])
def test_a_quote_running_over_paragraphs_is_one_statement_by_who_closes_it(
    analyzer, opening, closing
):
    # News style: every paragraph of the passage opens with a mark, only the last closes.
    text = (
        "The shelters were full again on Tuesday night.\n"
        f"{opening}We are doing everything we can with the beds we have. We opened two "
        "new sites in June.\n"
        f"{opening}But the numbers keep growing and we need the federal government to step "
        f"up,{closing} said Gord Tanner, who runs the city shelters."
    )
    found = statements(analyzer, text)
    passage = by_content(found, "doing everything we can")
    assert passage["speaker"] == "Gord Tanner"
    assert "numbers keep growing" in passage["content"]
    assert len([s for s in found if s["kind"] == "direct"]) == 1


@pytest.mark.parametrize(
    "lead",
    [
        # The attribution opens the passage ...
        "Housing officer Mira Dalca said: \u201cWe are opening two more sites before winter.\n\n",
        # ... or the passage carries on a quote attributed before it.
        "\u201cWe are opening two more sites before winter,\u201d Housing officer Mira Dalca "
        "said.\n\n",
    ],
)
def test_each_paragraph_of_a_running_quote_after_its_attribution_is_a_continuation(analyzer, lead):
    # Every paragraph reopens with a mark and only the last closes; each paragraph after
    # the attributed one carries on the speaker (docs/annotation.md: continuations).
    text = (
        "The shelters were full again on Tuesday night.\n\n"
        + lead
        + "\u201cThe numbers keep growing and the province has not sent the money it "
        "promised in March.\n\n"
        "\u201cWithout it, families will sleep in their cars again this year.\u201d\n\n"
        "The province did not answer questions on Wednesday."
    )
    found = [s for s in statements(analyzer, text) if s["kind"] == "direct"]
    assert [s["speaker"] for s in found] == ["Mira Dalca"] * 3
    assert found[0]["cue"] == "said" and not found[0]["continuation"]
    first, second = by_content(found, "numbers keep growing"), by_content(found, "Without it")
    assert first["content"].endswith("promised in March.")
    assert second["content"].startswith("Without it")
    assert first["cue"] is second["cue"] is None
    assert first["continuation"] and second["continuation"]


def test_a_curly_quote_never_closes_in_a_later_quoted_paragraph():
    from monitor.nlp.quotes import find_quotes

    # The first mark is never closed; the passage must not swallow the narrative after it.
    text = (
        "\u201cThe camp is not safe for children, the report says\n"
        "The ministry did not answer questions about the camp on Monday.\n"
        "\u201cWe are looking at every option,\u201d a spokesman said later."
    )
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == ["We are looking at every option,"]


def test_a_new_speaker_named_between_stops_a_continuation(analyzer):
    text = (
        '"People are arriving with nothing," said Ana Sousa, who runs the shelter.\n\n'
        "The mayor, Luis Ortega, disagreed with the council's figures.\n\n"
        '"We have asked the city for more beds three times since January."'
    )
    follow = by_content(statements(analyzer, text), "asked the city for more beds")
    assert follow["speaker"] != "Ana Sousa"


def test_a_denial_keeps_its_polarity(analyzer):
    text = (
        "The interior ministry denied that returnees were routinely detained on arrival "
        "in Kabul, in a statement on Thursday."
    )
    denial = by_content(statements(analyzer, text), "returnees were routinely detained")
    assert denial["negated"] is True and denial["cue"] == "denied"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "ATHENS, Greece \u2014 The coast guard said it rescued 41 people off Lesbos overnight.",
            "rescued 41 people",
            None,
        ),
        # South Asian and Gulf papers close the dateline with a colon; the parse then
        # makes the city the noun the speech verb describes.
        (
            "DHAKA: The United Nations food agency said on Monday a lack of funding forced "
            "it to cut rations again.",
            "a lack of funding forced",
            "WFP",
        ),
    ],
)
def test_a_dateline_is_never_the_speaker(analyzer, text, content, speaker):
    claim = by_content(statements(analyzer, text), content)
    assert claim["speaker"] and text.split()[0].strip(",:") not in claim["speaker"]
    assert speaker is None or claim["speaker"] == speaker


@pytest.mark.parametrize(
    "text",
    [
        'Ministers call the plan a "one in, one out" deal with Paris.',
        'The campaign, "Think before you go", runs on radio in Dakar.',
    ],
)
def test_scare_quotes_and_slogans_are_not_statements(analyzer, text):
    assert statements(analyzer, text) == []


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The court ruled that the transfers to Bulgaria were unlawful.", "ruled"),
        ("The inspectors concluded that the centre lacked medical staff.", "concluded"),
        ("Amnesty International urged the government to halt the deportations.", "urged"),
        ("A report by the Council of Europe found that children were held for weeks.", "found"),
        # Verbs of judgement news uses for a position stated: their object is the claim.
        ("The opposition leader decried a lack of support from other EU states.", "decried"),
        ("Amnesty International denounced the pushbacks of migrants at the border.", "denounced"),
        ("The minister attributed the fall in arrivals to the new border patrols.", "attributed"),
        ("The minister touted a steep decline in the number of crossings.", "touted"),
        # A date on the verb is when, not what: the warning is what follows.
        ("The WFP warned on Monday of rising hunger among refugees in Chad.", "warned"),
    ],
)
def test_findings_rulings_and_demands_are_statements(analyzer, sentence, cue):
    (statement,) = statements(analyzer, sentence)
    assert statement["cue"] == cue


def test_a_debate_turn_is_one_statement_by_the_member(analyzer):
    text = (
        "Debates - Wednesday, 3 May 2023 - Strasbourg\n"
        "  President. – The next item is the debate on search and rescue.\n"
        "  Anna Kowalczyk, on behalf of the PPE Group. – Mr President, the Mediterranean "
        "cannot remain a graveyard, and member states must share the work of rescue.\n"
        "  Lars Holm, rapporteur. – Madam President, according to the IOM more than 2,000 "
        "people died at sea last year, and this report asks for a European mission.\n"
    )
    found = statements(analyzer, text)
    turn = by_content([s for s in found if s["cue"] is None], "cannot remain a graveyard")
    assert turn["speaker"] == "Anna Kowalczyk" and turn["speaker_type"] == "party"
    rapporteur = by_content(
        [s for s in found if s["cue"] is None], "this report asks for a European mission"
    )
    assert rapporteur["speaker"] == "Lars Holm"
    assert rapporteur["speaker_type"] == "eu_institution"
    assert not any("next item" in s["content"] for s in found)  # the chair's words
    inner = [s for s in found if s["cue"] == "according to"]
    assert inner and inner[0]["speaker"] == "IOM"


def test_the_government_is_keyed_with_its_country(analyzer):
    tunis = statements(
        analyzer,
        "Tunisia has stepped up patrols off Sfax. The government said 2,300 people were "
        "stopped at sea in March, and Tunisia will not host return centres.",
    )
    rome = statements(
        analyzer,
        "Italy wants more returns to Tunisia from Italy. The government said on Monday that "
        "Italy would fund two more flights a week from Lampedusa to Tunisia.",
    )
    assert by_content(tunis, "2,300 people")["speaker"] == "Tunisian government"
    assert by_content(rome, "two more flights")["speaker"] == "Italian government"


def test_phrases_that_name_no_one_are_not_speakers(analyzer):
    text = "41 per cent of the people we interviewed said they had been beaten in detention."
    for statement in statements(analyzer, text):
        speaker = statement["speaker"] or ""
        assert not any(character.isdigit() for character in speaker)


def test_an_unnamed_person_described_by_age_speaks_as_a_person(analyzer):
    # Rights groups cite such witnesses as the story describes them; they are never
    # an organisation.
    text = "A 29-year-old man said he had paid smugglers twice before reaching Libya."
    analysis = analyzer.analyze(text, force=True)
    (statement,) = analysis["statements"]
    assert statement["speaker"] == "29-year-old man"
    assert statement["speaker_type"] == "other"
    actor = next(a for a in analysis["actors"] if a["name"] == "29-year-old man")
    assert actor["kind"] != "organisation"


def test_reporters_and_headline_words_are_not_actors(analyzer):
    text = (
        "Rohingya Using Larger Boats to Flee Burma\n\n"
        "Aid workers say 4,000 Rohingya refugees are waiting at the border, and the UN "
        "refugee agency said on Monday it feared more deaths at sea. Marta Sousa, a UNHCR "
        "spokeswoman, said boats were larger this year. Lisa Brandt reports for VOA from Geneva."
    )
    people = {
        a["name"] for a in analyzer.analyze(text, force=True)["actors"] if a["kind"] == "person"
    }
    assert "Marta Sousa" in people
    assert "Lisa Brandt" not in people and "Flee Burma" not in people


def test_an_attribution_set_inside_the_sentence_reports_the_rest(analyzer):
    text = (
        "Lena Varga heads the reception service in Szeged. "
        "The new centre, she said, will take families first and single men later."
    )
    found = by_content(statements(analyzer, text), "take families first")
    assert found["speaker"] == "Lena Varga" and found["cue"] == "said"


def test_told_a_meeting_that_reports_the_clause(analyzer):
    # The small model hangs the that-clause on "meeting" as a relative clause.
    text = (
        "High Commissioner Ana Moreau opened the session in Geneva. Moreau told the annual "
        "donors meeting that refugee law cannot be replaced by national legislation."
    )
    found = by_content(statements(analyzer, text), "cannot be replaced")
    assert found["speaker"] == "Ana Moreau" and found["cue"] == "told"


def test_an_agency_reports_what_it_found(analyzer):
    text = "The U.N. refugee agency reports a sharp increase in the number of people crossing."
    found = by_content(statements(analyzer, text), "sharp increase")
    assert found["cue"] == "reports" and found["speaker_type"] == "international_org"


def test_the_speaker_after_a_quote_is_the_one_beside_the_verb(analyzer):
    # The parse gives "told" two subjects: "group" inside the quote and "official".
    text = (
        "Thailand and the United States announced a resettlement programme in May.\n\n"
        "“The first group left Bangkok for the United States last week,” a U.S. Embassy "
        "official told reporters on Tuesday."
    )
    found = by_content(statements(analyzer, text), "The first group left")
    assert found["cue"] == "told" and "official" in found["speaker"]


def test_a_headline_is_not_a_statement(analyzer):
    text = (
        "Opposition lawmakers criticize new limits on asylum claims\n\n"
        "The government published the rules on Monday. Opposition lawmakers said the "
        "limits would leave families without protection."
    )
    found = statements(analyzer, text)
    assert [s["content"] for s in found if "new limits" in s["content"]] == []
    assert by_content(found, "without protection")["cue"] == "said"


def test_a_headline_ending_in_a_quote_and_its_standfirst_are_not_statements(analyzer):
    # The headline ends on a closing quote mark with no stop inside it; the line
    # under it is a standfirst (longer, no full stop). The body says it all again.
    text = (
        "Minister says rejected claimants \u2018have no right to stay\u2019\n\n"
        "Interior minister Lena Varga rejects criticism of the new removal centres, says "
        "they are \u2018fully in line with European law\u2019\n\n"
        "Interior Minister Lena Varga on Tuesday rejected criticism of the new removal "
        "centres. \u201cThey are fully in line with European law,\u201d Varga said."
    )
    found = statements(analyzer, text)
    assert [s["start"] for s in found if s["start"] < text.index("Interior Minister")] == []
    assert by_content(found, "They are fully in line")["speaker"] == "Lena Varga"


def test_a_line_without_its_full_stop_below_a_body_paragraph_is_kept(analyzer):
    # Only the line right under a headline at the top of the page is a standfirst.
    text = (
        "Camp closures\n\n"
        "The agency announced the plan on Monday.\n\n"
        "The camps will close in May, said Ana Ruiz, the agency's director\n\n"
        "More follows."
    )
    assert by_content(statements(analyzer, text), "The camps will close")["speaker"] == "Ana Ruiz"


def test_a_region_read_as_a_person_is_not_a_speaker(analyzer):
    text = (
        "Activists in Southeast Asia say thousands of people are fleeing by sea, "
        "resuming a seasonal migration."
    )
    found = by_content(statements(analyzer, text), "thousands of people")
    assert found["speaker"] != "Southeast Asia"
    actors = analyzer.analyze(text, force=True)["actors"]
    assert "Southeast Asia" not in {a["name"] for a in actors if a["kind"] == "person"}


def test_an_agency_spokesman_takes_the_agency_named_before(analyzer):
    text = (
        "The UN refugee agency UNHCR says the numbers fleeing continue to rise. "
        "Agency spokesman Adrian Lowe says registration is important for help."
    )
    found = by_content(statements(analyzer, text), "registration is important")
    assert found["speaker"] == "Adrian Lowe"
    assert found["speaker_type"] == "international_org"


def test_a_clause_after_says_is_reported_when_the_parse_falls_apart(analyzer):
    # The small model tags "re-written" as an adjective and loses the clause.
    text = (
        "Prime Minister Julia Marsh says a high court decision blocking a refugee swap "
        "with Malaysia has re-written Australian law."
    )
    found = by_content(statements(analyzer, text), "high court decision")
    assert found["speaker"] == "Julia Marsh" and found["cue"] == "says"
    # A saying verb followed by no clause reports nothing.
    assert statements(analyzer, "The minister spoke in parliament. She said so on Tuesday.") == []


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Jesuit Refugee Service", "ngo"),
        ("Internal Displacement Monitoring Center", "ngo"),
        ("The Border Consortium", "ngo"),
        ("Federal Office for Migration and Refugees", "government"),
        ("Immigration Service", "government"),
    ],
)
def test_bodies_named_for_the_people_they_help_are_civil_society(name, expected):
    from monitor.nlp.actor_types import ORG_TYPE_CUES, guess_type_with

    assert guess_type_with(name, ORG_TYPE_CUES, "other") == expected


def test_first_names_the_registers_agree_on_give_a_gender_others_none():
    from monitor.nlp.first_names import gender_of_first_name

    assert gender_of_first_name("Janet Dench") == "f"
    assert gender_of_first_name("Omar Daudzai") == "m"
    assert gender_of_first_name("Jean Dupont") is None  # given to men and women alike
    assert gender_of_first_name("Dench") is None  # a surname alone tells nothing
    assert gender_of_first_name("J. Dench") is None


def test_first_names_are_cached_once_and_read_back(tmp_path, monkeypatch):
    from monitor.nlp import first_names

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first_names.first_name_genders.cache_clear()
    try:
        built = first_names.first_name_genders()
        cached = list(tmp_path.glob("migration-monitor/first-names-*.tsv"))
        assert len(cached) == 1 and len(built) > 100_000
        first_names.first_name_genders.cache_clear()
        assert first_names.first_name_genders() == built
    finally:
        first_names.first_name_genders.cache_clear()


def test_was_quoted_as_saying_attributes_the_quote_to_the_one_quoted(analyzer):
    text = (
        "The interior ministry said on Friday that the first group had been transferred.\n"
        '"This is a model that other countries are watching closely," Prime Minister '
        "Giulia Ferrante was quoted as saying by a news agency."
    )
    quote = by_content(statements(analyzer, text), "model that other countries")
    assert quote["speaker"] == "Giulia Ferrante"
    assert quote["cue"] == "was quoted as saying" and quote["continuation"] is False


def test_a_quote_followed_by_a_name_is_not_the_previous_speakers_continuation(analyzer):
    # Whatever the parse makes of the attribution, the quote is not the ministry's.
    text = (
        "The interior ministry said on Friday that the first group had been transferred.\n"
        '"This is a model that other countries are watching closely," in the words of '
        "Prime Minister Giulia Ferrante."
    )
    found = statements(analyzer, text)
    quote = [s for s in found if "model that other countries" in s["content"]]
    assert not quote or quote[0]["speaker"] != "Interior Ministry"
    assert all(s["continuation"] is False for s in found)


def test_an_official_a_lead_introduces_by_office_is_the_one_named_next(analyzer):
    text = (
        "A senior U.N. refugee official has criticized European leaders for telling "
        "migrants to stay away.\n\n"
        "Speaking in Brussels on Friday, UNHCR Europe director Marco Vitale said that most "
        "of those arriving in Greece were fleeing war."
    )
    lead = by_content(statements(analyzer, text), "European leaders")
    assert lead["speaker"] == "Marco Vitale"


def test_an_anonymous_official_is_not_the_person_named_next(analyzer):
    text = (
        "A government official, speaking on condition of anonymity, said the camp would "
        "close in March.\n\n"
        "Interior Minister Pavel Dvorak said on Tuesday that the new centre would open in May."
    )
    lead = by_content(statements(analyzer, text), "camp would close")
    assert lead["speaker"] != "Pavel Dvorak"


@pytest.mark.parametrize(
    "sentence,cue,words",
    [
        ("Opposition leader Elly Schlein called the deal a waste of money.", "called", "a waste"),
        (
            "Amnesty International described the centres as a cruel experiment.",
            "described",
            "as a cruel experiment",
        ),
        # The small model may hang the "as" on the object instead of the verb.
        (
            "The border agency described the decline as a significant development.",
            "described",
            "as a significant development",
        ),
        ("The governor termed the new camp rules unacceptable.", "termed", "unacceptable"),
    ],
)
def test_what_a_speaker_calls_something_is_their_statement(analyzer, sentence, cue, words):
    found = by_content(statements(analyzer, sentence), words)
    assert found["cue"] == cue


def test_describing_a_scene_without_calling_it_anything_is_not_a_statement(analyzer):
    text = "Aid workers describe the camp on Lesbos. Families sleep in tents there."
    assert statements(analyzer, text) == []


def test_an_unnamed_spokesperson_speaks_for_their_body(analyzer):
    text = (
        "The French interior ministry said its police had stopped 200 crossings. "
        "A spokeswoman for the ministry said France was doing its share.\n\n"
        "A Home Office spokesperson said the government would stop the crossings. "
        '"The gangs are exploiting vulnerable people," the spokesperson said.'
    )
    found = statements(analyzer, text)
    assert by_content(found, "doing its share")["speaker"] == "French Interior Ministry"
    assert by_content(found, "gangs are exploiting")["speaker"] == "Home Office"


# (Straight marks pair up with each other, so they are never left unclosed like this.)
@pytest.mark.parametrize("mark", ["\u201c", "\u00ab", " \u2018"])
def test_a_million_characters_of_unclosed_quote_marks_are_read_in_linear_time(mark):
    import time

    from monitor.nlp.quotes import find_quotes

    # Each unclosed mark once scanned to the end of the text: 144,000 characters of
    # them took 8.6 s, a million would have taken minutes.
    text = f"{mark}unclosed words here and more words " * 30_000
    started = time.process_time()
    assert find_quotes(text) == []
    assert time.process_time() - started < 5


def test_a_body_named_again_by_its_head_noun_is_the_body_named_before(analyzer):
    text = (
        "The government of Khyber Pakhtunkhwa province says 400,000 unregistered migrants "
        "live in Peshawar. Last month, the provincial government ordered them to leave by May."
    )
    found = statements(analyzer, text)
    first, second = by_content(found, "400,000"), by_content(found, "to leave by May")
    assert second["speaker_id"] == first["speaker_id"]


def test_short_names_of_a_body_named_in_full_are_that_body(analyzer):
    text = (
        "The European Commission has said it is studying the agreement. "
        "The Commission said it would publish its assessment in June. "
        "The EC also said it wanted more data from both governments."
    )
    analysis = analyzer.analyze(text, force=True)
    assert {s["speaker"] for s in analysis["statements"]} == {"European Commission"}
    assert [a["name"] for a in analysis["actors"] if a["kind"] == "organisation"] == [
        "European Commission"
    ]


@pytest.mark.parametrize(
    "short,full,expected",
    [
        ("IOM", "International Organization for Migration", True),
        ("EC", "European Commission", True),
        ("Commission", "European Commission", True),
        ("Council", "Council of Europe", True),
        ("European", "European Commission", False),  # not an organisation word
        ("EU", "European Commission", False),
        ("Refugees", "Jesuit Refugee Service", False),
    ],
)
def test_what_counts_as_a_short_name(short, full, expected):
    from monitor.nlp.aliases import is_short_name

    assert is_short_name(short, full) is expected


def test_a_short_name_two_bodies_could_have_is_left_alone():
    from types import SimpleNamespace

    from monitor.nlp.aliases import alias_target

    bodies = [
        SimpleNamespace(id="coe", name="Council of Europe"),
        SimpleNamespace(id="council-eu", name="Council of the European Union"),
    ]
    assert alias_target("Council", bodies) is None
    assert alias_target("Council", bodies[:1]).id == "coe"


def test_an_organisation_named_in_passing_is_not_an_actor_of_the_story(analyzer):
    text = (
        "Frontex deployed 200 more officers to the Greek islands on Monday, the agency "
        "said. Human Rights Watch said the deployment would not stop pushbacks. "
        "The figures were first published in a report by the Brookings Institution."
    )
    names = {a["name"] for a in analyzer.analyze(text, force=True)["actors"]}
    assert {"Frontex", "Human Rights Watch"} <= names
    assert "Brookings Institution" not in names


def speaker_of(analyzer, text: str, words: str) -> tuple[str, str]:
    claim = by_content(statements(analyzer, text), words)
    return claim["speaker"], claim["speaker_type"]


def test_a_name_in_apposition_to_a_long_office_takes_the_office_at_its_head(analyzer):
    # The parser hangs the name off "Refugees"; the role is the spokeswoman's.
    text = (
        "A spokeswoman for the U.N. High Commissioner for Refugees, Amara Osei, told "
        "reporters that police had sent back at least 200 asylum seekers."
    )
    actors = {a["name"]: a for a in analyzer.analyze(text, force=True)["actors"]}
    assert actors["Amara Osei"]["role"].startswith("spokeswoman for")
    assert speaker_of(analyzer, text, "police had sent back") == ("Amara Osei", "international_org")


def test_the_body_named_inside_a_role_gives_the_speaker_type(analyzer):
    text = (
        "Lena Okafor, acting executive director of The Harbour Consortium, said the camps "
        "had run out of clean water. Rafael Duarte, Internal Displacement Monitoring "
        "Center Head, said few of the displaced had been counted."
    )
    assert speaker_of(analyzer, text, "run out of clean water") == ("Lena Okafor", "ngo")
    assert speaker_of(analyzer, text, "few of the displaced") == ("Rafael Duarte", "ngo")


def test_a_role_given_with_is_types_the_person(analyzer):
    text = (
        "Mira Haddad is the director of a humanitarian group that runs clinics in the camps. "
        '"We see more children every week," she said.'
    )
    assert speaker_of(analyzer, text, "more children every week") == ("Mira Haddad", "ngo")


def test_a_secretary_general_without_a_ministry_speaks_for_an_international_body(analyzer):
    text = (
        "Secretary-General Tomas Lind appealed to member states to share responsibility. "
        '"No country can manage this alone," Lind said.'
    )
    assert speaker_of(analyzer, text, "No country can manage") == (
        "Tomas Lind",
        "international_org",
    )


def test_a_name_found_alone_that_opens_one_full_name_is_that_person(analyzer):
    text = (
        "Secretary-General Ban Ki-moon appealed for compassion on Wednesday. "
        "Ban told the ministers that walls would not stop people fleeing war."
    )
    found = analyzer.analyze(text, force=True)
    assert [a["name"] for a in found["actors"] if a["kind"] == "person"] == ["Ban Ki-moon"]
    assert by_content(found["statements"], "walls would not stop")["speaker"] == "Ban Ki-moon"


def test_one_person_spelt_two_ways_is_one_actor(analyzer):
    text = (
        "Katrine Vella, a lawyer who runs a refugee legal service, was given the award. "
        "Katrin Vella said detention had become the rule for people arriving by sea."
    )
    found = analyzer.analyze(text, force=True)
    people = [a["name"] for a in found["actors"] if a["kind"] == "person"]
    assert people == ["Katrine Vella"]


@pytest.mark.parametrize("place", ["Victoria Square", "Moria Camp", "Lesbos Island"])
def test_a_place_the_ner_calls_a_person_is_no_actor(analyzer, place):
    text = f"Dozens of families slept in {place} on Friday, police said."
    names = [a["name"] for a in analyzer.analyze(text, force=True)["actors"]]
    assert place not in names


def test_the_centre_said_is_the_centre_named_before(analyzer):
    text = (
        "The Internal Displacement Monitoring Centre in Geneva published its report on "
        "Thursday. The centre said that aid bans had left thousands without food."
    )
    assert speaker_of(analyzer, text, "aid bans had left")[0] == (
        "Internal Displacement Monitoring Centre"
    )


def test_a_name_alone_on_its_line_is_a_byline_not_an_actor(analyzer):
    text = (
        "Refugee families wait at the border crossing, May 16, 2012.\n"
        "Ayla Demirtas\n"
        "ISLAMABAD -- Officials say 400,000 unregistered Afghans must leave by May."
    )
    names = [a["name"] for a in analyzer.analyze(text, force=True)["actors"]]
    assert "Ayla Demirtas" not in names


def test_media_reports_speak_as_the_press_and_they_refers_back_to_them(analyzer):
    text = (
        "The migration agency said it had asked the police for help.\n\n"
        "Press reports describe crowded cells without windows. They say detainees "
        "are held for weeks without a lawyer.\n\n"
        "The reports say guards demand money for phone calls."
    )
    found = statements(analyzer, text)
    for words in ("detainees are held", "guards demand money"):
        claim = by_content(found, words)
        assert (claim["speaker"], claim["speaker_type"]) == ("press reports", "media")


def test_a_speaker_the_parse_left_inside_a_participle_clause_still_speaks():
    """ "Migrants forced back say the camp was brutal", parsed as the small model often
    does: "Migrants" the subject of "forced", and "say" with no subject of its own."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from monitor.nlp.speech import reported_content, subject_of

    words = ["Migrants", "forced", "back", "say", "the", "camp", "was", "brutal", "."]
    heads = [1, 3, 1, 3, 5, 6, 3, 6, 3]
    deps = ["nsubj", "ccomp", "advmod", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"]
    tags = ["NNS", "VBD", "RB", "VBP", "DT", "NN", "VBD", "JJ", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    say = doc[3]
    assert subject_of(say).i == 0
    assert [t.text for t in reported_content(say)] == ["the", "camp", "was", "brutal"]


def test_a_participle_after_a_comma_is_a_second_statement_by_the_same_speaker(analyzer):
    text = (
        "Lawyers for the detained families said dozens of them could be sent back within "
        "days, warning that the appeals board had stopped hearing urgent cases."
    )
    found = statements(analyzer, text)
    warning = by_content(found, "appeals board had stopped")
    assert warning["cue"] == "warning" and "Lawyers" in (warning["speaker"] or "")
    first = by_content(found, "sent back within days")
    assert "appeals board" not in first["content"]


def test_a_trailing_clause_with_its_own_speaker_is_their_statement(analyzer):
    text = (
        "The refugee council said 40 people were flown to Kabul on Tuesday, where rights "
        "monitors say returnees face arrest on arrival."
    )
    found = statements(analyzer, text)
    monitors = by_content(found, "returnees face arrest")
    assert "monitors" in (monitors["speaker"] or "")
    assert "returnees face arrest" not in by_content(found, "flown to Kabul")["content"]


def test_a_subordinate_clause_stays_in_the_outer_statement(analyzer):
    text = (
        "Minister Ilse Brandt said the centres would stay open because they help "
        "officials process claims faster."
    )
    found = statements(analyzer, text)
    claim = by_content(found, "centres would stay open")
    assert "process claims faster" in claim["content"]
    assert claim["speaker"] == "Ilse Brandt"


def test_the_agent_of_a_passive_report_speaks_not_its_subject(analyzer):
    text = (
        "The transfer scheme was ruled unlawful by the Federal Administrative Court "
        "on Thursday. Coastguard crews have been accused of beating people at sea."
    )
    found = statements(analyzer, text)
    ruling = by_content(found, "ruled unlawful")
    assert "Court" in ruling["speaker"]
    # With no agent, nobody is reported as saying anything: the crews are spoken of.
    assert not [s for s in found if "beating people" in s["content"]]


def test_a_group_qualified_by_a_body_speaks_as_the_group(analyzer):
    text = "U.N. agencies have warned that the camps will run out of water by June."
    claim = by_content(statements(analyzer, text), "run out of water")
    assert claim["speaker"] and "agencies" in claim["speaker"]


def test_an_unnamed_office_holder_speaks_for_their_organisation(analyzer):
    text = (
        "The director of the rights group Sawa said the ruling would force the "
        "government to release detained asylum seekers."
    )
    claim = by_content(statements(analyzer, text), "force the government")
    assert claim["speaker"] == "Sawa"


def test_one_of_a_group_speaks_as_that_group(analyzer):
    text = (
        "One of the senior UN refugee officials criticised governments on Friday for "
        "using security fears to turn refugees away."
    )
    claim = by_content(statements(analyzer, text), "security fears")
    assert claim["speaker"] and "officials" in claim["speaker"]


@pytest.mark.parametrize(
    "text",
    [
        "The cabinet approved what the government calls the toughest asylum rules in decades.",
        "The court left the ministry to decide how to house the 200 families still waiting.",
        "The agency reported on the state of reception centres along the northern border.",
        "The prime minister unveiled a new border strategy for the Channel coast on Monday.",
    ],
)
def test_things_named_topics_and_open_questions_are_not_claims(analyzer, text):
    assert statements(analyzer, text) == []


def test_a_passage_over_paragraphs_with_one_pair_of_marks_is_one_quote():
    from monitor.nlp.quotes import find_quotes

    text = (
        "The minister spoke after the meeting.\n\n"
        '"Arrivals fell by a third this spring, and that is welcome news for the islands.\n'
        "But no country should be left alone with a crisis of this size. We need a fair "
        'system for everyone."\n\nOther business followed.'
    )
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert len(quotes) == 1
    assert quotes[0].startswith("Arrivals fell") and quotes[0].endswith("for everyone.")


def test_a_quote_signed_on_the_line_after_is_the_signers(analyzer):
    text = (
        "Ministers met in Tallinn on Thursday to discuss the central Mediterranean route.\n\n"
        "\u201cThe fall in arrivals is a good sign, but we are not there yet. We must keep "
        "working with transit countries and speed up returns.\u201d\n\n"
        "Kadri Tamm, Estonian Minister of the Interior\n\n"
        "Border management"
    )
    quote = by_content(statements(analyzer, text), "fall in arrivals")
    assert quote["speaker"] == "Kadri Tamm" and quote["cue"] is None


def test_it_after_a_quote_is_the_body_the_sentence_before_is_about(analyzer):
    text = (
        "Refugee groups said the law would leave thousands of families without shelter. "
        "The interior ministry rejected the criticism. "
        '"The law protects those who truly need protection," it said.'
    )
    quote = by_content(statements(analyzer, text), "truly need protection")
    assert quote["speaker"] and "ministry" in quote["speaker"]


def test_a_body_of_a_region_is_named_as_news_names_it_and_not_by_an_aside(analyzer):
    text = (
        "The government of southern Sindh province, which borders India, says about "
        "80,000 unregistered migrants live in Karachi alone."
    )
    claim = by_content(statements(analyzer, text), "unregistered migrants")
    assert claim["speaker"] == "Sindh government"


def test_the_report_is_by_the_body_that_spoke_not_the_one_named_in_passing(analyzer):
    text = (
        "The International Organization for Migration says arrivals in Yemen doubled "
        "this year. A new survey shows most arrivals come from Ethiopia.\n\n"
        "U.N. refugee spokesman Tomas Varga said the crossings were deadlier than ever.\n\n"
        "The survey says few of the new arrivals plan to stay in Yemen."
    )
    claim = by_content(statements(analyzer, text), "few of the new arrivals")
    assert claim["speaker"] == "IOM"


def test_experts_in_the_aid_field_are_not_an_ngo(analyzer):
    text = "Foreign aid experts say the new rules will push more families into debt."
    claim = by_content(statements(analyzer, text), "push more families")
    assert claim["speaker_type"] == "other"


def test_some_speak_as_the_group_the_sentence_before_is_about(analyzer):
    text = (
        "The agency said many returnees describe threats at the border. "
        "Some say their children cannot enrol in school."
    )
    claim = by_content(statements(analyzer, text), "cannot enrol")
    assert claim["speaker"] == "returnees"


def test_a_verb_in_the_next_paragraph_does_not_attribute_a_quote(analyzer):
    text = (
        '"We are running out of tents," said Lena Moreau of the Red Cross. '
        '"Winter is six weeks away and the camp is still growing."\n\n'
        "Minister Karl Huber told parliament that the government would send more funds."
    )
    found = statements(analyzer, text)
    quote = by_content(found, "Winter is six weeks away")
    assert quote["cue"] != "told" and quote["speaker"] != "Karl Huber"


def test_a_passive_report_with_a_clause_reports_the_clause(analyzer):
    text = (
        "The families were told by the regional police that the camp would close "
        "within a week. Migrants were told to leave the square by Friday."
    )
    found = statements(analyzer, text)
    claim = by_content(found, "camp would close")
    assert "police" in claim["speaker"] and claim["content"].startswith("the camp")
    assert not [s for s in found if "leave the square" in s["content"]]


def test_a_claim_about_what_happened_is_still_a_claim(analyzer):
    text = "The lawyer said what happened at the border that night was a crime."
    claim = by_content(statements(analyzer, text), "was a crime")
    assert claim["cue"] == "said"


def test_the_name_after_a_generic_body_noun_is_the_organisation(analyzer):
    text = (
        "The chairman of rights group Lenara said the court's decision would force the "
        "government to stop detaining children."
    )
    claim = by_content(statements(analyzer, text), "stop detaining children")
    assert claim["speaker"] == "Lenara" and claim["speaker_type"] == "ngo"


def test_he_after_a_sentence_about_the_minister_is_the_minister(analyzer):
    text = (
        "Labour Minister Henrik Sand said the quota would be cut by half. "
        '"Every town has already done its share," said Ola Vik, who runs a shelter in Bergen. '
        "The minister rejected the idea that towns were overwhelmed. "
        "He said only four of them had asked for more money."
    )
    claim = by_content(statements(analyzer, text), "only four of them")
    assert claim["speaker"] == "Henrik Sand"


def test_the_source_later_in_the_story_is_the_source_introduced_before(analyzer):
    text = (
        "A senior Justice Ministry source said the bill would be tabled before summer. "
        "The source said judges had been consulted on the draft."
    )
    found = statements(analyzer, text)
    first = by_content(found, "tabled before summer")
    later = by_content(found, "judges had been consulted")
    assert first["speaker_id"] is not None
    assert later["speaker_id"] == first["speaker_id"]


def test_a_name_in_apposition_to_an_office_is_the_holder(analyzer):
    text = (
        '"No new camp will be built on this island," said the mayor of Lesvos, '
        "Andreas Pappas. He said residents had never been asked."
    )
    found = statements(analyzer, text)
    assert by_content(found, "No new camp")["speaker"] == "Andreas Pappas"
    assert by_content(found, "never been asked")["speaker"] == "Andreas Pappas"


def test_a_dateline_is_neither_a_debate_turn_nor_part_of_what_was_said(analyzer):
    text = (
        "Coalition talks fail over asylum\n\n"
        "OSLO — The coalition talks broke down on Friday over family reunification, "
        "party leader Erik Dahl said.\n\n"
        '"We could not agree on the most basic questions," Dahl told reporters.'
    )
    found = statements(analyzer, text)
    assert all(s["speaker"] != "OSLO" for s in found)
    claim = by_content(found, "talks broke down")
    assert not claim["content"].startswith("OSLO")
    assert claim["speaker"] == "Erik Dahl"


@pytest.mark.parametrize(
    "dateline",
    ["Port Sudan, Sudan \u2013", "Port Sudan, 3 March 2025 \u2013", "Port Sudan, March 3 \u2014"],
)
def test_a_title_case_dateline_is_no_speaker_turn(analyzer, dateline):
    # A place in title case, then its state or the day, then a dash: a debate turn's shape.
    text = (
        "Families flee into eastern Sudan\n\n"
        f"{dateline} Thousands of families have reached the Red Sea city in the past "
        "week, fleeing fighting further south.\n\n"
        "The UN refugee agency said it was sending tents to the border."
    )
    found = statements(analyzer, text)
    assert all(s["speaker"] != "Port Sudan" for s in found)
    assert not any("Thousands of families" in s["content"] for s in found)
    assert by_content(found, "sending tents")["speaker"] == "UNHCR"


def test_she_opening_the_next_paragraph_does_not_make_the_man_named_last_a_woman(analyzer):
    text = (
        "The party's leader, Ingrid Holm, said her party could not support the bill. "
        "Her deputy Kim Aas, who sits on the justice committee, had warned last week "
        "that the bill would fail.\n\n"
        '"We tried, but the gap was too wide," she said.'
    )
    quote = by_content(statements(analyzer, text), "the gap was too wide")
    assert quote["speaker"] == "Ingrid Holm"


def test_in_keeping_with_a_rule_is_not_a_source(analyzer):
    text = (
        "Croatia's interior ministry said on Friday that every migrant stopped at the "
        "border was treated according to the law. "
        "According to the plan, the new centre will open in March."
    )
    found = statements(analyzer, text)
    assert all(s["cue"] != "according to" for s in found)
    claim = by_content(found, "every migrant stopped")
    assert claim["speaker"] is not None and "ministry" in claim["speaker"]


def test_the_spokesman_later_speaks_for_the_person_the_first_spokesman_served(analyzer):
    text = (
        "A spokesman for Prime Minister Lars Eklund said the talks had gone well. "
        "Officials in Helsinki gave no details.\n\n"
        '"We expect a decision within days," the spokesman said.'
    )
    quote = by_content(statements(analyzer, text), "decision within days")
    assert quote["speaker"] == "Lars Eklund"


def test_the_person_an_office_serves_is_not_a_name_in_apposition(analyzer):
    text = "A spokeswoman for the refugee council, Maria Lind, said the shelters were full."
    claim = by_content(statements(analyzer, text), "shelters were full")
    assert claim["speaker"] == "Maria Lind"


def test_some_of_them_speak_as_the_group_the_sentence_before_named(analyzer):
    text = (
        "Survivors of the sinking, most of them asylum seekers from Syria, have given a "
        "different account. Two of them told investigators that the smugglers had switched "
        "off the engine for hours."
    )
    claim = by_content(statements(analyzer, text), "switched off the engine")
    assert (claim["speaker"] or "").lower().startswith("survivors")


def test_the_two_leaders_are_the_two_people_named_before(analyzer):
    text = (
        "Danish Prime Minister Mette Lund and Rwandan President Paul Kamanzi met in Kigali "
        "on Monday to sign the asylum deal. The two leaders said the first asylum seekers "
        "would be flown to Rwanda within months."
    )
    claim = by_content(statements(analyzer, text), "first asylum seekers")
    assert "Mette Lund" in claim["speaker"] and "Paul Kamanzi" in claim["speaker"]


def test_two_officials_named_nowhere_stay_a_group(analyzer):
    text = (
        "Migrants waited for days at the border crossing near Bihac. Both ministers said "
        "the crossing would reopen next week."
    )
    claim = by_content(statements(analyzer, text), "crossing would reopen")
    assert " and " not in (claim["speaker"] or "")


def test_she_after_one_woman_said_is_that_woman(analyzer):
    text = (
        "Hundreds of Afghan migrants were sent back from Iran overnight, officials said. "
        '"They took everything we had and put us on a bus," said one woman, who crossed '
        "with her two sons. She said her husband was still held in a detention centre."
    )
    found = statements(analyzer, text)
    assert by_content(found, "took everything")["speaker"] == "woman"
    assert by_content(found, "husband was still held")["speaker"] == "woman"


def test_an_attribution_split_off_after_a_dateline_reports_the_sentence_before(analyzer):
    text = (
        "Deportations rise\n\n"
        "HERAT, Afghanistan — Thousands of Afghans are being deported from Iran every day, "
        "the U.N. migration agency said on Sunday.\n"
    )
    claim = by_content(statements(analyzer, text), "being deported from Iran")
    assert claim["speaker"] == "IOM"
    assert not claim["content"].startswith("HERAT")


def test_its_ministry_is_the_ministry_of_the_country_the_sentence_before_is_about(analyzer):
    text = (
        "Hungary will close its last transit zone for asylum seekers, the Austrian "
        "interior minister said. Serbia rejected the plan on Monday. Its interior "
        "ministry said the border could not absorb more migrants."
    )
    claim = by_content(statements(analyzer, text), "could not absorb")
    assert claim["speaker"].lower().startswith("serbian")


def test_brussels_speaks_as_the_european_union_not_as_a_place(analyzer):
    text = (
        "Brussels said on Sunday that the new deal with Tunisia would cut irregular "
        "migration across the Mediterranean."
    )
    claim = by_content(statements(analyzer, text), "cut irregular migration")
    assert claim["speaker"] == "European Union"
    assert claim["speaker_type"] == "eu_institution"


def test_its_director_speaks_as_the_kind_of_body_the_sentence_before_named(analyzer):
    text = (
        '"We have run out of money for the camps," said Pia Norberg of UNHCR. '
        "The International Organization for Migration echoed the warning about refugees. "
        "Its deputy director general, Ugo Ferrante, said funding for returns had halved.\n\n"
        '"We are being asked to do more with far less," Ferrante said.'
    )
    found = statements(analyzer, text)
    assert by_content(found, "funding for returns")["speaker_type"] == "international_org"
    assert by_content(found, "do more with far less")["speaker_type"] == "international_org"
