"""How the figures of one text relate to one another.

A quantity written twice is listed once; a base of comparison takes the country of
the figure it is compared with; a change written after another with only "and by"
between them ("up by 15 per cent on the quarter and by 85 per cent on the year") is
a change in the same direction; a sum converted in brackets ("€105 million ($111.7
million)") belongs where the sum does.
"""

from __future__ import annotations

import re
from typing import Any

from monitor.nlp.furniture import in_headline
from monitor.nlp.numbers import QUALIFIERS


def linked(figures: list[dict[str, Any]], whole: str) -> list[dict[str, Any]]:
    """``figures`` (in text order, from :func:`monitor.nlp.figures.figures_in`) with
    coordinated changes and comparison bases settled and repeats removed."""
    figures = _conversions_follow(_coordinated_changes(figures, whole), whole)
    return once_each(_bases_share_country(_told_again_below(figures, whole), whole), whole)


def _told_again_below(figures: list[dict[str, Any]], whole: str) -> list[dict[str, Any]]:
    """A headline's figure that the story gives again ("Eight dead after boat sinks" over
    "Eight people died on Wednesday") is listed once, in the story's words, where its
    place and date are told."""
    above = [(f, in_headline(whole, f["start"])) for f in figures]
    told = {(f["value"], f["kind"]) for f, headline in above if not headline}
    return [f for f, headline in above if not (headline and (f["value"], f["kind"]) in told)]


# "... and by 85 per cent", "but by only 2 per cent": the change verb is not repeated.
COORDINATED_CHANGE_BEFORE = re.compile(
    r"[^.;]*\b(?:and|but|or|while)\s+(?:[\w'’-]+\s+){0,3}?by\s+"
    r"(?:(?:" + "|".join(QUALIFIERS) + r")\s+)?$",
    re.I,
)


def _coordinated_changes(figures: list[dict[str, Any]], whole: str) -> list[dict[str, Any]]:
    """A figure joined to a change of its sentence by "and by" ("dropped by 87% and from
    Algeria by nearly half") is a change of the same direction, when both are shares
    or both counts."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        if (
            previous["kind"] == "change"
            and figure["kind"] in {"percent", "count", "other"}
            and previous["sentence"] == figure["sentence"]
            and _share(previous, whole) == _share(figure, whole)
            and COORDINATED_CHANGE_BEFORE.fullmatch(whole[previous["end"] : figure["start"]])
        ):
            figure["kind"] = "change"
            if previous["value"] < 0 < figure["value"]:
                figure["value"] = -figure["value"]
    return figures


def _conversions_follow(figures: list[dict[str, Any]], whole: str) -> list[dict[str, Any]]:
    """A sum in brackets right after another sum is its conversion: same country, same
    year."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        if previous["kind"] == figure["kind"] == "money" and re.fullmatch(
            r"\s*\(\s*", whole[previous["end"] : figure["start"]]
        ):
            figure["country"], figure["year"] = previous["country"], previous["year"]
    return figures


def _share(figure: dict[str, Any], whole: str) -> bool:
    """A percentage or a fraction ("nearly half"), as against a count."""
    written = whole[figure["start"] : figure["end"] + 9]
    return bool(re.search(r"%|per ?cent", written, re.I)) or 0 < abs(figure["value"]) < 1


# "a record 45,755 ... more than a quarter of the 45,755 people who crossed": a number
# the text refers back to is the one it wrote before.
REFERS_BACK = re.compile(r"\b(?:the|those|these)\s+$", re.I)
SMALL_NUMBER = 10  # "the two countries" names things, not an earlier figure


def once_each(figures: list[dict[str, Any]], whole: str) -> list[dict[str, Any]]:
    """A figure repeated with the same value, kind and counted noun ("36 of the world's
    richest countries" ... "the 36 industrialized countries"), or referred back to ("the
    45,755 people"), is listed once, where first written; a year only the repeat states
    completes it."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    amounts: dict[tuple[Any, ...], dict[str, Any]] = {}
    unique = []
    for figure in figures:
        words = (figure["counts"] or "").lower().split()
        key = (figure["value"], figure["kind"], words[-1] if words else "")
        first = seen.get(key)
        if first is None and abs(figure["value"]) >= SMALL_NUMBER:
            before = whole[max(0, figure["start"] - 8) : figure["start"]]
            if REFERS_BACK.search(before):
                first = amounts.get((figure["value"], figure["kind"]))
        if first is not None:
            # Only the year: a repeat's place may be another clause's.
            if first["year"] is None:
                first["year"] = figure["year"]
            continue
        seen[key] = figure
        amounts.setdefault((figure["value"], figure["kind"]), figure)
        unique.append(figure)
    return unique


# "10,000 a week now, compared with 6,500 last month", "41 percent, up from 27
# percent": a base of comparison is the same count at another time, so it belongs
# to the country of the figure it is compared with, whatever the clause around it
# names.
COMPARISON_BASE_BEFORE = re.compile(
    r"(?:\bcompared (?:with|to)|\bthan|\b(?:up|down) from|,\s*from)\s+"
    r"(?:about |around |some |nearly |almost |just |over |more than |fewer than )?$",
    re.I,
)
COMPARISON_REACH = 30
# "compared with more than half in Poland": a base placed by its own phrase (not a
# month or a weekday: "compared with 6,500 in May" is the same place at another time).
PLACED_AFTER = re.compile(
    r"\s+(?:in|on|at)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b)[A-Z]"
)


def _bases_share_country(figures: list[dict[str, Any]], whole: str) -> list[dict[str, Any]]:
    """A figure that is the base another figure of its sentence is compared with takes
    that figure's country."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        before = whole[max(previous["end"], figure["start"] - COMPARISON_REACH) : figure["start"]]
        placed = PLACED_AFTER.match(whole, figure["end"])
        if (
            previous["sentence"] == figure["sentence"]
            and COMPARISON_BASE_BEFORE.search(before)
            and not placed
        ):
            figure["country"] = previous["country"]
    return figures
