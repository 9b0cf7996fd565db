"""Quoted passages in every common quotation style."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_PAIRS = (
    ("\u201c", "\u201d"),  # “ ”
    ("\u00ab", "\u00bb"),  # « »
    ("\u2018", "\u2019"),  # ‘ ’
    ('"', '"'),
)
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes ("give and take"), not statements

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
            pattern = re.compile(
                re.escape(opening)
                + r"\s*([^"
                + re.escape(closing)
                + r"]+?)\s*"
                + re.escape(closing)
            )
        for match in pattern.finditer(text):
            if len(match.group(1).split()) >= MIN_QUOTE_WORDS:
                quotes.append(Quote(match.start(1), match.end(1)))
    quotes.sort(key=lambda q: q.start)
    return [
        q
        for i, q in enumerate(quotes)
        if not any(o.start < q.start and q.end <= o.end for o in quotes[:i])
    ]


def _inside(quotes: list[Quote], position: int) -> bool:
    return any(q.start <= position < q.end for q in quotes)


def inside(quotes: list[Quote], position: int) -> bool:
    """Whether ``position`` lies within one of the quoted passages."""
    return any(q.start <= position < q.end for q in quotes)
