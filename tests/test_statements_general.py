"""Speaker attribution in general news (politics, sports, courts, business), on
sentences written for the project in the style of wire and newspaper copy: groups
named after whose they are, attributions that close long sentences, unnamed
spokespeople of a person, nested reports."""

from __future__ import annotations

import pytest

from monitor.nlp.actor_types import guess_organisation_type, guess_role_type
from monitor.nlp.first_names import gender_of_first_name
from tests.test_statements import by_content, statements


def test_officials_named_after_a_person_speak_as_the_group(analyzer):
    text = (
        "Ottawa will drop the tariffs on steel next month, Trudeau government officials "
        "said late Thursday. They said that talks with Washington had made progress."
    )
    found = statements(analyzer, text)
    tariffs = by_content(found, "drop the tariffs")
    assert tariffs["speaker"] == "Trudeau government officials"
    # "They" agrees in number with the group, never with the person who qualifies it.
    talks = by_content(found, "talks with Washington")
    assert talks["speaker"] == "Trudeau government officials"


def test_aides_of_a_named_person_are_not_that_person(analyzer):
    text = "The premier will not seek another term, Ford aides told reporters on Monday."
    claim = by_content(statements(analyzer, text), "not seek another term")
    assert claim["speaker"] == "Ford aides"


def test_the_source_closing_a_long_sentence_speaks_not_a_name_inside_it(analyzer):
    text = (
        "The new board members are councillors Anne Dubois and Marc Leroux, who joined "
        "the committee after their rivals were voted out in last week's election, the "
        "source, who said he had attended the meeting, told CBC News."
    )
    claim = by_content(statements(analyzer, text), "new board members")
    assert claim["speaker"] == "source"
    assert claim["content"].startswith("The new board members are councillors Anne Dubois")


def test_his_spokesman_speaks_for_the_man_named_in_the_sentence(analyzer):
    text = (
        "Fuelling talk of a deal, opposition leader Mark Tessier, who has been abroad "
        "for months, returned to Ottawa late on Wednesday, his spokesman said."
    )
    claim = by_content(statements(analyzer, text), "returned to Ottawa")
    assert claim["speaker"] == "Mark Tessier"


def test_a_report_inside_a_sourced_sentence_stops_before_the_source(analyzer):
    text = (
        "The two ministers are staying at the official residence in Ottawa and are "
        "insisting the prime minister finishes his full term, a source said."
    )
    found = statements(analyzer, text)
    assert all(not s["content"].endswith("a source said.") for s in found)
    claim = by_content(found, "staying at the official residence")
    assert claim["speaker"] == "source"


def test_an_indefinite_office_is_someone_new_not_a_holder_named_before(analyzer):
    text = (
        "House leader Karen Dube wore red in the chamber on Tuesday.\n\n"
        "A senior opposition leader in Quebec has said vandals attacked his office "
        "early on Wednesday."
    )
    claim = by_content(statements(analyzer, text), "vandals attacked")
    assert claim["speaker"] != "Karen Dube"
    assert "leader" in claim["speaker"]


def test_police_named_again_by_the_bare_noun_are_the_same_force(analyzer):
    text = (
        "Winnipeg police say a 41-year-old man has been charged with arson. "
        "Police said the man was arrested on Sunday at his home."
    )
    claim = by_content(statements(analyzer, text), "arrested on Sunday")
    assert claim["speaker"] == "Winnipeg police"


def test_the_name_set_off_after_a_title_holds_it(analyzer):
    text = (
        "The Parliamentary Budget Officer, Yves Giroux, said the numbers did not add up. "
        "According to his office, the deficit will reach $40 billion this year."
    )
    found = statements(analyzer, text)
    assert by_content(found, "did not add up")["speaker"] == "Yves Giroux"
    # "his office" speaks for the man "his" refers to.
    assert by_content(found, "deficit will reach")["speaker"] == "Yves Giroux"


def test_said_in_a_statement_that_reports_the_clause(analyzer):
    text = "The premier's office said in a statement that Ottawa would review the request."
    claim = by_content(statements(analyzer, text), "Ottawa would review the request")
    assert claim["cue"] == "said"


def test_the_n_year_old_refers_back_to_the_person_named(analyzer):
    text = (
        "Calgary Flames captain Mikael Backlund said the team was not giving up. "
        '"We believe in this room," the 34-year-old said.\n\n'
        "Maria Lopez lost her home in the fire. The 61-year-old mother of three told "
        "reporters she was angry with the city."
    )
    found = statements(analyzer, text)
    assert by_content(found, "believe in this room")["speaker"] == "Mikael Backlund"
    assert by_content(found, "angry with the city")["speaker"] == "Maria Lopez"


def test_the_retailer_is_the_company_named_in_the_paragraph(analyzer):
    text = (
        "Canadian Tire will close 20 stores next year, the retailer announced on "
        "Thursday.\n\n"
        "The team will play two games in Sweden next season, the league announced."
    )
    found = statements(analyzer, text)
    assert by_content(found, "close 20 stores")["speaker"] == "Canadian Tire"
    # A body named in another paragraph is not what "the league" names again.
    assert by_content(found, "two games in Sweden")["speaker"] != "Canadian Tire"


def test_officials_with_a_body_are_named_with_it(analyzer):
    text = (
        "Officials with the Department of Fisheries said the new routes would not "
        "harm lobster grounds."
    )
    claim = by_content(statements(analyzer, text), "lobster grounds")
    assert claim["speaker"] == "Officials with the Department of Fisheries"


def test_mounties_speak_as_a_group(analyzer):
    text = "Mounties said two people were taken to hospital with minor injuries."
    claim = by_content(statements(analyzer, text), "taken to hospital")
    assert claim["speaker"] == "Mounties"


def test_a_thing_that_threatens_makes_no_statement(analyzer):
    text = (
        "Gunmen opened fire on a crowded market in the capital on Friday, killing at "
        "least 12 people in an attack that threatened to upset the fragile peace of a "
        "country emerging from years of civil war."
    )
    found = statements(analyzer, text)
    assert not any("fragile peace" in s["content"] for s in found)


def test_a_quote_a_colon_opens_is_the_named_persons(analyzer):
    text = (
        'Transport Minister Anita Brule was blunt: "We will not back down on this."\n\n'
        "The bill goes to committee next week."
    )
    quote = by_content(statements(analyzer, text), "not back down")
    assert quote["speaker"] == "Anita Brule"


def test_a_friend_of_someone_unnamed_speaks_not_the_events_named_after(analyzer):
    text = (
        "A friend of one of the main suspects still being hunted by police after the "
        "Toronto shootings has said the suspect phoned him from Montreal and asked him "
        "for money."
    )
    claim = by_content(statements(analyzer, text), "phoned him from Montreal")
    assert claim["speaker"] == "friend"


def test_a_question_put_to_a_speaker_is_no_ones_claim(analyzer):
    text = (
        "Asked whether the city would clear the encampment this week, Abigail Bond said "
        "no decision had been made.\n\n"
        "When I asked her how many shelters the city had opened since the spring, the "
        "director paused for a long time before answering."
    )
    found = statements(analyzer, text)
    assert by_content(found, "no decision had been made")["speaker"] == "Abigail Bond"
    assert not any("clear the encampment" in s["content"] for s in found)
    assert not any("how many shelters" in s["content"] for s in found)


def test_told_reporters_before_the_game_that_reports_the_clause(analyzer):
    text = (
        "Raptors president Masai Ujiri told reporters before the game that he had full "
        "confidence in the coach."
    )
    claim = by_content(statements(analyzer, text), "full confidence in the coach")
    assert claim["speaker"] == "Masai Ujiri"
    assert claim["content"].startswith("he had")


def test_who_holds_a_copy_of_a_report_is_not_its_author(analyzer):
    text = (
        "Internal police reports seen by Global News suggest that the chief, Mark "
        "Saunders, knew about the complaints for more than a year before acting on them."
    )
    found = statements(analyzer, text)
    claim = by_content(found, "knew about the complaints")
    assert claim["speaker"] not in {"Global News", "Mark Saunders"}


def test_he_after_a_quote_is_the_man_the_sentence_before_is_about(analyzer):
    text = (
        "Opposition Leader Pierre Poilievre said the carbon tax had driven up the cost "
        "of groceries across the country.\n\n"
        "Environment Minister Steven Guilbeault rejected the claim. "
        '"The rebate puts more money back in the pockets of most families," he said.'
    )
    quote = by_content(statements(analyzer, text), "rebate puts more money")
    assert quote["speaker"] == "Steven Guilbeault"


@pytest.mark.parametrize(
    "opening",
    [
        "Asked whether the levy would survive the budget talks, she",
        "In a long radio interview on Thursday morning, she",
    ],
)
def test_a_scene_before_the_pronoun_leaves_it_with_whom_the_sentence_before_is_about(
    analyzer, opening
):
    # A clause or phrase with no subject of its own, before the pronoun, sets the
    # scene for the pronoun's own clause: the sentence is still about the mayor.
    text = (
        "Councillor Joan Reid said the levy would hurt small landlords most.\n\n"
        "Mayor Olivia Chow spent the afternoon with Reid and the housing chair, "
        "Priya Nair. "
        f"{opening} said the levy would stay in place until 2027."
    )
    levy = by_content(statements(analyzer, text), "stay in place until 2027")
    assert levy["speaker"] == "Olivia Chow"


def test_a_lead_naming_an_office_of_a_place_is_its_holder_named_next(analyzer):
    text = (
        "Saskatchewan's chief medical health officer says the province is preparing "
        "for a busy flu season.\n\n"
        "Dr. Lena Harwood told reporters Thursday that hospitals should expect more "
        "patients in December."
    )
    found = statements(analyzer, text)
    assert by_content(found, "busy flu season")["speaker"] == "Lena Harwood"


def test_the_bank_is_the_bank_named_in_the_paragraph(analyzer):
    text = (
        "Bank of Canada governor Tiff Macklem said rates would stay high for now. "
        "The bank said in a statement that inflation remained too high."
    )
    claim = by_content(statements(analyzer, text), "inflation remained too high")
    assert claim["speaker"] == "Bank of Canada"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Human Rights Watch said on Monday that 40 refugee families had been evicted. "
            "The rights group said it had written to the ministry twice.",
            "it had written to the ministry",
            "Human Rights Watch",
        ),
        (
            "Immigration, Refugees and Citizenship Canada will issue fewer permits. "
            "The department said in a news release that pupils would remain exempt.",
            "pupils would remain exempt",
            "Immigration, Refugees and Citizenship Canada",
        ),
        (
            "The Danish Refugee Council said on Friday that shelters in Tyre were full. "
            "The aid group said donors had cut funding by a third.",
            "donors had cut funding",
            "Danish Refugee Council",
        ),
        # Words that only describe ("international", "medical") leave the kind as it is.
        (
            "Medecins Sans Frontieres said its clinic in Agadez had treated 300 people. "
            "The international medical group said most of them had been expelled.",
            "most of them had been expelled",
            "MSF",  # the name the project's list of institutions gives it
        ),
        # What a public body deals with ("refugee") tells a state's or a UN body.
        (
            "The UNHCR counted 1,200 arrivals on the island in May. The refugee agency "
            "said conditions in the reception centre had worsened.",
            "conditions in the reception centre",
            "UNHCR",
        ),
    ],
)
def test_a_body_named_again_by_its_kind_is_the_body_named(analyzer, text, content, speaker):
    # A word that tells the kind ("rights", "aid") narrows "group" to an NGO named before.
    claim = by_content(statements(analyzer, text), content)
    assert claim["speaker"] in {speaker, "IRCC"}


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The World Food Programme issued its monthly bulletin on Monday. The bulletin "
            "concluded that ration cuts had pushed refugee families into debt.",
            "ration cuts had pushed refugee families into debt",
            "WFP",
        ),
        (
            "According to projections published by UNHCR, asylum claims in the region "
            "would fall by a tenth next year.",
            "asylum claims in the region would fall",
            "UNHCR",
        ),
        (
            "According to a report prepared by city staff, asylum claimants now fill "
            "nearly half of the shelter beds.",
            "asylum claimants now fill nearly half",
            "city staff",
        ),
    ],
)
def test_bulletins_projections_and_staff_reports_speak_for_their_authors(
    analyzer, text, content, speaker
):
    claim = by_content(statements(analyzer, text), content)
    assert claim["speaker"] == speaker


def test_he_stays_with_the_subject_who_spoke_last_whose_gender_is_unknown(analyzer):
    # "Fiifi" is in no name register, and the "she" after Adjei's name is the
    # commission head's: neither makes Adjei a woman, nor the man named in passing "he".
    text = (
        "The electoral commission declared Paul Amankwah the winner of the vote on asylum "
        "reform.\nA senior member of the opposition, Fiifi Adjei, called the count flawed.\n"
        '"We have studied the results and we reject them," he said after the announcement.\n'
        "Adjei accused the head of the commission of bad faith because she ignored a "
        "petition from former minister Paul Amankwah on refugee camps.\n"
        '"The conduct of the commission makes it impossible for us to accept the result," '
        "he said."
    )
    found = statements(analyzer, text)
    assert by_content(found, "we reject them")["speaker"] == "Fiifi Adjei"
    assert by_content(found, "impossible for us")["speaker"] == "Fiifi Adjei"


def test_a_relative_clause_set_off_by_a_comma_reports_its_nouns_words(analyzer):
    text = (
        "The newspaper cited the Norwegian Refugee Council, which said last month that "
        "hundreds of asylum seekers had been pushed back at the border. "
        "Reporters also met Amira Haddad, who told them that the camp had no clean water."
    )
    found = statements(analyzer, text)
    assert by_content(found, "hundreds of asylum seekers")["speaker"] == "Norwegian Refugee Council"
    assert by_content(found, "the camp had no clean water")["speaker"] == "Amira Haddad"


def test_a_person_named_in_the_speakers_relative_clause_is_not_the_speaker(analyzer):
    text = (
        "According to the Irish Times newspaper, which reported about claims of mistreatment "
        "around Velika Kladusa, near Bosnia's border with Croatia, \"People have been beaten "
        'by police."'
    )
    quote = by_content(statements(analyzer, text), "People have been beaten")
    # The small model tags the town a person's name.
    assert "Irish Times" in quote["speaker"]


def test_a_relative_clause_that_picks_out_people_reports_nothing(analyzer):
    text = (
        "About 20 residents who call themselves the Harbour Welcome Circle sponsor a "
        "refugee family. The grant is paid to people who decide to go home."
    )
    assert statements(analyzer, text) == []


def test_one_name_with_an_aside_giving_an_age_is_a_person_he_refers_to(analyzer):
    # No name register knows "Nazrullah"; the aside says who he is.
    text = (
        "Nazrullah, a 52-year-old man, was deported through the Chaman crossing after "
        "three decades in Pakistan. His children remain in Quetta. He told reporters: "
        "\u201cThey came at night and put us on a bus to the border.\u201d"
    )
    quote = by_content(statements(analyzer, text), "They came at night")
    assert quote["speaker"] == "Nazrullah"


def test_a_verb_in_the_paragraph_before_does_not_attribute_the_next_quote(analyzer):
    # "continued" is no reporting verb; the colon introduces the quote, and "added"
    # a paragraph up has a quote of its own.
    text = (
        "Home Secretary Joan Carter said the crossings were unacceptable.\n\n"
        "\u201cThis is hard to do and we face serious legal barriers,\u201d she added.\n\n"
        "Ms Carter continued: \u201cWe also need the help of the French to stop the boats "
        "leaving their beaches.\u201d"
    )
    found = statements(analyzer, text)
    assert by_content(found, "serious legal barriers")["speaker"] == "Joan Carter"
    second = by_content(found, "We also need the help")
    assert second["speaker"] == "Joan Carter"
    assert "serious legal barriers" not in second["content"]


def test_quote_paragraphs_after_he_told_an_outlet_continue_the_speaker(analyzer):
    # The outlet he spoke to is named in the attribution; it is no new speaker.
    text = (
        "Immigration Minister Alan Hartley insists none of the detainees will settle here.\n"
        '"That is the case and our policy has not changed," he told Radio North on Monday.\n'
        '"Once treatment is over, people will go back to their country of origin.\n'
        '"For refugees we have arrangements with other countries and we keep looking."'
    )
    found = statements(analyzer, text)
    assert by_content(found, "Once treatment is over")["speaker"] == "Alan Hartley"
    assert by_content(found, "For refugees we have arrangements")["speaker"] == "Alan Hartley"


