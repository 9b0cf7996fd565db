"""The phrases that name a speaker: which noun phrase a subject token stands for,
whose document "the report" is, and whether a phrase names anyone one could cite.

Shared by the statement finder; kept apart because these are questions about
noun phrases, not about speech.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from monitor.nlp.actor_names import name_after_portfolio, name_past_office
from monitor.nlp.actor_types import (
    GENERIC_ORGANISATIONS,
    guess_organisation_type,
    guess_type,
)
from monitor.nlp.actors import Actor, ActorIndex
from monitor.nlp.doc_cache import (
    entities_starting,
    entities_within,
    entity_at,
    group_spans_overlapping,
    person_name_words,
)
from monitor.nlp.first_names import gender_of_first_name
from monitor.nlp.lexicon import (
    BODY_WORDS,
    DOCUMENT_NOUNS,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    ROLE_WORDS,
    UNNAMED_PEOPLE,
)
from monitor.nlp.pipeline import INSTITUTION_SPANS
from monitor.nlp.speech import age_of, subject_of

GROUP_NOUNS = re.compile(
    r"\b(groups?|organi[sz]ations?|officials|authorities|activists|"
    r"campaigners|experts|lawyers|critics|ngos|charities|agencies|"
    r"ministers|governments|members|sources|judges|researchers|aides|advisers|"
    r"advisors|lawmakers|legislators|diplomats|staffers|negotiators|insiders|"
    r"spokespeople|prosecutors|investigators|executives|leaders|mounties|firefighters|"
    r"paramedics|organi[sz]ers|countries|states|nations|staff|personnel|media|outlets|"
    r"newspapers|broadcasters|rapporteurs|envoys|monitors|observers|inspectors|"
    r"commissioners|delegates|representatives|analysts|economists|scientists|"
    r"academics|doctors|volunteers|rescuers)\b",
    re.I,
)


MAX_FIELD_WORDS = 3  # "Global Affairs Canada", "Fisheries and Oceans Canada"
# Bodies news names after the person who leads them: "the Trump administration".
BODIES_OF_A_PERSON = frozenset({"administration", "government", "cabinet", "campaign"})


EXAMPLES = frozenset({"including", "among"})


def speaker_span(token: Token) -> Span:
    """The name or noun phrase a subject token stands for."""
    doc = token.doc
    named = entity_at(token)
    if named is not None and age_of(token) is not None:
        named = None  # "a 17-year-old from Sudan": an age, to the model a date
    if named is not None and named.label_ == "PERSON":
        named = name_past_office(named)
    if named is not None and token.head != token and named.start <= token.head.i < named.end:
        # '"...," Ouahbi told InfoMigrants': the model may read the subject, its verb
        # and its object as one title; a name never holds the verb it is subject of.
        named = None
    # "Civil Liberties Committee Chair ... Claude Moraes stressed": the model may read
    # a title as an organisation; a title is a role, and the person below it speaks.
    # So may an office no list names, with its holder set off after it ("The Croatian
    # Ombudswoman, Ivana Peric, said").
    titled = (
        named is not None
        and named.label_ == "ORG"
        and (
            named[-1].lower_ in ROLE_WORDS
            or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children)
        )
    )
    if named is not None and named.label_ == "GPE":
        # "Environment Canada warned": a body named by its field and its country,
        # whose country alone the model marks.
        field = [
            t
            for t in doc[max(named.start - MAX_FIELD_WORDS, 0) : named.start]
            if t.dep_ == "compound" and t.head.i == token.i
        ]
        if (
            field
            and field[0].i + len(field) == named.start
            and all(
                t.pos_ == "PROPN" and not t.ent_type_ and t.lower_ not in ROLE_WORDS for t in field
            )
        ):
            return doc[field[0].i : named.end]
    if named is not None and named.label_ in {"PERSON", "ORG", "NORP", "GPE"} and not titled:
        return named
    # "U.N. High Commissioner for Refugees Antonio Guterres is warning", "A spokeswoman
    # for UNHCR, Millicent Mutuli, tells": the parse makes the title the subject and
    # hangs the name somewhere below it; one person named there is the speaker.
    # "Obama administration officials said", "Trudeau aides told": a plural noun is
    # never one person; a name modifying it says whose the group is, not who speaks,
    # as it says whose body "the Trump administration" is.
    many = plural_group(token) or token.lower_ in BODIES_OF_A_PERSON
    if not many and (token.lower_ in ROLE_WORDS or token.pos_ in {"NOUN", "PROPN"}):
        # Not a relative clause's ("The Guardian, which reported on abuse around
        # Velika Kladusa,") nor a participle's ("A man interviewed by lawyers at the
        # centre in Wedrzyn"): it says more about the speaker; whom it names is not them.
        below = {t.i for t in token.subtree} - {
            t.i for c in token.children if c.dep_ in {"relcl", "acl"} for t in c.subtree
        }
        # "A spokesman for Prime Minister Marco Conti", "a lawyer for Jane Doe": the
        # person the office serves (named right after the preposition, or after
        # their own title) is not the one holding it; in "High Commissioner for
        # Refugees Antonio Guterres" the name follows the office's own words.
        preps = [
            prep.i
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "to"}
        ]
        people = [
            ent
            for ent in entities_starting(doc, token.left_edge.i, token.right_edge.i + 1)
            if ent.label_ == "PERSON"
            and ent.start in below
            and ent.end - 1 in below
            and not any(_serves(doc[prep + 1 : ent.start]) for prep in preps if prep < ent.start)
            # "Alan Kurdi's aunt said", "the aunt of Alan Kurdi": whose relative speaks
            # is not who speaks.
            and not (token.lower_ in PEOPLE_NOUNS and relative_of(ent))
            # "a 34-year-old mother from El Geneina": where someone is from, a place
            # the model may call a person.
            and not (ent.root.dep_ == "pobj" and ent.root.head.lower_ == "from")
            # "the Waterloo-based company": a word of a hyphenated modifier.
            and not (ent.end < len(doc) and doc[ent.end].text == "-")
            # 'The report, titled "Hidden Harvest,"': a title, not a name.
            and not (ent.start > 0 and doc[ent.start - 1].text in {'"', "\u201c", "'"})
            # "a spokesman for the Bireuen police": a name the model calls a person
            # but that modifies a body's noun names the body (its town), not a person.
            and not _names_a_body(ent)
        ]
        if len(people) == 1 and any(t.lower_ in ROLE_WORDS or t.is_title for t in token.subtree):
            return people[0]
    if named is not None:
        return named
    for span in group_spans_overlapping(doc, INSTITUTION_SPANS, token.i, token.i + 1):
        return span
    # "Minister for Asylum and Migration Katrien Vandermeulen insisted", "Parliament's
    # lead negotiator, the Swedish MEP Malik Johansson, said": the subject is the
    # title; the name hangs off it as a compound or an apposition.
    if not many and (token.pos_ == "NOUN" or token.lower_ in ROLE_WORDS):
        # The name set off after the title ("The Parliamentary Budget Officer, Yves
        # Giroux,") holds it; a word of the title the model took for a name does not.
        attached = [
            t
            for child in sorted(token.children, key=lambda c: c.dep_ != "appos")
            if child.dep_ in {"appos", "compound"}
            for t in child.subtree
            if t.ent_type_ == "PERSON"
        ]
        name = entity_at(attached[0]) if attached else None
        if name is not None and not _names_a_body(name):
            return name
        body = _body_in_apposition(token) or _described_person(token)
        if body is not None:
            return body
    left = token.i
    for child in token.lefts:
        # ("npadvmod": the "17-year" of "a 17-year-old from Sudan")
        if child.dep_ in {"compound", "amod", "det", "poss", "nmod", "nummod", "npadvmod"}:
            left = min(left, min(t.i for t in child.subtree))
    right = token.i + 1
    for child in token.rights:
        if from_place(token, child) or name_goes_on(token, child):
            # "a man from Guinea", "the Chief Commissionerate for Afghan Refugees"
            right = max(t.i for t in child.subtree) + 1
        elif child.dep_ == "prep" and child.lower_ == "of":
            # "A friend of one of the suspects still being hunted by police after the
            # Paris attacks": the phrase names the speaker; a clause in it says more
            # about someone else, and the bodies it names are not the speaker.
            # "A coalition of Maltese NGOs, including aditus and the Jesuit Refugee
            # Service,": the members named as examples do not speak for it.
            clause = {
                t.i
                for d in child.subtree
                if (d.dep_ in {"acl", "relcl"} or d.dep_ == "prep" and d.lower_ in EXAMPLES)
                and d.i != child.i
                for t in d.subtree
            }
            kept = [t for t in child.subtree if t.i not in clause]
            # "A friend of one of the suspects": whose friend, when no one is named
            # there, is no part of who speaks.
            if token.lower_ in PEOPLE_NOUNS and not any(
                t.ent_type_ in {"PERSON", "ORG"} for t in kept
            ):
                continue
            right = max(t.i for t in kept if not t.is_punct) + 1
        # "Officials with the Department of Fisheries", "researchers at the University
        # of Toronto": a group is named with the body its members come from.
        elif (
            many
            and child.dep_ == "prep"
            and child.lower_ in {"with", "from", "at"}
            and right == token.i + 1
            # A body's name, whatever the model makes of it ("Alberta Health Services"
            # tagged a person); not a place ("officials from Greece" are Greek officials).
            and any(
                t.ent_type_ == "ORG"
                or t.pos_ == "PROPN"
                and t.ent_type_ not in {"GPE", "NORP", "LOC"}
                for t in child.subtree
            )
        ):
            right = max(t.i for t in child.subtree) + 1
    return name_after_portfolio(doc[left:right])


def name_goes_on(head: Token, prep: Token) -> bool:
    """ "Chief Commissionerate for Afghan Refugees": a capitalised name the model did not
    tag, going on through "for" or "of" and capitalised words."""
    # (and the initials it is known by after it: "(CCAR)")
    words = [t for t in prep.subtree if t.i != prep.i and not t.is_punct and not t.is_upper]
    # ("Transport for London": the model may read a name's first word as a noun)
    return (
        (head.pos_ == "PROPN" or head.tag_ == "NN" and head.is_title)
        and not head.ent_type_
        and prep.dep_ == "prep"
        and prep.lower_ in {"for", "of"}
        and bool(words)
        and all(t.is_title or t.lower_ in {"and", "the", "of"} for t in words)
        and words[-1].is_title
    )


def from_place(person: Token, prep: Token) -> bool:
    """ "A man from Guinea", "a 17-year-old from Sudan": where an unnamed person comes
    from tells them apart, as the story does."""
    return (
        (person.lower_ in UNNAMED_PEOPLE or age_of(person) is not None)
        and prep.dep_ == "prep"
        and prep.lower_ == "from"
        and all(t.ent_type_ in {"GPE", "LOC", "NORP"} for t in prep.subtree if t.i != prep.i)
    )


def _names_a_body(name: Span) -> bool:
    """The name is a modifier of a body's noun ("the Bireuen police", "the Trump
    campaign"), not a noun phrase of its own."""
    head = name.root.head
    return (
        name.root.dep_ == "compound"
        and head.i >= name.end
        and bool(ORGANISATION_WORDS.fullmatch(head.text))
    )


