"""Who said what: direct quotes, reported speech and "according to" claims.

A statement is kept only with the speaker the parse supports: the subject of
a speech verb in the same sentence (or a sentence ending in a colon just
before a quote). Pronouns, surnames and titles are resolved through the
document's :class:`ActorIndex`. A quote whose speaker cannot be found is
reported with ``speaker: null`` rather than given a guessed speaker, because
a wrong attribution is worse than none for people who must cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.actors import ActorIndex, guess_type
from monitor.nlp.countries import country_spans
from monitor.nlp.doc_cache import sentence_of, text_of
from monitor.nlp.lexicon import ROLE_WORDS
from monitor.nlp.pipeline import INSTITUTION_SPANS

SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "stress",
        "warn",
        "confirm",
        "explain",
        "argue",
        "announce",
        "insist",
        "urge",
        "deny",
        "claim",
        "add",
        "note",
        "state",
        "emphasise",
        "emphasize",
        "acknowledge",
        "admit",
        "suggest",
        "declare",
        "underline",
        "reiterate",
        "criticise",
        "criticize",
        "describe",
        "write",
        "accuse",
        "promise",
        "pledge",
        "vow",
        "predict",
        "caution",
        "contend",
        "maintain",
        "tweet",
        "recall",
        "concede",
        "assert",
        "report",
        "reply",
        "respond",
        "complain",
        "allege",
        "signal",
        "agree",
        "estimate",
        "recommend",
        "demand",
        "propose",
        "unveil",
        "ask",
    ]
)
# Cues whose object (not a clause) is what was said: "announced plans to ...".
OBJECT_CUES = frozenset(
    {
        "announce",
        "unveil",
        "propose",
        "promise",
        "pledge",
        "demand",
        "recommend",
        "deny",
        "confirm",
        "criticise",
        "criticize",
    }
)
QUOTE_PAIRS = (
    ("\u201c", "\u201d"),  # “ ”
    ("\u00ab", "\u00bb"),  # « »
    ("\u2018", "\u2019"),  # ‘ ’
    ('"', '"'),
)
# "according to figures/data/a report ...": the publisher is the source.
DOCUMENT_NOUNS = frozenset(
    "figure figures data statistic statistics study report survey estimate estimates count "
    "analysis document documents record records poll".split()
)
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes ("give and take"), not statements
GROUP_NOUNS = re.compile(
    r"\b(groups?|organi[sz]ations?|officials|authorities|activists|"
    r"campaigners|experts|lawyers|critics|ngos|charities|agencies|"
    r"ministers|governments|members|sources|judges|researchers)\b",
    re.I,
)


@dataclass
class Quote:
    start: int  # offset of the first character inside the marks
    end: int

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages of at least MIN_QUOTE_WORDS words, in every common style."""
    quotes: list[Quote] = []
    for opening, closing in QUOTE_PAIRS:
        if opening == "\u2018":
            # ’ is also the apostrophe: the closing mark must not be followed by a letter.
            pattern = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))\u2018([^\u2018]+?)\u2019(?![A-Za-z])")
        elif opening == '"':
            pattern = re.compile(r'"([^"\n]+)"')
        else:
            pattern = re.compile(
                re.escape(opening)
                + r"\s*([^"
                + re.escape(closing)
                + r"]+?)\s*"
                + re.escape(closing)
            )
        for match in pattern.finditer(text):
            if len(match.group(1).split()) >= MIN_QUOTE_WORDS:
                quotes.append(Quote(match.start(1), match.end(1)))
    quotes.sort(key=lambda q: q.start)
    return [
        q
        for i, q in enumerate(quotes)
        if not any(o.start < q.start and q.end <= o.end for o in quotes[:i])
    ]


def _inside(quotes: list[Quote], position: int) -> bool:
    return any(q.start <= position < q.end for q in quotes)


