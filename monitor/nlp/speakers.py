"""Who "he", "she", "it", "they" and "the report" are, when they speak.

News writing names a speaker once and then refers back. The referent is
chosen by salience, not by distance alone: the speaker of the previous
statement comes first, then the most recent fitting actor, and a pronoun
must agree with it:

* "he" / "she": a person whose gender the text shows (an honorific, a gendered
  role word, or the pronouns used right after their name) that agrees, or
  whose gender the text does not show;
* "it": an organisation; "they": a group or an organisation;
* "the report", "new figures": the organisation that last spoke or was named.

A statement whose referent cannot be established keeps no speaker rather
than a guessed one. Datelines ("GENEVA —") are found here too: a dateline is
never a speaker.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from monitor.nlp.actors import Actor, ActorIndex
from monitor.nlp.back_references import speaker_mentioned
from monitor.nlp.described_bodies import described_bodies_named
from monitor.nlp.doc_cache import text_of
from monitor.nlp.document_authors import holds_a_copy, source_of
from monitor.nlp.first_names import gender_of_first_name
from monitor.nlp.lexicon import DOCUMENT_NOUNS, ORGANISATION_WORDS, PERSON_NOUNS, ROLE_WORDS
from monitor.nlp.speaker_phrases import PEOPLE_NOUNS, one_person, speaker_fields

PRONOUNS = {"he": "m", "she": "f", "it": "organisation", "they": "group"}
PRONOUN_WORD = re.compile(r"(?:he|she|it|they)(?=\s|$)", re.I)  # the word at a position
# "the 24-year-old said": a definite description of a person of either gender.
DESCRIPTIONS = {"age": "person"}
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
MALE_TITLES = re.compile(
    r"\b(?:mr|sir|lord|spokesman|chairman|congressman|businessman)\b\.?$", re.I
)
FEMALE_TITLES = re.compile(
    r"\b(?:mrs|ms|miss|dame|lady|spokeswoman|chairwoman|congresswoman|businesswoman)\b\.?$", re.I
)
# "one woman", "a young man": one unnamed person whose noun says the gender.
FEMALE_NOUNS = re.compile(r"\b(?:woman|mother|girl|wife|daughter|sister|grandmother)$", re.I)
MALE_NOUNS = re.compile(r"\b(?:man|father|boy|husband|son|brother|grandfather)$", re.I)
RECENT_CHARS = 400  # how far back a person counts as just named
GENDER_WINDOW = 400  # characters after a mention searched for the pronouns that refer to it
DOCUMENT_LOOKBACK_CHARS = 1500  # how far back the sentence that brought up "the report" may be
OFFICE_NAMED_WITHIN = 600  # characters after a lead's "a top official said" to find their name
SPEAKERS_BACK = 3  # earlier speakers whose agreeing gender outweighs the centre's unknown one
FIRST_NAME_VOTES = 2  # a first name weighs as two pronouns, a title or role word as three
# Someone else brought in by an office or a noun after the name ("accused the head of
# the commission of bad faith because she ignored ..."): the pronouns after it are as
# likely theirs. Not an apposition set off by a comma ("Iddrisu, the party's leader").
_PERSON_NOUNS = "|".join(sorted(re.escape(w) for w in ROLE_WORDS | PEOPLE_NOUNS if w.isalpha()))
OTHER_PERSON = re.compile(rf"(?<!, )\b(?:the|a|an)\s+(?:[a-z-]+\s+){{0,2}}?(?:{_PERSON_NOUNS})\b")


class MentionIndex:
    """Every mention of every actor in text order, searched by bisection (a long
    document has thousands; walking them all for each quote would be quadratic)."""

    def __init__(self, actors: ActorIndex, kind: str | None = None):
        self.mentions = sorted(
            (position, actor.id)
            for actor in actors.actors.values()
            if kind is None or actor.kind == kind
            for position in actor.positions
        )
        self.positions = [position for position, _ in self.mentions]
        # For each mention, the first mention at or after it of another actor: a name
        # repeated a thousand times in a row is then skipped in one step, not one by one.
        self.next_change = [len(self.mentions)] * len(self.mentions)
        for index in range(len(self.mentions) - 2, -1, -1):
            same = self.mentions[index][1] == self.mentions[index + 1][1]
            self.next_change[index] = self.next_change[index + 1] if same else index + 1

    def between(self, start: int, end: int) -> list[str]:
        """The ids of the actors mentioned from ``start`` up to ``end``, in text order."""
        return [actor_id for _, actor_id in self.mentions_between(start, end)]

    def mentions_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position, id) of each mention from ``start`` up to ``end``, in text order."""
        low = bisect.bisect_left(self.positions, start)
        high = bisect.bisect_left(self.positions, end)
        return self.mentions[low:high]

    def next_other(self, position: int, actor_id: str) -> int | None:
        """Where the first actor other than ``actor_id`` is mentioned after ``position``."""
        index = bisect.bisect_right(self.positions, position)
        if index < len(self.mentions) and self.mentions[index][1] == actor_id:
            index = self.next_change[index]
        return self.positions[index] if index < len(self.positions) else None


