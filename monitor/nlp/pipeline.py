"""The spaCy pipeline: the statistical English model plus the monitor's
pattern rulers and components, loaded once per process."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span

from monitor.nlp import people  # noqa: F401 - registers the monitor_people_v1 component
from monitor.nlp.datelines import datelines
from monitor.nlp.gazetteer import AMBIGUOUS_COUNTRY_LABEL, CAPITAL_LABEL, load_yaml, slugify
from monitor.nlp.lexicon import TITLES_WITH_STOPS

COUNTRY_SPANS = "countries"
INSTITUTION_SPANS = "institutions"
# NER labels under which an ambiguous form ("Jordan", "Georgia", "Chad") is a place.
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Words right before a name that make it a place: "fled to Chad", "neighbouring Jordan".
PLACE_PREPOSITIONS = frozenset(
    {"to", "in", "into", "inside", "across", "via", "through", "neighbouring", "neighboring"}
)
# Institution types whose name, when it holds a country, refers to that country.
NATIONAL_TYPES = frozenset({"government", "court", "party"})
# A country form followed by one of these names something else: "Indian Ocean",
# "Khartoum Process", "Dublin Regulation", "Rome Statute", "English Channel".
NOT_COUNTRY_BEFORE = frozenset(
    [
        "Ocean",
        "Sea",
        "Process",
        "Statute",
        "Treaty",
        "Regulation",
        "Regulations",
        "Convention",
        "Protocol",
        "Declaration",
        "Channel",
        "Agreement",
        "Plan",
        "Pact",
        "Club",
        "Rules",
        "Principles",
        "Strait",
        "Gulf",
        "Basin",
        "Peninsula",
    ]
)
# A capital followed by one of these names an instrument, not the country:
# "Dublin rules", "Dublin transfers", "Rabat process", "Rome statute".
INSTRUMENT_NOUNS = frozenset(
    "rules system transfers transfer regulation process procedure procedures statute treaty "
    "convention agreement declaration protocol criteria cases case returns unit".split()
)
# A country form after one of these is a region: "Central American", "Latin America".
NOT_COUNTRY_AFTER = frozenset({"Central", "Latin", "South", "North", "Sub-Saharan", "West", "East"})


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    type: str
    country: str | None


@Language.component("monitor_line_breaks_v1")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: extracted text puts headlines, crossheads
    and paragraphs on lines of their own, and a headline has no full stop. So
    does a dateline's dash."""
    # "ADRE, Chad — More than 12,000 people crossed ..., the agency says": read as
    # one sentence with its dateline, the parse roots on the dateline and loses the
    # report.
    dateline_ends = {end for _, end in datelines(doc.text)}
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if (
            "\n" in previous.whitespace_
            or previous.is_space
            and "\n" in previous.text
            or token.idx in dateline_ends
        ):
            token.is_sent_start = True
    return doc


@Language.factory("monitor_country_resolver_v1")
def make_country_resolver(nlp: Language, name: str) -> CountryResolver:
    return CountryResolver()


# Words before a listed international body's name that still name it ("UN Human
# Rights Council").
SAME_BODY_PREFIXES = frozenset({"The", "UN", "U.N.", "United", "Nations", "EU", "E.U.", "European"})


def _part_of_a_longer_name(span: Span) -> bool:
    """ "Morocco's National Human Rights Council (CNDH)": a national body whose name
    holds a listed international one's. The model reads one longer name, and the
    capitalised word before the listed words makes it another body."""
    doc = span.doc
    if span.start == 0 or span.label_ in NATIONAL_TYPES:
        return False
    before = doc[span.start - 1]
    return (
        span[0].ent_iob_ == "I"
        and before.ent_type_ == "ORG"
        and before.is_title
        and before.text not in SAME_BODY_PREFIXES
    )


# Between two items of a list of countries: "Niger (2,980), Mali (2,107) and".
LIST_SEPARATOR = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+)?")


def _listed_with_a_country(spans: list[Span], place_forms: set[str]) -> set[Span]:
    """ "nationals of Niger (2,980), Mali (2,107), Bangladesh (1,650)": names in one
    list with a name that is surely a country are countries, though the model took
    "Niger" for a body and "Mali" for a person. Each run of names joined only by
    commas, "and", "or" and bracketed figures counts when one of its names is no
    ambiguous form or is seen as a place elsewhere."""
    text = spans[0].doc.text if spans else ""
    runs: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: s.start_char):
        if runs and LIST_SEPARATOR.fullmatch(text[runs[-1][-1].end_char : span.start_char]):
            runs[-1].append(span)
        else:
            runs.append([span])
    return {
        span
        for run in runs
        if len(run) > 1
        and any(s.label_ != AMBIGUOUS_COUNTRY_LABEL or s.text in place_forms for s in run)
        for span in run
    }


