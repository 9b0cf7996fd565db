"""Telling people's names from the rest of what the NER calls a person: bylines and
photo credits, headline words, places, offices; and the names cleaned of honorifics
and articles, as actors are keyed by them."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from monitor.nlp.doc_cache import entities_within, entity_at, text_of
from monitor.nlp.first_names import gender_of_first_name
from monitor.nlp.furniture import in_caption
from monitor.nlp.lexicon import (
    DOCUMENT_NOUNS,
    HONORIFICS,
    PERSON_NOUNS,
    ROLE_WORDS,
    SPOKES_WORDS,
    TITLE_WORDS,
)
from monitor.nlp.people import NAME_PARTICLES
from monitor.nlp.roles import titles_in_use


def person_name(span: Span) -> Span:
    """The name part of a PERSON entity, without office words swallowed in front
    ("General Guy Ryder" from "Director-General Guy Ryder")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end - 1 and (
        doc[start].lower_ in TITLE_WORDS
        or doc[start].lower_ in ROLE_WORDS
        or doc[start].lower_ in {"general", "-", "rear", "vice"}
        or doc[start].lower_ in titles_in_use(doc)
    ):
        start += 1
    # "House Speaker Paul Ryan", "Senate Majority Leader Mitch McConnell": the office
    # ends at its last title word before a first name the registers know.
    for i in range(start, end - 2):
        if doc[i].lower_ in ROLE_WORDS and doc[i].is_title and _known_first(doc[i + 1].text):
            start = i + 1
    # "Division on Investment and Enterprise James Zhan", "Goalkeeper Thomas Verlinden":
    # the last word of an office's name (joined to it by a small word) or a common
    # noun opening the sentence, before a first name the registers know.
    office_word = (start > 0 and doc[start - 1].lower_ in OFFICE_JOINERS) or (
        doc[start].is_sent_start and doc[start].pos_ == "NOUN"
    )
    if (
        end - start >= 3
        and office_word
        and _known_first(doc[start + 1].text)
        and not _known_first(doc[start].text)
    ) or (end - start >= 3 and doc[start].lower_ in PERSON_NOUNS):
        # "Defenceman Morgan Rielly", "Nurse Amira Haddad": what the person does.
        start += 1
    # "Jan Philipp ALBRECHT (Greens/EFA, DE)": parliamentary copy writes surnames in
    # capitals, and the small model stops before them.
    while (
        end < len(doc)
        and end - start < MAX_NAME_WORDS
        and doc[end - 1].whitespace_ == " "  # not across a line: "Ayaz Gul\nISLAMABAD"
        and _capitals_surname(doc[end].text)
    ):
        end += 1
    # "Amelia Hart KC", "Jane Roe QC": letters after a name are no part of it, nor
    # the surname the text later shortens it to.
    while end - start > 2 and doc[end - 1].text.rstrip(".") in POST_NOMINALS:
        end -= 1
    return doc[start:end]


MAX_NAME_WORDS = 5
OFFICE_JOINERS = frozenset({"of", "and", "for", "on"})
MIN_SURNAME_LETTERS = 3  # "EU", "UK" and other short capitals are no surname
# Letters written after a name: honours, degrees, a barrister's rank, a seat.
POST_NOMINALS = frozenset("KC QC SC MPP MLA MSP TD MEP OBE MBE CBE KBE DBE PhD Jr Sr".split())


def _known_first(word: str) -> bool:
    return gender_of_first_name(f"{word} X") is not None


def _capitals_surname(word: str) -> bool:
    return word.isalpha() and word.isupper() and len(word) >= MIN_SURNAME_LETTERS


# "Lisa Schlein reports for VOA from Geneva", "(J. Dettmer/VOA)", "reporter Aline Barros
# has more": the people who wrote the story are not actors in it.
CREDIT_AFTER = re.compile(r"^\s*(?:reports?\b|has more\b|contributed\b|/|for VOA\b|,? VOA\b)")
CREDIT_BEFORE = re.compile(
    r"\b(?:reporters?|correspondents?|by|photo:?|credit:?)\s*"
    # "reporters Victoria Macchi and Ramon Taylor": the second reporter too
    r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:and|&)\s+)?$",
    re.I,
)