def test_a_name_after_the_verb_that_follows_a_quote_speaks(analyzer):
    text = (
        "President Rafael Ortega announced a protection status for Venezuelans on Monday.\n"
        "\u201cWe have decided to create a temporary protection status for the migrants in "
        "our country\u201d, declared Ortega, alongside the UN envoy."
    )
    quote = by_content(statements(analyzer, text), "We have decided to create")
    assert quote["speaker"] == "Rafael Ortega"


def test_she_after_words_about_herself_is_the_woman_they_name(analyzer):
    text = (
        "Asylum Minister Marjolein Faber will suspend part of the Aliens Act to limit the "
        "inflow of asylum seekers.\n\nFaber is still working on the legal grounds for the "
        "measures, she said after the debate."
    )
    claim = by_content(statements(analyzer, text), "still working on the legal grounds")
    assert claim["speaker"] == "Marjolein Faber"


def test_the_person_named_after_an_office_in_according_to_is_the_source(analyzer):
    text = (
        "To run stricter border checks without exhausting its staff, the federal police "
        "would need at least 15,000 more officers, according to the chief of the country's "
        "police union, Rainer Wendt."
    )
    claim = by_content(statements(analyzer, text), "would need at least 15,000 more")
    assert claim["speaker"] == "Rainer Wendt"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Dominican Republic deported more than 9,000 people this month, the "
            "nation's migration agency said on Monday.",
            "Dominican migration agency",
        ),
        (
            "Tunisia stopped 2,000 migrants at sea last week, the country's interior "
            "ministry said.",
            "Tunisian interior ministry",
        ),
        (
            "Guatemala has capped deportation flights from the US, a spokesperson for the "
            "Central American country's government told reporters.",
            "Guatemalan government",
        ),
        # A body placed in a capital is that state's, not the one of its kind named before.
        (
            "Austria's interior ministry said it would send soldiers to the border. Germany "
            "reintroduced checks on Sunday. The interior ministry in Berlin denied that asylum "
            "seekers would be turned back.",
            "German interior ministry",
        ),
    ],
)
def test_the_countrys_body_is_keyed_with_the_country(analyzer, text, speaker):
    assert statements(analyzer, text)[-1]["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Several European media outlets said the border agency had hidden pushbacks of "
            "asylum seekers.",
            "European media outlets",
        ),
        (
            "Local newspapers reported that 40 migrants had drowned off the coast.",
            "Local newspapers",
        ),
    ],
)
def test_outlets_and_newspapers_speak_as_the_press(analyzer, text, speaker):
    found = statements(analyzer, text)[0]
    assert (found["speaker"], found["speaker_type"]) == (speaker, "media")


def test_according_to_the_source_is_the_unnamed_official_before(analyzer):
    text = (
        "The audit has not been published because of the sensitivity of the findings, said "
        "an EU official who asked not to be named. According to the source, border agency "
        "managers knew of the pushbacks of migrants and tried to hide them."
    )
    claim = by_content(statements(analyzer, text), "border agency managers knew")
    assert claim["speaker"] == "EU official"


def test_verbs_of_conversation_attribute_quotes(analyzer):
    text = (
        "The actor collected the award for best supporting role on Sunday. "
        '"It was an easy part to play," quipped Daniel Moreau. '
        '"We can change how the festival sees small films," the director also commented.'
    )
    found = statements(analyzer, text)
    quip = by_content(found, "easy part to play")
    assert (quip["speaker"], quip["cue"]) == ("Daniel Moreau", "quipped")
    assert by_content(found, "festival sees small films")["cue"] == "commented"


def test_a_quote_sourced_with_according_to_is_the_sources_words(analyzer):
    text = (
        'The ministers meet in Lima on Tuesday. The meeting is meant to "prepare a firm '
        'agreement on regional cooperation" before the summit, according to Elena '
        "Vargas's explanations to the press."
    )
    quote = by_content(statements(analyzer, text), "prepare a firm agreement")
    assert (quote["speaker"], quote["cue"], quote["kind"]) == (
        "Elena Vargas",
        "according to",
        "direct",
    )


def test_a_phrase_quoted_inside_reported_words_leaves_the_report_whole(analyzer):
    text = (
        "Mr. Hallam said he thought that the council had been misled and that the "
        'mayor had struck a "bargain with the developers."'
    )
    (report,) = statements(analyzer, text)
    assert report["kind"] == "indirect" and report["speaker"] == "Hallam"
    assert report["content"].startswith("he thought that the council had been misled")


def test_words_still_to_be_said_are_no_statement(analyzer):
    text = (
        "On Friday, the city administration will announce a new transport strategy. "
        "The mayor said the plan would cut journey times by a third."
    )
    found = statements(analyzer, text)
    assert [s["cue"] for s in found] == ["said"]


def test_a_long_subject_the_parser_takes_for_the_root_still_speaks(analyzer):
    # The small model parses "head" as the root and "condemned" as a clause on it.
    text = (
        "The head of Ennahda's youth wing, Samir Ben Ali, condemned Monday's shooting, "
        "saying in a statement that it would not divide the country."
    )
    found = statements(analyzer, text)
    assert found and all(s["speaker"] == "Samir Ben Ali" for s in found)


def test_a_line_that_lost_its_full_stop_is_no_headline_when_someone_said_it(analyzer):
    text = (
        "Film festival closes with surprise winner\n"
        "The jury's president Ana Ruiz said backstage that nobody had expected the result\n"
        "The festival ends on Sunday with a screening of the winning film."
    )
    found = statements(analyzer, text)
    assert [s["speaker"] for s in found] == ["Ana Ruiz"]


def test_people_named_by_what_they_do_speak(analyzer):
    text = (
        "Hundreds gathered outside the legislature on Saturday. \"We're not going "
        'anywhere until they listen," one protester shouted. A tenant from the east end '
        "told reporters that her rent had doubled in two years."
    )
    found = statements(analyzer, text)
    assert by_content(found, "not going anywhere")["speaker"] == "protester"
    assert by_content(found, "rent had doubled")["speaker"] == "tenant"


def test_a_city_speaks_as_a_body(analyzer):
    text = "The city said on Monday that the outdoor pool would reopen in June."
    assert by_content(statements(analyzer, text), "pool would reopen")["speaker"] == "city"


def test_a_report_set_off_by_commas_has_the_author_its_clause_names(analyzer):
    text = (
        "The report, released Tuesday by the Metcalf Foundation, found that rents had "
        "risen twice as fast as wages since 2015."
    )
    finding = by_content(statements(analyzer, text), "rents had risen")
    assert (finding["speaker"], finding["cue"]) == ("Metcalf Foundation", "found")


def test_a_quote_after_a_sentence_about_a_named_person_is_theirs(analyzer):
    text = (
        'Karen Holloway addressed the council on Tuesday evening. "We are done waiting '
        'for this building to be fixed." The council did not vote on the repairs.'
    )
    quote = by_content(statements(analyzer, text), "done waiting")
    assert quote["speaker"] == "Karen Holloway" and quote["cue"] is None
    # Someone else named in between: the quote is not placed.
    text = (
        "Karen Holloway addressed the council on Tuesday evening. Her neighbour Tom Reed "
        'sat at the back. "We are done waiting for this building to be fixed."'
    )
    assert all(s["speaker"] != "Karen Holloway" for s in statements(analyzer, text))


def test_a_surname_that_is_also_a_place_word_stays_a_person(analyzer):
    text = (
        "Mayor Linda Park, who cast the deciding vote, defended the decision. "
        '"Nobody said this would be cheap," Park said in an interview. The mayor added '
        "that the city would publish the full budget next month."
    )
    found = statements(analyzer, text)
    assert {s["speaker"] for s in found} == {"Linda Park"}


@pytest.mark.parametrize(
    ("text", "speaker", "speaker_type"),
    [
        (
            "Coun. Maria Santos said the project would add 400 units by 2027.",
            "Maria Santos",
            "government",
        ),
        (
            "Sgt. Paul Brandt said the driver had fled on foot towards the river.",
            "Paul Brandt",
            "government",
        ),
        (
            "MPP Jill Andrew told reporters the bill would not pass this spring.",
            "Jill Andrew",
            "party",
        ),
    ],
)
def test_abbreviated_titles_of_local_office_holders(analyzer, text, speaker, speaker_type):
    (statement,) = statements(analyzer, text)
    assert (statement["speaker"], statement["speaker_type"]) == (speaker, speaker_type)


def test_an_office_every_body_has_takes_the_type_of_its_body(analyzer):
    text = (
        "The Canadian Nurses Association welcomed the funding. Its president, Sylvain "
        "Brousseau, told reporters that hospitals had been short-staffed for years. "
        "Anna Kowalski, spokesperson for the Canadian Council for Refugees, said the "
        "change would leave families waiting. Conservative health critic Stephen Ellis "
        "said the money came too late."
    )
    types = {s["speaker"]: s["speaker_type"] for s in statements(analyzer, text)}
    assert types == {"Sylvain Brousseau": "ngo", "Anna Kowalski": "ngo", "Stephen Ellis": "party"}


def test_a_said_the_parser_tags_as_a_noun_still_attributes(analyzer):
    # The small model reads "the 67-year-old said" as a noun phrase with "said" at its
    # root; "said", "says" and "told" are reporting verbs in news whatever the tag.
    text = (
        "Karen Whitfield is still living in a trailer.\n"
        '"I never thought it would take this long," the 67-year-old said, standing in '
        "the gravel lot where her house once stood."
    )
    quote = by_content(statements(analyzer, text), "never thought")
    assert (quote["speaker"], quote["cue"]) == ("Karen Whitfield", "said")


def test_sports_copy_names_the_player_without_the_position_and_reads_ly_surnames(analyzer):
    text = (
        "Defenceman Morgan Rielly, who returned from injury, said he felt good.\n"
        '"It was nice to be back out there with the guys," Rielly said.'
    )
    found = statements(analyzer, text)
    assert [(s["speaker"], s["cue"]) for s in found] == [
        ("Morgan Rielly", "said"),
        ("Morgan Rielly", "said"),
    ]


def test_a_name_after_the_reporting_verb_is_a_person_not_the_body_after_it(analyzer):
    text = (
        '"This is a victory for families," said Ana Ruiz of the National Immigration '
        "Law Center, one of the groups that brought the case. Ruiz said many of the "
        "people covered had lived in the country for two decades."
    )
    found = statements(analyzer, text)
    assert {(s["speaker"], s["speaker_type"]) for s in found} == {("Ana Ruiz", "ngo")}


def test_an_unnamed_spokesperson_speaks_for_the_body_just_named(analyzer):
    text = (
        "The European Commission welcomed the agreement on returns. A spokesperson said "
        "the rules would bring order to the asylum system. The Commission proposed the "
        "rules in March. A Commission spokesperson said they would be reviewed in 2027."
    )
    found = statements(analyzer, text)
    assert by_content(found, "bring order")["speaker"] == "European Commission"
    assert by_content(found, "reviewed in 2027")["speaker"] == "European Commission"


def test_he_after_a_relative_named_by_first_name_is_that_relative(analyzer):
    text = (
        "Priya Raghunathan arrived in Winnipeg in 2019 with a nursing degree.\n"
        "Her husband, Arjun, drove for a delivery company. He said the family nearly "
        "gave up more than once.\n"
        '"There were months when we could not pay the rent," he said.'
    )
    found = statements(analyzer, text)
    assert {s["speaker"] for s in found} == {"Arjun"}
    actors = analyzer.analyze(text, force=True)["actors"]
    assert {a["kind"] for a in actors if a["name"] == "Arjun"} == {"person"}


def test_a_labour_minister_is_the_government_not_the_labour_party(analyzer):
    text = (
        "Manitoba's labour minister, Malaya Marcelino, said the province would shorten "
        "the time it takes to license nurses trained abroad."
    )
    (statement,) = statements(analyzer, text)
    assert statement["speaker_type"] == "government"


def test_she_after_an_unnamed_witness_is_the_witness_not_the_officer_named_before(analyzer):
    text = (
        '"We are asking anyone with video from the area to come forward," Cpl. Vanessa '
        "Munn said.\n"
        "A neighbour, who did not want to be named, told CTV News she heard shouting "
        "around 2:45 a.m.\n"
        '"It sounded like two people arguing," she said.'
    )
    quote = by_content(statements(analyzer, text), "two people arguing")
    assert quote["speaker"] == "neighbour"


def test_the_council_s_director_is_the_council_s_and_a_name_s_tail_is_no_person(analyzer):
    text = (
        "The Canadian Council for Refugees said the cuts would fall hardest on families. "
        '"Behind every number is a family," said Gauri Sreenivasan, the council’s '
        "co-executive director. The Canadian Federation of Independent Business welcomed "
        "the change and said small firms needed time to adjust."
    )
    analysis = analyzer.analyze(text, force=True)
    people = {a["name"]: a["type"] for a in analysis["actors"] if a["kind"] == "person"}
    assert people == {"Gauri Sreenivasan": "ngo"}


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Police said in a news release that the suspect was arrested on Monday.",
            "Police",
            "the suspect was arrested on Monday",
        ),
        (
            "The company said in an email that customers can ask for a refund.",
            "company",
            "customers can ask for a refund",
        ),
        (
            "The department declined to comment, citing privacy, but said in an email that "
            "applicants can ask for a review.",
            "department",
            "applicants can ask for a review",
        ),
    ],
)
def test_said_in_a_release_or_an_email_that(analyzer, text, speaker, content):
    # The small model hangs the that-clause on the medium as a relative clause.
    (statement,) = statements(analyzer, text)
    assert (statement["speaker"], statement["content"]) == (speaker, content)


def test_a_letter_speaks_for_the_body_that_sent_it(analyzer):
    text = (
        "The Home Office sent Ahmed a letter in March. The letter said his claim had been "
        "refused because a document was missing."
    )
    assert by_content(statements(analyzer, text), "claim had been")["speaker"] == "Home Office"


def test_as_confirmed_by_names_the_source_of_the_sentence(analyzer):
    text = (
        "The United States is seeking a firm agreement with its neighbours on migration "
        "before the summit, as confirmed by Secretary of State Antony Blinken."
    )
    (statement,) = statements(analyzer, text)
    assert (statement["speaker"], statement["cue"]) == ("Antony Blinken", "confirmed")
    assert statement["content"].startswith("The United States is seeking")
    assert not statements(analyzer, "The figures were higher than expected, as shown by the chart.")


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (
            "Councillor Dana Whitford called on the province to fund more shelter beds.",
            "Dana Whitford",
            "called",
            "the province to fund more shelter beds",
        ),
        (
            "The Home Secretary has made clear that people arriving by small boats will be "
            "removed.",
            "Home Secretary",
            "made clear",
            "people arriving by small boats will be removed",
        ),
        (
            "The union's president made it clear that members would not accept the offer.",
            "union's president",
            "made it clear",
            "members would not accept the offer",
        ),
        (
            "The rapporteur regretted that member states had failed to relocate refugees.",
            "rapporteur",
            "regretted",
            "member states had failed to relocate refugees",
        ),
        (
            "The agency voiced concern about conditions in the detention centres.",
            "agency",
            "voiced",
            "concern about conditions in the detention centres",
        ),
        (
            "The agency is appealing for $40 million to help returnees.",
            "agency",
            "appealing",
            "$40 million to help returnees",
        ),
    ],
)
def test_calls_on_and_phrases_that_report(analyzer, text, speaker, cue, content):
    # "called on X to do Y" reports the whole demand, not only whom it addresses;
    # "made (it) clear" reports the clause the parse hangs on "clear".
    claim = by_content(statements(analyzer, text), content.split()[0])
    assert (claim["speaker"], claim["cue"]) == (speaker, cue)
    assert claim["content"].rstrip(".") == content


@pytest.mark.parametrize(
    "text",
    [
        "She made the decision after a long meeting.",
        # A legal appeal is an act, not a statement.
        "The government appealed the ruling on the deportations.",
        "The government appealed to the Supreme Court over the deportations.",
    ],
)
def test_made_without_clear_and_legal_appeals_report_nothing(analyzer, text):
    assert statements(analyzer, text) == []


