"""What a figure belongs to: its country, and the clause it sits in.

A figure's country is where the counted people are or are going, read off the
parse of the figure's own clause (other clauses hanging off it, at any depth, are
left out): a list item takes its own country; a place phrase on the figure's verb
or counted noun ("arrived in Italy", "applications in Spain") or a national
adjective on a place ("on Greek islands") gives it, but not one that describes
another noun ("fled the fighting in Myanmar") nor one people left ("returned from
Libya"); a country the clause is said of ("France received", "the Italian coast
guard rescued") gives it; people returned take their nationality; coordinated
countries ("in Syria and Jordan"), a bloc or the world give none. A sentence that
names no place goes on in the place of the sentences before it in its paragraph.
A nationality alone ("Afghan refugees", "Jordanians (2,210)") says who is counted,
not where. Money goes to the state that receives it; with none named, only what a
state's own body spends ("The Home Office spent") takes the article's country. The
year is read in :mod:`monitor.nlp.figure_year`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from monitor.nlp.countries import countries_between, names_people
from monitor.nlp.doc_cache import (
    earlier_in_paragraph,
    entities_within,
    entity_at,
    sentence_of,
    text_of,
)
from monitor.nlp.figure_lists import governor_of, list_item_country, number_placed, origin_items
from monitor.nlp.figure_money import (
    INSTITUTIONS,
    STATE_AGENTS,
    beneficiary,
    paid_to,
    receiving_state,
    state_spending,
)
from monitor.nlp.places import places_between

YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


# A figure about a bloc or the world belongs to no country.
BLOC = re.compile(
    # "non-EU workers" come from outside the bloc: they say nothing of its scope.
    r"(?<![Nn]on-)\b(?:EU\+?|E\.U\.|European Union|Europe|EU-wide|bloc|[Mm]ember [Ss]tates|"
    r"[Ww]orldwide|world|global(?:ly)?|industrial(?:i[sz]ed)? (?:countries|nations|states)|"
    r"the region|across (?:the )?(?:continent|region)|Mediterranean|external borders?|"
    # "displaced within their own countries", "refugees in neighbouring countries":
    # people spread over several states.
    r"(?:their own|their home|neighbou?ring|several|many|host|\d+) countries)\b"
)
LOCATIVE = frozenset(
    {"in", "to", "into", "inside", "within", "at", "across", "reached", "entered", "off"}
    | {"towards", "toward"}
)


def country_of(
    doc: Doc, span: Span, default_country: str | None, kind: str = "count"
) -> str | None:
    sentence = sentence_of(span[0])
    span_tokens = {t.i for t in span}
    nationalities = {t.i for ent in entities_within(sentence) if ent.label_ == "NORP" for t in ent}
    begin, end = _after_dateline(doc, sentence), sentence.end_char
    # "who arrived on Crete": a place inside a state says where, as the state's name would.
    named = sorted(
        countries_between(doc, begin, end) + places_between(doc, begin, end),
        key=lambda c: c.start,
    )
    # "Colombians (13 380), Bangladeshis (9 600)": people, whatever the NER says.
    nationalities |= {t.i for c in named if names_people(c) for t in c}
    # "Afghan refugees", "Iraqi applications": a nationality says who is counted,
    # not where; the figure belongs to where they are or are going. "On Greek
    # islands", "in an Ethiopian camp": an adjective of a place where people are
    # names that place's country; one on a state's body ("the Turkish coastguard",
    # "Spanish officials") names the state.
    text = text_of(doc)
    # "the Warsaw-based agency": where a body sits, not where the figure is.
    # "French-speaking immigrants": a language, not a place.
    named = [c for c in named if not text.startswith(("-based", "-speaking"), c.end_char)]
    # "Most came from Syria (2 140), Afghanistan (1 585)" too, but not the places the
    # same sentence lists next ("and were registered in Germany (1 930)").
    nationalities |= {t.i for c in origin_items(named, sentence, text) for t in c}
    countries = [
        c
        for c in named
        if not any(t.i in nationalities for t in c)
        or (_place_adjective(c) or _of_a_state_body(c))
        and not _on_the_figure_noun(c, span)
    ]
    # A place said of another number of the sentence is that number's, not this one's.
    placed = {c.start: number_placed(c) for c in countries}
    own = [c for c in countries if placed[c.start] is not None and placed[c.start].i in span_tokens]
    elsewhere = {c.id_ for c in countries if placed[c.start] is not None}
    free = [c for c in countries if placed[c.start] is None]
    if not own and not free and len(elsewhere) > 1:
        return None  # "7.7 million, with 4.5 million in Iran and 3.2 million in Pakistan"
    countries = own or free or countries
    listed = list_item_country(countries, span, text)
    if listed is not None:
        return listed
    # "988,000 EU asylum requests", "the bloc's 1.1 million applications": the counted
    # noun itself says the figure is the bloc's, whatever place the clause names. Not
    # money: "the EU's €7.4 billion partnership with Egypt" is paid to Egypt.
    if kind != "money" and _bloc_counted(span):
        return None
    clause = clause_of(span)
    returned = _returned_home(doc, span, clause)
    if returned:
        return returned
    # "deported from South Africa", "returned from Yemen": where the people left is
    # not where the figure belongs.
    countries = [
        c for c in countries if governor_of(c).lower_ not in {"from", "of"} and not _left_from(c)
    ]
    # "apprehended 221,000 people at the border with Mexico": the neighbour across a
    # border is not the side the people were counted on.
    countries = [c for c in countries if not _across_a_border(c)]
    # "an influx of 12,000 refugees escaping the fighting in Myanmar": a place that
    # describes another noun is not where the figure is, nor a candidate for it.
    countries = [
        c
        for c in countries
        if c.root.i not in clause.tokens
        or governor_of(c).lower_ not in LOCATIVE
        or _on_the_figure(governor_of(c), clause)
    ]
    located = [
        c
        for c in countries
        if c.root.i in clause.tokens
        and (
            governor_of(c).lower_ in LOCATIVE
            # "held 1,193 people on Nauru": "on" a state, hung on the verb ("talks on
            # Afghanistan" are about it).
            or governor_of(c).lower_ == "on"
            and governor_of(c).head.pos_ in VERBAL
            or _headed_for(governor_of(c))
            or c.root.head.lower_ in {"'s", "’s"}
            or _place_adjective(c)
            or c.root.dep_ in {"amod", "poss"}
            and c.root.head.i in {t.i for t in span.root.head.subtree}
        )
    ]
    # "189 migrants who crossed to Greece were returned to Turkey": a place in a relative
    # clause on the counted people says where they were, the verb's where they went.
    located = [c for c in located if not _in_relative_clause(c, span)] or located
    if located:
        nearest = min(located, key=lambda c: abs(c.start_char - span.start_char))
        # "in Syria and Jordan", "fled to Jordan, Lebanon, Iraq and Turkey": people
        # spread over several countries belong to none of them.
        if _coordinated(nearest, named):
            return None
        return nearest.id_
    # "France received 11,900 applications", "Germany registered 34,000": the country
    # the figure's verb is said of. Not for returns: a state that deports people is
    # not where they are going.
    # "Italy's coast guard rescued 120", "Italian authorities registered 52,000": the
    # state whose institution the subject is.
    holders = [
        c
        for c in named
        if c.root.i in clause.subjects
        and clause.verb >= 0
        and doc[clause.verb].lemma_.lower() not in RETURN_VERBS
        and (
            # "France, which received 158,000": the noun a relative clause describes.
            (c.root.dep_ in SUBJECTS or c.root.i == doc[clause.verb].head.i)
            and not any(t.i in nationalities for t in c)
            or c.root.dep_ in {"poss", "amod", "compound"}
            and (c.root.head.dep_ in SUBJECTS or c.root.head.i == doc[clause.verb].head.i)
            and c.root.head.lemma_.lower() in INSTITUTIONS
        )
    ]
    if holders and kind != "money":
        # "Germany, Spain, Italy and France together received 61 per cent": several.
        return None if _coordinated(holders[0], named) else holders[0].id_
    if kind == "money":
        # Money belongs to the state that receives it, named as such, whoever pays:
        # "EUR 91 million was granted to support the Libyan Coast Guard", "the EU's
        # €1 billion package for Lebanon"; else to the one place its sentence names
        # ("cost Italy about €670 million").
        counted = _counted_noun(span)
        receiving = (
            receiving_state(named, clause.tokens | clause.left_out, clause.subjects)
            or beneficiary(countries, counted)
            or paid_to(countries, counted)
        )
        if receiving:
            return receiving
    if BLOC.search(clause.text):
        return None
    # "peaked at 150,000 in 2005, when ... resettlements, mostly to the United States":
    # a country only in a clause hanging off the figure's is not the figure's. One in
    # a clause above it stays ("Italy's ministry said 52,000 arrived").
    distinct = {c.id_ for c in countries if c.root.i not in clause.left_out}
    if distinct and len(distinct) > 1 or not distinct and BLOC.search(sentence.text):
        return None
    if distinct:
        fallback = distinct.pop()
    elif kind == "money" and not state_spending(doc, clause.verb, clause.subjects):
        # A sum in a sentence that names no country goes on in the place of the
        # sentences before it in its paragraph, but does not fall to the article's
        # country: it is as often an agency's or a bloc's ("half of the $261 million
        # it needs"). What a state's own body spends is that state's.
        return _place_before(sentence, None) if not countries else None
    elif countries:
        # The sentence names a place, only in a clause that is not the figure's: it
        # does not go on about an earlier sentence's place.
        fallback = default_country
    else:
        fallback = _place_before(sentence, default_country)
    # "8,500 applications were submitted by Iraqis", "the number of Iraqi asylum
    # seekers might reach 40,000": people named by their nationality are counted away
    # from their country; a clause that does not say where they are (the country
    # comes from a clause above it, an earlier sentence or the article) gives none
    # rather than their own country.
    # People going home ("300 Afghans returned") are counted in their own country.
    if (
        fallback is not None
        and not _verbs_of(doc, clause) & RETURN_VERBS
        and fallback in _nationalities_in(doc, clause, nationalities)
    ):
        return None
    return fallback


PARAGRAPH_REACH = 3000  # characters: longer than nearly every news paragraph


def placed_only_in(country: str, doc: Doc, whole: str, span: Span) -> bool:
    """The figure's paragraph names no country but ``country``, no place of another
    and no bloc, and its sentence no nationality ("8,500 Iraqis" are counted away
    from home)."""
    # (A paragraph is read at most PARAGRAPH_REACH either side: text without line
    # breaks would otherwise be read whole for every figure.)
    low = max(0, span.start_char - PARAGRAPH_REACH)
    start = whole.rfind("\n", low, span.start_char) + 1 or low
    end = whole.find("\n", span.end_char, span.end_char + PARAGRAPH_REACH)
    end = min(len(whole), span.end_char + PARAGRAPH_REACH) if end < 0 else end
    named = countries_between(doc, start, end) + places_between(doc, start, end)
    return not (
        any(place.id_ != country for place in named)
        or BLOC.search(whole[start:end])
        or any(t.ent_type_ == "NORP" for t in sentence_of(span[0]))
    )


# "CAIRO —", "STRASBOURG, France (Reuters) -": where the report was filed, at the head
# of its first sentence; it says nothing of where a figure of that sentence is.
DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .'-]+)?(?:\s*\([^)]*\))?\s*[—–-]+\s")


def _after_dateline(doc: Doc, sentence: Span) -> int:
    """Where the sentence's own words start, after a dateline that heads it."""
    match = DATELINE.match(text_of(doc), sentence.start_char)
    return match.end() if match and match.end() < sentence.end_char else sentence.start_char


