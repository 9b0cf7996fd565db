"""Reporting verbs and what they report: the cue, its subject, its content, its polarity.

Real reporting introduces statements with many verbs besides "said": findings
("the report concluded", "the court ruled"), demands ("urged", "called for"),
criticism ("accused ... of", "criticized ... for"), denials ("denied",
"rejected"). Each verb here is one a news reader would take as introducing
what someone said, wrote, found or decided.
"""

from __future__ import annotations

from spacy.tokens import Token

from monitor.nlp.agreement import agrees
from monitor.nlp.doc_cache import sentence_of
from monitor.nlp.edge_clauses import (
    LISTENER_CUES,
    clause_after,
    clause_before_attribution,
    clause_before_split,
    is_finite,
    says_when_or_why,
    strip_that,
)
from monitor.nlp.lexicon import DOCUMENT_NOUNS, ROLE_WORDS
from monitor.nlp.medium_clauses import clause_after_medium
from monitor.nlp.parse_repairs import (
    apposition_before_verb,
    clause_beyond_subordinate,
    name_after_opening_phrase,
    name_after_quote,
    name_read_as_adverb,
    one_who_said,
    person_after_clausal_scene,
    person_after_scene,
    person_before_origin,
    phrase_between_quote_and_verb,
    quoted_as_saying,
    speaker_after_measure,
    subject_of_a_noun,
    subject_of_verbless_root,
)
from monitor.nlp.phrase_cues import phrase_content, phrase_word, phrase_words

SPEECH_VERBS = frozenset(
    """say tell stress warn confirm explain argue announce insist urge deny claim add note
    state emphasise emphasize acknowledge admit suggest declare underline underscore
    reiterate criticise criticize describe write accuse promise pledge vow predict caution
    contend maintain tweet recall concede assert report reply respond complain allege
    signal agree estimate recommend demand propose unveil ask conclude find rule dismiss
    highlight indicate list threaten call welcome reject refute question blame condemn
    praise appeal express charge project reaffirm observe lament defend assure inform
    remind decide order slam downplay point expect consider stipulate affirm characterise
    characterize brand portray comment remark quip joke recount exclaim shout yell whisper
    mutter retort concur testify plead implore mention disclose divulge reveal opine
    speculate reckon hint muse wonder clarify elaborate proclaim swear forecast boast
    grumble sigh regret deplore voice counter advise encourage denounce decry blast tout
    attribute cite document term label post""".split()
)
# Verbs that report only when a document or a body is their subject: "the report
# shows", "figures show", not "the video shows a boat".
DOCUMENT_VERBS = frozenset({"show", "reveal", "suggest", "indicate", "find", "conclude"})
# Cues whose object (not a clause) is what was said: "announced plans to ...",
# "criticized Iran for pressuring refugees", "expressed concern over ...".
OBJECT_CUES = frozenset(
    """report announce propose promise pledge demand recommend deny confirm criticise
    criticize urge ask call accuse blame condemn praise welcome reject dismiss highlight express
    question list threaten order downplay defend reaffirm lament project estimate charge
    stress underline underscore emphasise emphasize note warn voice regret deplore denounce
    decry blast tout attribute cite document""".split()
)
# Cues whose object is what was said only with what it is called: "described the
# centres as a cruel experiment" (not "Aid workers describe the camp").
AS_CUES = frozenset(
    {"describe", "characterise", "characterize", "brand", "portray", "term", "label"}
)
# Prepositions that carry the content after a verb: "called for", "warned against",
# "appealed to governments to ...", "took issue with".
CONTENT_PREPOSITIONS = frozenset({"for", "against", "of", "about", "over", "on", "to", "with"})
# "reported on the implementation of the deal": what a report is about, not what
# it says.
TOPIC_CUES = frozenset({"report"})
TOPIC_PREPOSITIONS = frozenset({"on", "about"})
# "urged both sides to return", "advised passengers not to come", "reminded people
# never to run generators indoors": a directive and its addressee.
XCOMP_CUES = frozenset(
    """urge promise pledge vow threaten appeal decide ask call advise encourage
    remind warn""".split()
)
# "The two governments agreed to close the centre", "agreed a deal": an agreement
# reports what the parties will do together, an act rather than a claim; only
# "agreed that ..." reports a view they share.
THAT_CLAUSE_ONLY = frozenset({"agree"})
DENIAL_CUES = frozenset({"deny", "reject", "dismiss", "refute"})
# Cues whose content may be a gerund: "denied inviting migrants", "admitted lying".
GERUND_CUES = frozenset({"deny", "admit", "acknowledge"})
# How many clauses up a verb may look for its subject: "ordered them to pack up and
# go back, blaming them for ..." climbs from "blaming" through "go" and "pack".
SUBJECT_CLIMB = 4