def test_a_surname_opening_a_sentence_is_the_person_named_before(analyzer):
    # The small tagger reads a sentence-initial "Desrochers" as a plural noun.
    text = (
        "General manager Claire Desrochers fired the coach on Sunday. Desrochers "
        "acknowledged that the roster had underperformed since October, and said she "
        "accepted a share of the blame."
    )
    found = statements(analyzer, text)
    assert by_content(found, "the roster had")["speaker"] == "Claire Desrochers"
    assert by_content(found, "she accepted")["speaker"] == "Claire Desrochers"


def test_he_is_not_the_man_his_own_words_name(analyzer):
    text = (
        "Captain Tomas Lindqvist said the players had been stunned by the news.\n\n"
        "Goaltender Jordan Ebanks told reporters that the coach had phoned him on "
        'Sunday. "He told me to keep working," Ebanks said.\n\n'
        "Ebanks praised his captain for holding the group together, and Lindqvist in "
        "turn defended the goaltender. He said the skaters in front of Ebanks had given "
        "up too many odd-man rushes."
    )
    claim = by_content(statements(analyzer, text), "the skaters in front")
    assert claim["speaker"] == "Tomas Lindqvist"


def test_a_participle_on_the_reported_clause_is_the_speaker_s(analyzer):
    text = (
        "MP Alan Whitford denied that his party's calls for lower immigration were at "
        "odds with his support for the family, telling The Canadian Press that "
        'sponsorship by communities is "exactly the kind of immigration that works."'
    )
    found = statements(analyzer, text)
    assert {s["speaker"] for s in found} == {"Alan Whitford"}


@pytest.mark.parametrize(
    "text",
    [
        # A question left open is no claim.
        "Coach Anna Berg spoke on Monday. She would not say whether Gagnon would be "
        "considered for the job.",
        # How it was said, not what.
        "Jordan Pruden, 27, stood to address the family.\n\n\"I'm sorry. I know that "
        "doesn't fix anything, and I know you don't have to accept it, but I am sorry,\" "
        "he said, his voice breaking.",
        # A second action of the subject, not a clause of speech.
        "Analysts had picked the team to contend after the club added two veteran "
        "defencemen in the summer and launched a season-ticket campaign.",
        # Learnt, not said.
        "Truck driver Sheila Beaudry found out Tuesday morning that she was one of the 240.",
    ],
)
def test_refusals_manners_and_actions_are_not_what_was_said(analyzer, text):
    assert [s["content"] for s in statements(analyzer, text) if s["kind"] == "indirect"] == []
    assert not [s for s in statements(analyzer, text) if "voice" in s["content"]]


def test_asked_after_a_quote_paragraph_is_the_question_put_to_the_speaker(analyzer):
    text = (
        'Yousif Abdelrahman said the town had welcomed them. "We are grateful."\n\n'
        "Asked whether the family planned to stay in Port Ellery, Abdelrahman did not "
        'hesitate.\n\n"This is our town now," he said.'
    )
    found = statements(analyzer, text)
    assert not [s for s in found if s["cue"] == "asked"]
    assert by_content(found, "This is our town")["speaker"] == "Yousif Abdelrahman"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The hotel's owner, Quinte Hospitality Group, confirmed in a statement that it "
            "had signed a lease with the city.",
            "it had signed a lease",
            "Quinte Hospitality Group",
        ),
        (
            "Danish shipping group Maersk said in an advisory that it would divert some "
            "vessels to Rotterdam.",
            "it would divert",
            "Maersk",
        ),
        (
            "Texas Gov. Rebecca Strand said the ruling was reckless.\n\n"
            '"We will keep defending this border on our own," the governor said.',
            "We will keep defending",
            "Rebecca Strand",
        ),
        (
            '"The boat was simply too full," said Jacques Morel, the prefect of the '
            "Pas-de-Calais.\n\nThe prefect said the boat had left a beach near Boulogne.",
            "the boat had left",
            "Jacques Morel",
        ),
        (
            "The Moncton Voyageurs fired head coach Rick Pellerin on Sunday.\n\nIn a "
            'statement, the former coach said he was "grateful for three good years" in '
            "Moncton.",
            "grateful",
            "Rick Pellerin",
        ),
        (
            "Northlode Resources Inc. will lay off 240 workers at its mine, the company "
            "announced Tuesday.\n\nThe Toronto-based miner said in a statement that a slump "
            "in nickel prices had made the deepest zones uneconomic.",
            "a slump in nickel prices",
            "Northlode Resources Inc.",
        ),
    ],
)
def test_bodies_and_offices_named_by_description(analyzer, text, content, speaker):
    # A description ("the governor", "the Toronto-based miner") names again the one the
    # text gave that office or kind; a body named in apposition speaks itself.
    assert by_content(statements(analyzer, text), content)["speaker"] == speaker


def test_countered_and_an_attribution_after_a_conditional(analyzer):
    text = (
        "Councillor Trevor Makinen countered that the estimate left out policing costs. "
        "Small towns can be good places to resettle refugee families, but only if housing "
        "and language classes are within reach, Makinen argued."
    )
    found = statements(analyzer, text)
    assert by_content(found, "the estimate left out")["cue"] == "countered"
    assert by_content(found, "Small towns can be")["speaker"] == "Trevor Makinen"


def test_he_is_the_last_speaker_whose_gender_the_text_does_not_show(analyzer):
    # "Bong" is in no first-name register; "Joaquin" is, but he was only named.
    text = (
        "LOS ANGELES - The Korean thriller was the upset winner at the awards on Sunday, "
        "while Joaquin Phoenix was named best actor.\n"
        "Director Bong Joon Ho said backstage that no-one could predict the Oscars.\n"
        'Speaking through an interpreter he added: "It is true that the momentum is '
        'building and we are a part of the awards race."'
    )
    quote = by_content(statements(analyzer, text), "the momentum is building")
    assert quote["speaker"] == "Bong Joon Ho"


def test_a_quote_closing_a_reported_clause_is_part_of_it(analyzer):
    text = (
        "Party leader Etienne Marchand said the province's housing shortage and its "
        'immigration levels were "the same problem with two names."'
    )
    (claim,) = statements(analyzer, text)
    assert claim["kind"] == "indirect" and claim["content"].startswith("the province's")


def test_the_report_is_the_body_that_adopted_it_not_one_it_mentions(analyzer):
    text = (
        "The Committee on Civil Liberties, Justice and Home Affairs adopted the report on "
        "the need for an EU approach to migration.\n\nThe report stresses that member "
        "states must open safe and legal routes for refugees. The resolution underlines "
        "that readmission agreements should include safeguards for human rights."
    )
    found = statements(analyzer, text)
    assert by_content(found, "safe and legal routes")["speaker"] == "LIBE Committee"
    # A document named by a document: the author of the first.
    assert by_content(found, "readmission agreements")["speaker"] == "LIBE Committee"


def test_a_name_the_ner_missed_is_a_person_she_can_refer_to(analyzer):
    # The small model tags only "Caron"; the first name the registers know, and the
    # aside that follows, make "Isabelle Caron" a person.
    text = (
        "Isabelle Caron, a political scientist at the Université de Sherbrooke, said the "
        "two parties were fighting over the same voters.\n\n"
        '"Both men are telling voters something true," she said.\n\n'
        "According to Caron, five ridings could decide the election."
    )
    found = statements(analyzer, text)
    assert {s["speaker"] for s in found} == {"Isabelle Caron"}


def test_a_clause_with_a_quoted_tail_is_reported_speech(analyzer):
    # Its own words open the clause; only the end is quoted.
    text = (
        'Union president Karen Lindqvist warned that such an order would "poison labour '
        'relations at this airline for a decade."'
    )
    (claim,) = statements(analyzer, text)
    assert (claim["kind"], claim["cue"]) == ("indirect", "warned")
    assert claim["content"].startswith("such an order would")


def test_the_statement_said_is_its_author_s(analyzer):
    text = (
        "Amnesty International said in a statement on Monday that the camps were "
        'overcrowded. "No one should be held in these conditions," the statement said.'
    )
    quote = by_content(statements(analyzer, text), "No one should be held")
    assert quote["speaker"] == "Amnesty International"


def test_a_company_name_is_never_a_person(analyzer):
    doc = analyzer.nlp(
        "The strike by 1,900 pilots represented by the Canadian Regional Pilots Association "
        "began on Saturday. Borealis Air cancelled 412 flights on Sunday."
    )
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Borealis Air") == "ORG"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Mrs Justice Eleanor Rawcliffe found that officials had relied on out-of-date "
            "assurances about the deportation flight.\n\n"
            '"That is not a rigorous process," the judge wrote.',
            "not a rigorous process",
            "Eleanor Rawcliffe",
        ),
        (
            "Detective Chief Inspector Kieran Mulholland said officers were treating the "
            'fire as deliberate.\n\n"We understand people are angry," the detective said.',
            "people are angry",
            "Kieran Mulholland",
        ),
        (
            "NAIROBI - Prices of maize have reached record levels in Kenya, the UN Food and "
            "Agriculture Organization said on Thursday.",
            "Prices of maize",
            "FAO",
        ),
    ],
)
def test_judges_detectives_and_un_agencies(analyzer, text, content, speaker):
    assert by_content(statements(analyzer, text), content)["speaker"] == speaker


def test_a_past_tense_conjunct_after_a_would_clause_is_the_speaker_s(analyzer):
    text = (
        "Mayor Linda Maki said council would hold an emergency meeting Thursday, and "
        "called on the province to pay for a job-retraining centre."
    )
    found = statements(analyzer, text)
    assert by_content(found, "council would hold")["content"].endswith("Thursday")
    demand = by_content(found, "the province to pay")
    assert (demand["speaker"], demand["cue"]) == ("Linda Maki", "called")


def test_an_attribution_inside_the_sentence_reports_a_clause_the_tagger_misreads(analyzer):
    # The tagger reads "crossed" as a participle; its subject makes it a clause.
    text = (
        "More than 12,000 people crossed from Sudan's Darfur region into eastern Chad in "
        "March, the U.N. refugee agency says, pushing camps near this border town far "
        "beyond the numbers they were built for."
    )
    (claim,) = statements(analyzer, text)
    assert claim["content"].startswith("More than 12,000 people crossed")


def test_an_abbreviated_title_does_not_end_the_sentence(analyzer):
    text = (
        '"This was not a few people giving a neighbour a lift. This was a business," '
        "Cpl. Martine Gagnon said on Tuesday."
    )
    (quote,) = statements(analyzer, text)
    assert (quote["speaker"], quote["cue"]) == ("Martine Gagnon", "said")


def test_the_full_stop_of_the_sentence_before_is_not_part_of_a_title(analyzer):
    text = (
        "The court adjourned the hearing until March. Home Affairs spokesperson Lwazi "
        "Ngubane said the department would study the judgment."
    )
    analysis = analyzer.analyze(text, force=True)
    (person,) = [a for a in analysis["actors"] if a["name"] == "Lwazi Ngubane"]
    assert person["role"] == "Home Affairs spokesperson"
    assert analysis["statements"][0]["speaker_type"] == "government"


def test_a_place_in_a_hyphenated_description_is_not_the_speaker(analyzer):
    # The small model tags "Waterloo" a person; "-based" makes it a description.
    text = (
        "WATERLOO, Ont. — Lumenfold Technologies will eliminate 420 jobs, about 18 per "
        "cent of its workforce, the Waterloo-based software company announced Wednesday."
    )
    claim = by_content(statements(analyzer, text), "will eliminate 420 jobs")
    assert claim["speaker"] == "Lumenfold Technologies"


def test_the_company_is_the_business_named_paragraphs_before(analyzer):
    text = (
        "Northlode Resources Inc. will lay off 240 workers at its Tamarack mine.\n\n"
        "Mayor Linda Maki said the town would ask the province for help.\n\n"
        "The company said in a statement that nickel prices had made the mine "
        "uneconomic to develop."
    )
    claim = by_content(statements(analyzer, text), "nickel prices had made")
    assert claim["speaker"] == "Northlode Resources Inc."


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "An independent review commissioned by the town after the 2023 fire season, "
            "written by Halvorsen Risk Consulting, concluded that the single road out of "
            "town was a serious vulnerability.",
            "the single road out",
            "Halvorsen Risk Consulting",
        ),
        (
            "A report by Bellhaven city staff, presented to council before the vote, "
            "concluded the line would cut commute times by 14 minutes.",
            "the line would cut",
            "Bellhaven city staff",
        ),
        (
            "A report released Thursday by the Ridgeway Institute for Labour Research "
            "found that many farm workers had worked more than 60 hours a week.\n\n"
            'The report, titled "Hidden Harvest," also concluded that housing on many '
            "farms fell short of provincial standards.",
            "housing on many farms",
            "Ridgeway Institute for Labour Research",
        ),
    ],
)
def test_a_report_speaks_for_who_wrote_it(analyzer, text, content, speaker):
    # Not for who commissioned it, nor by its title.
    assert by_content(statements(analyzer, text), content)["speaker"] == speaker


@pytest.mark.parametrize(
    ("role", "actor_type"),
    [
        ("Premier", "government"),
        ("Fire Chief", "government"),
        ("the prefect of the Pas-de-Calais", "government"),
        ("Parti Québécois Leader", "party"),
        ("NDP leader", "party"),
        ("executive director of Harbor Light Family Services, a nonprofit", "ngo"),
        ("president of the Nova Scotia Nurses' Union", "ngo"),
        ("Canada's chief public health officer", "government"),
        ("Liberals", "party"),
        # Ranks of the forces, law officers and national titles are the state's.
        ("Commander of the border operation, Rear Admiral", "government"),
        ("the operation's commander, Lieutenant General", "government"),
        ("Prosecutors", "government"),
        ("Solicitor General", "government"),
        ("Taoiseach", "government"),
        ("general manager", "other"),
        # Members of the Dáil and of the Scottish Parliament sit for a party, as MPs do.
        ("Labour TD", "party"),
        ("Green MSP", "party"),
        # A judge titled "Justice"; the Justice Department and a justice minister are not.
        ("Justice", "court"),
        ("Justice Department lawyer", "government"),
        ("Minister of Justice", "government"),
        # Union officers speak for labour, a migration service's head for the state.
        ("dock workers' union leader", "ngo"),
        ("Chile Migration Director", "government"),
        ("migration researcher", "other"),
        # A national commissioner is the state's, not the EU's; so is a regency's office.
        ("the administration's acting customs commissioner", "government"),
        ("Toronto police commissioner", "government"),
        ("Australian Border Force Commissioner", "government"),
        ("Home Affairs spokesperson", "government"),
        ("shadow home affairs spokesperson", "party"),
        ("the commissioner for refugee affairs", "government"),
        ("Office of the Commissioner General for Refugees and Stateless Persons", "government"),
        ("EU home affairs commissioner", "eu_institution"),
        ("Bangladesh's refugee relief and repatriation commissioner", "government"),
        ("the EU's home affairs commissioner", "eu_institution"),
        # A party's justice spokesperson speaks on justice; no court does.
        ("Sinn Féin's justice spokesperson", "other"),
        # "Commission President" alone is the European Commission's head.
        ("Commission President", "eu_institution"),
        ("Commission Vice-President", "eu_institution"),
        ("Human Rights Commission president", "government"),
        ("Bireuen regency spokesman", "government"),
        # A village chief and a coroner hold public office; charities are civil society.
        ("the village chief of Kampung Baru", "government"),
        ("coroner", "government"),
        ("Charities", "ngo"),
        # A Commonwealth state's high commissioner is its envoy; the UN's is the UN's.
        ("UK high commissioner", "government"),
        ("UN High Commissioner for Refugees", "international_org"),
        # Ministers in the plural are the government too.
        ("Lebanese cabinet ministers", "government"),
    ],
)
def test_provincial_local_and_party_offices_are_typed(role, actor_type):
    assert guess_role_type(role) == actor_type


