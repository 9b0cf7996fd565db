"""Speakers and non-statements as general news writes them, beyond any one beat.

* "Hydro-Québec will raise rates, the utility said": a definite body noun names
  again the organisation named last in its paragraph.
* '"...," the 24-year-old said': a definite description by age refers back to a
  person, as "he" or "she" would.
* 'Holland was blunt: "We will not back down."': a quote a colon opens, after a
  clause about a named person, is theirs.
* "A senior opposition leader said": an indefinite office is someone new.
* "A man who asked to be identified only as Emeka said": the name the description
  gives is the speaker's.
* Not statements: questions put to a speaker ("Asked whether ...", "I asked him how
  many ..."), and what a thing "threatened" or "suggested" in a relative clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from monitor.nlp.actor_filters import kind_fits
from monitor.nlp.actor_types import guess_organisation_type
from monitor.nlp.actors import Actor, ActorIndex
from monitor.nlp.back_references import BARE_HEAD_WINDOW
from monitor.nlp.countries import countries_between
from monitor.nlp.doc_cache import (
    entities_starting_between,
    entities_within,
    entity_at,
    sentence_of,
    text_of,
)
from monitor.nlp.group_speakers import names_a_speaker
from monitor.nlp.lexicon import COMPANY_WORDS, ROLE_WORDS
from monitor.nlp.people import NAME_GIVEN
from monitor.nlp.quotes import Quote
from monitor.nlp.speaker_phrases import (
    BODY_NOUNS,
    COMPANY_NOUNS,
    GROUP_NOUNS,
    PEOPLE_NOUNS,
)
from monitor.nlp.speakers import FEMALE_NOUNS, MALE_NOUNS
from monitor.nlp.speech import age_of

MAX_DESCRIBED_WORDS = 5  # "the", a describing phrase ("Toronto-based") and the noun
# People who speak for their body as one: "the team from SeaLink Watch said".
STAFF_NOUNS = frozenset({"team", "staff", "crew"})


def body_of_staff(subject: Token) -> Token:
    """The body a team speaks for, or the subject itself: "the team from
    SeaLink Watch explained", "the NGO's team said" (news gives the
    body as the speaker). A team with no body named stays a team."""
    if subject.lower_ not in STAFF_NOUNS:
        return subject
    for child in subject.children:
        if child.dep_ == "poss" and child.pos_ in {"NOUN", "PROPN"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "of", "at"}:
            body = next((c for c in child.children if c.dep_ == "pobj"), None)
            if body is not None and body.ent_type_ == "ORG":
                return body
    return subject


def body_named_again(
    doc: Doc,
    subject: Token,
    span: Span,
    actors: ActorIndex,
    in_dateline: Callable[[int], bool],
) -> Actor | None:
    """ "Hydro-Québec will raise rates, the utility said", "the league announced": a
    definite body noun with nothing else names the organisation named last (within
    ``BARE_HEAD_WINDOW`` and the paragraph, not in a dateline), as news names a body
    once and then by what it is."""
    words = [t for t in span if not t.is_punct]
    # "the company", or described: "the Toronto-based miner", "the Danish carrier".
    described = all(
        c.dep_ in {"det", "amod", "compound", "punct"}
        # "the GdP police union": a name, though the tagger may call it a noun.
        and not (c.dep_ == "compound" and (c.pos_ == "PROPN" or not c.is_lower))
        for c in subject.lefts
    )
    noun = subject.lower_
    if (
        noun not in BODY_NOUNS
        or not 2 <= len(words) <= MAX_DESCRIBED_WORDS
        or not described
        or words[0].lower_ not in {"the", "this"}
        or _named_by_place(subject)
    ):
        return None
    # "Nimbrel, the San Francisco software company, said ... The company denied": the
    # body the text itself called by this noun, though the tagger may not have read
    # its name as an organisation and another one was named since; else the
    # organisation named last.
    apposed = described_as(doc, noun, span.start_char)
    named = apposed or _organisation_named_last(doc, subject, span, len(words), in_dateline)
    actor = actors.actor_for_span(named) if named is not None else None
    if actor is not None and actor.kind == "person" and actor.name not in named.text:
        # "the Writers Guild of America West" is not the "Animation Guild" the tagger
        # took for a person, whose "surname" it shares.
        actor = None
    if actor is not None and noun in actor.name.lower() and not kind_fits(actor, noun):
        # "The union estimates", the European Union named last: not a body of that kind.
        actor = named = None
    if named is None:
        return _body_in_a_role(subject, actors)
    if actor is None:
        name = re.sub(r"^[Tt]he\s+", "", named.text.replace("\u2019", "'"))
        kind = guess_organisation_type(name)
        actor = actors.add_speaker(name, "organisation", kind, named.start_char)
    kind_named = _kind_name(noun)
    if actor.kind == "person" and (
        named is apposed or kind_named is not None and kind_named.search(named.text)
    ):
        # The tagger's guess, which the apposition or the name itself corrects.
        actor.kind = "organisation"
    return actor if actor.kind == "organisation" else None


def _organisation_named_last(
    doc: Doc, subject: Token, span: Span, length: int, in_dateline: Callable[[int], bool]
) -> Span | None:
    """The organisation named last before the body noun ``subject`` whose phrase
    ``span`` has ``length`` words, within ``BARE_HEAD_WINDOW``."""
    text = text_of(doc)
    # '"Workers at BHP's mine will not return ..., the union said': a body named in
    # what the noun's body says is not that body, unless it is what the report is of
    # ("Northlode Resources will cut 240 jobs, the company said").
    said = {
        t.i
        for c in subject.head.children
        if c.dep_ in REPORTED_DEPS
        for t in c.subtree
        if not _subject_of(t, c)
    }
    # "The national oil company said", paragraphs after "the Nigerian National Petroleum
    # Company Limited" and a road the tagger took for a body; "The hospital denied",
    # pages after "Lakeshore Regional Medical Center": a name that says it is a body of
    # the noun's kind, named last anywhere before, comes before a nearer one that does
    # not, whatever label the tagger gave it.
    kind = _kind_name(subject.lower_)
    if kind is not None:
        of_the_kind = next(
            (
                ent
                for ent in reversed(entities_starting_between(doc, 0, subject.idx))
                if ent.label_ in NAME_LABELS
                and ent.root.i not in said
                and ent.end <= span.start
                and not in_dateline(ent.start_char)
                and kind.search(ent.text)
                # "Mexico City" is a place, though its name ends like a club's.
                and not any(
                    place.end_char == ent.end_char
                    for place in countries_between(doc, ent.start_char, ent.end_char)
                )
            ),
            None,
        )
        if of_the_kind is not None:
            return of_the_kind
    # Else the organisation named last nearby.
    candidates = (
        ent
        for ent in reversed(
            entities_starting_between(doc, subject.idx - BARE_HEAD_WINDOW, subject.idx)
        )
        if ent.label_ == "ORG"
        and ent.root.i not in said
        and ent.end <= span.start  # not "Waterloo" of "the Waterloo-based company"
        and not in_dateline(ent.start_char)
        # "In an email to CBC News, a spokesperson for the province said": whom
        # words are sent to is not the body named again.
        and not (ent.root.dep_ == "pobj" and ent.root.head.lower_ == "to")
        # "in the Wuse area of Abuja": a name the tagger took for a body, on a
        # place's noun, is a place.
        and not (ent.root.dep_ == "compound" and ent.root.head.lower_ in PLACE_NOUNS)
        # In the same paragraph: a new one may be about another body. A body
        # described ("the Toronto-based miner"), or a company ("the company
        # said", paragraphs on), is named again across one.
        and (
            length > 2
            or subject.lower_ in COMPANY_NOUNS
            or "\n" not in text[ent.start_char : subject.idx]
        )
    )
    return next(candidates, None)


def _subject_of(token: Token, clause: Token) -> bool:
    """``token`` is the subject of ``clause``, or one of its conjuncts ("Halcyon Studios
    and the Writers Guild have reached a deal, the guild said")."""
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head == clause


def _kind_name(noun: str) -> re.Pattern[str] | None:
    """The words by which a name says it is a body of the noun's kind: the kind's
    own words, or the noun itself as a word of the name ("the guild" after the
    "Writers Guild of America West", "the commission" after the "Australian
    Competition and Consumer Commission")."""
    return KIND_NAMES.get("company" if noun in COMPANY_NOUNS else noun)


REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
# Words by which a name says what kind of body it is.
KIND_NAMES = {
    "company": COMPANY_WORDS,
    "hospital": re.compile(r"\b(?:hospital|medical cent(?:er|re)|infirmary|clinic)\b", re.I),
    "university": re.compile(r"\b(?:university|college)\b", re.I),
    "club": re.compile(r"\b(?:FC|AFC|United|City|Rovers|Athletic|Wanderers|Albion|Club)\b"),
}
# Body nouns that are words of the names of such bodies: "the guild" finds the "Writers
# Guild of America West".
SELF_NAMED = frozenset(
    "guild association federation commission committee foundation coalition union team".split()
)
KIND_NAMES |= {noun: re.compile(rf"\b{noun}\b", re.I) for noun in SELF_NAMED}
PLACE_NOUNS = frozenset(
    """area district neighbourhood neighborhood suburb region province county estate
    township village quarter street road market""".split()
)
NAME_LABELS = frozenset({"ORG", "GPE", "PERSON", "LOC", "FAC", "NORP", "PRODUCT"})


def described_as(doc: Doc, noun: str, before: int) -> Span | None:
    """The name the text last set beside ``noun`` before character ``before``, in
    apposition either way ("Nimbrel, the cloud software company"; "the operator,
    Avanti"), of whatever type the tagger gave it; None when none was described so."""
    for ent in reversed(entities_starting_between(doc, 0, before)):
        root = ent.root
        if ent.label_ not in NAME_LABELS or root.lower_ == noun:
            continue
        beside = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            beside.append(root.head)
        if any(t.lower_ == noun and t.idx < before and not t.ent_type_ for t in beside):
            return ent
    return None


def _body_in_a_role(subject: Token, actors: ActorIndex) -> Actor | None:
    """ "Jens Maier, deputy head of the GdP police union, warned ... The union
    estimates": the body a person's title names by the noun, named last before."""
    noun = subject.lower_
    pattern = re.compile(rf"\b((?:[A-Z][\w&.'-]*\s+)+(?:[a-z]+\s+)?{re.escape(noun)})\b")
    holder = actors.latest_before(
        subject.idx, lambda actor: actor.kind == "person" and bool(pattern.search(actor.role or ""))
    )
    if holder is None:
        return None
    name = pattern.search(holder.role or "").group(1)
    return actors.add_speaker(name, "organisation", guess_organisation_type(name), subject.idx)


def _named_by_place(subject: Token) -> bool:
    """ "the Port of Antwerp-Bruges", "the University of Ghana": a body noun written
    with a capital and the name of its place is the body's own name, not a noun for
    one named before."""
    return not subject.is_lower and any(
        prep.lower_ == "of" and any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children)
        for prep in subject.rights
    )


