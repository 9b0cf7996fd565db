"""Acronyms the text defines: "Joint Task Force Alpha (JTFA)", "the Regional
Resettlement Arrangement (RRA)", "the U.N. Conference on Trade and Development or
UNCTAD".

Reporting spells a name out once and uses its initials after. The definition
tells two things the small model cannot: whether the initials name a body at all
(a programme, a treaty or an economic term is written the same way: "MPP",
"RRA", "FDI"), and which full name they stand for, so that the body is one actor
under its full name rather than an acronym standing alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.nlp.aliases import initials
from monitor.nlp.lexicon import BODY_WORDS, ORGANISATION_WORDS

# Capitalised words, joined by the small words names carry ("Department of Homeland
# Security", "Human Rights and Special Prosecutions Section"), then the initials in
# brackets or after "or".
_NAME = r"(?:[A-Z][\w'’.&-]*)(?:\s+(?:(?:of|for|and|on|the|in|to|de)\s+)*[A-Z][\w'’.&-]*){1,9}"
DEFINITION = re.compile(rf"({_NAME})\s*(?:\(\s*|,?\s+or\s+)([A-Z][A-Za-z&]{{1,8}})\b\s*\)?")
SMALL_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "to", "de"})


@dataclass(frozen=True)
class Definition:
    full: str
    short: str

    @property
    def is_body(self) -> bool:
        """Whether the full name says it is a body ("... Task Force", "... Agency")."""
        return bool(ORGANISATION_WORDS.search(self.full) or BODY_WORDS.search(self.full))


def _trimmed(full: str, short: str) -> str | None:
    """The end of ``full`` whose initials are ``short``: "the U.N. Conference on Trade
    and Development" for "UNCTAD" loses nothing, "Ahead of Joint Task Force Alpha"
    for "JTFA" loses "Ahead of"."""
    words = full.split()
    for start in range(len(words)):
        if words[start][:1].islower():
            continue
        candidate = " ".join(words[start:])
        if short.upper() in _initials_variants(candidate):
            return candidate
    return None


def _initials_variants(name: str) -> set[str]:
    """The ways initials are drawn from a name: small words skipped or counted
    ("UNCTAD" counts the "and" of "Trade and Development"), "U.N." as two letters."""
    variants = {initials(name.replace(".", ""))}
    for skipped in (SMALL_WORDS, SMALL_WORDS - {"and"}):
        letters = []
        for word in name.split():
            if re.fullmatch(r"(?:[A-Z]\.){2,}", word):
                letters.append(word.replace(".", ""))
            elif word.lower() not in skipped:
                letters.append(word[0])
        variants.add("".join(letters).upper())
    return variants


def acronym_definitions(text: str) -> dict[str, Definition]:
    """The definitions in ``text``, keyed by both the initials and the full name."""
    found: dict[str, Definition] = {}
    for match in DEFINITION.finditer(text):
        short = match.group(2)
        if not any(ch.isupper() for ch in short[1:]) and len(short) > 1:
            continue  # "(Reuters)", "(Geneva)": a word, not initials
        full = _trimmed(match.group(1), short)
        if full is None:
            continue
        definition = Definition(re.sub(r"^(?:[Tt]he)\s+", "", full), short)
        found.setdefault(short, definition)
        found.setdefault(definition.full, definition)
    return found