def _nationalities_in(doc: Doc, clause: Clause, nationalities: set[int]) -> set[str]:
    """The countries of the people named by nationality in the figure's clause:
    "Iraqis", "Iraqi asylum seekers"; not a state's agents ("Italian authorities",
    "Greek coastguard officers") nor a thing ("Swedish citizenship")."""
    return {
        c.id_
        for c in countries_between(doc, clause.start, clause.end)
        if c.root.i in clause.tokens
        and any(t.i in nationalities for t in c)
        and (
            c.root.dep_ != "amod"
            or c.root.head.tag_ in PLURAL_NOUN_TAGS
            and not {c.root.head.lemma_.lower(), c.root.head.lower_} & STATE_AGENTS
        )
    }


PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})


def _counted_noun(span: Span) -> Token:
    """The noun a figure counts ("34,000 applications"), or the figure itself when it
    stands alone ("reached 34,000")."""
    return span.root.head if span.root.dep_ in NUMBER_DEPS else span.root


def _on_the_figure_noun(country: Span, span: Span) -> bool:
    """ "a 95% reduction in Albanian arrivals", "a rise of 18 percent in Afghan
    applications": the phrase after the figure's own noun says what rose or fell, so
    its national adjective says who, not where."""
    counted = _counted_noun(span)
    preposition = country.root.head.head
    return preposition.dep_ == "prep" and preposition.head.i in {counted.i, span.root.i}