def age_reference(subject: Token) -> str | None:
    """The kind of reference a definite description by age makes: "she" for "the
    61-year-old mother", "he" for "the 30-year-old man", "age" (a person of either
    gender) for "the 24-year-old"; None when the subject is no such description."""
    age = age_of(subject)
    if age is None:
        return _by_nationality(subject)
    doc = subject.doc
    left = min(subject.left_edge.i, age.left_edge.i)
    # "The" on the noun, or left on the verb by the parse.
    if not any(doc[i].lower_ == "the" for i in (left - 1, left) if 0 <= i < len(doc)):
        return None
    if FEMALE_NOUNS.search(subject.lower_):
        return "she"
    if MALE_NOUNS.search(subject.lower_):
        return "he"
    return "age"


def _by_nationality(subject: Token) -> str | None:
    """ "The Italian said", "the Dutchman added": a person named before, by nationality
    as sports and profile writing does. Not a people ("the French", "the Chinese")."""
    if not (
        subject.ent_type_ == "NORP"
        and subject.tag_ in {"NNP", "NN", "JJ"}
        and not subject.lower_.endswith(("ish", "ch", "ese", "s"))
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
        and not any(c.dep_ in {"compound", "amod", "prep"} for c in subject.children)
    ):
        return None
    if FEMALE_NOUNS.search(subject.lower_):
        return "she"
    return "he" if MALE_NOUNS.search(subject.lower_) else "age"


