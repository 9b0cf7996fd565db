"""People and organisations in a document, with kind, type, role and country.

Within one document, "Freddy Roosemont", "Roosemont", "Mr Roosemont", "the
Director-General" and "he" (as a speaker) resolve to one actor; across
documents the actor id is the slug of the canonical name, so the same person
keeps the same id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from monitor.nlp.actor_acronyms import acronym_definitions
from monitor.nlp.actor_filters import (
    cut_off,
    is_outlet,
    named_by_noun,
    names_members,
    names_nobody,
    stands_for_named,
    undefined_body,
)
from monitor.nlp.actor_names import (
    beside,
    clean_name,
    describes_a_holder,
    ends_like_a_place,
    feast_day,
    hyphenated_word,
    in_parentheses,
    is_credit,
    names_office_holder,
    not_a_name,
    on_headline_line,
    only_titles,
    organisation_name,
    person_name,
    place_modifier,
    programme_owner,
    short_name_of_body,
    surname_keys,
)
from monitor.nlp.actor_record import Actor
from monitor.nlp.actor_types import (
    DEFINITE,
    GENERIC_ORGANISATIONS,
    body_kind,
    body_names,
    guess_organisation_type,
    guess_role_type,
    guess_type,
    organisation_type,
)
from monitor.nlp.aliases import acts, alias_target
from monitor.nlp.body_names import (
    body_named_by_its_last_word,
    introduced_as_body,
    looks_like_organisation,
    named_beyond_country,
)
from monitor.nlp.countries import countries_between, country_near, country_spans
from monitor.nlp.doc_cache import (
    entities_within,
    group_spans_overlapping,
    sentence_of,
    span_group,
    text_of,
)
from monitor.nlp.furniture import in_foreign_line
from monitor.nlp.gazetteer import slugify
from monitor.nlp.lexicon import PERSON_NOUNS, ROLE_WORDS
from monitor.nlp.name_variants import (
    cut_off_name,
    misspelt_surname,
    owner_of_first_word,
    spelling_variant,
)
from monitor.nlp.office_holders import (
    head_of_body,
    holds_office,
    introduces_someone,
    ministry_of,
    of_the_named_body,
    same_tense,
    sole_holder,
)
from monitor.nlp.people import introduced_as_person
from monitor.nlp.pipeline import INSTITUTION_SPANS, Institution
from monitor.nlp.roles import has_role_word, role_of, titles_in_use

COURT_WORDS = frozenset({"court", "judges", "judge", "ruling", "judgment", "judgement", "tribunal"})
COURT_BENCH = frozenset({"judges", "justices"})


def _last_word(doc: Doc) -> int:
    """The index of the document's last token that is not space or punctuation."""
    i = len(doc) - 1
    while i > 0 and (doc[i].is_space or doc[i].is_punct):
        i -= 1
    return i


