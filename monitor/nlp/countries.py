"""Countries referred to in a document, as ISO 3166-1 alpha-3 codes with counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Doc, Span

from monitor.country_names import country_name
from monitor.nlp.doc_cache import group_spans_starting_between, span_group
from monitor.nlp.pipeline import COUNTRY_SPANS


def country_spans(doc: Doc) -> list[Span]:
    """The document's country mentions in text order (listed once per document)."""
    return span_group(doc, COUNTRY_SPANS)


def countries_between(doc: Doc, start_char: int, end_char: int) -> list[Span]:
    """The country mentions that begin in ``[start_char, end_char)``."""
    return group_spans_starting_between(doc, COUNTRY_SPANS, start_char, end_char)


def countries_in(doc: Doc) -> list[dict[str, Any]]:
    """[{iso3, name, mentions}], most mentioned first (ties by code)."""
    counts = Counter(span.id_ for span in country_spans(doc))
    return [
        {"iso3": iso3, "name": country_name(iso3), "mentions": mentions}
        for iso3, mentions in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def country_near(doc: Doc, start_char: int, end_char: int) -> str | None:
    """The country mentioned inside a character range, or None."""
    for span in countries_between(doc, start_char, end_char):
        if span.end_char <= end_char:
            return span.id_
    return None
