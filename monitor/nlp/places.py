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

from monitor.nlp.doc_cache import entity_at, text_of

PLACE_LABEL = "PLACE"
PLACES_FILE = "places.yaml"
PLACES_KEY = "monitor.places"
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
    cached = doc.user_data.get(PLACES_KEY)
    if cached is not None:
        return cached
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
    doc.user_data[PLACES_KEY] = spans
    return spans


def places_between(doc: Doc, start_char: int, end_char: int) -> list[Span]:
    """The places that begin in ``[start_char, end_char)``."""
    return [s for s in place_spans(doc) if start_char <= s.start_char < end_char]
