"""Countries referred to in a document, as ISO 3166-1 alpha-3 codes with counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Doc, Span

from monitor.country_names import country_name
from monitor.nlp.pipeline import COUNTRY_SPANS

COUNTRY_SPANS_KEY = "monitor.country_spans"


def country_spans(doc: Doc) -> list[Span]:
    """The document's country mentions, listed once: a SpanGroup builds a new Span
    for each member on every read, and this is read for every figure."""
    cached = doc.user_data.get(COUNTRY_SPANS_KEY)
    if cached is None:
        cached = doc.user_data[COUNTRY_SPANS_KEY] = list(doc.spans.get(COUNTRY_SPANS, []))
    return cached


def countries_in(doc: Doc) -> list[dict[str, Any]]:
    """[{iso3, name, mentions}], most mentioned first (ties by code)."""
    counts = Counter(span.id_ for span in country_spans(doc))
    return [
        {"iso3": iso3, "name": country_name(iso3), "mentions": mentions}
        for iso3, mentions in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def country_near(doc: Doc, start_char: int, end_char: int) -> str | None:
    """The country mentioned inside a character range, or None."""
    for span in country_spans(doc):
        if start_char <= span.start_char and span.end_char <= end_char:
            return span.id_
    return None
