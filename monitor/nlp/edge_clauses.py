"""What an attribution at a sentence's edge reports, when the parse of the reported
clause falls apart: the clause after the verb ("Gillard says a high court decision
... has re-written the law"), the sentence before an attribution that closes it
("..., officials have told VOA."), or the sentence before one the parser split
off after a dateline."""

from __future__ import annotations

from spacy.tokens import Span, Token

from monitor.nlp.doc_cache import sentence_of
from monitor.nlp.parse_repairs import apposition_before_verb

# Verbs whose content is a clause right after them ("says the plan failed").
CLAUSE_CUES = frozenset({"say", "tell", "add", "insist", "argue", "claim", "explain", "state"})
# "told reporters that ...": the object of these is the listener, never the content.
LISTENER_CUES = frozenset({"tell", "inform", "assure", "remind", "warn"})
MIN_SENTENCE_WORDS = 4  # shorter "sentences" before an attribution are fragments


def strip_that(tokens: list[Token]) -> list[Token]:
    while tokens and (
        tokens[0].dep_ == "mark"
        and tokens[0].lower_ in {"that", "whether", "if"}
        or tokens[0].is_punct
        # "that customers can ask for a refund": the parse may take the conjunction
        # for the object of a verb whose subject follows it.
        or tokens[0].lower_ == "that"
        and tokens[0].dep_ == "dobj"
        and len(tokens) > 1
        and tokens[1].dep_ in {"nsubj", "nsubjpass", "det", "amod", "compound", "poss"}
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"%", ")"}:
        tokens = tokens[:-1]
    return tokens


