"""What a figure belongs to: its country and its year.

A figure's country is where the counted people are or are going: a list item
takes its own country, people returned or deported take their nationality, a
figure about a bloc or the world has none, and a nationality alone ("Afghan
refugees") says who is counted, not where. Its year is the one its clause
states or anchors to the article's date, or one set at the head of the
paragraph; never a year that merely stands nearby ("since early 2021", "the
2023 law").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from monitor.nlp.countries import countries_between, country_spans
from monitor.nlp.doc_cache import (
    entities_starting_between,
    entities_within,
    entity_at,
    sentence_of,
    text_of,
    tokens_between,
)

YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


# A figure about a bloc or the world belongs to no country.
BLOC = re.compile(
    r"\b(?:EU\+?|E\.U\.|European Union|Europe|EU-wide|bloc|member states|worldwide|"
    r"world|global(?:ly)?|industriali[sz]ed (?:countries|nations)|the region|across "
    r"(?:the )?(?:continent|region)|Mediterranean|external borders?|"
    # "displaced within their own countries", "refugees in neighbouring countries":
    # people spread over several states.
    r"(?:their own|neighbou?ring|several|many|host|\d+) countries)\b"
)
LOCATIVE = frozenset({"in", "to", "into", "inside", "within", "at", "across", "reached", "entered"})


def country_of(
    doc: Doc, span: Span, default_country: str | None, kind: str = "count"
) -> str | None:
    sentence = sentence_of(span[0])
    nationalities = {t.i for ent in entities_within(sentence) if ent.label_ == "NORP" for t in ent}
    # "Afghan refugees", "Iraqi applications": a nationality says who is counted,
    # not where; the figure belongs to where they are or are going.
    countries = [
        c
        for c in countries_between(doc, sentence.start_char, sentence.end_char)
        if not any(t.i in nationalities for t in c)
    ]
    text = text_of(doc)
    # "Germany (80 900), Hungary (32 700)": each list item takes its own country.
    listed = [
        c
        for c in countries
        if 0 <= span.start_char - c.end_char <= 3 and "(" in text[c.end_char : span.start_char]
    ]
    if listed:
        return listed[-1].id_
    # "Italy's 66,000", "Italian arrivals": a country attached to the figure itself.
    near = [c for c in countries if 0 <= span.start_char - c.end_char <= 3]
    if near and text[near[-1].end_char : span.start_char].strip() in {"'s", "’s", ""}:
        return near[-1].id_
    clause = _clause(span)
    returned = _returned_home(doc, span, clause)
    if returned is not None:
        return returned
    # "deported from South Africa", "returned from Yemen": where the people left is
    # not where the figure belongs.
    countries = [c for c in countries if c.root.head.lower_ not in {"from", "of"}]
    located = [
        c
        for c in countries
        if clause[0] <= c.start_char < clause[1]
        and c.root.head.lower_ in LOCATIVE | {"'s", "’s"}
        or clause[0] <= c.start_char < clause[1]
        and c.root.dep_ in {"amod", "poss"}
        and c.root.head.i in {t.i for t in span.root.head.subtree}
    ]
    if located:
        return min(located, key=lambda c: abs(c.start_char - span.start_char)).id_
    scope = text[clause[0] : clause[1]]
    if BLOC.search(scope):
        return None
    if kind == "money":
        return None  # money belongs to the state that receives it, named as such
    distinct = {c.id_ for c in countries}
    if len(distinct) == 1:
        return distinct.pop()
    if not distinct and not BLOC.search(sentence.text) and not _bloc_just_before(sentence):
        return default_country
    return None


def _bloc_just_before(sentence: Span) -> bool:
    """ "... crossings of the Mediterranean. In 2022, 2 406 persons died": a sentence
    that names no place continues the one before; a bloc or region named there, and
    no country, keeps the article's country off the figure."""
    doc = sentence.doc
    if sentence.start == 0:
        return False
    previous = sentence_of(doc[sentence.start - 1])
    text = text_of(doc)
    if "\n" in text[previous.start_char : sentence.start_char].strip(" "):
        return False  # another paragraph
    named = countries_between(doc, previous.start_char, previous.end_char)
    return not named and bool(BLOC.search(previous.text))


RETURN_VERBS = frozenset("return deport repatriate expel remove send go come".split())


def _returned_home(doc: Doc, span: Span, clause: tuple[int, int]) -> str | None:
    """ "17,000 Zimbabweans have been deported", "300 Ethiopian migrants returned": people
    sent or going home belong to the country of their nationality."""
    verbs = {t.lemma_.lower() for t in tokens_between(doc, *clause) if t.pos_ in {"VERB", "AUX"}}
    if not verbs & RETURN_VERBS:
        return None
    head = span.root.head if span.root.dep_ in {"nummod", "quantmod"} else span.root
    phrase = {t.i for t in head.subtree} | {head.i}
    for country in country_spans(doc):
        nationality = entity_at(doc[country.start])
        if country.start in phrase and nationality is not None and nationality.label_ == "NORP":
            return country.id_
    return None


