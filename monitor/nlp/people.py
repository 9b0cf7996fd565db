"""Names of people that the small statistical model misses or calls organisations.

News introduces a person in a few fixed ways: with a title in front
("Minister for Asylum and Migration Katrien Vandermeulen"), with an
apposition after ("Petros Antoniades, Cyprus's Deputy Minister ...", "Sanne
Bakker, who represented ..."), or as the subject of a speech verb ("Tomas
Reinholt said"). A run of two to four capitalised words in one of those
places is a person, whatever the NER said; the component makes it a PERSON
entity. Places, countries and known institutions are never turned into people.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from monitor.nlp.first_names import first_name_genders, gender_of_first_name
from monitor.nlp.lexicon import (
    HONORIFICS,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    REGION_WORDS,
    ROLE_WORDS,
    TITLE_WORDS,
)

NAME_PARTICLES = frozenset(
    {
        "de",
        "van",
        "der",
        "den",
        "von",
        "di",
        "da",
        "del",
        "della",
        "le",
        "la",
        "al",
        "el",
        "ben",
        "bin",
        "ter",
        "ten",
        "dos",
        "das",
        "du",
        "mac",
        "ibn",
        "abu",
    }
)
SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "warn",
        "stress",
        "argue",
        "insist",
        "note",
        "explain",
        "confirm",
        "announce",
        "urge",
        "claim",
        "deny",
        "write",
        "welcome",
        "criticise",
        "criticize",
        "acknowledge",
        "admit",
    }
)
MAX_NAME_TOKENS = 4
# Last words of company names, never of a person's.
COMPANY_ENDINGS = frozenset(
    "Air Airlines Airways Inc Inc. Ltd Ltd. Corp Corp. Corporation LLC Plc PLC Holdings "
    "Motors Resources Technologies Pharmaceuticals".split()
)
# "protesters outside Trump Tower", "across the Nelson Mandela Bridge": a building named
# after a person, which the model may take for that person's full name.
BUILDING_ENDINGS = frozenset(
    "Tower Towers Building Centre Center Square Street Avenue Bridge Airport Station "
    "Hotel Stadium Palace Prison Barracks Hall".split()
)
# What a "person" whose name ends in one of these words really is.
NOT_A_PERSON_ENDINGS = {
    **{word: "ORG" for word in COMPANY_ENDINGS},
    **{word: "FAC" for word in BUILDING_ENDINGS},
}
NOT_NAME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december eu un".split()
)


MIDDLE_INITIAL = re.compile(r"[A-Z]\.")
# Offices whose title ends in "General" before the holder's name: "Attorney General".
GENERAL_OFFICES = frozenset({"attorney", "surgeon", "solicitor", "inspector", "auditor"})


def _name_token(token: Token) -> bool:
    text = token.text
    return (
        len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and text.replace("-", "").replace("'", "").replace("\u2019", "").isalpha()
        and token.lower_ not in ROLE_WORDS
        and token.lower_ not in TITLE_WORDS
        and token.lower_ not in NOT_NAME_WORDS
        and token.lower_ not in HONORIFICS
        # "In Brussels", "Without Thomas"; but "Per Östman", "Will Ferrell": a first
        # name that is also a common word, inside a sentence, before a capitalised word.
        and (not token.is_stop or _first_name_inside_sentence(token))
    )


def _first_name_inside_sentence(token: Token) -> bool:
    return (
        not token.is_sent_start
        and token.i + 1 < len(token.doc)
        and token.nbor(1).text[:1].isupper()
        and token.nbor(1).text.isalpha()
        and first_name_genders().get(token.lower_) is not None
    )


def _hyphen_joint(doc: Doc, index: int) -> bool:
    """Whether ``doc[index]`` is a hyphen written without spaces between two parts of
    a name ("Karine Jean-Pierre"), as opposed to a dash set off by spaces between a
    name and what follows it."""
    return (
        index + 1 < len(doc)
        and doc[index].text == "-"
        and not doc[index - 1].whitespace_
        and not doc[index].whitespace_
        and _name_token(doc[index + 1])
    )


def _candidates(doc: Doc) -> list[Span]:
    """Runs of capitalised words (with name particles inside), 2 to 4 long."""
    spans = []
    i = 0
    while i < len(doc):
        if not _name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        words = 1
        while j < len(doc) and words < MAX_NAME_TOKENS:
            if _hyphen_joint(doc, j):
                j += 2  # "Jean-Pierre", "Gull-Masty": one name, which the tokenizer splits
                continue
            if not (
                _name_token(doc[j])
                or (
                    # a middle initial inside the name: "Merrick B. Garland"
                    MIDDLE_INITIAL.fullmatch(doc[j].text)
                    and j + 1 < len(doc)
                    and _name_token(doc[j + 1])
                )
                # particles before the surname: "Rafael de Souza", "Ursula von der Leyen"
                or _particles_before_name(doc, j)
            ):
                break
            j += 1
            words += 1
        if (
            words >= 2
            or _person_aside(doc[j + 1 : j + 8] if j < len(doc) and doc[j].text == "," else None)
            # "For Yusuf, who now lives in Istanbul": a first name alone, which
            # introduced_as_person then judges as it does a full name. Not the start
            # of a longer name ("Ahmed al-Sabah") the model or the particles hold.
            or first_name_genders().get(doc[i].lower_) is not None
            and _stands_alone(doc, i, j)
            # "Mrs Carter", "Mr Justice Swift": a surname alone after a form of address.
            or _after_address(doc, i)
        ):
            spans.append(doc[i:j])
        i = j
    return spans


def _particles_before_name(doc: Doc, index: int) -> bool:
    """One or two name particles from ``index`` on, then a capitalised word."""
    end = index
    while end < len(doc) and end - index < 2 and doc[end].lower_ in NAME_PARTICLES:
        end += 1
    return index < end < len(doc) and _name_token(doc[end])


def _after_address(doc: Doc, index: int) -> bool:
    """The word at ``index`` follows an honorific ("Mrs Carter"), or an honorific and
    the title of a judge of the English courts ("Mr Justice Swift")."""
    before = doc[index - 1] if index > 0 else None
    if before is not None and before.lower_ == "justice" and index > 1:
        before = doc[index - 2]
    return before is not None and before.lower_ in HONORIFICS | {"lord", "lady"}


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """The word at ``start`` (to ``end``) is a whole name: no entity of the model runs
    past it and no particle joined by a hyphen follows ("al-Sabah")."""
    entity = doc[start].ent_iob_ != "O" and (
        doc[start].ent_iob_ == "I" or end < len(doc) and doc[end].ent_iob_ == "I"
    )
    joined = end + 1 < len(doc) and doc[end + 1].text == "-"
    # "the centre in Geneva said", "the Attorney General observed": a place after a
    # preposition and a word of a title are no one's first name. (The small model's
    # GPE says little here: it tags "Karim" one.)
    word = doc[start]
    other = (
        start > 0
        and doc[start - 1].pos_ == "ADP"
        and doc[start - 1].lower_ != "for"
        or word.ent_type_ in {"LOC", "FAC", "NORP"}
        or word.lower_ in ROLE_WORDS | TITLE_WORDS | GENERAL_OFFICES | {"general"}
    )
    return end == start + 1 and not entity and not joined and not other


def _person_aside(following: Span | None) -> bool:
    """ ", a 40-year-old man,": an aside giving an age or a man or a woman, which makes
    the name before it a person's, whatever registers know the name."""
    return (
        following is not None
        and len(following) > 0
        and following[0].lower_ in {"a", "an"}
        and AGED_OR_GENDERED.search(" ".join(t.lower_ for t in following)) is not None
    )


