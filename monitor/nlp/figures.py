"""Numbers that matter for migration policy, with what they count.

Candidates are the numbers :mod:`monitor.nlp.numbers` reads in the text, number
words and fractions, and spaCy's CARDINAL, PERCENT, MONEY and QUANTITY entities.
Dates, times, ages, distances, durations, ordinals, years, article, case and
procedure numbers, phone numbers and numbers in names are not figures. Each
figure gets a value, a kind (count / percent / money / change / other), a
unit, a qualifier, the noun phrase it counts (from the dependency parse), and
a country and year from context (:mod:`monitor.nlp.figure_context`).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.doc_cache import entities_starting_between, entity_at, sentence_of, text_of
from monitor.nlp.figure_context import BLOC, YEAR, country_of, placed_only_in
from monitor.nlp.figure_links import linked
from monitor.nlp.figure_money import appealed_for
from monitor.nlp.figure_year import year_of
from monitor.nlp.numbers import (
    CONTINENTAL,
    CURRENCY_STATES,
    MULTIPLES,
    NUMBER_PATTERN,
    QUALIFIERS,
    SEPARATED,
    SHARE_OF,
    UNITS_WORDS,
    Number,
    currency_after,
    read_number,
)

FIGURE_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
# Words a number may begin with ("two", "a third", "half"): checked for
# number words that refer back ("the two countries") or are idioms ("one of").
NUMBER_WORDS = frozenset(UNITS_WORDS) | {
    "a", "an", "half", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands"
}  # fmt: skip
CURRENCY = re.compile(r"[€$£¥]|\b(euros?|dollars?|pounds?|eur|usd|gbp|francs?)\b", re.I)
PERCENT = re.compile(r"%|\b(per ?cent|percent|percentage points?)\b", re.I)
NOT_FIGURE_BEFORE = re.compile(
    r"\b(article|articles|paragraph|section|chapter|resolution|case|no\.|number|page|"
    r"rule|regulation|directive|protocol|tel\.?|phone|call|room|flight|route|gate|top|"
    r"age of|aged|ages?|younger than|older than)\s*$",
    re.I,
)
# "the Group of 20": a name; "a group of 25" counts people.
NAMED_GROUP_BEFORE = re.compile(r"\bGroup of\s*$")
# "+32 2 555 01 99", "0032 2 555 01 99", or a national number in short groups that
# no thousands grouping writes: "800 00 12 34".
PHONE_RUN = re.compile(
    r"(?:\+|\b00)\d{1,3}(?:[\s().-]*\d{1,4}){3,}"
    r"|(?<![\d,.])\d{2,4}(?:[ .-]\d{2,4}){2,}(?![\d,])"
)
# A thousands grouping, which a phone number is not: "1 250 000", "34.000.000".
GROUPED = re.compile(f"{SEPARATED}|{CONTINENTAL}")
PHONE = re.compile(r"^\+?\d[\d\s().-]{7,}\d$")


def _qualifier(text: str, doc: Doc, start: int) -> tuple[str | None, int]:
    """The qualifier at the start of the figure or just before it, and the new start."""
    lowered = text.lower()
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        if lowered.startswith(qualifier + " "):
            return qualifier, start
    before = text_of(doc)[max(0, start - 20) : start].lower()
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        if before.endswith(qualifier + " ") and qualifier not in {"some", "an estimated"}:
            return qualifier, start - len(qualifier) - 1
    return None, start


def _counted_phrase(span: Span) -> str | None:
    """The noun phrase a number counts, read off the parse.

    "34,000 asylum applications" -> the number modifies "applications";
    "4,000 came from Afghans" -> the number is the noun itself: use "of"/"from"
    complements when present.
    """
    doc = span.doc
    root: Token = span.root
    head = root.head if root.dep_ in {"nummod", "quantmod", "compound", "amod"} else None
    if head is not None and head.pos_ in {"NOUN", "PROPN"} and head.i >= span.end - 1:
        left = min(
            [t.i for t in head.lefts if t.dep_ in {"compound", "amod"} and t.i >= span.end]
            + [head.i]
        )
        phrase = doc[left : head.i + 1].text
        if head.lower_ in {"per", "cent", "percent"} or phrase.lower() in {"per cent", "percent"}:
            phrase = ""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in {"from", "of", "to", "in"}:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and child.lower_ in {"from", "of"}:
                    subtree = list(objects[0].subtree)
                    phrase = doc[left : subtree[-1].i + 1].text
                break
        return phrase or None
    # "11 percent" as object of "increased by": the subject of the verb is counted.
    verb = root.head
    while verb.dep_ in {"pobj", "prep"} and verb.head != verb:
        verb = verb.head
    if verb.pos_ in {"VERB", "AUX"}:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and subjects[0].i not in range(span.start, span.end):
            subtree = list(subjects[0].subtree)
            return doc[subtree[0].i : subtree[-1].i + 1].text
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                subtree = list(objects[0].subtree)
                return doc[subtree[0].i : subtree[-1].i + 1].text
    return None


# --- what is not a figure --------------------------------------------------------

# "47 per day": a rate spaCy may tag as a date.
RATE_UNIT_AFTER = re.compile(r"^\s*(?:per|a|each)\s+(?:day|week|month)\b", re.I)
# Units after a number that make it a distance, a duration, an age, a time, a speed or
# a multiple ("seven times more", not "detained 31 times"); a percentage never is one
# ("50% month-on-month").
NOT_FIGURE_UNITS = (
    r"(?:year-olds?|years?[- ]old|km|kilometres?|kilometers?|miles?|nautical|metres?|"
    r"meters?|feet|ft|knots?|hours?|hrs|minutes?|mins|seconds?|days?|weeks?|months?|years?|"
    r"decades?|centuries|gmt|utc|cet|am|pm|a\.m\.|p\.m\.|kg|tons?|tonnes?|st|nd|rd|th|"
    r"times (?:more|as|higher|larger|greater|bigger|less|fewer|the|that|what)|"
    r"or (?:younger|older|over|under))\b"
)
NOT_FIGURE_AFTER = re.compile(r"^\s*-?" + NOT_FIGURE_UNITS, re.I)
# A unit the tagger took into the number's own words: "two-meter waves".
UNIT_WITHIN = re.compile(r"[\s-]" + NOT_FIGURE_UNITS, re.I)
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
MONTH_BEFORE = re.compile(rf"\b{MONTHS}\.?\s+(?:\d{{1,2}}\s*[-–]\s*)?$", re.I)
MONTH_AFTER = re.compile(rf"^\s+{MONTHS}\b", re.I)
# Either half of a clock time: "04:30", "3.30 a.m." is caught by its "a.m.".
CLOCK_AFTER = re.compile(r"^:\d\d(?!\d)")
CLOCK_BEFORE = re.compile(r"\b\d{1,2}:$")
# "7.3 per 1,000 inhabitants": the base a rate is given per is not a figure.
RATE_BASE_BEFORE = re.compile(r"\bper\s+$", re.I)
# A capitalised word right before, mid-sentence: "Studio 7", "Sea-Watch 6".
CAPITALISED_BEFORE = re.compile(r"[a-z,]\s+[A-Z][\w'-]*[A-Za-z]\s$")
# How far back an entity that ends just before a number may start ("Sea-Watch 6").
NAME_REACH = 120
NAMED_BEFORE = re.compile(r"\b[A-Z][a-z]+-[A-Z][a-z]+\s$")
SCALED = re.compile(r"\b(?:hundred|thousand|million|billion)\b", re.I)
# "one", "only one", "just one": an idiom or a single thing ("only one of many routes").
LONE_ONE = re.compile(r"(?:(?:only|just|not) )?(?:one|a|an)", re.I)
REFERS_BACK = re.compile(r"\b(?:the|these|those|both|all|its|their|our)\s*$", re.I)
IDIOM_AFTER = re.compile(r"^\s*(?:of\b|another|other)\b", re.I)


# A number that labels a heading or a list item: "2. ", "3) ".
ENUMERATION = re.compile(r"\d{1,2}[.)]\s+\S")
# A header cell naming a unit of time, length or age: its column holds no figures.
UNIT_HEADER = re.compile(
    r"\b(?:days?|weeks?|months?|years?|hours?|minutes?|km|kilomet(?:re|er)s?|miles?|age)\b",
    re.I,
)


def _under_unit_header(whole: str, start: int) -> bool:
    """Whether the number is a cell of a table ("Greece | 3,150 | 16") whose column the
    header row names a unit of time, length or age ("Average days held")."""
    line_start = whole.rfind("\n", 0, start) + 1
    line_end = whole.find("\n", start)
    line = whole[line_start : line_end if line_end >= 0 else len(whole)]
    if "|" not in line:
        return False
    column = whole[line_start:start].count("|")
    # The header is the first line of the block of table rows the number sits in.
    header_start = line_start
    while header_start > 0:
        previous_start = whole.rfind("\n", 0, header_start - 1) + 1
        if "|" not in whole[previous_start : header_start - 1]:
            break
        header_start = previous_start
    if header_start == line_start:
        return False
    header = whole[header_start : whole.find("\n", header_start)].split("|")
    return column < len(header) and bool(UNIT_HEADER.search(header[column]))


def _inside_entity(span: Span, labels: set[str]) -> bool:
    """The span lies wholly inside one entity with one of ``labels``."""
    holder = entity_at(span[0])
    return holder is not None and holder.label_ in labels and span.end <= holder.end


def _is_noise(span: Span, start: int, end: int, text: str, phones: list[tuple[int, int]]) -> bool:
    """Whether the number at ``start``..``end`` is not a figure (a date, a time, a
    distance, part of a name or a phone number); ``phones`` holds the character
    ranges of the document's phone numbers, found once per document."""
    doc = span.doc
    whole = text_of(doc)
    before = whole[max(0, start - 20) : start]
    after = whole[end : end + 20]
    if PHONE.match(text.strip()) and not GROUPED.fullmatch(text.strip()):
        return True
    if YEAR.fullmatch(text.strip()):
        return True
    if any(phone_start <= start and end <= phone_end for phone_start, phone_end in phones):
        return True  # a piece of a phone number: "+32 2 555 01 99"
    if NOT_FIGURE_BEFORE.search(before):
        return True
    # "50 to 70 kilometers": the first end of a range takes the unit of the last.
    unit_after = NOT_FIGURE_AFTER.match(RANGE_REST.sub("", whole[end : end + 40], count=1))
    if unit_after and not PERCENT.search(text) or UNIT_WITHIN.search(text):
        return True
    if RATE_BASE_BEFORE.search(before):
        return True
    if NAMED_GROUP_BEFORE.search(before):
        return True
    if ENUMERATION.match(whole, start) and whole.rfind("\n", 0, start) + 1 == start:
        return True  # "2. The migratory situation": a numbered heading or list item
    if _under_unit_header(whole, start):
        return True  # a table column headed "Average days held": durations
    if re.match(r"^[A-Za-z]", after) and not re.match(r"^\s", after):
        return True  # "1st", "G7s": glued to letters
    if re.search(r"(?:\w\(|\)|/|\w|\w\(\d{4}\)\s|\b[A-Z][A-Za-z]*-)$", before) or re.match(
        r"^[/(]", after
    ):
        # Procedure and case numbers, URLs, models: "2019/2516(RSP)", "COM(2015)0668",
        # "COM(2026) 640", "T-90 tanks", "COVID-19".
        return True
    if MONTH_BEFORE.search(before) or MONTH_AFTER.match(after):
        return True  # dates the model did not mark: "Oct 20", "31 December"
    if CLOCK_AFTER.match(after) or CLOCK_BEFORE.search(before):
        return True  # "at 04:30 local time (03:30 BST)"
    if (
        CAPITALISED_BEFORE.search(before)
        and not re.match(r"^\s*(?:per|%|percent)", after, re.I)
        and not CURRENCY.search(text)
        and not any(
            e.label_ in {"GPE", "NORP", "LOC", "ORG"} and e.end_char == start - 1
            for e in entities_starting_between(doc, max(0, start - NAME_REACH), start)
        )
        and (span.root.dep_ != "nummod" or span.root.head.i < span.root.i)
    ):
        return True  # "Studio 7", "Sea-Watch 6": a number in a name
    if (
        not WORDED.fullmatch(text.strip())
        and not re.search(r"\d[ ,\u00a0\u202f]\d{3}", text)  # "17 400" is no date
        and _inside_entity(span, {"DATE", "TIME", "ORDINAL"})
        and not RATE_UNIT_AFTER.match(after)
        and not PERCENT.search(text)
        and not CURRENCY.search(text)
    ):
        return True  # "November 1", "the last 40 days", "0500 GMT"
    first = text.strip().split()[0].lower() if text.strip() else ""
    worded = first in NUMBER_WORDS
    # Number words that refer back ("the two countries") or are idioms ("one of the").
    # "the two countries" refers back; "the two million Iraqis" is an amount.
    scaled = bool(SCALED.search(text))
    if LONE_ONE.fullmatch(text.strip()):
        return True
    if worded and (
        REFERS_BACK.search(before)
        and not scaled
        or text.strip().lower() == "one"
        and IDIOM_AFTER.match(after)
    ):
        return True
    # "Sea-Watch 6", "Ocean-Viking 2": a number that is part of a vessel's or a
    # programme's name.
    return bool(NAMED_BEFORE.search(before))