def _clause(span: Span) -> tuple[int, int]:
    """Character range of the clause a figure sits in: its verb's subtree, without
    other clauses hanging off it."""
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        sentence = sentence_of(span[0])
        return sentence.start_char, sentence.end_char
    skip = {
        t.i
        for child in verb.children
        if child.dep_ in {"ccomp", "advcl", "conj", "relcl", "parataxis"}
        and not (child.i <= span.root.i <= max(x.i for x in child.subtree))
        for t in child.subtree
    }
    tokens = [t for t in verb.subtree if t.i not in skip]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


# "now", "currently", "so far": the time of writing.
NOW = re.compile(r"\b(?:now|currently|so far|to date|at present|this year)\b", re.I)
RELATIVE_YEARS = {"this year": 0, "last year": -1, "next year": 1, "previous year": -1}
NOT_THE_YEAR_BEFORE = re.compile(
    r"\b(?:since|until|till|before|after|by|from|as of)\s+"
    r"(?:early |late |mid-?|the end of |the start of )?$",
    re.I,
)


def year_of(span: Span, published_year: int | None) -> int | None:
    """The year a figure refers to: stated in its clause, else in its sentence, or
    anchored to the article's year; never a year that merely stands nearby ("since
    early 2021", "the 2023 law")."""
    doc = span.doc
    text = text_of(doc)
    start, end = _clause(span)
    sentence = sentence_of(span[0])
    # The clause first: "In 2022, 2 406 died and for 2023 the figure is 1 875" gives
    # each number its own year. A sentence that dates the event once ("struck a deal
    # last month to accept 4,000 ..., while Malaysia would hold 800") dates both.
    for low, high in ((start, end), (sentence.start_char, sentence.end_char)):
        stated = _stated_years(span, low, high, published_year)
        if stated:
            return min(stated)[1]
        if published_year is not None and NOW.search(text[low:high]):
            return published_year
    return _paragraph_year(sentence, published_year)


BOUNDARY_WORDS = frozenset({"since", "until", "till", "before", "after"})


def _inside_since_phrase(date: Span) -> bool:
    """ "Since the implementation of Operation Sovereign Borders in 2013": a date deep
    in a phrase that starts a period is that period's bound, not the figure's year."""
    token = date.root
    for _ in range(6):
        if token.dep_ not in {"pobj", "prep", "pcomp", "compound", "nmod", "npadvmod"}:
            return False
        token = token.head
        if token.lower_ in BOUNDARY_WORDS:
            return True
    return False


def _stated_years(
    span: Span, low: int, high: int, published_year: int | None
) -> list[tuple[int, int]]:
    """(distance from the figure, year) for each date between ``low`` and ``high``
    that can be the figure's."""
    doc = span.doc
    text = text_of(doc)
    sentence = sentence_of(span[0])
    candidates: list[tuple[int, int]] = []
    for ent in entities_starting_between(doc, low, high):
        # TIME: "this morning", "on Tuesday night" happened in the article's year.
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        lowered = ent.text.lower()
        before = text[max(sentence.start_char, ent.start_char - 25) : ent.start_char]
        if NOT_THE_YEAR_BEFORE.search(before) or _inside_since_phrase(ent):
            continue
        following = doc[ent.end] if ent.end < len(doc) else None
        if following is not None and following.pos_ == "NOUN" and YEAR.fullmatch(ent.text.strip()):
            continue  # "the 2023 law"
        match = YEAR.search(ent.text)
        if match:
            candidates.append((abs(ent.start_char - span.start_char), int(match.group(0))))
            continue
        if published_year is not None:
            offset = next((o for phrase, o in RELATIVE_YEARS.items() if phrase in lowered), 0)
            # "last month", "in August", "on Tuesday", "the first half of the year":
            # a time in the article's own year.
            candidates.append((abs(ent.start_char - span.start_char), published_year + offset))
    return candidates


def _paragraph_year(sentence: Span, published_year: int | None) -> int | None:
    """ "In 2025, applications rose. Out of 34,000 applications ...": a year set at the
    head of an earlier sentence of the same paragraph still holds."""
    doc = sentence.doc
    text = text_of(doc)
    paragraph_start = text.rfind("\n", 0, sentence.start_char) + 1
    heads = [
        ent
        for ent in entities_starting_between(doc, paragraph_start, sentence.start_char)
        if ent.label_ == "DATE"
        and sentence_of(ent[0]).start <= ent.start <= sentence_of(ent[0]).start + 1
    ]
    if not heads:
        return None
    match = YEAR.search(heads[-1].text)
    if match:
        return int(match.group(0))
    lowered = heads[-1].text.lower()
    for phrase, offset in RELATIVE_YEARS.items():
        if phrase in lowered and published_year is not None:
            return published_year + offset
    return None