class ActorIndex:
    """The actors of one document and the places they are mentioned, used to
    resolve speakers (surname, title or pronoun) to a canonical actor."""

    def __init__(self, doc: Doc, institutions: dict[str, Institution]):
        self.doc = doc
        self.actors: dict[str, Actor] = {}
        self._by_surname: dict[str, str] = {}
        self._institutions = institutions
        self._named_institutions: dict[str, str] | None = None
        self._definitions = acronym_definitions(text_of(doc))
        self._collect()

    # -- building ---------------------------------------------------------------
    def _country_in(self, start_char: int, end_char: int) -> str | None:
        return country_near(self.doc, start_char, end_char)

    def _add(self, actor: Actor, position: int) -> Actor:
        existing = self.actors.get(actor.id)
        if existing is None:
            self.actors[actor.id] = existing = actor
        else:
            existing.role = existing.role or actor.role
            existing.country = existing.country or actor.country
            if existing.type == "other":
                existing.type = actor.type
            if actor.kind == "person":  # a name the tagger took for a body ("Andrés")
                existing.kind = "person"
        existing.mentions += 1
        existing.positions.append(position)
        return existing

    def _collect(self) -> None:
        doc = self.doc
        institution_spans = list(doc.spans.get(INSTITUTION_SPANS, []))
        country_tokens = {t.i for span in country_spans(doc) for t in span}
        for span in institution_spans:
            info = self._institutions.get(span.id_)
            if info is None:
                continue
            self._add(
                Actor(info.id, info.name, "organisation", info.type, country=info.country),
                span.start_char,
            )
        covered = {t.i for span in institution_spans for t in span}
        definitions = self._definitions
        people = [
            person_name(e) for e in doc.ents if e.label_ == "PERSON" and not self._defined_body(e)
        ]
        # Bylines and photo credits name the reporters; title-case lines make the NER see
        # names in headlines, and in lines of another language. A name only there is none.
        trusted = {
            clean_name(e)
            for e in people
            if not (is_credit(e) or on_headline_line(e) or in_foreign_line(e) or feast_day(e))
            and not place_modifier(e)
        }
        # A name ending like a place ("Linda Park", "Stuart Hall") is a person when the
        # text introduces it as one ("Mayor Linda Park", "Hall said").
        people = [
            e
            for e in people
            if (name := clean_name(e)) in trusted
            and not only_titles(name)
            and (not not_a_name(name) or ends_like_a_place(name) and introduced_as_person(e))
        ]
        short_names: dict[str, tuple[str, int]] = {}
        # Full names first, so a later bare surname finds its owner.
        for ent in sorted(people, key=lambda e: -len(e)):
            name = clean_name(ent)
            parts = name.split()
            if not parts or any(t.i in covered for t in ent) or in_parentheses(ent):
                continue
            if name in self._by_surname:
                continue
            # "Katrin Camilleri" after "Katrine Camilleri"; "Ban" after "Ban Ki-moon".
            same_person = (
                spelling_variant(parts, self._by_surname, lambda known: self.actors[known].name)
                if len(parts) > 1
                else owner_of_first_word(
                    name, {a.id: a.name for a in self.actors.values() if a.kind == "person"}
                )
                or misspelt_surname(name, self._by_surname)
            )
            if same_person is not None:
                self._by_surname[name] = same_person
                continue
            if len(parts) == 1 and not introduced_as_person(ent):
                continue  # a lone capitalised word the NER guessed: "Lampedusa", "Schengen"
            if len(parts) == 1 and (body := short_name_of_body(ent)) is not None:
                short_names[name] = (body, ent.start_char)  # "Borealis" of "Borealis Air"
                continue
            role = role_of(ent)
            country = None
            actor_type = "other"
            if role:
                actor_type = self._role_type(role, ent.start_char)
                country = self._country_from_role(role, ent)
            actor = Actor(slugify(name), name, "person", actor_type, role, country)
            existing = self.actors.setdefault(actor.id, actor)
            if existing is not actor and role:
                # The name often comes first bare (in a standfirst), then with a title.
                if not existing.role:
                    existing.role, existing.type = role, actor_type
                existing.country = existing.country or country
            if len(parts) > 1:
                for key in surname_keys(parts):
                    self._by_surname.setdefault(key, actor.id)
        for ent in sorted(people, key=lambda e: e.start):
            name = clean_name(ent)
            parts = name.split()
            if not parts or any(t.i in covered for t in ent):
                continue
            actor_id = self._by_surname.get(name) or slugify(name)
            actor = self.actors.get(actor_id or slugify(name))
            if actor is None:
                continue
            actor.mentions += 1
            actor.positions.append(ent.start_char)
            covered.update(t.i for t in ent)
        # A bare surname the NER missed or called an organisation ("Roosemont also stressed").
        for token in doc:
            if token.i not in covered and token.text in self._by_surname and token.pos_ == "PROPN":
                actor = self.actors[self._by_surname[token.text]]
                actor.mentions += 1
                actor.positions.append(token.idx)
                covered.add(token.i)
        org_counts: dict[str, int] = {}
        for ent in doc.ents:
            if ent.label_ == "ORG":
                name = organisation_name(ent)
                org_counts[name] = org_counts.get(name, 0) + 1
        bodies = {a.id: a for a in self.actors.values() if a.kind == "organisation"}
        for ent in doc.ents:
            if ent.label_ != "ORG" and not self._defined_body(ent):
                continue
            if any(t.i in covered for t in ent) or not named_beyond_country(ent, country_tokens):
                continue
            if describes_a_holder(ent):
                continue  # its speaker phrase names the holder (phrase_speakers)
            name = organisation_name(ent)
            definition = definitions.get(name)
            if definition is not None and not definition.is_body:
                continue  # "Migrant Protection Protocols (MPP)": a programme, not a body
            full = alias_target(name, bodies.values())
            if full is not None:  # "the Commission" after "the European Commission"
                self._by_surname.setdefault(name, full.id)
                self._add(full, ent.start_char)
                continue
            if definition is not None and name == definition.short:
                # "JTFA" after "Joint Task Force Alpha (JTFA)": the body, by its full name.
                self._by_surname.setdefault(name, slugify(definition.full))
                name = definition.full
            elif not (
                looks_like_organisation(name, org_counts.get(name, 0))
                or names_office_holder(ent)
                or introduced_as_body(ent)
            ):
                continue
            actor_type = organisation_type(ent, name)
            country = self._country_in(ent.start_char, ent.end_char)
            organisation = Actor(slugify(name), name, "organisation", actor_type, country=country)
            body = self._add(organisation, ent.start_char)
            if body.kind == "organisation":
                bodies[body.id] = body
        for short, (body_name, position) in short_names.items():
            # A body the story names by a short name acts in it, named in full or not.
            kind = guess_organisation_type(body_name)
            named = self._add(Actor(slugify(body_name), body_name, "organisation", kind), position)
            self._by_surname.setdefault(short, named.id)
        self.actors = {k: a for k, a in self.actors.items() if a.mentions > 0 and a.id}
        self._type_people_by_affiliation()

    def _defined_body(self, ent: Span) -> bool:
        """ "Joint Smuggling Task Force (JSTF)": a body by the text's own definition,
        whatever label the NER gave it."""
        if not self._definitions:
            return False
        definition = self._definitions.get(organisation_name(ent))
        return definition is not None and definition.is_body

    def _role_type(self, role: str, position: int) -> str:
        """The type a role tells. "Agency spokesman": a generic body in the role is
        the one of its kind named last before (UNHCR, say), and takes its type."""
        # A generic word inside a body's full name ("Internal Displacement Monitoring
        # Center Head") is that body's name, not a pointer to the last body named.
        names = body_names(role)
        bare = re.sub("|".join(re.escape(n) for n in names), " ", role) if names else role
        generic = [w for w in re.findall(r"[a-z]+", bare.lower()) if w in GENERIC_ORGANISATIONS]
        if generic:
            rest = re.sub(rf"\b(?:{'|'.join(generic)})\b", " ", role, flags=re.IGNORECASE)
            if guess_type(rest) == "other":
                body = self.latest_of_type_before(GENERIC_ORGANISATIONS[generic[0]], position)
                if body is not None:
                    return body.type
        return guess_role_type(role)

    def _type_people_by_affiliation(self) -> None:
        """A person with no telling role takes the type of the body named right
        beside them ("Melissa Fleming of UNHCR", "UNHCR's Melissa Fleming"): the
        words between must be few and carry no sentence break."""
        bodies = [
            (position, actor)
            for actor in self.actors.values()
            if actor.kind == "organisation" and actor.type not in {"other", "media"}
            for position in actor.positions
        ]
        text = text_of(self.doc)
        for person in self.actors.values():
            owner = re.match(r"(?:its|their|(?:the )?(\w+)['’]s)\b", person.role or "", re.I)
            kind = (owner.group(1) or "").lower() if owner else ""
            if person.kind == "person" and owner and (not kind or kind in GENERIC_ORGANISATIONS):
                # "Its president, Sylvain Brousseau", "the council's director": an office
                # of the body named before (one of that kind, when the role says which).
                first = min(person.positions, default=0)
                before = [(p, b) for p, b in bodies if p < first and kind in b.name.lower()]
                if before:
                    person.type = max(before, key=lambda item: item[0])[1].type
                    continue
            # "Detention Action director Bella Sankey": the body her role names, first.
            if person.kind == "person" and person.role and person.type in {"other", "government"}:
                named = next((b for _, b in bodies if b.name in person.role), None)
                person.type = named.type if named is not None else person.type
            if person.kind != "person" or person.type != "other" or not person.positions:
                continue
            # Any mention may carry the affiliation: the first is often a bare name
            # in a standfirst, and "UNHCR's Millicent Mutuli" comes later.
            near = [
                (abs(position - mention), actor)
                for mention in person.positions
                for position, actor in bodies
                if beside(text, position, mention)
            ]
            if near:
                person.type = min(near, key=lambda item: item[0])[1].type

    def _country_from_role(self, role: str, person: Span) -> str | None:
        """The country named in a role written next to ``person``."""
        sentence = sentence_of(person[0])
        window_start, window_end = sentence.start_char, sentence.end_char
        for span in countries_between(self.doc, window_start, window_end):
            if span.text.replace("\u2019", "'") in role:
                return span.id_
        for name, country in self._institution_countries().items():
            if name in role:
                return country
        return None

    def _institution_countries(self) -> dict[str, str]:
        """Each national institution's name as the text writes it, with its country,
        in the order of first mention: computed once, since a scan of every mention
        for each person made long texts quadratic."""
        if self._named_institutions is None:
            self._named_institutions = {}
            for span in span_group(self.doc, INSTITUTION_SPANS):
                info = self._institutions.get(span.id_)
                if info and info.country:
                    self._named_institutions.setdefault(
                        span.text.replace("\u2019", "'"), info.country
                    )
        return self._named_institutions

    # -- resolving --------------------------------------------------------------
    def actor_for_span(self, span: Span) -> Actor | None:
        """The actor a speaker span refers to, or None when it names nobody known.

        Tried in order: a person named in the span; an office ("the EU's commissioner")
        resolved to the person who holds it here; an institution; an organisation; a
        bare surname; a pronoun; a generic noun ("the court") resolved to the last one."""
        doc = self.doc
        for ent in entities_within(span):
            if ent.label_ == "PERSON":
                parts = clean_name(person_name(ent)).split()
                if not parts:
                    continue
                name = " ".join(parts)
                if slugify(name) in self.actors:
                    return self.actors[slugify(name)]
                if name in self._by_surname or parts[-1] in self._by_surname:
                    return self.actors.get(
                        self._by_surname.get(name) or self._by_surname[parts[-1]]
                    )
        words = [t for t in span if not t.is_punct]
        head = span.root
        # "the governor said", "the former coach said": the one the text gave that office.
        office = head.lower_
        if (
            (office in ROLE_WORDS or office in PERSON_NOUNS or office in titles_in_use(doc))
            and not any(e.label_ == "PERSON" for e in entities_within(span))
            and not introduces_someone(words)
        ):
            holder = (
                self.latest_with_role_before(office, span.start_char, words)
                or sole_holder(office, words, self.actors.values())
                or head_of_body(office, self._body_in(span), self.actors.values())
            )
            if holder is not None:
                return holder
        found = self._body_in(span)
        if found is None and (again := body_named_by_its_last_word(doc, words)):
            found = self.actors.get(again)  # "The Project found"
        if found:
            return found
        for ent in entities_within(span):
            if ent.label_ == "ORG":
                name = organisation_name(ent)
                if name.lower() in GENERIC_ORGANISATIONS and not name.istitle():
                    continue  # "the NGO said" names the kind ("the Commission" a body)
                owner = programme_owner(ent)
                if owner is not None and (body := self.actor_for_span(owner)) is not None:
                    return body
                if name in self._by_surname:
                    return self.actors.get(self._by_surname[name])
                found = self.actors.get(slugify(name))
                if found:
                    return found
        for token in words:
            # A surname the tagger took for another word ("Rielly" as an adverb) is still
            # the name when it is written with a capital inside a sentence, or opens one
            # as a noun ("Desrochers acknowledged", read as a plural) or as the subject of
            # the speech ("O’Neill said"); "Pruitt-Cole" is not a "Pruitt".
            name_like = (
                token.pos_ == "PROPN"
                or token.is_title
                and (not token.is_sent_start or token.pos_ == "NOUN" or token.dep_ == "nsubj")
            )
            if (key := hyphenated_word(token)) in self._by_surname and name_like:
                return self.actors.get(self._by_surname[key])
        if len(words) == 1 and words[0].lower_ in {"he", "she"}:
            return self.latest_person_before(span.start_char)
        described_court = office == "court" and all(
            t.lower_ in DEFINITE or t.is_lower for t in words[:-1]
        )
        if (office in COURT_BENCH or described_court) and not entities_within(span):
            # "judges found", "top judges concluded": the bench speaks for its court;
            # "the appeals court said": the court named before, by what it is.
            described = [t.lower_ for t in words[:-1] if t.lower_ not in DEFINITE]
            court = self._court_at(span.start_char, described, anaphoric=described_court)
            if court is not None:
                return court
        kind = body_kind(words, doc[span.start - 1] if span.start > 0 else None)
        if kind is not None:
            noun, kinds = kind
            if noun in COURT_WORDS:
                # "the court said", "the judges wrote": the court named last.
                court = self.latest_of_type_before({"court"}, span.start_char)
                if court is not None:
                    return court
            if kinds:
                named = self.latest_named_before(noun, span.start_char)
                # "Interior Minister Aydemir ... The ministry denied": the minister's
                # ministry (named by its speaker phrase), not another state body.
                if named is None and (
                    noun != "ministry" or self.latest_minister_before(span.start_char) is None
                ):
                    named = self.latest_of_type_before(kinds, span.start_char)
                if named is not None:
                    return named
        if len(words) == 1 and words[0].i == _last_word(doc):
            # '"...," says Edwa': the excerpt ends inside the name of someone it named.
            owner = cut_off_name(words[0].text, self._by_surname)
            return self.actors.get(owner) if owner else None
        # "The Deputy Ministry" is a body, though "deputy" is a word of offices.
        body_noun = head.lower_ in GENERIC_ORGANISATIONS
        if words and words[0].lower_ in {"the"} and has_role_word(words[1:]) and not body_noun:
            role_word = next(
                t.lower_
                for t in words
                if t.lower_ in ROLE_WORDS
                or t.lower_.rstrip("s") in ROLE_WORDS
                or t.lower_ in titles_in_use(doc)
            )
            return self.latest_with_role_before(role_word, span.start_char)
        return None

    def latest_before(self, position: int, wanted: Callable[[Actor], bool]) -> Actor | None:
        """The wanted actor whose last mention before ``position`` is the latest."""
        best: tuple[int, Actor] | None = None
        for actor in self.actors.values():
            if not wanted(actor):
                continue
            earlier = [p for p in actor.positions if p < position]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), actor)
        return best[1] if best else None

    def latest_person_before(self, position: int) -> Actor | None:
        return self.latest_before(position, lambda actor: actor.kind == "person")

    def latest_minister_before(self, position: int) -> Actor | None:
        """The person named last before ``position`` whose title names a ministry."""
        return self.latest_before(
            position, lambda actor: actor.kind == "person" and ministry_of(actor.role) is not None
        )

    def latest_of_type_before(
        self, actor_types: set[str] | frozenset[str], position: int
    ) -> Actor | None:
        """The organisation of one of ``actor_types`` mentioned last before ``position``."""
        return self.latest_before(
            position, lambda actor: actor.kind == "organisation" and actor.type in actor_types
        )

    def _court_at(self, position: int, described: list[str], anaphoric: bool) -> Actor | None:
        """The court named last before ``position`` whose name has every word of the
        description ("appeals" of "the appeals court"), else the one court the text
        names (None when several could be meant): "the court" (``anaphoric``) never one
        named only later, a bench ("top judges concluded") any."""
        if not anaphoric:
            described = []
        courts = [a for a in self.actors.values() if a.kind == "organisation" and a.type == "court"]
        fitting = {c.id for c in courts if all(w.rstrip("s") in c.name.lower() for w in described)}
        court = self.latest_before(position, lambda actor: actor.id in fitting)
        if court is not None:
            return court
        named = [c for c in courts if not anaphoric or min(c.positions) < position]
        return named[0] if len(courts) == 1 and named else None

    def latest_named_before(self, noun: str, position: int) -> Actor | None:
        """The organisation named by ``noun`` (actor_filters.named_by_noun) mentioned
        last before ``position``."""
        return self.latest_before(position, lambda actor: named_by_noun(actor, noun))

    def _body_in(self, span: Span) -> Actor | None:
        """The body of the institution list that a phrase names, if any."""
        named = group_spans_overlapping(self.doc, INSTITUTION_SPANS, span.start, span.end)
        return next((self.actors[n.id_] for n in named if n.id_ in self.actors), None)

    def latest_with_role_before(
        self, role_word: str, position: int, phrase: Sequence[Token] = ()
    ) -> Actor | None:
        return self.latest_before(
            position,
            lambda actor: (
                holds_office(actor.role, role_word)
                and of_the_named_body(actor.role, phrase)
                and same_tense(actor.role, phrase)
            ),
        )

    def add_speaker(
        self,
        name: str,
        kind: str,
        actor_type: str,
        position: int,
        role: str | None = None,
        country: str | None = None,
    ) -> Actor:
        """Register a speaker named only by office or group ("human rights groups")."""
        definition = self._definitions.get(name)
        if kind == "organisation" and definition is not None and definition.is_body:
            name = definition.full  # "JSTF said", after "Joint Smuggling Task Force (JSTF)"
        actor = self._add(Actor(slugify(name), name, kind, actor_type, role, country), position)
        parts = name.split()
        if kind == "person" and len(parts) > 1 and all(p[:1].isupper() for p in parts):
            # A person the NER missed, named in full: "Caron" later is them.
            self._by_surname.setdefault(parts[-1], actor.id)
        return actor

    def as_list(self, speakers: set[str] | None = None) -> list[dict[str, Any]]:
        """The actors, most mentioned first. With ``speakers`` (the ids of the document's
        speakers), an organisation is listed only when it speaks or acts in the story:
        named once in passing ("a report by the Brookings Institution") it is not an
        actor of it (annotation rules, Actors)."""
        # Only needed when the text defines acronyms; most texts define none.
        known = {info.id for info in self._institutions.values()} if self._definitions else set()

        actors = list(self.actors.values())

        def listed_here(actor: Actor) -> bool:
            # A speaker is always listed: its statements point at its row.
            if speakers is not None and actor.id in speakers:
                return True
            if (
                names_nobody(actor)
                or undefined_body(actor, self._definitions, known)
                or stands_for_named(actor, actors, self.doc)
                or cut_off(actor, actors)
                or is_outlet(actor, self.doc)
            ):
                return False
            if speakers is None or actor.kind != "organisation":
                return True
            return acts(actor, self.doc)

        listed = [a for a in self.actors.values() if listed_here(a)]
        rows = []
        for actor in sorted(listed, key=lambda a: (-a.mentions, a.name)):
            row = actor.as_dict()
            if names_members(actor):
                row["kind"] = "group"  # "MEPs said": members speaking together
            rows.append(row)
        return rows