def _surnames_speaking(doc: Doc) -> set[str]:
    """Capitalised words that stand alone as the subject of a reporting verb
    ("Ostergaard said", '"...," said Ostergaard'): how news refers back to a person."""
    words = set()
    for token in doc:
        if token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ == "VERB":
            words.update(c.text for c in token.children if c.dep_ == "nsubj" and c.is_title)
    return words


def _named_again_speaking(span: Span, speaking: set[str]) -> bool:
    """ "Kate Ostergaard of the network ... led the chanting ... Ostergaard said": a first
    name the registers know, whose surname later speaks alone, names a person the
    NER missed."""
    return span[-1].text in speaking and gender_of_first_name(span.text) is not None


# "A 29-year-old man, who asked to be identified only as Emeka, said", "a woman who
# gave only her first name, Maria": the description says what the text calls the
# person, and that is the speaker's name.
NAME_GIVEN = re.compile(
    # Only words that introduce a person: "a charity called Harbour Aid" is a body.
    r"\b(?:identified|referred to|(?:gave|gives|giving) (?:only )?"
    r"(?:his|her|their) (?:first |given )?name)(?: in court| in the report| publicly)?"
    r"(?: only)?(?: by (?:his|her|their) (?:first |given )?name)?(?: only)?,? (?:only )?"
    r"(?:as |by )?(?P<name>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)"
    r"|\b(?:first|given) name,? (?P<first>[A-Z][\w'’-]*)"
)
NAME_GIVEN_REACH = 12  # tokens before a name in which "identified only as" may stand


