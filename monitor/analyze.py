"""``analyze(text) -> Analysis``: the pure heart of the monitor.

No database and no network: the same function serves ``monitor analyze``,
``monitor process`` and any process pool or distributed engine mapped over
texts. The returned dict is the Analysis JSON of ``architecture.md``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from monitor import __version__
from monitor.classify import load_classifier
from monitor.nlp.actors import ActorIndex
from monitor.nlp.countries import countries_in
from monitor.nlp.doc_cache import sentences
from monitor.nlp.figures import YEAR, figures_in
from monitor.nlp.pipeline import load_institutions, load_pipeline
from monitor.nlp.statements import statements_in
from monitor.settings import Settings

SPACY_BATCH_SIZE = 16
FIGURE_LABEL_SCORE = 0.5  # a sentence with a label this likely holds migration figures
# Words that make a number in a relevant article a migration figure even when the
# sentence has no migration term of its own ("80 per cent of applicants arrive ...").
FIGURE_CONTEXT = re.compile(
    r"\b(applica\w+|arriv\w+|returns?|returned|crossings?|deport\w*|refugees?|migra\w+|"
    r"asylum|borders?|detain\w*|detention|resettle\w*|relocat\w*|visas?|permits?|protection|"
    r"displaced|boats?|reception|beds|accommodation|rescued|drowned|missing|dead|deaths)\b",
    re.I,
)


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

    @property
    def version(self) -> str:
        """Identifies everything that shapes an analysis; stored with each article."""
        meta = self.nlp.meta
        return (
            f"monitor-{__version__}+{meta.get('name')}-{meta.get('version')}"
            f"+{self.classifier.version}"
        )

    def analyze(self, text: str, force: bool = False) -> dict[str, Any]:
        """Analysis of one text. Texts the relevance gate rejects get empty lists
        unless ``force`` is true."""
        return next(self.analyze_many([text], force=force))

    def analyze_many(self, texts: Iterable[str], force: bool = False) -> Iterator[dict[str, Any]]:
        """Analyses in input order; spaCy runs batched over the relevant texts only."""
        texts = [self._prepare(text) for text in texts]
        gate = [self.classifier.relevance_score(text) for text in texts]
        threshold = self.settings.relevance_threshold
        wanted = [i for i, score in enumerate(gate) if force or score >= threshold]
        docs = dict(
            zip(
                wanted,
                self.nlp.pipe((texts[i] for i in wanted), batch_size=SPACY_BATCH_SIZE),
                strict=True,
            )
        )
        for i, score in enumerate(gate):
            relevant = score >= threshold
            if i not in docs:
                yield empty_analysis(score, relevant)
            else:
                yield self._analyse_doc(docs[i], score, relevant)

    def _prepare(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text[: self.settings.max_analyze_chars]

    def _analyse_doc(self, doc: Doc, score: float, relevant: bool) -> dict[str, Any]:
        threshold = self.settings.label_threshold
        classifier = self.classifier
        countries = countries_in(doc)
        actors = ActorIndex(doc, self.institutions)
        statements = statements_in(doc, actors)
        # Classified as the sentence a reader sees: who, the cue ("warned that"), what.
        texts = [" ".join(filter(None, (s["speaker"], s["cue"], s["content"]))) for s in statements]
        sentence_texts = [sentence.text.strip() for sentence in sentences(doc)]
        # One scoring pass over statements and sentences: the classifier's cost is
        # mostly turning text into features, which is cheapest done in one batch.
        scores = classifier.score_texts(texts + sentence_texts)
        statement_scores, sentence_scores = scores[: len(texts)], scores[len(texts) :]
        stances = classifier.stances(texts, [s["speaker_type"] for s in statements])
        for statement, label_scores, (stance, score) in zip(
            statements, statement_scores, stances, strict=True
        ):
            labels = classifier.above_threshold(label_scores, threshold)
            statement["label_scores"] = labels
            statement["labels"] = [item["label"] for item in labels]
            statement["stance"], statement["stance_score"] = stance, score
        migration_sentences = {
            text
            for text, label_scores in zip(sentence_texts, sentence_scores, strict=True)
            if self._about_migration(text, label_scores)
        }
        default_country = countries[0]["iso3"] if countries else None
        figures = [
            figure
            for figure in figures_in(doc, default_country, _main_year(doc))
            if figure["sentence"] in migration_sentences
        ]
        labels = classifier.best_labels(scores, threshold)
        return {
            "relevant": relevant,
            "relevance_score": score,
            "labels": labels,
            "countries": countries,
            "actors": actors.as_list(),
            "figures": figures,
            "statements": statements,
        }

    def _about_migration(self, sentence: str, label_scores: dict[str, float]) -> bool:
        """Whether numbers in this sentence are migration figures."""
        if FIGURE_CONTEXT.search(sentence) or self.classifier.rules.mentions_migration(sentence):
            return True
        return any(score >= FIGURE_LABEL_SCORE for score in label_scores.values())


def _main_year(doc: Doc) -> int | None:
    """The year the text mostly speaks of, from its DATE entities."""
    years = Counter(
        int(match.group(0))
        for ent in doc.ents
        if ent.label_ == "DATE"
        for match in [YEAR.search(ent.text)]
        if match
    )
    return years.most_common(1)[0][0] if years else None


def analysis_for_output(analysis: dict[str, Any]) -> dict[str, Any]:
    """The public JSON: internal ids and helper fields removed from statements."""
    public = dict(analysis)
    public["statements"] = [
        {k: v for k, v in statement.items() if k not in {"speaker_id", "label_scores"}}
        for statement in analysis["statements"]
    ]
    public["figures"] = [
        {k: v for k, v in f.items() if k != "sentence"} for f in analysis["figures"]
    ]
    public["actors"] = [{k: v for k, v in a.items() if k != "id"} for a in analysis["actors"]]
    return public