# --- kind, sign and unit ------------------------------------------------------

RISE = (
    r"(?:rise|rose|risen|rising|increase[sd]?|increasing|up|grew|grown|growth|jump(?:ed)?|"
    r"surge[sd]?|climb(?:ed)?|higher|more)"
)
FALL = (
    r"(?:fall|fell|fallen|falling|drop(?:ped)?|decrease[sd]?|decreasing|decline[sd]?|"
    r"declining|down|cut|reduc(?:ed|tion)|lower|fewer|less)"
)
CHANGE_BEFORE = re.compile(rf"\b(?P<rise>{RISE})\b|\b(?P<fall>{FALL})\b", re.I)
CHANGE_AFTER = re.compile(
    r"^\s*(?:(?P<rise>rise|increase|jump|surge|growth|higher|more)|"
    r"(?P<fall>fall|drop|decrease|decline|reduction|cut|lower|fewer|less))\b",
    re.I,
)
# "300 requests a day", "10,000 Afghans are returning each week", "47 per day": a
# rate, within the rest of the clause.
RATE_AFTER = re.compile(
    r"^[^.;:!?\d]{0,45}?\b(?<!in )(?<!within )(?:a|an|per|each|every)\s+"
    r"(?P<per>day|night|week|month|year)\b"
    r"(?!\s+(?:ago|earlier|later|before|after))"
    r"|^\s*(?P<adverb>daily|weekly|monthly|annually)\b",
    re.I,
)
RANGE_REST = re.compile(r"^\s*(?:to|-|–)\s*[\d,.\s]*\d")
ADVERB_PERIODS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year"}
RATE_BEFORE = re.compile(r"\b(?P<adverb>daily|weekly|monthly) average of\s*$", re.I)
PER_CAPITA_AFTER = re.compile(
    r"^[a-z -]{0,40}?\b(?P<unit>per (?:capita|head|[\d,. ]*(?:thousand|million)?\s*"
    r"(?:inhabitants|residents|people|population)))",
    re.I,
)


