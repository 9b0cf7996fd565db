"""A person's role as the text writes it next to their name: "Freddy Roosemont, the
Director-General of the Immigration Office", "Interior Minister Lena Hartmann", "Chris
Lewa is the director of ..."."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from monitor.nlp.first_names import gender_of_first_name
from monitor.nlp.lexicon import ROLE_WORDS

# How courts title a judge in front of the name: "Mrs Justice Eleanor Rawcliffe" (a
# High Court judge in England), "Justice Ruth Abernathy", "Chief Justice ...".
JUDGE_TITLE = re.compile(r"\b(?:(?:mr|mrs|ms|lord|lady)\.? |chief |associate )?justice$")


def tidy_role(text: str) -> str:
    text = re.split(r",\s+(?:who|whose|which|where)\b", text)[0]
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-")
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
    return text.replace("\u2019", "'")


# Words before which a story uses a title as a noun of its own: "the Tánaiste said",
# "its mayor said", "one analyst said".
TITLE_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "one"})
TITLES_KEY = "monitor.titles"


def names_the_office(token: Token) -> bool:
    """Whether a word of a phrase like "Spain's defence minister" names the office: not
    a determiner, nor the country or nationality whose office it is."""
    return (
        token.lower_ not in TITLE_DETERMINERS | {"a", "an"}
        and token.ent_type_ not in {"GPE", "NORP"}
        and token.tag_ != "POS"
    )


def titles_in_use(doc: Doc) -> frozenset[str]:
    """Offices this text itself treats as titles, beyond the lexicon's: words written
    in front of a person's name ("Tánaiste Niamh Breslin", "Halvorsen Securities
    analyst Dana Kerr") that the text also uses as a noun for someone ("The Tánaiste said").
    Learnt from each text, so a title no list foresaw (a rank, a national office)
    still names its holder."""
    cached = doc.user_data.get(TITLES_KEY)
    if cached is not None:
        return cached
    before_names: set[str] = set()
    for ent in doc.ents:
        # A person's name opens with a first name the registers know; "the charity
        # Safe Passage", which the NER may call a person, does not.
        if ent.label_ != "PERSON":
            continue
        if ent.start > 0 and gender_of_first_name(ent.text) is not None:
            before_names.add(doc[ent.start - 1].lower_)
        # the NER takes the title in: "Tánaiste Niamh Breslin"
        if len(ent) >= 3 and gender_of_first_name(ent[1:].text) is not None:
            before_names.add(doc[ent.start].lower_)
    titles = frozenset(
        token.lower_
        for token in doc
        if token.i > 0
        and token.lower_ in before_names
        and token.is_alpha
        and token.pos_ in {"NOUN", "PROPN"}
        and doc[token.i - 1].lower_ in TITLE_DETERMINERS
    )
    doc.user_data[TITLES_KEY] = titles
    return titles


def has_role_word(tokens: list[Token] | Span) -> bool:
    # "Gov." is one token with its full stop.
    words = [t.lower_.rstrip(".") for t in tokens]
    if any(w in ROLE_WORDS or w.rstrip("s") in ROLE_WORDS for w in words):
        return True
    return bool(words) and any(w in titles_in_use(tokens[0].doc) for w in words)


def _role_holding(token: Token) -> Token | None:
    """The role noun a name in apposition belongs to: ``token`` itself, or the role
    the phrase it ends hangs off ("spokeswoman" for "... for Refugees")."""
    holder = None
    for _ in range(6):
        if has_role_word([token]):
            holder = token  # the highest one: "spokeswoman", not "Commissioner" below it
        if token.dep_ not in {"pobj", "prep", "compound"} or token.head.i == token.i:
            break
        token = token.head
    return holder


def _without_clauses(head: Token) -> list[Token]:
    """``head``'s phrase without the relative or participle clauses that follow it,
    nor trailing punctuation."""
    clauses = {
        t.i for c in head.subtree if c.dep_ in {"relcl", "acl"} and c.i != head.i for t in c.subtree
    }
    tokens = [t for t in head.subtree if t.i not in clauses]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def _role_phrase(head: Token) -> str | None:
    """The role ``head`` heads, when it has a role word outside its clauses."""
    tokens = _without_clauses(head)
    if not has_role_word(tokens):
        return None
    return tidy_role(head.doc[tokens[0].i : tokens[-1].i + 1].text)


def role_of(person: Span) -> str | None:
    """A title written next to a name: an apposition on either side, or a
    title in front ("Interior Minister Lena Hartmann")."""
    root = person.root
    # "Freddy Roosemont, the Director-General of ..." (the role hangs off the name)
    for child in root.children:
        # The title without a relative clause: "..., Belgium's Minister for Asylum and
        # Migration, who led a delegation ..." stops before "who".
        if child.dep_ == "appos" and child.i >= person.end and _role_phrase(child):
            return _role_phrase(child)
    # "The director of the office, Freddy Roosemont, said" (the name hangs off the role),
    # or off the role's last noun: "A spokeswoman for the U.N. High Commissioner for
    # Refugees, Millicent Mutuli, tells".
    # The small model may join the name to the role as a conjunct ("Swedish minister
    # for migration, Morgan Johansson, told"); set off by a comma, with no "and".
    set_off = (
        root.dep_ == "conj"
        and person.start > 0
        and person.doc[person.start - 1].text == ","
        and not any(c.dep_ == "cc" for c in root.head.children)
    )
    if (root.dep_ == "appos" or set_off) and root.head.i < person.start:
        head = _role_holding(root.head)
        if head is not None:
            left = min(t.i for t in head.subtree)
            right = person.start
            while right > left and person.doc[right - 1].is_punct:
                right -= 1
            return tidy_role(person.doc[left:right].text)
    # "Chris Lewa is the director of the research-based group concerned with ..."
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for attribute in root.head.children:
            if attribute.dep_ == "attr" and has_role_word([attribute]):
                return _role_phrase(attribute)
    # "Minister for Asylum and Migration Katrien Vandermeulen" (a title in front)
    i = person.start
    while i > 0:
        token = person.doc[i - 1]
        if (
            token.is_title
            or token.is_upper
            or token.lower_ in {"of", "for", "and", "the", "-"}
            # the full stop of an abbreviated title: "Coun. Maria Santos", not the one
            # that ends the sentence before ("... a press conference. Home Affairs
            # spokesperson Lwazi Ngubane")
            or token.text == "."
            and i >= 2
            and not person.doc[i - 2].whitespace_
            and not person.doc[i].is_sent_start
            or token.tag_ == "POS"
            or token.dep_ == "compound"
            # "Opposition foreign affairs spokeswoman Tanya Plibersek": a word that
            # qualifies a word of the title is part of it.
            or token.dep_ == "amod"
            and token.head.i in range(i, person.start)
        ):
            if token.is_sent_start and token.lower_ == "the":
                break
            i -= 1
            continue
        break
    while i < person.start and person.doc[i].lower_ in {"of", "for", "and", "the", "-"}:
        i += 1
    candidate = person.doc[i : person.start]
    if len(candidate) and (has_role_word(candidate) or JUDGE_TITLE.search(candidate.text.lower())):
        return tidy_role(candidate.text)
    return None