def _speaker_span(token: Token) -> Span:
    """The name or noun phrase a subject token stands for."""
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in {"PERSON", "ORG", "NORP", "GPE"}:
            return ent
    for span in doc.spans.get(INSTITUTION_SPANS, []):
        if span.start <= token.i < span.end:
            return span
    # "Minister for Asylum and Migration Katrien Vandermeulen insisted", "Parliament's
    # lead negotiator, the Swedish MEP Malik Johansson, said": the subject is the
    # title; the name hangs off it as a compound or an apposition.
    if token.pos_ == "NOUN" or token.lower_ in ROLE_WORDS:
        attached = [
            t
            for child in token.children
            if child.dep_ in {"appos", "compound"}
            for t in child.subtree
            if t.ent_type_ == "PERSON"
        ]
        if attached:
            for ent in doc.ents:
                if ent.start <= attached[0].i < ent.end:
                    return ent
    left = token.i
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "det", "poss", "nmod", "nummod"}:
            left = min(left, min(t.i for t in child.subtree))
    right = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            right = max(t.i for t in child.subtree) + 1
    return doc[left:right]


def _subject_of(verb: Token) -> Token | None:
    current = verb
    for _ in range(3):
        for child in current.children:
            # The small model sometimes makes a closing quote mark the subject.
            if child.dep_ in {"nsubj", "nsubjpass"} and not child.is_punct:
                return child
        if current.dep_ in {"conj", "xcomp", "advcl"} and current.head != current:
            current = current.head
        else:
            break
    return None


def _speaker_of(verb: Token) -> Token:
    """The subject of a speech verb, or the person named right beside it when the
    parse chose something else: in '..., Marta Ceccarelli told Asylum Briefing'
    the small model may make the outlet the subject."""
    subject = _subject_of(verb)
    if subject is not None and (subject.ent_type_ == "PERSON" or subject.pos_ == "PRON"):
        return subject
    doc = verb.doc
    for neighbour in (verb.i - 1, verb.i + 1):
        if 0 <= neighbour < len(doc) and doc[neighbour].ent_type_ == "PERSON":
            return doc[neighbour]
    return subject


def _source_of(token: Token) -> Token:
    """For "according to figures from the Federal Office", the office, not the figures."""
    if token.lemma_.lower() not in DOCUMENT_NOUNS:
        return token
    # "figures published on Tuesday by the Federal Office", "a report from UNHCR":
    # the first organisation or person named before the clause ends.
    doc = token.doc
    end = token.i
    while end < sentence_of(token).end and doc[end].text not in {",", ";", ".", ":", "—"}:
        end += 1
    named = [span for span in doc.spans.get(INSTITUTION_SPANS, []) if token.i <= span.start < end]
    named += [
        ent for ent in doc.ents if ent.label_ in {"ORG", "PERSON"} and token.i <= ent.start < end
    ]
    if named:
        return min(named, key=lambda span: span.start).root
    # "interior ministry data", "UNHCR's figures"
    for child in token.children:
        if child.dep_ in {"compound", "poss", "nmod"} and child.pos_ in {"PROPN", "NOUN"}:
            return child
    return token


def _is_speech_verb(token: Token) -> bool:
    return token.lemma_.lower() in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}


def _strip_that(tokens: list[Token]) -> list[Token]:
    while tokens and (
        tokens[0].dep_ == "mark"
        and tokens[0].lower_ in {"that", "whether", "if"}
        or tokens[0].is_punct
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"%", ")"}:
        tokens = tokens[:-1]
    return tokens


