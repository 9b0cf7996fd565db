"""Quoted passages in every common quotation style."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

QUOTE_PAIRS = (
    ("\u201c", "\u201d"),  # “ ”
    ("\u00ab", "\u00bb"),  # « »
    ("\u2018", "\u2019"),  # ‘ ’
    ('"', '"'),
)
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes ("give and take"), not statements
# News style for a quote that runs over paragraphs: each paragraph opens with a quote
# mark and only the last one closes. A paragraph that opens with a mark, has no other
# mark, and is followed by a paragraph that opens with one is such a running quote.
RUNNING_PARAGRAPH = re.compile(
    r'(?m)^[ \t]*["\u201c]([^"\u201c\u201d\n]+?)[ \t]*\n(?=\s*["\u201c])'
)


# Press-release style: one mark opens a passage of several paragraphs and one closes
# it at the end of a later paragraph, with no other quote mark in between; the
# closing mark may be of the other style ("“...\"").
PASSAGE = re.compile(r'(?m)^[ \t]*["\u201c]([^"\u201c\u201d]*)')
CLOSING = re.compile(r'["\u201d][ \t]*(?:\n|\Z)')
MAX_PASSAGE_PARAGRAPHS = 4


@dataclass
class Quote:
    start: int  # offset of the first character inside the marks
    end: int

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages of at least MIN_QUOTE_WORDS words, in every common style."""
    quotes: list[Quote] = []
    for opening, closing in QUOTE_PAIRS:
        if opening == "\u2018":
            # ’ is also the apostrophe: the closing mark must not be followed by a letter.
            pattern = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))\u2018([^\u2018]+?)\u2019(?![A-Za-z])")
        elif opening == '"':
            pattern = re.compile(r'"([^"\n]+)"')
        else:
            # Never across another opening mark: a quote paragraph that opens the next
            # one is a running quote (below), and a closing mark further on belongs to
            # the later quote. Stopping there also keeps the search linear: with
            # thousands of unclosed marks, each would otherwise scan to the end.
            pattern = re.compile(
                re.escape(opening)
                + r"\s*([^"
                + re.escape(opening)
                + re.escape(closing)
                + r"]+?)\s*"
                + re.escape(closing)
            )
        for match in pattern.finditer(text):
            if len(match.group(1).split()) >= MIN_QUOTE_WORDS:
                quotes.append(Quote(match.start(1), match.end(1)))
    quotes += _passages(text, quotes)
    quotes = _join_running_paragraphs(text, quotes)
    # A quote inside one that starts earlier (a 'single' inside a "double") is part of
    # it. One pass in order of start, keeping the furthest end of the earlier starts.
    kept: list[Quote] = []
    end_before = end_here = -1  # furthest end of quotes starting before / at this start
    current = None
    for quote in quotes:
        if quote.start != current:
            end_before, end_here, current = max(end_before, end_here), -1, quote.start
        if quote.end > end_before:
            kept.append(quote)
        end_here = max(end_here, quote.end)
    return kept


def _passages(text: str, found: list[Quote]) -> list[Quote]:
    """Quoted passages over a few paragraphs (see PASSAGE) not already found."""
    passages = []
    for match in PASSAGE.finditer(text):
        # Up to the next mark, which must close the passage at a paragraph's end.
        if not CLOSING.match(text, match.end(1)):
            continue  # never closed: where it ends is a guess
        body = match.group(1)
        paragraphs = [p for p in body.strip().split("\n") if p.strip()]
        if not 1 < len(paragraphs) <= MAX_PASSAGE_PARAGRAPHS:
            continue
        start = match.start(1)
        end = start + len(body.rstrip())
        if not any(q.start < end and start < q.end for q in found):
            passages.append(Quote(start, end))
    return passages


def _join_running_paragraphs(text: str, quotes: list[Quote]) -> list[Quote]:
    """One quote for a passage over several paragraphs: each open paragraph joins the
    quote that opens the next paragraph, so the passage gets the attribution at its end.
    Sorted by start; from the last paragraph back, so that a chain joins up."""
    quotes = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in quotes]
    for match in reversed(list(RUNNING_PARAGRAPH.finditer(text))):
        after = bisect.bisect_left(starts, match.end(1))
        if after == len(quotes) or text[match.end(1) : quotes[after].start].strip(' \t\n"\u201c'):
            continue
        first = bisect.bisect_left(starts, match.start(1))
        joined = Quote(match.start(1), quotes[after].end)
        quotes[first : after + 1] = [joined]
        starts[first : after + 1] = [joined.start]
    return quotes


def _inside(quotes: list[Quote], position: int) -> bool:
    return any(q.start <= position < q.end for q in quotes)


def inside(quotes: list[Quote], position: int) -> bool:
    """Whether ``position`` lies within one of the quoted passages."""
    return any(q.start <= position < q.end for q in quotes)