@pytest.mark.parametrize(
    ("name", "actor_type"),
    [
        ("Leeds City Council", "government"),
        ("Town of Carvell Falls", "government"),
        ("Danish Refugee Council", "ngo"),
        # Trade unions are civil society, and their presidents speak for them.
        ("Nova Scotia Nurses' Union", "ngo"),
        # Departments named by their field and their country are the state.
        ("Statistics Canada", "government"),
        ("Immigration, Refugees and Citizenship Canada", "government"),
        ("Statistics Norway", "government"),
        ("RCMP", "government"),
        ("Canadian Union of Public Employees", "ngo"),
        ("B.C. Teachers' Federation", "ngo"),
        ("Christian Democratic Union", "party"),
        ("European Union", "eu_institution"),
        # Red Cross societies and rights forums are civil society; border guards the state.
        ("Norwegian Red Cross", "ngo"),
        ("Palestine Red Crescent Society", "ngo"),
        ("Moroccan Forum for Truth and Rights", "ngo"),
        ("Latvian State Border Guard", "government"),
        ("African Union", "international_org"),
        # Think tanks, research centres and business groups are civil society.
        ("Atlantic Policy Institute", "ngo"),
        ("Migration Research Center", "ngo"),
        ("Halifax Chamber of Commerce", "ngo"),
        ("Institute of Statistics of the Ministry of Labour", "government"),
    ],
)
def test_local_councils_are_the_state_and_refugee_councils_ngos(name, actor_type):
    assert guess_organisation_type(name) == actor_type


def test_people_rooting_a_misparsed_sentence_speak_not_the_meeting(analyzer):
    text = (
        "Several parents who spoke to reporters after the meeting said they would back "
        "the teachers in the event of a strike."
    )
    (claim,) = statements(analyzer, text)
    assert claim["speaker"] == "parents"


def test_a_dateline_is_not_part_of_the_lead_sentence(analyzer):
    text = (
        "ADRE, Chad — More than 12,000 people crossed from Sudan's Darfur region into "
        "eastern Chad in March, the U.N. refugee agency says, pushing camps far beyond "
        "the numbers they were built for."
    )
    claim = by_content(statements(analyzer, text), "12,000 people crossed")
    assert claim["content"].startswith("More than 12,000 people crossed")


@pytest.mark.parametrize(
    ("text", "content", "name"),
    [
        (
            "A 31-year-old man who reached Rome on Friday, and who asked to be identified "
            "only as Bilal, said he had spent four months in a camp near Misrata.",
            "four months in a camp",
            "Bilal",
        ),
        (
            "A nurse from Gaziantep, who gave only her first name, Leyla, told reporters "
            "that the clinic had run out of insulin.",
            "run out of insulin",
            "Leyla",
        ),
        (
            "One of the claimants, a 19-year-old Sudanese man identified in court only as "
            "AB, said in a statement that guards had taken his phone.",
            "guards had taken his phone",
            "AB",
        ),
        # The one of a group named in apposition speaks, not the group.
        (
            "One of the survivors, Dawit Haile, said the engine had failed on the second night.",
            "the engine had failed",
            "Dawit Haile",
        ),
        (
            "One of them, Lina Okafor, 41, who has cleaned offices in Malmo for six years, "
            "said her permit had not been renewed.",
            "her permit had not been renewed",
            "Lina Okafor",
        ),
        # A relative clause after where someone comes from is that person's.
        (
            "Reporters spoke to Rosa Mejia, 35, from Honduras, who said the shelter had "
            "turned her away.",
            "the shelter had turned her away",
            "Rosa Mejia",
        ),
    ],
)
def test_the_name_a_description_gives_is_the_speaker(analyzer, text, content, name):
    claim = by_content(statements(analyzer, text), content)
    assert claim["speaker"] == name


def test_a_described_person_named_only_by_the_text_is_he_later(analyzer):
    text = (
        "A 26-year-old Eritrean, who asked to be identified only as Samuel, said the boat "
        'had been at sea for three days. "We drank sea water and prayed that someone '
        'would see us," he said.'
    )
    quote = by_content(statements(analyzer, text), "sea water")
    assert quote["speaker"] == "Samuel"


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "The airline advised passengers not to come to the airport without a booking.",
            "not to come to the airport",
            "advised",
        ),
        (
            "The ministry encouraged rejected applicants to leave before the deadline.",
            "leave before the deadline",
            "encouraged",
        ),
        (
            "The coroner reminded drivers never to leave engines running in garages.",
            "never to leave engines running",
            "reminded",
        ),
    ],
)
def test_a_directive_to_someone_is_a_statement(analyzer, text, content, cue):
    claim = by_content(statements(analyzer, text), content)
    assert claim["cue"] == cue


def test_a_body_named_by_its_field_and_country_speaks_whole(analyzer):
    text = "Environment Canada warned that the storm would bring 40 centimetres of snow."
    (claim,) = statements(analyzer, text)
    assert (claim["speaker"], claim["speaker_type"]) == ("Environment Canada", "government")


def test_a_spokesperson_hung_on_the_medium_still_speaks_for_their_body(analyzer):
    # The parse makes the spokesperson an apposition of "CBC News" and leaves "said"
    # without a subject; the outlet the email went to is not the province.
    text = (
        "In an email to CBC News, a spokesperson for the province said the funding "
        "would be renewed."
    )
    (claim,) = statements(analyzer, text)
    assert claim["speaker"] == "province"


def test_a_group_is_named_with_its_body_whatever_the_model_tags_the_name(analyzer):
    # The small model tags "Alberta Health Services" a person.
    text = "Officials with Alberta Health Services confirmed the outbreak on Friday."
    (claim,) = statements(analyzer, text)
    assert claim["speaker"] == "Officials with Alberta Health Services"


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # A title no list foresaw, which the text itself uses as a noun for the holder.
        (
            "Tánaiste Niamh Breslin has said the housing plan will be published soon. "
            "Rents rose again in March. The Tánaiste said the State would build more homes.",
            "build more homes",
            "Niamh Breslin",
        ),
        # The office comes first in the lead; the name follows paragraphs later.
        (
            "The port town cannot cope with the arrivals, its mayor said on Friday.\n\n"
            "Boats kept landing through the night.\n\n"
            '"We have no more beds," mayor Carla Benedetti told a local radio station.',
            "cannot cope with the arrivals",
            "Carla Benedetti",
        ),
        (
            "The carrier said it would cut 900 jobs. One analyst said the cuts were deeper "
            'than expected. "This is a reset," said Halvorsen Securities analyst Dana Kerr.',
            "cuts were deeper",
            "Dana Kerr",
        ),
        # An office given with its country, before the one holder of that office is
        # named (another minister is named too).
        (
            "Portugal admits border failings\n\n"
            "Portugal's interior minister conceded on Monday that the border checks had "
            "failed.\n\n"
            '"We have to look at this again," Interior Minister Rui Tavares told reporters. '
            "Health Minister Ines Marques said hospitals were ready.",
            "border checks had failed",
            "Rui Tavares",
        ),
        # "The commissioner", given to no one, refers back to the person just quoted.
        (
            "Marta Lindqvist said the new rules would apply from June.\n\n"
            'Asked about the delays, Lindqvist said she was "deeply worried".\n\n'
            'The commissioner said "member states must act faster on returns."',
            "member states must act faster",
            "Marta Lindqvist",
        ),
    ],
)
def test_an_office_the_text_gives_someone_names_them(analyzer, text, content, speaker):
    assert by_content(statements(analyzer, text), content)["speaker"] == speaker


@pytest.mark.parametrize(
    "text, content, not_speaker",
    [
        # An unnamed spokesperson is not the one named of another body...
        (
            "The camps are full, a Home Office spokesperson said. "
            '"We are working with the authorities," UNHCR spokesperson Marta Quesada said.',
            "camps are full",
            "Marta Quesada",
        ),
        # ...and an office the person just quoted does not hold is not theirs.
        (
            "Mayor Ana Costa said the shelters were full.\n\n"
            'The minister said "the state will send more beds."',
            "the state will send more beds",
            "Ana Costa",
        ),
    ],
)
def test_an_office_is_not_someone_who_holds_another(analyzer, text, content, not_speaker):
    assert by_content(statements(analyzer, text), content)["speaker"] != not_speaker


def test_a_rank_in_front_of_a_name_is_no_part_of_it(analyzer):
    text = (
        "Rear Admiral Tobias Lindqvist said the patrols would continue. "
        '"Every boat will be intercepted," Rear Admiral Lindqvist said.'
    )
    found = statements(analyzer, text)
    assert {s["speaker"] for s in found} == {"Tobias Lindqvist"}


def test_judges_speak_for_their_court(analyzer):
    text = (
        "The deportation scheme collapsed after top judges concluded it was unlawful. "
        "The Constitutional Court heard the case in May."
    )
    claim = by_content(statements(analyzer, text), "it was unlawful")
    assert claim["speaker"] == "Constitutional Court"


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "The rescue group SeaLink Watch accused the coast guard of delays. "
            '"They left the boat adrift for hours," the NGO said on Sunday.',
            "left the boat adrift",
        ),
        (
            'The flotilla arrived on Monday. The port "is too far," the team from '
            "SeaLink Watch explained.",
            "is too far",
        ),
    ],
)
def test_a_team_or_the_kind_of_body_speaks_as_the_body_named(analyzer, text, content):
    assert by_content(statements(analyzer, text), content)["speaker"] == "SeaLink Watch"


def test_a_surname_opening_a_sentence_as_a_subject_is_the_person(analyzer):
    # The tagger reads "O’Neill" at the start of a paragraph as an adverb.
    text = (
        "Prime Minister Sean O\u2019Neill met the delegation on Monday.\n\n"
        "O\u2019Neill said he was pleased with how the talks had gone."
    )
    claim = by_content(statements(analyzer, text), "pleased with how the talks")
    assert claim["speaker"] == "Sean O\u2019Neill"


def test_a_name_the_tagger_missed_is_found_when_the_surname_speaks_again(analyzer):
    # The small model sometimes leaves a full name untagged at a paragraph's start
    # ("Kate Ostergaard of ..., an advocacy coalition, led the chant"); the surname
    # speaking alone later is evidence enough that the name is a person's.
    from spacy.tokens import Span

    from monitor.nlp.people import _named_again_speaking, _surnames_speaking

    doc = analyzer.nlp(
        "Kate Ostergaard of the Motor City Rights Network led the chant. "
        '"Nobody has told the families anything," Ostergaard said. The Network said so too.'
    )
    speaking = _surnames_speaking(doc)
    assert "Ostergaard" in speaking
    assert _named_again_speaking(Span(doc, 0, 2), speaking)
    # A first name the registers do not know is no evidence: "Network" spoke, not a person.
    assert not _named_again_speaking(Span(doc, 4, 8), speaking)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "Border officials released a Monday statement saying that after a ruling in "
            "March, they are resuming their efforts to remove Syrian nationals.",
            "resuming their efforts",
            "Border officials",
        ),
        (
            "The charity Harbour Watch opposed Rome\u2019s plan to separate "
            "\u201cvulnerable\u201d passengers, saying every one of them had been rescued at sea.",
            "had been rescued at sea",
            "Harbour Watch",
        ),
    ],
)
def test_a_participle_on_a_noun_speaks_for_who_issued_it(analyzer, text, content, speaker):
    assert by_content(statements(analyzer, text), content)["speaker"] == speaker


def test_a_denial_of_a_gerund_reports_it_denied(analyzer):
    text = "The interior minister has denied pushing migrants back across the border."
    (claim,) = statements(analyzer, text)
    assert (claim["cue"], claim["negated"]) == ("denied", True)
    assert claim["content"].startswith("pushing migrants back")


def test_a_plural_body_noun_speaks(analyzer):
    text = "Both courts acquitted the former official, saying there was not enough evidence."
    claim = by_content(statements(analyzer, text), "not enough evidence")
    assert claim["speaker"].endswith("courts")


def test_a_strike_called_by_unions_is_no_statement(analyzer):
    text = "The stoppage, the second this month, was called by the main rail unions."
    assert statements(analyzer, text) == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        # One court named: "the appeals court" is it, described by its role in the case.
        (
            "The Seoul High Court convicted the former mayor on Wednesday. The lower court "
            "had acquitted him. The appeals court said he knew the money was a bribe.",
            "Seoul High Court",
        ),
        # Two courts, neither of them of appeals: the description names neither.
        (
            "The Seoul High Court convicted the former mayor on Wednesday. The Supreme "
            "Court will hear his appeal. The appeals court said he knew the money was a bribe.",
            "appeals court",
        ),
    ],
)
def test_a_court_described_by_its_role_is_the_court_it_fits(analyzer, text, speaker):
    claim = by_content(statements(analyzer, text), "knew the money was a bribe")
    assert claim["speaker"] == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Der Spiegel reported that the patrol boat had left the migrants adrift.", "Der Spiegel"),
        ("Times of Malta reported that Italy had rescued over 2,000 people.", "Times of Malta"),
    ],
)
def test_a_newspaper_speaks_as_the_media(analyzer, text, speaker):
    (claim,) = statements(analyzer, text)
    assert (claim["speaker"], claim["speaker_type"]) == (speaker, "media")


def test_a_clause_saying_when_or_why_is_not_what_was_said(analyzer):
    text = (
        "\u201cThey promise things will get better, but look around you,\u201d Pedro Alvarado "
        "said while gesturing toward hundreds of his countrymen camped out on a beach."
    )
    (claim,) = statements(analyzer, text)
    assert claim["kind"] == "direct"


def test_a_participle_after_a_closing_attribution_is_that_speakers(analyzer):
    text = (
        "Jordan expelled dozens of Iraqis on Friday, security officials said.\n"
        "One of the Iraqis expelled was a former soldier, a relative said, warning that "
        '"he faces prison if he stays".'
    )
    found = statements(analyzer, text)
    assert by_content(found, "was a former soldier")["speaker"] == "relative"
    assert by_content(found, "he faces prison")["speaker"] == "relative"


def test_what_a_speaker_calls_something_in_quotes_is_their_statement(analyzer):
    # A quoted phrase in an object is usually a name ('launched "Operation Sophia"'),
    # but here the verb says what the object is, in the speaker's words.
    text = (
        "Commissioner Anna Keller called the accord the "
        "\u201clast missing piece of the reform\u201d."
    )
    (claim,) = statements(analyzer, text)
    assert (claim["speaker"], claim["cue"], claim["kind"]) == ("Anna Keller", "called", "indirect")


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "Last month, seven European countries \u2013 Austria, Cyprus, Denmark, Greece, "
            "Italy, Malta and Poland \u2013 called for the situation in Syria to be reviewed.",
            "the situation in Syria to be reviewed",
            "seven European countries",
        ),
        ("The agency called for the camps to be closed.", "the camps to be closed", "agency"),
    ],
)
def test_a_demand_for_something_to_be_done_is_a_statement(analyzer, text, content, speaker):
    claim = by_content(statements(analyzer, text), content)
    assert (claim["speaker"], claim["cue"]) == (speaker, "called")


def test_a_number_of_people_is_no_speaker_but_a_count_of_states_is(analyzer):
    text = "Some 41 per cent of the people interviewed said they had been beaten."
    assert statements(analyzer, text) == []


def test_a_report_set_against_another_by_though_is_a_statement_of_its_own(analyzer):
    text = (
        "Officials said 140 people had tried to cross on Monday, though Vilnius warned "
        "that the pressure on the border would grow."
    )
    found = statements(analyzer, text)
    tried = by_content(found, "had tried to cross")
    assert "pressure" not in tried["content"]
    grow = by_content(found, "pressure on the border would grow")
    # A capital speaks as its country's government.
    assert (grow["speaker"], grow["cue"]) == ("Lithuanian government", "warned")


def test_a_body_named_after_its_leader_speaks_as_the_body(analyzer):
    text = (
        "The Harlan administration has asked the court to lift the order. "
        "The administration said the rule was needed to clear the backlog."
    )
    found = statements(analyzer, text)
    lift = by_content(found, "to lift the order")
    assert (lift["speaker"], lift["speaker_type"]) == ("Harlan administration", "government")
    # "The administration" named again is the same body.
    assert by_content(found, "needed to clear the backlog")["speaker"] == "Harlan administration"


@pytest.mark.parametrize(
    "text, content",
    [
        # Three words ending their own sentence inside the marks, attributed after them.
        ('"It\'s a disgrace," the senator told reporters.', "It's a disgrace"),
        # Two capitalised words that open the sentence are an answer, not a title.
        ('"Absolutely not," the minister said when asked about a deal.', "Absolutely not"),
    ],
)
def test_a_short_attributed_quote_is_a_direct_statement(analyzer, text, content):
    found = by_content(statements(analyzer, text), content)
    assert found["kind"] == "direct"
    assert found["speaker"] in {"senator", "minister"}


