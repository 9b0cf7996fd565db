"""Countries referred to in a document, as ISO 3166-1 alpha-3 codes with counts."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from monitor.country_names import country_name
from monitor.nlp.doc_cache import group_spans_starting_between, sentences, span_group, text_of
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


# How much one mention of a country says the article is about it. A mention in the
# headline or lead counts more than one further down; a state that acts (the subject
# of a clause, or the holder of the subject: "Australia's navy") or a place where
# things happen ("arrived in Italy") more than a nationality ("Afghan refugees"), which
# says who is concerned, or a place people left ("returned from Libya").
LEAD_SENTENCES = 2
LEAD_WEIGHT = 2.0
ACTOR_WEIGHT = 1.5
NATIONALITY_WEIGHT = 0.5
ORIGIN_WEIGHT = 0.5
ORIGIN_GOVERNORS = frozenset({"from", "of"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


# "WASHINGTON - ...", "DUBLIN (Meridian Wire) – ...", "GENEVA, Switzerland —": a wire
# report's dateline, the place the story is filed from, is where it happens more
# often than not. It opens one of the first paragraphs, in capitals; the parser
# often misses a city in capitals, so it is looked up among the place names.
DATELINE_WEIGHT = 4.0
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,30}?)(?:,[^\n,()–—-]{1,30})?\s*(?:\([^)\n]{1,40}\)\s*)?"
    r"[-–—]",
    re.M,
)
DATELINE_REACH = 1500


@functools.lru_cache(maxsize=4)
def place_codes(models_dir: str) -> dict[str, str]:
    """Country, capital and city names of the country patterns, each to its code."""
    path = Path(models_dir) / "patterns" / "countries.jsonl"
    if not path.exists():
        return {}
    codes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if isinstance(entry.get("pattern"), str):
            codes.setdefault(entry["pattern"], entry["id"])
    return codes


def dateline_country(text: str, places: dict[str, str]) -> str | None:
    """The country of the place a report is filed from, when its dateline names one."""
    for match in DATELINE.finditer(text[:DATELINE_REACH]):
        place = match.group("place").strip()
        code = places.get(place) or places.get(place.title())
        if code:
            return code
    return None


def _mention_weight(span: Span, lead_end: int) -> float:
    root = span.root
    weight = LEAD_WEIGHT if span.start < lead_end else 1.0
    if root.ent_type_ == "NORP":
        return weight * NATIONALITY_WEIGHT
    if root.dep_ in SUBJECT_DEPS or root.dep_ == "poss" and root.head.dep_ in SUBJECT_DEPS:
        return weight * ACTOR_WEIGHT
    if root.dep_ == "pobj" and root.head.lower_ in ORIGIN_GOVERNORS:
        return weight * ORIGIN_WEIGHT
    return weight


def salient_country(doc: Doc, places: dict[str, str] | None = None) -> str | None:
    """The country the article is most about: its mentions weighted by where they
    stand (dateline, headline and lead) and what they do in their clause, ties to
    the first mentioned. Counting names alone lets a country named often as a
    destination ("returned to Mexico") outweigh the one whose policy the article
    reports from its capital ("WASHINGTON - The Department of Homeland Security").
    ``places`` (from :func:`place_codes`) lets the dateline count."""
    spans = country_spans(doc)
    if not spans:
        return None
    sents = sentences(doc)
    lead_end = sents[min(LEAD_SENTENCES, len(sents)) - 1].end if sents else 0
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for span in spans:
        scores[span.id_] = scores.get(span.id_, 0.0) + _mention_weight(span, lead_end)
        first.setdefault(span.id_, span.start)
    filed_from = dateline_country(text_of(doc), places or {})
    if filed_from in scores:  # a dateline abroad of every place the text names says little
        scores[filed_from] += DATELINE_WEIGHT
    return max(scores, key=lambda iso3: (scores[iso3], -first[iso3]))
