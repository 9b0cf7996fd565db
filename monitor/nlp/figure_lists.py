"""Figures written as lists of countries, and what a country name in a list hangs on.

"Germany (80 900), Hungary (32 700, or 15 per cent)": each figure inside a country's
brackets is that country's. "Haiti (960), Mexico (720) ... the top countries of
origin", "came from Syria (2 140), Afghanistan (1 585)": the items say where people
come from, not where they are counted. :mod:`monitor.nlp.figure_context` reads the
rest of a figure's country.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

# What may stand between a country and the figure that is its own: "Italy's 66,000",
# "Spain about 11,300", "Poland nearly 1 million", "Georgia with 880".
LIST_ITEM_GAP = re.compile(
    r"\s*(?:['’]s\s*|,?\s*with\s+)?(?:(?:about|around|roughly|nearly|almost|some|over|"
    r"under|just over|more than|fewer than|less than|at least|up to|close to)\s+)?"
)
QUALIFIER_REACH = 16
# "Colombia (2,158), Turkey (1,600) ... are among the top countries of origin": a list of
# where people come from, not of where they are counted.
ORIGIN_LIST = re.compile(
    r"\b(?:countr(?:y|ies) of origin|origin countries|citizenships?|nationalities)\b", re.I
)
# How far inside the brackets after a list item's country its own figures may stand:
# "Hungary (32 700, or 15 per cent)".
LIST_BRACKET_REACH = 40


def list_item_country(countries: list[Span], span: Span, text: str) -> str | None:
    """The country of a list item the figure belongs to: "Germany (80 900), Hungary
    (32 700, or 15 per cent)" gives each figure inside the brackets its country;
    "Italy's 66,000", "France received 11,900, Spain about 11,300": a country written
    right before its figure, in a list whose verb is left out."""
    listed = [
        c
        for c in countries
        if 0 <= span.start_char - c.end_char <= LIST_BRACKET_REACH
        and re.fullmatch(r"\s*\([^()]*", text[c.end_char : span.start_char])
    ]
    if listed:
        return listed[-1].id_
    near = [c for c in countries if 0 <= span.start_char - c.end_char <= QUALIFIER_REACH]
    if near and LIST_ITEM_GAP.fullmatch(text[near[-1].end_char : span.start_char]):
        return near[-1].id_
    return None


def _bracketed_item(country: Span, text: str) -> bool:
    """ "Colombia (2,158)": a country with a bracket opening right after it."""
    return text[country.end_char : country.end_char + 3].lstrip().startswith("(")


# Between one item of a bracketed list and the next: "(2 140), ", "(1 585) and the ".
NEXT_ITEM = re.compile(r"\s*\([^()]*\)\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+)?")


def origin_items(named: list[Span], sentence: Span, text: str) -> list[Span]:
    """The list items of a sentence that say where people come from: all of them under
    "the top countries of origin", else a list opened by "from" ("came from Syria (2
    140), Afghanistan (1 585)"), up to where the list ends."""
    items = [c for c in named if _bracketed_item(c, text)]
    if ORIGIN_LIST.search(sentence.text):
        return items
    origins: list[Span] = []
    for item in items:
        follows = bool(origins) and NEXT_ITEM.fullmatch(text, origins[-1].end_char, item.start_char)
        if governor_of(item).lower_ == "from" or follows:
            origins.append(item)
    return origins


def governor_of(country: Span) -> Token:
    """What a country name hangs on, through a list: "from Libya, Niger and Morocco"
    gives "from" for all three."""
    token = country.root
    # Through list items that are places ("Niger" may be read as a person's name).
    while (
        token.dep_ == "conj"
        and token.head.pos_ == "PROPN"
        and token.head.ent_type_ not in {"DATE", "TIME"}
    ):
        token = token.head
    return token.head


# Where a number's own place hangs: "4.5 million in Iran", "1,200 to Germany", "more
# than half in Poland".
SHARE_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths"})
NUMBER_PLACE_PREPOSITIONS = frozenset({"in", "on", "at", "to", "into", "inside"})


def number_placed(country: Span) -> Token | None:
    """The number a place is said of, when its preposition hangs on a number: "with
    4.5 million in Iran and 3.2 million in Pakistan" places each sum apart."""
    governor = governor_of(country)
    number = governor.head
    if governor.lower_ in NUMBER_PLACE_PREPOSITIONS and (
        number.like_num or number.pos_ == "NUM" or number.lower_ in SHARE_WORDS
    ):
        return number
    return None