# "fell by 4,000", "rose by more than 4,000", "an increase of some 19 million": an
# amount of change.
BY_BEFORE = re.compile(r"\b(?:by|of)\s+(?:(?:" + "|".join(QUALIFIERS) + r")\s+)?$", re.I)


def _kind_value_unit(
    number: Number, text: str, doc: Doc, start: int, end: int
) -> tuple[str, float, str | None]:
    """(kind, signed value, unit) from how the number is written and what is around it."""
    whole = text_of(doc)
    before = whole[max(0, start - 30) : start]
    after = whole[end : end + 60]
    value = number.value
    # "500 to 1,000 a day": the first end of a range shares the range's rate.
    after_range = RANGE_REST.sub("", after, count=1)
    # "35 to 38%": the first end of a range of percentages is one too.
    percent = number.percent or after_range != after and bool(PERCENT.match(after_range.lstrip()))
    rate = RATE_AFTER.match(after_range) or RATE_BEFORE.search(before)
    per_capita = PER_CAPITA_AFTER.match(after)
    change_before = _last_change(before)
    change_after = CHANGE_AFTER.match(after)
    signed = text.strip()[:1] in {"+", "-", "\u2212"}
    currency = number.currency or (None if percent else currency_after(after))
    if currency:
        return "money", value, currency  # "€91m", "one billion euros"
    if per_capita:
        return "other", value, per_capita.group("unit").strip().lower()
    if rate:
        found = rate.groupdict()
        period = found.get("per") or ADVERB_PERIODS[found["adverb"].lower()]
        return "other", value, f"per {period}"
    direction = None
    if change_before is not None:
        direction = change_before
    elif change_after is not None:
        direction = "rise" if change_after.group("rise") else "fall"
    if (percent or number.fraction) and (direction or signed):
        if direction == "fall" and value > 0:
            value = -value
        return "change", value, None
    if number.fraction:
        return "other", value, None
    if percent:
        return "percent", value, None
    if signed or direction and BY_BEFORE.search(before):
        if direction == "fall" and value > 0:
            value = -value
        return "change", value, None
    if DOTTED_THOUSANDS.fullmatch(text.strip()) and not float(value).is_integer():
        # "4.616 people were sent back", "Romanians (1.488)": a count is whole, so a
        # dot before three digits separates thousands (copy translated from German,
        # Italian or Spanish), where "1.5 million" or "2.75" would be a decimal.
        value *= 1000
    return "count", value, None


