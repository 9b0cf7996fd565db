"""Where the small English parser goes wrong on news copy, and the reading that
recovers what the sentence says: a subject the parse lost to a misplaced root or a
mistaken part of speech."""

from __future__ import annotations

from spacy.tokens import Token

from monitor.nlp.doc_cache import entities_within, entity_at


def subject_of_verbless_root(verb: Token) -> Token | None:
    """ "The leader of Ennahda, Rachid Ghannouchi, condemned the attack": after a long
    subject the small model may make the noun the sentence's root and the verb a
    clause describing it. A sentence needs a verb; the root noun is the subject."""
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in {"NOUN", "PROPN"}:
        return head if head.i < verb.i else None
    return None


def name_read_as_adverb(verb: Token) -> Token | None:
    """'"...," Rielly said.': the small model tags a surname ending in -ly (Rielly,
    Daly, Kelly) an adverb. A capitalised "adverb" right before the verb, not the
    sentence's first word, is the speaker's name."""
    if verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ == "advmod" and before.head == verb and before.is_title:
        return before if not before.is_sent_start else None
    return None


def apposition_before_verb(verb: Token) -> Token | None:
    """ "In an email to CBC News, a spokesperson for the province said ...": the
    small model may hang the speaker on the medium of the opening phrase as an
    apposition and leave the verb without a subject. A phrase in apposition that
    ends right before the verb, after a comma, is its subject; so is one set off by
    commas before "has said" ("... since the policy began, the immigration minister,
    Peter Dutton, has said")."""
    doc = verb.doc
    first = verb.i  # where the verb group starts: "has said", "had not said"
    while (
        first > verb.sent.start
        and doc[first - 1].head == verb
        and doc[first - 1].dep_ in {"aux", "neg"}
    ):
        first -= 1
    end = first - 1
    set_off = doc[end].text == ","
    if set_off:
        end -= 1
    for token in doc[verb.sent.start : verb.i]:
        if token.dep_ != "appos":
            continue
        # The parse may hang the commas that set the aside off on it.
        left, right = token.left_edge.i, token.right_edge.i
        if doc[left].is_punct:
            left += 1
        if doc[right].is_punct and right > left:
            right -= 1
        # "..., the lead negotiator, EPP MEP Lukas Hofer, said": the person an aside
        # names is the speaker, whatever body stands before it.
        person = next(
            (t for t in token.children if t.dep_ == "appos" and t.ent_type_ == "PERSON"), None
        )
        named = set_off and person is None and _named_before(token, left)
        if (
            right == end
            and left > 0
            and doc[left - 1].text == ","
            # Without "has", only "..., Mamadou Tall, UNHCR's regional coordinator,
            # told": a name before the aside (not "the minister said, ..., told").
            and (first < verb.i or not set_off or named or person is not None)
        ):
            return doc[left - 2] if named else person or token
    return None


def name_after_opening_phrase(verb: Token) -> Token | None:
    """ "In the Sejm, Katarzyna Lis of the Civic Coalition said ...": the small model
    may read the name after the comma as one more object of the opening preposition
    and leave the verb without a subject. A person's name that follows a comma, with
    nothing after it but punctuation and asides ("In a reception centre in Joutseno,
    Abdirahman, a 34-year-old from Somalia, said"), is its subject."""
    doc = verb.doc
    start = verb.sent.start
    if not any(c.dep_ == "prep" and c.i == start for c in verb.lefts):
        return None
    people = [
        ent
        for ent in entities_within(doc[start : verb.i])
        if ent.label_ == "PERSON"
        and start < ent.start
        and doc[ent.start - 1].text == ","
        and ent.root.head.i < ent.start
    ]
    if not people:
        return None
    person = people[-1].root
    between = doc[people[-1].end : verb.i]
    # Its own words ("of the Civic Coalition") and asides describing it.
    asides = {t.i for aside in between if aside.dep_ == "appos" for t in aside.subtree}
    own = {t.i for t in person.subtree}
    return person if all(t.is_punct or t.i in asides | own for t in between) else None