def test_a_short_quoted_phrase_inside_a_sentence_is_still_no_statement(analyzer):
    text = 'The so-called "fast track," which ministers promised, has stalled.'
    assert statements(analyzer, text) == []


def test_a_title_of_several_words_in_front_of_a_name_is_no_part_of_it(analyzer):
    text = "House Speaker Maria Delgado said Tuesday that the chamber would vote on the bill."
    vote = by_content(statements(analyzer, text), "the chamber would vote")
    assert (vote["speaker"], vote["speaker_type"]) == ("Maria Delgado", "government")


def test_a_person_takes_the_type_of_the_body_their_office_names(analyzer):
    # The body named right after ("the Home Office") is what she speaks of.
    text = "Detention Action director Maya Lund said the Home Office had lost control."
    claim = by_content(statements(analyzer, text), "had lost control")
    assert (claim["speaker"], claim["speaker_type"]) == ("Maya Lund", "ngo")


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Slovakia's Prime Minister Robert Fico met the mayors on Monday. Fico's government "
            "has argued that the camp was closed before the ruling.",
            "Slovak government",
        ),
        (
            "Sweden tightened its border checks in May. Prime Minister Anna Lindqvist's cabinet "
            "told the police that they could refuse entry at the crossings.",
            "Swedish government",
        ),
        (
            "Donald Trump's administration warned that the shelters would be full by March.",
            "Trump administration",
        ),
    ],
)
def test_a_leaders_government_speaks_as_the_states_government(analyzer, text, speaker):
    found = statements(analyzer, text)
    assert [s["speaker"] for s in found] == [speaker]
    assert found[0]["speaker_type"] == "government"


@pytest.mark.parametrize(
    "text,name,role,actor_type",
    [
        (
            "Opposition foreign affairs spokeswoman Dana Keller said the camps were a disgrace.",
            "Dana Keller",
            "Opposition foreign affairs spokeswoman",
            "party",
        ),
        (
            "Labour Party TD Niall Brennan said the hostel had no heating.",
            "Niall Brennan",
            "Labour Party TD",
            "party",
        ),
        (
            "Writing for the majority, Justice Helen Morrow found that the transfer was lawful.",
            "Helen Morrow",
            "Justice",
            "court",
        ),
        # A particle joined by a hyphen ("al-", "el-") is part of the name.
        (
            "Foreign Minister Ahmed al-Sabah said migrant workers would be protected.",
            "Ahmed al-Sabah",
            "Foreign Minister",
            "government",
        ),
    ],
)
def test_a_title_in_front_of_a_name_is_the_persons_role(analyzer, text, name, role, actor_type):
    actor = next(a for a in analyzer.analyze(text, force=True)["actors"] if a["name"] == name)
    assert (actor["role"], actor["type"]) == (role, actor_type)


@pytest.mark.parametrize("title", ["The Labour TD", "The Green Party TD"])
def test_a_party_member_title_with_the_refers_back_to_the_minister(analyzer, title):
    # A seat in the Dáil is held by ministers too; the NER reads "The Green Party TD"
    # as a body, but it describes the person named before.
    text = (
        "Minister for Housing Sarah Collins told the Dáil on Tuesday that the centre was "
        "safe.\n\n"
        f"{title} acknowledged the site was crowded, but added that it was warm.\n\n"
        '"We are doing what we can with the beds we have," she said.'
    )
    found = statements(analyzer, text)
    assert [s["speaker"] for s in found] == ["Sarah Collins"] * len(found)
    assert len(found) >= 3


def test_a_feast_day_is_nobody(analyzer):
    text = (
        "Mayor Joan Keating said the shelter would open before St Patrick\u2019s Day.\n\n"
        '"We will be ready," she said.'
    )
    analysis = analyzer.analyze(text, force=True)
    assert [a["name"] for a in analysis["actors"]] == ["Joan Keating"]
    assert {s["speaker"] for s in analysis["statements"]} == {"Joan Keating"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The model tags the town as a person; it names the force.
        (
            "The boat was turned away at night, said a spokesman for the Bireuen police.",
            "Bireuen police",
        ),
        (
            "The spokesman for the Bireuen police said the refugees were moved inland.",
            "Bireuen police",
        ),
    ],
)
def test_a_name_modifying_a_bodys_noun_names_the_body(analyzer, text, speaker):
    assert [s["speaker"] for s in statements(analyzer, text)] == [speaker]


def test_pm_is_a_title_of_the_head_of_government(analyzer):
    text = (
        "Blow to Italy's PM Meloni as court blocks the Albania plan. "
        "PM Meloni said the ruling would bar almost every migrant from the programme."
    )
    (said,) = statements(analyzer, text)
    assert (said["speaker"], said["speaker_type"]) == ("Meloni", "government")


@pytest.mark.parametrize(
    ("text", "speaker", "opening"),
    [
        # The parse joins "has said" to the reported clause and leaves it no subject;
        # the clause's own subject ("a total") said nothing.
        (
            "A total of 12 boats carrying 310 migrants have been intercepted since the "
            "Italian government launched its Mare Sicuro operation, the defence minister, "
            "Guido Conti, has said.",
            "Guido Conti",
            "A total of 12 boats",
        ),
        # A clause with an auxiliary is the reported one, not a reduced relative
        # ("Migrants forced to turn back say ...") whose subject speaks.
        (
            "Some 4,000 applications have been rejected since the government introduced "
            "its fast-track procedure, the justice minister, Anna Holm, has said.",
            "Anna Holm",
            "Some 4,000 applications",
        ),
    ],
)
def test_a_speaker_set_off_by_commas_before_has_said_speaks(analyzer, text, speaker, opening):
    (said,) = statements(analyzer, text)
    assert (said["speaker"], said["content"][: len(opening)]) == (speaker, opening)


def test_a_name_with_an_aside_closing_a_sentence_speaks(analyzer):
    # The parse hangs the name on the quoted words and leaves "said" no subject.
    text = (
        "Arrivals have been falling for months and many families \u201care now housed in "
        "hotels in Antwerp,\u201d Fedasil, Belgium\u2019s asylum agency, said."
    )
    found = by_content(statements(analyzer, text), "Arrivals have been falling")
    assert found["speaker"] == "Fedasil"


def test_a_first_name_alone_introduced_by_who_is_the_person_he_refers_to(analyzer):
    # The model tags no lone first name; the registers know "Karim" as a man's, and
    # "told researchers he ..." reports the clause though no "that" opens it.
    text = (
        "For Karim, who now sleeps in a church hall in Calais, the Channel is the only "
        "way left. He told researchers he would try the crossing again in May."
    )
    found = by_content(statements(analyzer, text), "he would try the crossing")
    assert (found["speaker"], found["cue"]) == ("Karim", "told")