class CountryResolver:
    """Keeps country matches that really refer to a country.

    Drops a match that lies inside a person's name ("Jordan Bardella") or an
    institution's name ("Danish Refugee Council"), and keeps an ambiguous form
    only where the statistical NER also sees a place or nationality there. First
    drops the institution matches that are part of a longer name of another body
    (``_part_of_a_longer_name``), so their words count as neither.
    """

    def __call__(self, doc: Doc) -> Doc:
        institutions = [
            i for i in doc.spans.get(INSTITUTION_SPANS, []) if not _part_of_a_longer_name(i)
        ]
        doc.spans[INSTITUTION_SPANS] = institutions
        entities = list(doc.ents)  # doc.ents builds every entity anew on each read
        kept: list[Span] = []
        places: list[Span] = []
        found = [
            (span, [e for e in entities if e.start < span.end and span.start < e.end])
            for span in doc.spans.get(COUNTRY_SPANS, [])
        ]
        # One sense per text: a form the NER sees as a place once ("Chad") is the place
        # wherever else the text writes it.
        place_forms = {
            span.text
            for span, overlapping in found
            if any(e.label_ in PLACE_LABELS for e in overlapping)
        }
        listed = _listed_with_a_country([span for span, _ in found], place_forms)
        for span, overlapping in found:
            preceding = doc[span.start - 1].lower_ if span.start > 0 else ""
            # "fled to Chad", "in neighbouring Jordan": where people go or are is a place.
            seen_as_place = (
                span.text in place_forms or preceding in PLACE_PREPOSITIONS or span in listed
            )
            person = next((e for e in overlapping if e.label_ == "PERSON"), None)
            if person is not None:
                # The small model calls some capitals and countries people ("Dakar",
                # "Mali"); a PERSON that is exactly an unambiguous place name is a place.
                if (person.start, person.end) != (span.start, span.end) or (
                    span.label_ == AMBIGUOUS_COUNTRY_LABEL and not seen_as_place
                ):
                    continue
                places.append(Span(doc, span.start, span.end, label="GPE"))
            # "Danish Refugee Council" works everywhere: its adjective is not a
            # mention of Denmark; "Belgium's Immigration Office" is one of Belgium.
            if any(
                i.start <= span.start and span.end <= i.end and i.label_ not in NATIONAL_TYPES
                for i in institutions
            ):
                continue
            following = doc[span.end].text if span.end < len(doc) else ""
            if span.label_ in {CAPITAL_LABEL, AMBIGUOUS_COUNTRY_LABEL} and (
                following.lower() in INSTRUMENT_NOUNS
            ):
                continue
            if following in NOT_COUNTRY_BEFORE or (
                span.start > 0
                and doc[span.start - 1].text in NOT_COUNTRY_AFTER
                and span.id_ in {"USA", "ZAF", "KOR", "PRK"}
            ):
                continue
            if span.label_ == AMBIGUOUS_COUNTRY_LABEL and not seen_as_place:
                continue
            kept.append(span)
        doc.spans[COUNTRY_SPANS] = kept
        if places:
            spans = {(p.start, p.end) for p in places}
            doc.ents = [e for e in doc.ents if (e.start, e.end) not in spans] + places
        return doc


@functools.lru_cache(maxsize=4)
def load_institutions(models_dir: str) -> dict[str, Institution]:
    """The curated institutions list, keyed by the slug of the canonical name."""
    entries = load_yaml(Path(models_dir) / "institutions.yaml") or []
    return {
        slugify(entry["name"]): Institution(
            id=slugify(entry["name"]),
            name=entry["name"],
            type=entry.get("type", "other"),
            country=entry.get("country"),
        )
        for entry in entries
    }


@functools.lru_cache(maxsize=4)
def load_adjectives(models_dir: str) -> dict[str, str]:
    """Each country's adjective ("PAK" -> "Pakistani"): the first demonym listed,
    which names a country's generic bodies ("Pakistani government")."""
    aliases = load_yaml(Path(models_dir) / "country_aliases.yaml") or {}
    return {
        iso3: entry["demonyms"][0]
        for iso3, entry in aliases.items()
        if isinstance(entry, dict) and entry.get("demonyms")
    }


@functools.lru_cache(maxsize=4)
def load_pipeline(model_name: str, models_dir: str) -> Language:
    """spaCy's English pipeline with the country and institution rulers added.

    Cached per process: loading costs about a second and workers reuse it.
    """
    nlp = spacy.load(model_name)
    # '"...," Cpl. Martine Gagnon said': split off, the full stop of a title ends a
    # sentence for the parser, and the quote loses its speaker.
    for title in TITLES_WITH_STOPS:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    nlp.add_pipe("monitor_line_breaks_v1", before="parser")
    patterns_dir = Path(models_dir) / "patterns"
    for spans_key, file_name in (
        (COUNTRY_SPANS, "countries.jsonl"),
        (INSTITUTION_SPANS, "institutions.jsonl"),
    ):
        ruler = nlp.add_pipe(
            "span_ruler",
            name=f"{spans_key}_ruler",
            config={
                "spans_key": spans_key,
                "phrase_matcher_attr": "ORTH",
                # "Democratic Republic of the Congo" wins over "Congo" inside it.
                "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            },
        )
        patterns: list[dict[str, Any]] = []
        path = patterns_dir / file_name
        if path.exists():
            import srsly

            patterns = list(srsly.read_jsonl(path))
        ruler.add_patterns(patterns)
    nlp.add_pipe("monitor_people_v1", last=True)
    nlp.add_pipe("monitor_country_resolver_v1", last=True)
    return nlp
