"""Claims sourced with "according to": the source speaks, the rest of the sentence
is what it claims."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.doc_cache import entity_at, sentence_of, text_of
from monitor.nlp.document_authors import source_of
from monitor.nlp.lexicon import DOCUMENT_NOUNS, HONORIFICS, ORGANISATION_WORDS, ROLE_WORDS
from monitor.nlp.quotes import Quote
from monitor.nlp.speaker_phrases import BODY_NOUNS, NO_SPEAKER
from monitor.nlp.speech import is_passive, is_speech_verb, strip_that, subject_of

# "treated according to the law", "according to the plan": in keeping with a rule or a
# schedule, not a source that claims anything.
NORM_NOUNS = frozenset(
    """law laws rule rules regulation regulations plan plans schedule procedure procedures
    agreement deal treaty constitution convention protocol guideline guidelines standard
    standards criteria principle principles script tradition custom""".split()
)

# "Mr President, honourable Members, Commissioner, according to IOM, ...": a speech
# opens by addressing the chair and the house; the address is no part of the claim.
ADDRESS = re.compile(
    r"(?:mr|madam|madame|mister)\.? (?:president|chair\w*|speaker)\b|"
    r"(?:ladies and gentlemen|dear colleagues|honourable members)\b",
    re.I,
)


def _address(tokens: list[Token]) -> bool:
    """The words are only a form of address: no verb, opening with one."""
    text = " ".join(t.text for t in tokens)
    return ADDRESS.match(text) is not None and not any(t.pos_ in {"VERB", "AUX"} for t in tokens)


def _within_reported_speech(token: Token) -> bool:
    """ "The ministry said migrants were treated according to ...": a phrase inside what
    a speech verb reports belongs to that report, not a claim of its own."""
    # The verb the phrase hangs on may itself be the cue ("rejected, according to the
    # court"); only a speech verb further up, with a speaker of its own, reports it.
    return any(
        is_speech_verb(ancestor)
        and not is_passive(ancestor)
        and any(c.dep_ == "nsubj" for c in ancestor.children)
        for ancestor in token.head.ancestors
    )


def _source_named(token: Token) -> Token | None:
    """The source ``token`` opens when it is the "according" of "according to X"."""
    doc = token.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
    if not objects or objects[0].lemma_.lower() in NORM_NOUNS or _within_reported_speech(token):
        return None
    return objects[0]


def quote_source(doc: Doc, quote: Quote) -> Token | None:
    """'The meeting will "lay the groundwork for a declaration", according to the
    minister': a quote no verb attributes is the words of the source its sentence
    names with "according to" (outside the quote)."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return None
    for token in sentence_of(span[0]):
        if not quote.start <= token.idx < quote.end and (source := _source_named(token)):
            return source
    return None


def according_to(
    doc: Doc, quotes: list[Quote], resolve_speaker: Callable[[Token], dict[str, Any]]
) -> list[dict[str, Any]]:
    """ "According to UNHCR, arrivals doubled": the rest of the sentence is the
    source's claim."""
    statements = []
    for token in doc:
        source = _source_named(token)
        if source is None:
            continue
        sentence = sentence_of(token)
        name = _name_after(source) or _holder_named_after(source)
        phrase_end = name.end if name is not None else source.right_edge.i + 1
        before = [t for t in sentence if t.i < token.i]
        if _address(before):
            before = []
        rest = before + [t for t in sentence if t.i >= phrase_end]
        rest = [t for t in rest if not (t.is_punct and t.i == phrase_end)]
        claim = _claim(rest, quotes)
        if claim is None:
            continue
        government = _government_behind(source)
        author = (
            (name.root if name is not None else None)
            or government
            or _owner_of_source(source, sentence)
            or source_of(source)
        )
        # "government data" names a body: the government speaks, not a description.
        described = (
            _described_source(source) if author.i >= source.i - 1 and author != government else None
        )
        # "According to official figures", "according to local media": a source the text
        # names only by its description speaks as described (annotation rules), never
        # as whichever body spoke last.
        speaker = {**NO_SPEAKER, "_described": described} if described else resolve_speaker(author)
        if speaker.get("speaker_type") == "media":
            # "According to Reuters, Viktor Orban described this as outrageous": the
            # agency passes on what someone it names said; that someone speaks.
            speaker = _relayed_speaker(sentence.root, rest, resolve_speaker) or speaker
        statements.append({**speaker, "cue": "according to", "kind": "according_to", **claim})
    return statements