def _body_in_apposition(noun: Token) -> Span | None:
    """ "The hotel's owner, Quinte Hospitality Group, confirmed", "Danish shipping
    group Maersk said": a description with a body's name in apposition; the name
    speaks. A name opening with a first name is a person's, found elsewhere."""
    if noun.lemma_.lower() in DOCUMENT_NOUNS:
        return None  # 'The report, titled "Hidden Harvest,"': a document's title
    for child in noun.children:
        if child.dep_ != "appos" or not child.text[:1].isupper() or child.i < noun.i:
            continue  # ("ActionSA": a name the model may read as a common noun)
        named = entity_at(child)
        if named is not None and named.label_ == "ORG":
            return named
        name = noun.doc[child.left_edge.i : child.i + 1]
        if (
            (named is None or named.label_ not in {"PERSON", "GPE", "LOC", "NORP"})
            and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in name)
            and len(name) <= MAX_NAME_TOKENS
            and gender_of_first_name(name.text) is None
        ):
            return name
    return None


def _described_person(noun: Token) -> Span | None:
    """ "Her neighbour, a 34-year-old software engineer who ..., said": an unnamed
    person set off by a fuller description is named by it, up to its clauses."""
    if noun.lower_ not in PEOPLE_NOUNS or noun.tag_ != "NN":
        return None
    for child in noun.children:
        if child.dep_ == "appos" and (child.lower_ in PEOPLE_NOUNS or age_of(child)):
            cut = [c.i for c in child.rights if c.dep_ in {"relcl", "acl"} or c.is_punct]
            return noun.doc[child.left_edge.i : min([*cut, child.right_edge.i + 1])]
    return None


