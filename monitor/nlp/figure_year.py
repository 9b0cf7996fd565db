"""The year a figure refers to.

Stated in the figure's own clause, else in its sentence, or anchored to the
article's date ("this year", "last year", "a year ago", "since January"); a figure
in a "when" clause takes the year the clause hangs on; an undated sentence goes on
in the year set at the head of its paragraph or stated in the sentence before it.
Never a year that merely stands nearby: a period's bound ("since early 2021",
"since the invasion in February 2022"), a base of comparison ("compared with 2017",
"down 19 percent on 2024"), a date naming a thing ("the 2023 law", "the June
shipwreck"), a span of years ("in the last three years", "over the next five
years", "the 2024-25 financial year"), a rate ("a year", "every day") or the date of
another figure ("from 59 percent a year earlier", "801 in 2016, 683 in 2017"; "€6
billion in funding, €3 billion in 2016"). A total kept up "since" something is no
year's unless that something lies in the article's year ("since January 1", "since
Friday"); one "between 2014 and 2018" is no year's; a period opened by "from" within
one year ("from April to June 2019") dates it. A figure in brackets right after a
dated base ("than in 2023 (1 049 020)") is that date's.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from monitor.nlp.doc_cache import (
    earlier_in_paragraph,
    entities_starting_between,
    entities_within,
    sentence_of,
    text_of,
)
from monitor.nlp.figure_context import LOOKBACK_SENTENCES, YEAR, Clause, clause_of
from monitor.nlp.figure_year_anchors import (
    A_FALL,
    BARE_NUMBER,
    CHANGE_PREPOSITION,
    RATE,
    RELATIVE_YEARS,
    SHARE_READ_AS_DATE,
    YEAR_FOLLOWS,
    between_two_years,
    bracketed_after_date,
    compared_with_figure,
    fiscal_year,
    when_year,
    year_before_base,
)

# "This year" anchors a figure to the article's year. "Now" and "currently" do not:
# the real-text gold (open-news, figure news, fresh real excerpts) gives a present
# state with no time phrase no year (docs/annotation.md, Figures).
THIS_YEAR = re.compile(r"\bthis year\b", re.I)
PRESENT = re.compile(r"\b(?:now|currently|at present)\b", re.I)
# Words that put a span of time in a year: "the first six months of the year".
A_YEAR = re.compile(r"\b(?:the|this|last|next|previous) year\b", re.I)
# "since early 2021", "compared with 2017", "than in 2015", "since the 2008 crash":
# a period's bound or a base of comparison, not the figure's year.
NOT_THE_YEAR_BEFORE = re.compile(
    r"\b(?:since|until|till|before|after|from|compared (?:with|to)|than(?: in| for)?|"
    r"in comparison (?:with|to)|relative to|versus|vs\.?|"
    r"(?:increase|rise|decrease|drop|fall|decline|jump|up|down|higher|lower) over)\s+"
    r"(?:the )?(?:early |late |mid-?|the end of |the start of )?$",
    re.I,
)
# "an 18% increase over 2022", "11% lower than for 2022": a base of comparison.
COMPARED = re.compile(
    r"\b(?:compared (?:with|to)|than(?: in| for)?|in comparison (?:with|to)|relative to|"
    r"versus|vs\.?|"
    r"(?:increase|rise|decrease|drop|fall|decline|jump|up|down|higher|lower) over)\s+(?:the )?$",
    re.I,
)
# "from April to June 2019", "from June 1-28": "from" opens a period that lies within
# one year, which dates the figure; it is no bound.
MONTH_NAME = re.compile(
    r"\b(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\b", re.I
)
WITHIN_A_YEAR = re.compile(r"\s(?:to|until|through)\s|\d\s*[-–]\s*\d")
# "by the end of 2022": written after it, a date; "by 2030" is a target.
END_OF = re.compile(r"\bby (?:the )?end of\b", re.I)
# "from 5,500 to 9,300": the first end of a range of figures.
RANGE_START = re.compile(r"\s*(?:to|-|–)\s*\d")
# "801 in 2016, 683 in 2017": a date right after a figure is that figure's.
OWN_DATE_BETWEEN = re.compile(r"\s*(?:in|during)\s+(?:the (?:whole |first |second )?)?")
OTHER_FIGURE_DATE_BEFORE = re.compile(
    r"(?P<number>\d(?:[\d,.]*\d)?\s*(?:%|per ?cent|percent|million|billion|bn|m)?)\s+"
    r"(?:in|during)\s+$"
)
TO_LEVEL = re.compile(r"\s*(?:to|[-–])\s*(?:(?:about|around|some|nearly|almost|over|just)\s+)?")
# What stands between one list item's date and the next item: "801 in 2016, 683".
LIST_ITEM_JOIN = re.compile(r"\s*(?:,|,?\s*and)\s*")
# "up 9 percent on the same period last year", "down 23% on last year": "on" before a
# past period is a base of comparison ("on Tuesday" is not).
ON_BASE = re.compile(
    r"\bon\s+(?P<same>the same (?:period|months|weeks|quarter|time) (?:of|in)\s+)?$", re.I
)
BASE_PERIOD = re.compile(r"\b(?:last|previous) year\b|\bsame period\b|\byear earlier\b", re.I)
A_YEAR_BACK = re.compile(r"\b(?:last|previous) year\b", re.I)
# "down from 63,800 in the same period of 2025": a date right after a base figure is
# that figure's.
BASE_FIGURE_DATE = re.compile(
    r"\b(?:from|than|with)\s+(?:about |around |some |nearly |almost |more than )?"
    r"(?P<number>(?:[€$£]|EUR |USD )?\d[\d,.\s]*(?:%|per ?cent|percent|million|billion|bn|m)?)"
    r"\s*(?:[a-z]+\s+){0,2}?(?:in|during|over)\s+(?:the same \w+ (?:of|in)\s+)?$",
    re.I,
)
BASE_REACH = 60
LAST_YEAR = frozenset({"last year", "the previous year", "previous year", "a year earlier"})
SINCE_THIS_YEAR = re.compile(
    r"(?:\d{1,2} )?(?:early |late |mid-?)?(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    r"(?: \d{1,2}(?:st|nd|rd|th)?)?|the (?:start|beginning) of (?:the|this) (?:year|month)|"
    # "since the start of April": a month of the article's year.
    r"the (?:start|beginning) of (?:jan|febr|march|april|may|june|july|aug|sept|oct|nov|dec)\w*|"
    # "since Friday": a count kept over the last few days.
    r"(?:last )?(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    re.I,
)
# "since the Russian invasion in ", "since the start of ": an event's date that opens
# a period, up to the date.
SINCE_AN_EVENT = re.compile(r"\bsince the [\w'’ -]{1,40}? (?:in|of|on) $", re.I)
SINCE_REACH = 60
YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)\d\d|\d\d)\b")
# "by 2030" is a target; "by the end of the year" still dates a figure of this year.
BY_BEFORE = re.compile(r"\bby\s+(?:early |late |mid-?|the end of |the start of )?$", re.I)
# "the last three years", "in five years", "€550 million over the next four years":
# a span of years, not a time in the article's year, whether it looks back or ahead
# (a sum committed over several years belongs to none of them). A span of weeks or
# months lies about in the article's year ("in the last 40 days").
DURATION = re.compile(r"\b(?:years|decades)\b", re.I)
# "a reception centre built for 400 people", "shelters with room for 1,000": what a
# place can hold is a standing property, dated only by a year in its own clause
# ("exceeded its capacity of 2,000 this year"), never by a day of the week or the
# paragraph's year (the capacities in the figure-news and fresh gold have none).
CAPACITY_BEFORE = re.compile(
    r"\b(?:(?:built|designed|meant|intended|equipped)\s+(?:for|to\s+(?:hold|house|accommodate))|"
    r"capacity\s+(?:of|for)|room\s+for)\s+"
    r"(?:(?:fewer|less|more) than\s+|up to\s+|about\s+|around\s+|some\s+|nearly\s+)?$",
    re.I,
)
UNKNOWN_YEAR = 0
# "rose to 38 percent, up from 27 percent a year earlier": a date right after the
# figure a change started from belongs to that figure.
FROM_OTHER_FIGURE = re.compile(
    r"\bfrom\s+(?:about |around |some |nearly )?(?:[€$£]|EUR |USD )?\d[\d,.\s]*"
    r"(?:%|per ?cent|percent|million|billion|bn|m)?\s*$",
    re.I,
)
AGO = re.compile(r"\b(?P<count>a|an|one|two|three|four|five|\d+) years? (?:ago|earlier)\b", re.I)
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# "the 2008 financial crash": a year naming something.
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "this", "that"})
# How far before a figure "to" marks it as the end of a range ("from 5,500 to 9,300").
RANGE_END_REACH = 4


def year_of(span: Span, published_year: int | None, written_year: int | None = None) -> int | None:
    """The year a figure refers to: stated in its clause, else in its sentence, or
    anchored to the article's year; never a year that merely stands nearby ("since
    early 2021", "the 2023 law"). ``written_year``, for an article without a
    publication date, is the year its own text dates it to: it anchors only "this
    year" and "last year", which name a year outright."""
    clause = clause_of(span)
    sentence = sentence_of(span[0])
    when = (
        when_year(span, clause, published_year)
        or fiscal_year(span, clause)
        or bracketed_after_date(span, sentence)
        or year_before_base(span, sentence, published_year)
    )
    if when is not None:
        return when
    # The clause first: "In 2022, 2 406 died and for 2023 the figure is 1 875" gives
    # each number its own year. A sentence that dates the event once ("struck a deal
    # last month to accept 4,000 ..., while Malaysia would hold 800") dates both.
    scopes = (
        (clause.start, clause.end, clause.tokens, clause.text),
        (sentence.start_char, sentence.end_char, None, sentence.text),
    )
    before = text_of(span.doc)[max(sentence.start_char, span.start_char - 40) : span.start_char]
    if CAPACITY_BEFORE.search(before) and not (
        YEAR.search(clause.text) or A_YEAR.search(clause.text)
    ):
        return None  # only a year in its own clause dates what a place can hold
    for low, high, inside, words in scopes:
        stated = _stated_years(span, low, high, published_year, inside, written_year)
        if stated:
            # The nearest date; a span of years or an undated "this year" leaves the
            # figure without a year rather than borrowing another clause's.
            distance, year = min(stated)
            if distance >= COHORT_PENALTY and PRESENT.search(words):
                return None  # "refugees who came in 2015 are now in work": not 2015's
            return None if year == UNKNOWN_YEAR else year
        if published_year is not None and THIS_YEAR.search(words):
            return published_year
        if inside is not None and _running_total(span, clause):
            # "3,000 people have been returned since the deal was struck": a total kept
            # since a time before this year (one within it was dated above).
            return None
    # "Captains face fines of up to €10,000": a figure in the present tense, with no
    # time of its own, states what holds, not what happened in an earlier sentence's year.
    if _present_tense(span, clause):
        return None
    return _paragraph_year(sentence, published_year)


