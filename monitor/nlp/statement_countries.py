"""The countries each statement is about: those named in its words or in the
sentences it sits in, kept apart from the country of the speaker.

An article about Belgian asylum policy may mention Afghanistan once; filtering
statements by their article's countries then returns every Belgian quote as
"about Afghanistan". A statement's own countries are found where a reader
finds them: in what was said and in the sentence that reports it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span

from monitor.nlp.actors import ActorIndex
from monitor.nlp.countries import country_spans
from monitor.nlp.doc_cache import sentences


def attach_statement_countries(
    doc: Doc, statements: Iterable[dict[str, Any]], actors: ActorIndex
) -> None:
    """Give each statement ``countries``: ISO alpha-3 codes in order of first mention.

    A country named inside the content always counts. One named elsewhere in
    the sentence counts unless it is the speaker's own country: in "the Belgian
    minister said returns to Afghanistan will resume", Belgium says who spoke
    (the actor's country, stored with the actor), Afghanistan what it is about.
    """
    spans = sorted(country_spans(doc), key=lambda span: span.start_char)
    span_starts = [span.start_char for span in spans]
    sentence_spans = sentences(doc)
    sentence_starts = [sentence.start_char for sentence in sentence_spans]
    for statement in statements:
        first, last = _sentence_range(
            sentence_spans, sentence_starts, statement["start"], statement["end"]
        )
        speaker = actors.actors.get(statement.get("speaker_id") or "")
        speaker_country = speaker.country if speaker is not None else None
        window = spans[bisect_left(span_starts, first) : bisect_right(span_starts, last)]
        statement["countries"] = _about(window, statement, speaker_country, last)


def _sentence_range(spans: list[Span], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Character range from the start of the sentence holding ``start`` to the end
    of the one holding the last character before ``end``."""
    if not spans:
        return start, end
    first = spans[max(0, bisect_right(starts, start) - 1)]
    last = spans[max(0, bisect_right(starts, max(start, end - 1)) - 1)]
    return min(first.start_char, start), max(last.end_char, end)


def _about(
    window: list[Span], statement: dict[str, Any], speaker_country: str | None, last: int
) -> list[str]:
    found: list[str] = []
    for span in window:
        if span.end_char > last:
            continue
        inside = statement["start"] <= span.start_char and span.end_char <= statement["end"]
        if not inside and span.id_ == speaker_country:
            continue
        if span.id_ not in found:
            found.append(span.id_)
    return found
