"""Statements read off the grammar of a sentence or the layout of a page, on text
written for the project in the style of real reporting and official pages:
agreements that are acts, predicates sharing a speaker, a speech's address to the
house, teasers, and speeches published on a page of their own."""

from __future__ import annotations

from spacy.tokens import Doc

from monitor.nlp.continuations import in_teaser
from monitor.nlp.debates import speech_turn
from monitor.nlp.group_speakers import names_a_speaker
from monitor.nlp.lexicon import ROLE_WORDS
from monitor.nlp.nested_speech import Report, coordinated_with_report, split_chained
from monitor.nlp.quotes import Quote, QuoteIndex
from monitor.nlp.speech import is_speech_verb, subject_of
from tests.test_statements import by_content, statements


def test_an_agreement_to_act_is_not_a_statement(analyzer):
    text = (
        "Italy and Tunisia agreed on Thursday to set up a joint patrol unit in the port "
        "of Sfax and to share data on departures."
    )
    assert not any(s["cue"] == "agreed" for s in statements(analyzer, text))


def test_an_order_is_a_statement_only_as_a_directive_to_someone(analyzer):
    act = "The interior ministry ordered an immediate halt to family reunification on Monday."
    assert not any(s["cue"] == "ordered" for s in statements(analyzer, act))
    directive = "The interior ministry ordered all rejected asylum seekers to leave by June."
    found = by_content(statements(analyzer, directive), "to leave by June")
    assert found["cue"] == "ordered"


def test_agreeing_that_something_is_so_is_a_statement(analyzer):
    text = (
        "The interior ministers agreed that the reception centres on the islands were "
        "badly overcrowded."
    )
    claim = by_content(statements(analyzer, text), "reception centres on the islands")
    assert claim["cue"] == "agreed"


def _misparsed_coordination(analyzer):
    """ "Members questioned whether the fences are lawful and asked whether the
    Commission will act ." as the small model sometimes parses it in a long text:
    with "asked" joined to "are", inside what "questioned" reports."""
    words = (
        "Members questioned whether the fences are lawful and asked whether the "
        "Commission will act ."
    ).split()
    heads = [1, 1, 5, 4, 5, 1, 5, 5, 5, 14, 11, 14, 14, 8, 1]
    deps = [
        "nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "acomp", "cc", "conj",
        "mark", "det", "nsubj", "aux", "ccomp", "punct",
    ]  # fmt: skip
    pos = [
        "NOUN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "ADJ", "CCONJ", "VERB",
        "SCONJ", "DET", "PROPN", "AUX", "VERB", "PUNCT",
    ]  # fmt: skip
    tags = [
        "NNS", "VBD", "IN", "DT", "NNS", "VBP", "JJ", "CC", "VBD",
        "IN", "DT", "NNP", "MD", "VB", ".",
    ]  # fmt: skip
    lemmas = [w.lower() for w in words]
    lemmas[1], lemmas[4], lemmas[5], lemmas[8] = "question", "fence", "be", "ask"
    return Doc(
        analyzer.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
        lemmas=lemmas,
    )  # fmt: skip


def test_a_second_reporting_predicate_shares_the_speaker_of_the_first(analyzer):
    doc = _misparsed_coordination(analyzer)
    asked, fences = doc[8], doc[4]
    assert subject_of(asked).i == fences.i  # what the parse alone gives
    assert not names_a_speaker(fences)  # fences ask nothing
    assert coordinated_with_report(asked, is_speech_verb).i == 1


def test_a_coordinated_report_is_cut_off_the_first_and_speaks_with_its_subject(analyzer):
    doc = _misparsed_coordination(analyzer)
    outer = Report(doc[1], list(doc[3:14]), doc[0])
    inner = Report(doc[8], list(doc[10:14]), doc[0], coordinated=True)
    split_chained([outer, inner], 3)
    assert [t.text for t in outer.content] == ["the", "fences", "are", "lawful"]
    assert inner.subject.i == 0


def test_a_coordinated_verb_of_someone_who_can_speak_stays_theirs(analyzer):
    text = (
        "Officials said the families crossed the river at night and asked the border "
        "guards to let them reach the camp."
    )
    found = statements(analyzer, text)
    claim = by_content(found, "the families crossed the river")
    assert claim["speaker"] and "Officials" in claim["speaker"].title()
    assert not any(s["cue"] == "asked" and s["speaker"] == claim["speaker"] for s in found)


def test_a_speech_address_to_the_house_is_not_part_of_a_sourced_claim(analyzer):
    text = (
        "Madam President, honourable Members, according to the International "
        "Organization for Migration, more than 900 people drowned off Libya this spring."
    )
    claim = by_content(statements(analyzer, text), "more than 900 people drowned")
    assert claim["cue"] == "according to"
    assert not claim["content"].startswith("Madam")


