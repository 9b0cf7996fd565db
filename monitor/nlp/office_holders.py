"""Who holds an office the text names without a name.

"The governor said" is the person the text called governor; "the U.N. chief said"
is the person the text named as the head of the U.N., under whatever title the
body gives its head ("Secretary-General Antonio Guterres"). The annotation rules
resolve an office to its holder when the text names them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from spacy.tokens import Token

from monitor.country_names import country_code, demonym_codes
from monitor.nlp.lexicon import ABBREVIATED_TITLES
from monitor.nlp.roles import JUDGE_TITLE, names_the_office

# Words news uses for the head of a body, whatever the body calls the office.
HEAD_WORDS = frozenset({"chief", "head", "boss"})
# The titles bodies give their heads.
HEAD_TITLES = re.compile(
    r"\b(?:secretary[- ]general|director[- ]general|high commissioner|executive director|"
    r"chief executive|commissioner|president|chief|head|director)\b"
)


class Holder(Protocol):
    kind: str
    type: str
    name: str
    role: str | None


# Words news uses, after "the" and a body's name, for someone who speaks for it:
# "the UNHCR official", "the ministry spokesman".
MEMBER_WORDS = frozenset(
    "official spokesman spokeswoman spokesperson representative officer".split()
)


# The cabinet ministers British and Commonwealth copy titles "secretary".
SECRETARY_OF_STATE = re.compile(
    r"\b(?:home|foreign|interior|justice|defen[cs]e|immigration) secretary\b|"
    r"\bsecretary of state\b"
)


def holds_office(role: str | None, role_word: str) -> bool:
    """Whether ``role`` is that office: "Texas Gov. Rebecca Strand" holds the office
    of "the governor", and "Mrs Justice Eleanor Rawcliffe" that of "the judge"."""
    role = (role or "").lower()
    if role_word == "judge" and JUDGE_TITLE.search(role):
        return True
    if role_word == "minister" and SECRETARY_OF_STATE.search(role):
        return True  # "Home Secretary Richard Calloway ... The minister said"
    words = re.findall(r"[^\W\d_][\w-]*", role)  # letters of any script: "tánaiste"
    return role_word in " ".join(ABBREVIATED_TITLES.get(w, w) for w in words)


def head_of_body(office: str, body: Holder | None, people: Iterable[Holder]) -> Holder | None:
    """ "the U.N. chief", "the UNHCR head": the one person the text titles as the head
    of a body of that body's kind; None when there are several or none."""
    if office not in HEAD_WORDS or body is None or body.kind != "organisation":
        return None
    heads = [
        person
        for person in people
        if person.kind == "person"
        and person.type == body.type
        and HEAD_TITLES.search((person.role or "").lower())
    ]
    return heads[0] if len(heads) == 1 else None


def member_of_body(office: str, body: Holder | None, people: Iterable[Holder]) -> Holder | None:
    """ "Qaisar Khan Afridi, a spokesman for the UN High Commissioner for Refugees
    (UNHCR), told Anadolu ... The UNHCR official termed the reports disconcerting": the
    one person the text gave an office in that body, whatever the office's word."""
    if office not in MEMBER_WORDS or body is None or body.kind != "organisation":
        return None
    name = re.compile(rf"\b{re.escape(body.name.lower())}\b")
    members = [
        person
        for person in people
        if person.kind == "person" and name.search((person.role or "").lower())
    ]
    return members[0] if len(members) == 1 else None


# "A spokesperson said", "an official told", "another judge wrote": someone the text
# has not named, never the holder of that office it named before or after.
INDEFINITE = frozenset({"a", "an", "another"})


def introduces_someone(words: Sequence[Token]) -> bool:
    """Whether an office phrase opens with an indefinite article: a new person."""
    return bool(words) and words[0].lower_ in INDEFINITE


def of_the_named_body(role: str | None, words: Sequence[Token]) -> bool:
    """Whether a holder's title has every word of the body the office phrase names:
    "the UNHCR spokesman" is not the interior ministry spokesman named before, nor is
    "the European Commission spokesperson" the campaign group's."""
    title = (role or "").lower()
    return all(t.lower_ in title for t in words if t.ent_type_ == "ORG")