# More constructions of real reporting, found on the stance news: (text, words of the
# statement, its speaker), written for these tests; each id names the mechanism.
MORE_CONSTRUCTIONS = [
    # A name in apposition after its kind, though the model reads it as a noun.
    pytest.param(
        "Opposition party ActionSA called the ruling a disgrace.",
        "the ruling a disgrace",
        "ActionSA",
        id="a-mixed-case-name-after-its-kind",
    ),
    # "The union" paragraphs after a union named as one, not the EU named since (a
    # guard for the body-noun rules above).
    pytest.param(
        "Members of the Atlantic Paramedics Union voted for a strike on Monday.\n\n"
        "The European Union published new safety rules the same day.\n\n"
        "Ambulances were late 300 times in July.\n\n"
        "The union said the summer would be worse.",
        "the summer would be worse",
        "Atlantic Paramedics Union",
        id="the-union-named-as-a-union",
    ),
    # "The club": a name that says it is a club, though the tagger made it a person;
    # not a city whose name ends like one.
    pytest.param(
        "Leeds United were beaten 3-0 on Saturday.\n\n"
        "The team flew home from Mexico City on Monday after a friendly.\n\n"
        "The club said the manager would stay.",
        "the manager would stay",
        "Leeds United",
        id="the-club-is-not-a-city",
    ),
    # "The report" again: the author of the last document that spoke.
    pytest.param(
        "A report by Kingsford city staff, presented to council before the vote, concluded "
        "the tram would cut commute times by 12 minutes.\n\n"
        "The report also warned that costs could rise by a further 10 per cent.",
        "costs could rise by a further 10 per cent",
        "Kingsford city staff",
        id="the-report-again-is-its-authors",
    ),
    # The name a person gave, which the parse hangs on the speech verb, is a person's
    # (though the tagger read it as a place), and "he" after it is them.
    pytest.param(
        "Officers closed the crossing at midnight, police said.\n\n"
        "At the end of the road on Friday, a Honduran man who gave his name only as "
        "Andrés said he had taken a bus from Boston the day before.\n\n"
        '"They told us to go now, before it closes," he said.',
        "They told us to go now",
        "Andrés",
        id="he-after-a-name-someone-gave",
    ),
    # A body's name whose first word the model reads as a common noun.
    pytest.param(
        "Transport for Wales said fewer than half of its trains would run on Monday.",
        "fewer than half of its trains would run on Monday",
        "Transport for Wales",
        id="a-name-opening-with-a-common-noun",
    ),
    # "Minister for Health Stephen Donnelly", the name untagged: the name after the
    # portfolio speaks, holding the office.
    pytest.param(
        "Minister for Health Stephen Donnelly said the ward would reopen in March.",
        "the ward would reopen in March",
        "Stephen Donnelly",
        id="the-name-after-the-portfolio",
    ),
    # ... but a body the report is of, as its subject, is the company speaking.
    pytest.param(
        "THUNDER BAY, Ont. — Kestrel Mining Ltd. will cut 300 jobs at its Birch Lake "
        "mine as nickel prices fall, the company said on Tuesday.",
        "will cut 300 jobs at its Birch Lake mine",
        "Kestrel Mining Ltd.",
        id="the-company-the-report-is-of",
    ),
    # '"...," said NAME, 52, a resident ... whose flat was ...': the parse makes the
    # name the subject of the description's clause; the name still speaks.
    pytest.param(
        "The council said 900 families had been paid.\n\n"
        '"We were promised the money within two days. It has been a fortnight," said '
        "Sunanda Kale, 52, a resident of Ekta Nagari whose ground-floor flat was under "
        "five feet of water.",
        "It has been a fortnight",
        "Sunanda Kale",
        id="a-name-after-the-quote-made-subject-further-on",
    ),
    # A body named inside what "the union" says is not the union.
    pytest.param(
        "SANTIAGO (Reuters) - Workers at Codelco's El Teniente mine will not return to "
        "the negotiating table until the company withdraws its offer, the union said on "
        "Thursday.",
        "Workers at Codelco's El Teniente mine will not return",
        "union",
        id="a-body-named-in-what-the-union-says",
    ),
    # A document "of" a body is that body's, though no name list knows the body.
    pytest.param(
        "The fire service said nine people were rescued.\n\n"
        "A draft report of the inquiry panel, a copy of which was seen by reporters, "
        "found that the fire doors had been chained shut.",
        "the fire doors had been chained shut",
        "inquiry panel",
        id="a-report-of-a-body",
    ),
    # "a Rajuk spokesperson": a name before the office, which the tagger left unmarked.
    pytest.param(
        "Contacted on Sunday, a Rajuk spokesperson said the authority would appeal the "
        "order.",
        "the authority would appeal the order",
        "Rajuk",
        id="an-unmarked-name-before-the-spokesperson",
    ),
    # More occupations that speak unnamed.
    pytest.param(
        "Urban planners have long warned that the drains cannot carry monsoon rain.",
        "the drains cannot carry monsoon rain",
        "Urban planners",
        id="planners-speak",
    ),
    # "The hospital" pages after a name that says it is a hospital, whichever body
    # was named since.
    pytest.param(
        "BRISTOL — Staff at Harbourside General Infirmary have worked on paper for a "
        "week.\n\n"
        "Ambulances were sent to other towns.\n\n"
        "The chief executive, Dan Orr, said the systems would be back soon.\n\n"
        "The union, Unison, said nurses were exhausted.\n\n"
        "The hospital denied that any records had been lost.",
        "any records had been lost",
        "Harbourside General Infirmary",
        id="the-hospital-named-as-a-hospital",
    ),
    # "The Italian said": a person named before, by nationality.
    pytest.param(
        "Coach Marco Rossi was sacked on Monday after nine games without a win.\n\n"
        "The Italian said he was proud of the work the squad had done.",
        "he was proud of the work",
        "Marco Rossi",
        id="a-person-named-by-nationality",
    ),
    # "a woman who said ...": a past speech verb on someone brought in with "a"
    # reports what that one person said, though no comma sets the clause off.
    pytest.param(
        "The families were joined in court by several tenants, including a Bolivian "
        "woman who said she had been without heating since October.",
        "she had been without heating since October",
        "Bolivian woman",
        id="a-person-who-said",
    ),
    # "In Lebanon, the government ...": the clause's place says whose government.
    pytest.param(
        "Chile's health ministry published the report. In Peru, the government estimates that "
        "about 40,000 families still lack clean water.",
        "about 40,000 families still lack clean water",
        "Peruvian government",
        id="government-placed-by-its-clause",
    ),
    # Initials set before the body's name in apposition stand for it.
    pytest.param(
        "In a letter to the council, SKL, the Swedish Association of Local Authorities, "
        "wrote that several towns had run out of school places.",
        "several towns had run out of school places",
        "Swedish Association of Local Authorities",
        id="initials-with-the-name-in-apposition",
    ),
    # Initials that spell a body named earlier, though the text never pairs them.
    pytest.param(
        "Residents blamed the Lagos Waste Management Corporation for the flooding.\n\n"
        "The LWMC said in a statement that the drains had been cleared in March.",
        "the drains had been cleared in March",
        "Lagos Waste Management Corporation",
        id="initials-of-a-body-named-earlier",
    ),
    # A document's author named with "by", whatever the document is called.
    pytest.param(
        "According to a draft text circulated by the Danish presidency, ministers would "
        "vote on the plan in June.",
        "ministers would vote on the plan in June",
        "Danish presidency",
        id="according-to-a-text-circulated-by",
    ),
    # The tagger may read subject, verb and object as one title: the name is the
    # subject's.
    pytest.param(
        "Karim Ouahbi, who heads the Oujda branch of the association, spoke on Friday.\n\n"
        '"They take the tents and leave people in the cold with no food and no '
        'explanation," Ouahbi told InfoMigrants by phone.',
        "They take the tents",
        "Karim Ouahbi",
        id="a-name-is-no-title-holding-its-verb",
    ),
    # A single name the tagger took for a place is a person's when the aside says
    # who they are; "he" then refers to them.
    pytest.param(
        "Lamine Diarra, a lawyer in Rabat, said the transfers were unlawful.\n\n"
        "Ousmane (not his real name), a 22-year-old from Mali, said he was taken from a "
        "camp near Nador.\n\n"
        '"They burned everything we had," he said.',
        "They burned everything we had",
        "Ousmane",
        id="a-name-set-off-as-a-person",
    ),
    # "The company said" paragraphs on: a name that says it is a company comes before
    # a nearer name the tagger took for a body.
    pytest.param(
        "Pumps owned by the Ghana National Gas Company Limited were adjusted on Monday.\n\n"
        "Queues formed at stations in the Osu area of Accra and along the Tema "
        "Motorway.\n\n"
        "The state gas company said the new price reflected the cost of imports.",
        "the new price reflected the cost of imports",
        "Ghana National Gas Company Limited",
        id="the-company-is-one-named-as-a-company",
    ),
    # An unnamed person set off by a fuller description is named by it.
    pytest.param(
        "Her neighbour, a 52-year-old bus driver who asked not to be named, said the "
        "water had reached the second floor.",
        "the water had reached the second floor",
        "52-year-old bus driver",
        id="a-person-named-by-a-fuller-description",
    ),
    # An office and the name after it tagged as one or two names: the name speaks.
    pytest.param(
        "The utility said several units had failed.\n\n"
        '"We regret the inconvenience," said Eskom spokesperson Sipho Mahlangu.',
        "We regret the inconvenience",
        "Sipho Mahlangu",
        id="an-office-before-the-name-in-one-tag",
    ),
    # Letters after a name are no part of it, nor its surname ("KC" is no one).
    pytest.param(
        "Oliver Grant KC, for Mr Lowe, told the court the articles were false. The "
        "paper's barrister, Helen Marsh KC, argued that the articles were true.",
        "the articles were true",
        "Helen Marsh",
        id="letters-after-a-name-are-no-surname",
    ),
    # The RCMP is a police force: "police" after it is the same force.
    pytest.param(
        "Officers went door to door overnight, the RCMP said in a statement. Police also "
        "warned that anyone entering the zone could face charges.",
        "anyone entering the zone could face charges",
        "Royal Canadian Mounted Police",
        id="police-after-the-rcmp",
    ),
    # "He" after a quote of two sentences: the sentence before is the one before the
    # quote, whose subject the passage has turned to, not the quote's first sentence.
    pytest.param(
        "Harbour master Tomas Lindqvist said two ferries had been cancelled.\n\n"
        "Transport Minister Erik Svensson said in a statement that the state would pay "
        "for hotel rooms.\n\n"
        "Lindqvist was less hopeful when asked about the weekend.\n\n"
        '"I cannot promise anything. The sea will decide that," he said.',
        "The sea will decide that",
        "Tomas Lindqvist",
        id="he-after-a-two-sentence-quote",
    ),
    # A pronoun after "a woman ... identified only as X" is X, named as before.
    pytest.param(
        "Brokers still work openly in the port. A 34-year-old woman who was flown back to "
        "Dakar on Sunday, and who asked to be identified only as Awa, said she had paid a "
        "broker $1,800 after they promised her work in Spain within days. \u201cThey told "
        "us the jobs were ready. Nobody said anything about the camps,\u201d she said.",
        "Nobody said anything about the camps",
        "Awa",
        id="she-is-the-name-a-woman-gave",
    ),
    # The body the text called by a noun is the one that noun names again, though the
    # tagger read its name as a place and named an outlet since.
    pytest.param(
        "Corlaine, the Denver payroll software company, said on Monday it would close "
        "two offices. The plan, which was seen by Reuters, was sent to staff on Friday. "
        "The company denied that the closures were linked to a lawsuit.",
        "the closures were linked to a lawsuit",
        "Corlaine",
        id="the-company-the-text-called-a-company",
    ),
    # An occupation not tied to migration speaks as an unnamed person.
    pytest.param(
        "An electrician who worked on the site said the wiring had been replaced.",
        "the wiring had been replaced",
        "electrician",
        id="an-occupation-speaks",
    ),
    pytest.param(
        "The challenger said the count had been rigged in two districts.",
        "the count had been rigged in two districts",
        "challenger",
        id="a-contender-speaks",
    ),
    # A noun does not have a subject of its own: the misparse's subject is the speaker.
    pytest.param(
        "A woman loading salvaged family photographs into the boot of her car, who asked "
        "not to be named, said the insurer had not called.",
        "the insurer had not called",
        "woman",
        id="the-subject-of-a-misread-noun",
    ),
    # "posted on social media that ...", "warned residents to ...": cues of news.
    pytest.param(
        "Late on Friday, Mayor Ines Albrecht posted on social media that the bridge "
        "would reopen on Monday.",
        "the bridge would reopen on Monday",
        "Ines Albrecht",
        id="posted-that",
    ),
    pytest.param(
        "Fire Chief Oren Baptiste warned residents to keep away from the riverbank.",
        "to keep away from the riverbank",
        "Oren Baptiste",
        id="warned-someone-to",
    ),
    # An answer is its author's words, as a statement or a letter is.
    pytest.param(
        "Austria kept its checks on the Slovenian border. The checks cost the federal "
        "government €31 million last year, according to the government's answer to a "
        "parliamentary question.",
        "The checks cost the federal government",
        "Austrian government",
        id="an-answer-is-its-authors",
    ),
    # "The union" is no bloc named "Union": the body a speaker's title calls a union.
    pytest.param(
        "Lena Vogt, deputy head of the GdP police union, warned that officers were "
        "stretched. The European Union said it was studying the checks. The union "
        "estimates that about 9,000 officers are deployed at the borders each day.",
        "about 9,000 officers are deployed",
        "GdP police union",
        id="the-union-is-not-the-european-union",
    ),
    # A national body whose name holds a listed international one's is another body.
    pytest.param(
        "Tunisia's National Human Rights Council said it had received complaints from "
        "migrants left in the desert.",
        "it had received complaints",
        "National Human Rights Council",
        id="a-national-body-holding-an-international-ones-name",
    ),
    # "The document" is its author's, not the outlet that saw a copy.
    pytest.param(
        "Greece will pay Egypt €40m a year to curb departures, according to a migration "
        "ministry document seen by AFP. The document said the payments would begin in "
        "March.",
        "the payments would begin in March",
        "Greek migration ministry",
        id="a-document-is-not-the-outlets-that-saw-it",
    ),
    # Where someone is from is no name, though the model may call the place a person...
    pytest.param(
        "A 52-year-old farmer from Ed Damazin told Reuters he had walked for nine days to "
        "reach the border.",
        "he had walked for nine days",
        "52-year-old farmer",
        id="a-place-of-origin-is-no-name",
    ),
    # ... and a distance does not speak, though the model may make it the subject.
    pytest.param(
        "At the Renk transit centre, about 30km from Joda, a 41-year-old teacher from "
        "Kosti told Reuters she had been given three days to leave the camp.",
        "she had been given three days",
        "41-year-old teacher",
        id="a-distance-does-not-speak",
    ),
    # A body the text introduces as a state's agency is one: "the agency" later is it.
    pytest.param(
        "Ecuador's migration agency, Servicio Nacional de Migraciones, denied that checks "
        "had been relaxed. The agency said 2,300 people had been turned back at Huaquillas "
        "since March.",
        "2,300 people had been turned back",
        "Servicio Nacional de Migraciones",
        id="a-body-introduced-as-a-states-agency",
    ),
    # An outlet named again by what it is.
    pytest.param(
        "Spain returned 40 Malians on a charter flight. El País reported that the flight "
        "had been planned for months. Each returnee was given 500 euros before boarding, "
        "according to the newspaper.",
        "Each returnee was given 500 euros",
        "El País",
        id="an-outlet-named-again-by-its-kind",
    ),
    # "The minister" is the serving minister, not a former one named later...
    pytest.param(
        "Deportation flights to Ghana\n\n"
        "The minister said a new agreement with Ghana was being drafted.\n\n"
        "Former prisons minister Keith Rowe told Sky News the plan was unworkable.",
        "a new agreement with Ghana was being drafted",
        "minister",
        id="the-minister-is-not-a-former-minister",
    ),
    # ... and a British secretary of state is a minister.
    pytest.param(
        "Home Secretary Joan Whitfield visited Dover on Monday.\n\n"
        "The minister said the crossings had fallen by a third since the spring.",
        "the crossings had fallen",
        "Joan Whitfield",
        id="a-home-secretary-is-the-minister",
    ),
    # "The court" is never a court the text names only after it.
    pytest.param(
        "A court in Naples on Friday halted the transfer of six men to a centre abroad.\n\n"
        "In its decision, the court said that, as the European Court of Human Rights has "
        "held, detention must rest on an individual assessment.",
        "detention must rest on an individual assessment",
        "court",
        id="the-court-is-not-one-named-after-it",
    ),
    # A body noun written with a capital and its place is a name of its own, not a
    # noun for the last body named.
    pytest.param(
        "Dock strike\n\n"
        "Strikers blocked the entrance to the Waalhaven terminal on Monday. Rotterdam "
        "police said the protest was peaceful.\n\n"
        "About 60 ships were waiting to berth by Monday evening, according to the Port of "
        "Rotterdam.",
        "About 60 ships were waiting",
        "Port of Rotterdam",
        id="a-body-named-with-its-place",
    ),
    # "The Deputy Ministry" is the body, not the deputy minister named before.
    pytest.param(
        "The Deputy Ministry of Migration announces that 6,420 people left the Republic. "
        "Deputy Minister Stelios Pitsillides stated that returns now outnumber arrivals."
        "\n\nThe Deputy Ministry calls on rejected applicants to contact the Asylum "
        "Service.",
        "rejected applicants to contact",
        "Deputy Ministry",
        id="a-deputy-ministry-is-a-body",
    ),
    # A lone word the NER calls a person, opening a body's name, is that body ...
    pytest.param(
        "Airline strike\n\n"
        "The regional carrier Borealis Air grounded its fleet. Borealis said it would "
        "publish a revised schedule by Monday.",
        "it would publish a revised schedule",
        "Borealis Air",
        id="short-name-of-a-body",
    ),
    # ... so "he" after its spokesperson is the spokesperson, not the airline.
    pytest.param(
        "Airline strike\n\n"
        "The regional carrier Borealis Air grounded its fleet. Borealis said it had "
        "offered a 24 per cent raise.\n\n"
        "The airline's spokesperson, Dana Whitcombe, said in an interview that Borealis "
        "was ready to talk. He acknowledged that customers had waited far too long.",
        "customers had waited far too long",
        "Dana Whitcombe",
        id="he-is-not-a-body-read-as-a-person",
    ),
    # A body's project speaks for the body, named in full or later as "the Project".
    pytest.param(
        "Deaths at sea\n\n"
        "At least 950 people have died on the Atlantic route this year, according to "
        "IOM's Missing Migrants Project. The Project found that most boats had left "
        "from Mauritania.",
        "most boats had left from Mauritania",
        "IOM",
        id="the-project-of-a-body-named-before",
    ),
    pytest.param(
        "Pushbacks\n\n"
        "The Norwegian Refugee Council's Access Project found that 400 people were "
        "pushed back in May.",
        "400 people were pushed back",
        "Norwegian Refugee Council",
        id="a-bodys-project-speaks-for-it",
    ),
    # An opening participle the model makes a clausal subject: the person after it.
    pytest.param(
        "Tunisia\n\n"
        "Speaking to our correspondent in Tunis, the head of the IOM mission, "
        "Alessandra Ferri, acknowledged that requests far exceeded the seats on the "
        "flights.",
        "requests far exceeded the seats",
        "Alessandra Ferri",
        id="person-after-a-clausal-scene",
    ),
    # A name after an opening phrase, described by an aside before the verb.
    pytest.param(
        "Finland\n\n"
        "In a reception centre in Joutseno, in south-eastern Finland, Abdirahman, a "
        "34-year-old from Somalia, said he had crossed at Vaalimaa in November.",
        "he had crossed at Vaalimaa",
        "Abdirahman",
        id="name-and-aside-after-an-opening-phrase",
    ),
    # The first of two surnames names the person again ("Cárdenas" of "Alberto
    # Cárdenas Ruiz"), as Spanish names are shortened.
    pytest.param(
        "Foreign Minister Alberto Cárdenas Ruiz told reporters that Mexico had given "
        'up nothing. "We did not sign a safe third country agreement," Cárdenas said.',
        "We did not sign a safe third country agreement",
        "Alberto Cárdenas Ruiz",
        id="first-of-two-surnames",
    ),
    # The person an aside names speaks, whatever body stands before the aside.
    pytest.param(
        "EU return rules\n\n"
        "In the European Parliament, where the file is handled by the civil liberties "
        "committee, the lead negotiator, EPP MEP Lukas Hofer, said he wanted a deal "
        "before the end of the year.",
        "he wanted a deal",
        "Lukas Hofer",
        id="person-in-an-aside-after-a-body",
    ),
    # "According to <office>, <honorific> <name>, ...": the holder is the source.
    pytest.param(
        "According to the Head of the Asylum Service, Ms Eleni Charalambous, the "
        "average time for a first decision has fallen to 71 days.",
        "the average time for a first decision",
        "Eleni Charalambous",
        id="according-to-an-office-and-its-holder",
    ),
    # A body's own name inside the phrase is no description of a body named before.
    pytest.param(
        "The EU border agency said checks would continue. The GdP police union warned "
        "that officers were already stretched.",
        "officers were already stretched",
        "GdP police union",
        id="a-name-the-tagger-calls-a-noun",
    ),
    # An opening participle does not speak; the person after its comma does.
    pytest.param(
        "Yemen route\n\n"
        "Sitting near him, Amina Yusuf, whose 19-year-old son drowned when a boat "
        "capsized off Djibouti in April, said she had not known he was leaving.",
        "she had not known he was leaving",
        "Amina Yusuf",
        id="person-after-an-opening-participle",
    ),
    # "Just named" is named before the pronoun, not later in the story.
    pytest.param(
        "Speaking in Geneva, UNHCR spokesperson Hassan Al-Tayeb said 1,500 people "
        'arrived every day. "Families arrive exhausted," Mr. Al-Tayeb said.\n\n'
        "The World Food Programme said it had been forced to cut rations for refugees "
        "in Kufra by half in April because of funding shortfalls, and that stocks of "
        "flour and oil would run out before the end of June unless donors paid. The "
        "agency has asked for 40 million dollars for its operations in eastern Chad, "
        "southern Libya and Egypt this year, and has received less than a fifth.\n\n"
        "Kufra's mayor, Adel al-Zwai, told UN News that the town's population had "
        "nearly doubled.\n\n"
        '"We cannot carry this alone," he said.\n\n'
        "Mr. Al-Tayeb said UNHCR had moved 9,000 refugees to a transit site.",
        "We cannot carry this alone",
        "Adel al-Zwai",
        id="he-is-not-someone-named-later",
    ),
    # An age read as a clause of the verb, with its article, is still the subject.
    pytest.param(
        "The survivors were taken to a centre at Hal Far. A 19-year-old from Eritrea, "
        "speaking through an interpreter, said the engine had failed on the first night.",
        "the engine had failed",
        "19-year-old from Eritrea",
        id="age-read-as-a-clause-of-the-verb",
    ),
    # "He" after one unnamed person spoke is that person, when the noun agrees ...
    pytest.param(
        "Interior Minister Paolo Greco said the centre was safe.\n\n"
        "A 19-year-old from Eritrea, speaking through an interpreter, said the engine "
        "had failed on the first night.\n\n"
        '"We saw a plane. It flew over us twice," he said.',
        "We saw a plane",
        "19-year-old from Eritrea",
        id="he-after-an-unnamed-speaker",
    ),
    # ... and not when it disagrees: "a man" is no "she".
    pytest.param(
        "Maria Rossi, a lawyer for the families, said the law was unfair.\n\n"
        "A man from Iraqi Kurdistan said he had been pushed back four times.\n\n"
        '"We will appeal to the constitutional court," she said.',
        "We will appeal",
        "Maria Rossi",
        id="she-is-not-a-man-from-somewhere",
    ),
    # A name after the comma of an opening phrase is not the preposition's object.
    pytest.param(
        "In the Sejm, Katarzyna Lis of the Civic Coalition said her party would vote "
        "against the bill.",
        "her party would vote against",
        "Katarzyna Lis",
        id="name-after-an-opening-phrase",
    ),
    # "He" after an unnamed spokesperson's statement is that spokesperson's body.
    pytest.param(
        "Home Affairs Minister Kevin Zammit defended the rescue centre.\n\n"
        "A spokesman for Frontex confirmed that one of its aircraft had spotted the "
        'boat. The sighting was shared "immediately" with Malta and Italy, he said.',
        "The sighting was shared",
        "Frontex",
        id="he-after-an-unnamed-spokesperson",
    ),
    # "Her children ..., and she says": whom the opening "her" stands for.
    pytest.param(
        "Widline Estime, 34, drives a forklift. Her supervisor, Carla Whitmore, says "
        'Estime is one of 41 Haitian workers at the plant. "She never missed a shift," '
        "Whitmore says.\n\n"
        "Estime has not decided what to do. Her children are in school here, and she "
        "says going back to Haiti is not an option.",
        "going back to Haiti is not an option",
        "Widline Estime",
        id="she-is-whom-the-opening-her-stands-for",
    ),
    # "DW spoke to a 17-year-old ... He said": the one person the sentence brings in.
    pytest.param(
        "Ministry spokesman Mehdi Sadeghpour said the returns were voluntary.\n\n"
        "DW spoke to a 17-year-old who had crossed alone from Tehran. He said he had "
        "been held for a week in a camp.",
        "he had been held for a week",
        "17-year-old",
        id="he-is-the-person-a-body-spoke-to",
    ),
    # "The ministry" after a minister with a portfolio is that minister's ministry,
    # not the state body named last.
    pytest.param(
        "Interior Minister Kemal Arslan said on Friday that 554,000 Syrians in Türkiye "
        "had gone home voluntarily. The Presidency of Migration Management said 30 "
        "removal centres were open.\n\n"
        "The ministry denied that anyone had been forced to leave.",
        "anyone had been forced to leave",
        "Turkish interior ministry",
        id="the-ministry-of-the-minister-named-before",
    ),
    pytest.param(
        "The Minister for Inclusion, Social Security and Migration, Elena Ruiz, presented "
        "the reform in Madrid. The Spanish Red Cross said it welcomed the change.\n\n"
        "The ministry said it would hire 500 more staff.",
        "it would hire 500 more staff",
        "Ministry for Inclusion, Social Security and Migration",
        id="the-ministry-named-as-the-ministers-title-names-it",
    ),
    # An unnamed spokesperson is not the spokesperson named before, of another body ...
    pytest.param(
        'The government said it would appeal. "We will file at once," interior '
        "ministry spokesman Peter Ndungu told reporters.\n\n"
        "A UNHCR spokesman in Nairobi said the agency took note of the judgment.",
        "the agency took note",
        "UNHCR",
        id="indefinite-spokesperson-of-a-named-body",
    ),
    pytest.param(
        'The refugee council was dismayed. "The court looked away," said '
        "spokesperson Anouk Smit.\n\n"
        "A European Commission spokesperson said Brussels was following the case.",
        "Brussels was following",
        "European Commission",
        id="indefinite-spokesperson-of-the-commission",
    ),
    # ... and "the spokesperson" is the unnamed one brought in before, not the one the
    # story names later.
    pytest.param(
        "A spokesperson for the IND said about 230 people were waiting. Their cases "
        "would be reassessed, the spokesperson added.\n\n"
        '"This is a bad day," said spokesperson Anouk Smit of the refugee council.',
        "Their cases would be reassessed",
        "IND",
        id="the-spokesperson-is-the-one-brought-in-before",
    ),
    pytest.param(
        "The district court had ruled against the transfers in July.\n\n"
        "State Secretary Maarten van der Bosch said in a letter to parliament that "
        "transfers would resume soon. The first flights are expected in January, the "
        "letter said.",
        "first flights are expected",
        "Maarten van der Bosch",
        id="who-said-it-in-a-letter-wrote-the-letter",
    ),
    # A place at the end of a participle on the speaker is not the speaker; the lawyer
    # the story names next is someone else.
    pytest.param(
        "A man from Iraqi Kurdistan interviewed by lawyers at the guarded centre for "
        "foreigners in Wedrzyn said he had been returned to the Belarusian side four "
        "times.\n\nIn parliament, Marta Lis of the Civic Coalition said her party would "
        "vote against the bill.",
        "returned to the Belarusian side",
        "man from Iraqi Kurdistan",
        id="unnamed-man-not-a-place-nor-the-next-name",
    ),
    # An age is someone, not a number in a junk phrase.
    pytest.param(
        "A 17-year-old from Sudan said he had been beaten by guards in Libya.",
        "beaten by guards",
        "17-year-old from Sudan",
        id="age-with-origin",
    ),
    pytest.param(
        "A 30-year-old Eritrean woman told reporters she had paid 3,000 dollars for the crossing.",
        "paid 3,000 dollars",
        "30-year-old Eritrean woman",
        id="age-with-nationality",
    ),
    # "He" after a sentence about someone unnamed who did not speak in it.
    pytest.param(
        "Doctor Hassan Kamal of MSF said conditions were dire. A 17-year-old from "
        "Sudan treated by MSF in Mabani described being forced back to Tripoli. "
        '"They took our phones and our money," he said.',
        "They took our phones",
        "17-year-old from Sudan",
        id="he-after-an-unnamed-age",
    ),
    pytest.param(
        "Doctor Hassan Kamal said conditions were dire. A woman from Eritrea "
        'described the crossing. "We had no water for three days and the children '
        'were crying," she said.',
        "We had no water",
        "woman from Eritrea",
        id="she-after-an-unnamed-woman",
    ),
    # "co-leader" is split into "co", "-", "leader", and the parse makes "co" a second
    # subject nearer the verb than the name.
    pytest.param(
        '"Closing the border is not a policy," said co-leader Ulrike Sand.',
        "Closing the border",
        "Ulrike Sand",
        id="prefix-split-off-by-the-tokenizer",
    ),
    # A hyphenated surname is still the name.
    pytest.param(
        '"If you cross unlawfully, you will be returned," said Secretary of Homeland '
        "Security Daniel Okafor-Reyes.",
        "you will be returned",
        "Daniel Okafor-Reyes",
        id="hyphenated-surname",
    ),
    # The parse reads the phrase after the quote as part of the quoted clause ("was
    # ... the director") and leaves "said" without a subject.
    pytest.param(
        "The Helen Suzman Foundation said the ruling was welcome.\n\n"
        '"This was never about whether the exemption should last forever," the '
        "foundation's executive director, Thandi Mokoena, said.",
        "never about whether the exemption",
        "Thandi Mokoena",
        id="phrase-between-quote-and-verb",
    ),
    # Past the lead, an unnamed official is not the next person the story names.
    pytest.param(
        "Pakistan began the second phase of its repatriation plan on Wednesday. "
        "Officials said 2,946 people had crossed at Torkham during the day.\n\n"
        "Meanwhile, the Islamabad High Court issued notices to the interior ministry on a "
        "petition filed by three card holders who have applied for visas.\n\n"
        "Justice Nadeem Sipra directed the ministry to submit its reply within two weeks "
        "and fixed the next hearing for April 17.\n\n"
        "The petitioners' counsel argued that his clients had valid visa applications "
        "pending and could not be removed while their cases were under process.\n\n"
        "A deputy attorney general told the court that the government's policy applied "
        "to all foreigners without valid documents.\n\n"
        "Sayed Noor, an Afghan student in Islamabad, said he had received a study visa "
        "in February.",
        "policy applied to all foreigners",
        "deputy attorney general",
        id="unnamed-official-past-the-lead",
    ),
    # A body defined by its initials speaks under its full name, named in full or by
    # its initials.
    *(
        pytest.param(
            "The Chief Commissionerate for Afghan Refugees (CCAR) said in a statement that "
            "nearly 845,000 Afghans had left Pakistan.\n\n"
            "The CCAR also said that each returning family could carry cash across the "
            "border.",
            content,
            "Chief Commissionerate for Afghan Refugees",
            id=f"body-defined-by-initials-{which}",
        )
        for which, content in (
            ("in-full", "845,000 Afghans had left"),
            ("by-initials", "each returning family"),
        )
    ),
    # "She" after a sentence that "her" opens is whom "her" stands for.
    pytest.param(
        "Sister Teresa Villalobos, who runs a shelter in Tijuana, said about 60 people "
        "returned under the program were staying there.\n\n"
        "Kenia Alvarado, 24, fled San Pedro Sula with her 5-year-old son after a gang "
        "threatened her. Her next hearing in San Diego is set for July. She said she had "
        "been robbed twice since being sent back.",
        "robbed twice",
        "Kenia Alvarado",
        id="she-after-a-sentence-her-opens",
    ),
    # The parse joins "said" to the reported clause and hangs "UNHCR" on "Chad".
    pytest.param(
        "A year after war broke out in Sudan, more than 580,000 refugees have crossed "
        "into eastern Chad, UNHCR, the UN Refugee Agency, said on Friday, warning that "
        "relocation from crowded border sites has slowed as funding runs short.",
        "relocation from crowded border sites",
        "UNHCR",
        id="participle-after-a-postposed-attribution",
    ),
    # The holder set off after an office the model tags a body speaks.
    pytest.param(
        "Near the border, people were screened in police stations. The Croatian "
        "Ombudswoman, Ivana Peric, said in her annual report that conditions in two of "
        "these stations were degrading.",
        "conditions in two of these stations",
        "Ivana Peric",
        id="holder-after-an-office-read-as-a-body",
    ),
    # "The guild": the body whose name holds the noun, though it is one of two subjects
    # of what is reported, and not a guild the tagger took for a person.
    pytest.param(
        "Halcyon Studios and the Writers Guild of America West have reached a tentative "
        "three-year agreement, the guild told members Monday.\n\n"
        "The Animation Guild, which represents artists, said it was watching closely.",
        "Halcyon Studios and the Writers Guild",
        "Writers Guild of America West",
        id="the-guild-named-in-a-joint-subject",
    ),
    # A family named by a surname and an honorific: the person named in full.
    pytest.param(
        "Ruth Ashdown, 61, from Kendal, was reported missing on Saturday.\n\n"
        "In a statement issued through police, Ms Ashdown's family said she was "
        "recovering in hospital.",
        "she was recovering in hospital",
        "Ruth Ashdown's family",
        id="a-family-named-by-the-persons-surname",
    ),
    # "The resident", "the aide": the unnamed person the noun described before.
    pytest.param(
        "A 34-year-old resident of the estate said the water had been brown for a "
        'week.\n\n"Nobody came to look at it," the resident said.',
        "Nobody came to look at it",
        "34-year-old resident",
        id="the-resident-again",
    ),
    pytest.param(
        "A senior aide, who spoke on condition of anonymity to discuss internal "
        "strategy, said the campaign had decided early on not to attack Hale. \"We do "
        'not need to make him look bad," the aide said.',
        "We do not need to make him look bad",
        "senior aide",
        id="the-aide-again",
    ),
    pytest.param(
        "A partner at one major agency, who asked not to be named because the agency "
        "represents clients on both sides, said the deal would become the template.",
        "the deal would become the template",
        "partner",
        id="a-partner-at-an-agency",
    ),
    # A hyphenated surname is not the first half's owner.
    pytest.param(
        "Harold Pruitt, 84, lived at the home for 14 months. His daughter, Marian "
        "Pruitt-Cole, has sued the company.\n\n"
        '"They told me he was being checked every two hours," Pruitt-Cole said.',
        "They told me he was being checked",
        "Marian Pruitt-Cole",
        id="a-hyphenated-surname",
    ),
    # An unlisted name of several words before "spokeswoman", not its last word.
    pytest.param(
        "A State Emergency Service spokeswoman said volunteers had helped 150 families at "
        "the camp overnight.",
        "volunteers had helped 150 families",
        "State Emergency Service",
        id="a-spokeswoman-for-a-name-of-three-words",
    ),
    # A participle after a subordinate clause goes with the clause that one qualifies,
    # though the parse hangs it on the subordinate verb, whose "they" would be the
    # body that spoke last.
    pytest.param(
        "A State Emergency Service spokeswoman said volunteers had helped 150 families at "
        "the camp overnight.\n\n"
        "Mr Kessel urged people not to stay and defend unless their camps were well "
        "prepared and they had a plan, warning that conditions would worsen through the "
        "night.",
        "conditions would worsen through the night",
        "Kessel",
        id="a-participle-after-a-subordinate-clause",
    ),
    # A study that speaks in a subordinate clause (in the headline and the lead) is
    # not the main clause's subject; a later mention names its authors.
    pytest.param(
        "Kaldor defends centre costs as study finds asylum agency overpaid\n\n"
        "Kaldor Logistics on Tuesday rejected claims that it had overcharged the asylum "
        "agency, after a study found that its reception centres cost twice the national "
        "average.\n\n"
        "The study, published in a migration journal by researchers at Utrecht "
        "University, compared the costs of 40 centres.",
        "its reception centres cost twice",
        "Utrecht University",
        id="a-study-whose-authors-are-named-next",
    ),
    # A body's name the tagger cut at its "and" into two bodies is one.
    pytest.param(
        "The Australian Competition and Consumer Commission said it had received 40 "
        "submissions on the detention contract.",
        "it had received 40 submissions",
        "Australian Competition and Consumer Commission",
        id="a-name-cut-at-its-and",
    ),
    # A body described in the lead and named further down: the one named body with
    # the description's word and a regulator's kind of name (not the tribunal).
    pytest.param(
        "Australia's competition regulator on Thursday blocked the merger of two "
        "detention contractors, saying the deal would leave the government with one "
        "supplier.\n\n"
        "The Australian Competition Tribunal can review the decision.\n\n"
        "The Australian Competition and Consumer Commission said it had received 40 "
        "submissions.",
        "the deal would leave the government with one supplier",
        "Australian Competition and Consumer Commission",
        id="a-regulator-described-then-named",
    ),
    # "according to its annual report": the body "its" stands for is the claim's
    # subject, not the body that spoke last.
    pytest.param(
        "The Federal Office for Migration said on Monday it would open a reception "
        "centre in Weimar.\n\n"
        "The Red Cross, which runs the camp at Suhl, said it had no room left.\n\n"
        "The agency has registered 212 complaints about conditions at the camps, "
        "according to its annual report.",
        "has registered 212 complaints",
        "Federal Office for Migration",
        id="according-to-its-report",
    ),
    # "the statement said" after "In a written statement, Harbourline said": the body
    # that spoke in it, by its short name, not the author of the last report.
    pytest.param(
        "For two years, the asylum centres run by Harbourline Meadows Reception Living "
        "told regulators they had enough staff on duty.\n\n"
        "Harbourline, a privately held chain that operates 38 centres, reported to the "
        "Home Office that its centres had 3.9 staff per resident.\n\n"
        "Inspection reports from the Interior Ministry show that inspectors cited three "
        "Harbourline centres for overcrowding.\n\n"
        "In a written statement, Harbourline said it took its obligations extremely "
        "seriously.\n\n"
        '"The inspection reports describe a single day in August," the statement said.',
        "The inspection reports describe a single day",
        "Harbourline",
        id="the-statement-of-a-body-named-short",
    ),
]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # The sentence before names no group as its subject: the people speak as the
        # text names them.
        (
            "Thousands of Rohingya reached the camps last month. Many said they had been "
            "beaten by soldiers on the way.",
            "they had been beaten",
            "Many",
        ),
        # Joined to a clause whose subject is the group: the group speaks.
        (
            "Senators questioned the agency's plans, and many said the change could help "
            "smugglers.",
            "the change could help smugglers",
            "Senators",
        ),
        # The parse makes "present at the meeting" the clause and leaves "told" no
        # subject: an adjective phrase after a name is a reduced relative too.
        (
            "Rahim Uddin, a union leader present at the meeting, told AFP the deal should "
            "end the strike.",
            "the deal should end the strike",
            "Rahim Uddin",
        ),
        # "as of Wednesday" opens the reported clause; it is no "as" of time or reason
        # that says when the words were said.
        (
            "The International Organization for Migration said as of Wednesday, it had "
            "helped 212 migrants return home.",
            "it had helped 212 migrants",
            "IOM",
        ),
        # An outlet quoting someone, or passing on their words: they speak.
        (
            '"We have asked the embassy for an explanation," the state news agency quoted '
            "Deputy Foreign Minister Khalid Nasser as saying.",
            "We have asked the embassy",
            "Khalid Nasser",
        ),
        (
            "State television quoted Interior Minister Ahmed Saleh as saying that all "
            "undocumented migrants would be deported by March.",
            "all undocumented migrants would be deported",
            "Ahmed Saleh",
        ),
        (
            "RNZ reported Shaw said the country had to look after its own people first.",
            "the country had to look after its own people first",
            "Shaw",
        ),
        (
            "Local officials in Kandahar have reported a sharp rise in returns from Iran "
            "over the past week, Ariana News reported.",
            "a sharp rise in returns",
            "Local officials",
        ),
        # Words still to come are the outlet's report, not anyone's statement yet.
        (
            "Several newspapers reported that the minister will announce the measures on Friday.",
            "the minister will announce the measures",
            "newspapers",
        ),
        # Where a body is based says nothing of its kind: "the rights group" named
        # before; and "New York" (tagged a person) is a place here, not the speaker.
        (
            "Amnesty International said Egypt had deported 800 Sudanese. The "
            "London-based rights group condemned their return to a war zone.",
            "their return to a war zone",
            "Amnesty International",
        ),
        (
            "Human Rights Watch published a report on Monday. The New York-based group "
            "said border guards beat the men.",
            "border guards beat the men",
            "Human Rights Watch",
        ),
        # A quote closed with a full stop, then an attribution standing as a sentence
        # of its own, with a long title before the name.
        (
            "The rule lapsed at midnight.\n\n\u201cDo not trust the smugglers. The "
            "crossing is still closed.\u201d Deputy Interior Minister Tomas Reinholt said.",
            "Do not trust the smugglers",
            "Tomas Reinholt",
        ),
        # A judge named only by form of address and surname, whom "He" then refers to.
        (
            "In a brief ruling on Monday, Mr Justice Lindqvist refused to halt the flight.\n"
            "He said: \u201cThe minister was entitled to reach the decision she did.\u201d",
            "The minister was entitled",
            "Lindqvist",
        ),
        # A spokesperson of a body named by a common noun speaks for that body, of the
        # country the story is about.
        (
            "The French government wants more money for its coastal patrols.\n\nAn "
            "interior ministry spokesperson said extra units had been sent to the beaches.",
            "extra units had been sent",
            "French interior ministry",
        ),
        # A name, an aside on it set off by commas, then the verb: the parse leaves
        # the verb without a subject, joined to the quote's last clause.
        (
            "Inside the country, nearly 9 million people remain displaced.\n\u201cThe "
            "generosity of Sudan\u2019s neighbours is remarkable, but it cannot replace "
            "money,\u201d Mamadou Tall, UNHCR\u2019s regional refugee coordinator for the "
            "Sudan situation, told a briefing in Cairo.",
            "The generosity of Sudan",
            "Mamadou Tall",
        ),
        # "the Trump administration" names the president only to say whose body it is,
        # even once he is known as a person.
        (
            "President Donald Trump signed the order on Friday. The Trump administration "
            "has said the migrants on the flights are members of a gang.",
            "the migrants on the flights",
            "Trump administration",
        ),
        # Whom a spokesperson tells is the listener, even when the model tags the
        # outlet a person.
        (
            '"Reports that a child died in custody at the centre are false," an ICE '
            "spokesperson told Refinery29 via email.",
            "Reports that a child died",
            "ICE",
        ),
        # An outlet relays what someone said: a cue with no clause of its own...
        (
            "The foreign minister has privately described the plan to fly asylum seekers "
            "to Rwanda as \u201cshameful\u201d, The Times reported.",
            "described the plan to fly",
            "foreign minister",
        ),
        # ...an outlet's verb after another statement of the same sentence...
        (
            "Abdullah Ayaz, who heads the ministry\u2019s migration department, has denied "
            "reports about the deportation of Syrians, saying that such an act would be "
            "illegal, the state-run Anadolu news agency reported.",
            "reports about the deportation",
            "Abdullah Ayaz",
        ),
        # ...and "according to" an agency whose claim is someone's speech.
        (
            "According to Reuters, Prime Minister Viktor Orban described the fine on "
            "Facebook as \u201coutrageous\u201d.",
            "Viktor Orban described the fine",
            "Viktor Orban",
        ),
        # "data" (whose lemma the small model gives as "datum") speaks for the body it
        # comes from.
        (
            "By March, Cyprus had taken in only two rescued people, according to data from "
            "the United Nations High Commissioner for Refugees (UNHCR).",
            "Cyprus had taken in only two rescued people",
            "UNHCR",
        ),
        # Results published by a named outlet are its words.
        (
            "Some 61 percent of voters backed the new residence rules, according to final "
            "results of the referendum published by public broadcaster RTS.",
            "Some 61 percent of voters backed",
            "RTS",
        ),
        # "government data" names a body, the story country's government; "official
        # figures" (tests/test_statements.py) name none and speak as described.
        (
            "Ottawa has tightened the rules for claims made at land crossings. According to "
            "government data, 812 such claims were decided between January and June.",
            "812 such claims were decided",
            "Canadian government",
        ),
        # A lead that introduces a body by description names it in the next paragraph.
        (
            "Hundreds of migrants were pushed back at the border over a year, a leading "
            "rights group said on Tuesday.\n\nThe pushbacks break international law, "
            "London-based Amnesty International said in a report.",
            "Hundreds of migrants were pushed back",
            "Amnesty International",
        ),
        # "its deputy director": the body's office, whose holder the next paragraph names.
        (
            "The agency is working to empty the worst detention centres, its deputy director "
            "told reporters.\n\n\u201cConditions are still terrible,\u201d Maria Kessler of "
            "the International Organization for Migration said on Monday.",
            "The agency is working to empty",
            "Maria Kessler",
        ),
        # A wire service credited at the end of the paragraph attributes no quote: the
        # quote after "he also said" carries on his words.
        (
            "Interior Minister Jonas Reiter spoke to the weekly Tagespost. He also said "
            "border checks would stay in place. \u201cThe state decides who comes in, not "
            "the smuggling gangs.\u201d AFP/kb",
            "The state decides who comes in",
            "Jonas Reiter",
        ),
        # "according to the same source": whoever was quoted last.
        (
            "The dinghy lost air before dawn, the coast guard said.\nA trawler reached "
            "them an hour later, according to the same source.",
            "A trawler reached them an hour later",
            "coast guard",
        ),
        # "the U.N. chief": the one person the text titles as the head of a body of the
        # U.N.'s kind, whatever the body calls its head, named before or after.
        (
            "Over 9,000 people are held in the camps, the U.N. chief said in a report.\n"
            "Secretary-General Maria Lindqvist said the mission would keep recording abuses.",
            "Over 9,000 people are held in the camps",
            "Maria Lindqvist",
        ),
        # "he said" after a sentence that brings in someone new, whose gender the text
        # does not show: the newcomer, not the man who spoke before.
        (
            "President Paul Grant said the deal was final.\n\u201cIt will last,\u201d he "
            "said.\nThere are 108 people in the centre.\nAung Thura is a refugee who was "
            "held there until March.\n\u201cEveryone there is exhausted,\u201d he said.",
            "Everyone there is exhausted",
            "Aung Thura",
        ),
        # A quote standing alone after "he" did something is the last person quoted,
        # whatever bodies the paragraphs between name.
        (
            "Interior Minister Jonas Reiter told the radio station that arrivals had "
            "fallen.\nHe must notify the European Commission of any extension. In a "
            "newspaper interview, he also pointed to further measures. \u201cWe want "
            "faster decisions and consistent returns.\u201d",
            "We want faster decisions",
            "Jonas Reiter",
        ),
        # The press relaying someone's words: the one who said them speaks.
        (
            "Hours after the order, the UN refugee agency said on Tuesday that any return "
            "must be voluntary, media reports said.",
            "any return must be voluntary",
            "UNHCR",
        ),
        # A press release's label line: the name and role on a line of their own, the
        # quote in the next paragraph, no speech verb.
        (
            "The ministry published its forecast for the coming year on Monday.\n"
            "Anna Berg, Minister for Integration:\n"
            "\u201cWe will open three more reception centres before the winter.\u201d",
            "three more reception centres",
            "Anna Berg",
        ),
        *MORE_CONSTRUCTIONS,
    ],
)
def test_who_speaks_in_constructions_of_real_reporting(analyzer, text, content, speaker):
    assert by_content(statements(analyzer, text), content)["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "content", "speaker", "speaker_type"),
    [
        # The small model tags the party a common noun after a leader's possessive.
        (
            "The prime minister\u2019s ruling Conservatives have insisted the transfer "
            "scheme is the only way to stop the boats.",
            "the transfer scheme is the only way",
            "Conservatives",
            "party",
        ),
        # A plural demonym speaks as people, not as the state whose name it carries.
        (
            "Many Tunisians accuse the coast guard of leaving boats adrift.",
            "the coast guard of leaving boats adrift",
            "Tunisians",
            "other",
        ),
        # No "the" before the office; the model tags the name an organisation and joins
        # it to the office as a conjunct. The holder speaks, as a government member.
        (
            "Forced returns of people who have been refused protection in the country must "
            "be stepped up, Swedish minister for migration, Morgan Johansson, told the paper.",
            "Forced returns of people",
            "Morgan Johansson",
            "government",
        ),
        # A person "with" a group, or the group's, speaks for a group named for the
        # people it helps.
        (
            "\u201cThey are left with nothing,\u201d said Marie Celestin with the Support "
            "Group for Deportees and Refugees.",
            "They are left with nothing",
            "Marie Celestin",
            "ngo",
        ),
        (
            "The Asylum Seeker Legal Centre's Dana Morris said the decision would prolong "
            "suffering.",
            "the decision would prolong suffering",
            "Dana Morris",
            "ngo",
        ),
        # A state's diplomat speaks for the state.
        (
            "Chile's permanent representative Ana Ruiz said the returns must stop.",
            "the returns must stop",
            "Ana Ruiz",
            "government",
        ),
        # A prefecture is the state's office in a region, keyed with its country.
        (
            "Four migrants drowned off the coast of France on Friday. Sixty people had "
            "left the beach before dawn, the maritime prefecture said.",
            "Sixty people had left the beach",
            "French maritime prefecture",
            "government",
        ),
        # A name ending in "News" is an outlet, whatever first name it opens with.
        (
            "Some 5,000 people crossed the border on Monday, Noor News reported.",
            "5,000 people crossed the border on Monday",
            "Noor News",
            "media",
        ),
    ],
)
def test_who_speaks_and_as_what(analyzer, text, content, speaker, speaker_type):
    found = by_content(statements(analyzer, text), content)
    assert (found["speaker"], found["speaker_type"]) == (speaker, speaker_type)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # The small model hangs the name on the main verb; it is still the source's.
        (
            "According to the EU border agency Frontex, crossings fell by a quarter last year.",
            "crossings fell by a quarter last year",
        ),
        # A name that qualifies a noun ("EU") is not the author of a phrase that
        # names its own body.
        (
            "Applications fell by a fifth in June, according to figures from the EU "
            "asylum support authority EUAA.",
            "Applications fell by a fifth in June",
        ),
    ],
)
def test_the_name_after_a_description_of_its_body_is_the_source(analyzer, text, content):
    claim = by_content(statements(analyzer, text), content)
    assert claim["content"] == content
    assert claim["speaker"] in {"Frontex", "EUAA"}