# Forms that are never anything but reporting verbs in news. The small model now and
# then tags one a noun at the root of '"...," the 67-year-old said, standing ...'.
ALWAYS_VERBS = {"said": "say", "says": "say", "told": "tell"}


def is_speech_verb(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"} and not (
        token.lower_ in ALWAYS_VERBS and token.dep_ == "ROOT"
    ):
        return False
    lemma = ALWAYS_VERBS.get(token.lower_) or token.lemma_.lower()
    if lemma == "find" and any(c.dep_ == "prt" for c in token.children):
        return False  # "found out that she had lost her job": learnt, not said
    if lemma in SPEECH_VERBS or phrase_word(token) is not None:
        return True
    if lemma == "quote":
        # "Meloni was quoted as saying": the one quoted speaks; "the report quoted
        # officials" makes the report the reporter, not the speaker.
        return any(child.dep_ == "nsubjpass" for child in token.children)
    if lemma in DOCUMENT_VERBS:
        subject = subject_of(token)
        return subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS
    return False


def subject_of(verb: Token) -> Token | None:
    if (quoted := quoted_as_saying(verb)) is not None:
        return quoted
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        if is_speech_verb(verb.head):
            # "UNHCR, the UN Refugee Agency, said on Friday, warning that ...": whoever
            # said it, found as for the verb itself (its subject may need repairing).
            return subject_of(verb.head)
        main = clause_beyond_subordinate(verb)
        # Up to the verb that reports that clause ("said the scheme would go on unless
        # ..., adding"; "urged people not to stay unless ..., warning").
        while main is not None and not is_speech_verb(main) and main.dep_ in CLIMBED:
            main = main.head
        if main is not None and is_speech_verb(main):
            return subject_of(main)
        # "X was a defector, a relative said, warning that ...": the participle goes
        # with the attribution just before it, not with the clause it reports.
        reporting = [
            c
            for c in verb.head.children
            if c.dep_ in {"parataxis", "ccomp"} and c.i < verb.i and is_speech_verb(c)
        ]
        if reporting:
            return subject_of(reporting[-1])
    if verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        # "... have been turned back since the policy began, the minister, Peter Dutton,
        # has said": the parse joins the attribution to the reported clause and hangs
        # its speaker on that clause's last noun; the subject of the reported clause
        # did not say it.
        set_off = apposition_before_verb(verb)
        if set_off is not None:
            return set_off
    current = verb
    for _ in range(SUBJECT_CLIMB):
        # The small model sometimes makes a closing quote mark the subject, and in
        # '"The first group left," an official told VOA' it gives the verb two
        # subjects, the quote's and the speaker's: the one nearest the verb speaks.
        subjects = [
            child
            for child in current.children
            if child.dep_ in {"nsubj", "nsubjpass"}
            and not child.is_punct
            # "co" of "co-leader": a prefix the tokenizer split off, not a noun
            and not (child.is_lower and child.i + 1 < len(child.doc) and child.nbor(1).text == "-")
        ]
        if subjects:
            subject = min(subjects, key=lambda child: abs(child.i - current.i))
            subject = person_after_scene(subject) or speaker_after_measure(subject) or subject
            subject = subject_of_a_noun(subject) or subject
            if current.i == verb.i or agrees(verb, subject):
                return _antecedent(subject)
            if current.dep_ == "relcl" and current.head.head != current.head:
                # "The agency has registered refugees who have fled ... and expects
                # them to ...": "expects" cannot share "who" (the refugees); the parse
                # joined it to the relative clause, not to the clause it belongs to.
                current = current.head.head
                continue
            return subject
        if current.dep_ in {"conj", "xcomp", "advcl"} and current.head != current:
            current = current.head
            if verb.tag_ == "VBG" and current.dep_ == "ccomp" and is_speech_verb(current.head):
                # "denied that the calls were at odds ..., telling CP that ...": the
                # parse hangs the participle on the reported clause; it is the
                # speaker's, not the clause subject's.
                current = current.head
        elif verb.tag_ == "VBG" and current.dep_ == "acl" and current.head != current:
            # "ICE issued a statement saying ...", "The charity challenged the move to
            # single out migrants, saying ...": the participle speaks for whoever
            # issued or challenged; climb past the noun it hangs on.
            current = current.head
            while current.pos_ in {"NOUN", "PROPN"} and current.head != current:
                current = current.head
        else:
            break
    return (
        _subject_of_reduced_relative(verb)
        or _age_folded_into(verb)
        or subject_of_verbless_root(verb)
        or name_read_as_adverb(verb)
        or apposition_before_verb(verb)
        or name_after_opening_phrase(verb)
        or person_after_clausal_scene(verb)
        or name_after_quote(verb)
        or phrase_between_quote_and_verb(verb)
    )


RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
CLIMBED = frozenset({"ccomp", "xcomp", "conj"})


def _antecedent(subject: Token) -> Token:
    """ "the Danish Refugee Council, which said ...", "Maria Lopez, who told ...": the
    speaker of a relative clause set off by a comma is the noun the clause hangs on.
    A clause that picks out whom it means ("residents who call themselves ...",
    "people who decide to go home") describes them; it reports no one's words,
    unless it tells what one person once said ("a Salvadoran woman who said she
    was held ..."): a past verb on someone introduced with "a"."""
    clause = subject.head
    if (
        subject.lower_ in RELATIVE_PRONOUNS
        and clause.dep_ == "relcl"
        and clause.head != clause
        and subject.i > 0
        and (subject.doc[subject.i - 1].text in {",", "("} or one_who_said(clause))
    ):
        return person_before_origin(clause.head)
    return subject


def age_of(token: Token) -> Token | None:
    """The "old" of "24-year-old" when ``token`` is it or is described by it."""
    for candidate in (token, *(c for c in token.children if c.dep_ == "amod")):
        if candidate.lower_ == "old" and any(
            c.lower_ in {"year", "years"} for c in candidate.children
        ):
            return candidate
    return None


def _age_folded_into(verb: Token) -> Token | None:
    """'"We believe in this group," the 24-year-old said.': the small model may hang
    "the" and "24-year-old" on the verb itself, leaving it no subject; the age is
    the subject's phrase. In "A 19-year-old from Eritrea, speaking through an
    interpreter, said" it may read the age, with its article, as a clause of the verb."""
    lefts = list(verb.lefts)
    clause = next(
        (
            c
            for c in lefts
            if c.dep_ == "advcl"
            and age_of(c) is not None
            and any(d.dep_ == "det" for d in c.children)
        ),
        None,
    )
    if clause is not None:
        return clause
    if not any(c.dep_ == "det" for c in lefts):
        return None
    return next((age_of(c) for c in lefts if c.dep_ == "amod" and age_of(c) is not None), None)


def _subject_of_reduced_relative(verb: Token) -> Token | None:
    """ "Migrants forced to turn back say ...", "Officials briefed on the plan said ...":
    the small model takes the participle for the main verb of a clause in front and
    gives it the subject, leaving the speech verb with none. The subject of a past
    participle that opens the sentence, left of the verb, is the speaker. Not one with
    an auxiliary ("applications have been rejected ..., the minister has said"): that
    is a clause of its own, the reported one."""
    for child in verb.lefts:
        if (
            child.dep_ in {"ccomp", "csubj", "advcl"}
            # "Officials briefed on the plan", "a union leader present at the meeting"
            and child.tag_ in {"VBN", "VBD", "JJ"}
            and not any(c.dep_ in {"aux", "auxpass"} for c in child.children)
        ):
            subjects = [
                c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < child.i
            ]
            if subjects and subjects[0].i == sentence_of(verb).start + _leading(subjects[0]):
                return subjects[0]
    return None