def person_genders(doc: Doc, actors: ActorIndex) -> dict[str, str]:
    """The gender each person's mentions show: ``m``, ``f``, or absent when unknown."""
    text = doc.text
    genders: dict[str, str] = {}
    people = [a for a in actors.actors.values() if a.kind == "person"]
    mentions = MentionIndex(actors, kind="person")
    for actor in people:
        votes: Counter = Counter()
        for position in actor.positions:
            # Pronouns after someone else is named are more likely theirs.
            limit = mentions.next_other(position, actor.id) or len(text)
            before = text[max(0, position - 40) : position].rstrip(" ,")
            if MALE_TITLES.search(before):
                votes["m"] += 3
            elif FEMALE_TITLES.search(before):
                votes["f"] += 3
            # The rest of the sentence and the next one: where "he said" or "her
            # office" most often refers back to a name.
            after = text[position : min(position + GENDER_WINDOW, limit)]
            # Within the paragraph: the "she said" that opens or closes the next one
            # is often the very pronoun being resolved, and may be someone else's.
            after = after.split("\n", 1)[0]
            if other := OTHER_PERSON.search(after):
                after = after[: other.start()]
            ends = [m.end() for m in re.finditer(r"[.!?][\"”’]?\s", after)]
            window = after[: ends[1]] if len(ends) > 1 else after
            words = re.findall(r"[a-z]+", window.lower())
            votes["m"] += sum(word in MALE for word in words)
            votes["f"] += sum(word in FEMALE for word in words)
        if actor.role:
            if MALE_TITLES.search(actor.role.split()[0] if actor.role.split() else ""):
                votes["m"] += 3
            if re.search(r"\b(?:spokeswoman|chairwoman)\b", actor.role, re.I):
                votes["f"] += 3
            if re.search(r"\b(?:spokesman|chairman)\b", actor.role, re.I):
                votes["m"] += 3
        # The first name, when the registers agree on it: weaker than a title.
        by_name = gender_of_first_name(actor.name)
        if by_name:
            votes[by_name] += FIRST_NAME_VOTES
        if votes["m"] != votes["f"]:
            genders[actor.id] = "m" if votes["m"] > votes["f"] else "f"
    return genders


def _fits(actor: Actor, wanted: str, genders: dict[str, str], strict: bool = False) -> bool:
    """Whether ``actor`` can be what the pronoun stands for; ``strict`` asks that a
    person's gender be known, not merely not contradicted."""
    if wanted in {"m", "f"}:
        if actor.kind == "group":
            # "one woman", "a young man": the noun says who "she" or "he" can be; "a
            # neighbour" can be either, when nothing stricter is asked.
            nouns, others = (
                (FEMALE_NOUNS, MALE_NOUNS) if wanted == "f" else (MALE_NOUNS, FEMALE_NOUNS)
            )
            # The noun, not where they are from: "man from Iraqi Kurdistan".
            noun = actor.name.split(" from ")[0]
            if nouns.search(noun) is not None:
                return True
            return not strict and one_person(actor.name) and not others.search(noun)
        if actor.kind != "person":
            return False
        gender = genders.get(actor.id)
        return gender == wanted if strict else gender in {None, wanted}
    if wanted == "person":
        return actor.kind == "person"
    if wanted == "organisation":
        return actor.kind == "organisation"
    if wanted == "group":
        return actor.kind in {"group", "organisation"}
    return False


