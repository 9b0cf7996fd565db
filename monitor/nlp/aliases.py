"""Which organisations of a text are its actors.

Short names: "the Commission" and "EC" after "the European Commission", "IOM"
after "the International Organization for Migration" are that body. Without
this, one body appears as two or three actors, each with part of its statements,
and the top-speakers chart splits it. Only a single word counts as a short name:
the initials of the full name, or its head noun when that is an organisation word
("Commission", "Council"). A word that could stand for two bodies of the text
(the Council of Europe and the Council of the EU) is left alone.

Acting: an organisation named only in passing ("a report by the Brookings
Institution", "told the BBC", "U.N. officials say") is not an actor of the story;
one that speaks, is the subject of a verb or the agent of a passive one is, and so
is one whose report, office or spokesperson speaks, whose action is told ("China's
deportation of"), who is urged to act, or who is the source of what is reported
(``acting_mention``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

from monitor.nlp.doc_cache import entity_at, tokens_between
from monitor.nlp.lexicon import BODY_WORDS, ORGANISATION_WORDS, ROLE_WORDS

MINOR_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "to"})
ACRONYM_LETTERS = (2, 7)  # shortest and longest initials taken as an acronym
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Singular nouns that name one member of a body, not the body: "a UN official said".
GROUP_MEMBERS = frozenset({"official", "source", "member", "diplomat"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
# Endings of nouns that name an action ("deportation", "refusal", "agreement").
ACTION_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ship", "sal", "val", "ure")
# What speaks for the body that owns it: "UNHCR's staff said", "IOM's report says".
BODY_VOICES = frozenset(
    {"staff", "team", "report", "statement", "study", "survey", "data"}
    | {"decision", "ruling", "judgment", "judgement", "verdict", "order"}
)


# What a source gives: "figures from UNHCR", "the information comes from the Arakan Project".
INFORMATION = frozenset(
    {"information", "data", "figures", "statistics", "numbers", "estimates", "report"}
    | {"reports", "findings"}
)
HYPHENS = frozenset({"-", "–"})
# The prepositions that name whom a call is addressed to: "called on", "appealed to".
ADDRESSEE_PREPOSITIONS = frozenset({"on", "upon", "to"})
# Bodies that act through agencies named by their field ("the U.N. refugee agency").
UMBRELLA_BODIES = frozenset({"UN", "U.N.", "United Nations", "EU", "E.U.", "European Union"})


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


def _speaks_for_body(head: Token) -> bool:
    """Whether ``head``, which a body's name modifies or owns, acts for the body, so
    that when it acts the body does: a longer name or a person ("UNHCR's Melissa
    Fleming said"), an office ("UNHCR spokesman Andrej Mahecic says"), the body's own
    description ("EU border agency Frontex") or its staff or reports ("UNHCR's
    report says"). Members in the plural act as a group ("U.N. officials say", "EU
    ministers agreed"), and things do not speak for the body that owns them ("the
    EU's external borders are not protected", "EU funding")."""
    word = head.lower_
    if _members(head):
        return False  # capitalised members too: "EU Heads of State agreed", "U.N. Economists say"
    if head.pos_ == "PROPN":
        return True
    if head.tag_ == "NNS" or word in GROUP_MEMBERS:
        return False
    return (
        word in ROLE_WORDS
        or word in BODY_VOICES
        or ORGANISATION_WORDS.fullmatch(head.text) is not None
    )


def _members(head: Token) -> bool:
    """An office in the plural: "officials", "Heads", "Economists", "ministers"."""
    word = head.lower_
    return word.endswith("s") and (word[:-1] in ROLE_WORDS or word[:-2] in ROLE_WORDS)


def _field_between(body: Token, head: Token) -> bool:
    """Whether a field stands between an umbrella body's name and the office it
    modifies: "U.N. refugee spokesman", "EU migration commissioner". The UN and the EU
    act through agencies and portfolios news names by their field ("the U.N. refugee
    agency", "the EU border agency"); the office is in that agency, which speaks, not
    the umbrella as a whole. Another body's office keeps the body ("White House press
    secretary"), and so does a unit's ("UN Europe bureau director")."""
    if head.lower_ not in ROLE_WORDS or head.i <= body.i:
        return False
    named = entity_at(body)
    name = (named.text if named is not None else body.text).removeprefix("the ").strip()
    if name not in UMBRELLA_BODIES:
        return False
    return any(
        t.pos_ == "NOUN" and t.is_lower and not _unit_word(t.text)
        for t in body.doc[body.i + 1 : head.i]
    )


def _unit_word(word: str) -> bool:
    """ "bureau", "office", "unit": a part of the body, which is still the body."""
    return bool(ORGANISATION_WORDS.fullmatch(word) or BODY_WORDS.fullmatch(word))


def _joined_by_hyphen(named: Span | Token) -> bool:
    """ "the EU-Turkey statement", "US-Mexico talks": a name joined to another by a
    hyphen describes what lies between the two, and neither acts through it."""
    doc = named.doc
    start, end = (named.start, named.end) if isinstance(named, Span) else (named.i, named.i + 1)
    after = (
        end + 1 < len(doc)
        and doc[end].text in HYPHENS
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    )
    before = (
        start >= 2
        and doc[start - 1].text in HYPHENS
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].text[:1].isupper()
    )
    return after or before


def _is_action(noun: Token) -> bool:
    """A noun that names something done: "deportation", "refusal", "partnership"."""
    return noun.pos_ == "NOUN" and noun.lower_.endswith(ACTION_ENDINGS)


def _asked_to_act(token: Token) -> bool:
    """ "urged the EU to suspend funding", "called on Frontex to withdraw": the
    body is the one who is to act."""
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        if verb.lower_ not in ADDRESSEE_PREPOSITIONS:
            return False  # "At the General Assembly, Ban appealed to the world to ...": a place
        verb = verb.head
    elif token.dep_ != "dobj":
        return False
    return verb.pos_ == "VERB" and any(child.dep_ == "xcomp" for child in verb.children)


def _subject_of_relative_clause(token: Token) -> bool:
    """ "the opposition Liberal Party, which wants to reopen the centre": the body is
    the subject of the clause about it."""
    return any(
        clause.dep_ == "relcl"
        and any(
            child.dep_ in SUBJECTS and child.lower_ in RELATIVE_PRONOUNS
            for child in clause.children
        )
        for clause in token.children
    )


def _source_of_report(token: Token) -> bool:
    """ "according to X", "figures from X show", "the information comes from X": X is
    the source of what is reported."""
    if token.dep_ != "pobj":
        return False
    governor = token.head.head
    if token.head.lower_ == "to":
        return governor.lower_ == "according"
    if token.head.lower_ != "from":
        return False
    if governor.pos_ == "VERB" or governor.pos_ == "AUX":
        # "the information comes from X": what the verb says of the information
        return any(c.dep_ in SUBJECTS and c.lower_ in INFORMATION for c in governor.children)
    return governor.lower_ in INFORMATION


def acting_mention(token: Token) -> bool:
    """Whether the mention of a body at ``token`` shows the body acting: the subject
    of a verb ("Frontex deployed", "UNHCR was asked"), its agent ("was rescued by
    Sea-Watch"), the source of what is reported ("according to the State
    Department"), the one asked to act ("urged the EU to suspend"), or the owner of an
    action ("China's deportation of") or of what speaks for it ("UNHCR's staff
    said")."""
    named = entity_at(token)
    if _joined_by_hyphen(named if named is not None else token):
        return False
    root = named.root if named is not None else token
    if (
        named is not None
        and _members(root)
        and any(t.pos_ == "PROPN" for t in named if t.i < root.i)
    ):
        return False  # the NER's "EU Heads of State": members, not the body
    # "tabled by the EPP, S&D and Renew": each of them acts; "the non-governmental
    # organization, the Arakan Project": the name acts as the noun it renames.
    while root.head is not root and (
        root.dep_ == "conj" or root.dep_ == "appos" and root.head.pos_ == "NOUN"
    ):
        root = root.head
    while root.dep_ in {"compound", "poss"} and root.head is not root:
        if root.dep_ == "poss" and _is_action(root.head):
            return True
        if not _speaks_for_body(root.head) or _field_between(root, root.head):
            break
        root = root.head
    if root.dep_ in SUBJECTS or (root.dep_ == "pobj" and root.head.dep_ == "agent"):
        return True
    if _source_of_report(root):
        return True  # "according to the State Department": the body speaks
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lower_ in BODY_VOICES:
        # "The report by UNCTAD sees a recovery": the body speaks through its report,
        # when the report speaks; "a report by the Brookings Institution" in passing
        # does not make it an actor.
        voice = root.head.head
        return voice.dep_ in SUBJECTS or _source_of_report(voice)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ == "behalf":
        return True  # "speaking on behalf of the EPP Group": the group speaks
    if _subject_of_relative_clause(root):
        return True
    return _asked_to_act(root)


def acts(actor: Positioned, doc: Doc) -> bool:
    """Whether one of the actor's mentions shows it acting (``acting_mention``)."""
    for position in actor.positions:
        tokens = tokens_between(doc, position, position + 1)
        if tokens and acting_mention(tokens[0]):
            return True
    return False