def _leading(subject: Token) -> int:
    """How many words of the subject's phrase come before its head noun."""
    return subject.i - min(t.i for t in subject.subtree)


def is_passive(verb: Token) -> bool:
    """ "Units have been accused of abuses", "the plan was ruled illegal": the subject
    is what is spoken of, not who speaks ("was quoted as saying" excepted)."""
    return verb.lemma_.lower() != "quote" and any(
        child.dep_ == "nsubjpass" for child in verb.children
    )


def passive_agent(verb: Token) -> Token | None:
    """The one who speaks in a passive report: "... by Australia's high court".
    Never in a relative clause ("an applicant whose claim was rejected by ..."),
    which describes its antecedent rather than reporting anything."""
    if verb.dep_ == "relcl":
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def passive_content(verb: Token) -> list[Token]:
    """What a passive report says: the clause it reports, else its own clause up to
    the agent ("the plan was ruled illegal" of "the plan was ruled illegal by the
    court on Wednesday")."""
    clauses = [child for child in verb.children if child.dep_ in {"ccomp", "xcomp"}]
    if clauses:
        # "Refugees were told by the police that the camp would close": the clause.
        return strip_that(_subtree(clauses[0]))
    if verb.lemma_.lower() == "call" and not any(c.dep_ in {"oprd", "attr"} for c in verb.children):
        return []  # "the strike was called by the unions": convened, not said
    agent = next(child for child in verb.children if child.dep_ == "agent")
    return strip_that([t for t in _subtree(verb) if t.i < agent.i])


def cue_text(verb: Token) -> str:
    """The cue as written: the verb, with its particle ("called out", "pointed out")."""
    particles = [child for child in verb.children if child.dep_ == "prt"]
    words = [verb, *particles, *phrase_words(verb)]
    if verb.lemma_.lower() == "quote":
        # "was quoted as saying"
        words += [c for c in verb.children if c.dep_ == "auxpass"]
        for as_ in (c for c in verb.children if c.lower_ == "as"):
            words += [as_, *(c for c in as_.children if c.lemma_.lower() == "say")]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i)).lower()


def is_denial(verb: Token) -> bool:
    """The speaker denies or rejects what follows, or did not say it."""
    if verb.lemma_.lower() in DENIAL_CUES:
        return True
    return any(child.dep_ == "neg" for child in verb.children)


def _subtree(token: Token) -> list[Token]:
    return sorted(token.subtree, key=lambda t: t.i)


def _clause_after_listener(children: list[Token]) -> list[Token] | None:
    """ "told the annual meeting that refugee law cannot be replaced": the small model
    hangs the that-clause somewhere under the listener, as if it were a relative
    clause. A clause opened by "that" with a subject of its own is what was said."""
    for listener in (c for c in children if c.dep_ in {"dobj", "dative"}):
        for clause in listener.subtree:
            if clause.dep_ not in {"relcl", "acl", "ccomp"}:
                continue
            tokens = _subtree(clause)
            has_subject = any(
                t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ not in {"that", "which", "who"}
                for t in clause.children
            )
            if tokens[0].lower_ == "that" and tokens[0].dep_ == "mark" and has_subject:
                return strip_that(tokens)
            # "told researchers he planned to try again": without "that", a clause with
            # a subject of its own right after the listener, not a relative clause.
            inside = {t.i for t in clause.subtree}
            listener_end = max(t.i for t in listener.subtree if t.i not in inside)
            if (
                clause.dep_ == "relcl"
                and tokens[0].i == listener_end + 1
                and tokens[0].dep_ in {"nsubj", "nsubjpass"}
                and tokens[0].tag_ in {"PRP", "NNP", "NNPS"}
            ):
                return tokens
    return None


def _around_parenthetical(verb: Token) -> list[Token] | None:
    """ "The UNHCR, he says, takes care of protection": an attribution set inside the
    sentence reports the rest of it."""
    if verb.dep_ != "parataxis" or verb.head.i == verb.i:
        return None
    own = {t.i for t in verb.subtree}
    rest = strip_that([t for t in _subtree(verb.head) if t.i not in own])
    # '"...," he said, his voice breaking': a phrase with no verb of its own is how
    # it was said.
    return rest if is_finite(rest) else None