def test_the_body_official_is_the_person_the_text_gave_an_office_in_that_body(analyzer):
    text = (
        "Mona Haddad, a spokeswoman for the International Organization for Migration "
        "(IOM), told reporters that 300 people had been returned to Niger. "
        "The government has not commented. "
        "The IOM official said the returns were voluntary."
    )
    found = statements(analyzer, text)
    assert by_content(found, "returns were voluntary")["speaker"] == "Mona Haddad"
    # "An IOM official" brings in someone new.
    again = statements(analyzer, text.replace("The IOM official", "An IOM official"))
    assert by_content(again, "returns were voluntary")["speaker"] != "Mona Haddad"


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "second"),
    [
        (
            "The rights group said border officials had ignored earlier court orders, and "
            "urged the ministry to open an inquiry into the expulsions.",
            "rights group",
            "urged",
            "the ministry to open an inquiry",
        ),
        (
            "The agency said most of those held were registered with it as refugees and "
            "called on the authorities to free them before the winter.",
            "agency",
            "called",
            "the authorities to free them",
        ),
        # A reported clause whose subject is itself a clause has no one to share.
        (
            "The refugee council said turning families away at the port would breach "
            "the convention and warned the minister against bowing to the tabloids.",
            "refugee council",
            "warned",
            "bowing to the tabloids",
        ),
    ],
)
def test_a_past_tense_conjunct_that_cannot_share_the_reported_auxiliary_is_the_speakers(
    analyzer, text, speaker, cue, second
):
    # "had ignored ... and urged", "were registered ... and called on": "urged" and
    # "called" cannot follow "had" or "were"; the writer goes on telling what the
    # speaker did, and the reported clause ends before "and".
    found = statements(analyzer, text)
    demand = by_content(found, second)
    assert demand["speaker"].endswith(speaker) and demand["cue"].startswith(cue)
    report = next(s for s in found if s["cue"] == "said")
    assert second not in report["content"]