def resolve_references(
    statements: list[dict[str, Any]],
    actors: ActorIndex,
    doc: Doc,
    quoted: Callable[[int], bool] = lambda position: False,
) -> None:
    """Give statements whose speaker is a pronoun or a document their referent,
    in text order, so each can lean on the speakers resolved before it."""
    genders = person_genders(doc, actors)
    reports = DocumentSentences(doc, actors)
    mentions = MentionIndex(actors)
    previous: list[Actor] = []
    spokesperson_for: Actor | None = None  # the body the last unnamed spokesperson spoke for
    spoke_last: Actor | None = None  # that body, when its spokesperson made the last statement
    document_author: Actor | None = None  # who wrote the last document that spoke
    for statement in statements:
        described = statement.pop("_described", None)
        if described is not None:
            # "according to local media": the source as the text describes it.
            name, actor_type, position = described
            source = actors.add_speaker(name, "group", actor_type, position)
            statement.update(speaker_fields(source))
        refers = statement.pop("_refers", None)
        if refers is not None and statement["speaker"] is None:
            kind, sentence_start, position, subject_before = refers
            hinted = (
                speaker_mentioned(actors, subject_before)
                if isinstance(subject_before, tuple)
                else actors.actors.get(subject_before or "")
            )
            refer = functools.partial(
                _referent, kind, sentence_start, position, previous, actors, genders, quoted
            )
            if kind == "spokesperson" or (
                kind in {"he", "she"} and hinted is None and spoke_last is not None
            ):
                # "A spokesman for Frontex confirmed ... It was shared at once, he
                # said": the unnamed spokesperson who spoke last, for their body.
                actor = spokesperson_for if kind == "spokesperson" else spoke_last
            elif kind == "document":
                actor = reports.author_before(
                    sentence_start, previous, document_author, position
                ) or refer(hinted)
            else:
                # "He said the skaters in front of Ebanks ...": whom the words name by
                # name is not who "he" is ("his spokesman" may well speak of him).
                named_inside = (
                    frozenset(mentions.between(statement["start"], statement["end"]))
                    if PRONOUN_WORD.match(text_of(doc), position)
                    else frozenset()
                )
                unnamed_hint = None if hinted is not None and hinted.id in named_inside else hinted
                actor = refer(unnamed_hint, named_inside) or (
                    # "Faber is still working on the measures, she said": with no one
                    # else it could be, the one the words name speaks of herself.
                    refer(hinted) if named_inside else None
                )
            if actor is not None:
                statement.update(speaker_fields(actor))
        speaker = actors.actors.get(statement.get("speaker_id") or "")
        if speaker is not None:
            previous.append(speaker)
        if statement.pop("_document_author", False):
            document_author = speaker or document_author
        by_spokesperson = statement.pop("_spokesperson", False)
        if by_spokesperson or (refers and refers[0] == "spokesperson"):
            spokesperson_for = speaker or spokesperson_for
        spoke_last = speaker if by_spokesperson else None
    _same_source_again(statements, actors, text_of(doc))
    described_bodies_named(statements, actors)


# Singular nouns for one unnamed person, which "the official said" names again.
SOURCE_NOUNS = frozenset({"official", "source", "officer", "diplomat", "spokesperson"})
SAME_SOURCE = frozenset({"same source", "same sources"})
# "A 34-year-old resident said ... 'Nobody came,' the resident said": any noun for
# unnamed people names again the last speaker described with it.
AGAIN_NOUNS = SOURCE_NOUNS | PEOPLE_NOUNS | PERSON_NOUNS