def _owner_of_source(source: Token, sentence: Span) -> Token | None:
    """ "The agency has received 212 complaints, according to its public database": the
    body "its" (or "their") stands for is the subject of the claim, when that subject
    is a body."""
    if not any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in source.children):
        return None
    subject = next((c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.i > source.i:
        return None
    is_body = (
        subject.ent_type_ == "ORG"
        or subject.lower_ in BODY_NOUNS
        or ORGANISATION_WORDS.fullmatch(subject.lower_) is not None
    )
    return subject if is_body else None


def _relayed_speaker(
    root: Token, claim: list[Token], resolve_speaker: Callable[[Token], dict[str, Any]]
) -> dict[str, Any] | None:
    """The speaker of the claim's own speech verb, when an outlet relays it."""
    if root not in claim or not is_speech_verb(root):
        return None
    subject = subject_of(root)
    if subject is None or subject not in claim:
        return None
    speaker = resolve_speaker(subject)
    return speaker if speaker.get("speaker") is not None else None


def _name_after(source: Token) -> Span | None:
    """ "According to the EU border agency Frontex, crossings fell": the name right
    after the words that describe its body, which the small model often hangs on the
    main verb, is the source and no part of the claim."""
    doc = source.doc
    after = source.right_edge.i + 1
    if source.pos_ != "NOUN" or after >= len(doc):
        return None
    name = entity_at(doc[after])
    if name is None or name.start != after or name.label_ not in {"ORG", "PERSON"}:
        return None
    return name


def _holder_named_after(source: Token) -> Span | None:
    """ "..., according to the chief of the country's police union, Jochen Kopelke.",
    "According to the Head of the Asylum Service, Ms Eleni Charalambous, the average
    ...": the person named after an office, set off by commas, holds it; the small
    model may hang the name on the main verb instead."""
    doc = source.doc
    after = source.right_edge.i + 1
    if source.lower_ not in ROLE_WORDS or after + 1 >= len(doc) or doc[after].text != ",":
        return None
    start = after + 1
    while start < len(doc) - 1 and doc[start].lower_.rstrip(".") in HONORIFICS:
        start += 1  # "Ms", "Dr"
    name = entity_at(doc[start])
    if name is None or name.label_ != "PERSON" or name.start != start:
        return None
    closes = name.end >= sentence_of(source).end or doc[name.end].is_punct
    return name if closes else None


def _government_behind(source: Token) -> Token | None:
    """ "according to government data": the government, which the speaker resolution
    makes the story country's ("Canadian government"). "Official figures" name no
    body; they speak as described."""
    if source.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    return next(
        (c for c in source.children if c.dep_ in {"compound", "amod"} and c.lower_ == "government"),
        None,
    )


PRESS_NOUNS = frozenset({"media", "press"})
OFFICIAL_WORDS = frozenset({"official", "government"})


def _described_source(source: Token) -> tuple[str, str, int] | None:
    """The name, type and position of a source described, not named: the press at large
    ("Australian media", "media reports") or the state's own numbers ("official
    figures"). None for a source with a name or an author of its own."""
    words = [t for t in source.subtree if t.i <= source.i and t.dep_ not in {"det", "punct"}]
    if not words or any(t.ent_type_ in {"ORG", "PERSON"} for t in words):
        return None
    name = text_of(source.doc)[words[0].idx : source.idx + len(source)]
    if source.lower_ in PRESS_NOUNS or (
        source.lemma_.lower() in DOCUMENT_NOUNS and any(t.lower_ in PRESS_NOUNS for t in words)
    ):
        return name, "media", words[0].idx
    if source.lemma_.lower() in DOCUMENT_NOUNS and any(t.lower_ in OFFICIAL_WORDS for t in words):
        return name, "government", words[0].idx
    return None


def _claim(words: list[Token], quotes: list[Quote]) -> dict[str, Any] | None:
    """The content and offsets of what a source claims, from the words of its sentence
    outside the attribution; None when too short or when quote marks carry it (the
    direct quote is the statement then)."""
    # The sentence's trailing line break belongs to no one's words.
    words = [t for t in strip_that(words) if not t.is_space]
    if len(words) < 3:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    if any(q.start < end and start < q.end for q in quotes):
        return None
    return {"content": text_of(words[0].doc)[start:end], "start": start, "end": end}


def as_reported_by(
    doc: Doc, quotes: list[Quote], resolve_speaker: Callable[[Token], dict[str, Any]]
) -> list[dict[str, Any]]:
    """ "The United States is seeking an agreement before the summit, as confirmed by
    Secretary of State Antony Blinken": the agent of an "as ... by" clause is the
    source, and the rest of its sentence is what they said."""
    statements = []
    for verb in doc:
        # Cheap tests first: this looks at every token of the document.
        if verb.tag_ != "VBN" or verb.dep_ != "advcl" or verb.head.dep_ != "ROOT":
            continue
        marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        agents = [a for c in verb.children if c.dep_ == "agent" for a in c.children]
        if not (marked and agents and is_speech_verb(verb)):
            continue
        aside = {t.i for t in verb.subtree}
        claim = _claim([t for t in sentence_of(verb) if t.i not in aside], quotes)
        if claim is not None:
            speaker = resolve_speaker(source_of(agents[0]))
            statements.append({**speaker, "cue": verb.text, "kind": "indirect", **claim})
    return statements
