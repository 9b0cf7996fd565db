"""Speaker turns in verbatim debate records.

Parliamentary records print each speech under its speaker's name, with no
quote marks and no speech verb: "Roberta Metsola, on behalf of the PPE Group.
– Mr President, ...". Each such turn is one statement by the named member, in
their own words, running to the next turn. The chair's procedural turns
("President. –") name no one and are left out.

A speech published on its own ("Remarks by Commissioner Avramopoulos on the
migration package", then a place and date line, then "Dear all, ...") is one
turn too: its header names the speaker, and everything after it is theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from monitor.nlp.datelines import datelines

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
    # "THE HAGUE — The coalition collapsed ...", "Banda Aceh, Indonesia – Hundreds of
    # students ...": a dateline has the shape of a turn's header (a name, a dash) but
    # says where the story was filed.
    filed = datelines(text)
    headers = [
        header
        for header in TURN.finditer(text)
        if not any(start <= header.end() <= end for start, end in filed)
    ]
    turns = []
    for index, header in enumerate(headers):
        name = header.group("name")
        # "In January, the group killed 21 men — ...": a sentence of running prose can
        # take the shape of a header; a name never opens with a function word.
        if CHAIR_WORDS.search(name) or name.split()[0].lower() in STOP_WORDS:
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


# "Remarks by Commissioner Avramopoulos on the migration package ...", "Speech by
# President Metsola at the ...": the title of a speech published as a page of its
# own, on a line of its own near the top.
SPEECH_TITLE = re.compile(
    r"(?m)^[ \t]*(?:(?:opening|closing|introductory|keynote|press)[ \t]+)?"
    r"(?:remarks|speech|statement|address)[ \t]+by[ \t]+"
    rf"(?P<who>(?:{NAME_WORD}[ \t]+){{0,4}}?{NAME_WORD})"
    r"(?:[ \t]+(?:on|at|to|before|in|during|following|ahead|for|after)\b[^\n]*)?[ \t]*$",
    re.I,
)
SPEECH_TITLE_WITHIN = 1500  # characters from the top where a page's title stands
# Lines between the title and the speech that are no part of it: "Brussels, 2 March
# 2017", "Check against delivery".
# A speech opens in its speaker's own voice: a greeting, or "I" and "we" outside quotes.
SALUTATION = re.compile(
    r"(?:dear|ladies|good (?:morning|afternoon|evening)|thank you|honourable|"
    r"(?:mr|madam|madame) (?:president|chair\w*|speaker))\b",
    re.I,
)
FIRST_PERSON = re.compile(r"\b(?:I|we|our|us|my)\b", re.I)
OPENING_CHARS = 600  # how much of the speech shows whose voice it is
NOT_SPEECH = re.compile(r"[^\n]{0,60}\d{4}[ \t]*|[ \t]*\[?check against delivery\]?[ \t]*", re.I)


def speech_turn(text: str, role_words: frozenset[str]) -> Turn | None:
    """The whole of a speech published as a page of its own, as one turn by the
    speaker its title names; None for any other text. ``role_words`` are the office
    words that may stand before the name ("Commissioner")."""
    title = SPEECH_TITLE.search(text, 0, SPEECH_TITLE_WITHIN)
    if title is None:
        return None
    words = title.group("who").split()
    office = []
    while words and words[0].lower() in role_words:
        office.append(words.pop(0))
    if not words:
        return None  # "Statement by the Spokesperson": an office, no one named
    start = title.end()
    for line in re.finditer(r"[^\n]+", text[start:]):
        if line.group().strip() and not NOT_SPEECH.fullmatch(line.group()):
            start += line.start()
            break
    else:
        return None
    if not _own_voice(text[start:]):
        return None  # "Speech by Merkel Sparks Outrage": a headline over a report
    end = len(text.rstrip())
    if end - start < 20:
        return None
    role = " ".join(office) or None
    speaker_type = "eu_institution" if role and INSTITUTION_ROLES.search(role) else "other"
    return Turn(" ".join(words), role, speaker_type, start, end)


def _own_voice(speech: str) -> bool:
    """The speech opens with a greeting, or speaks as "I" or "we" outside quotes."""
    opening = speech[:OPENING_CHARS]
    if SALUTATION.match(opening):
        return True
    unquoted = re.sub(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]", " ", opening)
    return FIRST_PERSON.search(unquoted) is not None