def colon_subject(doc: Doc, quote: Quote) -> Token | None:
    """'Holland was blunt: "We will not back down."': a quote a colon opens, after a
    clause about a named person, is that person's (news introduces a quote this way
    without a speech verb). The subject of the clause before the colon, when it is a
    person's name."""
    opening = text_of(doc)[: quote.start].rstrip(' \t"“‘«')
    # "Eric van der Burg, Minister for Migration:" on a line of its own, the quote in
    # the next paragraph: a press release's or an interview's label line.
    if opening.endswith(":\n") or opening.endswith(":\n\n"):
        return labelled_speaker(doc, opening.rstrip("\n"))
    if not opening.endswith(":") or "\n" in opening[-200:].split(":")[-1]:
        return None
    colon = doc.char_span(len(opening) - 1, len(opening), alignment_mode="expand")
    if colon is None:
        return None
    sentence = sentence_of(colon[0])
    subjects = [
        t
        for t in doc[sentence.start : colon.start]
        if t.dep_ == "nsubj"
        and t.ent_type_ == "PERSON"
        and sentence.start <= t.head.i < colon.start
    ]
    return subjects[0] if len(subjects) == 1 else None


# Words a label line may hold besides the name: its role ("Minister for Migration"),
# never a verb (a line with one is a sentence, which the clause rule above reads).
LABEL_LINE_WORDS = 12


