"""Per-document caches for values spaCy recomputes on every access.

``doc.text`` joins every token each time it is read, and ``token.sent`` walks
the document to find its sentence; read for every figure and statement, both
made analysis quadratic in the length of the text. Here each is computed once
per document (kept in ``doc.user_data``) and sentences are found by bisection.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

USER_DATA_KEY = "monitor.sentences"
TEXT_KEY = "monitor.text"


def _sentences(doc: Doc) -> tuple[list[int], list[Span]]:
    cached = doc.user_data.get(USER_DATA_KEY)
    if cached is None:
        spans = list(doc.sents)
        cached = ([span.start for span in spans], spans)
        doc.user_data[USER_DATA_KEY] = cached
    return cached


def sentence_of(token: Token) -> Span:
    """The sentence that holds ``token``."""
    starts, spans = _sentences(token.doc)
    return spans[bisect_right(starts, token.i) - 1]


def sentences(doc: Doc) -> list[Span]:
    return _sentences(doc)[1]


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
