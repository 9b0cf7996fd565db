"""Short names of an organisation the same text names in full: "the Commission" and
"EC" after "the European Commission", "IOM" after "the International Organization
for Migration". Without this, one body appears as two or three actors, each with
part of its statements, and the top-speakers chart splits it.

Only a single word counts as a short name: the initials of the full name, or its
head noun when that is an organisation word ("Commission", "Council"). When the
word could stand for two bodies of the text (the Council of Europe and the Council
of the EU), it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from monitor.nlp.lexicon import ORGANISATION_WORDS

MINOR_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "to"})
ACRONYM_LETTERS = (2, 7)  # shortest and longest initials taken as an acronym


class Named(Protocol):
    id: str
    name: str


def initials(name: str) -> str:
    """ "International Organization for Migration" -> "IOM"."""
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    return "".join(word[0] for word in words if word.lower() not in MINOR_WORDS).upper()


def is_short_name(short: str, full: str) -> bool:
    """Whether the single word ``short`` is an acronym or the head noun of ``full``."""
    words = full.split()
    if len(words) < 2 or " " in short.strip():
        return False
    low, high = ACRONYM_LETTERS
    if short.isupper() and low <= len(short) <= high:
        return initials(full) == short
    head = ORGANISATION_WORDS.fullmatch(short) is not None and short[:1].isupper()
    return head and short.lower() in {words[0].lower(), words[-1].lower()}


def alias_target(short: str, organisations: Iterable[Named]) -> Named | None:
    """The one organisation of ``organisations`` that ``short`` names, or None."""
    found = {o.id: o for o in organisations if o.name != short and is_short_name(short, o.name)}
    return next(iter(found.values())) if len(found) == 1 else None