def labelled_speaker(doc: Doc, opening: str) -> Token | None:
    """The person a label line names at its start: "Eric van der Burg, Minister for
    Migration:" (``opening`` ends with the line's colon)."""
    start = opening.rfind("\n") + 1
    line = doc.char_span(start, len(opening) - 1, alignment_mode="contract")
    if line is None or not 0 < len(line) <= LABEL_LINE_WORDS:
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in line):
        return None
    name = entity_at(line[0])
    if name is None or name.label_ != "PERSON" or name.start != line[0].i:
        return None
    after = doc[name.end] if name.end < line.end else None
    return name.root if after is None or after.text in {",", "(", "-", "–"} else None


def a_question(verb: Token, content: list[Token] | None) -> bool:
    """ "I asked him how many minds he had changed", "asked whether the camp would
    close", "would not say how many": what was asked, or not answered, is a question,
    no one's claim ("asked Ottawa to act" is a demand, and stays)."""
    # "would not say whether Gagnon would be considered": a question left open.
    refused = any(c.dep_ == "neg" for c in verb.children)
    if (verb.lemma_.lower() != "ask" and not refused) or not content:
        return False
    # The content may come with its "whether" already taken off.
    before = content[0].doc[content[0].i - 1] if content[0].i > 0 else content[0]
    opener = {content[0].lower_, before.lower_}
    return content[0].tag_ in {"WRB", "WP", "WDT"} or bool(opener & {"whether", "if"})


FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll"})


def not_yet_said(verb: Token) -> bool:
    """ "The administration will announce a new strategy on Friday": words still to
    come are no statement; the article cannot say what they will be."""
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children)


# "who asked not to be named", "requested anonymity": a condition of the interview.
ANONYMITY = re.compile(r"(?:not )?to be (?:named|identified|quoted)|anonymity", re.I)


def asks_anonymity(content: list[Token]) -> bool:
    """Whether reported content only asks that the speaker stay unnamed: no claim
    (what ``asks_not_to_be_named`` finds in the parse when a reason follows)."""
    return bool(content) and ANONYMITY.fullmatch(" ".join(t.text for t in content)) is not None


