"""Speakers the text names only by a phrase: an office ("the interior minister"), a
body ("the Greek coast guard"), a group ("rights groups", "U.N. officials") or one
unnamed person ("said one shopkeeper").

Kept apart from the statement finder because these are questions about what a
noun phrase names, and which actor it becomes, not about speech.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.actor_types import apposition_type, guess_organisation_type, guess_type
from monitor.nlp.actors import Actor, ActorIndex
from monitor.nlp.back_references import body_named_before, country_owning
from monitor.nlp.countries import countries_between, country_near, names_people
from monitor.nlp.doc_cache import sentence_of, text_of
from monitor.nlp.first_names import gender_of_first_name
from monitor.nlp.gazetteer import CAPITAL_LABEL
from monitor.nlp.lexicon import (
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    ROLE_WORDS,
    STATE_NOUNS,
    UNNAMED_PEOPLE,
)
from monitor.nlp.office_holders import ministry_of
from monitor.nlp.people import NAME_GIVEN
from monitor.nlp.speaker_phrases import (
    GENERIC_BODY,
    GROUP_NOUNS,
    NO_SPEAKER,
    OFFICIAL_NOUNS,
    PART_WORDS,
    PEOPLE_NOUNS,
    body_of_place,
    could_speak,
    one_of_a_kind,
    speaker_fields,
)
from monitor.nlp.speech import age_of

PLURAL = frozenset({"NNS", "NNPS"})
LEAD_PARAGRAPHS = 3  # a news lead: its first paragraphs of prose
# What may name one of several groups sharing a noun: "U.S. and U.N.", "Greek and Turkish".
NAMING = frozenset({"PROPN", "ADJ"})
# "foreign aid experts": people who know the field speak for themselves, not an NGO.
EXPERT_NOUNS = frozenset({"expert", "analyst", "observer", "researcher", "academic", "scholar"})
ANONYMOUS = re.compile(
    r"anonymity|not authori[sz]ed|(?:asked|declined|wished) not to be (?:named|identified)|"
    r"who did not want to be named|on condition",
    re.I,
)


def in_the_lead(doc: Doc, position: int) -> bool:
    """Whether ``position`` lies in the first paragraphs of prose: lines that end a
    sentence (a headline, a dateline or a site's menu does not) are counted. Reads
    only as far as the lead goes, however long the text."""
    text = text_of(doc)
    start = prose = 0
    while prose < LEAD_PARAGRAPHS:
        end = text.find("\n", start)
        if end < 0 or end >= position:
            return True
        if text[start:end].rstrip().endswith((".", "?", "!", '"', "\u201d")):
            prose += 1
        start = end + 1
    return position < start


def shared_head_groups(subject: Token) -> list[str] | None:
    """ "U.S. and U.N. officials", "Greek and Turkish coast guard officers": names or
    nationalities joined by "and" in front of one plural noun name as many groups as
    there are of them, each with the rest of the phrase ("U.S. officials", "U.N.
    officials"); None otherwise ("search and rescue groups" is one kind of group)."""
    if subject.tag_ not in PLURAL:
        return None
    doc = subject.doc
    for modifier in subject.lefts:
        if modifier.dep_ not in {"compound", "nmod", "amod"} or modifier.pos_ not in NAMING:
            continue
        joined = [c for c in modifier.children if c.dep_ == "conj" and c.i < subject.i]
        if (
            len(joined) != 1
            or joined[0].pos_ not in NAMING
            or not any(c.lower_ == "and" for c in modifier.children if c.dep_ == "cc")
        ):
            continue
        second = joined[0]
        first = [t for t in doc[modifier.left_edge.i : modifier.i + 1]]
        rest = doc[second.right_edge.i + 1 : subject.i + 1].text
        own = doc[second.left_edge.i : second.right_edge.i + 1].text
        return [f"{' '.join(t.text for t in first)} {rest}", f"{own} {rest}"]
    return None


class PhraseSpeakers:
    """The part of the statement finder that turns a phrase into a speaker; it reads
    the finder's document, actors and the country the article is about."""

    doc: Doc
    actors: ActorIndex
    main_country: str | None
    adjectives: dict[str, str]
    introduced_by_office: set[str]
    first_named_as: dict[str, str]

    def _seat_country(self, subject: Token) -> str | None:
        """The country a body's noun is placed in by "in" and a country or its capital,
        after the noun or heading its clause ("In Lebanon, the government estimates")."""
        fronted = [child for child in subject.head.lefts if child.i < subject.i]
        places = [
            c
            for prep in (*subject.rights, *fronted)
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for c in prep.children
            if c.dep_ == "pobj"
        ]
        return next(
            (
                country
                for place in places
                if (country := country_near(self.doc, place.idx, place.idx + len(place)))
            ),
            None,
        )

    def _possessor_in_full(self, subject: Token, name: str) -> str:
        """ "Ms Ashdown's family said", Ruth Ashdown named before: the family of the
        person the text named in full, as a reader would cite it."""
        owner = next(
            (c for c in subject.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None
        )
        if owner is None:
            return name
        written = self.doc[owner.left_edge.i : owner.i + 1]
        person = self.actors.actor_for_span(written)
        if person is None or person.kind != "person" or written.text not in name:
            return name
        return name.replace(written.text, person.name, 1)

    def _new_speaker(self, subject: Token, span: Span) -> dict[str, Any]:
        """A speaker the document names only by office, body or group."""
        country_span = next(
            (
                c
                for c in countries_between(self.doc, span.start_char, span.end_char)
                if c.end <= span.end
            ),
            None,
        )
        country = country_span.id_ if country_span is not None else None
        # "The interior ministry in Berlin", "the government in Rome": the body of the
        # state seated there, though the phrase stops at its noun.
        seated_in = None if country_span is not None else self._seat_country(subject)
        country = country or seated_in
        # "the government of Khyber Pakhtunkhwa province, which borders Afghanistan":
        # the name stops before a relative clause or an aside.
        of_the_state = {
            w.i for t in span if t.dep_ == "poss" and t.lower_ in STATE_NOUNS for w in t.subtree
        }
        clause = {
            t.i for t in span for c in t.children if c.dep_ in {"relcl", "acl"} for t in c.subtree
        }
        cut = next(
            (t.i for t in span if t.text in {",", "(", "—", "–"} and t.i > subject.i), span.end
        )
        words = [
            t
            for t in span
            if t.dep_ != "det"
            # "his government", "their ministry": the body, not the pronoun; nor "the
            # (Central American) country's" of "the country's interior ministry" (keyed
            # with it below).
            and not (t.dep_ == "poss" and t.pos_ == "PRON")
            and t.i not in of_the_state
            and not t.is_punct
            and t.tag_ != "POS"
            and t.i not in clause
            and t.i < cut
            # "many returnees", "several officials": how many is not who.
            and not (t.lower_ in PART_WORDS and t.i < subject.i)
        ]
        if not words or not could_speak(words, subject):
            return dict(NO_SPEAKER)
        if country_span is not None and not words[0].i <= country_span.start <= words[-1].i:
            # "..., which borders Afghanistan": a country in an aside is not the body's.
            country_span = country = None
        # "Belgium's Asylum and Migration Minister": the office is the name, the country a field.
        if (
            country_span is not None
            and len(words) > len(country_span)
            and words[0].i == country_span.start
            and country_span.end < len(self.doc)
            and self.doc[country_span.end].tag_ == "POS"
        ):
            words = [t for t in words if t.i >= country_span.end]
        if not words:
            return dict(NO_SPEAKER)
        name = self.doc[words[0].i : words[-1].i + 1].text.replace("\u2019", "'")
        # "Another returnee, Habibullah, said": one name alone is still a person's.
        by_name = (
            person_name_missed(words)
            or _set_off_as_a_person(subject, words)
            or (
                all(t.ent_type_ == "PERSON" for t in words)
                and guess_organisation_type(name) == "other"
                # '"...," said Ja': an excerpt that ends in a name may have cut it short.
                and bool(text_of(self.doc)[words[-1].idx + len(words[-1]) :].strip())
            )
        )
        joint = shared_head_groups(subject)
        if joint is not None:
            # "U.S. and U.N. officials said": two groups speaking with one cue.
            name, country_span, country = " and ".join(joint), None, None
        if not by_name and joint is None:
            name = self._possessor_in_full(subject, name)
        written = name
        if country_span is None:
            name = body_of_place(name)  # "the government of Punjab province"
        if subject.tag_ in PLURAL and (
            subject.ent_type_ == "NORP"
            or country_span is not None
            and country_span.root == subject
            and names_people(country_span)
        ):
            # "Many Tunisians accuse ...": a nationality speaks as people, not the state;
            # "the Conservatives" as a party.
            kind, actor_type = "group", "party" if guess_type(name) == "party" else "other"
        elif joint is not None:
            kind, actor_type = "group", guess_type(joint[0])
        elif country_span is not None and [t.i for t in words] == list(
            range(country_span.start, country_span.end)
        ):
            # "Türkiye said ...": the country speaks through its government; so does
            # its capital ("Warsaw warned"), named as the government.
            kind, actor_type = "organisation", "government"
            if country_span.label_ == CAPITAL_LABEL and country in self.adjectives:
                name = f"{self.adjectives[country]} government"
        elif (
            GROUP_NOUNS.search(name)
            or subject.tag_ == "NNS"
            or subject.lemma_.lower() in OFFICIAL_NOUNS
        ):
            kind, actor_type = "group", guess_type(name)
            if (
                actor_type == "other"
                and re.search(r"\b(rights|humanitarian|aid|NGOs?|charit(?:y|ies))\b", name, re.I)
                and subject.lemma_.lower() not in EXPERT_NOUNS
            ):
                actor_type = "ngo"
        elif any(t.lower_ in ROLE_WORDS for t in words):
            kind, actor_type = "person", guess_type(name)
        elif by_name:
            kind, actor_type = "person", "other"
        elif (
            subject.tag_ == "NN"
            and (subject.lower_ in PEOPLE_NOUNS or one_of_a_kind(subject))
            or age_of(subject) is not None  # "a 17-year-old from Sudan"
        ):
            # "said one woman", "a young man said": one unnamed person, listed with the
            # groups (no one's name), whom "she" and "he" can still refer back to.
            kind, actor_type = "group", "other"
        else:
            kind, actor_type = "organisation", guess_organisation_type(name)
            if actor_type == "other":
                actor_type = guess_type(name)
            if actor_type == "other":
                # "Colombia's migration agency, Migración Colombia": what the aside calls it.
                written_name = self.doc[words[0].i : words[-1].i + 1]
                actor_type = apposition_type(written_name) or actor_type
        named = (
            body_named_before(name, span.start_char, self.actors, self.first_named_as)
            if kind != "person"
            else None
        )
        if named is not None and not (seated_in and named.country not in (None, seated_in)):
            return speaker_fields(named)
        if kind == "person" and (earlier := self._described_again(subject, span)) is not None:
            return speaker_fields(earlier)
        if country is None and of_the_state:
            # "the nation's migration agency", "the country's foreign minister": of the
            # country the sentence before is about, else the article's.
            country = country_owning(span) or self.main_country
            if country in self.adjectives:
                name = f"{self.adjectives[country]} {name[0].lower()}{name[1:]}"
        minister = (
            self.actors.latest_minister_before(span.start_char)
            if name.lower() == "ministry"
            else None
        )
        if minister is not None:
            # "The ministry said", after "Interior Minister Aydemir": his ministry.
            name = ministry_of(minister.role) or name
            country = country or minister.country
        if (
            kind != "person"
            and (country is None or seated_in)
            and GENERIC_BODY.fullmatch(name.lower())
        ):
            # "the government", "the interior ministry": this country's, never one
            # actor shared by every country's government.
            country = country or country_owning(span) or self.main_country
            if country in self.adjectives:
                name = f"{self.adjectives[country]} {name[0].lower()}{name[1:]}"
        role = name if kind == "person" and not by_name else None
        if by_name and subject.i < span.start and subject.lower_ in ROLE_WORDS:
            # "Minister for Health Stephen Donnelly": the office before the name.
            role = self.doc[subject.i : span.start].text
            actor_type = guess_type(role)
        actor = self.actors.add_speaker(
            name, kind, actor_type, span.start_char, role=role, country=country
        )
        self.first_named_as.setdefault(actor.id, written)
        # "A top U.N. refugee official has criticized ...": a lead that introduces
        # someone by office, to name them a paragraph later (not an anonymous source).
        # "Manitoba's chief public health officer says ...": an office of a place that
        # opens the story, the holder named in a later paragraph, is introduced so too.
        place_office = (
            subject.lower_ in ROLE_WORDS
            and sentence_of(subject).start == 0
            and any(t.dep_ == "poss" and t.ent_type_ == "GPE" for t in subject.lefts)
        )
        # "..., its deputy head told AFP": the body's office, its holder named next.
        body_office = subject.lower_ in ROLE_WORDS and any(
            t.dep_ == "poss" and t.lower_ in {"its", "their"} for t in subject.lefts
        )
        if (
            subject.tag_ == "NN"
            # "A man from Iraqi Kurdistan said": someone speaking for themselves, whom
            # the story leaves unnamed; whoever it names next is someone else.
            and subject.lower_ not in UNNAMED_PEOPLE
            and (
                any(t.dep_ == "det" and t.lower_ in {"a", "an"} for t in subject.lefts)
                # Past the lead, "a deputy attorney general told the court" is an
                # unnamed source, not someone the next paragraph names.
                and in_the_lead(self.doc, subject.idx)
                or place_office
                or body_office
            )
            and not ANONYMOUS.search(sentence_of(subject).text)
        ):
            self.introduced_by_office.add(actor.id)
        return speaker_fields(actor)

    def _described_again(self, subject: Token, span: Span) -> Actor | None:
        """ "Johansson said ... The commissioner said": an office written with "the" and
        no name, that no one here is given, refers back to the person last named, close
        before, whose office the text does not say otherwise."""
        if not (
            subject.lower_ in ROLE_WORDS
            and any(t.dep_ == "det" and t.lower_ == "the" for t in subject.lefts)
        ):
            return None
        earlier = self.actors.latest_person_before(span.start_char)
        if earlier is None or not any(
            0 < span.start_char - p <= DESCRIBED_AGAIN_REACH for p in earlier.positions
        ):
            return None
        if earlier.role is None or subject.lower_ in MEMBER_TITLES:
            return earlier
        return earlier if subject.lower_ in earlier.role.lower() else None


# How far back the person an office refers back to may be last named: a paragraph of
# their quotes and its attribution ("he said") can stand between (600 left "The Green
# Party TD acknowledged" 695 characters after the minister's name without him).
DESCRIBED_AGAIN_REACH = 800
# Seats in a legislature, which ministers and party leaders hold too: "the Green Party
# TD" after "Minister for Integration Roderic O'Gorman" is the minister.
MEMBER_TITLES = frozenset({"mp", "td", "msp", "mla", "mpp", "mep", "senator", "lawmaker"})
MAX_MISSED_NAME_WORDS = 4


def _set_off_as_a_person(subject: Token, words: list[Token]) -> bool:
    """ "Ibrahima (not his real name), a 19-year-old from Guinea, said": a name the
    tagger took for a place or a body is a person's when the aside says who they are."""
    if not all(t.pos_ == "PROPN" for t in words):
        return False
    # So is a name someone gave ("a man who gave his name only as Andrés said").
    sentence = sentence_of(subject)
    given = NAME_GIVEN.search(text_of(subject.doc), sentence.start_char, words[-1].idx + 1)
    return (
        given is not None
        and given.start("name") == words[0].idx
        or any(
            child.dep_ == "appos"
            and (child.lower_ in PEOPLE_NOUNS or child.lower_ in PERSON_NOUNS or age_of(child))
            for child in subject.children
        )
    )


def person_name_missed(words: list[Token]) -> bool:
    """ "Isabelle Caron, a political scientist at ..., said": a name the NER did not
    tag, read as a person's when it is a short run of proper nouns opening with a
    first name the name registers know."""
    name = " ".join(t.text for t in words)
    return (
        2 <= len(words) <= MAX_MISSED_NAME_WORDS
        and all(t.pos_ == "PROPN" and t.is_title for t in words)
        and gender_of_first_name(name) is not None
        and ORGANISATION_WORDS.search(name) is None
    )
