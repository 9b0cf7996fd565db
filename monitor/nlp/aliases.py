"""Which organisations of a text are its actors.

Short names: "the Commission" and "EC" after "the European Commission", "IOM"
after "the International Organization for Migration" are that body. Without
this, one body appears as two or three actors, each with part of its statements,
and the top-speakers chart splits it. Only a single word counts as a short name:
the initials of the full name, or its head noun when that is an organisation word
("Commission", "Council"). A word that could stand for two bodies of the text
(the Council of Europe and the Council of the EU) is left alone.

Acting: an organisation named only in passing ("a report by the Brookings
Institution", "told the BBC") is not an actor of the story; one that speaks, is
the subject of a verb or the agent of a passive one is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from spacy.tokens import Doc

from monitor.nlp.doc_cache import entity_at, tokens_between
from monitor.nlp.lexicon import ORGANISATION_WORDS

MINOR_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "to"})
ACRONYM_LETTERS = (2, 7)  # shortest and longest initials taken as an acronym
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


class Named(Protocol):
    id: str
    name: str


N = TypeVar("N", bound=Named)


class Positioned(Protocol):
    positions: list[int]


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


def alias_target(short: str, organisations: Iterable[N]) -> N | None:
    """The one organisation of ``organisations`` that ``short`` names, or None."""
    if " " in short.strip():
        return None  # only a single word is a short name
    found = {o.id: o for o in organisations if o.name != short and is_short_name(short, o.name)}
    return next(iter(found.values())) if len(found) == 1 else None


def acts(actor: Positioned, doc: Doc) -> bool:
    """Whether one of the actor's mentions is the subject of a verb ("Frontex deployed",
    "UNHCR was asked") or its agent ("was rescued by Sea-Watch"), as the name or as
    the owner of the subject ("UNHCR's staff said")."""
    for position in actor.positions:
        tokens = tokens_between(doc, position, position + 1)
        if not tokens:
            continue
        named = entity_at(tokens[0])
        root = named.root if named is not None else tokens[0]
        while root.dep_ in {"compound", "poss"} and root.head is not root:
            root = root.head
        if root.dep_ in SUBJECTS or (root.dep_ == "pobj" and root.head.dep_ == "agent"):
            return True
    return False