def clause_before_attribution(verb: Token) -> list[Token] | None:
    """ "The first group flew out last week, more than a year after the plan was
    announced, officials have told VOA.": an attribution that closes its sentence
    after a comma reports everything before the comma, wherever the parse hung it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        # "..., the immigration minister, Peter Dutton, has said": the parse left the
        # verb without its subject, set off by commas before it.
        subject = apposition_before_verb(verb)
    if subject is None or subject.i > verb.i or verb.dep_ == "relcl":
        return None  # "..., a study which pointed to ...": a clause describing a noun
    if subject.tag_ in {"WDT", "WP"}:
        return None
    doc = verb.doc
    sentence = sentence_of(verb)
    comma = subject.left_edge.i - 1
    if comma <= sentence.start or doc[comma].text != ",":
        return None
    # "..., a relative said, warning that ...": a participle may follow the verb.
    participle = {
        t.i
        for c in doc[verb.right_edge.i + 1 : sentence.end]
        if c.tag_ == "VBG" and c.dep_ == "advcl" and c.left_edge.i > verb.i
        for t in c.subtree
    }
    if any(
        not (t.is_punct or t.is_space) and t.i not in participle
        for t in doc[verb.right_edge.i + 1 : sentence.end]
    ):
        return None  # more follows: the verb is not the sentence's last word
    if any(
        c.dep_ not in {"dobj", "dative", "prep", "npadvmod", "advmod", "aux", "punct", "nsubj"}
        and c.i > comma  # a clause in front, hung on the verb, is part of what was said
        and not says_when_or_why(c, verb)
        for c in verb.children
    ):
        return None  # the verb has a clause of its own
    return _sentence_said(strip_that([t for t in doc[sentence.start : comma] if not t.is_space]))


# Conjunctions that open a clause saying when or why something was said, not what.
WHEN_OR_WHY = frozenset(
    {"as", "while", "when", "after", "before", "because", "since", "although", "though"}
)


def says_when_or_why(clause: Token, verb: Token) -> bool:
    """ "..., officials said Friday, as tensions grow", "said while gesturing towards
    the camp": a clause after the verb that such a conjunction opens. Not one that
    opens with a phrase of time ("said as of Wednesday, it had helped 453 migrants"):
    the conjunction marks the clause itself."""
    opener = clause.left_edge
    return (
        clause.dep_ in {"advcl", "ccomp"}
        and opener.i > verb.i
        and opener.pos_ in {"SCONJ", "ADP"}
        and (clause.dep_ == "advcl" or opener.lower_ in WHEN_OR_WHY and opener.dep_ == "mark")
    )


def clause_before_split(verb: Token) -> list[Token] | None:
    """ "KABUL, Afghanistan — Thousands are being deported, the agency said.": after a
    dateline the parser may end the sentence at the comma, leaving ", the agency said"
    a sentence of its own. A sentence that opens with a comma and ends with the
    attribution reports the sentence before it, in the same paragraph."""
    sentence = sentence_of(verb)
    doc = verb.doc
    if sentence.start == 0 or doc[sentence.start].text != "," or verb.dep_ != "ROOT":
        return None
    if any(t.i > verb.i and t.dep_ in {"ccomp", "dobj", "xcomp"} for t in verb.children):
        return None
    before = sentence_of(doc[sentence.start - 1])
    if "\n" in doc[before.start : sentence.start].text:
        return None  # another paragraph says something else
    content = [t for t in before if not t.is_space]
    while content and content[-1].is_punct:
        content.pop()
    return _sentence_said(content)


def _sentence_said(content: list[Token]) -> list[Token] | None:
    """The words an attribution reports when they are a sentence of their own: at
    least MIN_SENTENCE_WORDS tokens with a finite verb."""
    finite = any("Fin" in t.morph.get("VerbForm") for t in content if t.pos_ in {"VERB", "AUX"})
    return content if finite and len(content) >= MIN_SENTENCE_WORDS else None


def clause_after(verb: Token) -> list[Token] | None:
    """ "Gillard says a high court decision ... has re-written Australian law": when
    the parse of what follows a saying verb falls apart, the rest of the sentence
    is still what was said, if it is a clause (it has a finite verb of its own)."""
    if verb.lemma_.lower() not in CLAUSE_CUES:
        return None
    sentence = sentence_of(verb)  # token.sent walks the document on every call
    rest = [t for t in sentence if t.i > verb.i]
    if verb.lemma_.lower() in LISTENER_CUES:
        # "told reporters (that) ...": the listener is not what was said.
        listener = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        if listener:
            rest = [t for t in sentence if t.i > max(x.i for x in listener[0].subtree)]
    # "... are insisting the 93-year-old finishes his term, a source said.": the
    # attribution that closes the sentence is the outer report's, not what was said.
    outer = next((a for a in verb.ancestors if a.i > verb.i), None)
    if outer is not None:
        subjects = [c for c in outer.lefts if c.dep_ in {"nsubj", "nsubjpass"} and c.i > verb.i]
        cut = min([outer.i] + [c.left_edge.i for c in subjects])
        rest = [t for t in rest if t.i < cut]
        while rest and rest[-1].is_punct:
            rest.pop()
    # "the club added two defencemen and launched a campaign": a second action of
    # the subject is no clause of what was said.
    actions = {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    rest = strip_that([t for t in rest if t.i not in actions])
    # "..., officials said Friday, as tensions grow": past a time, a clause a
    # conjunction opens says when or why, not what was said.
    lead = next((t for t in rest if not t.is_punct and t.ent_type_ not in {"DATE", "TIME"}), None)
    if (
        len(rest) < 4
        or lead is None
        or rest[0].pos_ in {"ADP", "ADV", "PUNCT", "CCONJ", "SCONJ"}
        or lead.pos_ in {"ADP", "SCONJ"}
    ):
        return None
    return rest if is_finite(rest) else None


def is_finite(tokens: list[Token]) -> bool:
    """A verb of the tokens is finite, or has a subject ("12,000 people crossed ...",
    which the tagger may read as a participle)."""
    return any(
        "Fin" in t.morph.get("VerbForm")
        or any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
        for t in tokens
        if t.pos_ in {"VERB", "AUX"}
    )


RELATIVE_OPENERS = frozenset({"who", "which", "whose"})
ATTRIBUTION_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PART", "NUM"})
MAX_ASIDE_WORDS = 8  # "Belgium's federal agency for the reception of asylum seekers"
AFTER_ATTRIBUTION = frozenset(
    {"dobj", "dative", "prep", "npadvmod", "advmod", "aux", "punct", "nsubj", "ccomp"}
)


def postposed_attribution(verb: Token) -> tuple[Token, list[Token]] | None:
    """ "The figures are ministers A and B, who fled ..., the source, who said he had
    spoken to people inside, told Reuters.": news closes a report with its source,
    set off by a comma right before the verb (its own relative clause set off too).
    A long report in front may lead the parse to take a name inside it for the
    subject; the noun phrase just before the verb speaks, and everything before
    its comma is what was said. Returns the speaker's head and the content."""
    doc = verb.doc
    sentence = sentence_of(verb)
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if (subject is not None and subject.i > verb.i) or verb.dep_ != "ROOT":
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[verb.right_edge.i + 1 : sentence.end]):
        return None
    if any(
        c.dep_ not in AFTER_ATTRIBUTION or (c.dep_ == "ccomp" and c.i > verb.i)
        for c in verb.children
    ):
        return None
    end = verb.i - 1
    while end > sentence.start and doc[end].pos_ in {"ADV", "AUX"}:
        end -= 1  # "the source also told", "the source has told"
    named_before_aside = False
    if doc[end].text == ",":
        # ", who said he had spoken to people inside the compound,"; ", Belgium's
        # asylum agency," after a name: an aside on the speaker, set off by commas.
        opening = end - 1
        while opening > sentence.start and doc[opening].text != ",":
            opening -= 1
        aside = doc[opening + 1 : end]
        named_before_aside = doc[opening + 1].lower_ not in RELATIVE_OPENERS
        if named_before_aside and not (
            1 <= len(aside) <= MAX_ASIDE_WORDS
            and all(t.pos_ in ATTRIBUTION_WORDS for t in aside)
            and any(t.pos_ == "NOUN" for t in aside)
        ):
            return None
        end = opening - 1
    start = end
    while start > sentence.start and doc[start - 1].text != ",":
        start -= 1
    comma = start - 1
    while start < end and doc[start].is_quote:
        start += 1  # '... in Brussels," Fedasil, ...': the quote closes before the name
    phrase = doc[start : end + 1]
    parsed = subject.left_edge.i if subject is not None else sentence.start
    if not 1 <= len(phrase) <= 6 or comma <= parsed:
        return None  # the parsed subject is this phrase, or the parse was right
    if any(t.pos_ not in ATTRIBUTION_WORDS and not t.is_punct for t in phrase):
        return None
    heads = [t for t in phrase if not phrase.start <= t.head.i < phrase.end]
    if len(heads) != 1 or heads[0].pos_ not in {"NOUN", "PROPN"} or heads[0].dep_ == "poss":
        return None
    if named_before_aside and any(t.pos_ != "PROPN" for t in phrase):
        return None  # "..., France, Italy's neighbour, said": only a name takes an aside here
    content = [t for t in doc[sentence.start : comma] if not t.is_space]
    finite = any("Fin" in t.morph.get("VerbForm") for t in content if t.pos_ in {"VERB", "AUX"})
    return (heads[0], strip_that(content)) if finite and len(content) >= 4 else None