def _running_total(span: Span, clause: Clause) -> bool:
    """Whether the figure's verb is kept up "since" something: "have been returned
    since the deal was struck", "since 2014"."""
    if clause.verb < 0:
        return False
    verb = span.doc[clause.verb]
    return any(
        child.lower_ == "since"
        or child.dep_ == "advcl"
        and any(
            grandchild.lower_ == "since" and grandchild.dep_ == "mark"
            for grandchild in child.children
        )
        for child in verb.children
    )


BOUNDARY_WORDS = frozenset({"since", "until", "till", "before", "after"})


def _inside_since_phrase(date: Span) -> bool:
    """ "Since the implementation of Operation Sovereign Borders in 2013": a date deep
    in a phrase that starts a period is that period's bound, not the figure's year,
    however the parse hangs it ("since the Russian invasion in February 2022")."""
    text = text_of(date.doc)
    if SINCE_AN_EVENT.search(text, max(0, date.start_char - SINCE_REACH), date.start_char):
        return True
    token = date.root
    for _ in range(6):
        if token.dep_ not in {"pobj", "prep", "pcomp", "compound", "nmod", "npadvmod"}:
            return False
        token = token.head
        if token.lower_ in BOUNDARY_WORDS:
            return True
    return False


def _stated_years(
    span: Span,
    low: int,
    high: int,
    published_year: int | None,
    inside: frozenset[int] | None = None,
    written_year: int | None = None,
) -> list[tuple[int, int]]:
    """(distance from the figure, year) for each date between ``low`` and ``high``
    (and among the ``inside`` tokens, when given) that can be the figure's; the year
    is ``UNKNOWN_YEAR`` for a date that is the figure's but gives no year."""
    doc = span.doc
    text = text_of(doc)
    sentence = sentence_of(span[0])
    candidates: list[tuple[int, int]] = []
    for ent in entities_starting_between(doc, low, high):
        # TIME: "this morning", "on Tuesday night" happened in the article's year.
        if ent.label_ not in {"DATE", "TIME"} or inside is not None and ent.start not in inside:
            continue
        if ent.start_char < span.end_char and span.start_char < ent.end_char:
            continue  # "more than a quarter", read as a period: the figure's own words
        if BARE_NUMBER.fullmatch(ent.text) and not YEAR.fullmatch(ent.text):
            continue  # "Venezuelans (20 175)": another figure the tagger read as a date
        if SHARE_READ_AS_DATE.fullmatch(ent.text) and text.startswith(" of", ent.end_char):
            continue  # "a quarter of the 45,755 people": a share, not a period
        lowered = ent.text.lower()
        if RATE.fullmatch(lowered.strip()):
            continue  # "€7,500 a year", "4,500 people every day": a rate, not a date
        before = text[max(sentence.start_char, ent.start_char - 25) : ent.start_char]
        if A_FALL.fullmatch(lowered.strip()) and CHANGE_PREPOSITION.match(text, ent.end_char):
            continue  # "a fall by a quarter", "a fall of 18 percent": a change, not autumn
        if not YEAR.search(lowered) and YEAR_FOLLOWS.match(text, ent.end_char):
            continue  # "the same period" of "the same period of 2025": the year says it
        other_clause = _in_another_clause(ent, span)
        if other_clause == ANOTHER or _after_another_figure(ent, span):
            continue  # "Austria, which deported ... in 2025, has removed 60"
        on = ON_BASE.search(before)
        # "down 19 percent on 2024": "on" before a bare year is a base of comparison.
        on_base = on is not None and bool(
            on.group("same") or BASE_PERIOD.search(lowered) or YEAR.fullmatch(lowered.strip())
        )
        if _figure_before(ent, span):
            continue  # "801 in 2016, 683 in 2017": 2016 is the 801's
        bound = NOT_THE_YEAR_BEFORE.search(before)
        if bound and _period_within_a_year(ent, before):
            bound = None
        if bound or on_base or _inside_since_phrase(ent):
            # "since January": a count kept over the article's own year. "Down 60 percent
            # compared with last year": a change measured in the article's year.
            if published_year is not None and (
                SINCE_THIS_YEAR.fullmatch(lowered.strip())
                or (COMPARED.search(before) or on_base)
                and (lowered.strip() in LAST_YEAR or A_YEAR_BACK.search(lowered))
            ):
                candidates.append((abs(ent.start_char - span.start_char), published_year))
            continue
        if _names_something(ent) or _dates_a_described_thing(ent, span):
            continue  # "the 2023 law", "a partnership signed in 2024"
        years = YEAR.findall(ent.text)
        if years and YEAR_SPAN.search(ent.text):
            # "the 2024-25 financial year", "2021-2027": a span of two years is neither.
            candidates.append((abs(ent.start_char - span.start_char), UNKNOWN_YEAR))
            continue
        distance = abs(ent.start_char - span.start_char)
        if OWN_DATE_BETWEEN.fullmatch(text, span.end_char, ent.start_char):
            distance = 0  # "683 in 2017"
        if other_clause == COHORT:
            distance += COHORT_PENALTY  # only when nothing else dates the figure
        between = text[span.end_char : ent.start_char]
        if FROM_OTHER_FIGURE.search(between) or compared_with_figure(between):
            continue  # "fell to 41 percent, from 59 percent a year earlier": the other's
        if years:
            if BY_BEFORE.search(before) and (
                published_year is None
                or int(years[-1]) >= published_year
                or not END_OF.search(before + lowered)
            ):
                continue  # "by 2030": a target; "by the end of 2022", written later, a date
            # "from 5,500 to 9,300 between 2017 and 2018": the range's end is the
            # later year's.
            end_of_range = text[max(0, span.start_char - RANGE_END_REACH) : span.start_char]
            range_end = re.search(r"\bto\s*$", end_of_range)
            between_years = between_two_years(ent, sentence)
            if (
                between_years
                and between_years["first"] != between_years["last"]
                and not (range_end or RANGE_START.match(text, span.end_char))
            ):
                candidates.append((distance, UNKNOWN_YEAR))
                continue
            chosen = years[-1] if range_end else years[0]
            candidates.append((distance, int(chosen)))
            continue
        ago = AGO.search(lowered)
        if published_year is not None and ago:
            count = ago.group("count")
            back = int(count) if count.isdigit() else COUNT_WORDS[count]
            candidates.append((distance, published_year - back))  # "a year ago"
            continue
        if DURATION.search(lowered) and not A_YEAR.search(lowered):
            candidates.append((distance, UNKNOWN_YEAR))  # "in the last three years"
            continue
        if published_year is None:
            offset = next((o for phrase, o in RELATIVE_YEARS.items() if phrase in lowered), None)
            if written_year is not None and offset is not None:
                candidates.append((distance, written_year + offset))
            else:
                candidates.append((distance, UNKNOWN_YEAR))  # "in August", undated article
            continue
        if published_year is not None:
            offset = next((o for phrase, o in RELATIVE_YEARS.items() if phrase in lowered), 0)
            year = published_year + offset
            if MONTH_NAME.search(lowered) and not A_YEAR.search(lowered):
                # "a rise last year, with 385,069 by the end of September", "... last
                # year. The surge began in August": a month the passage set in a year.
                year = _passage_year(sentence, published_year) or year
            # "last month", "in August", "on Tuesday", "the first half of the year":
            # a time in the article's own year.
            candidates.append((abs(ent.start_char - span.start_char), year))
    return candidates


