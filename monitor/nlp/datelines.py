"""Datelines: "ATHENS, Greece —", "BRUSSELS (Reuters) -", "GENEVA —" at the start of
a paragraph, or "DHAKA:" as South Asian and Gulf papers write them. A dateline says
where a story was filed; it is never a speaker, and the parser reads the lead
sentence without it."""

from __future__ import annotations

import re

from monitor.country_names import country_code

# The agency in brackets before the place, as ANSA writes it: "(ANSA) - ROME, MAY 5 -".
AGENCY_FIRST = r"(?:\([A-Za-z][\w .&-]{1,20}\)[ \t]*[-–—][ \t]*)?"
# "ATHENS, Greece —", "BRUSSELS (Reuters) -", "GENEVA —", "ISLAM QALA:" at the start
# of a paragraph, and "(ANSA) - ROME, MAY 5 -" with the agency first.
DATELINE = re.compile(
    r"(?m)^[ \t]*" + AGENCY_FIRST + r"[A-Z][A-Z'’.\- ]{2,40}(?:,[ \t]*[A-Z][\w.’' -]{1,30})?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:—|–|--|-|:)[ \t]"
)


# "Banda Aceh, Indonesia –", "Brussels, 14 September 2023 –": a place in title case,
# then the state it lies in or the day, then a dash. Kept apart from a speaker's turn
# in a debate record ("Roberta Metsola, on behalf of the PPE Group. –") by what
# follows the comma: a country's name, or a date with its month.
TITLE_CASE_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){0,2},[ \t]*"
    r"(?P<where>[^,\n–—()]{3,30}?)[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:—|–|--|-)[ \t]"
)
MONTH = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d|$)|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)


def datelines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the datelines that open paragraphs."""
    found = [(match.start(), match.end()) for match in DATELINE.finditer(text)]
    for match in TITLE_CASE_DATELINE.finditer(text):
        where = match.group("where")
        if country_code(where) or MONTH.search(where):
            found.append((match.start(), match.end()))
    return sorted(set(found))