def test_a_teaser_repeating_the_body_is_not_read_twice():
    body = (
        "The Council has today adopted its position on the return regulation and finds "
        "that member states need faster procedures."
    )
    text = f"Council adopts position\n\n{body[:90]}...\n\n{body} Talks start next week.\n"
    assert in_teaser(text, text.index(body[:20]))
    assert not in_teaser(text, text.rindex(body[:20]))


def test_a_paragraph_ending_in_an_ellipsis_said_once_is_no_teaser():
    text = "Asked about the camps, the minister trailed off: the numbers were...\n\nNext."
    assert not in_teaser(text, 10)


def test_a_speech_published_on_its_own_is_one_turn_by_the_speaker_in_its_title(analyzer):
    text = (
        "Speech\n\nRemarks by Commissioner Lindqvist on the new resettlement framework\n\n"
        "Luxembourg, 14 June 2026\n\nDear ministers,\n\nToday we take a step that many "
        "thought impossible. Resettlement gives refugees a safe way to reach Europe, "
        "and it takes business away from the smugglers. I count on every member state "
        "to pledge places before the summer.\n"
    )
    turn = speech_turn(text, ROLE_WORDS)
    assert turn is not None
    assert turn.speaker == "Lindqvist"
    assert turn.speaker_type == "eu_institution"
    assert text[turn.start :].startswith("Dear ministers")
    found = statements(analyzer, text)
    speech = by_content(found, "Resettlement gives refugees")
    assert speech["speaker"] == "Lindqvist"
    assert speech["cue"] is None and speech["kind"] == "direct"


def test_a_speech_title_naming_only_an_office_gives_no_turn():
    text = "Statement by the Spokesperson on the situation in the Aegean\n\nThe EU calls..."
    assert speech_turn(text, ROLE_WORDS) is None


def test_a_news_sentence_about_a_speech_is_no_speech_page():
    text = (
        "In a speech by Chancellor Weber in Berlin on Monday, the government set out "
        "new rules for asylum hearings.\n"
    )
    assert speech_turn(text, ROLE_WORDS) is None


def test_one_unnamed_person_counted_by_one_speaks(analyzer):
    text = (
        "Dozens of families queued outside the registration office in the rain. "
        '"We have waited here since five in the morning and nobody tells us anything," '
        "said one exhausted shopkeeper."
    )
    quote = by_content(statements(analyzer, text), "waited here since five")
    assert quote["speaker"] == "exhausted shopkeeper"
    assert quote["speaker_type"] == "other"


def test_a_sentence_reporting_words_of_its_own_does_not_attribute_the_quote_before(
    analyzer,
):
    text = (
        'Amira Haddad, a volunteer at the port, said the night had been long. "We '
        "pulled eleven people out of the water before dawn and two of them were "
        'children." One doctor told reporters the clinic had run out of antibiotics.'
    )
    found = statements(analyzer, text)
    quote = by_content(found, "pulled eleven people")
    assert quote["speaker"] == "Amira Haddad"
    assert quote["cue"] is None and quote["continuation"]
    claim = by_content(found, "run out of antibiotics")
    assert claim["speaker"] == "doctor"


def test_names_in_a_later_claim_do_not_stop_a_continuation(analyzer):
    text = (
        '"The pilot is small, but it works," said Hanna Korpela, the Finnish interior '
        'minister.\n\n"Every return shows the smugglers that the route is closed." She said '
        "Helsinki would ask Frontex for two more aircraft."
    )
    quote = by_content(statements(analyzer, text), "Every return shows")
    assert quote["speaker"] == "Hanna Korpela"
    assert quote["continuation"]


def test_a_quote_broken_by_its_attribution_is_one_statement(analyzer):
    text = (
        '"The pilot is small, but it works," said Hanna Korpela, the Finnish interior '
        'minister. "Every return shows the smugglers that the route is closed."'
    )
    (quote,) = statements(analyzer, text)
    assert (quote["speaker"], quote["cue"]) == ("Hanna Korpela", "said")
    assert not quote["continuation"]
    # The span runs from the first quoted word to the last; the content leaves the
    # attribution out.
    assert text[quote["start"] : quote["end"]].startswith("The pilot is small")
    assert text[quote["start"] : quote["end"]].endswith("the route is closed.")
    assert quote["content"] == (
        "The pilot is small, but it works [...] Every return shows the smugglers that the "
        "route is closed."
    )