def introduced_as_person(span: Span) -> bool:
    doc = span.doc
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ in {"of", "for", "and"}
        and doc[span.start - 2].is_title
    ):
        return False  # the end of a longer name: "Federation of Independent Business"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text == "," and span.start > 1:
        before = doc[span.start - 2]
    # A title word ("... and Migration Katrien Vandermeulen") is evidence only for
    # a full name: a lone word after it is usually a publication ("Asylum Briefing").
    title_before = before is not None and before.lower_ in TITLE_WORDS and before.is_title
    # "Attorney General Merrick B. Garland": the second word of an office.
    office_end = (
        before is not None
        and before.lower_ == "general"
        and before.i > 0
        and doc[before.i - 1].lower_ in ROLE_WORDS | GENERAL_OFFICES
    )
    if office_end or len(span) > 1 and _after_an_office_and_comma(span):
        return True
    if before is not None and (
        before.lower_ in ROLE_WORDS
        or before.lower_ in HONORIFICS
        or _after_address(doc, span.start)
        or (title_before and len(span) > 1)
        # '"...," said Ana Ruiz of the ...': the name right after a reporting verb.
        or (before.lemma_.lower() in SPEECH_LEMMAS and before.pos_ == "VERB" and len(span) > 1)
    ):
        return True
    # The words just before the name, not the whole text: this runs for every name.
    window = doc[max(0, span.start - NAME_GIVEN_REACH) : span.end]
    if any(
        window.start_char + given.start("name" if given.group("name") else "first")
        == span.start_char
        for given in NAME_GIVEN.finditer(window.text)
    ):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is None:
        return False
    if after.lemma_.lower() in SPEECH_LEMMAS and after.pos_ in {"VERB", "AUX"}:
        return True
    if after.text == ",":
        following = doc[span.end + 1 : span.end + 8]
        if following and following[0].lower_ in {"who", "whose"}:
            return True
        if any(t.lower_ in ROLE_WORDS for t in following):
            return True
        # "Shamsuddin, a 40-year-old man, was deported": one name (longer ones are the
        # model's to judge, "Substitute Yannick Mbala" being no name) before an aside
        # giving an age or a man or a woman is a person's.
        if len(span) == 1 and _person_aside(following):
            return True
        # "Isabelle Caron, a political scientist at ...", "Grace Otieno, 41, ...": an
        # aside on someone whose first name the name registers know.
        return (
            bool(following)
            and (
                following[0].lower_ in {"a", "an", "the"}
                or following[0].like_num
                or any(t.lower_ in PERSON_NOUNS for t in following)
            )
            and gender_of_first_name(span.text) is not None
        )
    return False


OFFICE_REACH = 6  # words of an office before the comma: "Swedish minister for migration"


def _after_an_office_and_comma(span: Span) -> bool:
    """ "..., Swedish minister for migration, Morgan Johansson, told": a name set off
    after an office (which the model may tag an organisation) is its holder's."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    office = []
    for token in reversed(doc[max(0, span.start - 1 - OFFICE_REACH) : span.start - 1]):
        if token.is_punct or token.pos_ in {"VERB", "AUX"}:
            break
        office.append(token)
    return bool(office) and any(t.lower_ in ROLE_WORDS for t in office)


AGED_OR_GENDERED = re.compile(
    r"\byear - old\b|\b(?:man|woman|mother|father|boy|girl|widow|widower|grandmother|"
    r"grandfather|son|daughter|wife|husband)\b"
)


@Language.component("monitor_people_v1")
def find_people(doc: Doc) -> Doc:
    """Turn introduced names into PERSON entities (see the module docstring)."""
    blocked = {
        t.i
        for key in ("countries", "institutions")
        for span in doc.spans.get(key, [])
        for t in span
    }
    speaking = _surnames_speaking(doc)
    people = [
        Span(doc, span.start, span.end, label="PERSON")
        for span in _candidates(doc)
        if not any(t.i in blocked for t in span)
        and not ORGANISATION_WORDS.search(span.text)
        and not any(t.text in REGION_WORDS for t in span)
        and (introduced_as_person(span) or _named_again_speaking(span, speaking))
    ]
    places = [
        Span(doc, ent.start, ent.end, label="LOC")
        for ent in doc.ents
        if ent.label_ == "PERSON" and any(t.text in REGION_WORDS for t in ent)
    ]
    # "Borealis Air cancelled 412 flights", "outside Trump Tower": a company or a
    # building the model took for a person.
    things = [
        Span(doc, ent.start, ent.end, label=NOT_A_PERSON_ENDINGS[ent[-1].text])
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text in NOT_A_PERSON_ENDINGS
    ]
    things += _names_cut_at_a_joint(doc)
    if not people and not places and not things:
        return doc
    taken = {t.i for span in people + places + things for t in span}
    kept = [ent for ent in doc.ents if not any(t.i in taken for t in ent)]
    doc.ents = filter_spans(kept + people + places + things)
    return doc


# Words that join the parts of a body's name, never its last word.
NAME_JOINTS = frozenset({"and", "of", "for", "&"})


def _names_cut_at_a_joint(doc: Doc) -> list[Span]:
    """ "The Australian Competition and | Consumer Commission": a body's name the model
    cut after a joining word into two bodies side by side; one body."""
    ents = doc.ents
    return [
        Span(doc, first.start, second.end, label="ORG")
        for first, second in pairwise(ents)
        if first.label_ == second.label_ == "ORG"
        and second.start == first.end
        and first[-1].lower_ in NAME_JOINTS
    ]
