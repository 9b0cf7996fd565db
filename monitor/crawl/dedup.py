"""Recognising the same story twice: exact copies and syndicated near-copies.

Three signals, cheapest first:

* the canonical URL (same id: the crawler never fetches it twice);
* an exact hash of the normalised text;
* a 64-bit SimHash of the text's word 3-grams. A syndicated copy differs
  only by page furniture (a kicker, a credit line), which flips a few bits.
  The hash is cut into four 16-bit bands stored in an indexed table: two
  hashes within ``SIMHASH_MAX_DISTANCE`` bits of each other share at least one
  band exactly (pigeonhole), so candidates come from an index lookup, not a
  scan. A candidate is confirmed when the paragraphs overlap.
"""

from __future__ import annotations

import hashlib
import re

SIMHASH_BITS = 64
SIMHASH_BANDS = 4
SIMHASH_MAX_DISTANCE = 3  # bits; up to BANDS - 1 is guaranteed to be found through the bands
SHINGLE_WORDS = 3
MIN_PARAGRAPH_CHARS = 80  # shorter lines (kickers, captions, credits) do not identify a story
SYNDICATION_OVERLAP = 0.8  # share of paragraphs two copies of one story have in common
WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def content_hash(text: str) -> str:
    """Hash of the text with case and whitespace normalised."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:32]


def simhash(text: str) -> int:
    """64-bit SimHash over word 3-grams (Charikar 2002)."""
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        words = words + [""] * (SHINGLE_WORDS - len(words))
    weights = [0] * SIMHASH_BITS
    for i in range(len(words) - SHINGLE_WORDS + 1):
        shingle = " ".join(words[i : i + SHINGLE_WORDS])
        value = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(SIMHASH_BITS):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit, weight in enumerate(weights) if weight > 0)


def bands(fingerprint: int) -> list[int]:
    """The hash cut into SIMHASH_BANDS integers, for indexed candidate lookup."""
    width = SIMHASH_BITS // SIMHASH_BANDS
    mask = (1 << width) - 1
    return [(fingerprint >> (band * width)) & mask for band in range(SIMHASH_BANDS)]


def distance(first: int, second: int) -> int:
    return bin(first ^ second).count("1")


def _paragraphs(text: str) -> set[str]:
    return {
        normalise(line) for line in text.splitlines() if len(line.strip()) >= MIN_PARAGRAPH_CHARS
    }


NUMBER = re.compile(r"\d[\d,.]*")


def same_numbers(text: str, other: str) -> bool:
    """True when both texts cite the same numbers. Two weekly bulletins built
    from one template are near-identical in words but not in figures, and
    neither may be folded into the other."""
    return sorted(NUMBER.findall(text)) == sorted(NUMBER.findall(other))


def same_story(text: str, other: str) -> bool:
    """True when two texts share nearly all their substantial paragraphs."""
    mine, theirs = _paragraphs(text), _paragraphs(other)
    if not mine or not theirs:
        return False
    return len(mine & theirs) / min(len(mine), len(theirs)) >= SYNDICATION_OVERLAP