DOTTED_THOUSANDS = re.compile(r"[+-]?\d{1,3}\.\d{3}")


CHANGE_ADVERB = re.compile(
    r"^(?:further|sharply|slightly|steadily|again|significantly|dramatically|considerably)\s+"
)


PHRASAL_UP = re.compile(r"\b(?:make|makes|made|making|take|takes|took|taking)\s+up$", re.I)


def _last_change(before: str) -> str | None:
    """ "rose by", "fell", "down": a change cue right before the number."""
    # "rose to 38 percent" gives the new level, not the change: "to" is not among the
    # words that may stand between the cue and the number.
    match = None
    for candidate in CHANGE_BEFORE.finditer(before):
        if PHRASAL_UP.search(before, 0, candidate.end()):
            continue  # "made up 41% of them": a share, not a rise
        if not before[candidate.end() :].lstrip().startswith("than"):
            match = candidate  # "dropped by more than": "more than" qualifies, "dropped" says
    if match is None:
        return None
    # "has risen further by 1.6 million": an adverb may stand between the cue and "by".
    remainder = CHANGE_ADVERB.sub("", before[match.end() :].strip(" ,"))
    # "an increase of some 19 million": "of" before a qualifier, as "by" is.
    remainder = re.sub(r"^of (?=\w)", "by ", remainder)
    if remainder not in {
        "",
        "by",
        "of",
        "some",
        "about",
        "nearly",
        "almost",
        "around",
        "by about",
        "by nearly",
        "by almost",
        "by some",
        "by around",
        "by more than",
        "more than",
        "by over",
        "over",
    }:
        return None
    if (
        match.group("rise")
        and match.group("rise").lower() in {"more", "higher", "up"}
        # "up 9 percent", "up by 15 per cent": "up" right before the amount.
        and not re.search(r"\bup\s*(?:by\b[\w ]*)?$", before, re.I)
    ):
        return None
    return "rise" if match.group("rise") else "fall"


