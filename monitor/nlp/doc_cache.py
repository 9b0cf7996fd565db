"""Per-document caches for values spaCy recomputes on every access.

``doc.text`` joins every token each time it is read, and ``token.sent`` walks
the document to find its sentence; read for every figure and statement, both
made analysis quadratic in the length of the text. Here each is computed once
per document (kept in ``doc.user_data``) and sentences are found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

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


def earlier_in_paragraph(sentence: Span, limit: int) -> Iterator[Span]:
    """Up to ``limit`` sentences before ``sentence`` in its paragraph, nearest first."""
    doc = sentence.doc
    text = text_of(doc)
    current = sentence
    for _ in range(limit):
        if current.start == 0:
            return
        previous = sentence_of(doc[current.start - 1])
        if "\n" in text[previous.start_char : current.start_char].strip(" "):
            return  # another paragraph
        yield previous
        current = previous


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


# --- entities ------------------------------------------------------------------
# ``doc.ents`` builds a new Span for every entity on each read, and ``span.ents``
# walks all of the document's entities to pick those inside the span. Read once
# per figure or statement, each made analysis quadratic. Entities do not overlap
# and come in order, so the ones in a range are found by bisection.

ENTITIES_KEY = "monitor.entities"


def _entities(doc: Doc) -> tuple[list[int], list[int], list[Span]]:
    cached = doc.user_data.get(ENTITIES_KEY)
    if cached is None:
        spans = list(doc.ents)
        cached = ([span.start for span in spans], [span.start_char for span in spans], spans)
        doc.user_data[ENTITIES_KEY] = cached
    return cached


def entities(doc: Doc) -> list[Span]:
    """``doc.ents``, built once (the analysis never changes them)."""
    return _entities(doc)[2]


def entities_starting(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities whose first token lies in ``doc[start:end]``."""
    starts, _, spans = _entities(doc)
    return spans[bisect_left(starts, start) : bisect_left(starts, end)]


def entities_within(span: Span) -> list[Span]:
    """``span.ents``: the entities wholly inside the span."""
    return [e for e in entities_starting(span.doc, span.start, span.end) if e.end <= span.end]


def entities_starting_between(doc: Doc, start_char: int, end_char: int) -> list[Span]:
    """Entities whose first character lies in ``[start_char, end_char)``."""
    _, char_starts, spans = _entities(doc)
    return spans[bisect_left(char_starts, start_char) : bisect_left(char_starts, end_char)]


def entity_at(token: Token) -> Span | None:
    """The entity that holds ``token``, or None."""
    starts, _, spans = _entities(token.doc)
    index = bisect_right(starts, token.i) - 1
    if index >= 0 and token.i < spans[index].end:
        return spans[index]
    return None


PERSON_WORDS_KEY = "monitor.person_words"


def person_name_words(doc: Doc) -> frozenset[str]:
    """The capitalised words of the names the text gives people ("Claire",
    "Desrochers"), built once: a surname alone that the tagger took for a common
    noun ("Desrochers acknowledged ...") is still one of them."""
    words = doc.user_data.get(PERSON_WORDS_KEY)
    if words is None:
        words = frozenset(
            t.text for e in entities(doc) if e.label_ == "PERSON" for t in e if t.is_title
        )
        doc.user_data[PERSON_WORDS_KEY] = words
    return words


def tokens_between(doc: Doc, start_char: int, end_char: int) -> list[Token]:
    """The tokens that begin in ``[start_char, end_char)``, found without a walk of
    the whole document."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return [t for t in doc if start_char <= t.idx < end_char]
    first = span.start - 1 if span.start > 0 else 0
    return [t for t in doc[first : span.end + 1] if start_char <= t.idx < end_char]


# --- span groups ---------------------------------------------------------------
# A SpanGroup (``doc.spans[key]``: the country and institution matches) builds a
# new Span for each member every time it is read; read for every statement and
# figure, that was quadratic too. Each group is listed once, in text order.

SPAN_GROUP_KEY = "monitor.spans."


def _span_group(doc: Doc, key: str) -> tuple[list[Span], list[int], list[int], int]:
    cached = doc.user_data.get(SPAN_GROUP_KEY + key)
    if cached is None:
        spans = sorted(doc.spans.get(key, []), key=lambda span: (span.start, span.end))
        cached = (
            spans,
            [span.start for span in spans],
            [span.start_char for span in spans],
            max((len(span) for span in spans), default=0),
        )
        doc.user_data[SPAN_GROUP_KEY + key] = cached
    return cached


def span_group(doc: Doc, key: str) -> list[Span]:
    """The spans of ``doc.spans[key]`` in text order, built once."""
    return _span_group(doc, key)[0]


def group_spans_overlapping(doc: Doc, key: str, start: int, end: int) -> list[Span]:
    """The group's spans that share a token with ``doc[start:end]``."""
    spans, starts, _, longest = _span_group(doc, key)
    window = spans[bisect_left(starts, start - longest) : bisect_left(starts, end)]
    return [span for span in window if span.start < end and start < span.end]


def group_spans_starting_between(doc: Doc, key: str, start_char: int, end_char: int) -> list[Span]:
    """The group's spans whose first character lies in ``[start_char, end_char)``."""
    spans, _, char_starts, _ = _span_group(doc, key)
    return spans[bisect_left(char_starts, start_char) : bisect_left(char_starts, end_char)]