def plural_group(token: Token) -> bool:
    """A plural common noun naming people as a group: "officials", "aides"."""
    return (
        token.tag_ == "NNS"
        and token.pos_ == "NOUN"
        and not token.ent_type_
        and (
            GROUP_NOUNS.fullmatch(token.lower_) is not None
            or token.lower_ in PEOPLE_NOUNS
            or token.lemma_.lower() in ROLE_WORDS
        )
    )


def relative_of(person: Span) -> bool:
    """The person is named as whose someone is: "Alan Kurdi's aunt", "the aunt of
    refugee icon Alan Kurdi" (not "his aunt, Tima Kurdi", who is the aunt)."""
    root = person.root
    if root.dep_ == "poss":
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of"


def _serves(between: Span) -> bool:
    """Whether a name after "for"/"of" preceded by ``between`` is whom an office serves."""
    titled = all(t.dep_ == "det" or t.lower_ in ROLE_WORDS or t.pos_ == "PROPN" for t in between)
    return titled and (len(between) == 0 or any(t.lower_ in ROLE_WORDS for t in between))


def speaker_of(verb: Token) -> Token:
    """The subject of a speech verb, or the person named right beside it when the
    parse chose something else: in '..., Marta Ceccarelli told Asylum Briefing'
    the small model may make the outlet the subject."""
    subject = subject_of(verb)
    if subject is not None and (subject.ent_type_ == "PERSON" or subject.pos_ == "PRON"):
        return subject
    doc = verb.doc
    for neighbour in (verb.i - 1, verb.i + 1):
        if (
            0 <= neighbour < len(doc)
            and doc[neighbour].ent_type_ == "PERSON"
            # "an ICE spokesperson told Refinery29": whom one tells is the listener.
            and not (doc[neighbour].dep_ == "dobj" and doc[neighbour].head == verb)
        ):
            return doc[neighbour]
    return subject


