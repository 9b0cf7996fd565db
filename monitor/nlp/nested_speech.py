"""Reports inside reports: one sentence, two statements.

News often chains a second statement onto the clause that reports the first:
"Advocates said many could face deportation, charging that the authorities had
begun ...", "The agency says 700,000 will arrive this year and it projected
that ...", "... to Myanmar, where rights advocates say their safety is at risk".
The parse hangs the second reporting verb inside the first one's content, so
the first statement would swallow the second (and the second, lying inside it,
would be dropped as a duplicate). Here the trailing clause is cut off the
outer content and kept as a statement of its own; a participle set off by a
comma ("..., warning that ...") has no subject of its own and speaks for the
subject of the outer report.

A second predicate joined by "and" ("Most speakers questioned whether the
returns were lawful and asked whether the Commission would act") is often
hung by the parse on the last verb of the first report's content, where it
would take that clause's subject ("the returns") for its own. When that
subject is no one who could speak, the coordinated verb shares the outer
report's speaker, as the grammar of the sentence has it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

# How a second reporting verb can hang inside the first one's content.
CHAINED_DEPS = frozenset({"conj", "advcl", "relcl", "xcomp"})
# Tags of the participle of "..., warning that", "..., saying".
PARTICIPLE = "VBG"
# Relative pronouns: "who", "which", "that" (as a subject).
RELATIVE_TAGS = frozenset({"WP", "WDT"})
# Words left dangling at the end of the outer content once the chained clause is cut.
DANGLING = frozenset({"and", "but", "while", "whereas", "as", "where", "which"})


@dataclass
class Report:
    verb: Token
    content: list[Token]
    subject: Token
    # The verb is a predicate coordinated with the report it trails and speaks with
    # that report's subject ("questioned whether ... and asked whether ...").
    coordinated: bool = False


def _own_subject(verb: Token) -> bool:
    return any(child.dep_ in {"nsubj", "nsubjpass"} for child in verb.children)


def _trailing_participle(verb: Token) -> bool:
    """ "..., charging that ...": a participle right after a comma, with no subject."""
    doc = verb.doc
    return (
        verb.tag_ == PARTICIPLE
        and verb.i > 0
        and doc[verb.i - 1].text == ","
        and not _own_subject(verb)
    )


def _chained(outer: Report, inner: Report) -> bool:
    """``inner`` is a report of its own that trails ``outer``'s content."""
    if inner.verb is outer.verb or inner.verb.dep_ not in CHAINED_DEPS:
        return False
    first, last = outer.content[0].i, outer.content[-1].i
    if not first < inner.verb.i <= last:
        return False
    # Only a clause that runs to the end of the outer content: one in the middle
    # ("the deportations the agency says violate the law must stop") is a part of
    # what the outer speaker said, and cutting there would leave a fragment.
    if inner.verb.right_edge.i < last:
        return False
    # "..., and that smugglers charge ...", "because it highlights ...", "after they
    # promised ...": a subordinate clause is still the outer speaker's claim. Not one
    # that sets another speaker's report against it: "..., though Warsaw warned that
    # the crisis was far from over".
    if any(child.dep_ == "mark" for child in inner.verb.children) and not _set_against(inner.verb):
        return False
    # "traffickers, who often claim that ...", "a ruling that rights groups said
    # should end ...": a relative clause describes its antecedent; it is a claim of
    # its own only with a subject of its own on both levels.
    within = {token.i for token in inner.content}
    roots = [token for token in inner.content if token.head.i not in within]
    if _relative(inner.verb) or any(_relative(root) for root in roots):
        return False
    return _own_subject(inner.verb) or _trailing_participle(inner.verb) or inner.coordinated


# Conjunctions that set one report beside another rather than giving its grounds.
SETTING_MARKS = frozenset({"though", "although", "while", "whereas", "after"})


