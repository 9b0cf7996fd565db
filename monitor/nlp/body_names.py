"""Whether a name the NER labelled ORG is a body's.

The small model's ORG label is noisy: it takes in headline words ("Next stop"), a
state's name ("Kenya"), and misses bodies whose name holds no organisation word
("the Arakan Project"). What the text says around the name settles most cases: a
word of its kind ("the organization, ..."), an office someone holds in it ("...
Coordinator Emmanuel Nyakarashi"), or a second mention.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from monitor.nlp.doc_cache import group_spans_starting_between
from monitor.nlp.lexicon import ACRONYM, BODY_WORDS, ORGANISATION_WORDS
from monitor.nlp.pipeline import INSTITUTION_SPANS


def looks_like_organisation(name: str, occurrences: int) -> bool:
    """The small model's ORG label is noisy ("Interior", "Next stop"); keep a
    name that says it is an organisation ("... Section", "... Task Force" too), an
    acronym, or a name seen twice."""
    if not name or not any(ch.isupper() for ch in name) or name.isdigit():
        return False
    if ORGANISATION_WORDS.search(name) or BODY_WORDS.search(name):
        return True
    if ACRONYM.fullmatch(name):
        return True
    return occurrences >= 2 and len(name.split()) >= 2


def named_beyond_country(ent: Span, country_tokens: set[int]) -> bool:
    """Whether an ORG entity holding a country's name names a body of its own: "the
    Kenya Red Cross Society", "the Libyan Coast Guard", where two capitalised words
    besides the country make a name. The model also calls a state ORG ("Kenya"), and
    a country's generic body ("the Australian Government") is a group, not a body."""
    if not any(t.i in country_tokens for t in ent):
        return True
    rest = [t for t in ent if t.i not in country_tokens and t.is_alpha and t.text[:1].isupper()]
    return len(rest) >= 2


def introduced_as_body(ent: Span) -> bool:
    """A name the text calls a body: right after the noun of its kind, in apposition
    ("the non-governmental organization, the Arakan Project") or before it ("rights
    group Suaram"). The parser attaches such an apposition in varying ways, so the
    words are read in order."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and (doc[i].dep_ == "det" or doc[i].text == ","):
        i -= 1
    if i < 0 or doc[i].pos_ != "NOUN" or not doc[i].is_lower:
        return False
    return bool(ORGANISATION_WORDS.fullmatch(doc[i].text) or BODY_WORDS.fullmatch(doc[i].text))


def body_named_by_its_last_word(doc: Doc, words: Sequence[Token]) -> str | None:
    """ "The Project found", after "IOM's Missing Migrants Project": the id of the
    curated body whose name, as the text wrote it before, ends in that capitalised
    word; None unless the phrase is that one word after "the"."""
    noun = words[-1] if words else None
    if (
        noun is None
        or len(words) > 2
        or not noun.is_title
        or noun.i == 0
        or doc[noun.i - 1].lower_ != "the"  # the phrase may leave its article out
    ):
        return None
    before = group_spans_starting_between(doc, INSTITUTION_SPANS, 0, noun.idx)
    return next(
        (
            named.id_
            for named in reversed(before)
            if named.end < noun.i and len(named) > 1 and named[-1].text == noun.text
        ),
        None,
    )