# Words that may follow an attribution standing as a sentence of its own: '... said in
# a statement.', '... told reporters on Monday.'
ATTRIBUTION_TAIL = 6


def only_subject_before(verb: Token, subject: Token | None, sentence: Span) -> bool:
    """'"... The border is not open." Homeland Security Secretary Alejandro Mayorkas
    said.': a sentence that is nothing but an attribution (the speaker, the verb and a
    few words of when or to whom), however long the speaker's title. ``subject`` is
    the verb's speaker (``speech.subject_of``)."""
    if subject is None or subject.i > verb.i:
        return False
    speaker = {t.i for t in subject.subtree}
    before = [t for t in sentence if t.i < verb.i and not t.is_punct]
    return (
        all(t.i in speaker or t.dep_ in {"aux", "neg", "advmod"} for t in before)
        and sentence.end - verb.i <= ATTRIBUTION_TAIL
    )


# What may stand before a pronoun that opens its sentence and share its subject: a
# clause with no subject of its own, or a phrase ("Asked whether the deal would hold,
# she said", "In a statement on Friday, he said").
SCENE_DEPS = frozenset({"advcl", "prep", "npadvmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})


def scene_setting(pronoun: Token) -> set[int]:
    """The tokens before ``pronoun`` that only set the scene for its own clause. They
    do not push the pronoun from the opening of its sentence: "Asked whether ..., she
    said" is still about whom the sentence before was about."""
    return {
        token.i
        for child in pronoun.head.children
        if child.dep_ in SCENE_DEPS
        and child.i < pronoun.i
        and not any(g.dep_ in SUBJECT_DEPS for g in child.children)
        for token in child.subtree
        if token.i < pronoun.i
    }
