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
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.actor_types import guess_organisation_type, guess_type
from monitor.nlp.actors import Actor, ActorIndex
from monitor.nlp.countries import country_spans
from monitor.nlp.debates import debate_turns
from monitor.nlp.doc_cache import entities_within, sentence_of, text_of
from monitor.nlp.lexicon import ROLE_WORDS
from monitor.nlp.quotes import Quote, find_quotes, inside
from monitor.nlp.speaker_phrases import (
    GENERIC_BODY,
    GROUP_NOUNS,
    NO_SPEAKER,
    OFFICIAL_NOUNS,
    could_speak,
    names_someone,
    press_word,
    source_of,
    speaker_fields,
    speaker_of,
    speaker_span,
)
from monitor.nlp.speakers import (
    PRONOUNS,
    MentionIndex,
    datelines,
    name_introduced_offices,
    resolve_references,
)
from monitor.nlp.speech import (
    DOCUMENT_NOUNS,
    cue_text,
    is_denial,
    is_speech_verb,
    reported_content,
    strip_that,
    subject_of,
)

HEADLINE_MAX_WORDS = 20
# "But they say", "In a statement, they said": how far into its sentence a "they"
# may stand and still open it.
PRONOUN_OPENS_WITHIN = 4
PLURAL = frozenset({"NNS", "NNPS"})
STEM_LETTERS = 6  # letters two forms of a word share: "provincial" and "province"
SPOKES_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
ANONYMOUS = re.compile(
    r"anonymity|not authori[sz]ed|(?:asked|declined|wished) not to be (?:named|identified)|"
    r"who did not want to be named|on condition",
    re.I,
)


