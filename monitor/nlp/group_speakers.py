"""Groups that speak as one: the press of "media reports", and the group a part of it
stands for ("one of the officials", "some of the returnees")."""

from __future__ import annotations

from spacy.tokens import Token

from monitor.nlp.doc_cache import sentence_of
from monitor.nlp.lexicon import DOCUMENT_NOUNS
from monitor.nlp.speaker_phrases import PART_WORDS, could_speak, plural_group, speaker_span

PRESS_WORDS = frozenset({"media", "press", "news", "newspaper"})


def press_word(subject: Token) -> Token | None:
    """The "media" of "media reports", "press" of "press reports": documents whose
    author is the press at large."""
    if subject.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    # The parser often takes "Media" for the subject of "reports"; the word just
    # before, attached to it, is what counts.
    return next(
        (
            child
            for child in subject.children
            if child.i == subject.i - 1 and child.lower_ in PRESS_WORDS
        ),
        None,
    )


def members_of(subject: Token) -> Token:
    """The group a partitive subject is part of, or the subject itself: the "of"
    phrase ("one of the officials"), else the people the sentence before spoke of
    ("Many returnees report threats. Some say ...")."""
    if subject.lower_ not in PART_WORDS:
        return subject
    # "One of the survivors, Ahmed Nour, said": the member named speaks, not the group.
    if subject.lower_ == "one":
        group = [
            g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
        ]
        named = [
            c
            for t in (subject, *group)
            for c in t.children
            if c.dep_ == "appos" and c.ent_type_ == "PERSON"
        ]
        if named:
            return named[0]
    # "Two of them told investigators": "them" is the group the sentence before spoke of.
    of_pronoun = False
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            group = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if group is not None and group.pos_ in {"NOUN", "PROPN"}:
                return group
            if group is None or group.lower_ not in {"them", "those"}:
                return subject
            of_pronoun = True
    # "Lawmakers raised doubts, and many said ...": the subject of the clause the
    # speech is joined to.
    verb = subject.head
    if not of_pronoun and verb.dep_ == "conj":
        joined = [t for t in verb.head.children if t.dep_ == "nsubj" and plural_group(t)]
        if joined:
            return joined[0]
    sentence = sentence_of(subject)
    if (subject.i != sentence.start and not of_pronoun) or sentence.start == 0:
        return subject
    previous = sentence_of(subject.doc[sentence.start - 1])
    groups = [t for t in previous if t.dep_ == "nsubj" and plural_group(t)]
    return groups[-1] if groups else subject


def names_a_speaker(subject: Token) -> bool:
    """Whether a subject names someone who could speak, whoever it is: a pronoun, a
    part of a group ("many of them"), or a phrase :func:`could_speak` accepts."""
    subject = members_of(subject)
    # How many ("130,000 refugees") does not matter here, only who.
    words = [t for t in speaker_span(subject) if not t.is_punct and not t.like_num]
    return subject.pos_ == "PRON" or subject.lower_ in PART_WORDS or could_speak(words, subject)
