"""Whether a verb and a subject agree in number, as far as their forms show: the small
parser may give a verb a subject it cannot have ("The agency has registered refugees
who have fled ... and expects them to ...")."""

from __future__ import annotations

from spacy.tokens import Token

SINGULAR_PRONOUNS = frozenset({"he", "she", "it"})
PLURAL_PRONOUNS = frozenset({"they", "we"})


def verb_number(verb: Token) -> str | None:
    """ "sing" for "expects", "has said"; "plur" for "expect", "have said"; None
    when the form does not show it (past tense, participles alone)."""
    for token in (verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})):
        if token.tag_ == "VBZ":
            return "sing"
        if token.tag_ == "VBP":
            return "plur"
    return None


def subject_number(subject: Token) -> str | None:
    if subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "refugees who ...": the antecedent's number
    if any(child.dep_ == "conj" for child in subject.children):
        return "plur"  # "UNHCR and IOM"
    if subject.lower_ in SINGULAR_PRONOUNS or subject.tag_ in {"NN", "NNP"}:
        return "sing"
    if subject.lower_ in PLURAL_PRONOUNS or subject.tag_ in {"NNS", "NNPS"}:
        return "plur"
    return None


def agrees(verb: Token, subject: Token) -> bool:
    """Whether ``verb`` can have ``subject``, as far as their number shows."""
    wanted, found = verb_number(verb), subject_number(subject)
    return wanted is None or found is None or wanted == found