def _reported_content(verb: Token) -> list[Token] | None:
    """The clause or object a speech verb introduces, as tokens."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _strip_that(sorted(child.subtree, key=lambda t: t.i))
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "dobj" and lemma in OBJECT_CUES | {"urge", "ask", "call"}:
            tokens = list(child.subtree)
            for sibling in verb.children:
                if sibling.dep_ in {"xcomp", "ccomp"} and sibling.i > child.i:
                    tokens += list(sibling.subtree)
            return _strip_that(sorted(tokens, key=lambda t: t.i))
        if child.dep_ == "prep" and child.lower_ == "for" and lemma == "call":
            return _strip_that(sorted(child.subtree, key=lambda t: t.i)[1:])
        if child.dep_ == "xcomp" and lemma in {"urge", "promise", "pledge", "vow", "agree"}:
            return _strip_that(sorted(child.subtree, key=lambda t: t.i))
    return None


class StatementFinder:
    def __init__(self, doc: Doc, actors: ActorIndex):
        self.doc = doc
        self.actors = actors
        self.quotes = find_quotes(text_of(doc))

    # -- speakers -----------------------------------------------------------------
    def resolve_speaker(self, subject: Token) -> dict[str, Any]:
        span = _speaker_span(subject)
        actor = self.actors.actor_for_span(span)
        if actor is None and subject.lower_ in {"he", "she"}:
            actor = self.actors.latest_person_before(subject.idx)
        if actor is not None:
            return {"speaker": actor.name, "speaker_id": actor.id, "speaker_type": actor.type}
        if subject.pos_ == "PRON":
            return {"speaker": None, "speaker_id": None, "speaker_type": None}
        country_span = next(
            (c for c in country_spans(self.doc) if span.start <= c.start and c.end <= span.end),
            None,
        )
        country = country_span.id_ if country_span is not None else None
        words = [t for t in span if t.dep_ != "det" and not t.is_punct and t.tag_ != "POS"]
        # "Belgium's Asylum and Migration Minister": the office is the name, the country a field.
        if (
            country_span is not None
            and len(words) > len(country_span)
            and words[0].i == country_span.start
            and country_span.end < len(self.doc)
            and self.doc[country_span.end].tag_ == "POS"
        ):
            words = [t for t in words if t.i >= country_span.end]
        if not words:
            return {"speaker": None, "speaker_id": None, "speaker_type": None}
        name = self.doc[words[0].i : words[-1].i + 1].text.replace("\u2019", "'")
        if country_span is not None and [t.i for t in words] == list(
            range(country_span.start, country_span.end)
        ):
            # "Türkiye said ...": the country speaks through its government.
            kind, actor_type = "organisation", "government"
        elif GROUP_NOUNS.search(name) or subject.tag_ == "NNS":
            kind, actor_type = "group", guess_type(name)
            if actor_type == "other" and re.search(r"\b(rights|humanitarian|aid)\b", name, re.I):
                actor_type = "ngo"
        elif any(t.lower_ in ROLE_WORDS for t in words):
            kind, actor_type = "person", guess_type(name)
        else:
            kind, actor_type = "organisation", guess_type(name)
        actor = self.actors.add_speaker(
            name,
            kind,
            actor_type,
            span.start_char,
            role=name if kind == "person" else None,
            country=country,
        )
        return {"speaker": actor.name, "speaker_id": actor.id, "speaker_type": actor.type}

    def _speech_verb_near(self, quote: Quote) -> Token | None:
        """The speech verb outside the quote, in the sentences it touches."""
        doc = self.doc
        first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None:
            return None
        sentences = {sentence_of(first[0]), sentence_of(first[-1])}
        following = sentence_of(first[-1]).end
        # '"...," she said.' is sometimes split into a sentence of its own, which
        # then starts right at the closing mark; a later sentence is someone else's.
        if following < len(doc) and doc[following].idx - quote.end <= 3:
            sentences.add(sentence_of(doc[following]))
        candidates = [
            token
            for sentence in sentences
            for token in sentence
            if _is_speech_verb(token)
            and not _inside(self.quotes, token.idx)
            and _subject_of(token) is not None
            and not _inside(self.quotes, _subject_of(token).idx)
        ]
        if not candidates:
            previous_end = sentence_of(first[0]).start
            if previous_end > 0 and text_of(doc)[: quote.start].rstrip().endswith(":"):
                candidates = [
                    t
                    for t in sentence_of(doc[previous_end - 1])
                    if _is_speech_verb(t) and _subject_of(t) is not None
                ]
        if not candidates:
            return None
        return min(candidates, key=lambda t: min(abs(t.idx - quote.start), abs(t.idx - quote.end)))

    # -- statements -------------------------------------------------------------
    def direct(self) -> list[dict[str, Any]]:
        statements: list[dict[str, Any]] = []
        for quote in self.quotes:
            verb = self._speech_verb_near(quote)
            speaker = (
                {"speaker": None, "speaker_id": None, "speaker_type": None}
                if verb is None
                else self.resolve_speaker(_speaker_of(verb))
            )
            previous = statements[-1] if statements else None
            # "“We are not,” she said, “going to accept this.”": one statement in two parts.
            if (
                previous
                and previous["_verb"] is not None
                and verb is not None
                and previous["_verb"] == verb.i
            ):
                previous["content"] += " " + text_of(self.doc)[quote.start : quote.end]
                previous["end"] = quote.end
                continue
            statements.append(
                {
                    **speaker,
                    "cue": verb.text.lower() if verb is not None else None,
                    "kind": "direct",
                    "content": text_of(self.doc)[quote.start : quote.end],
                    "start": quote.start,
                    "end": quote.end,
                    "_verb": verb.i if verb is not None else None,
                }
            )
        return statements

    def indirect(self) -> list[dict[str, Any]]:
        statements = []
        for token in self.doc:
            if not _is_speech_verb(token) or _inside(self.quotes, token.idx):
                continue
            content = _reported_content(token)
            subject = _subject_of(token)
            if not content or subject is None or len(content) < 3:
                continue
            start, end = content[0].idx, content[-1].idx + len(content[-1])
            if any(q.start < end and start < q.end for q in self.quotes):
                continue  # already a direct quote
            statements.append(
                {
                    **self.resolve_speaker(subject),
                    "cue": token.text.lower(),
                    "kind": "indirect",
                    "content": text_of(self.doc)[start:end],
                    "start": start,
                    "end": end,
                }
            )
        return statements

    def according_to(self) -> list[dict[str, Any]]:
        statements = []
        for token in self.doc:
            if token.lower_ != "according" or token.i + 1 >= len(self.doc):
                continue
            to = self.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ != "to" or not objects:
                continue
            source_tokens = list(objects[0].subtree)
            sentence = sentence_of(token)
            phrase_end = source_tokens[-1].i + 1
            rest = [t for t in sentence if not (token.i <= t.i < phrase_end)]
            rest = _strip_that([t for t in rest if not (t.is_punct and t.i == phrase_end)])
            if len(rest) < 3:
                continue
            start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
            if any(q.start < end and start < q.end for q in self.quotes):
                continue
            statements.append(
                {
                    **self.resolve_speaker(_source_of(objects[0])),
                    "cue": "according to",
                    "kind": "according_to",
                    "content": text_of(self.doc)[start:end],
                    "start": start,
                    "end": end,
                }
            )
        return statements


def _continue_quotes(text: str, statements: list[dict[str, Any]]) -> None:
    """A quote with no speech verb of its own that follows another statement in
    the same paragraph continues it ("... ," she told reporters. "Countries that
    do not ..."): news writing attributes it to the same speaker. Across a
    paragraph break nothing is inherited."""
    previous: dict[str, Any] | None = None
    for statement in statements:
        if (
            statement["kind"] == "direct"
            and statement["speaker"] is None
            and previous is not None
            and previous["speaker"] is not None
            and "\n" not in text[previous["end"] : statement["start"]]
        ):
            for key in ("speaker", "speaker_id", "speaker_type", "cue"):
                statement[key] = previous[key]
        previous = statement


def statements_in(doc: Doc, actors: ActorIndex) -> list[dict[str, Any]]:
    """Every statement in ``doc``, in text order, each with speaker, cue, kind,
    content and character offsets of the content."""
    finder = StatementFinder(doc, actors)
    found = finder.direct() + finder.indirect() + finder.according_to()
    for statement in found:
        statement.pop("_verb", None)
    found.sort(key=lambda s: (s["start"], s["end"]))
    _continue_quotes(text_of(doc), found)
    unique: list[dict[str, Any]] = []
    for statement in found:
        if (
            unique
            and unique[-1]["start"] <= statement["start"]
            and statement["end"] <= unique[-1]["end"]
        ):
            continue
        unique.append(statement)
    return unique
