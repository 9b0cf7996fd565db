"""Reported clauses that the parse hangs on the medium of speech rather than on the
reporting verb: "said in a statement that ...", "told CBC in an interview that ..."."""

from __future__ import annotations

from spacy.tokens import Token


def clause_after_medium(children: list[Token]) -> list[Token] | None:
    """ "said in a statement that Ottawa would consider the request", "told CBC in
    an interview that ...": the parse may hang the that-clause on the medium; a
    clause opened by "that" as a conjunction (not a relative pronoun) is what was
    said."""
    for prep in children:
        if prep.dep_ != "prep" or prep.i < prep.head.i:
            continue
        for medium in (c for c in prep.children if c.dep_ == "pobj"):
            if medium.ent_type_ in {"DATE", "TIME"}:
                continue  # "on the day that he resigned": a time, not a medium
            for clause in medium.children:
                if clause.dep_ not in {"acl", "relcl"} or clause.i < medium.i:
                    continue
                if _complement_that(clause):
                    tokens = sorted(clause.subtree, key=lambda t: t.i)
                    return tokens[1:] if tokens[0].lower_ == "that" else tokens
    return None


def _complement_that(clause: Token) -> bool:
    """ "that" opens the clause as a conjunction, before its subject: tagged so, or
    taken for the object of a verb that has an object already ("that he had full
    confidence in the coach"), of a passive verb, which has none ("in a news release
    that the suspect was arrested"), or of a clause on a medium of speech ("in an
    email that customers can ask for a refund": news reports what the email said)."""
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    objects = [c for c in clause.children if c.dep_ == "dobj"]
    object_that = (
        len(objects) > 1
        or any(c.dep_ == "nsubjpass" for c in subjects)
        or clause.head.lemma_.lower() in MEDIUM_NOUNS
    )
    return any(
        c.lower_ == "that"
        and subjects
        and c.i < subjects[0].i
        and (c.dep_ == "mark" or (c.dep_ == "dobj" and object_that))
        for c in clause.children
    )


MEDIUM_NOUNS = frozenset(
    """statement release email e-mail interview letter post tweet message note briefing
    conference speech memo filing video""".split()
)