# Words of setting out, after which "for" names where people are going: "left Sudan
# for eastern Chad", "a boat bound for Italy", "headed for Greece".
SETTING_OUT = frozenset("leave flee head depart sail bound set embark".split())


def _headed_for(governor: Token) -> bool:
    return governor.lower_ == "for" and governor.head.lemma_.lower() in SETTING_OUT


def _left_from(country: Span) -> bool:
    """ "refugees from Sudan's Darfur Province": a country deeper inside a phrase of
    where people left, up to the noun or verb it describes."""
    token = country.root.head
    for _ in range(4):
        if token.lower_ == "from" and token.dep_ == "prep":
            return True
        if token.pos_ in {"VERB", "AUX"} or token.dep_ in {"nsubj", "nsubjpass", "dobj", "ROOT"}:
            return False
        token = token.head
    return False


def _in_relative_clause(country: Span, span: Span) -> bool:
    """The country sits in a relative clause on the figure's counted noun."""
    counted = _counted_noun(span)
    token = country.root
    while token.head.i != token.i:
        if token.dep_ == "relcl":
            return token.head.i == counted.i
        token = token.head
    return False


def _bloc_counted(span: Span) -> bool:
    """The figure's counted noun carries the bloc's or the world's name as its modifier
    ("EU asylum requests", "global displacement")."""
    counted = _counted_noun(span)
    return counted.i not in range(span.start, span.end) and any(
        child.dep_ in {"compound", "amod", "poss"} and BLOC.fullmatch(child.text)
        for child in counted.lefts
    )