# "confirmed what advocates feared", "decide what to do", "what she calls": a thing
# named by a free relative, or a question left open, is not a claim anyone made.
WH_THING = frozenset({"what", "whatever"})
WH_WORDS = frozenset({"what", "how", "whether", "where", "when", "which", "who", "why"})


def is_claim(content: list[Token], verb: Token | None = None) -> bool:
    """Whether reported content states something rather than naming a thing or an
    open question ("what to do", "how to respond"), or, in front of its ``verb``, saying
    where or when ('In the "Bild am Sonntag" newspaper, he pointed to ...')."""
    if not content:
        return False
    within = {token.i for token in content}
    # The content's heads: the tokens that hang on something outside it.
    heads = [t for t in content if t.head.i not in within or t.head == t] or content[:1]
    if verb is not None and content[-1].i < verb.i and heads[0].pos_ == "ADP":
        return False
    first = content[0].lower_
    # "what happened at the border was a crime": a clause about the free relative is
    # a claim all the same.
    about_it = any(child.dep_ == "csubj" for token in heads for child in token.children)
    if first in WH_THING and not about_it:
        return False
    return not (first in WH_WORDS and len(content) > 1 and content[1].lower_ == "to")


def reported_content(verb: Token) -> list[Token] | None:
    """The clause or object a reporting verb introduces, as tokens in text order."""
    children = list(verb.children)
    # A clause after the verb before one in front of it: in "Migrants forced back say
    # (that) ...", the parse may leave the speaker inside a clause in front.
    clauses = sorted(
        (c for c in children if c.dep_ == "ccomp" and not says_when_or_why(c, verb)),
        key=lambda c: c.i < verb.i,
    )
    lemma = verb.lemma_.lower()
    if phrase_word(verb) is not None:
        return phrase_content(verb)
    if lemma in THAT_CLAUSE_ONLY:
        opened = [c for c in clauses if c.left_edge.lower_ == "that" and c.i > verb.i]
        return strip_that(_subtree(opened[0])) if opened else None
    if clauses:
        return strip_that(_subtree(clauses[0]))
    attached = clause_after_medium(children)
    if attached:
        return strip_that(attached)
    if lemma in LISTENER_CUES:
        clause = _clause_after_listener(children)
        if clause:
            return clause
    # The small model often hangs the "as" on the object: "described [the decline as
    # a significant development]".
    called_as = [
        c
        for c in children + [g for c in children if c.dep_ == "dobj" for g in c.children]
        if _what_it_is_called(c)
    ]
    objects = [
        c
        for c in children
        if c.dep_ == "dobj"
        and (lemma in OBJECT_CUES or (lemma in AS_CUES and called_as))
        # "(an email) that customers can ask for": a relative "that" is no content.
        and c.lower_ != "that"
        # "citing growing concerns" gives a reason; "cited the Refugee Council" a source.
        and not (lemma in SOURCE_CUES and _names_a_source(c))
        # "ordered all migrants to leave" is a directive; "ordered a halt to family
        # reunification", "ordered the eviction of a camp" an act.
        and not (lemma in DIRECTIVE_ONLY and not any(s.dep_ == "xcomp" for s in children))
    ]
    if lemma in LISTENER_CUES:
        objects = []
    tokens: list[Token] = []
    if objects:
        tokens = _subtree(objects[0])
        for sibling in children:
            if sibling.i > objects[0].i and (
                sibling.dep_ in {"xcomp", "ccomp"}
                or sibling.dep_ == "prep"
                and sibling.lower_ in CONTENT_PREPOSITIONS
                and not _absolute_clause(sibling)
                or sibling in called_as
            ):
                tokens += _subtree(sibling)
        return strip_that(sorted(tokens, key=lambda t: t.i))
    for child in children:
        if child.dep_ == "xcomp" and (
            lemma in XCOMP_CUES or lemma in GERUND_CUES and child.tag_ == "VBG"
        ):
            return strip_that(_subtree(child))
        if child.dep_ == "advcl" and child.left_edge.lower_ == "for" and lemma in XCOMP_CUES:
            # "called for the camps to be closed": the demand, without its "for".
            return strip_that(_subtree(child)[1:])
        if (
            child.dep_ == "prep"
            and child.lower_ in CONTENT_PREPOSITIONS
            # "warned on Monday of growing risks": when, not what.
            and not _when(child)
            # "appealed for calm"; "appealed the ruling" and "appealed to the court" are
            # a legal appeal, not a statement.
            and (lemma in OBJECT_CUES or (lemma, child.lower_) == ("appeal", "for"))
            and not (lemma in TOPIC_CUES and child.lower_ in TOPIC_PREPOSITIONS)
        ):
            # "called for an end to ...": the phrase without its preposition; "called
            # on member states to share ...": with the clause that says what to do.
            tokens = _subtree(child)[1:]
            demands = [
                c
                for c in children
                if c.dep_ in {"xcomp", "advcl"} and c.i > child.i and c.left_edge.lower_ == "to"
            ]
            tokens += [t for demand in demands for t in _subtree(demand)]
            return strip_that(tokens)
    return (
        _around_parenthetical(verb)
        or clause_after(verb)
        or clause_before_split(verb)
        or clause_before_attribution(verb)
    )