# How a date in a clause of its own stands to a figure: in a clause about something
# else, or in one saying which people the figure counts.
ANOTHER, COHORT = "another", "cohort"
MEASURE_NOUNS = frozenset({"number", "total", "count", "tally", "figure"})
COHORT_PENALTY = 10_000


def _in_another_clause(date: Span, span: Span) -> str | None:
    """ "Austria, which deported its first Syrian in July 2025, has since removed 60",
    "Since the centres opened in 2025, 1,200 people passed through": a date in a
    relative clause about another thing or in a clause opening a period is not the
    figure's time (``ANOTHER``). "68 percent of refugees who arrived in 2015 are now
    in work": one in a relative clause on the counted people says which people; it
    dates the figure only when nothing else does (``COHORT``)."""
    token = date.root
    figure = span.root
    while token.head.i != token.i:
        opens_period = token.dep_ == "advcl" and any(
            child.dep_ == "mark" and child.lower_ in BOUNDARY_WORDS for child in token.children
        )
        if token.dep_ == "relcl" or opens_period:
            if token.left_edge.i <= figure.i <= token.right_edge.i:
                return None
            noun = token.head
            # "the number who made the crossing last year reached 45,755": a clause on
            # the measure the figure is the value of says what and when it counts.
            if (
                token.dep_ == "relcl"
                and noun.lemma_.lower() in MEASURE_NOUNS
                and any(ancestor.i == noun.head.i for ancestor in figure.ancestors)
            ):
                return None
            if token.dep_ == "relcl" and (
                noun.left_edge.i <= figure.i <= noun.right_edge.i
                or figure.left_edge.i <= noun.i <= figure.right_edge.i
                or figure.head.left_edge.i <= noun.i <= figure.head.right_edge.i
            ):
                return COHORT
            return ANOTHER
        token = token.head
    return None