def _on_the_figure(governor: Token, clause: Clause) -> bool:
    """A place phrase says where the figure is when it hangs on a verb, on the figure's
    own chain up to its verb, or on a noun hanging on that chain ("a rise of 18 percent
    in arrivals in Italy"), or on the subject; not when it describes another noun
    ("fled the fighting in Myanmar", "the war in Syria")."""
    if governor.pos_ in VERBAL:
        return True  # "reached Italy", "entered Greece"
    holder = governor.head
    if holder.pos_ in VERBAL | {"ADV"} or holder.i in clause.chain or holder.i in clause.subjects:
        return True  # "arrived in Italy", "sent back to Myanmar", "applications in Spain"
    # A chain of place and purpose phrases ("selected for transfer to Malaysia") and the
    # object of the figure's own verb ("opened a camp in Chad for 20,000 refugees") go
    # on about the figure; the object of another verb ("refugees escaping the fighting
    # in Myanmar") is another thing.
    return holder.dep_ == "pobj" or holder.head.i == clause.verb


# Prepositions of where people are or are taken: "on Greek islands", "in an Ethiopian
# camp", "to the Italian port of Ancona".
PLACE_PREPOSITIONS = frozenset({"in", "on", "at", "into", "inside", "within", "off"}) | {
    "to",
    "towards",
}


def _place_adjective(country: Span) -> bool:
    """ "landing on Greek islands", "in an Ethiopian refugee camp": a national
    adjective on the object of a preposition of place names the place, not who is
    counted."""
    root = country.root
    noun = root.head
    return root.dep_ == "amod" and noun.dep_ == "pobj" and noun.head.lower_ in PLACE_PREPOSITIONS


def _of_a_state_body(country: Span) -> bool:
    """ "the Turkish coastguard", "Libyan forces", "Spanish officials": a national
    adjective on a state's body or agents names the state that acts."""
    root = country.root
    return root.dep_ in {"amod", "compound"} and bool(
        {root.head.lemma_.lower(), root.head.lower_} & STATE_AGENTS
    )


