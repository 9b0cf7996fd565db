"""Numbers that matter for migration policy, with what they count.

Candidates are spaCy's CARDINAL, PERCENT, MONEY and QUANTITY entities plus
short forms the model misses ("€210m", "3bn"). Dates, ages, ordinals, years,
article numbers and phone numbers are not figures. Each figure gets a value,
a kind (count / percent / money / change), a qualifier, the noun phrase it
counts (from the dependency parse), and a country and year from context.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.countries import country_near
from monitor.nlp.doc_cache import sentence_of, text_of

FIGURE_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
QUALIFIERS = (
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "just over",
    "just under",
    "close to",
    "as many as",
    "as few as",
    "an estimated",
    "estimated",
)
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "half": 0.5,
    "a dozen": 12,
    "dozen": 12,
    "dozens": 24,
    "hundred": 100,
    "hundreds": 100,
    "thousand": 1000,
    "thousands": 1000,
    "a hundred": 100,
    "a thousand": 1000,
}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
CURRENCY = re.compile(r"[€$£¥]|\b(euros?|dollars?|pounds?|eur|usd|gbp|francs?)\b", re.I)
PERCENT = re.compile(r"%|\b(per ?cent|percent|percentage points?)\b", re.I)
CHANGE_CUES = re.compile(
    r"\b(rise|rose|risen|increase[sd]?|up|grew|grown|growth|jump(ed)?|surge[sd]?|climb(ed)?|"
    r"fall|fell|fallen|drop(ped)?|decrease[sd]?|decline[sd]?|down|cut|reduc(ed|tion)|"
    r"doubl(ed|ing)|tripl(ed|ing)|halv(ed|ing))\s+(by|of)?\s*$",
    re.I,
)
SHORT_FORM = re.compile(r"(?<![\w.])([€$£])?\s?(\d+(?:[.,]\d+)?)\s?(bn|mn|m|k|tn)\b(?![\w-])", re.I)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
NOT_FIGURE_BEFORE = re.compile(
    r"\b(article|articles|paragraph|section|chapter|resolution|case|no\.|number|page|"
    r"rule|regulation|directive|protocol|tel\.?|phone|call|room|flight|route|gate|top|"
    r"group of)\s*$",
    re.I,
)
UNIT_AFTER = re.compile(
    r"\s*(per cent|percent|percentage points?|%|million|billion|trillion)\b|\s*%", re.I
)
PHONE = re.compile(r"^\+?\d[\d\s().-]{7,}\d$")


def parse_value(text: str) -> float | None:
    """The number written in ``text``: digits, words or short forms, with multipliers.

    >>> parse_value("more than 34,000"), parse_value("€210m"), parse_value("two million")
    (34000.0, 210000000.0, 2000000.0)
    """
    lowered = text.lower().replace("\u2009", " ").replace("\xa0", " ")
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        if lowered.startswith(qualifier + " "):
            lowered = lowered[len(qualifier) + 1 :]
            break
    lowered = CURRENCY.sub(" ", lowered)
    lowered = PERCENT.sub(" ", lowered).strip()
    match = NUMBER.search(lowered)
    value: float | None = None
    rest = lowered
    if match:
        digits = match.group(0)
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
            digits = digits.replace(",", "")
        elif re.fullmatch(r"\d+,\d{1,2}", digits):  # decimal comma
            digits = digits.replace(",", ".")
        else:
            digits = digits.replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            return None
        rest = lowered[match.end() :]
    else:
        words = lowered.replace("-", " ").split()
        total = 0.0
        current = 0.0
        found = False
        for word in words:
            if (
                word in WORD_NUMBERS
                and word not in {"hundred", "thousand"}
                or word in {"hundreds", "thousands", "dozens", "dozen"}
            ):
                current += WORD_NUMBERS[word]
                found = True
            elif word == "hundred":
                current = (current or 1) * 100
                found = True
            elif word == "thousand":
                total += (current or 1) * 1000
                current = 0
                found = True
            elif word in MULTIPLIERS:
                break
        if not found:
            return None
        value = total + current
        rest = " ".join(words[[i for i, w in enumerate(words) if w in WORD_NUMBERS][-1] + 1 :])
    multiplier_match = re.match(r"\s*([a-z]+)", rest)
    if multiplier_match and multiplier_match.group(1) in MULTIPLIERS:
        value *= MULTIPLIERS[multiplier_match.group(1)]
    return value


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


def _kind(text: str, label: str, doc: Doc, start: int) -> str:
    before = text_of(doc)[max(0, start - 25) : start]
    if CHANGE_CUES.search(before):
        return "change"
    if label == "PERCENT" or PERCENT.search(text):
        return "percent"
    if label == "MONEY" or CURRENCY.search(text):
        return "money"
    return "count"


def _is_noise(span: Span) -> bool:
    doc = span.doc
    text = span.text.strip()
    if PHONE.match(text):
        return True
    if NOT_FIGURE_BEFORE.search(text_of(doc)[max(0, span.start_char - 15) : span.start_char]):
        return True
    after = text_of(doc)[span.end_char : span.end_char + 12].lower()
    if re.match(r"-?(year|month|week|day|hour)s?[- ]old", after) or re.match(r"-year", after):
        return True  # ages and durations: "a 34-year-old", "a five-year plan"
    if YEAR.fullmatch(text):
        return True
    tokens = [t for t in span if t.like_num or t.is_digit]
    if not tokens and span.label_ == "CARDINAL" and text.lower() not in WORD_NUMBERS:
        return True
    return text.lower() in {"one", "a", "an"}


def _year_near(sentence: Span) -> int | None:
    for ent in sentence.ents:
        if ent.label_ == "DATE":
            match = YEAR.search(ent.text)
            if match:
                return int(match.group(0))
    return None


def figures_in(
    doc: Doc, default_country: str | None = None, default_year: int | None = None
) -> list[dict[str, Any]]:
    """Every figure in ``doc`` with value, kind, qualifier, counts, country, year, offsets."""
    candidates: list[tuple[int, int, str]] = [
        (ent.start_char, ent.end_char, ent.label_)
        for ent in doc.ents
        if ent.label_ in FIGURE_LABELS
    ]
    for match in SHORT_FORM.finditer(text_of(doc)):
        if not any(s <= match.start() < e for s, e, _ in candidates):
            label = "MONEY" if match.group(1) else "CARDINAL"
            candidates.append((match.start(), match.end(), label))
    figures = []
    for start_char, end_char, label in sorted(candidates):
        # The small model often stops before the unit: "more than 80" + " per cent".
        unit = UNIT_AFTER.match(text_of(doc), end_char)
        if unit:
            end_char = unit.end()
            if PERCENT.search(unit.group(0)):
                label = "PERCENT"
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None or _is_noise(span):
            continue
        text = text_of(doc)[start_char:end_char]
        value = parse_value(text)
        if value is None:
            continue
        qualifier, start_char = _qualifier(text, doc, start_char)
        text = text_of(doc)[start_char:end_char]
        sentence = sentence_of(span[0])
        figures.append(
            {
                "text": text,
                "value": int(value) if float(value).is_integer() else value,
                "kind": _kind(text, label, doc, start_char),
                "counts": _counted_phrase(span),
                "qualifier": qualifier,
                "country": country_near(doc, sentence.start_char, sentence.end_char)
                or default_country,
                "year": _year_near(sentence) or default_year,
                "start": start_char,
                "end": end_char,
                "sentence": sentence.text.strip(),
            }
        )
    return figures