FORMER = re.compile(r"\b(?:former|ex-)", re.I)


def same_tense(role: str | None, words: Sequence[Token]) -> bool:
    """ "the minister" is not "Former immigration minister Douglas Ferrow"; "the former
    minister" is."""
    return not FORMER.search(role or "") or any(FORMER.match(t.text) for t in words)


def sole_holder(role_word: str, phrase: Sequence[Token], people: Iterable[Holder]) -> Holder | None:
    """ "its mayor said ... mayor Carla Benedetti told": a lead often gives the office
    before the name. The one person given that office, when every word naming the
    office is in their title ("a Home Office spokesperson" is not UNHCR's; "Spain's
    defence minister" is Defence Minister Robles, not the interior minister)."""
    if role_word in MEMBER_WORDS:
        return None  # a story names many spokespeople, and quotes unnamed ones
    wanted = [t.lower_ for t in phrase if names_the_office(t)]
    holders = [
        person
        for person in people
        if person.kind == "person"
        and holds_office(person.role, role_word)
        and all(w in (person.role or "").lower() for w in wanted)
        and same_tense(person.role, phrase)
    ]
    return holders[0] if len(holders) == 1 else None


# Words beside "minister" that say which minister, not which ministry: "Prime
# Minister" and "Deputy Minister" head no ministry of that name.
NOT_A_PORTFOLIO = frozenset("prime first chief deputy junior acting former state cabinet".split())
HEADS_OF_GOVERNMENT = frozenset({"prime", "first", "chief"})
JOINING_WORDS = frozenset({"and", "&", "the", "of", "for"})
# "Minister of the Interior", "Minister for Inclusion, Social Security and Migration":
# the portfolio as the title writes it, up to the first word in lower case.
MINISTER_OF = re.compile(
    r"\b[Mm]inister (?P<of>of|for) (?:the )?(?:State (?:for|of) (?:the )?)?"
    r"(?P<portfolio>[A-Z][\w'\u2019-]*(?:,? (?:(?:and|&) )?[A-Z][\w'\u2019-]*)*)"
)
# At most this many words name a portfolio ("Asylum and Migration").
PORTFOLIO_WORDS = 4


@functools.lru_cache(maxsize=4096)
def ministry_of(role: str | None) -> str | None:
    """The ministry a minister's title names: "Interior Minister" heads the "interior
    ministry", "Minister for Inclusion, Social Security and Migration" the "ministry for
    Inclusion, Social Security and Migration"; None for a title with no portfolio
    ("Prime Minister")."""
    title = role or ""
    after = MINISTER_OF.search(title)
    if after is not None:
        portfolio = after["portfolio"].rstrip(" ,")
        before = title[: after.start()].split()
        # "Prime Minister of Italy" heads a government, not a ministry of Italy.
        if (
            (before and before[-1].lower() in HEADS_OF_GOVERNMENT)
            or portfolio.lower() in NOT_A_PORTFOLIO
            or _names_a_country(portfolio)
        ):
            return None
        return f"Ministry {after['of'].lower()} {portfolio}"
    words = re.findall(r"[^\W\d_][\w'\u2019&-]*", re.split(r"[,;()]", title)[0])
    lowered = [w.lower() for w in words]
    if "minister" not in lowered:
        return None
    at = lowered.index("minister")
    # "Belgium's Migration Minister", "Turkish Interior Minister": the country is not
    # the portfolio (the ministry is keyed with its country elsewhere).
    portfolio = [
        w
        for w in lowered[max(0, at - PORTFOLIO_WORDS) : at]
        if not w.endswith(("'s", "\u2019s")) and not _names_a_country(w)
    ]
    while portfolio and (portfolio[0] in NOT_A_PORTFOLIO or portfolio[0] in JOINING_WORDS):
        portfolio = portfolio[1:]
    if not portfolio or any(w in NOT_A_PORTFOLIO for w in portfolio):
        return None
    return f"{' '.join(portfolio)} ministry"


def _names_a_country(word: str) -> bool:
    # Not by three-letter code: "and" would be Andorra.
    return word.casefold() in demonym_codes() or len(word) > 3 and bool(country_code(word))
