"""Speakers named by a phrase that refers back to someone the story already named.

* "The two leaders said", "Both ministers said": a plural office counted as two,
  after two people were named, is those two speaking together, not an anonymous
  group called "leaders"; the speaker is named as news names a pair ("A and B").
* "The source said", "the official added": the unnamed source introduced before
  with that noun ("a senior Home Office source").
* "The minister ... He said": an office named as one already known stands for its
  holder, as a name would.
* "Belarus denied it. Its foreign ministry said": the body of "its" is the country
  the sentence before is about.
* "The World Food Programme warned ... Its executive director, Cindy McCain, said":
  a person whose office is "its" works for the body the sentence before is about,
  and speaks as that kind of actor.
* "Brussels said": the city that stands for a body speaks as that body; a place
  itself never speaks.
* "Orban's government has argued": the government of the leader's state speaks,
  not the leader.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Span, Token

from monitor.nlp.actors import Actor, ActorIndex
from monitor.nlp.countries import country_spans
from monitor.nlp.doc_cache import entity_at, sentence_of
from monitor.nlp.edge_clauses import scene_setting
from monitor.nlp.lexicon import POSSESSIVES, ROLE_WORDS, STATE_NOUNS
from monitor.nlp.office_holders import member_of_body
from monitor.nlp.speaker_phrases import (
    BODIES_OF_A_PERSON,
    PEOPLE_NOUNS,
    one_person,
    speaker_span,
)
from monitor.nlp.speech import age_of

PAIR_WORDS = frozenset({"two", "both"})
SENTENCES_BACK = 2  # the pair must be named in this sentence or the one or two before


def _is_pair_of_offices(subject: Token) -> bool:
    """ "the two leaders", "both ministers", "the two foreign ministers"."""
    if subject.tag_ != "NNS":
        return False
    office = subject.lower_
    if office not in ROLE_WORDS and office[:-1] not in ROLE_WORDS:
        return False
    return any(child.lower_ in PAIR_WORDS for child in subject.lefts)


def pair_named_before(subject: Token, actors: ActorIndex) -> tuple[Actor, Actor] | None:
    """The two people last named before ``subject``, within ``SENTENCES_BACK`` sentences,
    when ``subject`` counts two holders of an office; None when the text names fewer."""
    if not _is_pair_of_offices(subject):
        return None
    sentence = sentence_of(subject)
    start = sentence.start
    for _ in range(SENTENCES_BACK):
        if start == 0:
            break
        start = sentence_of(subject.doc[start - 1]).start
    since = subject.doc[start].idx
    named: list[tuple[int, Actor]] = []
    for actor in actors.actors.values():
        if actor.kind != "person":
            continue
        positions = [p for p in actor.positions if since <= p < subject.idx]
        if positions:
            named.append((max(positions), actor))
    if len(named) < 2:
        return None
    named.sort(key=lambda pair: pair[0])
    first, second = named[-2][1], named[-1][1]
    # In text order, as the story named them.
    return (first, second) if min(first.positions) <= min(second.positions) else (second, first)


def joint_speaker(subject: Token, actors: ActorIndex) -> Actor | None:
    """The pair as one speaker, or None when ``subject`` is not a counted pair."""
    pair = pair_named_before(subject, actors)
    if pair is None:
        return None
    first, second = pair
    actor_type = first.type if first.type == second.type else "other"
    return actors.add_speaker(f"{first.name} and {second.name}", "group", actor_type, subject.idx)


def definite_role(token: Token) -> bool:
    """ "the minister", "the home secretary": an office named as one already known."""
    return token.lower_ in ROLE_WORDS and any(
        child.dep_ == "det" and child.lower_ in {"the", "this"} for child in token.lefts
    )


def same_source_before(
    subject: Token, span: Span, actors: ActorIndex, introduced: dict[str, str]
) -> Actor | None:
    """ "A senior Home Office source said ... The source added": a bare "the official",
    "the source" is the unnamed speaker introduced before with that noun (one of
    ``introduced``, the speakers the text names only by a phrase), not a new one;
    "the UNHCR official" is the one person the text gave an office in that body."""
    words = [t for t in span if not t.is_punct]
    if not words or words[0].lower_ not in {"the", "this", "that"}:
        return None
    if len(words) > 2:
        return _member_named_before(subject, words, actors)
    if len(words) != 2:
        return None
    noun = subject.lower_
    return actors.latest_before(
        subject.idx,
        lambda actor: (
            actor.id in introduced
            and actor.kind != "organisation"
            and actor.name.lower().split()[-1] == noun
            and len(actor.name.split()) > 1
        ),
    )


def _member_named_before(subject: Token, words: list[Token], actors: ActorIndex) -> Actor | None:
    """ "Qaisar Khan Afridi, a spokesman for the UN High Commissioner for Refugees
    (UNHCR), told Anadolu ... The UNHCR official said": the person the text gave an
    office in the body the phrase names."""
    if subject.tag_ != "NN" or words[-1] != subject:
        return None
    body = actors.actor_for_span(subject.doc[words[1].i : subject.i])
    member = member_of_body(subject.lower_, body, actors.actors.values())
    return member if isinstance(member, Actor) else None


def country_owning(span: Span) -> str | None:
    """ "Belarus denied the charge. Its foreign ministry said ...": the country code of
    the body "its"/"their" stands for, when the sentence before is about a country;
    None otherwise (the caller falls back to the article's country)."""
    if not any(t.dep_ == "poss" and t.lower_ in POSSESSIVE_BODY for t in span):
        return None
    subject = subject_of_sentence_before(span[0])
    if subject is None:
        return None
    return next((c.id_ for c in country_spans(span.doc) if c.start <= subject.i < c.end), None)


def subject_of_sentence_before(token: Token) -> Token | None:
    """The subject of the main verb of the sentence before ``token``'s: what "its" or
    "their" at the start of a sentence most often stands for."""
    sentence = sentence_of(token)
    if sentence.start == 0:
        return None
    return root_subject(sentence_of(token.doc[sentence.start - 1]))


def root_subject(sentence: Span, quoted: Container[int] = ()) -> Token | None:
    """The subject of a sentence's main verb, unless it stands in ``quoted`` words."""
    return next(
        (
            child
            for child in sentence.root.children
            if child.dep_ in {"nsubj", "nsubjpass"} and child.idx not in quoted
        ),
        None,
    )


# "But they say", "In a statement, they said": how far into its sentence a "they"
# may stand and still open it.
PRONOUN_OPENS_WITHIN = 4


def subject_before_pronoun(pronoun: Token, quoted: Container[int]) -> Token | None:
    """The subject of the sentence before the one a pronoun opens: the most salient
    referent there is ("Aid workers describe the camp. They say ..."; "Miller
    rejected the criticism. He said ..."), even when it is not the last speaker.
    ``quoted`` holds the offsets of quoted words."""
    doc = pronoun.doc
    sentence = sentence_of(pronoun)
    before = sentence.start - 1
    # '"The rebate helps most families," he said.': the words quoted before the
    # pronoun do not push it from the opening of its sentence, nor does a scene.
    scene = scene_setting(pronoun)
    opening = [
        t
        for t in doc[sentence.start : pronoun.i]
        if not t.is_punct and t.idx not in quoted and t.i not in scene
    ]
    # '"The law protects those in need," it said.', '"I will not promise anything. The
    # wind decides," he said.': the sentence before is the one before the quote, not
    # the quote's own first sentences.
    while before >= 0 and doc[before].idx in quoted:
        before = sentence_of(doc[before]).start - 1
    first = opening[0] if opening else None
    if (
        first is not None
        and len(opening) > PRONOUN_OPENS_WITHIN
        and first.dep_ == "poss"
        and POSSESSIVES.get(first.lower_) == pronoun.lower_
    ):
        # "Her children are in school here, and she says ...": whom the opening "her"
        # stands for.
        return subject_before_pronoun(first, quoted)
    if len(opening) > PRONOUN_OPENS_WITHIN or before < 0:
        return None
    subject = root_subject(sentence_of(doc[before]), quoted)
    if (
        pronoun.lower_ in {"he", "she"}
        and subject is not None
        and not any(_a_person(t) or definite_role(t) for t in subject.subtree)
    ):
        # "DW spoke to a 17-year-old who had crossed alone. He said ...": the one
        # person the sentence brings in, when its subject names no one.
        met = [o for o in _objects(subject.head) if _a_person(o)]
        if len(met) == 1:
            return met[0]
    # "Kenia Alvarado, 24, fled with her son. Her next hearing is in July. She said":
    # "her" opening the sentence before stands for the one "she" does.
    owner = next(
        (
            c
            for c in (subject.children if subject is not None else ())
            if c.dep_ == "poss" and POSSESSIVES.get(c.lower_) == pronoun.lower_
        ),
        None,
    )
    return subject_before_pronoun(owner, quoted) if owner is not None else subject


# Cities news names for the body seated there ("Brussels wants ..."), with that body's
# name and type as in ``models/institutions.yaml``. Capitals of countries already
# speak for their governments (see ``countries``); only seats of bodies are listed.
SEATS = {"brussels": ("European Union", "eu_institution")}


def seat_speaker(span: Span, actors: ActorIndex) -> Actor | None:
    """The body a seat city stands for when the city is the whole speaker phrase."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].ent_type_ not in {"GPE", "LOC", ""}:
        return None
    seat = SEATS.get(words[0].lower_)
    if seat is None:
        return None
    name, actor_type = seat
    return actors.add_speaker(name, "organisation", actor_type, words[0].idx)


# The bodies a leader heads, named with the leader's name in the possessive; a
# campaign speaks for its candidate, not for a state.
LEADERS_BODIES = BODIES_OF_A_PERSON - {"campaign"}


def leaders_government(
    subject: Token, actors: ActorIndex, main_country: str | None, adjectives: dict[str, str]
) -> Actor | None:
    """ "Orban's government has argued", "Chancellor Merz's cabinet decided": the
    government of the state the leader heads speaks, named as news names a country's
    government ("Hungarian government"); "Trump's administration" is the body named
    after its leader ("Trump administration"), as is "the Trump administration", which
    names the person only to say whose body it is. None when the owner is not a
    person."""
    owners = [c for c in subject.children if c.dep_ == "poss"] or [
        c for c in subject.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"
    ]
    owner = owners[0] if owners else None
    if subject.lower_ not in LEADERS_BODIES or owner is None or owner.pos_ != "PROPN":
        return None
    named = entity_at(owner) or subject.doc[owner.i : owner.i + 1]
    # The tagger may take a surname alone for a body ("Orban's"): a person named before.
    leader = actors.actor_for_span(named)
    if named.label_ != "PERSON" and (leader is None or leader.kind != "person"):
        return None
    country = (leader.country if leader is not None else None) or main_country
    if subject.lower_ == "administration":
        name = f"{owner.text} administration"
    elif country in adjectives:
        name = f"{adjectives[country]} government"
    else:
        return None
    return actors.add_speaker(name, "organisation", "government", subject.idx, country=country)


POSSESSIVE_BODY = frozenset({"its", "their", *STATE_NOUNS})


def possessor_body(subject: Token, actors: ActorIndex) -> Actor | None:
    """The organisation "its"/"their" in a speaker's office stands for: the subject of
    the sentence before, when that names a known organisation."""
    phrase = list(subject.subtree)
    if subject.dep_ == "appos":
        phrase += list(subject.head.subtree)
    if not any(t.dep_ == "poss" and t.lower_ in POSSESSIVE_BODY for t in phrase):
        return None
    owner = subject_of_sentence_before(subject)
    if owner is None:
        return None
    ent = entity_at(owner)
    body = actors.actor_for_span(ent if ent is not None else subject.doc[owner.i : owner.i + 1])
    return body if body is not None and body.kind == "organisation" else None


STEM_LETTERS = 6  # letters two forms of a word share: "provincial" and "province"


def body_named_before(
    phrase: str, position: int, actors: ActorIndex, first_named_as: dict[str, str]
) -> Actor | None:
    """ "The government of Khyber Pakhtunkhwa province says ... the provincial
    government ordered": a body named again by its head noun and a word of its
    name (compared on their first letters, "provincial" ~ "province") is the body
    named before, not a new one keyed with the article's main country."""
    words = phrase.lower().split()
    if len(words) == 1:
        return _same_head_before(words[0], position, actors)
    if len(words) < 2:
        return None
    head, modifiers = words[-1], [w[:STEM_LETTERS] for w in words[:-1] if len(w) > 3]
    if not modifiers:
        return None

    def name_words(actor: Actor) -> list[str]:
        # The words of an actor's name and of the phrase it was first named by.
        return f"{actor.name} {first_named_as.get(actor.id, '')}".lower().split()

    return actors.latest_before(
        position,
        lambda actor: (
            actor.kind == "organisation"
            and head in name_words(actor)
            and all(any(w.startswith(m) for w in name_words(actor)) for m in modifiers)
        ),
    )


BARE_HEAD_WINDOW = 800  # characters back a bare "the police" looks for the body it names again


def _same_head_before(head: str, position: int, actors: ActorIndex) -> Actor | None:
    """ "Toronto police say ... Police said", "Bank of Canada governor ... The bank said":
    a body named again by its head noun alone is the one with that noun named just
    before (within ``BARE_HEAD_WINDOW``), not a new one keyed with the main country."""
    found = actors.latest_before(
        position,
        lambda actor: (
            actor.kind in {"organisation", "group"}
            and head in actor.name.lower().split()
            and len(actor.name.split()) > 1
        ),
    )
    if found is None:
        return None
    last = max(p for p in found.positions if p < position)
    return found if position - last <= BARE_HEAD_WINDOW else None


def body_spoken_for(subject: Token, span: Span, actors: ActorIndex) -> Actor | None:
    """The body an unnamed spokesperson with no "for ..." speaks for: the body a word
    of the phrase names ("a Commission spokesperson": the commission named last), or
    the body the sentence before is about ("The European Commission welcomed the
    deal. A spokesperson said ...")."""
    for word in (t for t in span if t.dep_ in {"compound", "amod"} and t.i != subject.i):
        named = actors.latest_named_before(word.lower_, subject.idx)
        if named is not None:
            return named
    before = subject_of_sentence_before(subject)
    if before is None:
        return None
    actor = actors.actor_for_span(before.doc[before.left_edge.i : before.i + 1])
    return actor if actor is not None and actor.kind == "organisation" else None


# Nouns for a person of one gender, which "he" or "she" must agree with.
GENDERED_NOUNS = {
    **dict.fromkeys(
        "husband father son brother man boy uncle nephew grandfather grandson".split(), "he"
    ),
    **dict.fromkeys(
        "wife mother daughter sister woman girl aunt niece grandmother granddaughter".split(),
        "she",
    ),
}


def named_in_apposition(
    pronoun: Token, antecedent: Token | None, actors: ActorIndex
) -> Actor | None:
    """ "Her husband, Arjun, drove for a delivery company. He said ...": the person
    named beside the noun the sentence before is about, when the pronoun agrees with
    it; a first name alone is still a person's."""
    if antecedent is None or GENDERED_NOUNS.get(antecedent.lower_) != pronoun.lower_:
        return None
    name = next((c for c in antecedent.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if name is None:
        return None
    span = name.doc[name.left_edge.i : name.i + 1]
    known = actors.actor_for_span(span)
    if known is not None and known.kind == "person":
        return known
    return actors.add_speaker(span.text, "person", "other", span.start_char)


def _a_person(noun: Token) -> bool:
    return noun.ent_type_ == "PERSON" or unnamed_person(noun)


def _objects(verb: Token) -> list[Token]:
    """The objects of a verb: "met a doctor", "spoke to a 17-year-old"."""
    direct = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    through = [
        o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
    ]
    return direct + through


def unnamed_person(noun: Token) -> bool:
    """ "A neighbour", "a 17-year-old from Sudan": one person the text does not name
    ("the 44-year-old" is someone it named before)."""
    return noun.lower_ in PEOPLE_NOUNS or (
        age_of(noun) is not None and noun.doc[noun.left_edge.i].lower_ in {"a", "an"}
    )


def person_about(antecedent: Token | None, actors: ActorIndex) -> str | tuple[int, int] | None:
    """The id of the person the subject of the sentence before names, whom a "he" or
    "she" opening a sentence most often stands for: a name, an office the text names a
    holder for ("The minister dismissed the concerns. He said ..."), or one person
    named by a noun ("A neighbour told CTV News ... 'It sounded like ...,' she said")."""
    if antecedent is None or not (
        antecedent.ent_type_ == "PERSON"
        or antecedent.pos_ == "PROPN"
        or definite_role(antecedent)
        or unnamed_person(antecedent)
    ):
        return None
    span = speaker_span(antecedent)
    person = actors.actor_for_span(span)
    if person is None:
        # An unnamed speaker ("a neighbour") may be listed only once its own statement
        # is read: it is looked up by where it stands when the pronoun is resolved.
        return (span.start_char, span.end_char) if unnamed_person(antecedent) else None
    return person.id if person.kind == "person" or one_person(person.name) else None


def speaker_mentioned(actors: ActorIndex, where: tuple[int, int]) -> Actor | None:
    """The one person, named or not, mentioned between the two offsets."""
    start, end = where
    found = actors.latest_before(end, lambda actor: any(start <= p < end for p in actor.positions))
    if found is None or not (found.kind == "person" or one_person(found.name)):
        return None
    return found