def _figure_before(date: Span, span: Span) -> bool:
    """ "801 in 2016, 683 in 2017": the date right after another figure is that one's,
    whether the figure stands before this one or is the next item of its list."""
    text = text_of(date.doc)
    reach = max(0, date.start_char - BASE_REACH)
    match = OTHER_FIGURE_DATE_BEFORE.search(text, reach, date.start_char)
    if match is None or YEAR.fullmatch(match.group("number")):
        return False
    # "€6 billion in funding, €3 billion in 2016": the date of a figure written after
    # this one is that figure's; but a change and the level it led to share their date
    # ("fell by 4,500 to around 14,000 in 2025").
    if match.start("number") >= span.end_char:
        return not TO_LEVEL.fullmatch(text, span.end_char, match.start("number"))
    return bool(LIST_ITEM_JOIN.fullmatch(text, date.end_char, span.start_char))


def _period_within_a_year(date: Span, before: str) -> bool:
    """ "from April to June 2019": a period of months opened by "from" in one year."""
    return (
        before.rstrip().lower().endswith("from")
        and bool(MONTH_NAME.search(date.text))
        and bool(WITHIN_A_YEAR.search(date.text))
        and len(set(YEAR.findall(date.text))) <= 1
    )


def _after_another_figure(date: Span, span: Span) -> bool:
    """ "down from 63,800 in the same period of 2025": a date right after a base of
    comparison is that figure's, not another's."""
    text = text_of(date.doc)
    reach = max(0, date.start_char - BASE_REACH)
    match = BASE_FIGURE_DATE.search(text[reach : date.start_char])
    return (
        match is not None and not span.start_char <= reach + match.start("number") < span.end_char
    )


