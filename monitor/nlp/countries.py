"""Countries referred to in a document, as ISO 3166-1 alpha-3 codes with counts."""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

import pycountry
from spacy.tokens import Doc, Span

from monitor.nlp.pipeline import COUNTRY_SPANS

EXTRA_NAMES = {"XKX": "Kosovo"}


@functools.lru_cache(maxsize=512)
def country_name(iso3: str) -> str:
    """The short English name of a country, as news writes it."""
    if iso3 in EXTRA_NAMES:
        return EXTRA_NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name


def country_spans(doc: Doc) -> list[Span]:
    return list(doc.spans.get(COUNTRY_SPANS, []))


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