class _Ranges:
    """Character ranges that never overlap one another, with an overlap test by
    bisection: testing each candidate against every range made long texts
    quadratic. Sorted by start, non-overlapping ranges are sorted by end too, so
    the last range starting before ``end`` is the only one that can reach
    ``start``."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def figures_in(
    doc: Doc,
    default_country: str | None = None,
    published_year: int | None = None,
    story_country: str | None = None,
) -> list[dict[str, Any]]:
    """Every figure in ``doc`` with value, kind, unit, qualifier, counts, country,
    year and offsets. ``published_year`` anchors "this year" and "last year";
    ``story_country``, the one country the story is about (countries.dominant_country),
    places a figure whose paragraph names no place and no bloc."""
    whole = text_of(doc)
    # An undated article's "this year" is the year its own dateline or captions give.
    undated_year = written_year(whole) if published_year is None else None
    taken = _Ranges()
    for match in NUMBER_PATTERN.finditer(whole):
        if match.group("digits"):
            taken.add(match.start(), match.end())
    # Numbers in words and the tagger's entities, where no written number stands.
    extra = [(m.start(), m.end()) for m in MULTIPLE_WORDS.finditer(whole)]
    extra += [(m.start(), m.end()) for m in WORDED.finditer(whole)]
    extra += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in FIGURE_LABELS]
    for start, end in extra:
        if not taken.overlaps(start, end):
            taken.add(start, end)
    candidates = list(zip(taken.starts, taken.ends, strict=True))
    figures = []
    phones = [
        (match.start(), match.end())
        for match in PHONE_RUN.finditer(whole)
        if not GROUPED.fullmatch(match.group(0))
    ]
    headlines: dict[int, bool] = {}
    for start_char, end_char in sorted(candidates):
        text = whole[start_char:end_char]
        number = read_number(text)
        if number is None:
            continue
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None or _is_noise(span, start_char, end_char, text, phones):
            continue
        if _in_headline(whole, start_char, headlines):
            continue  # "UNHCR: 1.4 Million Asylum-Seekers to Reach Europe": page furniture
        if number.fraction and (
            not IN_EVERY.match(text.lower())
            and not FRACTION_AFTER.match(whole[end_char : end_char + 12])
            or PERIOD_PART_BEFORE.search(whole[max(0, start_char - PERIOD_PART_REACH) : start_char])
        ):
            continue  # "a third country", "half the time", "the first half of 2007"
        kind, value, unit = _kind_value_unit(number, text, doc, start_char, end_char)
        qualifier, start_char = _qualifier(text, doc, start_char)
        text = whole[start_char:end_char]
        sentence = sentence_of(span[0])
        country = country_of(doc, span, default_country, kind)
        if country is None and kind == "money" and CURRENCY_STATES.get(unit) == default_country:
            # "earn at least 27,840 kronor a month" in a story about Sweden: its own
            # currency places a sum in the story's country when nothing else does.
            country = None if BLOC.search(sentence.text) else default_country
        if (
            country is None
            and story_country
            # An appeal's sum is the appealing agency's ("the $300 million it needs").
            and not (kind == "money" and appealed_for(sentence))
            and placed_only_in(story_country, doc, whole, span)
        ):
            # "The grant will rise to €2,000" in a story about Portugal alone: nothing
            # in the paragraph puts the sum anywhere else (a count without a place
            # already falls to the story's country in country_of).
            country = story_country
        if not figures and country is None and BLOC.search(sentence.text):
            # The story's first figure is the bloc's or the world's ("applications in
            # the EU fell 11 percent"): its figures with no place of their own are too,
            # not those of the country it names most.
            default_country = None
        figures.append(
            {
                "text": text,
                "value": int(value) if float(value).is_integer() else round(value, 4),
                "kind": kind,
                "unit": unit,
                "counts": _counted_phrase(span),
                "qualifier": qualifier,
                "country": country,
                "year": year_of(span, published_year, undated_year),
                "start": start_char,
                "end": end_char,
                "sentence": sentence.text.strip(),
            }
        )
    return linked(figures, whole)


# A full date as news writes it in a dateline or a caption: "Sept. 26, 2015", "26
# September 2015".
FULL_DATE = re.compile(
    rf"\b{MONTHS}\.?\s+\d{{1,2}},?\s+(?P<year>(?:19|20)\d\d)\b"
    rf"|\b\d{{1,2}}\s+{MONTHS}\.?\s+(?P<day_first>(?:19|20)\d\d)\b",
    re.I,
)


def written_year(text: str) -> int | None:
    """The year an undated article was written in, from the first full date it
    states: a news page carries its date at its head, in the dateline or the lead
    photo's caption; later full dates may be deadlines or history."""
    match = FULL_DATE.search(text)
    return int(match.group("year") or match.group("day_first")) if match else None


