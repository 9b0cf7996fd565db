"""Telling people's names from the rest of what the NER calls a person: bylines and
photo credits, headline words, places, offices; and the names cleaned of honorifics
and articles, as actors are keyed by them."""

from __future__ import annotations

import re

from spacy.tokens import Span

from monitor.nlp.doc_cache import text_of
from monitor.nlp.lexicon import HONORIFICS, ROLE_WORDS, TITLE_WORDS
from monitor.nlp.people import NAME_PARTICLES


def person_name(span: Span) -> Span:
    """The name part of a PERSON entity, without office words swallowed in front
    ("General Guy Ryder" from "Director-General Guy Ryder")."""
    start = span.start
    while start < span.end - 1 and (
        span.doc[start].lower_ in TITLE_WORDS
        or span.doc[start].lower_ in ROLE_WORDS
        or span.doc[start].lower_ in {"general", "-"}
    ):
        start += 1
    return span.doc[start : span.end]


# "Lisa Schlein reports for VOA from Geneva", "(J. Dettmer/VOA)", "reporter Aline Barros
# has more": the people who wrote the story are not actors in it.
CREDIT_AFTER = re.compile(r"^\s*(?:reports?\b|has more\b|contributed\b|/|for VOA\b|,? VOA\b)")
CREDIT_BEFORE = re.compile(r"\b(?:reporters?|correspondents?|by|photo:?|credit:?)\s*$", re.I)


def is_credit(span: Span) -> bool:
    text = text_of(span.doc)
    after = text[span.end_char : span.end_char + 20]
    before = text[max(0, span.start_char - 40) : span.start_char]
    return bool(
        CREDIT_AFTER.match(after) or CREDIT_BEFORE.search(before) or _alone_on_its_line(span)
    )


def _alone_on_its_line(span: Span) -> bool:
    """A name that is the whole of its line is a byline ("Ayaz Gul" above the dateline)."""
    text = text_of(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.start_char + len(span.text.rstrip()))
    line = text[start : end if end >= 0 else len(text)]
    return line.strip() == span.text.strip()


def on_headline_line(span: Span) -> bool:
    """A name the NER found in a title-case line (a headline or a menu), where
    capitalised words are not names: "Rohingya Using Larger Boats to Flee Burma"."""
    text = text_of(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    if len(words) < 3 or re.search(r"[.!?][\"”’)]?$", line):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


# "Victoria Square", "Moria Camp": the NER's persons that are places.
PLACE_ENDINGS = re.compile(
    r"\s(?:Square|Street|Road|Avenue|Bridge|Park|Station|Airport|Camp|Islands?|Sea|River|"
    r"Valley|Hall|Palace|Port|Harbou?r|Gate)$"
)


def only_titles(name: str) -> bool:
    """ "Prime Minister", "MEP": offices, not a person's name."""
    words = name.lower().split()
    return all(w in ROLE_WORDS or w in TITLE_WORDS or w in HONORIFICS for w in words)


def surname_keys(parts: list[str]) -> list[str]:
    """How a full name is shortened later: "Graaf" and "de Graaf", "Acker" and "Van Acker"."""
    keys = [parts[-1]]
    if len(parts) > 2 and parts[-2].lower() in NAME_PARTICLES:
        keys.append(" ".join(parts[-2:]))
    return keys


def in_parentheses(span: Span) -> bool:
    """A name in brackets is a credit or a dateline's agency: "ATHENS (Meridian Wire)"."""
    doc = span.doc
    return (
        span.start > 0
        and doc[span.start - 1].text == "("
        and span.end < len(doc)
        and doc[span.end].text == ")"
    )


def clean_name(span: Span) -> str:
    tokens = [
        t
        for t in span
        if t.lower_ not in HONORIFICS
        and t.tag_ != "POS"
        and not t.is_punct
        and not t.is_space
        or t.text == "-"
    ]
    while tokens and tokens[-1].tag_ == "POS":
        tokens.pop()
    text = " ".join(t.text for t in tokens)
    return re.sub(r"\s*-\s*", "-", text).strip(" ,’'")


def organisation_name(span: Span) -> str:
    """A body's name without the article the NER sometimes takes in: "The Internal
    Displacement Monitoring Centre" and "the centre's" name the same body."""
    name = clean_name(span)
    return re.sub(r"^[Tt]he\s+(?=\S)", "", name)
