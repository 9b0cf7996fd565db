"""Who said what: direct quotes, reported speech and "according to" claims.

A statement is kept only with the speaker the parse supports: the subject of
a speech verb in the same sentence (or a sentence ending in a colon just
before a quote). Pronouns, surnames and titles are resolved through the
document's :class:`ActorIndex`. A quote whose speaker cannot be found is
reported with ``speaker: null`` rather than given a guessed speaker, because
a wrong attribution is worse than none for people who must cite it.
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.according import according_to, as_reported_by, quote_source
from monitor.nlp.actor_names import clean_name
from monitor.nlp.actor_types import guess_role_type
from monitor.nlp.actors import ActorIndex
from monitor.nlp.back_references import (
    body_spoken_for,
    joint_speaker,
    leaders_government,
    named_in_apposition,
    person_about,
    possessor_body,
    same_source_before,
    seat_speaker,
    subject_before_pronoun,
)
from monitor.nlp.continuations import (
    in_teaser,
    join_split_quotes,
    place_unattributed_quotes,
    split_running_passages,
    turn_statements,
)
from monitor.nlp.datelines import datelines
from monitor.nlp.doc_cache import entities_within, sentence_of, text_of
from monitor.nlp.document_authors import source_of
from monitor.nlp.edge_clauses import only_subject_before, postposed_attribution
from monitor.nlp.furniture import in_headline, in_standfirst
from monitor.nlp.gazetteer import slugify
from monitor.nlp.group_speakers import members_of, names_a_speaker, press_word
from monitor.nlp.lexicon import DOCUMENT_NOUNS, OWNED_OFFICES, POSSESSIVES, ROLE_WORDS, SPOKES_WORDS
from monitor.nlp.nested_speech import (
    Report,
    after_quoted_words,
    breaks_the_auxiliary,
    coordinated_with_report,
    split_chained,
)
from monitor.nlp.news_speakers import (
    a_question,
    age_reference,
    asks_anonymity,
    asks_not_to_be_named,
    body_named_again,
    body_of_staff,
    colon_subject,
    indefinite_office,
    name_given,
    not_yet_said,
    reduced_passive,
    said_by_a_thing,
    someone,
    speaking_subject,
)
from monitor.nlp.outlet_reports import credit_reported_speakers
from monitor.nlp.parse_repairs import found_not_said
from monitor.nlp.phrase_speakers import PLURAL, PhraseSpeakers
from monitor.nlp.quoted_phrases import is_quoted_phrase
from monitor.nlp.quotes import Quote, QuoteIndex, across_paragraphs, find_quotes
from monitor.nlp.speaker_phrases import (
    GROUP_NOUNS,
    NO_SPEAKER,
    OFFICIAL_NOUNS,
    PEOPLE_NOUNS,
    body_before_spokes_word,
    body_of_office,
    could_speak,
    holder_in_apposition,
    names_someone,
    no_one,
    relative_of,
    speaker_fields,
    speaker_of,
    speaker_span,
)
from monitor.nlp.speakers import PRONOUNS, name_introduced_offices, resolve_references
from monitor.nlp.speech import (
    cue_text,
    is_claim,
    is_clause,
    is_denial,
    is_passive,
    is_speech_verb,
    passive_agent,
    passive_content,
    quoted_share_allowed,
    reported_content,
    subject_of,
)

MIN_CONTENT_TOKENS = 3  # shorter reported contents are fragments, not claims
SINGULAR = frozenset({"NN", "NNP"})


class StatementFinder(PhraseSpeakers):
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
        self.quoted = QuoteIndex(self.quotes)
        # The document's noun chunks, listed on first need (see _subject_after_dateline).
        self._chunks: list[Span] = []
        self._chunk_starts: list[int] | None = None
        self.datelines = datelines(text_of(doc))
        self.introduced_by_office: set[str] = set()
        self.first_named_as: dict[str, str] = {}  # actor id -> the phrase first naming it

    # -- speakers -----------------------------------------------------------------
    def _in_dateline(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.datelines)

    def _subject_after_dateline(self, subject: Token) -> Token | None:
        """ "GENEVA — The U.N. refugee agency says": the parse may make the dateline the
        subject; the speaker is the first noun phrase after it."""
        sentence = sentence_of(subject)
        if self._chunk_starts is None:
            self._chunks = list(self.doc.noun_chunks)
            self._chunk_starts = [chunk.start for chunk in self._chunks]
        first = bisect.bisect_left(self._chunk_starts, sentence.start)
        for chunk in self._chunks[first:]:
            if not self._in_dateline(chunk.start_char):
                return chunk.root if chunk.end <= sentence.end else None
        return None

    def resolve_speaker(self, subject: Token) -> dict[str, Any]:
        if self._in_dateline(subject.idx):
            replacement = self._subject_after_dateline(subject)
            if replacement is None:
                return dict(NO_SPEAKER)
            subject = replacement
        if subject.lower_ in PRONOUNS:
            antecedent = subject_before_pronoun(subject, self.quoted)
            if subject.lower_ == "they" and antecedent is not None and antecedent.tag_ in PLURAL:
                words = [t for t in speaker_span(antecedent) if not t.is_punct]
                if could_speak(words, antecedent) or press_word(antecedent) is not None:
                    return self.resolve_speaker(antecedent)
            # "The ministry rejected the criticism. '...,' it said.": that body.
            body = self._body_named_by(antecedent) if subject.lower_ == "it" else None
            if body is not None:
                return body
            if (named := named_in_apposition(subject, antecedent, self.actors)) is not None:
                return speaker_fields(named)
            # For "he" and "she", the person the sentence before is about comes first,
            # if the pronoun agrees (back_references.person_about).
            # "A man, who gave his name only as Yusuf, told ...": the name he gave.
            given = name_given(antecedent) if antecedent is not None else None
            if given is not None:
                hint: str | tuple[int, int] | None = (given[2], given[2] + len(given[0]))
            else:
                hint = person_about(antecedent, self.actors)
                if isinstance(hint, tuple) and antecedent is not None:  # one not yet listed
                    self._new_speaker(antecedent, speaker_span(antecedent))
            refers = (subject.lower_, sentence_of(subject).start_char, subject.idx, hint)
            return {**NO_SPEAKER, "_refers": refers}
        kind = age_reference(subject)
        if kind is not None:
            # '"...," the 24-year-old said': a person named before, as "he" or "she".
            sentence = sentence_of(subject)
            return {**NO_SPEAKER, "_refers": (kind, sentence.start_char, subject.idx, None)}
        # "One of them, identified only as TM,": the one named, not the group.
        given = name_given(subject)
        subject = subject if given else body_of_staff(members_of(subject))
        pair = joint_speaker(subject, self.actors)
        if pair is not None:
            return speaker_fields(pair)
        press = press_word(subject)
        if press is not None:
            # "Media reports say", "press reports said": the press speaks, as a group.
            name = f"{press.lower_} {subject.lower_}"
            actor = self.actors.add_speaker(name, "group", "media", subject.idx)
            return speaker_fields(actor)
        if subject.lemma_.lower() in DOCUMENT_NOUNS:
            # "a report by the Council of Europe found": its author speaks, whom "the
            # report" later stands for.
            author = source_of(subject)
            if author != subject:
                return {**self.resolve_speaker(author), "_document_author": True}
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
            earlier = same_source_before(subject, span, self.actors, self.first_named_as)
            if earlier is not None:
                return speaker_fields(earlier)
            return self._new_speaker(subject, span)
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if subject.lower_ in OWNED_OFFICES and owner is not None and owner.lower_ in POSSESSIVES:
            # "According to his office", "her campaign said": the person "his" refers to.
            sentence = sentence_of(subject)
            refers = (POSSESSIVES[owner.lower_], sentence.start_char, subject.idx, None)
            return {**NO_SPEAKER, "_refers": refers}
        # "Eskom spokesperson Sipho Mahlangu": named, when the name follows the office.
        unnamed_spokesperson = (
            subject.lower_ in SPOKES_WORDS
            and not any(e.label_ == "PERSON" for e in entities_within(span))
            and span.start <= subject.i
        )
        if unnamed_spokesperson:
            return self._body_of_spokesperson(subject, span)
        if (
            subject.tag_ in PLURAL
            and GROUP_NOUNS.fullmatch(subject.lower_)
            and not subject.ent_type_
            and entities_within(span)
        ):
            # "U.N. organizations have noted", "EU governments say": the group speaks,
            # not the body named only to qualify it.
            return self._new_speaker(subject, span)
        seat = seat_speaker(span, self.actors) or leaders_government(
            subject, self.actors, self.main_country, self.adjectives
        )
        if seat is not None:
            return speaker_fields(seat)
        holder = holder_in_apposition(subject) or given
        if holder is not None:
            name, office, position = holder
            actor = self.actors.add_speaker(
                name, "person", guess_role_type(office), position, role=office or None
            )
            return speaker_fields(actor)
        if subject.lower_ in PEOPLE_NOUNS and any(
            e.label_ == "PERSON" and relative_of(e) for e in entities_within(span)
        ):
            # "Alan Kurdi's aunt said": the relative speaks, not the person named.
            return self._new_speaker(subject, span)
        if indefinite_office(subject, span):
            # "A senior opposition leader said": an indefinite phrase brings in someone
            # new, never the holder of a like office named before ("minority leader X").
            body = body_of_office(subject, span, self.actors)
            return speaker_fields(body) if body is not None else self._new_speaker(subject, span)
        actor = self.actors.actor_for_span(span)
        if actor is None and span.root.ent_type_ == "PERSON":
            # A name cut out of a longer tag ("Eskom spokesperson Sipho Mahlangu").
            actor = self.actors.actors.get(slugify(clean_name(span)))
        if actor is not None and actor.kind == "person" and actor.type == "other":
            # "Its executive director, Cindy McCain": the body's kind is the person's.
            employer = possessor_body(subject, self.actors)
            if employer is not None and employer.type != "other":
                actor.type = employer.type
        # An office held by no one the text names speaks for its organisation.
        body = (
            body_of_office(subject, span, self.actors)
            if actor is None or actor.kind != "person"
            else None
        )
        if body is not None or actor is not None:
            return speaker_fields(body or actor)
        if subject.pos_ == "PRON":
            return dict(NO_SPEAKER)
        named = body_named_again(self.doc, subject, span, self.actors, self._in_dateline)
        if named is not None:
            return speaker_fields(named)
        return self._new_speaker(subject, span)

    def _body_named_by(self, antecedent: Token | None) -> dict[str, Any] | None:
        if (
            antecedent is None
            or antecedent.tag_ not in SINGULAR
            or antecedent.ent_type_ in {"PERSON", "GPE", "LOC"}
        ):
            return None
        words = [t for t in speaker_span(antecedent) if not t.is_punct]
        if not could_speak(words, antecedent) or antecedent.lower_ in ROLE_WORDS:
            return None
        found = self.resolve_speaker(antecedent)
        actor = self.actors.actors.get(found.get("speaker_id") or "")
        return found if actor is not None and actor.kind != "person" else None

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
        phrase = body_before_spokes_word(subject) if body is None else None
        if phrase is not None:
            return {**self._new_speaker(phrase.root, phrase), "_spokesperson": True}
        found = self.resolve_speaker(body) if body is not None else None
        owner = next(
            (c for c in subject.children if c.dep_ == "poss" and c.lower_ in POSSESSIVES), None
        )
        if body is None and owner is not None:
            # "..., his spokesman said": the spokesperson speaks for the one "his"
            # refers to, found as "he" would be (agreeing, nearest in the sentence).
            sentence = sentence_of(subject)
            refers = (POSSESSIVES[owner.lower_], sentence.start_char, subject.idx, None)
            return {**NO_SPEAKER, "_refers": refers, "_spokesperson": True}
        if found is None or found["speaker_id"] is None:
            actor = self.actors.actor_for_span(span) or body_spoken_for(subject, span, self.actors)
            if actor is None:
                sentence = sentence_of(subject)
                refers = ("spokesperson", sentence.start_char, subject.idx, None)
                return {**NO_SPEAKER, "_refers": refers}
            found = speaker_fields(actor)
        return {**found, "_spokesperson": True}

    def _attributions(self, sentences: set[Span], quote: Quote | None = None) -> list[Token]:
        """Speech verbs outside quotes, with a subject outside quotes, in ``sentences``;
        in the ``quote``'s paragraph when one is given."""
        return [
            token
            for sentence in sentences
            for token in sentence
            if is_speech_verb(token)
            and token.idx not in self.quoted
            and subject_of(token) is not None
            and subject_of(token).idx not in self.quoted
            and not (quote and across_paragraphs(text_of(self.doc), quote, token.idx))
        ]

    def _speech_verb_near(self, quote: Quote) -> Token | None:
        """The speech verb outside the quote, in the sentences it touches."""
        doc = self.doc
        first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None:
            return None
        own = {sentence_of(first[0]), sentence_of(first[-1])}
        candidates = self._attributions(own, quote)
        following = sentence_of(first[-1]).end
        # '"...," she said.' is sometimes split into a sentence of its own, which
        # then starts right at the closing mark. It counts only when the quote's
        # own sentences have no attribution, and only as an attribution that
        # opens it ("she said."); a later sentence is someone else's or a new claim.
        if (
            not candidates
            and following < len(doc)
            and doc[following].idx - quote.end <= 3
            # A new paragraph opens a new statement: its verb is not this quote's.
            and "\n" not in text_of(doc)[quote.end : doc[following].idx]
        ):
            after = sentence_of(doc[following])
            # '"...." One nurse told VOA the clinic was empty.': a verb reporting words
            # of its own opens a new statement; it does not attribute the quote. "she
            # said." does, as does a long title and name with nothing else before it.
            candidates = [
                t
                for t in self._attributions({after})
                if t.dep_ == "ROOT"
                and not reported_content(t)
                and (t.i - after.start <= 4 or only_subject_before(t, subject_of(t), after))
            ]
        if not candidates:
            previous_end = sentence_of(first[0]).start
            opening = text_of(doc)[: quote.start].rstrip(' \n\t"“‘«')
            if previous_end > 0 and opening.endswith(":"):
                candidates = [
                    t
                    for t in sentence_of(doc[previous_end - 1])
                    if is_speech_verb(t)
                    and subject_of(t) is not None
                    and not across_paragraphs(text_of(doc), quote, t.idx)
                ]
        if not candidates:
            return None
        # 'Amnesty said the EU was "funding abuse" and called for ...': words quoted
        # inside what a verb reports are that verb's, however near another one stands.
        above = {t.i for t in first[0].ancestors}
        reporting = [t for t in candidates if t.i in above]
        return min(
            reporting or candidates,
            key=lambda t: min(abs(t.idx - quote.start), abs(t.idx - quote.end)),
        )

    # -- statements -------------------------------------------------------------
    def direct(self) -> list[dict[str, Any]]:
        statements: list[dict[str, Any]] = []
        for quote in self.quotes:
            verb = self._speech_verb_near(quote)
            introducer = colon_subject(self.doc, quote) if verb is None else None
            source = quote_source(self.doc, quote) if verb is None and not introducer else None
            # A quote a colon or "according to" introduces is attributed, as a verb
            # would attribute it.
            opener = introducer.head if introducer is not None else verb or source
            if is_quoted_phrase(self.doc, quote, opener):
                continue
            speaker = (
                self.resolve_speaker(introducer)
                if introducer is not None
                else self.resolve_speaker(source_of(source))
                if source is not None
                else dict(NO_SPEAKER)
                if verb is None
                else self.resolve_speaker(speaker_of(verb))
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
                    "cue": cue_text(verb) if verb else "according to" if source else None,
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
        reports = []
        for token in self.doc:
            if (
                not is_speech_verb(token)
                or token.idx in self.quoted
                or reduced_passive(token)
                or asks_not_to_be_named(token)
            ):
                continue
            content, subject = reported_content(token), subject_of(token)
            postposed = postposed_attribution(token)
            if postposed is not None:
                subject, content = postposed
            elif subject is not None and not someone(subject):
                subject = speaking_subject(token, subject)
            if is_passive(token):
                # The one the report is about never speaks; the agent does.
                subject = passive_agent(token)
                content = (
                    passive_content(token)
                    if subject is not None and not found_not_said(token)
                    else None
                )
            outer = coordinated_with_report(token, is_speech_verb)
            coordinated = outer is not None and (
                subject is None  # "said rejecting them would ... and warned"
                or (
                    not names_a_speaker(subject)
                    or after_quoted_words(token)
                    or breaks_the_auxiliary(token)
                )
            )
            if coordinated:
                subject = subject_of(outer)
            if (
                not content
                or subject is None
                # '"...," said Sunanda Kale, ... whose flat was ...': a clause after the
                # verb holding the speaker is a parse of the speaker's description.
                or subject.i > token.i
                and subject in content
                or no_one(subject)
                or said_by_a_thing(subject)
                or a_question(token, content)
                or not_yet_said(token)
                or asks_anonymity(content)
                or len(content) < MIN_CONTENT_TOKENS
                or not is_claim(content, token)
            ):
                continue
            reports.append(Report(token, content, subject, coordinated=coordinated))
        statements = []
        for report in split_chained(reports, MIN_CONTENT_TOKENS):
            content, token = report.content, report.verb
            start, end = content[0].idx, content[-1].idx + len(content[-1])
            # "ATHENS, Greece — Greece will ..., the minister said": the dateline
            # is where the story was filed, not part of what was said.
            start = next((e for s, e in self.datelines if s <= start < e), start)
            quoted = self.quoted.covered(start, end)
            # 'warned that such an order would "poison labour relations ..."': a clause
            # whose own words open it, with a quoted tail, stays the reported clause.
            clause = is_clause(content)
            if (not clause or start + QUOTE_OPENING_SLACK in self.quoted) and quoted > (
                quoted_share_allowed(clause, token, end - 1 in self.quoted) * (end - start)
            ):
                # Already a direct quote; a phrase quoted in a reported clause ('had made
                # a "deal with the devil"') leaves the clause; in an object it is a name.
                continue
            statements.append(
                {
                    **self.resolve_speaker(report.subject),
                    "cue": cue_text(token),
                    "kind": "indirect",
                    "negated": is_denial(token),
                    "content": text_of(self.doc)[start:end],
                    "start": start,
                    "end": end,
                }
            )
        return statements


QUOTE_OPENING_SLACK = 2  # a quote mark and a space may stand before the first word


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
        for s in finder.direct()
        + finder.indirect()
        + according_to(doc, finder.quotes, finder.resolve_speaker)
        + as_reported_by(doc, finder.quotes, finder.resolve_speaker)
        if not in_headline(text, s["start"])
        and not in_standfirst(text, s["start"])
        and not in_teaser(text, s["start"])
    ]
    turns = turn_statements(doc, actors)
    found = credit_reported_speakers(doc, found, finder.resolve_speaker)
    found.sort(key=lambda s: (s["start"], s["end"]))
    resolve_references(found, actors, doc, lambda position: position in finder.quoted)
    name_introduced_offices(found, actors, finder.introduced_by_office)
    place_unattributed_quotes(doc, found, actors)
    found = join_split_quotes(text, split_running_passages(text, found))
    # A quote no one can be found to have said is kept only when it is a full
    # passage of speech (a reader can still see it was said); short unattributed
    # fragments are mostly titles, labels and phrases quoted by the writer.
    found = [s for s in found if s["speaker"] is not None or len(s["content"].split()) >= 12]
    for statement in found:
        statement.setdefault("continuation", False)
        statement.setdefault("negated", False)
    for statement in found:
        # A speaker's kind may have been learnt after their first statement was read
        # ("Its executive director, ..." further down): every statement shows the last.
        speaker = actors.actors.get(statement["speaker_id"] or "")
        if speaker is not None:
            statement["speaker_type"] = speaker.type
    unique: list[dict[str, Any]] = []
    for statement in found:
        # 'said the two were "the same problem with two names."': a quote closing a
        # reported clause is part of it, though it takes the full stop the clause
        # leaves out.
        if (
            unique
            and unique[-1]["start"] <= statement["start"]
            and not text[unique[-1]["end"] : statement["end"]].strip(".,!?;:\"'\u201d\u2019 ")
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