# "the first half of 2007", "the second quarter": a part of a period, not a share.
PERIOD_PART_BEFORE = re.compile(r"\b(?:first|second|third|fourth|last|latter|final)\s+$", re.I)
PERIOD_PART_REACH = 12
# A line in title case with no sentence end is a headline or a menu, not the body:
# at least this many words, this share of them capitalised.
HEADLINE_MIN_WORDS = 4
HEADLINE_CAPITALISED = 0.6
SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")


def _in_headline(whole: str, start: int, seen: dict[int, bool]) -> bool:
    """Whether the line holding ``start`` reads as a headline (cached per line)."""
    line_start = whole.rfind("\n", 0, start) + 1
    if line_start not in seen:
        line_end = whole.find("\n", start)
        line = whole[line_start : line_end if line_end >= 0 else len(whole)].strip()
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
        capitalised = sum(1 for w in words if w[0].isupper())
        seen[line_start] = (
            len(words) >= HEADLINE_MIN_WORDS
            and capitalised >= HEADLINE_CAPITALISED * len(words)
            and not SENTENCE_END.search(line)
        )
    return seen[line_start]


# A fraction is a share when "of" follows, or it ends the phrase ("fell by a quarter").
FRACTION_AFTER = re.compile(
    r"^(?:\s+of\b|\s*[,.;:)]|\s+(?:compared|since|from|in|on|are|were|is|was)\b|$)"
)
# "a million-and-a-half", "one-quarter of a million": fractions of a scale, which
# spaCy splits or misses.
MULTIPLE_WORDS = re.compile(r"\b(?:" + "|".join(MULTIPLES) + r")\b", re.I)
IN_EVERY = re.compile(rf"(?:one|two|three|four|nine) {SHARE_OF} ")
# Number words and fractions spaCy may not mark as numbers.
WORDED = re.compile(
    r"\b(?:(?:a|one|two|three) (?:third|quarter|fifth|tenth)s?|three[- ]quarters|two[- ]thirds|"
    rf"(?:one|two|three|four|nine) {SHARE_OF} "
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)|"
    r"half)\b",
    re.I,
)
