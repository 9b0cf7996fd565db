"""Whose words a document or a reported noun carries: "the ministry's report",
"figures published by the Federal Office", "according to Blinken's explanations".

A document speaks for its author; who only holds a copy ("reports seen by
Reuters") or commissioned it ("a review commissioned by the town") did not write it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from monitor.nlp.doc_cache import entities_starting, group_spans_overlapping, sentence_of
from monitor.nlp.lexicon import BODY_WORDS, DOCUMENT_NOUNS, ORGANISATION_WORDS
from monitor.nlp.pipeline import INSTITUTION_SPANS

# What someone said, as a noun: "according to Blinken's explanations". (Not the
# speaker's office: "the minister's spokesman" speaks for himself.)
WORDS_NOUNS = frozenset(
    """explanation explanations statement statements remark remarks comment comments word
    words account testimony view views letter tweet post message speech interview
    announcement calculation calculations tally answer answers reply replies response""".split()
)


AUTHOR_PREPS = frozenset({"by", "from", "of"})
COMMISSIONING_VERBS = frozenset({"commission", "request", "order", "fund", "sponsor", "ask"})


def source_of(token: Token) -> Token:
    """For "according to figures from the Federal Office", the office, not the figures;
    for "according to Blinken's explanations" or "the ministry's report", the one
    whose words or document they are."""
    owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}]
    if owners and token.lemma_.lower() in DOCUMENT_NOUNS | WORDS_NOUNS:
        return owners[0]
    if token.lemma_.lower() not in DOCUMENT_NOUNS:
        return token
    # "The report, released Tuesday by the C.D. Howe Institute, found": the agent of a
    # clause set off by commas, which the scan below stops short of.
    # "An independent review commissioned by the town, written by Halvorsen Risk
    # Consulting": who commissioned a document did not write it.
    # A clause may hang on a word of an earlier one ("commissioned by the town after
    # the 2023 fire season, written by ..."), not on a noun the report is about.
    own_clauses = [c for c in token.children if c.dep_ == "acl"]
    inside = {t.i for clause in own_clauses for t in clause.subtree}
    later = [c for c in token.subtree if c.dep_ == "acl" and c.head.i in inside]
    for clause in own_clauses + later:
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            authors = [c for c in agent.children if c.dep_ == "pobj"]
            if authors and clause.lemma_.lower() not in COPY_VERBS | COMMISSIONING_VERBS:
                return authors[0]
    # "figures published on Tuesday by the Federal Office", "a report from UNHCR":
    # the first organisation or person named before the clause ends.
    doc = token.doc
    end = token.i
    # The phrase ends before the verb it is the subject of ("reports seen by Reuters
    # suggest that ..."): names in what they suggest are not their authors.
    stop = token.head.i if token.dep_ in {"nsubj", "nsubjpass"} and token.head.i > token.i else None
    while (
        end < sentence_of(token).end
        and doc[end].text not in {",", ";", ".", ":", "—"}
        and end != stop
    ):
        end += 1
    named = [
        span
        for span in group_spans_overlapping(doc, INSTITUTION_SPANS, token.i, end)
        if token.i <= span.start and not _holder_of_copy(span)
    ]
    named += [
        ent
        for ent in entities_starting(doc, token.i, end)
        if ent.label_ in {"ORG", "PERSON"} and not _holder_of_copy(ent)
    ]
    # "figures from the EU border control authority Frontex": a name that only
    # qualifies a noun ("EU") is not the author when the phrase names its own body.
    heads = [span for span in named if span.root.dep_ not in {"compound", "amod"}]
    if named:
        return min(heads or named, key=lambda span: span.start).root
    # "A report by Bellhaven city staff": an author no name list knows; so is a body
    # "of" which the document is ("a report of the probe committee").
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in AUTHOR_PREPS):
        for author in (
            c for c in prep.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}
        ):
            body = ORGANISATION_WORDS.search(author.lower_) or BODY_WORDS.search(author.lower_)
            if prep.lower_ != "of" or body:
                return author
    # "interior ministry data", "UNHCR's figures"
    for child in token.children:
        if child.dep_ in {"compound", "poss", "nmod"} and child.pos_ in {"PROPN", "NOUN"}:
            return child
    return token


# "reports seen by Reuters", "documents obtained by CBC News": who has a copy.
COPY_VERBS = frozenset({"see", "obtain", "review", "examine", "acquire", "receive", "leak"})


def holds_a_copy(doc: Doc, position: int) -> bool:
    """The name mentioned at ``position`` is the agent of "seen by", "obtained by"."""
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    while token.dep_ in {"compound", "amod", "det", "flat"} and token.head.i != token.i:
        token = token.head  # "the Financial Times": the name's head word
    return _holder_of_copy(doc[token.i : token.i + 1])


def _holder_of_copy(span: Span) -> bool:
    """The name is the agent of "seen by", "obtained by": it holds the document and
    did not write it (unlike "published by", "released by")."""
    root = span.root
    return (
        root.dep_ == "pobj"
        and root.head.dep_ == "agent"
        and root.head.head.lemma_.lower() in COPY_VERBS
    )