def test_the_government_unnamed_is_the_one_the_story_is_about(analyzer):
    text = (
        "Afghan families who fled to Pakistan decades ago now face expulsion. "
        "Pakistan has given unregistered Afghans until the end of the month to leave, "
        "and Pakistan's interior minister said the deadline would not be extended. "
        "Pakistani police have begun checking documents in Karachi. "
        "The government said the police would hand those without papers to the "
        "border authorities."
    )
    claim = by_content(statements(analyzer, text), "hand those without papers")
    assert claim["speaker"] == "Pakistani government"


def test_a_claim_no_one_made_is_not_a_statement(analyzer):
    text = (
        "No group has claimed that the fire at the reception centre was set on purpose, "
        "but the police are questioning three men."
    )
    assert not any(s["cue"] == "claimed" for s in statements(analyzer, text))


def test_a_nationality_speaks_as_people_not_as_the_state(analyzer):
    text = (
        "Many Moroccans accuse the government of doing too little to stop young people "
        "from leaving for Spain."
    )
    claim = by_content(statements(analyzer, text), "doing too little")
    assert claim["speaker"] == "Moroccans"
    assert claim["speaker_type"] == "other"


def test_prose_opening_with_a_date_and_a_dash_is_no_debate_turn():
    from monitor.nlp.debates import debate_turns

    text = (
        "In March, gunmen killed 14 people — most of them tourists — at a museum in the "
        "capital, and the army has since sealed the border.\n"
    )
    assert debate_turns(text) == []


def test_a_quoted_title_is_not_a_statement_even_beside_a_speech_verb(analyzer):
    from monitor.nlp.quoted_phrases import is_quoted_phrase
    from monitor.nlp.quotes import find_quotes

    text = (
        'Gilroy, author of the 2019 essay "The Case for Open Borders," argued that labour '
        "shortages would force Europe to admit more workers. "
        '"We are running out of nurses and farm hands," Gilroy said.'
    )
    doc = analyzer.nlp(text)
    title, speech = find_quotes(text)
    argued = next(t for t in doc if t.text == "argued")
    said = next(t for t in doc if t.text == "said")
    assert is_quoted_phrase(doc, title, argued)
    assert not is_quoted_phrase(doc, speech, said)


def test_where_a_speaker_said_something_is_not_what_they_said(analyzer):
    text = (
        "Interior Minister Jonas Reiter spoke on Sunday.\n"
        'In an interview with the "Welt am Sonntag" newspaper, he pointed to further measures.'
    )
    assert statements(analyzer, text) == []


def test_groups_sharing_one_noun_speak_together(analyzer):
    text = (
        "The first families reached Canada on Monday, three months after the programme "
        "was announced, Canadian and U.N. officials have told reporters."
    )
    claim = by_content(statements(analyzer, text), "The first families reached Canada")
    assert claim["cue"] == "told"
    assert claim["speaker"] == "Canadian officials and U.N. officials"


def test_an_attribution_closing_the_sentence_reports_what_comes_before_it(analyzer):
    from monitor.nlp.speech import reported_content

    # As the small model parses it in a long text: "told" joined to "ended".
    words = "The boat left on Sunday , after the storm ended , officials have told VOA .".split()
    heads = [1, 2, 2, 2, 3, 2, 9, 8, 9, 2, 9, 13, 13, 9, 13, 2]
    deps = [
        "det", "nsubj", "ROOT", "prep", "pobj", "punct", "mark", "det", "nsubj", "advcl",
        "punct", "nsubj", "aux", "conj", "dobj", "punct",
    ]  # fmt: skip
    pos = [
        "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT", "SCONJ", "DET", "NOUN", "VERB",
        "PUNCT", "NOUN", "AUX", "VERB", "PROPN", "PUNCT",
    ]  # fmt: skip
    tags = [
        "DT", "NN", "VBD", "IN", "NNP", ",", "IN", "DT", "NN", "VBD", ",", "NNS", "VBP",
        "VBN", "NNP", ".",
    ]  # fmt: skip
    morphs = [""] * len(words)
    morphs[2] = morphs[9] = "Tense=Past|VerbForm=Fin"
    lemmas = [w.lower() for w in words]
    lemmas[13] = "tell"
    doc = Doc(
        analyzer.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
        morphs=morphs, lemmas=lemmas,
    )  # fmt: skip
    content = reported_content(doc[13])
    assert content is not None
    assert " ".join(t.text for t in content) == "The boat left on Sunday , after the storm ended"