def person_after_scene(subject: Token) -> Token | None:
    """ "Sitting near him, Amina Yusuf, whose son drowned in April, said": the small
    model may make the opening participle the subject and hang the name on it. A
    participle does not speak; the person named after its comma does."""
    if subject.tag_ != "VBG":
        return None
    doc = subject.doc
    # "Speaking to our correspondent in Tunis, the head of the IOM mission, Alessandra
    # Ferri, acknowledged": the name may hang deeper, on the scene's last noun.
    named = [
        t
        for t in subject.subtree
        if t.ent_type_ == "PERSON"
        and t.ent_iob_ == "B"
        and t.i > subject.i
        and doc[t.i - 1].text == ","
    ]
    person = entity_at(named[-1]) if named else None
    return person.root if person is not None else None


def speaker_after_measure(subject: Token) -> Token | None:
    """ "About 40km from Adre, a 34-year-old mother from El Geneina told": the small
    model may make the distance the subject and the speaker an apposition on the place.
    A distance or a time does not speak; the noun set off after it does."""
    if subject.ent_type_ not in {"QUANTITY", "DATE", "TIME"}:
        return None
    nouns = [
        t
        for t in subject.subtree
        if t.dep_ == "appos" and t.i > subject.i and t.pos_ in {"NOUN", "PROPN"} and not t.ent_type_
    ]
    return nouns[-1] if nouns else None


def subject_of_a_noun(subject: Token) -> Token | None:
    """ "A man loading salvaged family photographs into his pickup ... said": the small
    model may read the participle as an adjective, make its object the subject and
    hang the man on it as a subject of his own. A noun has no subject; that one is
    the speaker."""
    if subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    return next(
        (c for c in subject.lefts if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}), None
    )


def person_after_clausal_scene(verb: Token) -> Token | None:
    """The same, when the model makes the participle a clausal subject instead."""
    scene = next((c for c in verb.children if c.dep_ == "csubj" and c.i < verb.i), None)
    return person_after_scene(scene) if scene is not None else None


def _named_before(aside: Token, left: int) -> bool:
    """The apposition (from ``left``) describes a name written just before it ("Mamadou
    Tall, UNHCR's regional refugee coordinator"; "UNHCR, the UN Refugee Agency,", which
    the parse may hang on an earlier noun)."""
    name = aside.doc[left - 2] if left >= 2 else aside.head
    return name.ent_type_ == "PERSON" and name == aside.head or name.ent_type_ == "ORG"


QUOTE_CLOSERS = frozenset({'"', "\u201d", "'", "\u2019"})


def name_after_quote(verb: Token) -> Token | None:
    """'"...", declared Duque': after a quote, a reporting verb with no subject and a
    name right after it, which the small model may read as its object (and a body's
    name). That name is the speaker, as in '"...," said Duque'."""
    doc = verb.doc
    if not 1 < verb.i < len(doc) - 1:
        return None
    before = doc[verb.i - 2 : verb.i].text.replace(" ", "")
    if before[-1:] not in QUOTE_CLOSERS and before not in {f"{mark}," for mark in QUOTE_CLOSERS}:
        return None
    name = doc[verb.i + 1]
    # '"...," said Sunanda Kale, 52, a resident ... whose flat was ...': the name's
    # last word, which the parse may make the subject of a clause further on.
    while name.dep_ == "compound" and name.pos_ == "PROPN" and name.head.i == name.i + 1:
        name = name.head
    if name.pos_ != "PROPN" or name.dep_ not in {"dobj", "nsubj", "npadvmod", "appos"}:
        return None
    return name


PHRASE_BEFORE_VERB = 12  # words: "the foundation's executive director, Thandi Mokoena,"


