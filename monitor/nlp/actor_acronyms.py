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
from monitor.nlp.lexicon import BODY_WORDS, COMPANY_WORDS, ORGANISATION_WORDS

# Capitalised words, joined by the small words names carry ("Department of Homeland
# Security", "Human Rights and Special Prosecutions Section"), then the initials in
# brackets or after "or".
_NAME = r"(?:[A-Z][\w'’.&-]*)(?:\s+(?:(?:of|for|and|on|the|in|to|de)\s+)*[A-Z][\w'’.&-]*){1,9}"
DEFINITION = re.compile(rf"({_NAME})\s*(?:\(\s*|,?\s+or\s+)([A-Z][A-Za-z&]{{1,8}})\b\s*\)?")
# "KS, the Norwegian Association of Local and Regional Authorities, wrote": initials
# followed by the body's name in apposition. The initials of a name in another
# language need not match its translation, so the name must say it is a body.
APPOSED = re.compile(rf"\b([A-Z][A-Za-z&]{{1,7}}),\s+the\s+({_NAME})(?=\s*[,;.)])")
# Initials written without their definition ("PMC said" after "the Pune Municipal
# Corporation" in an earlier paragraph): at least three letters, two of them capitals.
INITIALS = re.compile(r"\b(?=(?:[a-z&]*[A-Z]){2})[A-Z][A-Za-z&]{2,7}\b")
LEGAL_SUFFIXES = frozenset({"Limited", "Ltd", "Inc", "Plc", "PLC", "LLC"})
SMALL_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "to", "de"})


@dataclass(frozen=True)
class Definition:
    full: str
    short: str

    @property
    def is_body(self) -> bool:
        """Whether the full name says it is a body ("... Task Force", "... Agency",
        "... Petroleum Company Limited")."""
        return bool(
            ORGANISATION_WORDS.search(self.full)
            or BODY_WORDS.search(self.full)
            or COMPANY_WORDS.search(self.full)
        )


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
    _implied_definitions(text, found)
    for match in APPOSED.finditer(text):
        short, full = match.groups()
        definition = Definition(full, short)
        if sum(ch.isupper() for ch in short) > 1 and definition.is_body:
            found.setdefault(short, definition)
            found.setdefault(full, definition)
    return found


def _implied_definitions(text: str, found: dict[str, Definition]) -> None:
    """Initials that spell a body's name written earlier in the text, though the text
    never pairs them: "the Dhaka North City Corporation ... The DNCC said". Only a
    body's name counts: initials that happen to spell a phrase say nothing."""
    initials = {match.group() for match in INITIALS.finditer(text)} - found.keys()
    if not initials:
        return
    spelt: dict[str, tuple[str, int]] = {}
    for match in re.finditer(_NAME, text):
        words = match.group().split()
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                if words[start][:1].islower() or words[end - 1][:1].islower():
                    continue
                # "Nigerian National Petroleum Company Limited" is spelt "NNPC".
                suffix = end
                while suffix < len(words) and words[suffix].rstrip(".") in LEGAL_SUFFIXES:
                    suffix += 1
                name = " ".join(words[start:suffix])
                for letters in _initials_variants(" ".join(words[start:end])):
                    spelt.setdefault(letters, (name, match.start()))
    for short in initials:
        name, written_at = spelt.get(short.upper(), ("", len(text)))
        definition = Definition(re.sub(r"^(?:[Tt]he)\s+", "", name), short)
        # A headline may use the initials before the body spells the name out.
        if written_at < len(text) and definition.is_body:
            found.setdefault(short, definition)
            found.setdefault(definition.full, definition)