def _same_source_again(statements: list[dict[str, Any]], actors: ActorIndex, text: str) -> None:
    """ 'A PNG official told detainees ... "You cannot stay," the official said': quotes
    are attributed before reported speech, so a bare "the official" of a quote could
    not yet find the speaker a later-read sentence introduced before it. It is that
    speaker: the last before it named with more than the noun."""
    for index, statement in enumerate(statements):
        actor = actors.actors.get(statement.get("speaker_id") or "")
        # "according to the same source": whoever spoke last, however named.
        same = actor is not None and actor.name.lower() in SAME_SOURCE
        if actor is None or actor.name.lower() not in AGAIN_NOUNS and not same:
            continue
        if not all(re.match(r"[Tt]he\s", text[p : p + 4]) for p in actor.positions):
            continue  # "an official said" brings in someone new
        earlier = next(
            (
                actors.actors[other["speaker_id"]]
                for other in reversed(statements[:index])
                if other.get("speaker_id") in actors.actors
                and other["speaker_id"] != actor.id
                and (
                    same
                    or len(other["speaker"].split()) > 1
                    and _same_kind_of_source(
                        other["speaker"].lower().split()[-1], actor.name.lower()
                    )
                )
            ),
            None,
        )
        if earlier is not None:
            statement.update(speaker_fields(earlier))
            if not any(other.get("speaker_id") == actor.id for other in statements):
                del actors.actors[actor.id]  # one speaker, listed once


def _same_kind_of_source(earlier: str, again: str) -> bool:
    """ "An EU official said ... According to the source": "the source" is whoever of
    the unnamed the text last let speak; "the official" only an official."""
    return earlier == again or again == "source" and earlier in SOURCE_NOUNS


