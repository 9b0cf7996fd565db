"""Actors registered along the way that name nobody, or name someone already listed.

The index registers every phrase a speaker or an entity was read from, and some
of those are not actors of their own: a bare office ("MEP"), a document ("the
Upstream Working Group Roadmap"), a generic noun ("the agency") standing for a
body the text has named, a name cut off where the text ends ("Edwa" for
Edwards), or the outlet that published the story, named in its credits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from spacy.tokens import Doc

from monitor.nlp.actor_acronyms import Definition
from monitor.nlp.actor_names import names_a_document, only_titles
from monitor.nlp.actor_record import Actor
from monitor.nlp.actor_types import GENERIC_ORGANISATIONS
from monitor.nlp.doc_cache import text_of, tokens_between
from monitor.nlp.lexicon import ORGANISATION_WORDS, ROLE_WORDS

# How the outlet of a story names itself in credits and sign-offs: "(V. Macchi/VOA)",
# "reports for VOA", "told VOA", "VOA's immigration reporter", "the VOA newsroom".
OUTLET_BEFORE = re.compile(
    r"(?:/|\breports? for|\bwrites for|\btold|\btells|\bconfirm(?:s|ed) to)\s*$"
)
OUTLET_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+[A-Za-z]+){0,2}?\s+(?:reporters?|correspondents?|team|newsroom|staff)\b"
)
CONTEXT_CHARS = 40  # how much text around a mention is read for a credit


class Listed(Protocol):
    name: str
    kind: str
    type: str
    positions: list[int]


def names_nobody(actor: Listed) -> bool:
    """A bare title ("MEP"; an office of some length, "Asylum and Migration Minister",
    does name its holder), a document or a policy ("the Upstream Working Group
    Roadmap"), or a lower-case word that is no body's name ("cooperation")."""
    name = actor.name.strip()
    if actor.kind == "person":
        return " " not in name and only_titles(name)
    if actor.kind != "organisation":
        return False
    if names_a_document(name):
        return True
    if " " in name or not name.islower() or name in GENERIC_ORGANISATIONS:
        return False  # a generic noun is judged by ``stands_for_named``
    return ORGANISATION_WORDS.fullmatch(name) is None


def names_members(actor: Listed) -> bool:
    """ "MEPs", "ministers": an organisation named only by its members in the plural
    is a group of people speaking together, not a body."""
    words = actor.name.split()
    return (
        actor.kind == "organisation"
        and bool(words)
        and words[-1].endswith("s")
        and all(w.lower() in ROLE_WORDS or w.lower()[:-1] in ROLE_WORDS for w in words)
    )


def stands_for_named(actor: Listed, others: Iterable[Listed], doc: Doc) -> bool:
    """ "the agency" when the text names the agency it means (UNHCR): the generic noun
    is that body, already listed. Capitalised, the word is a short name ("the
    Council") unless only the start of a sentence made it so ("Agency spokesman")."""
    word = actor.name.strip()
    kinds = GENERIC_ORGANISATIONS.get(word.lower())
    if actor.kind != "organisation" or kinds is None:
        return False
    if not word.islower() and not all(_opens_sentence(doc, p) for p in actor.positions):
        return False
    return any(
        other is not actor and other.kind == "organisation" and other.type in kinds
        for other in others
    )


def _opens_sentence(doc: Doc, position: int) -> bool:
    tokens = tokens_between(doc, position, position + 1)
    return bool(tokens) and tokens[0].is_sent_start


def cut_off(actor: Listed, people: Iterable[Listed]) -> bool:
    """A one-word organisation that is the start of a person's surname: the text was
    cut mid-name ("... says Edwa" for Adrian Edwards)."""
    name = actor.name.strip()
    if actor.kind != "organisation" or " " in name or ORGANISATION_WORDS.search(name):
        return False
    surnames = {p.name.split()[-1] for p in people if p.kind == "person" and p.name.split()}
    return any(s != name and s.startswith(name) for s in surnames)


def is_outlet(actor: Listed, doc: Doc) -> bool:
    """The outlet named in the story's own credits ("reports for VOA", "(V. Macchi/
    VOA)", "VOA's immigration reporter"): it wrote the story and is no actor in it."""
    if actor.kind != "organisation" or actor.type not in {"other", "media"}:
        return False
    text = text_of(doc)
    for position in actor.positions:
        end = position + len(actor.name)
        if text[position:end] != actor.name:
            continue
        before = text[max(0, position - CONTEXT_CHARS) : position]
        after = text[end : end + CONTEXT_CHARS]
        if OUTLET_BEFORE.search(before) or OUTLET_AFTER.match(after):
            return True
    return False


def undefined_body(actor: Actor, definitions: dict[str, Definition], known: set[str]) -> bool:
    """An organisation named by initials the text spells out as a programme or a term:
    "MPP" after "Migrant Protection Protocols (MPP)". A curated institution ("CBP",
    spelt out "Customs and Border Protection") is a body whatever its words."""
    definition = definitions.get(actor.name)
    if actor.kind != "organisation" or definition is None or actor.id in known:
        return False
    return not definition.is_body


# Types a body named with a kind's noun may have besides the kind's own: one the list
# does not type, an international body ("the council" after the UN Security Council)
# or a state's ("the commission" after a national human rights commission).
ANY_KIND = frozenset({"other", "international_org", "government"})


def named_by_noun(actor: Actor, noun: str) -> bool:
    """The organisation's name holds ``noun`` ("the agency" -> "EU Agency for Asylum"),
    is not the noun alone ("NGO", the kind rather than a body), and its type can be
    the noun's."""
    name = actor.name.lower()
    return actor.kind == "organisation" and noun in name and name != noun and kind_fits(actor, noun)


def kind_fits(actor: Actor, noun: str) -> bool:
    """The body's type can be that of a body noun: "the union" after "the GdP police
    union" is not the European Union."""
    kinds = GENERIC_ORGANISATIONS.get(noun)
    return not kinds or actor.type in kinds | ANY_KIND
