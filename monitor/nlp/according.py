"""Claims sourced with "according to": the source speaks, the rest of the sentence
is what it claims."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

from monitor.nlp.doc_cache import sentence_of, text_of
from monitor.nlp.quotes import Quote
from monitor.nlp.speaker_phrases import source_of
from monitor.nlp.speech import strip_that


def according_to(
    doc: Doc, quotes: list[Quote], resolve_speaker: Callable[[Token], dict[str, Any]]
) -> list[dict[str, Any]]:
    """ "According to UNHCR, arrivals doubled": the rest of the sentence is the
    source's claim."""
    statements = []
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc):
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if to.lower_ != "to" or not objects:
            continue
        source_tokens = list(objects[0].subtree)
        sentence = sentence_of(token)
        phrase_end = source_tokens[-1].i + 1
        rest = [t for t in sentence if not (token.i <= t.i < phrase_end)]
        rest = strip_that([t for t in rest if not (t.is_punct and t.i == phrase_end)])
        if len(rest) < 3:
            continue
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
        if any(q.start < end and start < q.end for q in quotes):
            continue
        statements.append(
            {
                **resolve_speaker(source_of(objects[0])),
                "cue": "according to",
                "kind": "according_to",
                "content": text_of(doc)[start:end],
                "start": start,
                "end": end,
            }
        )
    return statements
