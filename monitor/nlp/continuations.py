"""Statements placed by where they stand: a quote that carries on the previous
speaker's words, a quote signed on the line after it, the turns of a debate
record, and headlines, which are no one's statement."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from monitor.nlp.actor_types import guess_role_type
from monitor.nlp.actors import Actor, ActorIndex
from monitor.nlp.debates import debate_turns, speech_turn
from monitor.nlp.doc_cache import entity_at, text_of
from monitor.nlp.lexicon import ROLE_WORDS
from monitor.nlp.speaker_phrases import speaker_fields
from monitor.nlp.speakers import MentionIndex


def continue_quotes(text: str, statements: list[dict[str, Any]], actors: ActorIndex) -> None:
    """A quote with no attribution of its own that follows a statement by X, in
    the same paragraph or opening the next one, continues X's words (news style:
    a quote paragraph carries on the previous speaker until another is named).
    It is kept as X's, with no cue, marked as a continuation."""
    mentions = MentionIndex(actors)
    previous: dict[str, Any] | None = None
    for statement in statements:
        if (
            statement["kind"] == "direct"
            and statement["speaker"] is None
            and statement["cue"] is None
            and previous is not None
            and previous["speaker"] is not None
            and _continues(text, mentions, previous, statement["start"])
            and not _named_after(text, mentions, statement, statements)
        ):
            for key in ("speaker", "speaker_id", "speaker_type"):
                statement[key] = previous[key]
            statement["continuation"] = True
        previous = statement


def _continues(text: str, mentions: MentionIndex, previous: dict[str, Any], position: int) -> bool:
    """In the same paragraph a following quote is the same speaker's; a quote that
    opens the next paragraph is, unless someone else is named in between."""
    between = text[previous["end"] : position]
    if "\n" not in between:
        return True
    if re.fullmatch(r"[^\n]*\n+[ \t]*[\"“‘«]?[ \t]*", between) is None:
        return False  # more than one paragraph break, or text between
    after = _attribution_end(text, mentions, previous)
    others = set(mentions.between(after, position)) - {previous.get("speaker_id")}
    return not others


# The end of the sentence that closes a quote: '," WFP's director Jane Roe said.'
SENTENCE_END = re.compile(r"[.!?][\"”’]?(?=\s|$)|\n")


def _attribution_end(text: str, mentions: MentionIndex, previous: dict[str, Any]) -> int:
    """Where the previous quote's own attribution ends. Bodies named in it describe
    its speaker ('WFP's Chad director Pierre Honnorat said'), and the outlet a
    pronoun spoke to ('he told Sky News') is no new speaker either: so they do not
    break the speaker's next paragraph. The sentence counts as the attribution only
    when it names that speaker or holds the quote's own cue."""
    found = SENTENCE_END.search(text, previous["end"])
    end = found.end() if found else len(text)
    named = previous.get("speaker_id") in mentions.between(previous["end"], end)
    cue = previous.get("cue")
    own_cue = bool(cue) and re.search(rf"\b{re.escape(cue)}\b", text[previous["end"] : end])
    return end if named or own_cue else previous["end"]


def _named_after(
    text: str, mentions: MentionIndex, statement: dict[str, Any], statements: list[dict[str, Any]]
) -> bool:
    """Someone is named after the quote in its own paragraph ('"...," Prime Minister
    Meloni was quoted as saying'): an attribution the parse missed, so the quote is
    not the previous speaker's continuation. Names up to the end of a later statement
    there ('"..." He said the Commission would act.', '"..." Officials said London
    would pay.') are that statement's speaker and what it reports, not the quote's."""
    line_end = text.find("\n", statement["end"])
    end = len(text) if line_end < 0 else line_end
    accounted = max(
        (
            other["end"]
            for other in statements
            if statement["end"] <= other["start"] < end and other["cue"] is not None
        ),
        default=statement["end"],
    )
    # '..." AFP/nd': the wire service credited for the story attributes no quote.
    credit = AGENCY_CREDIT.search(text, accounted, end)
    return bool(mentions.between(accounted, credit.start() if credit else end))


# What may close a paragraph after its last sentence without attributing anything in
# it: a wire service's credit, with the editor's initials ("AFP/nd", "(Reuters)").
AGENCY_CREDIT = re.compile(
    r"(?<=[.!?\"”’])\s+[(\[]?[A-Z][A-Za-z.&]*(?:\s?/\s?[A-Za-z]+)*[)\]]?\s*$"
)


# How much of a teaser's opening must come back later, word for word, for it to be
# the body's first sentence shown ahead of the article.
TEASER_OPENING_CHARS = 60