def test_a_building_named_after_a_person_is_not_that_persons_full_name(analyzer):
    # The small model tags "Trump Tower" a person: the president's fullest name it is not.
    text = (
        "President Trump, in a written statement, said he did not favour ending the "
        "programme.\n\nHundreds of protesters gathered outside the White House and Trump "
        "Tower in New York on Tuesday afternoon."
    )
    claim = by_content(statements(analyzer, text), "did not favour")
    assert claim["speaker"] == "Trump"


def test_members_named_as_examples_do_not_speak_for_their_coalition(analyzer):
    text = (
        "A coalition of Maltese charities, including the aditus foundation and the Jesuit "
        "Refugee Service, said it was deeply concerned by the closure of the ports."
    )
    claim = by_content(statements(analyzer, text), "deeply concerned")
    assert claim["speaker"] == "coalition of Maltese charities"
    assert claim["speaker_type"] == "ngo"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "In April, U.N. special rapporteurs wrote to the government that the bill did "
            "not meet international human rights standards.",
            "U.N. special rapporteurs",
        ),
        (
            "OSCE election observers said the count had been orderly but slow.",
            "OSCE election observers",
        ),
    ],
)
def test_members_of_a_body_named_by_their_office_speak_as_a_group(analyzer, text, speaker):
    # Not the body that qualifies them: rapporteurs write in their own name.
    [claim] = statements(analyzer, text)
    assert claim["speaker"] == speaker


def test_every_statement_of_a_lead_that_introduces_someone_by_office_is_theirs(analyzer):
    text = (
        "PORTLAND (Meridian Wire) — A federal judge in Oregon ordered immigration officials "
        "to release the detained farmworkers within 10 days, and said the government had "
        "offered no reason to hold them.\n\n"
        "U.S. District Judge Elena Marquardt also barred further transfers out of state.\n\n"
        '"The detentions were arbitrary from the first day," Marquardt wrote.'
    )
    found = statements(analyzer, text)
    assert by_content(found, "release the detained farmworkers")["speaker"] == "Elena Marquardt"
    assert by_content(found, "offered no reason")["speaker"] == "Elena Marquardt"


def test_an_according_to_claim_ends_with_its_words_not_the_line_break(analyzer):
    text = (
        "Asylum decisions\n\n"
        "According to the Asylum Service, the average time for a decision has fallen "
        "to 71 days.\n\nThe backlog is shrinking."
    )
    claim = by_content(statements(analyzer, text), "the average time")
    assert claim["content"].endswith("71 days.")



def test_asking_not_to_be_named_is_no_statement(analyzer):
    text = (
        "Herat\n\n"
        "A border official in Herat, who asked not to be named, said 30,000 people had "
        "crossed in one day."
    )
    found = statements(analyzer, text)
    assert [s["content"] for s in found] == ["30,000 people had crossed in one day"]


def test_a_clause_holding_the_speaker_is_no_report_of_theirs(analyzer):
    # The parse may make the clause describing the speaker the verb's object.
    text = (
        '"We were promised the money within two days. It has been a fortnight," said '
        "Sunanda Kale, 52, a resident of Ekta Nagari whose ground-floor flat was under "
        "five feet of water."
    )
    found = statements(analyzer, text)
    assert not [s for s in found if "ground-floor flat" in s["content"]]


def test_the_name_after_a_portfolio_holds_the_office(analyzer):
    # The office before an untagged name types the person and is their role.
    text = "Minister for Health Stephen Donnelly said the ward would reopen in March."
    [claim] = statements(analyzer, text)
    assert (claim["speaker"], claim["speaker_type"]) == ("Stephen Donnelly", "government")


def test_first_names_are_known_with_their_accents():
    assert gender_of_first_name("Andrés Molina") == gender_of_first_name("Andres Molina") == "m"
    assert gender_of_first_name("Zoë Hart") == "f"


def test_a_name_something_goes_by_and_a_person_found_are_no_statements(analyzer):
    text = (
        "The mountain rescue team, which calls itself \"the fourth emergency service of "
        'the valley", said it had been called out 11 times this month.\n\n'
        "She was found by a search dog team in a steep gully on Monday, according to "
        "Keswick Mountain Rescue Team."
    )
    found = statements(analyzer, text)
    assert not [s for s in found if "fourth emergency service" in s["content"]]
    assert by_content(found, "She was found by a search dog team")["speaker"] == (
        "Keswick Mountain Rescue Team"
    )
    assert not [s for s in found if s["cue"] == "found"]