def is_credit(span: Span) -> bool:
    text = text_of(span.doc)
    after = text[span.end_char : span.end_char + 20]
    before = text[max(0, span.start_char - 40) : span.start_char]
    return bool(
        CREDIT_AFTER.match(after)
        or CREDIT_BEFORE.search(before)
        or span.text.rstrip().endswith("/")  # "(J. Dettmer/VOA)", the NER taking the slash
        or _alone_on_its_line(span)
        or in_caption(span)
    )


def _alone_on_its_line(span: Span) -> bool:
    """A name that is the whole of its line is a byline ("Ayaz Gul" above the dateline)."""
    text = text_of(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.start_char + len(span.text.rstrip()))
    line = text[start : end if end >= 0 else len(text)]
    return line.strip() == span.text.strip()


def on_headline_line(span: Span) -> bool:
    """A name the NER found in a title-case line (a headline or a menu), where
    capitalised words are not names: "Rohingya Using Larger Boats to Flee Burma"."""
    text = text_of(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    if len(words) < 3 or re.search(r"[.!?:][\"”’)]?$", line):
        return False  # a sentence, or a line introducing a quote ("Claude Moraes stated:")
    # Title case leaves only small joining words in lower case; two lower-case verbs or
    # nouns make a sentence, one cut off before its full stop where an excerpt ends
    # ("Somalia's Minister of Foreign Affairs Esmael Hurreh denies that Kenyan authorities").
    lower = [w for w in words if w[0].islower() and w.lower() not in TITLE_CASE_SMALL_WORDS]
    if len(lower) >= 2:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


# Words of more than three letters that title case writes in lower case.
TITLE_CASE_SMALL_WORDS = frozenset(
    "with from into onto over than that upon after under about amid near across against "
    "before between during without".split()
)


# "Victoria Square", "Moria Camp", "Jefferson City": the NER's persons that are places.
PLACE_ENDINGS = re.compile(
    r"\s(?:Square|Street|Road|Avenue|Bridge|Park|Station|Airport|Camp|Islands?|Sea|River|"
    r"Valley|Hall|Palace|Port|Harbou?r|Gate|City|County|Province|Glacier|Mountains?|Desert)$"
)


# "Immigration White Paper", "For Immediate Release", "Foreign Direct Investment",
# "Upstream Working Group Roadmap": title-case phrases that name a document, a
# policy or a term, neither a person nor a body.
DOCUMENT_ENDINGS = re.compile(
    r"\s(?:Paper|Release|Report|Act|Plan|Pact|Agreement|Accord|Treaty|Strategy|Investment|"
    r"Protocols?|Convention|Directive|Regulation|Declaration|Roadmap|Review|Policy|Bill)$"
)
# Heads of bodies and events, which no surname is either: "Joint Migration Task Force".
BODY_ENDINGS = re.compile(
    r"\s(?:Force|Fund|Initiative|Programme|Program|Summit|Conference|Committee|News)$"
)


def names_a_document(name: str) -> bool:
    return DOCUMENT_ENDINGS.search(name) is not None


def ends_like_a_place(name: str) -> bool:
    return PLACE_ENDINGS.search(name) is not None and not names_a_document(name)


# "St Patrick's Day", "Valentine's Day": a feast day, which the NER may take for a person.
FEAST_DAY = re.compile(r"^(?:St\.?|Saint)\s.+\sDay$|['\u2019]s Day$")


def feast_day(span: Span) -> bool:
    """Whether a PERSON the NER found is a feast day ("St Patrick's Day")."""
    return FEAST_DAY.search(span.text) is not None


def place_modifier(span: Span) -> bool:
    """Whether a PERSON the NER found says where something is based or someone was
    born ("the New York-based group", "a London-born lawyer"): a place, not a person."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ in {"based", "born", "headquartered", "registered"}
    )


def not_a_name(name: str) -> bool:
    """Whether a PERSON the NER found cannot be a person's name: a place, a title-case
    phrase ("White Paper"), or words of running text in another language ("de la
    justice et des affaires intérieures") where a name has only particles in lower case."""
    if PLACE_ENDINGS.search(name) or names_a_document(name) or BODY_ENDINGS.search(name):
        return True
    lower = [
        w
        for w in name.split()
        if w[:1].islower() and w.lower() not in NAME_PARTICLES and not PREFIXED_NAME.match(w)
    ]
    return bool(lower)


# A particle joined to the name by a hyphen: "al-Sabah", "el-Sisi", "ud-Din", "bin-Salman".
PREFIXED_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ud|ul|bin|ibn|abu|da|de|di|du)-[A-Z]")


def only_titles(name: str) -> bool:
    """ "Prime Minister", "MEP": offices, not a person's name."""
    words = name.lower().split()
    return all(w in ROLE_WORDS or w in TITLE_WORDS or w in HONORIFICS for w in words)


def surname_keys(parts: list[str]) -> list[str]:
    """How a full name is shortened later: "Graaf" and "de Graaf", "Acker" and "Van Acker",
    "von der Leyen" (and "Von der Leyen" opening a sentence)."""
    keys = [parts[-1]]
    start = len(parts) - 1
    while start > 1 and parts[start - 1].lower() in NAME_PARTICLES:
        start -= 1
        surname = " ".join(parts[start:])
        keys += [surname, surname[:1].upper() + surname[1:]]
    if start == len(parts) - 1 and len(parts) >= 3 and _double_surname(parts[-2]):
        # "Alberto Cárdenas Ruiz", later "Cárdenas": the first of two surnames, as
        # Spanish and Portuguese names are shortened.
        keys += [parts[-2], f"{parts[-2]} {parts[-1]}"]
    return keys


def _double_surname(word: str) -> bool:
    """Whether a name's second-to-last word may be a first surname: capitalised, long
    enough, and no first name ("Mary Anne Smith" has one surname)."""
    return (
        word[:1].isupper()
        and len(word) >= MIN_SURNAME_LETTERS
        and word.lower() not in NAME_PARTICLES
        and not _known_first(word)
    )


def in_parentheses(span: Span) -> bool:
    """A name in brackets is a credit or a dateline's agency: "ATHENS (Meridian Wire)"."""
    doc = span.doc
    return (
        span.start > 0
        and doc[span.start - 1].text == "("
        and span.end < len(doc)
        and doc[span.end].text == ")"
    )


def clean_name(span: Span) -> str:
    tokens = [
        t
        for t in span
        if t.lower_ not in HONORIFICS
        and t.tag_ != "POS"
        and not t.is_punct
        and not t.is_space
        or t.text == "-"
    ]
    while tokens and tokens[-1].tag_ == "POS":
        tokens.pop()
    words = [t.text for t in tokens]
    if any(not w.isupper() for w in words):
        # "Jan Philipp ALBRECHT" is Jan Philipp Albrecht; an all-capitals name
        # (an acronym, a shouted headline) is left as written.
        words = [w.capitalize() if _capitals_surname(w) else w for w in words]
    text = " ".join(words)
    return re.sub(r"\s*-\s*", "-", text).strip(" ,’'")


def organisation_name(span: Span) -> str:
    """A body's name without the article the NER sometimes takes in: "The Internal
    Displacement Monitoring Centre" and "the centre's" name the same body; nor the
    office of the person named next (``_name_end``)."""
    end = _name_end(span)
    last = span.doc[end - 1]
    if end - span.start > 1 and last.is_lower and last.lemma_ in DOCUMENT_NOUNS:
        end -= 1  # "said an interior ministry order": the ministry wrote it
    name = clean_name(span.doc[span.start : end])
    return re.sub(r"^[Tt]he\s+(?=\S)", "", name)


def _name_end(span: Span) -> int:
    """Where a body's name ends when the NER took in the office of the person named
    next, which news writes between the two ("Refugee Life Ministries Coordinator
    Emmanuel Nyakarashi", "UNHCR Spokesman Ali Daud")."""
    doc = span.doc
    end = span.end
    if end < len(doc) and doc[end].ent_type_ == "PERSON":
        while end - 1 > span.start and doc[end - 1].lower_ in ROLE_WORDS:
            end -= 1
    return end


def names_office_holder(span: Span) -> bool:
    """Whether an ORG entity is followed by a person holding an office in it: a name
    someone is coordinator or spokesman of is a body's, whatever its words."""
    return _name_end(span) < span.end


def describes_a_holder(span: Span) -> bool:
    """ "The Green Party TD acknowledged": a definite title the NER read as a body,
    with no one named after it, describes its holder, a person named before."""
    doc = span.doc
    definite = span[0].lower_ == "the" or span.start > 0 and doc[span.start - 1].lower_ == "the"
    return definite and span[-1].lower_ in ROLE_WORDS and not names_office_holder(span)


def one_slip_apart(word: str, other: str) -> bool:
    """Whether two spellings differ by one typing slip: two neighbouring letters
    swapped ("Zahn", "Zhan"), or one letter dropped, added or changed."""
    if word == other or word[:1] != other[:1] or abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == other[diff[1]]
            and word[diff[1]] == other[diff[0]]
        )
    shorter, longer = sorted((word, other), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


AFFILIATION_CHARS = 60  # how far from a person's mention their body may be named
# A sentence break between a person and a body: the body is not theirs.
AFFILIATION_BREAK = re.compile(r"[.;!?\n]")


def beside(text: str, body_at: int, person_at: int) -> bool:
    """Whether a body named at ``body_at`` is named beside a person mentioned at
    ``person_at`` ("Melissa Fleming of UNHCR", "UNHCR's Melissa Fleming")."""
    low, high = min(body_at, person_at), max(body_at, person_at)
    return high - low <= AFFILIATION_CHARS and not AFFILIATION_BREAK.search(text, low, high)


# Nouns for the work a body runs under a name of its own.
PROGRAMME_WORDS = frozenset({"project", "programme", "program", "initiative"})


def programme_owner(ent: Span) -> Span | None:
    """ "IOM's Missing Migrants Project found": a body's project speaks for the body
    (annotation rules: the organisation is the speaker); the owner named with "'s"."""
    if ent.root.lower_ not in PROGRAMME_WORDS:
        return None
    owner = next(
        (
            c
            for c in ent.root.children
            if c.dep_ == "poss" and (c.ent_type_ == "ORG" or c.pos_ == "PROPN")
        ),
        None,
    )
    return ent.doc[owner.left_edge.i : owner.i + 1] if owner is not None else None


ORGANISATION_OPENINGS_KEY = "monitor.organisation_openings"


def short_name_of_body(ent: Span) -> str | None:
    """ "Borealis cancelled 412 flights", after "Borealis Air": a lone word the NER calls
    a person is the short name of the organisation whose name it opens; that name."""
    doc = ent.doc
    # Built once per document: a long text has many lone names to look up.
    openings = doc.user_data.get(ORGANISATION_OPENINGS_KEY)
    if openings is None:
        openings = {}
        for other in entities_within(doc[:]):
            if other.label_ == "ORG" and len(other) > 1:
                openings.setdefault(other[0].text, organisation_name(other))
        doc.user_data[ORGANISATION_OPENINGS_KEY] = openings
    return openings.get(ent.text)


def name_past_office(named: Span) -> Span:
    """The name in a person's tag that also holds their office: "Eskom spokesperson
    Sipho Mahlangu" as one name, or "Eskom spokesperson" with the name tagged next."""
    doc = named.doc
    office = [t.i for t in named if t.lower_ in ROLE_WORDS | SPOKES_WORDS]
    if not office:
        return named
    after = entity_at(doc[named.end]) if named.end < len(doc) else None
    if office[-1] == named.end - 1 and after is not None and after.label_ == "PERSON":
        return after
    rest = doc[office[-1] + 1 : named.end]
    return rest if len(rest) and all(t.pos_ == "PROPN" for t in rest) else named


def name_after_portfolio(span: Span) -> Span:
    """ "Minister for Health Stephen Donnelly", which the tagger did not mark as a name:
    the name after the office's portfolio, opening with a first name the registers
    know, speaks."""
    head = span.root
    if head.lower_ not in ROLE_WORDS:
        return span
    for token in span:
        rest = span.doc[token.i : span.end]
        if token.i > head.i + 1 and len(rest) >= 2 and gender_of_first_name(rest.text):
            return rest if all(t.pos_ == "PROPN" for t in rest) else span
    return span


def hyphenated_word(token: Token) -> str:
    """The whole word a token is part of when hyphens join it to its neighbours with
    no space ("Pruitt-Cole" for "Pruitt" or "Cole"), else the token's own text."""
    doc, start, end = token.doc, token.i, token.i
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
    ):
        start -= 2
    while (
        end + 2 < len(doc)
        and doc[end + 1].text == "-"
        and not doc[end].whitespace_
        and not doc[end + 1].whitespace_
    ):
        end += 2
    return doc[start : end + 1].text if end > start else token.text