class DocumentSentences:
    """Who wrote "the report": the organisation named in the sentence that brought a
    document up ("UNHCR published its survey on Friday"), else the organisation
    that spoke last ("UNHCR says ... A new report shows ... The report says"),
    rather than whichever body was named last in passing ("U.N. spokesman")."""

    def __init__(self, doc: Doc, actors: ActorIndex):
        self.doc, self.actors = doc, actors
        self.spans: list[tuple[int, int]] | None = None  # built on the first question

    def _index(self) -> list[tuple[int, int]]:
        # One pass over the document: the sentences that mention a document.
        self.organisations = MentionIndex(self.actors, kind="organisation")
        self.everyone = MentionIndex(self.actors)
        self.spans = [
            (sentence.start_char, sentence.end_char)
            for sentence in self.doc.sents
            if any(t.lemma_.lower() in DOCUMENT_NOUNS for t in sentence)
        ]
        self.ends = [end for _, end in self.spans]
        return self.spans

    def _subject_body(self, start: int, end: int) -> tuple[Actor | None, bool]:
        """The body or person that is the subject or agent of the sentence ("The
        Committee on Civil Liberties adopted the report on an EU approach ...", "State
        Secretary Erik van der Linden said in a letter ..."), not one the sentence
        names after it; and whether the subject is itself a document ("The report
        stresses that the EU must ..."), whose author spoke before."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        if sentence is None:
            return None, False
        root = sentence.root
        if any(
            t.lemma_.lower() in DOCUMENT_NOUNS and t.dep_ == "nsubj" and t.head.dep_ == "advcl"
            for t in sentence
        ):
            # "Corvane defends drug price as study finds ...": what the study finds is
            # the study's, not the words of whoever answers it.
            return None, True
        doers = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
        doers += [g for c in root.children if c.dep_ == "agent" for g in c.children]
        # "X said in a letter", "wrote in a report": the subject wrote it, person or
        # body. Otherwise a person the sentence is about ("The minister criticised the
        # Amnesty report") is no author.
        own_document = any(
            t.lemma_.lower() in DOCUMENT_NOUNS and t.head.lower_ == "in" and t.head.head.i == root.i
            for t in sentence
        )
        authors = self.everyone if own_document else self.organisations
        for doer in doers:
            last = doer.doc[doer.right_edge.i]
            named = authors.between(doer.left_edge.idx, last.idx + len(last))
            if named:
                return self.actors.actors.get(named[0]), False
            # "In a written statement, Evergreen said": a short name of a body the
            # mentions hold only as named in full ("Evergreen Meadows Senior Living").
            if doer.ent_type_ == "ORG":
                actor = self.actors.actor_for_span(doer.doc[doer.left_edge.i : last.i + 1])
                if actor is not None and actor.kind == "organisation":
                    return actor, False
        return None, any(d.lemma_.lower() in DOCUMENT_NOUNS for d in doers)

    def author_before(
        self,
        position: int,
        previous: list[Actor],
        last_author: Actor | None = None,
        noun_at: int | None = None,
    ) -> Actor | None:
        """The author of the document whose noun (at character ``noun_at``) speaks in
        the sentence starting at ``position``."""
        spans = self.spans if self.spans is not None else self._index()
        index = bisect.bisect_right(self.ends, position) - 1
        if index >= 0 and position - spans[index][1] <= DOCUMENT_LOOKBACK_CHARS:
            by_subject, of_document = self._subject_body(*spans[index])
            if by_subject is not None:
                return by_subject
            # "a ministry document seen by Reuters": who holds a copy did not write it.
            named = [
                actor_id
                for position, actor_id in self.organisations.mentions_between(*spans[index])
                if not holds_a_copy(self.doc, position)
            ]
            if named and not of_document:
                return self.actors.actors.get(named[-1])
        ahead = self._author_named_ahead(index + 1, noun_at) if noun_at is not None else None
        if ahead is not None:
            return ahead
        # "A report by city staff concluded ... The report also warned": its author.
        return last_author or next(
            (actor for actor in reversed(previous) if actor.kind == "organisation"), None
        )

    def _author_named_ahead(self, index: int, position: int) -> Actor | None:
        """ "after a study found that ... The study, published in JAMA by researchers
        at Boston University, compared ...": the author a later mention of the same
        document names, in the document sentences from ``index`` on and within
        ``DOCUMENT_LOOKBACK_CHARS`` of ``position``."""
        word = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if word is None:
            return None
        noun = word.root.lemma_.lower()
        for start, end in (self.spans or [])[index:]:
            if start - position > DOCUMENT_LOOKBACK_CHARS:
                break
            sentence = self.doc.char_span(start, end, alignment_mode="expand")
            for mention in sentence or ():
                # ("Lisa Schlein reports for VOA": the verb is no mention.)
                same = mention.pos_ == "NOUN" and mention.lemma_.lower() == noun
                if mention.idx <= position or not same:
                    continue
                author = source_of(mention)
                if author is mention:
                    continue
                last = author.doc[author.right_edge.i]
                named = self.everyone.between(author.left_edge.idx, last.idx + len(last))
                if named:
                    return self.actors.actors.get(named[0])
        return None


def _brought_in_since(person: Actor, previous: list[Actor], position: int) -> bool:
    """The person is first named after the last speaker was last named."""
    if not previous or person.kind != "person" or not person.positions:
        return False
    last_named = max((p for p in previous[-1].positions if p < position), default=position)
    return min(person.positions) > last_named


def _referent(
    refers: str,
    sentence_start: int,
    position: int,
    previous: list[Actor],
    actors: ActorIndex,
    genders: dict[str, str],
    quoted: Callable[[int], bool],
    subject_before: Actor | None = None,
    named_inside: frozenset[str] = frozenset(),
) -> Actor | None:
    wanted = "organisation" if refers == "document" else {**PRONOUNS, **DESCRIPTIONS}[refers]
    # Two passes for "he" and "she": first only people the text shows to agree
    # (the previous speaker, or someone named in the last sentence or two), then
    # anyone not contradicted.
    for strict in (True, False) if wanted in {"m", "f"} else (False,):
        since = position - RECENT_CHARS if strict else 0

        def fits(actor: Actor, strict: bool = strict) -> bool:
            return actor.id not in named_inside and _fits(actor, wanted, genders, strict)

        # Someone fitting named earlier in the same sentence is the nearest referent.
        same_sentence = actors.latest_before(
            position,
            lambda actor: (
                fits(actor)
                and any(sentence_start <= p < position and not quoted(p) for p in actor.positions)
            ),
        )
        if same_sentence is not None and wanted in {"m", "f"}:
            return same_sentence
        # The person the sentence before is about, then the previous speaker. One
        # named only by a noun ("a neighbour") cannot show a gender: being the subject
        # is evidence enough, when the noun does not disagree.
        # Subject of the sentence before and the last to speak ("Iddrisu accused the
        # commission's head of bad faith ... 'It is impossible for us,' he said"): the
        # centre of the passage, though the text shows no gender, unless an earlier
        # speaker's does agree ("Ingrid Holm said her party ...").
        if subject_before is not None and (
            fits(subject_before)
            or subject_before.kind == "group"
            and _fits(subject_before, wanted, genders)
            or previous
            and previous[-1] is subject_before
            and fits(subject_before, False)
            and not any(fits(actor) for actor in previous[-SPEAKERS_BACK:])
            # "Myo Win is a refugee who was detained ... '...,' he said": a person the
            # sentence before brings in, since the last speaker was last named.
            or _brought_in_since(subject_before, previous, position)
            and fits(subject_before, False)
        ):
            return subject_before
        # The subject of the previous attribution: news keeps one speaker across
        # "he said" lines until it names another. One unnamed person ("a 19-year-old
        # from Eritrea said ...") shows no gender; the last to speak is still "he"
        # when the noun does not disagree.
        if previous and (
            fits(previous[-1]) or previous[-1].kind == "group" and fits(previous[-1], False)
        ):
            return previous[-1]
        latest = actors.latest_before(
            position,
            # Named in the last few sentences, not later in the story.
            lambda actor, since=since: (
                fits(actor) and any(since <= p < position for p in actor.positions)
            ),
        )
        # '"Parasite" director Bong Joon Ho said ... he added': a previous speaker whose
        # gender the text does not show, named since one whose gender it does and who
        # has not spoken, is still the likelier "he".
        if (
            latest is not None
            and strict
            and previous
            and latest not in previous
            and _last_before(previous[-1], position) > _last_before(latest, position)
            and fits(previous[-1], False)
        ):
            return previous[-1]
        if latest is not None:
            return latest
    for actor in reversed(previous):
        if actor.id not in named_inside and _fits(actor, wanted, genders):
            return actor
    return None


def _last_before(actor: Actor, position: int) -> int:
    return max((p for p in actor.positions if p < position), default=-1)


def name_introduced_offices(
    statements: list[dict[str, Any]], actors: ActorIndex, introduced: set[str]
) -> None:
    """ "A top U.N. refugee official has criticized EU leaders ... UNHCR's Europe
    director Vincent Cochetel said ...": news leads often introduce a speaker by
    office and name them in the next paragraph. The first named person to speak
    within ``OFFICE_NAMED_WITHIN`` characters after, of the office's type or sharing
    a word of it, is the one introduced, if they have not spoken before. A body
    introduced so ("a leading human rights group said") is the first named body of
    its type to speak after it."""
    spoken: set[str] = set()
    # "A federal judge ordered ... and said ...": each statement of the lead is the
    # one person's, though naming them for the first made them one who has spoken.
    resolved: dict[str, Actor] = {}
    for index, statement in enumerate(statements):
        office = actors.actors.get(statement["speaker_id"] or "")
        if office is not None and office.id in resolved:
            statement.update(speaker_fields(resolved[office.id]))
        elif office is not None and office.id in introduced:
            # "a leading human rights group", "a watchdog organization": a body; "a top
            # U.N. refugee official", "its deputy head": a person.
            body = office.kind != "person" and ORGANISATION_WORDS.search(office.name) is not None
            kind = "organisation" if body else "person"
            named = _named_next(
                statements[index + 1 :], statement["end"], actors, introduced, kind
            )
            if (
                named is not None
                and named.id not in spoken
                and (_same_office(office, named) if kind == "person" else _same_type(office, named))
            ):
                statement.update(speaker_fields(named))
                resolved[office.id] = named
        if statement["speaker_id"]:
            spoken.add(statement["speaker_id"])


def _named_next(
    following: list[dict[str, Any]],
    after: int,
    actors: ActorIndex,
    introduced: set[str],
    kind: str,
) -> Actor | None:
    for later in following:
        if later["start"] - after > OFFICE_NAMED_WITHIN:
            return None
        actor = actors.actors.get(later["speaker_id"] or "")
        if actor is not None and actor.kind == kind and actor.id not in introduced:
            return actor
    return None


def _same_type(described: Actor, body: Actor) -> bool:
    return described.type == body.type and described.type != "other"


def _same_office(office: Actor, person: Actor) -> bool:
    if office.type == person.type and office.type != "other":
        return True
    if not person.role:
        # "Manitoba's chief public health officer says ... Dr. Brent Roussin told
        # reporters": a holder the text gives no other office is the one introduced.
        return True
    words = set(re.findall(r"[a-z]{4,}", office.name.lower()))
    return bool(words & set(re.findall(r"[a-z]{4,}", (person.role or "").lower())))
