"""Reporting phrases built on a verb that does not report by itself: "made clear
that ...", "made it clear that ...". The parse hangs the reported clause on the
adjective, not on the verb."""

from __future__ import annotations

from spacy.tokens import Token

# Verb lemma → the word that makes it a reporting phrase.
PHRASE_CUES = {"make": "clear"}


def phrase_word(verb: Token) -> Token | None:
    """ "clear" in "made (it) clear", when the verb is the head of such a phrase."""
    word = PHRASE_CUES.get(verb.lemma_.lower())
    if word is None:
        return None
    return next((c for c in verb.children if c.lower_ == word and c.i > verb.i), None)


def phrase_content(verb: Token) -> list[Token] | None:
    """The clause the phrase reports: "that people arriving by small boats will be
    removed" of "has made clear that ...", wherever the parse hung it on "clear"."""
    word = phrase_word(verb)
    if word is None:
        return None
    for clause in word.children:
        if clause.i > word.i and clause.pos_ in {"VERB", "AUX"}:
            tokens = sorted(clause.subtree, key=lambda t: t.i)
            return tokens[1:] if tokens[0].lower_ == "that" else tokens
    return None


def phrase_words(verb: Token) -> list[Token]:
    """The phrase as written after the verb: "clear", or "it clear"."""
    word = phrase_word(verb)
    if word is None:
        return []
    return [t for t in verb.doc[verb.i + 1 : word.i + 1] if t.lower_ in {"it", word.lower_}]