SOURCE_NOUNS = frozenset(
    "study report survey figures data statistics analysis estimate estimates poll".split()
)


def _dates_a_described_thing(date: Span, span: Span) -> bool:
    """ "Under a partnership signed in 2024, the EU has committed €210 million", "the
    pilot agreed last summer", "the scheme, scrapped in 2024, which cost £310
    million": a date on a participle that describes a noun dates that thing (a deal,
    a law, a scheme), not a figure outside the participle's phrase."""
    token = date.root
    verb = token.head.head if token.head.dep_ == "prep" else token.head
    noun = verb.head
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in {"acl", "amod"}
        # "the record of 46,000 set in 2024", "the 97,000 recorded in 2023": the
        # figure's own noun; "a study published last month": its source's date.
        and not noun.left_edge.i <= span.root.i <= noun.right_edge.i
        and noun.lemma_.lower() not in SOURCE_NOUNS
    )


def _names_something(date: Span) -> bool:
    """ "the 2023 law", "the 2008 financial crash", "the May wave of violence": a date
    naming a thing, not the time of a figure."""
    root = date.root
    if (
        root.dep_ in {"compound", "amod", "nmod"}
        and root.head.pos_ == "NOUN"
        and not date.start <= root.head.i < date.end
        and root.head.i >= date.end
    ):
        return True
    after = date.end
    while after < len(date.doc) and date.doc[after].is_space:
        after += 1  # "over the 2004\n purchase": a line break in wrapped copy
    if not YEAR.fullmatch(date.text.strip()) or after >= len(date.doc):
        return False
    following = date.doc[after]
    if following.pos_ == "NOUN":
        return True
    before = date.doc[date.start - 1] if date.start > 0 else None
    return (
        before is not None and before.lower_ in DETERMINERS and following.pos_ in {"ADJ", "PROPN"}
    )


