"""Quoted phrases that are no one's statement: scare quotes, slogans and titles."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from monitor.nlp.doc_cache import sentence_of, text_of
from monitor.nlp.quotes import Quote, ends_in_punctuation


def is_quoted_phrase(doc: Doc, quote: Quote, verb: Token | None) -> bool:
    """Scare quotes, slogans and titles: a quoted phrase the writer uses inside a
    noun phrase ('a "one in, one out" deal'), or one set inside a sentence that
    no speech verb attributes ('The campaign, "Think before you go", runs')."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 2] if span.start >= 2 else None  # skip the opening mark
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None  # and the closing one
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in span)
    in_noun_phrase = (before is not None and before.pos_ in {"DET", "ADJ"}) or (
        after is not None and after.pos_ in {"NOUN", "PROPN"} and not after.is_sent_start
    )
    if (in_noun_phrase or _a_name_given(doc, span)) and not has_verb:
        return True
    sentence = sentence_of(span[0])
    opens_sentence = not text_of(doc)[sentence.start_char : quote.start].strip(' \n\t"“‘«')
    # '"Absolutely not," the minister said': words that open the sentence and end in
    # its own punctuation are an utterance, however they are capitalised.
    utterance = opens_sentence and ends_in_punctuation(text_of(doc), quote.start, quote.end)
    if not has_verb and _title_case(span) and not utterance:
        return True  # 'argued in his essay "The Case for Open Borders," that ...'
    return verb is None and not opens_sentence


TITLE_MAX_WORDS = 10
# Words before a quoted name that say it is a name, not words anyone said.
NAMING_WORDS = frozenset("dubbed nicknamed so-called branded".split())
REFLEXIVES = frozenset("itself himself herself themselves ourselves".split())


def _a_name_given(doc: Doc, span: Span) -> bool:
    """A name something goes by: a team that calls itself "the fourth emergency
    service", a bend nicknamed "Dead Man's Curve", what is known as "the pit"."""
    if span.start < 2:
        return False
    before = doc[span.start - 2]
    return (
        before.lower_ in NAMING_WORDS
        or (before.lower_ in REFLEXIVES and before.head.lemma_.lower() == "call")
        or (before.lower_ == "as" and before.head.lower_ == "known")
    )


def _title_case(span: Span) -> bool:
    """The words of a title: every word but the short function words capitalised
    ("The Case for Open Borders", "Fortress Europe"), the way titles of books,
    reports, films and campaigns are written and speech never is."""
    words = [t for t in span if t.is_alpha]
    long_words = [t for t in words if len(t) > 3 or t.i == words[0].i] if words else []
    return (
        1 < len(words) <= TITLE_MAX_WORDS
        and all(t.text[0].isupper() for t in long_words)
        and not all(t.is_upper for t in words)  # "STOP THE BOATS" is shouted, not a title
    )
