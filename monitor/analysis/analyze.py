"""``analyze(text) -> Analysis``: the pure heart of the monitor.

No database and no network: the same function serves ``monitor analyze``,
``monitor process`` and any process pool or distributed engine mapped over
texts. The returned dict is the Analysis JSON described in ``docs/architecture.md``.

Long texts (a 60-page policy PDF) go through spaCy in sections cut at
paragraph breaks (``analyze_section_chars``), so the parser's memory stays
bounded; the section docs are joined back into one Doc whose text is exactly
the input, so every offset still points into the full text. When the text
came from a PDF, its page offsets give each figure and statement a ``page``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from monitor import __version__
from monitor.classify.classifier import load_classifier
from monitor.classify.training_data import statement_text
from monitor.nlp.actors import ActorIndex
from monitor.nlp.countries import (
    countries_in,
    country_salience,
    dominant_country,
    place_codes,
)
from monitor.nlp.doc_cache import sentences
from monitor.nlp.figures import figures_in
from monitor.nlp.furniture import unwrap_lines
from monitor.nlp.pipeline import load_adjectives, load_institutions, load_pipeline
from monitor.nlp.statement_countries import attach_statement_countries
from monitor.nlp.statements import statements_in
from monitor.pages import page_at
from monitor.settings import Settings

SPACY_BATCH_SIZE = 16


def empty_analysis(relevance_score: float, relevant: bool) -> dict[str, Any]:
    return {
        "relevant": relevant,
        "relevance_score": relevance_score,
        "labels": [],
        "countries": [],
        "actors": [],
        "figures": [],
        "statements": [],
    }


class Analyzer:
    """Holds the loaded spaCy pipeline, institutions and classifier for one process."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.nlp = load_pipeline(settings.spacy_model, settings.models_dir)
        self.classifier = load_classifier(settings.models_dir)
        self.institutions = load_institutions(settings.models_dir)
        # A state's own bodies (a ministry, a court) say whose story it is; an NGO's
        # seat ("Sea-Watch", German) does not.
        self.body_countries = {
            key: body.country
            for key, body in self.institutions.items()
            if body.country and body.type in {"government", "court"}
        }
        self.adjectives = load_adjectives(settings.models_dir)

    @property
    def version(self) -> str:
        """Identifies everything that shapes an analysis; stored with each article."""
        meta = self.nlp.meta
        return (
            f"monitor-{__version__}+{meta.get('name')}-{meta.get('version')}"
            f"+{self.classifier.version}"
        )

    def analyze(
        self,
        text: str,
        force: bool = False,
        page_starts: Sequence[int] | None = None,
        published_at: str | None = None,
    ) -> dict[str, Any]:
        """Analysis of one text. Texts the relevance gate rejects get empty lists
        unless ``force`` is true. ``page_starts`` (a PDF's page offsets) adds a
        ``page`` to every figure and statement. ``published_at`` (ISO date) anchors
        "this year" and "last year" in figures; without it they get no year."""
        return next(
            self.analyze_many(
                [text], force=force, page_starts=[page_starts], published=[published_at]
            )
        )

    def analyze_many(
        self,
        texts: Iterable[str],
        force: bool = False,
        page_starts: Sequence[Sequence[int] | None] | None = None,
        published: Sequence[str | None] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Analyses in input order; spaCy runs batched over the relevant texts only.
        ``page_starts``, when given, holds each text's page offsets (or None);
        ``published`` each text's publication date (or None)."""
        texts = [self._prepare(text) for text in texts]
        gate = self.classifier.relevance_scores(texts)
        threshold = self.settings.relevance_threshold
        wanted = [i for i, score in enumerate(gate) if force or score >= threshold]
        docs = self._docs([texts[i] for i in wanted])
        readings = {
            i: self._read(doc, published_year(published[i] if published else None))
            for i, doc in zip(wanted, docs, strict=True)
        }
        # The classifier scores every text of the batch at once: scikit-learn's
        # fixed cost per call would otherwise dominate short articles.
        self._classify(list(readings.values()))
        for i, score in enumerate(gate):
            relevant = score >= threshold
            if i not in readings:
                yield empty_analysis(score, relevant)
                continue
            analysis = readings.pop(i).analysis(score, relevant)
            if page_starts is not None and page_starts[i]:
                attach_pages(analysis, page_starts[i])
            yield analysis

    def _docs(self, texts: list[str]) -> Iterator[Doc]:
        """One Doc per text; long texts are parsed section by section and joined."""
        sections = [split_sections(text, self.settings.analyze_section_chars) for text in texts]
        parsed = self._parse([section for parts in sections for section in parts])
        for parts in sections:
            pieces = [next(parsed) for _ in parts]
            # ensure_whitespace=False: the sections carry their own separators,
            # so the joined text (and every offset) equals the input.
            yield pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces, ensure_whitespace=False)

    def _parse(self, pieces: list[str]) -> Iterator[Doc]:
        """spaCy over ``pieces``, at most ``SPACY_BATCH_SIZE`` of them and about
        ``analyze_section_chars`` characters at a time: the parser's memory grows
        with the characters in a batch, so sixteen 20,000-character sections of
        one long report would cost as much as parsing the report whole."""
        limit = self.settings.analyze_section_chars
        batch: list[str] = []
        chars = 0
        for piece in pieces:
            if batch and (len(batch) == SPACY_BATCH_SIZE or chars + len(piece) > limit):
                yield from self.nlp.pipe(batch, batch_size=len(batch))
                batch, chars = [], 0
            batch.append(piece)
            chars += len(piece)
        if batch:
            yield from self.nlp.pipe(batch, batch_size=len(batch))

    def _prepare(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return unwrap_lines(text[: self.settings.max_analyze_chars])

    def _read(self, doc: Doc, year: int | None) -> _Reading:
        """Everything spaCy and the rules find in one document; the classifier's
        scores are added for the whole batch by ``_classify``."""
        countries = countries_in(doc)
        actors = ActorIndex(doc, self.institutions)
        # The country the article is most about, by where its mentions stand
        # (dateline, lead) and what they do, not by count alone: a figure with no
        # place of its own and "the government" with no country belong to it.
        salience = country_salience(
            doc, place_codes(self.settings.models_dir), self.body_countries
        )
        main_country = next(iter(salience), None)
        statements = statements_in(doc, actors, main_country, self.adjectives)
        attach_statement_countries(doc, statements, actors)
        return _Reading(
            countries=countries,
            actors=actors.as_list({s["speaker_id"] for s in statements if s.get("speaker_id")}),
            statements=statements,
            # Classified as the sentence a reader sees: who, the cue ("warned that"), what.
            statement_texts=[
                statement_text(s["speaker"], s["cue"], s["content"]) for s in statements
            ],
            sentence_texts=[sentence.text.strip() for sentence in sentences(doc)],
            # Every figure of a relevant article is kept: measured on real reporting,
            # keeping only those in sentences the classifier calls migration ones lost
            # more true figures ("two trucks had already left") than it removed noise.
            figures=figures_in(doc, main_country, year, dominant_country(salience)),
        )

    def _classify(self, readings: list[_Reading]) -> None:
        """Labels and stance of every statement, and the article labels, for a batch."""
        classifier = self.classifier
        threshold = self.settings.label_threshold
        # One scoring pass over statements and sentences: the classifier's cost is
        # mostly turning text into features, which is cheapest done in one batch.
        scores = iter(
            classifier.score_texts(
                [t for r in readings for t in r.statement_texts + r.sentence_texts]
            )
        )
        stances = iter(
            classifier.stances(
                [t for r in readings for t in r.statement_texts],
                [s["speaker_type"] for r in readings for s in r.statements],
            )
        )
        for reading in readings:
            own = [next(scores) for _ in reading.statement_texts + reading.sentence_texts]
            # (The stance's score has its own name: ``score`` is the relevance.)
            reading.text_label_scores = own
            reading.labels = classifier.best_labels(
                own, len(reading.statement_texts), reading.words
            )
            # A statement's labels are among its article's (docs/annotation.md): a
            # label the article is not about is a word the statement happens to use.
            # On the dev split this took statement-label precision from 0.64 to
            # 0.77 at the same recall (0.44).
            article_labels = {item["label"] for item in reading.labels}
            for statement, label_scores in zip(reading.statements, own, strict=False):
                labels = [
                    item
                    for item in classifier.above_threshold(label_scores, threshold)
                    if item["label"] in article_labels
                ]
                statement["label_scores"] = labels
                statement["labels"] = [item["label"] for item in labels]
                statement["stance"], statement["stance_score"] = next(stances)


@dataclass
class _Reading:
    """One document's findings on their way to becoming its Analysis."""

    countries: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    statement_texts: list[str]
    sentence_texts: list[str]
    figures: list[dict[str, Any]]
    labels: list[dict[str, Any]] = field(default_factory=list)
    text_label_scores: list[dict[str, float]] = field(default_factory=list)

    @property
    def words(self) -> str:
        """The article's words, as the article-label model reads them."""
        return " ".join(self.sentence_texts)

    def analysis(self, score: float, relevant: bool) -> dict[str, Any]:
        return {
            "relevant": relevant,
            "relevance_score": score,
            "labels": self.labels,
            # What the article labels were decided from, for `monitor calibrate`: the
            # label scores of the statements, then of the sentences. Not public.
            "_label_evidence": {
                "texts": self.text_label_scores,
                "statements": len(self.statement_texts),
                "words": self.words,
            },
            "countries": self.countries,
            "actors": self.actors,
            "figures": self.figures,
            "statements": self.statements,
        }


SECTION_BREAKS = ("\n\n", "\n", ". ", " ")  # preferred cut points, best first


def split_sections(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``size`` characters,
    each ending at a paragraph break where possible; ``"".join`` gives ``text`` back."""
    if len(text) <= size:
        return [text]
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for separator in SECTION_BREAKS:
            position = window.rfind(separator, size // 2)
            if position > 0:
                cut = position + len(separator)
                break
        cut = cut or size  # one unbroken run of characters: cut it anywhere
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def attach_pages(analysis: dict[str, Any], page_starts: Sequence[int]) -> dict[str, Any]:
    """Add the page number (1-based) where each figure and statement starts."""
    for item in (*analysis["figures"], *analysis["statements"]):
        item["page"] = page_at(page_starts, item["start"])
    return analysis


def published_year(published_at: str | None) -> int | None:
    """The year of an ISO publication date, or None when it is missing or malformed."""
    match = re.match(r"(\d{4})-", published_at or "")
    return int(match.group(1)) if match else None


def analysis_for_output(analysis: dict[str, Any]) -> dict[str, Any]:
    """The public JSON: internal ids and helper fields removed from statements."""
    public = {key: value for key, value in analysis.items() if not key.startswith("_")}
    public["statements"] = [
        {k: v for k, v in statement.items() if k not in {"speaker_id", "label_scores"}}
        for statement in analysis["statements"]
    ]
    public["figures"] = [
        {k: v for k, v in f.items() if k != "sentence"} for f in analysis["figures"]
    ]
    public["actors"] = [{k: v for k, v in a.items() if k != "id"} for a in analysis["actors"]]
    return public