PRESENT_TAGS = frozenset({"VBZ", "VBP"})
STATING_MODALS = frozenset({"can", "may", "must", "will"})


def _present_tense(span: Span, clause: Clause) -> bool:
    """The figure's verb states what holds: the simple present ("face fines of"), or a
    bare verb after "can", "may", "must" or "will"."""
    if clause.verb < 0:
        return False
    verb = span.doc[clause.verb]
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ in PRESENT_TAGS:
        return not auxiliaries
    return verb.tag_ == "VB" and any(a.lower_ in STATING_MODALS for a in auxiliaries)


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
        # "Since 2014, the EU has mobilised ...": a period's bound sets no year for the
        # sentences after it.
        and not NOT_THE_YEAR_BEFORE.search(text[sentence_of(ent[0]).start_char : ent.start_char])
    ]
    if not heads:
        return _previous_sentence_year(sentence, published_year)
    match = YEAR.search(heads[-1].text)
    if match:
        return int(match.group(0))
    lowered = heads[-1].text.lower()
    for phrase, offset in RELATIVE_YEARS.items():
        if phrase in lowered and published_year is not None:
            return published_year + offset
    return None


def _passage_year(sentence: Span, published_year: int) -> int | None:
    """The one year the sentence sets with "this year", "last year" or "next year",
    not as a base of comparison ("more than in the same period last year")."""
    offsets = {
        offset
        for phrase, offset in RELATIVE_YEARS.items()
        for found in re.finditer(rf"\b{phrase}\b", sentence.text, re.I)
        if not COMPARED_BEFORE.search(sentence.text[max(0, found.start() - 40) : found.start()])
        and not compared_with_figure(sentence.text[: found.start()])
    }
    # "This year ... during the first months of last year": two years, no telling.
    return published_year + offsets.pop() if len(offsets) == 1 else None


