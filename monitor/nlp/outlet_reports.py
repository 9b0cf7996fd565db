"""News passing on what someone said: "TVNZ reported Peters said New Zealand had to
put its own people first", "Prince Charles has described the policy as appalling,
The Times reported", "Local officials in Herat have reported a surge ..., Tolo News
reported".

The outlet relays the words; whoever the reported clause says spoke them is the
speaker, as with "KUNA quoted Jarallah as saying" (speech._quoted_as_saying). The
statement the outlet's verb found is given to that speaker, with the inner verb as
its cue; when the inner report is already a statement of its own, the outlet's is
dropped and the inner one loses the trailing ", Tolo News reported".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

from monitor.nlp.doc_cache import sentence_of, text_of
from monitor.nlp.news_speakers import not_yet_said
from monitor.nlp.speech import (
    cue_text,
    is_denial,
    is_speech_verb,
    reported_content,
    subject_of,
)

OUTLET_LEMMAS = frozenset({"report"})
OUTLET_WORDS = frozenset({"report", "reports", "reported", "reporting"})
# How far from its content the outlet's verb may stand: "X said ..., Tolo News
# reported" puts it after; "TVNZ reported Peters said ..." before.
CUE_REACH = 60


def credit_reported_speakers(
    doc: Doc,
    statements: list[dict[str, Any]],
    resolve_speaker: Callable[[Token], dict[str, Any]],
) -> list[dict[str, Any]]:
    """The statements with outlets' reports of someone's words given to that someone
    (and without the finder's private keys)."""
    kept = []
    for statement in statements:
        statement.pop("_verb", None)
        inner = _reported_speech(doc, statement)
        if inner is None:
            kept.append(statement)
            continue
        outlet_verb, verb = inner
        subject = subject_of(verb)
        if subject is None:
            kept.append(statement)
            continue
        content = reported_content(verb)
        text = text_of(doc)
        # "Prince Charles has described the policy as appalling, The Times reported":
        # a cue with no clause of its own ("described ... as", "denied reports of")
        # reports the whole of what the outlet relays.
        start, end = (
            (content[0].idx, content[-1].idx + len(content[-1]))
            if content
            else (statement["start"], statement["end"])
        )
        # Only a clause of its own can be a statement already found.
        same = (
            [
                other
                for other in statements
                if other is not statement and other["start"] <= start < other["end"]
            ]
            if content
            else []
        )
        for other in same:
            # "..., Tolo News reported": the outlet's words are no part of what was said.
            if other["start"] < outlet_verb.idx < other["end"]:
                cut = text.rfind(",", other["start"], outlet_verb.idx)
                if cut > other["start"]:
                    other["end"] = cut
                    other["content"] = text[other["start"] : cut]
        if same:
            continue  # the inner report is a statement already
        speaker = resolve_speaker(subject)
        if speaker.get("speaker") is None and "_refers" not in speaker:
            kept.append(statement)
            continue
        kept.append(
            {
                **statement,
                **speaker,
                "cue": cue_text(verb),
                "negated": is_denial(verb),
                "content": text[start:end],
                "start": start,
                "end": end,
            }
        )
    return kept


def _reported_speech(doc: Doc, statement: dict[str, Any]) -> tuple[Token, Token] | None:
    """(the outlet's verb, the speech verb of the clause it reports), when the statement
    is an outlet's report of someone's words."""
    if statement.get("kind") != "indirect" or not statement.get("cue"):
        return None
    cue_word = statement["cue"].split()[-1].lower()
    # "..., media reports said": the press relays with any verb of speech.
    press = statement.get("speaker_type") == "media"
    reporting_word = cue_word in OUTLET_WORDS
    if not reporting_word and not press:
        return None
    content = doc.char_span(statement["start"], statement["end"], alignment_mode="expand")
    if content is None:
        return None
    # Only the words around the content, not the whole text for every statement. The
    # press's other verbs count only after it: "The reports say guards demand money"
    # reports its clause.
    before = (
        doc.char_span(
            max(0, statement["start"] - CUE_REACH), statement["start"], alignment_mode="expand"
        )
        if reporting_word
        else None
    )
    # After it, to the end of its sentence: "X has denied reports ..., saying that ...,
    # the state-run Anadolu news agency reported" puts another statement between.
    reach = min(len(text_of(doc)), statement["end"] + CUE_REACH)
    after = doc.char_span(
        statement["end"],
        max(reach, sentence_of(content[-1]).end_char),
        alignment_mode="expand",
    )
    outlet_verb = next(
        (
            token
            for near in (before, after)
            if near is not None
            for token in near
            if token.lower_ == cue_word and (press or token.lemma_.lower() in OUTLET_LEMMAS)
        ),
        None,
    )
    if outlet_verb is None:
        return None
    verb = content.root
    # "media reported that she will announce the steps": words still to come are no
    # one's yet; what the outlet reports is its own.
    if verb.i == outlet_verb.i or not is_speech_verb(verb) or not_yet_said(verb):
        return None
    return outlet_verb, verb
