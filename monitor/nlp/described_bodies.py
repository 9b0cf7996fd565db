"""Bodies the text describes by what they do and names elsewhere: news calls a body
"Australia's competition regulator" in the lead and names it, "The Australian
Competition and Consumer Commission", paragraphs later. The statements made under
the description belong to the named body."""

from __future__ import annotations

import re
from typing import Any

from monitor.nlp.actors import ActorIndex
from monitor.nlp.speaker_phrases import speaker_fields

# Nouns for what a body does that its name need not carry, and the words its name
# has instead: "Australia's competition regulator" is the "Australian Competition and
# Consumer Commission", not the "Australian Competition Tribunal".
REGULATOR_NAMES = re.compile(
    r"\b(?:commission|authority|agency|office|regulator|board|administration|inspectorate|"
    r"ombudsman|bureau)\b",
    re.I,
)
FUNCTION_NOUNS = {"regulator": REGULATOR_NAMES, "watchdog": REGULATOR_NAMES}


def described_bodies_named(statements: list[dict[str, Any]], actors: ActorIndex) -> None:
    """ "Australia's competition regulator on Thursday blocked the takeover, saying
    ...", and paragraphs later "The Australian Competition and Consumer Commission
    said": news describes a body in the lead and names it further down. A body the
    text only describes is the one body it names whose name carries every word of
    the description (its noun too, or for a noun that says only what the body does,
    a word of that kind of body), of no other country."""
    named = [
        actor
        for actor in actors.actors.values()
        if actor.kind == "organisation" and actor.name[:1].isupper()
    ]
    for statement in statements:
        described = actors.actors.get(statement.get("speaker_id") or "")
        if described is None or described.kind != "organisation" or not described.name.islower():
            continue
        *modifiers, noun = described.name.split()
        kind = FUNCTION_NOUNS.get(noun, re.compile(rf"\b{re.escape(noun)}\b", re.I))
        matches = [
            actor
            for actor in named
            if all(re.search(rf"\b{re.escape(word)}\b", actor.name, re.I) for word in modifiers)
            and kind.search(actor.name)
            and (actor.country or described.country) == (described.country or actor.country)
        ]
        if modifiers and len(matches) == 1:
            statement.update(speaker_fields(matches[0]))
