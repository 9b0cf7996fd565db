"""Places inside a state that migration news names instead of the state.

"1,247 people who arrived on Crete", "The Canary Islands registered 4,752
arrivals": islands where boats land, enclaves, border towns, regions and camps
say where a figure is as "in Greece" would. ``models/places.yaml`` lists them by
the state's code. They are read for figures only: the annotation rules count a
country as mentioned by its name, demonym or capital, never by a town in it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from spacy.tokens import Doc, Span

from monitor.nlp.doc_cache import entity_at, group_spans_starting_between, span_group, text_of

PLACE_LABEL = "PLACE"
PLACES_FILE = "places.yaml"
PLACE_SPANS = "places"  # the span group they are kept in, found once per document
# A place inside a longer name of a person or a body is not the place: "Ben Rhodes",
# "the Dover Harbour Board" (the small model may read the place alone as a body).
NOT_PLACES = frozenset({"PERSON", "ORG"})


@functools.lru_cache(maxsize=1)
def _places() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    from monitor.nlp.gazetteer import load_yaml
    from monitor.settings import Settings

    path = Path(Settings().models_dir) / PLACES_FILE
    entries = (load_yaml(path) if path.exists() else None) or {}
    codes = {name: code for code, names in entries.items() for name in names or []}
    if not codes:
        return None, {}
    # Longest first, so "Darién Gap" wins over "Darién".
    names = sorted(codes, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern, codes


def place_spans(doc: Doc) -> list[Span]:
    """The document's places of ``models/places.yaml``, each with its state's code as
    ``id_``, in text order (found once per document)."""
    if PLACE_SPANS not in doc.spans:
        doc.spans[PLACE_SPANS] = _find_places(doc)
    return span_group(doc, PLACE_SPANS)


def _find_places(doc: Doc) -> list[Span]:
    pattern, codes = _places()
    spans = []
    for match in pattern.finditer(text_of(doc)) if pattern is not None else ():
        span = doc.char_span(match.start(), match.end())
        if span is None or any(
            (named := entity_at(t)) is not None
            and named.label_ in NOT_PLACES
            and (named.start < span.start or named.end > span.end)
            for t in span
        ):
            continue
        spans.append(Span(doc, span.start, span.end, PLACE_LABEL, span_id=codes[match.group()]))
    return spans


def places_between(doc: Doc, start_char: int, end_char: int) -> list[Span]:
    """The places that begin in ``[start_char, end_char)``."""
    place_spans(doc)
    return group_spans_starting_between(doc, PLACE_SPANS, start_char, end_char)