def phrase_between_quote_and_verb(verb: Token) -> Token | None:
    """'"... forever," the foundation's executive director, Thandi Mokoena, said.': the
    small model may read the noun phrase as part of the quoted clause ("was ... the
    director") and leave the verb no subject. A phrase standing alone between a
    closing quote and the verb, with no verb of its own, is the speaker: its first
    noun whose head lies outside it."""
    doc = verb.doc
    start = verb.i
    while (
        start > 0
        and verb.i - start < PHRASE_BEFORE_VERB
        and doc[start - 1].text not in QUOTE_CLOSERS
    ):
        start -= 1
    if start == 0 or doc[start - 1].text not in QUOTE_CLOSERS or start == verb.i:
        return None
    phrase = doc[start : verb.i]
    if any(t.pos_ in {"VERB", "AUX"} for t in phrase):
        return None
    return next(
        (t for t in phrase if t.pos_ in {"NOUN", "PROPN"} and not start <= t.head.i < verb.i),
        None,
    )


ORIGIN_PREPOSITIONS = frozenset({"from", "of", "in"})
AGE_OR_PUNCT = frozenset({"NUM", "PUNCT"})


def person_before_origin(head: Token) -> Token:
    """ "Abdelrahman Issa, 22, from Darfur, who said ...": a relative clause after
    where someone comes from hangs, in the parse, on the place; it is the person's.
    The noun the place describes ("a mother of three from Honduras, who ..."), else
    the name just before it, past an age and commas."""
    if not (
        head.ent_type_ in {"GPE", "LOC"}
        and head.dep_ == "pobj"
        and head.head.lower_ in ORIGIN_PREPOSITIONS
    ):
        return head
    preposition = head.head
    owner = preposition.head
    if owner.pos_ in {"NOUN", "PROPN"}:
        return owner.head if owner.dep_ == "appos" and owner.pos_ == "NOUN" else owner
    before = preposition.i - 1
    while before >= 0 and head.doc[before].pos_ in AGE_OR_PUNCT:
        before -= 1
    name = head.doc[before] if before >= 0 else None
    return name if name is not None and name.ent_type_ == "PERSON" else head


def one_who_said(clause: Token) -> bool:
    """ "a Salvadoran woman who said she was held": a relative clause with a past verb
    on one person brought in with "a" tells what that person said."""
    noun = clause.head
    return (
        clause.tag_ == "VBD"
        and noun.tag_ == "NN"
        and any(child.dep_ == "det" and child.lower_ in {"a", "an"} for child in noun.children)
    )


def found_not_said(verb: Token) -> bool:
    """ "She was found by a search dog team in a gully": someone found in person, not
    a finding; "the policy was found by the court to be unlawful" reports one."""
    return verb.lemma_.lower() == "find" and not any(
        c.dep_ in {"ccomp", "xcomp", "oprd", "acomp"} for c in verb.children
    )


def quoted_as_saying(verb: Token) -> Token | None:
    """ "KUNA quoted Jarallah as saying", "state media quoted the minister as saying
    that ...": the one quoted speaks, not the outlet that quotes them."""
    quoting = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        quoting = verb.head.head
    if quoting.lemma_.lower() != "quote":
        return None
    if not any(
        child.dep_ == "prep"
        and child.lower_ == "as"
        and any(c.tag_ == "VBG" for c in child.children)
        for child in quoting.children
    ):
        return None
    return next((child for child in quoting.children if child.dep_ == "dobj"), None)


def clause_beyond_subordinate(participle: Token) -> Token | None:
    """ "Sorensen urged people not to stay unless they had a plan, warning that ...": a
    participle set off by a comma at the end of a subordinate clause ("unless",
    "because", "after") goes with the clause that one qualifies, though the parse
    may hang it on the subordinate verb, whose subject ("they") said nothing. The
    qualified clause's verb; None when the participle's head is in no subordinate
    clause."""
    doc = participle.doc
    if participle.tag_ != "VBG" or participle.dep_ != "advcl" or participle.i == 0:
        return None
    if doc[participle.i - 1].text != ",":
        return None
    clause = participle.head
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" for c in clause.children):
        return None
    return clause.head