def _absolute_clause(preposition: Token) -> bool:
    """ "rejected the bill, with party leader Anna Berg saying that ...": a clause with a
    subject of its own after "with" is a second statement, not part of the first."""
    return any(
        clause.dep_ == "pcomp" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
        for clause in preposition.children
    )


def what_it_is_called(verb: Token) -> Token | None:
    """ "called the text the last missing [link]", "described the camps as a
    [disgrace]": the noun by which the verb says what its object is, if any."""
    if verb.lemma_.lower() not in OBJECT_CUES | AS_CUES:
        return None
    for child in verb.children:
        if _what_it_is_called(child):
            noun = next((c for c in child.children if c.dep_ == "pobj"), child)
            return noun
    return None


# Cues that report words only as a directive to someone ("ordered them to leave").
DIRECTIVE_ONLY = frozenset({"order"})
# Cues whose object may be who is quoted rather than what is claimed.
SOURCE_CUES = frozenset({"cite"})
SOURCE_NOUNS = (
    frozenset({"official", "source", "expert", "figure", "data", "statistic"})
    | DOCUMENT_NOUNS
    | ROLE_WORDS
)


def _names_a_source(noun: Token) -> bool:
    """The object names who or what is cited (a body, a person, a document), not a
    reason."""
    return (
        noun.ent_type_ in {"ORG", "PERSON", "NORP", "GPE"}
        or noun.pos_ == "PROPN"
        or noun.lemma_.lower() in SOURCE_NOUNS
    )


def _when(preposition: Token) -> bool:
    """The phrase only dates the verb: "on Monday", "on 3 June"."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def _what_it_is_called(child: Token) -> bool:
    """ "called the deal [a waste]", "dismissed the criticism [as politically
    motivated]", "described the centres [as a cruel experiment]"."""
    if child.dep_ == "oprd":
        return True
    return child.dep_ in {"prep", "advcl", "advmod"} and child.left_edge.lower_ == "as"


def is_clause(content: list[Token]) -> bool:
    """The reported words are a clause (their head is a verb), not a noun phrase."""
    inside = {t.i for t in content}
    return any(t.head.i not in inside and t.pos_ in {"VERB", "AUX"} for t in content)


# Reported words that are mostly inside quote marks are the direct quote's.
QUOTED_SHARE_OF_A_DIRECT = 0.5
NAMED_AS_SHARE = 0.9  # 'called the text "the last missing link"': nearly all may be quoted


def quoted_share_allowed(clause: bool, verb: Token, quoted_to_the_end: bool) -> float:
    """How much of a report's content may lie inside quote marks and still be reported
    speech, not a direct quote: half of a clause; nearly all of what the verb says
    its object is, when the quote closes the content ('called the text the "last
    missing link"', not 'called the plan a "one in, one out" deal with Paris');
    none of an object, where a quoted phrase is a name."""
    if clause:
        return QUOTED_SHARE_OF_A_DIRECT
    named = quoted_to_the_end and what_it_is_called(verb) is not None
    return NAMED_AS_SHARE if named else 0.0