def in_teaser(text: str, position: int) -> bool:
    """The position lies in a teaser: a paragraph cut off with an ellipsis whose
    opening the article repeats further down. Sites show the start of the body as
    a standfirst; what it says is said again, in full, in the body."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    paragraph = text[start : end if end >= 0 else len(text)].strip()
    if not paragraph.endswith(("...", "\u2026")) or end < 0:
        return False
    opening = paragraph[:TEASER_OPENING_CHARS]
    return len(opening) == TEASER_OPENING_CHARS and text.find(opening, end) >= 0


# "Andres Anvelt, Estonian Minister of the Interior" on a line of its own after a
# quoted passage: press releases sign a quote rather than attribute it.
SIGNATURE_MAX_WORDS = 12
SIGNATURE_LINE = re.compile(r"[ \t]*[\"”’]?[ \t]*\n+[ \t]*([^\n]+)")


def credit_signatures(doc: Doc, statements: list[dict[str, Any]], actors: ActorIndex) -> None:
    """A quote no attribution was found for, followed by a short line that opens
    with a person's name and is no sentence, is that person's; the rest of the line
    is their role."""
    text = text_of(doc)
    people = {ent.start_char: ent for ent in doc.ents if ent.label_ == "PERSON"}
    for statement in statements:
        if statement["kind"] != "direct" or statement["speaker"] is not None:
            continue
        line = SIGNATURE_LINE.match(text, statement["end"])
        if line is None:
            continue
        signature = line.group(1).strip()
        if len(signature.split()) > SIGNATURE_MAX_WORDS or re.search(r"[.!?:\"”]$", signature):
            continue
        person = people.get(line.start(1))
        if person is None:
            continue
        rest = signature[len(person.text) :]
        if rest and not re.match(r"\s*[,(—–-]", rest):
            continue  # "Merkel's legacy": a heading about someone, not a signature
        role = rest.strip(" ,()—–-") or None
        actor = actors.actor_for_span(person) or actors.add_speaker(
            person.text,
            "person",
            guess_role_type(role) if role else "other",
            person.start_char,
            role=role,
        )
        statement.update(speaker_fields(actor))


def turn_statements(doc: Doc, actors: ActorIndex) -> list[dict[str, Any]]:
    """Each turn of a verbatim debate record, or the whole of a speech published on
    its own, as a statement by its speaker."""
    statements = []
    text = text_of(doc)
    turns = debate_turns(text)  # datelines, which have a turn's shape, left out
    speech = speech_turn(text, ROLE_WORDS) if not turns else None
    if speech is not None and speech.speaker_type == "other" and speech.role:
        # "Speech by Prime Minister X": the office says whom they speak for.
        speech = replace(speech, speaker_type=guess_role_type(speech.role))
    for turn in turns + ([speech] if speech is not None else []):
        if turn.speaker.isupper():
            continue  # a header in capitals is a place or a heading, not a member
        actor = actors.add_speaker(
            turn.speaker, "person", turn.speaker_type, turn.start, role=turn.role
        )
        actor.type = turn.speaker_type  # the record says in what capacity they speak
        statements.append(
            {
                **speaker_fields(actor),
                "cue": None,
                "kind": "direct",
                "negated": False,
                "continuation": False,
                "content": text[turn.start : turn.end],
                "start": turn.start,
                "end": turn.end,
            }
        )
    return statements


# How long the attribution inside a split quote may be: '"A," said Priya Raman,
# executive director of the Federation of Metro Tenants' Associations. "B."'
SPLIT_ATTRIBUTION_CHARS = 160


def join_split_quotes(text: str, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """'"A," she said. "B."': a quote broken by its own attribution in one paragraph is
    one statement, spanning from its first quoted word to its last, its content the
    two parts with the attribution left out ("A, [...] B"). A quote paragraph that
    carries on after it stays a statement of its own (a continuation)."""
    joined: list[dict[str, Any]] = []
    for statement in statements:
        previous = joined[-1] if joined else None
        between = text[previous["end"] : statement["start"]] if previous else ""
        if (
            previous is not None
            and statement["kind"] == previous["kind"] == "direct"
            and statement.get("continuation")
            and statement["speaker_id"] == previous["speaker_id"]
            and 0 < len(between) <= SPLIT_ATTRIBUTION_CHARS
            and "\n" not in between
        ):
            previous["content"] = f"{previous['content'].rstrip(' ,')} [...] {statement['content']}"
            previous["end"] = statement["end"]
            continue
        joined.append(statement)
    return joined


# A paragraph break inside a quote where the next paragraph opens with a mark: news
# style for one speaker's words running over several paragraphs.
RUNNING_BREAK = re.compile(r"[ \t]*\n+[ \t]*[\"\u201c]")


def split_running_passages(text: str, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """'He said: "A ...¶"B ...¶"C."' (each paragraph opens with a mark, only the last
    closes): each paragraph after the first carries on the speaker and is a statement
    of its own, with no cue, marked as a continuation (docs/annotation.md), as is every
    paragraph of a passage that carries on an earlier quote. A passage attributed where
    it closes ('"A ...¶"C," Mr Dutton said.') stays one statement: that attribution
    covers it all."""
    result: list[dict[str, Any]] = []
    for statement in statements:
        start, end = statement["start"], statement["end"]
        breaks = (
            list(RUNNING_BREAK.finditer(text, start, end)) if statement["kind"] == "direct" else []
        )
        line_end = text.find("\n", end)
        closing = text[end : line_end if line_end >= 0 else len(text)]
        if not breaks or statement["cue"] is not None and re.search(r"\w", closing):
            result.append(statement)
            continue
        starts = [start] + [b.end() for b in breaks]
        ends = [b.start() for b in breaks] + [end]
        for number, (first, last) in enumerate(zip(starts, ends, strict=True)):
            last = first + len(text[first:last].rstrip())
            part = {**statement, "start": first, "end": last, "content": text[first:last]}
            if number:
                part.update(cue=None, negated=False, continuation=True)
            result.append(part)
    return result


def place_unattributed_quotes(
    doc: Doc, statements: list[dict[str, Any]], actors: ActorIndex
) -> None:
    """Give quotes that no verb attributes the speaker their place shows: the previous
    speaker's continued words, a signature on the next line, a speaker just introduced."""
    continue_quotes(text_of(doc), statements, actors)
    credit_signatures(doc, statements, actors)
    credit_introduced_quotes(doc, statements, actors)