def _across_a_border(country: Span) -> bool:
    """ "the border with Mexico", "the land border with Northern Ireland"."""
    governor = governor_of(country)
    return governor.lower_ == "with" and governor.head.lemma_.lower() in {"border", "frontier"}


def _coordinated(country: Span, named: list[Span]) -> bool:
    """Another country is coordinated with this one: "in Syria and Jordan"."""
    conjuncts = {t.i for t in country.root.conjuncts}
    return any(other.root.i in conjuncts for other in named if other.id_ != country.id_)


# How many sentences back a sentence that names no place may continue the place of
# an earlier one in the same paragraph.
LOOKBACK_SENTENCES = 3


def _place_before(sentence: Span, default: str | None) -> str | None:
    """ "Italy published its figures on Monday. Arrivals reached 52,000.": a sentence
    that names no place continues the ones before it in its paragraph. The nearest of
    them that names one country gives it; one that names a bloc, a sea or the world and
    no country keeps the article's country off the figure ("... crossings of the
    Mediterranean. In 2022, 2 406 persons died")."""
    doc = sentence.doc
    for previous in earlier_in_paragraph(sentence, LOOKBACK_SENTENCES):
        # "13,565 are from Nigeria": where people come from is no place to go on in.
        named = [
            c
            for c in countries_between(doc, previous.start_char, previous.end_char)
            + places_between(doc, previous.start_char, previous.end_char)
            if governor_of(c).lower_ != "from"
        ]
        if named:
            places = {c.id_ for c in named if not _is_nationality(c)}
            return places.pop() if len(places) == 1 else default
        if BLOC.search(previous.text):
            return None
    return default


def _is_nationality(country: Span) -> bool:
    """ "Afghan refugees": a national adjective or noun, not a place."""
    return _names_people(country) and not _place_adjective(country)


def _names_people(country: Span) -> bool:
    """ "Afghan", "Syrians": a nationality, by the NER or by a plural demonym."""
    entity = entity_at(country[0])
    return entity is not None and entity.label_ == "NORP" or names_people(country)


# The subject of a sum's clause that makes it a state's spending: "The Home Office
# spent £2.1 billion", "the federal government paid the states €3.75 billion".
RETURN_VERBS = frozenset("return deport repatriate expel remove send go come".split())
RETURN_NOUNS = frozenset("return deportation repatriation expulsion removal".split())


def _verbs_of(doc: Doc, clause: Clause) -> set[str]:
    """The lemmas of the verbs of a figure's clause."""
    return {doc[i].lemma_.lower() for i in clause.tokens if doc[i].pos_ in VERBAL}


def _returned_home(doc: Doc, span: Span, clause: Clause) -> str | None:
    """ "17,000 Zimbabweans have been deported", "300 Ethiopian migrants returned": people
    sent or going home belong to the country of their nationality; "" when they are of
    several ("15 Sri Lankan, Iraqi and Pakistani refugees"): where they are sent from
    or to then decides. None when no nationality is named."""
    head = span.root.head if span.root.dep_ in {"nummod", "quantmod"} else span.root
    # "1,800 deportations of Syrian refugees": the return named by its noun.
    if not _verbs_of(doc, clause) & RETURN_VERBS and head.lemma_.lower() not in RETURN_NOUNS:
        return None
    phrase = {t.i for t in head.subtree} | {head.i}
    first, last = doc[min(phrase)], doc[max(phrase)]
    homes = {
        country.id_
        for country in countries_between(doc, first.idx, last.idx + len(last))
        if country.start in phrase and _names_people(country)
    }
    if len(homes) > 1:
        return ""
    return homes.pop() if homes else None


# Dependents that open a clause of their own: what they say is not said of the figure
# unless the figure sits inside them ("the consortium says, when ... mostly to the
# United States"; "with 80 percent landing on Greek islands").
SUBCLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "acl", "pcomp"})
VERBAL = frozenset({"VERB", "AUX"})
# How a number hangs on the noun it counts: "34,000 applications".
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod"})


SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