def test_a_verb_joined_to_a_relative_clause_takes_the_subject_it_agrees_with(analyzer):
    from monitor.nlp.speech import subject_of

    # "The agency has registered refugees who have fled and expects more to come .",
    # with "expects" joined to "fled": it cannot share "who" (the refugees, plural).
    words = "The agency has registered refugees who have fled and expects more to come .".split()
    heads = [1, 3, 3, 3, 3, 7, 7, 4, 7, 7, 12, 12, 9, 3]
    deps = [
        "det", "nsubj", "aux", "ROOT", "dobj", "nsubj", "aux", "relcl", "cc", "conj",
        "nsubj", "aux", "ccomp", "punct",
    ]  # fmt: skip
    pos = [
        "DET", "NOUN", "AUX", "VERB", "NOUN", "PRON", "AUX", "VERB", "CCONJ", "VERB",
        "ADJ", "PART", "VERB", "PUNCT",
    ]  # fmt: skip
    tags = [
        "DT", "NN", "VBZ", "VBN", "NNS", "WP", "VBP", "VBN", "CC", "VBZ", "JJR", "TO",
        "VB", ".",
    ]  # fmt: skip
    doc = Doc(analyzer.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert subject_of(doc[9]).i == 1  # "expects": the agency
    assert subject_of(doc[7]).i == 5  # "fled": who


def test_a_passage_over_paragraphs_may_close_before_a_short_attribution():
    from monitor.nlp.quotes import find_quotes

    text = (
        'The rapporteur, Anna Berg, said:\n\n"Member states have passed the problem '
        "around for ten years. It has to stop.\n\nA fair key, based on population and "
        'wealth, is the only way forward", she added.\n\nThe vote is on Tuesday.\n'
    )
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start :].startswith("Member states have passed")
    assert text[: quotes[0].end].endswith("the only way forward")


def test_mixed_quote_marks_around_an_attribution_are_two_quotes():
    from monitor.nlp.quotes import find_quotes

    text = (
        '"People are not coming for jobs, they are fleeing the war in their towns,\u201d '
        "the director said. \u201cCalling them economic migrants is simply wrong and "
        'it hurts them."\n'
    )
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == [
        "People are not coming for jobs, they are fleeing the war in their towns,",
        "Calling them economic migrants is simply wrong and it hurts them.",
    ]


def test_a_title_case_headline_about_a_speech_is_no_speech_page():
    text = (
        "Speech by Merkel Sparks Outrage\n\nBERLIN - The chancellor's remarks on "
        'asylum drew sharp criticism on Tuesday. "This is a dangerous signal," said an '
        "opposition leader.\n"
    )
    assert speech_turn(text, ROLE_WORDS) is None


def test_a_relative_speaks_for_themselves_not_for_the_person_named(analyzer):
    text = (
        "Rami Haddad drowned off Lesbos in October. Rami Haddad's sister says Sweden has "
        "approved her application to bring the rest of the family to Malmo."
    )
    claim = by_content(statements(analyzer, text), "Sweden has approved")
    assert claim["speaker"] == "Rami Haddad's sister"


def test_the_relative_of_a_named_person_speaks_and_an_apposed_name_is_the_relative(
    analyzer,
):
    text = (
        "Rami Haddad drowned off Lesbos in October. The aunt of Rami Haddad says Sweden "
        "has approved her application to bring the family to Malmo. The boy's uncle, "
        "Karim Haddad, said the family was relieved."
    )
    found = statements(analyzer, text)
    assert by_content(found, "Sweden has approved")["speaker"] == "aunt of Rami Haddad"
    assert by_content(found, "the family was relieved")["speaker"] == "Karim Haddad"


def test_words_quoted_inside_a_report_belong_to_its_verb_not_to_the_next_one(analyzer):
    text = (
        'Human Rights Watch said the coastguard was "turning a blind eye to drownings" '
        "and called for an independent inquiry into the deaths off Crete."
    )
    found = statements(analyzer, text)
    quote = by_content(found, "turning a blind eye")
    assert quote["speaker"] == "Human Rights Watch"
    assert quote["cue"] == "said"
    demand = by_content(found, "an independent inquiry")
    assert demand["speaker"] == "Human Rights Watch"


def test_the_quote_index_answers_as_a_scan_of_every_quote_would():
    quotes = [Quote(5, 12), Quote(20, 40), Quote(41, 43), Quote(60, 90)]
    index = QuoteIndex(quotes)
    for start, end in [(0, 100), (10, 21), (13, 19), (38, 42), (42, 70), (95, 99), (0, 5)]:
        scanned = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
        assert index.covered(start, end) == scanned
    assert [p for p in range(0, 100) if p in index] == [
        p for p in range(0, 100) if any(q.start <= p < q.end for q in quotes)
    ]
