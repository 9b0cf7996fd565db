"""Datelines: "ATHENS, Greece —", "BRUSSELS (Reuters) -", "GENEVA —" at the start of
a paragraph, or "DHAKA:" as South Asian and Gulf papers write them. A dateline says
where a story was filed; it is never a speaker, and the parser reads the lead
sentence without it."""

from __future__ import annotations

import re

# The agency in brackets before the place, as ANSA writes it: "(ANSA) - ROME, MAY 5 -".
AGENCY_FIRST = r"(?:\([A-Za-z][\w .&-]{1,20}\)[ \t]*[-–—][ \t]*)?"
# "ATHENS, Greece —", "BRUSSELS (Reuters) -", "GENEVA —", "ISLAM QALA:" at the start
# of a paragraph, and "(ANSA) - ROME, MAY 5 -" with the agency first.
DATELINE = re.compile(
    r"(?m)^[ \t]*" + AGENCY_FIRST + r"[A-Z][A-Z'’.\- ]{2,40}(?:,[ \t]*[A-Z][\w.’' -]{1,30})?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:—|–|--|-|:)[ \t]"
)


def datelines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the datelines that open paragraphs."""
    return [(match.start(), match.end()) for match in DATELINE.finditer(text)]