def _opensclause_of(token: Token, top: Token) -> bool:
    if token.dep_ == "conj":
        # "have been screened and accepted for resettlement in the U.S.": a verb
        # sharing the figure's subject goes on about the same people.
        has_subject = any(child.dep_ in SUBJECTS for child in token.children)
        return (token.head.i == top.i or token.pos_ in VERBAL) and (
            has_subject or token.pos_ not in VERBAL
        )
    if token.dep_ == "pcomp":
        # "with 80 percent landing on Greek islands" has a subject of its own; "by
        # intercepting their boat in 2024" goes on about the figure's event.
        return token.pos_ in VERBAL and any(child.dep_ in SUBJECTS for child in token.children)
    return token.dep_ in SUBCLAUSE_DEPS and (token.head.i == top.i or token.pos_ in VERBAL)


class Clause(NamedTuple):
    """The clause a figure sits in: its character range, the tokens it keeps (the
    range may enclose clauses that were left out) and their text."""

    start: int
    end: int
    tokens: frozenset[int]
    text: str
    # Clauses hanging off the figure's own clause and left out of it (coordinate
    # clauses, "..., but Italy and Greece remain under pressure", are not among them).
    left_out: frozenset[int] = frozenset()
    # The figure's own tokens up to its verb, and the verb's subjects.
    chain: frozenset[int] = frozenset()
    subjects: frozenset[int] = frozenset()
    verb: int = -1


def clause_of(span: Span) -> Clause:
    """The clause a figure sits in: its verb's subtree, without other clauses hanging
    off it at any depth. A clause that describes the counted noun itself ("4,000
    refugees who fled to Jordan") stays in."""
    verb = span.root
    while verb.pos_ not in VERBAL and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in VERBAL:
        sentence = sentence_of(span[0])
        indices = frozenset(range(sentence.start, sentence.end))
        return Clause(sentence.start_char, sentence.end_char, indices, sentence.text)
    counted = _counted_noun(span)
    if counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head.pos_ == "NOUN":
        counted = counted.head.head  # "the record of 46,000 set in 2024"
    phrase = {t.i for t in counted.subtree}
    # "Applications lodged in industrial countries rose 12 percent": the subject is
    # what a figure of the verb counts.
    subjects = _subject_tokens(verb)
    phrase |= subjects
    skip: set[int] = set()
    coordinate: set[int] = set()
    for token in verb.subtree:
        if token.i == verb.i or token.i in skip:
            continue
        if token.dep_ in {"acl", "relcl"} and token.head.i in phrase:
            continue  # "91 percent of migrants arriving in Greece": says what is counted
        if not _opensclause_of(token, verb):
            continue
        subtree = list(token.subtree)
        if subtree[0].i <= span.root.i <= subtree[-1].i:
            continue
        skip.update(t.i for t in subtree)
        if token.dep_ == "conj":
            coordinate.update(t.i for t in subtree)
    tokens = [t for t in verb.subtree if t.i not in skip]
    return Clause(
        tokens[0].idx,
        tokens[-1].idx + len(tokens[-1]),
        frozenset(t.i for t in tokens),
        "".join(t.text_with_ws for t in tokens),
        frozenset(skip - coordinate),
        _chain(span.root, verb),
        subjects,
        verb.i,
    )


def _subject_tokens(verb: Token) -> frozenset[int]:
    """The verb's subjects; a coordinated verb without its own shares the first verb's
    ("Tunisia's National Guard intercepted or rescued 62,000 people"), and a relative
    pronoun stands for the noun its clause describes ("the Mauritanian coastguard,
    which intercepted 9,000 people")."""
    own = [child for child in verb.children if child.dep_ in SUBJECTS]
    # "France has offered to take 2,150 people": an infinitive is said of the subject
    # of the verb that governs it.
    while (
        not own and verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in VERBAL
        and verb.head.i != verb.i
    ):
        verb = verb.head
        own = [child for child in verb.children if child.dep_ in SUBJECTS]
    if verb.dep_ == "relcl" and any(child.lower_ in RELATIVE_PRONOUNS for child in own):
        noun = verb.head  # the noun and what stands before it, not the clause itself
        return frozenset(range(noun.left_edge.i, noun.i + 1))
    return frozenset(t.i for child in own for t in child.subtree)


RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})


def _chain(token: Token, verb: Token) -> frozenset[int]:
    """The token and its heads up to ``verb``."""
    chain = {token.i}
    while token.i != verb.i and token.head.i != token.i:
        token = token.head
        chain.add(token.i)
    return frozenset(chain)