NO_SPEAKER: dict[str, Any] = {"speaker": None, "speaker_id": None, "speaker_type": None}


def speaker_fields(actor: Actor) -> dict[str, Any]:
    """The speaker fields of a statement that ``actor`` made."""
    return {"speaker": actor.name, "speaker_id": actor.id, "speaker_type": actor.type}


# Unnamed officials speak as a group named with their body: "U.N. officials",
# "a Pakistani official" (never merged into the body itself).
OFFICIAL_NOUNS = frozenset({"official", "authority", "diplomat", "source", "officer"})


# Bodies every country has, named without the country: keyed with it.
GENERIC_BODY = re.compile(
    r"(?:government|administration|cabinet|authorities|officials|police|border police|"
    r"coast ?guard|army|"
    r"military|(?:interior|foreign|justice|home|defen[cs]e|migration) ministry|"
    r"ministry(?: of [a-z ]+)?|ministers?|(?:provincial|federal|national|regional) government|"
    r"prime minister's office|presidency|parliament|senate|embassy|immigration (?:office|service)|"
    r"(?:maritime )?prefecture)"
)
# Words a speaker's head may be besides a name, a title or a body: the people
# news lets speak for themselves.
PEOPLE_NOUNS = frozenset(
    """refugee refugees migrant migrants returnee returnees resident residents witness
    witnesses survivor survivors villager villagers family families parent parents mother
    father people asylum-seeker asylum-seekers seeker seekers worker workers volunteer
    volunteers doctor doctors teacher teachers student students farmer farmers fisherman
    fishermen rescuer rescuers activist activists advocate advocates expert experts analyst
    analysts observer observers critic critics monitor monitors speaker speakers
    man men woman women girl girls boy boys mother mothers fathers neighbour neighbours
    neighbor neighbors driver drivers passenger passengers detainee aunt aunts uncle uncles
    sister sisters brother brothers son sons daughter daughters wife husband cousin cousins
    relative relatives grandmother grandfather niece nephew friend friends colleague
    colleagues classmate classmates teammate teammates neighbour neighbours acquaintance
    coworker coworkers co-worker co-workers fan fans spectator spectators
    detainees deportee deportees evacuee evacuees newcomer newcomers""".split()
) | PERSON_NOUNS


def one_person(name: str) -> bool:
    """ "neighbour", "resident", "woman from Eritrea", "17-year-old": a noun for one
    person (its plural is listed too), or an age."""
    words = name.lower().split(" from ")[0].split()
    noun = words[-1] if words else ""
    if noun in OFFICIAL_NOUNS - {"authority"} | UNNAMED_PEOPLE or noun.endswith("-year-old"):
        return True  # "a PNG official said ... he said"
    return noun in PEOPLE_NOUNS and (f"{noun}s" in PEOPLE_NOUNS or f"{noun}es" in PEOPLE_NOUNS)