class StatementFinder:
    def __init__(
        self,
        doc: Doc,
        actors: ActorIndex,
        main_country: str | None = None,
        adjectives: dict[str, str] | None = None,
    ):
        self.doc = doc
        self.actors = actors
        self.main_country = main_country
        self.adjectives = adjectives or {}
        self.quotes = find_quotes(text_of(doc))
        self.datelines = datelines(text_of(doc))
        self.introduced_by_office: set[str] = set()

    # -- speakers -----------------------------------------------------------------
    def _in_dateline(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.datelines)

    def _subject_after_dateline(self, subject: Token) -> Token | None:
        """ "GENEVA — The U.N. refugee agency says": the parse may make the dateline the
        subject; the speaker is the first noun phrase after it."""
        sentence = sentence_of(subject)
        for chunk in self.doc.noun_chunks:
            if chunk.start >= sentence.start and not self._in_dateline(chunk.start_char):
                return chunk.root if chunk.end <= sentence.end else None
        return None

    def resolve_speaker(self, subject: Token) -> dict[str, Any]:
        if self._in_dateline(subject.idx):
            replacement = self._subject_after_dateline(subject)
            if replacement is None:
                return dict(NO_SPEAKER)
            subject = replacement
        if subject.lower_ in PRONOUNS:
            antecedent = self._subject_before(subject)
            if subject.lower_ == "they" and antecedent is not None and antecedent.tag_ in PLURAL:
                words = [t for t in speaker_span(antecedent) if not t.is_punct]
                if could_speak(words, antecedent) or press_word(antecedent) is not None:
                    return self.resolve_speaker(antecedent)
            # For "he" and "she", the person who is the subject of the sentence before
            # comes first, if the pronoun agrees with them (checked with the genders).
            person = (
                self.actors.actor_for_span(speaker_span(antecedent))
                if antecedent is not None
                and (antecedent.ent_type_ == "PERSON" or antecedent.pos_ == "PROPN")
                else None
            )
            sentence = sentence_of(subject)
            return {
                **NO_SPEAKER,
                "_refers": (
                    subject.lower_,
                    sentence.start_char,
                    subject.idx,
                    person.id if person is not None and person.kind == "person" else None,
                ),
            }
        press = press_word(subject)
        if press is not None:
            # "Media reports say", "press reports said": the press speaks, as a group.
            name = f"{press.lower_} {subject.lower_}"
            actor = self.actors.add_speaker(name, "group", "media", subject.idx)
            return speaker_fields(actor)
        if subject.lemma_.lower() in DOCUMENT_NOUNS:
            # "a report by the Council of Europe found": its author speaks.
            subject = source_of(subject)
        span = speaker_span(subject)
        if subject.lemma_.lower() in DOCUMENT_NOUNS and not names_someone(span):
            # "The reports say" after "Media reports ...": the same reports.
            same = self.actors.latest_before(
                subject.idx,
                lambda actor: actor.type == "media" and actor.name.endswith(f" {subject.lower_}"),
            )
            if same is not None:
                return speaker_fields(same)
            sentence = sentence_of(subject)
            return {**NO_SPEAKER, "_refers": ("document", sentence.start_char, subject.idx, None)}
        if subject.lemma_.lower() in OFFICIAL_NOUNS and not any(
            e.label_ == "PERSON" for e in entities_within(span)
        ):
            return self._new_speaker(subject, span)
        unnamed_spokesperson = subject.lower_ in SPOKES_WORDS and not any(
            e.label_ == "PERSON" for e in entities_within(span)
        )
        if unnamed_spokesperson:
            return self._body_of_spokesperson(subject, span)
        actor = self.actors.actor_for_span(span)
        if actor is not None:
            return speaker_fields(actor)
        if subject.pos_ == "PRON":
            return dict(NO_SPEAKER)
        return self._new_speaker(subject, span)

    def _body_of_spokesperson(self, subject: Token, span: Span) -> dict[str, Any]:
        """An unnamed spokesperson speaks for their body: "a Home Office spokesperson",
        "a spokeswoman for the ministry"; "the spokesperson" later in the story is the
        body the last unnamed spokesperson spoke for (resolved in text order, with the
        pronouns)."""
        body = next(
            (
                child
                for prep in subject.children
                if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "at"}
                for child in prep.children
                if child.dep_ == "pobj"
            ),
            None,
        )
        found = self.resolve_speaker(body) if body is not None else None
        if found is None or found["speaker_id"] is None:
            actor = self.actors.actor_for_span(span)
            if actor is None:
                sentence = sentence_of(subject)
                refers = ("spokesperson", sentence.start_char, subject.idx, None)
                return {**NO_SPEAKER, "_refers": refers}
            found = speaker_fields(actor)
        return {**found, "_spokesperson": True}

    def _named_before(self, phrase: str, position: int) -> Actor | None:
        """ "The government of Khyber Pakhtunkhwa province says ... the provincial
        government ordered": a body named again by its head noun and a word of its
        name (compared on their first letters, "provincial" ~ "province") is the body
        named before, not a new one keyed with the article's main country."""
        words = phrase.lower().split()
        if len(words) < 2:
            return None
        head, modifiers = words[-1], [w[:STEM_LETTERS] for w in words[:-1] if len(w) > 3]
        if not modifiers:
            return None
        return self.actors.latest_before(
            position,
            lambda actor: (
                actor.kind == "organisation"
                and head in actor.name.lower().split()
                and all(any(w.startswith(m) for w in actor.name.lower().split()) for m in modifiers)
            ),
        )

    def _subject_before(self, pronoun: Token) -> Token | None:
        """The subject of the sentence before the one a pronoun opens: the most salient
        referent there is ("Aid workers describe the camp. They say ..."; "Miller
        rejected the criticism. He said ..."), even when it is not the last speaker."""
        sentence = sentence_of(pronoun)
        if pronoun.i - sentence.start > PRONOUN_OPENS_WITHIN or sentence.start == 0:
            return None
        previous = sentence_of(self.doc[sentence.start - 1])
        return next(
            (
                child
                for child in previous.root.children
                if child.dep_ in {"nsubj", "nsubjpass"} and not inside(self.quotes, child.idx)
            ),
            None,
        )

    def _new_speaker(self, subject: Token, span: Span) -> dict[str, Any]:
        """A speaker the document names only by office, body or group."""
        country_span = next(
            (c for c in country_spans(self.doc) if span.start <= c.start and c.end <= span.end),
            None,
        )
        country = country_span.id_ if country_span is not None else None
        # "the government of Khyber Pakhtunkhwa province, which borders Afghanistan":
        # the name stops before a relative clause or an aside.
        clause = {
            t.i for t in span for c in t.children if c.dep_ in {"relcl", "acl"} for t in c.subtree
        }
        cut = next(
            (t.i for t in span if t.text in {",", "(", "—", "–"} and t.i > subject.i), span.end
        )
        words = [
            t
            for t in span
            if t.dep_ != "det"
            # "his government", "their ministry": the body, not the pronoun.
            and not (t.dep_ == "poss" and t.pos_ == "PRON")
            and not t.is_punct
            and t.tag_ != "POS"
            and t.i not in clause
            and t.i < cut
        ]
        if not words or not could_speak(words, subject):
            return dict(NO_SPEAKER)
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
            return dict(NO_SPEAKER)
        name = self.doc[words[0].i : words[-1].i + 1].text.replace("\u2019", "'")
        if country_span is not None and [t.i for t in words] == list(
            range(country_span.start, country_span.end)
        ):
            # "Türkiye said ...": the country speaks through its government.
            kind, actor_type = "organisation", "government"
        elif (
            GROUP_NOUNS.search(name)
            or subject.tag_ == "NNS"
            or subject.lemma_.lower() in OFFICIAL_NOUNS
        ):
            kind, actor_type = "group", guess_type(name)
            if actor_type == "other" and re.search(r"\b(rights|humanitarian|aid)\b", name, re.I):
                actor_type = "ngo"
        elif any(t.lower_ in ROLE_WORDS for t in words):
            kind, actor_type = "person", guess_type(name)
        else:
            kind, actor_type = "organisation", guess_organisation_type(name)
            if actor_type == "other":
                actor_type = guess_type(name)
        named = self._named_before(name, span.start_char) if kind != "person" else None
        if named is not None:
            return speaker_fields(named)
        if kind != "person" and country is None and GENERIC_BODY.fullmatch(name.lower()):
            # "the government", "the interior ministry": this country's, never one
            # actor shared by every country's government.
            country = self.main_country
            if country in self.adjectives:
                name = f"{self.adjectives[country]} {name[0].lower()}{name[1:]}"
        actor = self.actors.add_speaker(
            name,
            kind,
            actor_type,
            span.start_char,
            role=name if kind == "person" else None,
            country=country,
        )
        # "A top U.N. refugee official has criticized ...": a lead that introduces
        # someone by office, to name them a paragraph later (not an anonymous source).
        if (
            subject.tag_ == "NN"
            and any(t.dep_ == "det" and t.lower_ in {"a", "an"} for t in subject.lefts)
            and not ANONYMOUS.search(sentence_of(subject).text)
        ):
            self.introduced_by_office.add(actor.id)
        return speaker_fields(actor)

    def _attributions(self, sentences: set[Span]) -> list[Token]:
        """Speech verbs outside quotes, with a subject outside quotes, in ``sentences``."""
        return [
            token
            for sentence in sentences
            for token in sentence
            if is_speech_verb(token)
            and not inside(self.quotes, token.idx)
            and subject_of(token) is not None
            and not inside(self.quotes, subject_of(token).idx)
        ]

    def _speech_verb_near(self, quote: Quote) -> Token | None:
        """The speech verb outside the quote, in the sentences it touches."""
        doc = self.doc
        first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None:
            return None
        own = {sentence_of(first[0]), sentence_of(first[-1])}
        candidates = self._attributions(own)
        following = sentence_of(first[-1]).end
        # '"...," she said.' is sometimes split into a sentence of its own, which
        # then starts right at the closing mark. It counts only when the quote's
        # own sentences have no attribution, and only as an attribution that
        # opens it ("she said."); a later sentence is someone else's or a new claim.
        if not candidates and following < len(doc) and doc[following].idx - quote.end <= 3:
            after = sentence_of(doc[following])
            candidates = [t for t in self._attributions({after}) if t.i - after.start <= 4]
        if not candidates:
            previous_end = sentence_of(first[0]).start
            opening = text_of(doc)[: quote.start].rstrip(' \n\t"“‘«')
            if previous_end > 0 and opening.endswith(":"):
                candidates = [
                    t
                    for t in sentence_of(doc[previous_end - 1])
                    if is_speech_verb(t) and subject_of(t) is not None
                ]
        if not candidates:
            return None
        return min(candidates, key=lambda t: min(abs(t.idx - quote.start), abs(t.idx - quote.end)))

    def _is_quoted_phrase(self, quote: Quote, verb: Token | None) -> bool:
        """Scare quotes, slogans and titles: a quoted phrase the writer uses inside a
        noun phrase ('a "one in, one out" deal'), or one set inside a sentence that
        no speech verb attributes ('The campaign, "Think before you go", runs')."""
        doc = self.doc
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return False
        before = doc[span.start - 2] if span.start >= 2 else None  # skip the opening mark
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None  # and the closing one
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in span)
        in_noun_phrase = (before is not None and before.pos_ in {"DET", "ADJ"}) or (
            after is not None and after.pos_ in {"NOUN", "PROPN"} and not after.is_sent_start
        )
        if in_noun_phrase and not has_verb:
            return True
        sentence = sentence_of(span[0])
        opens_sentence = not text_of(doc)[sentence.start_char : quote.start].strip(' \n\t"“‘«')
        return verb is None and not opens_sentence

    # -- statements -------------------------------------------------------------
    def direct(self) -> list[dict[str, Any]]:
        statements: list[dict[str, Any]] = []
        for quote in self.quotes:
            verb = self._speech_verb_near(quote)
            if self._is_quoted_phrase(quote, verb):
                continue
            speaker = dict(NO_SPEAKER) if verb is None else self.resolve_speaker(speaker_of(verb))
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
                    "cue": cue_text(verb) if verb is not None else None,
                    "kind": "direct",
                    "negated": verb is not None and is_denial(verb),
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
            if not is_speech_verb(token) or inside(self.quotes, token.idx):
                continue
            content = reported_content(token)
            subject = subject_of(token)
            if not content or subject is None or len(content) < 3:
                continue
            start, end = content[0].idx, content[-1].idx + len(content[-1])
            if any(q.start < end and start < q.end for q in self.quotes):
                continue  # already a direct quote
            statements.append(
                {
                    **self.resolve_speaker(subject),
                    "cue": cue_text(token),
                    "kind": "indirect",
                    "negated": is_denial(token),
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
            rest = strip_that([t for t in rest if not (t.is_punct and t.i == phrase_end)])
            if len(rest) < 3:
                continue
            start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
            if any(q.start < end and start < q.end for q in self.quotes):
                continue
            statements.append(
                {
                    **self.resolve_speaker(source_of(objects[0])),
                    "cue": "according to",
                    "kind": "according_to",
                    "content": text_of(self.doc)[start:end],
                    "start": start,
                    "end": end,
                }
            )
        return statements


def _continue_quotes(text: str, statements: list[dict[str, Any]], actors: ActorIndex) -> None:
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
            and not _named_after(text, mentions, statement)
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
    others = set(mentions.between(previous["end"], position)) - {previous.get("speaker_id")}
    return not others


def _named_after(text: str, mentions: MentionIndex, statement: dict[str, Any]) -> bool:
    """Someone is named after the quote in its own paragraph ('"...," Prime Minister
    Meloni was quoted as saying'): an attribution the parse missed, so the quote is
    not the previous speaker's continuation."""
    line_end = text.find("\n", statement["end"])
    return bool(mentions.between(statement["end"], len(text) if line_end < 0 else line_end))


def _in_headline(text: str, position: int) -> bool:
    """The position lies in a headline: a short line of its own that ends without a
    full stop ("Republican lawmakers criticize Biden's limits on asylum-seekers").
    Headlines are the editor's summary, not anyone's statement."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip()
    return (
        end >= 0  # the last line may be a paragraph cut short, not a headline
        and len(line.split()) <= HEADLINE_MAX_WORDS
        and not re.search(r"[.!?:;,\"”’)\]]$", line)
    )


def statements_in(
    doc: Doc,
    actors: ActorIndex,
    main_country: str | None = None,
    adjectives: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Every statement in ``doc``, in text order, each with speaker, cue, kind,
    content and character offsets of the content."""
    finder = StatementFinder(doc, actors, main_country, adjectives)
    text = text_of(doc)
    found = [
        s
        for s in finder.direct() + finder.indirect() + finder.according_to()
        if not _in_headline(text, s["start"])
    ]
    turns = _turn_statements(doc, actors)
    for statement in found:
        statement.pop("_verb", None)
    found.sort(key=lambda s: (s["start"], s["end"]))
    resolve_references(found, actors, doc, lambda position: inside(finder.quotes, position))
    name_introduced_offices(found, actors, finder.introduced_by_office)
    _continue_quotes(text_of(doc), found, actors)
    # A quote no one can be found to have said is kept only when it is a full
    # passage of speech (a reader can still see it was said); short unattributed
    # fragments are mostly titles, labels and phrases quoted by the writer.
    found = [s for s in found if s["speaker"] is not None or len(s["content"].split()) >= 12]
    for statement in found:
        statement.setdefault("continuation", False)
        statement.setdefault("negated", False)
    unique: list[dict[str, Any]] = []
    for statement in found:
        if (
            unique
            and unique[-1]["start"] <= statement["start"]
            and statement["end"] <= unique[-1]["end"]
        ):
            continue
        turn = next((t for t in turns if t["start"] <= statement["start"] < t["end"]), None)
        # Inside a speech only someone else's attributed words are a statement of
        # their own ("according to IOM, ..."); the member's own are the turn.
        if turn is not None and (
            statement["speaker_id"] is None or statement["speaker_id"] == turn["speaker_id"]
        ):
            continue
        unique.append(statement)
    return sorted(unique + turns, key=lambda s: (s["start"], s["end"]))


def _turn_statements(doc: Doc, actors: ActorIndex) -> list[dict[str, Any]]:
    statements = []
    text = text_of(doc)
    for turn in debate_turns(text):
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
