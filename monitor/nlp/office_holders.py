"""Who holds an office the text names without a name.

"The governor said" is the person the text called governor; "the U.N. chief said"
is the person the text named as the head of the U.N., under whatever title the
body gives its head ("Secretary-General Antonio Guterres"). The annotation rules
resolve an office to its holder when the text names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from monitor.nlp.lexicon import ABBREVIATED_TITLES
from monitor.nlp.roles import JUDGE_TITLE

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


def holds_office(role: str | None, role_word: str) -> bool:
    """Whether ``role`` is that office: "Texas Gov. Rebecca Strand" holds the office
    of "the governor", and "Mrs Justice Eleanor Rawcliffe" that of "the judge"."""
    role = (role or "").lower()
    if role_word == "judge" and JUDGE_TITLE.search(role):
        return True
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
