"""Page numbers of offsets in a text made of pages (a PDF's text, pages joined)."""

from __future__ import annotations

from bisect import bisect_right


def page_at(page_starts: tuple[int, ...] | list[int], offset: int) -> int:
    """The 1-based page number holding character ``offset``."""
    return max(1, bisect_right(page_starts, offset))
