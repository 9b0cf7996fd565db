"""Quoted passages in every common quotation style."""

from __future__ import annotations

import bisect
import itertools
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
# mark and only the last one closes. A paragraph that opens with a mark (or whose
# colon does: 'Sankey said: "The Home Office ...'), has no other mark, and is followed
# by a paragraph that opens with one is such a running quote.
RUNNING_PARAGRAPH = re.compile(
    r'(?m)(?:^[ \t]*|:[ \t]*)["\u201c]([^"\u201c\u201d\n]+?)[ \t]*\n(?=\s*["\u201c])'
)


# Press-release style: one mark opens a passage of several paragraphs and one closes
# it at the end of a later paragraph, with no other quote mark in between; the
# closing mark may be of the other style ("“...\"").
PASSAGE = re.compile(r'(?m)^[ \t]*["\u201c]([^"\u201c\u201d]*)')
# It closes at the paragraph's end, or before a short attribution that ends the
# paragraph ('... reception capabilities", she added.').
CLOSING = re.compile(r'["\u201d][ \t]*(?:,[^\n"\u201c\u201d]{1,60}?[.!?]?[ \t]*)?(?:\n|\Z)')
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
            parts = _mixed_marks(text, match.start(1), match.end(1)) if opening == '"' else None
            for start, end in parts or [(match.start(1), match.end(1))]:
                if len(text[start:end].split()) >= MIN_QUOTE_WORDS or _short_utterance(
                    text, start, end
                ):
                    quotes.append(Quote(start, end))
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


# '"It's a disgrace," Trump said': a short quote that ends its own sentence inside the
# marks and is attributed right after them is someone's words, not a scare quote.
ATTRIBUTED_AFTER = re.compile(
    r"[\"\u201d\u2019']\s*(?:[\w.'\u2019-]+\s+){0,4}?"
    r"(?:said|says|told|tells|added|adds|asked|replied|wrote|tweeted|insisted|warned|"
    r"explained|shouted)\b"
)


def across_paragraphs(text: str, quote: Quote, position: int) -> bool:
    """A paragraph break stands between the quote and a verb at ``position``: the verb
    attributes other words ('..., she added.\n\nMs Patel continued: "...'), unless
    its colon ends the paragraph to open the quote ('Sankey said:\n\n"The ...').
    """
    if position >= quote.end:
        return "\n" in text[quote.end : position]
    introduction = text[position : quote.start].rstrip(' \n\t"\u201c\u2018\u00ab')
    if introduction.endswith(":"):
        return "\n" in introduction
    return "\n" in text[position : quote.start]


def ends_in_punctuation(text: str, start: int, end: int) -> bool:
    """The quoted words end in their own sentence's punctuation ('"It's a disgrace,"')."""
    return text[start:end].rstrip()[-1:] in {",", ".", "!", "?"}


def _short_utterance(text: str, start: int, end: int) -> bool:
    return ends_in_punctuation(text, start, end) and bool(ATTRIBUTED_AFTER.match(text, end))


def _mixed_marks(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """'"The truth is ...,” Cochetel said. “To call them ...."': a straight mark that
    opens and one that closes, with a curly closing and a curly opening mark between
    them, are two quotes with their attribution in between (marks mixed in editing)."""
    closing = text.find("\u201d", start, end)
    opening = text.find("\u201c", closing + 1, end) if closing >= 0 else -1
    if opening < 0:
        return None
    return [(start, closing), (opening + 1, end)]


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


class QuoteIndex:
    """Whether a position lies within one of a text's quotes, in logarithmic time:
    the statement finder asks it for nearly every token, and a scan of every quote
    each time made long texts quadratic. Quotes sorted by start, with the furthest
    end reached so far: a position is inside when some quote starting at or before
    it ends after it."""

    def __init__(self, quotes: list[Quote]):
        self.ordered = sorted(quotes, key=lambda quote: quote.start)
        self.starts = [quote.start for quote in self.ordered]
        self.reach = list(itertools.accumulate((quote.end for quote in self.ordered), max))

    def __contains__(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position)
        return index > 0 and self.reach[index - 1] > position

    def covered(self, start: int, end: int) -> int:
        """How many characters of ``start``..``end`` lie inside quotes."""
        index = bisect.bisect_left(self.starts, end)
        total = 0
        while index > 0 and self.reach[index - 1] > start:
            index -= 1
            quote = self.ordered[index]
            total += max(0, min(end, quote.end) - max(start, quote.start))
        return total