def credit_introduced_quotes(
    doc: Doc, statements: list[dict[str, Any]], actors: ActorIndex
) -> None:
    """A quote standing as a sentence of its own, with no attribution, right after a
    sentence whose subject is a named person ('Smith addressed the council on Tuesday.
    "We are done waiting."') is that person's: news introduces a speaker, then quotes
    them. Not when someone else is named in between, nor after a sentence that
    quotes or reports someone (its speaker's words carry on: ``continue_quotes``)."""
    text = text_of(doc)
    mentions = MentionIndex(actors)
    for statement in statements:
        if statement["kind"] != "direct" or statement["speaker"] is not None:
            continue
        span = doc.char_span(statement["start"], statement["end"], alignment_mode="expand")
        if span is None or span[0].sent.start == 0:
            continue
        own = span[0].sent
        if text[own.start_char : statement["start"]].strip(" \n\t\"“‘«"):
            continue  # words before the quote in its sentence: it is no sentence of its own
        before = doc[own.start - 1].sent
        if "\n\n" in text[before.end_char : own.start_char] or any(
            before.start_char <= other["start"] < before.end_char for other in statements
        ):
            continue
        subject = next((t for t in before.root.children if t.dep_ == "nsubj"), None)
        person = entity_at(subject) if subject is not None else None
        if person is not None and person.label_ == "PERSON":
            actor = actors.actor_for_span(person)
            named = set(mentions.between(person.end_char, statement["start"]))
            if actor is None or named - {actor.id}:
                continue
        elif subject is not None and subject.lower_ in {"he", "she"}:
            # 'In an interview, he also pointed to further measures. "We want ..."': the
            # pronoun is the last person quoted, when no other person is named since
            # (only a person can be "he" or "she": bodies named since do not compete).
            earlier = last_person_quoted(statements, before.start_char, actors)
            if earlier is None:
                continue
            actor, since = earlier
            named = set(mentions.between(since, statement["start"])) - {actor.id}
            if any(o in actors.actors and actors.actors[o].kind == "person" for o in named):
                continue
        else:
            continue
        statement.update(speaker_fields(actor))
        statement["continuation"] = True


def last_person_quoted(
    statements: list[dict[str, Any]], position: int, actors: ActorIndex
) -> tuple[Actor, int] | None:
    """The person who spoke last before ``position``, and where that statement ends;
    None when the last speaker is a body or a group."""
    for other in reversed(statements):
        if other["end"] <= position and other.get("speaker_id") in actors.actors:
            actor = actors.actors[other["speaker_id"]]
            return (actor, other["end"]) if actor.kind == "person" else None
    return None
