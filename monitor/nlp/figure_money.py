"""Whose a sum of money is: the state that receives it (docs/annotation.md), not the
one that pays, and the state whose own body spends it.

The figure's clause is passed as plain token indexes (figure_context builds it), so
this module needs nothing from the clause logic.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from monitor.nlp.figure_lists import governor_of

# Subjects that stand for a state: "Italian authorities", "Greece's coast guard".
INSTITUTIONS = frozenset(
    "authorities government ministry ministries police coastguard guard guards army navy "
    "office officials agency service interior".split()
)
# People who act for a state rather than being counted as its nationals.
STATE_AGENTS = INSTITUTIONS | frozenset(
    "forces troops soldiers officers officer guards agents prosecutors courts judges".split()
)
SPENDING_BODIES = frozenset("government state ministry office department treasury budget".split())
# Verbs whose indirect object, or "to" object, is who gets the money: "give Rwanda
# £10,000", "paid 240 million pounds to Rwanda".
PAYING_VERBS = frozenset(
    "give pay grant send transfer lend award donate pledge offer allocate promise hand".split()
)
# Verbs of an agreement whose "with" object is the other party, paid under it: "signed
# a £140 million deal with Rwanda".
AGREEING_VERBS = frozenset("sign agree strike conclude reach seal".split())
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


def receiving_state(
    named: list[Span], scope: Collection[int], subjects: Collection[int]
) -> str | None:
    """The one state whose institution the money goes to: an institution in ``scope``
    (the figure's clause and the clauses hanging off it), not its subject, qualified by
    a country ("the Libyan Coast Guard", "Tunisia's interior ministry")."""
    states = {
        c.id_
        for c in named
        if c.root.i in scope
        and c.root.i not in subjects
        and c.root.dep_ in {"amod", "poss", "compound"}
        and {c.root.head.lower_, c.root.head.lemma_.lower()} & STATE_AGENTS
    }
    return states.pop() if len(states) == 1 else None


def beneficiary(countries: list[Span], counted: Token) -> str | None:
    """ "a €1 billion package for Lebanon", "€165m in funding for Tunisia", "a €7.4
    billion partnership with Egypt": the one country the sum's own phrase is for."""
    phrase = {t.i for t in counted.subtree}
    states = {
        c.id_
        for c in countries
        if governor_of(c).lower_ in {"for", "with", "to"} and governor_of(c).head.i in phrase
    }
    return states.pop() if len(states) == 1 else None


def paid_to(countries: list[Span], counted: Token) -> str | None:
    """ "would give Rwanda a one-off £10,000", "paid £240 million to Rwanda", "signed a
    £140 million deal with Rwanda": the one country the verb of which the sum is the
    object gives it to, whoever the subject is; "pay Nauru $420 million upfront and $72
    million a year": a sum joined to the object is paid to the same state."""
    while counted.dep_ == "conj" and counted.head.i != counted.i:
        counted = counted.head
    if counted.dep_ != "dobj":
        return None
    verb = counted.head
    lemma = verb.lemma_.lower()
    states = set()
    for country in countries:
        root = country.root
        if root.head.i == verb.i and root.dep_ == "dative" and lemma in PAYING_VERBS:
            states.add(country.id_)
        governor = governor_of(country)
        if governor.head.i == verb.i and (
            governor.lower_ == "to" and lemma in PAYING_VERBS
            or governor.lower_ == "with" and lemma in AGREEING_VERBS
        ):
            states.add(country.id_)
    return states.pop() if len(states) == 1 else None


def state_spending(doc: Doc, verb_index: int, subjects: Collection[int]) -> bool:
    """Whether one state body spends the sum: "governments can pay €20,000" is many
    states'. "The State is expected to spend": the subject of the verb "spend" hangs on."""
    found = set(subjects)
    verb = doc[verb_index] if verb_index >= 0 else None
    while verb is not None and verb.dep_ == "xcomp":
        verb = verb.head
        found |= {child.i for child in verb.children if child.dep_ in SUBJECTS}
    return any(
        doc[i].lemma_.lower() in SPENDING_BODIES and doc[i].tag_ not in {"NNS", "NNPS"}
        for i in found
    )


# Verbs of a funding appeal: "the $300 million it needs", "appealed for $1.2 billion".
APPEAL_LEMMAS = frozenset({"need", "appeal", "require", "seek", "request", "ask"})


def appealed_for(sentence: Span) -> bool:
    """The sentence asks for money: its sum is the appealing agency's, not a state's."""
    return any(t.lemma_.lower() in APPEAL_LEMMAS and t.pos_ == "VERB" for t in sentence)
