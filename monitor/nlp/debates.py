"""Speaker turns in verbatim debate records.

Parliamentary records print each speech under its speaker's name, with no
quote marks and no speech verb: "Roberta Metsola, on behalf of the PPE Group.
– Mr President, ...". Each such turn is one statement by the named member, in
their own words, running to the next turn. The chair's procedural turns
("President. –") name no one and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME_WORD = r"[A-ZÀ-ÞŁŚŻ][\w'’-]+"
PARTICLE = r"(?:de|da|di|van|von|der|den|la|le|del|dos)"
TURN = re.compile(
    rf"(?m)^[ \t]*(?P<name>{NAME_WORD}(?:[ \t]+(?:{NAME_WORD}|{PARTICLE})){{1,4}})"
    r"(?:,[ \t]*(?P<role>[^\n.–]{2,120}?))?"
    r"(?:[ \t]*\((?P<group>[^)\n]{1,40})\))?\.?[ \t]+[–—][ \t]+"
)
# Words that make a header the chair's, not a member's.
CHAIR_WORDS = re.compile(r"\b(?:president|presidente|présidente|präsident|puhemies)\b", re.I)
INSTITUTION_ROLES = re.compile(
    r"\b(?:rapporteur|chair|commissioner|president-in-office|vice-president|"
    r"member of the commission|high representative)\b",
    re.I,
)


@dataclass(frozen=True)
class Turn:
    speaker: str
    role: str | None
    speaker_type: str
    start: int
    """Offset of the first word of the speech."""
    end: int


def debate_turns(text: str) -> list[Turn]:
    """Every member's turn in a debate record, in order."""
    headers = list(TURN.finditer(text))
    turns = []
    for index, header in enumerate(headers):
        name = header.group("name")
        if CHAIR_WORDS.search(name):
            continue
        role = (header.group("role") or "").strip() or None
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        body_end = len(text[:end].rstrip())
        if body_end - header.end() < 20:
            continue  # a header with no speech after it
        described = " ".join(filter(None, (role, header.group("group"))))
        if role and INSTITUTION_ROLES.search(role) and "behalf" not in role.lower():
            speaker_type = "eu_institution"
        else:
            speaker_type = "party"
        turns.append(Turn(name, described or None, speaker_type, header.end(), body_end))
    return turns