# Heads news gives bodies it has named, when it names them again: "Hydro-Québec will raise
# rates, the utility said", "the guild told members". Businesses among them: news names
# one once, then "the company" for the rest of the story, across paragraphs.
COMPANY_NOUNS = frozenset(
    """company firm airline carrier retailer miner producer maker carmaker automaker
    drugmaker supplier exporter insurer lender manufacturer utility grocer
    corporation""".split()
)
BODY_NOUNS = COMPANY_NOUNS | frozenset(
    """league club team broadcaster publisher network regulator watchdog operator developer
    hospital university college school board district church diocese franchise conglomerate
    chain railway airport port bank union city town municipality township county province
    shipper guild group association federation commission committee foundation coalition
    charity""".split()
)

NO_ONE = frozenset({"nobody", "none", "neither", "nothing"})


def no_one(subject: Token) -> bool:
    """ "No group has claimed responsibility", "nobody said": the sentence says that
    no one made the claim; there is no statement to report."""
    return subject.lower_ in NO_ONE or any(
        child.dep_ == "det" and child.lower_ == "no" for child in subject.children
    )


def one_of_a_kind(subject: Token) -> bool:
    """ "said one shopkeeper", "one young volunteer told VOA": a singular common noun
    counted by "one" picks out one unnamed person (news lets passers-by speak this
    way); documents and officials are read as such before this is asked."""
    return (
        subject.tag_ == "NN"
        and subject.lemma_.lower() not in DOCUMENT_NOUNS
        and any(c.lower_ == "one" and c.dep_ in {"nummod", "det"} for c in subject.lefts)
    )


GROUP_PRONOUNS = frozenset({"many", "others", "some", "most", "several"})


def could_speak(words: list[Token], subject: Token) -> bool:
    """A junk filter for speakers named only by a phrase: "41 per cent of the people",
    "small size" and "the list" are no one to cite ("a 29-year-old man" is someone)."""
    if one_of_a_kind(subject):
        return True
    # A count of people or states speaking together ("eight European countries",
    # "two ministers") is a group; other numbers are junk ("41 per cent of ...").
    counted_group = GROUP_NOUNS.fullmatch(subject.lower_) or subject.lower_ in PEOPLE_NOUNS
    if any(
        (t.like_num or t.is_digit)
        and not (counted_group and t.head == subject)
        and t.head.lower_ not in {"year", "years"}  # an age: "a 29-year-old man"
        or "%" in t.text
        for t in words
    ):
        return False
    head = subject.lower_
    return (
        subject.pos_ == "PROPN"
        or age_of(subject) is not None  # "a 17-year-old from Sudan said"
        # "Sunak's ruling Conservatives have insisted": a party or a people, which the
        # model may tag a common noun.
        or subject.ent_type_ == "NORP"
        # "Many described being pushed ...", "Others said": people of a group the story
        # is about, as the text names them (a group it names before is found first,
        # by members_of).
        or head in GROUP_PRONOUNS
        and len(words) == 1
        or any(t.pos_ == "PROPN" for t in words)
        or (subject.is_title and subject.text in person_name_words(subject.doc))
        or head in ROLE_WORDS
        or head.rstrip("s") in ROLE_WORDS
        # "a deputy attorney general", "the Afghan consul general"
        or head == "general"
        and any(t.lower_ in ROLE_WORDS for t in subject.lefts)
        or head in PEOPLE_NOUNS
        or subject.lemma_.lower() in OFFICIAL_NOUNS
        or GROUP_NOUNS.search(head) is not None
        or GENERIC_BODY.fullmatch(head) is not None
        or head in GENERIC_ORGANISATIONS
        or head in BODY_NOUNS
        or ORGANISATION_WORDS.search(" ".join(t.text for t in words)) is not None
        or ORGANISATION_WORDS.fullmatch(subject.lemma_) is not None  # "both courts"
        or BODY_WORDS.fullmatch(head) is not None  # "the inquiry panel found"
    )


def names_someone(span: Span) -> bool:
    """The span names a person or an organisation ("UNHCR's report")."""
    if any(e.label_ in {"PERSON", "ORG"} for e in entities_within(span)):
        return True
    return bool(group_spans_overlapping(span.doc, INSTITUTION_SPANS, span.start, span.end))


# "One of the top U.N. refugee officials", "some of the returnees": a part of a group
# speaks as the group; the number is not the speaker's name.
PART_WORDS = frozenset(
    {"one", "two", "some", "many", "most", "several", "few", "each", "all", "both", "half"}
)


