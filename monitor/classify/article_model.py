"""Article labels from what the label model says of every text of the article.

The label models score one statement or sentence at a time. Whether an article
is about a label is a second question: a report on an offshore deal may have
three sentences about it among thirty, an article on arrivals may have one
sentence on integration that says nothing of its subject. A fixed share
threshold per label, chosen on 47 dev articles, could not learn a label that
appears in two or three of them ("externalisation" needed a quarter of the
article's texts and was missed in most articles about a deal with a third
country).

This model reads five summaries of the label model's probabilities over the
article's texts, and what a model of the article's own words says
(``article_words``), as ``FEATURES``, and gives the probability that the article
is about the label: one logistic regression for every label, with an intercept
of its own per label, so that rare labels learn from the shape that all labels
share. It is fitted on gold article labels (``monitor calibrate``) and stored as
plain JSON (``ARTICLE_MODEL_FILE``): coefficients and a vocabulary, no code.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from monitor.classify.article_words import WordModel, fit_word_model

ARTICLE_MODEL_FILE = "article_labels.json"
# A text counts towards the article's share of a label from this probability on:
# the label model's own even odds.
TEXT_PROBABILITY = 0.5
FEATURES = (
    "share",  # the part of the texts at TEXT_PROBABILITY or more
    "mean",  # the mean probability over all texts
    "best",  # the highest probability of any text
    "best_three",  # the mean of the three highest
    "best_statement",  # the highest of a statement: what readers cite
    "words",  # the article word model's probability
)
# The word model's probabilities that the regression learns from are each
# article's as a model fitted without it gives them (out of fold): fitted with
# it, the word model all but knows the gold and the regression would trust it
# alone.
WORD_FOLDS = 5
WORD_FOLDS_SEED = 20261207
# Regularisation, chosen by five-fold cross-validation over the gold articles
# (QUALITY.md): C 0.3, 1 and 3 and the variants of the features scored within
# 0.02 macro F1 of each other.
ARTICLE_MODEL_C = 1.0
# Each label's decision threshold is the one of THRESHOLD_GRID with the best F1
# among those whose precision reaches ARTICLE_LABEL_PRECISION, on the gold
# articles' held-out probabilities (THRESHOLD_FOLDS folds): a rare label that the
# model is sure of when it says it (conditionality, information campaigns) is
# tagged from a lower probability than one that every story with a number
# touches (asylum figures). A label no threshold makes precise enough keeps the
# model's even odds.
ARTICLE_LABEL_PRECISION = 0.75
ARTICLE_LABEL_PROBABILITY = 0.5
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * step, 2) for step in range(13))  # 0.2 to 0.8
THRESHOLD_FOLDS = 5
THRESHOLD_FOLDS_SEED = 20261208


def label_features(
    scored: Sequence[dict[str, float]], statements: int, label: str, words: float
) -> list[float]:
    """``FEATURES`` of one label over an article's texts: ``scored`` holds the label
    scores of its ``statements`` first, then those of its sentences; ``words`` is
    the word model's probability."""
    if not scored:
        return [0.0] * (len(FEATURES) - 1) + [words]
    probabilities = [scores.get(label, 0.0) for scores in scored]
    ranked = sorted(probabilities, reverse=True)
    return [
        sum(p >= TEXT_PROBABILITY for p in probabilities) / len(probabilities),
        sum(probabilities) / len(probabilities),
        ranked[0],
        sum(ranked[:3]) / len(ranked[:3]),
        max(probabilities[:statements], default=0.0),
        words,
    ]


@dataclass(frozen=True)
class ArticleLabelModel:
    """Shared weights of ``FEATURES``, each label's intercept, and the word model."""

    weights: tuple[float, ...]
    intercepts: dict[str, float]
    words: WordModel
    # Each label's probability from which an article is tagged with it.
    thresholds: dict[str, float] = field(default_factory=dict)
    # Which label models' scores it learnt from (their training data's hash).
    label_models: str = ""

    def probabilities(
        self, scored: Sequence[dict[str, float]], statements: int, text: str = ""
    ) -> dict[str, float]:
        """Each known label's probability that the article of words ``text`` is
        about it."""
        said = self.words.probabilities(text)
        result = {}
        for label, intercept in self.intercepts.items():
            features = label_features(scored, statements, label, said.get(label, 0.0))
            z = intercept + sum(w * f for w, f in zip(self.weights, features, strict=True))
            result[label] = round(1.0 / (1.0 + math.exp(-z)), 4)
        return result

    def tagged(
        self, scored: Sequence[dict[str, float]], statements: int, text: str = ""
    ) -> dict[str, float]:
        """The labels the article is about (probability from the label's threshold
        on), each with its probability."""
        return {
            label: probability
            for label, probability in self.probabilities(scored, statements, text).items()
            if probability >= self.thresholds.get(label, ARTICLE_LABEL_PROBABILITY)
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "intercepts": {label: round(b, 6) for label, b in sorted(self.intercepts.items())},
            "thresholds": dict(sorted(self.thresholds.items())),
            "label_models": self.label_models,
            "word_model": self.words.as_json(),
        }


SAVED_KEYS = ("weights", "intercepts", "word_model", "thresholds")