# "than in the same period last year", "compared with last year", "from last year".
COMPARED_BEFORE = re.compile(
    r"\b(?:than|compared (?:with|to)|from|on|over|versus|vs\.?)\b[^.,;]{0,25}$", re.I
)


def _previous_sentence_year(sentence: Span, published_year: int | None) -> int | None:
    """ "About 9,000 Iraqis filed claims in Sweden last year. The United States
    registered 537.": a sentence that dates nothing goes on in the time of the one
    before it in the same paragraph, when that one names a single year."""
    if any(
        e.label_ in {"DATE", "TIME"} and not _comparison_base(e) for e in entities_within(sentence)
    ):
        return None  # "an increase of 25% since 2020": the sentence has its own time
    return _year_of_sentence_before(sentence, published_year)


def _comparison_base(date: Span) -> bool:
    """ "an increase of 29% from the second quarter of last year", "compared with
    2022": a date the sentence measures against, which sets no time of its own."""
    text = text_of(date.doc)
    if re.match(r",? when\b", text[date.end_char : date.end_char + 8]):
        return False  # "compared with 2019, when 1,200 arrived": the time of that count
    before = text[max(sentence_of(date[0]).start_char, date.start_char - 25) : date.start_char]
    if COMPARED.search(before):
        return True
    from_or_on = re.search(r"\b(?:from|on)\s+$", before, re.I)
    return from_or_on is not None and BASE_PERIOD.search(date.text) is not None


def _year_of_sentence_before(sentence: Span, published_year: int | None) -> int | None:
    """The single year the nearest earlier sentence of the paragraph states, passing
    over sentences that date nothing ("... in Q4 2024. They were followed by
    Colombians (13 380). Syrians accounted for 11%")."""
    # Not past the paragraph: a year there merely stands nearby.
    for previous in earlier_in_paragraph(sentence, LOOKBACK_SENTENCES):
        years = {
            year
            for _, year in _stated_years(
                previous[0:1], previous.start_char, previous.end_char, published_year
            )
        }
        if years:
            return years.pop() if len(years) == 1 and UNKNOWN_YEAR not in years else None
        if any(e.label_ in {"DATE", "TIME"} for e in entities_within(previous)):
            return None  # a time of its own, not a year: the passage's year is unsaid
    return None