def asks_not_to_be_named(verb: Token) -> bool:
    """ "A partner, who asked not to be named because ..., said": the request for
    anonymity that introduces a source, with a reason after it that the text of
    ``asks_anonymity`` cannot match whole."""
    return verb.lemma_.lower() in {"ask", "request"} and any(
        c.dep_ == "xcomp"
        and c.lemma_.lower() in {"name", "identify", "quote"}
        and any(n.dep_ == "neg" for n in c.children)
        for c in verb.children
    )


def reduced_passive(verb: Token) -> bool:
    """ "Asked whether the city would clear the camp, Bond said ...", "Pressed on the
    deficit, she said ...": a participle with no auxiliary, subject or agent of its
    own is passive; the one asked is the subject of the main clause, and the question
    is no one's claim."""
    return (
        # After a closing quote mark the tagger may read "Asked" as a past tense.
        verb.tag_ in {"VBN", "VBD"}
        and verb.dep_ in {"advcl", "acl"}
        and verb.i < verb.head.i
        and not any(
            c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "agent"} for c in verb.children
        )
    )


def speaking_subject(verb: Token, subject: Token) -> Token:
    """A subject that can speak in place of a thing the parse chose: "A friend of one
    of the suspects hunted after the Paris attacks has said" gives the verb two
    subjects, and the parse may pick the nearer thing; "Several parents who spoke to
    reporters after the meeting said ..." takes "the meeting" for the subject and
    roots the sentence on "parents", above the verb."""
    other = next((c for c in verb.children if c.dep_ == "nsubj" and someone(c)), None)
    if other is not None:
        return other
    root = sentence_of(verb).root
    if root.pos_ in {"NOUN", "PROPN"} and root.i < subject.i and someone(root):
        return root
    return subject


def someone(token: Token) -> bool:
    """The token names a person, a body or a group of people, by name or by noun."""
    return (
        token.ent_type_ in {"PERSON", "ORG", "NORP"}
        or token.pos_ == "PRON"
        or token.lower_ in PEOPLE_NOUNS
        or token.lower_ in ROLE_WORDS
        or GROUP_NOUNS.fullmatch(token.lower_) is not None
    )


def said_by_a_thing(subject: Token) -> bool:
    """ "an assault that threatened to upset the country's stability": a relative
    "that"/"which" standing for something that cannot speak makes no statement."""
    if subject.tag_ != "WDT" or subject.head.dep_ != "relcl":
        return False
    antecedent = subject.head.head
    return antecedent.pos_ == "NOUN" and not names_a_speaker(antecedent)


def indefinite_office(subject: Token, span: Span) -> bool:
    """ "a senior minister", "an opposition leader": an office named with "a"/"an"
    and no name, which introduces a new referent."""
    return (
        subject.lower_ in ROLE_WORDS
        and subject.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in subject.lefts)
        and not any(e.label_ == "PERSON" for e in entities_within(span))
    )


def name_given(subject: Token) -> tuple[str, str, int] | None:
    """The name a description of an unnamed person gives ("identified only as TM"),
    with the description (its head noun and what stands before it) and where the
    name starts; None when the subject gives no name."""
    # A person described: "a 29-year-old man", "a 26-year-old Eritrean", "one of
    # them"; "a charity known as Sea-Watch" is a body and keeps its own name.
    if not (
        subject.lower_ in PEOPLE_NOUNS or subject.ent_type_ == "NORP" or subject.lower_ == "one"
    ):
        return None
    doc = subject.doc
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    # The name itself may hang elsewhere in the parse ("who gave his name only as
    # Andrés said"): the phrase must open within the description.
    match = NAME_GIVEN.search(text_of(doc), start, sentence_of(subject).end_char)
    if match is None or match.start() >= end:
        return None
    group = "name" if match.group("name") else "first"
    at = doc.char_span(match.start(group), match.end(group), alignment_mode="expand")
    if at is None or not (at[0].pos_ == "PROPN" or at[0].is_upper or at[0].ent_type_):
        return None
    described = doc[subject.left_edge.i : subject.i + 1]
    words = [t.text for t in described if t.lower_ not in {"a", "an", "the", "one"}]
    return at.text, " ".join(words), at.start_char
