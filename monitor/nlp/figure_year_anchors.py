"""Years a figure takes from what stands beside it in its sentence, before the
sentence's own dates are weighed (figure_year): the date a "when" clause hangs on,
a dated base its brackets follow, "a year earlier" after it."""

from __future__ import annotations

import re

from spacy.tokens import Span

from monitor.nlp.doc_cache import entities_starting_between, sentence_of, text_of
from monitor.nlp.figure_context import YEAR, Clause

# "(292 470)" right after "the fourth quarter of 2023": a base given in brackets
# after its own date.
BRACKETED_AFTER_DATE = re.compile(r"\s*\(\s*")
# "more than three times the 21,436 in the previous 12 months", "from 45,000 a year
# earlier": the year before the one the sentence is about.
YEAR_BEFORE_AFTER = re.compile(
    # Not past a year, or a "from" or "than" that brings in the other figure.
    r"(?:(?!\b(?:19|20)\d\d\b|\bfrom\b|\bcompared\b|\bthan\b)[^.;]){0,60}?"
    r"\b(?:a year (?:earlier|before)|the year before|"
    r"(?:in )?the (?:previous|preceding) (?:year|12 months|twelve months))\b",
    re.I,
)


def year_before_base(span: Span, sentence: Span, published_year: int | None) -> int | None:
    """The year before the last year the sentence states before the figure ("in the
    year to June 2024, more than three times the 21,436 in the previous 12 months"),
    or before the article's year when it states none."""
    text = text_of(span.doc)
    if not YEAR_BEFORE_AFTER.match(text, span.end_char, sentence.end_char):
        return None
    stated = YEAR.findall(text[sentence.start_char : span.start_char])
    base = int(stated[-1]) if stated else published_year
    return base - 1 if base is not None else None


# How many tokens before "when" the date it refers to may end, and how many dates
# back to look for one that states a year ("in 2002, the last full year ..., when").
WHEN_REACH = 12
WHEN_DATES = 2


def when_year(span: Span, clause: Clause) -> int | None:
    """ "Arrivals peaked in 2015, when more than a million people reached Greece": a
    figure in a "when" clause takes the year of the date the clause hangs on."""
    if clause.verb < 0:
        return None
    doc = span.doc
    verb = doc[clause.verb]
    when = next((c for c in verb.children if c.lower_ == "when" and c.i < span.start), None)
    if when is None:
        return None
    sentence = sentence_of(when)
    dates = [
        ent
        for ent in entities_starting_between(doc, sentence.start_char, when.idx)
        if ent.label_ == "DATE" and when.i - WHEN_REACH <= ent.end <= when.i
    ]
    for date in reversed(dates[-WHEN_DATES:]):
        match = YEAR.search(date.text)
        if match:
            return int(match.group(0))
    return None


def bracketed_after_date(span: Span, sentence: Span) -> int | None:
    """ "13% fewer than in 2023 (1 049 020)": a figure in brackets right after a date
    that states a year is that year's."""
    text = text_of(span.doc)
    for ent in entities_starting_between(span.doc, sentence.start_char, span.start_char):
        if ent.label_ == "DATE" and BRACKETED_AFTER_DATE.fullmatch(
            text, ent.end_char, span.start_char
        ):
            match = YEAR.search(ent.text)
            return int(match.group(0)) if match else None
    return None