def _set_against(verb: Token) -> bool:
    """ "though Warsaw warned that ...", "after the government warned that ...": a
    clause with its own subject and its own reported clause, opened by a conjunction
    that sets it beside the outer report."""
    return (
        any(child.dep_ == "mark" and child.lower_ in SETTING_MARKS for child in verb.children)
        and any(child.dep_ == "nsubj" and child.pos_ != "PRON" for child in verb.children)
        and any(child.dep_ == "ccomp" for child in verb.children)
    )


def _relative(token: Token) -> bool:
    """``token`` has a relative pronoun for its subject ("who claim", "that should end")."""
    return any(
        child.dep_ in {"nsubj", "nsubjpass"} and child.tag_ in RELATIVE_TAGS
        for child in token.children
    )


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in DANGLING):
        tokens = tokens[:-1]
    return tokens


def split_chained(reports: list[Report], min_tokens: int) -> list[Report]:
    """``reports`` with each chained report cut off the content it trails; a
    participle's report takes the outer subject. Reports whose content would be
    shorter than ``min_tokens`` once cut keep their content whole."""
    ordered = sorted(reports, key=lambda report: report.verb.i)
    positions = [report.verb.i for report in ordered]
    for outer in reports:
        # Only the reports whose verb lies inside this content: found by bisection,
        # so a long document is not walked once per report.
        low = bisect.bisect_right(positions, outer.content[0].i)
        high = bisect.bisect_right(positions, outer.content[-1].i)
        chained = [inner for inner in ordered[low:high] if _chained(outer, inner)]
        if not chained:
            continue
        inner = min(chained, key=lambda report: report.verb.left_edge.i)
        cut = min(inner.verb.left_edge.i, inner.verb.i)
        kept = _trim([t for t in outer.content if t.i < cut])
        if len(kept) < min_tokens:
            continue
        outer.content = kept
        if _trailing_participle(inner.verb) or inner.coordinated:
            inner.subject = outer.subject
    return reports


CLOSING_MARKS = frozenset({'"', "\u201d", "\u2019", "\u00bb"})


def after_quoted_words(verb: Token) -> bool:
    """'Amnesty said the EU was "funding abuse" and called for ...': the quoted words
    close the reported clause, and the writer's own narration resumes with the
    conjunct, which goes on telling what the outer speaker did."""
    doc = verb.doc
    before = verb.i - 1
    while before >= 0 and doc[before].dep_ in {"aux", "auxpass", "advmod", "neg"}:
        before -= 1
    if before < 1 or doc[before].lower_ != "and":
        return False
    mark = doc[before - 1] if doc[before - 1].text != "," else doc[before - 2]
    return mark.text in CLOSING_MARKS


def breaks_the_auxiliary(verb: Token) -> bool:
    """ "said council would hold a meeting, and called on the province to pay", "said
    the authorities had failed to act, and urged the government to ...", "said many
    were registered with it and called on ...": a past-tense conjunct cannot share
    the reported clause's "would", "had" or "were"; it goes on telling what the
    outer speaker did."""
    return (
        verb.tag_ == "VBD"
        and verb.dep_ == "conj"
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
        and any(c.dep_ in {"aux", "auxpass"} for c in verb.head.children)
    )


def coordinated_with_report(verb: Token, is_speech: Callable[[Token], bool]) -> Token | None:
    """The reporting verb whose content ``verb`` was hung in as a conjunct: "asked"
    in "questioned whether the returns were lawful and asked whether ...", where the
    parse joins "asked" to "were", or "urged" in "said the authority was not a party
    but urged both sides to ...". Only a conjunct joined by "and" or "but" with no
    subject of its own, inside a clause the other verb reports."""
    if verb.dep_ != "conj" or _own_subject(verb):
        return None
    joined = {"and", "but"}
    if not any(child.dep_ == "cc" and child.lower_ in joined for child in verb.head.children):
        return None
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or not is_speech(clause.head):
        return None
    return clause.head
