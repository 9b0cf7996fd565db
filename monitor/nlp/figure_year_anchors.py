"""Years a figure takes from what stands beside it in its sentence, before the
sentence's own dates are weighed (figure_year): the date a "when" clause hangs on,
a dated base its brackets follow, "a year earlier" after it; and the dates that are
not its own: another figure's, after a comparison, and a span of two years."""

from __future__ import annotations

import re

from spacy.tokens import Span

from monitor.nlp.doc_cache import entities_starting_between, sentence_of, text_of
from monitor.nlp.figure_context import YEAR, Clause

# A number and nothing else, which the tagger may read as a date ("Venezuelans
# (20 175)"): a date only when it is a year.
BARE_NUMBER = re.compile(r"\d[\d\s,.]*")
A_FALL = re.compile(r"an? (?:\w+ )?fall", re.I)  # "a sharp fall"; "the fall" may be autumn
CHANGE_PREPOSITION = re.compile(r"\s+(?:by|of|in)\b")
# "the same period of 2025": a date without a year that the next words give one.
YEAR_FOLLOWS = re.compile(r"\s+(?:(?:of|in)\s+)?(?:19|20)\d\d\b")
# "more than a quarter of the people": a share the tagger may read as a period.
SHARE_READ_AS_DATE = re.compile(
    r"(?:(?:more|less|fewer) than |nearly |almost |about |around |some )?"
    r"(?:a|one|two|three) (?:quarter|third|half)s?",
    re.I,
)
# "€7,500 a year", "arriving every day", "per month": how often, not when.
RATE = re.compile(r"(?:a|an|per|each|every) (?:year|month|week|day|night)", re.I)
RELATIVE_YEARS = {"this year": 0, "last year": -1, "next year": 1, "previous year": -1}
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


def when_year(span: Span, clause: Clause, published_year: int | None = None) -> int | None:
    """ "Arrivals peaked in 2015, when more than a million people reached Greece": a
    figure in a "when" clause takes the year of the date the clause hangs on, also
    one the article's date anchors ("a drop compared to last year, when more than
    25,000 people had crossed")."""
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
        relative = RELATIVE_YEARS.get(date.text.lower().removeprefix("the ").strip())
        if relative is not None and published_year is not None:
            return published_year + relative
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


# "19,257 arrived, compared to 7,213 on 150 boats during the same period last year":
# a date after a comparison that brings in another figure (not a bare year) is that
# figure's time, for the other figures of the sentence and for the passage alike.
COMPARED_WITH_FIGURE = re.compile(
    r"\b(?:compared (?:with|to)|in comparison (?:with|to)|versus|vs\.?)\s+"
    r"(?:about |around |some |nearly |almost |more than |over |just |only )?"
    r"(?:[€$£]|EUR |USD )?(?!(?:19|20)\d\d\b)\d[^.;!?]{0,50}$",
    re.I,
)
COMPARED_WITH_FIGURE_REACH = 90  # characters before the date
# "died between 2014 and 2018", "between February 2022 and February 2025": a total
# over a span of two different years (months of one year date the figure: "between
# May and July 2024"); a range of figures ("from 5,500 to 9,300 between 2017 and
# 2018") pairs its ends with the years instead.
BETWEEN_YEARS = re.compile(
    r"\bbetween (?:[a-z]+ ){0,2}(?P<first>(?:19|20)\d\d) and (?:[a-z]+ ){0,2}"
    r"(?P<last>(?:19|20)\d\d)\b",
    re.I,
)


def between_two_years(date: Span, sentence: Span) -> re.Match[str] | None:
    """The "between ... and ..." of years that ``date`` stands in, if any (the tagger
    reads "between February 2022 and February 2025" as two dates)."""
    offset = date.start_char - sentence.start_char
    return next(
        (m for m in BETWEEN_YEARS.finditer(sentence.text) if m.start() <= offset < m.end()),
        None,
    )


def compared_with_figure(before: str) -> bool:
    """Whether ``before`` (the text up to a date) ends in a comparison with another
    figure: "compared to 7,213 on 150 boats during" the same period last year."""
    return COMPARED_WITH_FIGURE.search(before[-COMPARED_WITH_FIGURE_REACH:]) is not None


# "FY 2025", "FY2024", "FY25": a government's fiscal year, named after the calendar
# year it ends in. The small model seldom tags it as a date.
FISCAL_YEAR = re.compile(r"\bFY\s?(?P<year>(?:19|20)\d\d|\d\d)\b")


def fiscal_year(span: Span, clause: Clause) -> int | None:
    """The one fiscal year the figure's own clause names, if it names one."""
    text = text_of(span.doc)
    named = {
        int(found["year"]) if len(found["year"]) == 4 else 2000 + int(found["year"])
        for found in FISCAL_YEAR.finditer(text, clause.start, clause.end)
    }
    return named.pop() if len(named) == 1 else None