class ArticleModelError(ValueError):
    """The saved article-label model does not fit this version of the monitor."""


def load_article_model(models_dir: Path) -> ArticleLabelModel | None:
    """The fitted model in ``models_dir``, or None before ``monitor calibrate``."""
    path = models_dir / ARTICLE_MODEL_FILE
    if not path.exists():
        return None
    saved = json.loads(path.read_text(encoding="utf-8"))
    if saved.get("features") != list(FEATURES):
        raise ArticleModelError(
            f"{path} reads the features {saved.get('features')}, this monitor computes"
            f" {list(FEATURES)}; run `monitor calibrate` again"
        )
    missing = [key for key in SAVED_KEYS if key not in saved]
    if missing:
        raise ArticleModelError(
            f"{path} has no {', '.join(missing)}: saved by another version of the"
            " monitor; run `monitor calibrate` again"
        )
    return ArticleLabelModel(
        tuple(saved["weights"]),
        dict(saved["intercepts"]),
        WordModel.from_json(saved["word_model"]),
        {label: float(t) for label, t in saved["thresholds"].items()},
        str(saved.get("label_models", "")),
    )


Article = tuple[Sequence[dict[str, float]], int, set[str], str]
"""One gold article: the label scores of its texts, how many of them (first) are
statements, its gold labels and its words."""


def held_out_words(articles: Sequence[Article], labels: Sequence[str]) -> list[dict[str, float]]:
    """Each article's word-model probabilities from a model fitted on the other folds."""
    said: list[dict[str, float]] = [{} for _ in articles]
    folds = KFold(min(WORD_FOLDS, len(articles)), shuffle=True, random_state=WORD_FOLDS_SEED)
    for train, held in folds.split(articles):
        words = fit_word_model(
            [articles[i][3] for i in train], [articles[i][2] for i in train], labels
        )
        for i in held:
            said[i] = words.probabilities(articles[i][3])
    return said


def fit_article_model(
    articles: Sequence[Article],
    labels: Sequence[str],
    c: float = ARTICLE_MODEL_C,
    label_models: str = "",
) -> ArticleLabelModel:
    """The weights fitted on every article, and each label's threshold chosen on
    the probabilities of models fitted without the article."""
    model = _fit_weights(articles, labels, c)
    held_out: list[dict[str, float]] = [{} for _ in articles]
    if len(articles) >= THRESHOLD_FOLDS:
        folds = KFold(THRESHOLD_FOLDS, shuffle=True, random_state=THRESHOLD_FOLDS_SEED)
        for train, held in folds.split(articles):
            try:
                fold_model = _fit_weights([articles[i] for i in train], labels, c)
            except ArticleModelError:  # a fold with one answer only: no evidence
                continue
            for i in held:
                scored, statements, _, text = articles[i]
                held_out[i] = fold_model.probabilities(scored, statements, text)
    golds = [article[2] for article in articles]
    return replace(
        model,
        thresholds={label: precise_threshold(held_out, golds, label) for label in labels},
        label_models=label_models,
    )


def precise_threshold(
    probabilities: Sequence[dict[str, float]], golds: Sequence[set[str]], label: str
) -> float:
    """The threshold of ``THRESHOLD_GRID`` with the best F1 among those whose
    precision on these held-out ``probabilities`` reaches ARTICLE_LABEL_PRECISION.
    Of thresholds that tag the same held-out articles the lowest is kept: the gold
    cannot tell them apart, and the labels where it cannot are the rare ones."""
    expected = sum(label in gold for gold in golds)
    best, best_f1 = ARTICLE_LABEL_PROBABILITY, -1.0
    for threshold in THRESHOLD_GRID:
        said = [label in p and p[label] >= threshold for p in probabilities]
        found = sum(said)
        right = sum(s and label in gold for s, gold in zip(said, golds, strict=True))
        if not found or not expected or right / found < ARTICLE_LABEL_PRECISION:
            continue
        f1 = 2 * right / (found + expected)
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def _fit_weights(articles: Sequence[Article], labels: Sequence[str], c: float) -> ArticleLabelModel:
    """One logistic regression over every (article, label) pair: the features plus
    one indicator column per label, whose weights become the labels' intercepts."""
    rows, targets = [], []
    said = held_out_words(articles, labels) if len(articles) >= 2 else [{} for _ in articles]
    for (scored, statements, gold, _), words in zip(articles, said, strict=True):
        for index, label in enumerate(labels):
            indicator = [0.0] * len(labels)
            indicator[index] = 1.0
            rows.append(
                label_features(scored, statements, label, words.get(label, 0.0)) + indicator
            )
            targets.append(label in gold)
    if len(set(targets)) < 2:
        raise ArticleModelError("the gold articles need labels present and absent to learn from")
    model = LogisticRegression(C=c, max_iter=5000).fit(np.array(rows), np.array(targets))
    weights = model.coef_[0]
    shared = len(FEATURES)
    return ArticleLabelModel(
        tuple(float(w) for w in weights[:shared]),
        {
            label: float(model.intercept_[0] + weights[shared + index])
            for index, label in enumerate(labels)
        },
        fit_word_model([a[3] for a in articles], [a[2] for a in articles], labels),
    )