# "the government of northwestern Khyber Pakhtunkhwa province": a body of a place is
# named as news names it again, "Khyber Pakhtunkhwa government", so that both
# mentions are one actor and the name matches how readers cite it.
BODY_OF_PLACE = re.compile(
    r"(?P<body>government|authorities|police|parliament|assembly|administration)"
    r" of (?:(?:the|[a-z]+ern|[a-z]+-[a-z]+ern) )*(?P<place>(?:[A-Z][\w'-]+ ?)+?)"
    r"(?: (?:province|state|region|district|county|city|municipality))?"
)


def body_of_place(name: str) -> str:
    """``name`` with a body of a place put as "<Place> <body>"; otherwise unchanged."""
    match = BODY_OF_PLACE.fullmatch(name)
    if match is None:
        return name
    return f"{match['place'].strip()} {match['body']}"


def _name_after(noun: Token) -> Span | None:
    """ "rights group Suaram", "the charity Sea-Watch": the name written right after
    a generic organisation noun, whatever label the model gave it."""
    doc = noun.doc
    end = noun.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    return doc[noun.i + 1 : end] if end > noun.i + 1 else None


def body_of_office(subject: Token, span: Span, actors: ActorIndex) -> Actor | None:
    """ "The chairman of rights group Suaram said": an office no one in the text is
    named to hold speaks for the organisation it is the office of."""
    if subject.lower_ not in ROLE_WORDS or any(e.label_ == "PERSON" for e in entities_within(span)):
        return None
    for prep in subject.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"of", "for", "at"}:
            continue
        for body in (c for c in prep.children if c.dep_ == "pobj"):
            phrase = body.doc[body.left_edge.i : body.right_edge.i + 1]
            named = [e for e in entities_within(phrase) if e.label_ == "ORG"]
            if not named and body.lower_ in GENERIC_ORGANISATIONS:
                named = [name for name in [_name_after(body)] if name is not None]
            if not named:
                continue
            actor = actors.actor_for_span(named[0])
            if actor is None:
                # "the rights group Sawa": the words around the name tell its type.
                words = body.doc[phrase.start : max(phrase.end, named[0].end)].text
                kind = guess_type(words)
                kind = kind if kind != "other" else guess_organisation_type(named[0].text)
                actor = actors.add_speaker(named[0].text, "organisation", kind, named[0].start_char)
            if actor.kind == "organisation":
                return actor
    return None


MAX_NAME_TOKENS = 4  # "Maria del Carmen Ortiz": longer runs are not one person's name


def holder_in_apposition(subject: Token) -> tuple[str, str, int] | None:
    """ "said the mayor of Chios, Andreas Pappas": the small model may tag the name in
    apposition to an office as a place or a body. A run of proper nouns set off by a
    comma after the office, opening with a first name the registers agree on, is the
    office holder. Returns the name, the office and where the name starts."""
    if subject.lower_ not in ROLE_WORDS or any(t.ent_type_ == "PERSON" for t in subject.subtree):
        return None
    for token in subject.subtree:
        if token.dep_ != "appos" or token.pos_ != "PROPN":
            continue
        left = token.left_edge.i
        name = subject.doc[left : token.i + 1]
        if not 2 <= len(name) <= MAX_NAME_TOKENS or any(t.pos_ != "PROPN" for t in name):
            continue
        if left == 0 or subject.doc[left - 1].text != ",":
            continue
        if gender_of_first_name(name.text) is None:
            continue
        office = subject.doc[subject.i : left - 1]
        return name.text, office.text, name.start_char
    return None


def body_before_spokes_word(subject: Token) -> Span | None:
    """ "an interior ministry spokesperson", "a regional police spokesman": the words of
    a body named by a common noun before the spokesperson (which no name list knows),
    from the first modifier to the body noun."""
    words = [t for t in subject.lefts if t.dep_ in {"amod", "compound"}]
    bodies = [
        t
        for t in words
        if t.dep_ == "compound" and t.pos_ == "NOUN" and ORGANISATION_WORDS.fullmatch(t.lower_)
    ]
    if bodies:
        return subject.doc[words[0].i : bodies[-1].i + 1]
    # "a Rajuk spokesperson", "a State Emergency Service one": untagged, unlisted names.
    names = [t for t in words if t.dep_ == "compound" and t.pos_ == "PROPN"]
    if names and names[-1].i == subject.i - 1 and names[0].ent_type_ not in PLACE_OR_PERSON:
        return subject.doc[min(t.i for t in names[0].subtree if t.dep_ == "compound") : subject.i]
    return None


PLACE_OR_PERSON = frozenset({"PERSON", "GPE", "LOC", "NORP"})
