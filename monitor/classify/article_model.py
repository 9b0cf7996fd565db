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
article's texts (``FEATURES``) and gives the probability that the article is
about the label: one logistic regression for every label, with an intercept of
its own per label, so that rare labels learn from the shape that all labels
share. It is fitted on gold article labels of real news (``monitor calibrate``)
and stored as plain JSON (``ARTICLE_MODEL_FILE``): coefficients, no code.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

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
)
# Regularisation and decision rule, chosen by five-fold cross-validation over the
# gold articles (QUALITY.md): C 0.3, 1 and 3 and the variants of the features
# scored within 0.02 macro F1 of each other. An article is tagged with a label
# when the model finds it more likely than not.
ARTICLE_MODEL_C = 1.0
ARTICLE_LABEL_PROBABILITY = 0.5


def label_features(
    scored: Sequence[dict[str, float]], statements: int, label: str
) -> list[float]:
    """``FEATURES`` of one label over an article's texts: ``scored`` holds the label
    scores of its ``statements`` first, then those of its sentences."""
    if not scored:
        return [0.0] * len(FEATURES)
    probabilities = [scores.get(label, 0.0) for scores in scored]
    ranked = sorted(probabilities, reverse=True)
    return [
        sum(p >= TEXT_PROBABILITY for p in probabilities) / len(probabilities),
        sum(probabilities) / len(probabilities),
        ranked[0],
        sum(ranked[:3]) / len(ranked[:3]),
        max(probabilities[:statements], default=0.0),
    ]


@dataclass(frozen=True)
class ArticleLabelModel:
    """Shared weights of ``FEATURES``, and each label's intercept."""

    weights: tuple[float, ...]
    intercepts: dict[str, float]
    threshold: float = ARTICLE_LABEL_PROBABILITY
    # Which label models' scores it learnt from (their training data's hash).
    label_models: str = ""

    def probabilities(
        self, scored: Sequence[dict[str, float]], statements: int
    ) -> dict[str, float]:
        """Each known label's probability that the article is about it."""
        result = {}
        for label, intercept in self.intercepts.items():
            features = label_features(scored, statements, label)
            z = intercept + sum(w * f for w, f in zip(self.weights, features, strict=True))
            result[label] = round(1.0 / (1.0 + math.exp(-z)), 4)
        return result

    def tagged(self, scored: Sequence[dict[str, float]], statements: int) -> dict[str, float]:
        """The labels the article is about (probability from ``threshold`` on), each
        with its probability."""
        return {
            label: probability
            for label, probability in self.probabilities(scored, statements).items()
            if probability >= self.threshold
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "intercepts": {label: round(b, 6) for label, b in sorted(self.intercepts.items())},
            "threshold": self.threshold,
            "label_models": self.label_models,
        }


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
    return ArticleLabelModel(
        tuple(saved["weights"]),
        dict(saved["intercepts"]),
        float(saved["threshold"]),
        str(saved.get("label_models", "")),
    )


Article = tuple[Sequence[dict[str, float]], int, set[str]]
"""One gold article: the label scores of its texts, how many of them (first) are
statements, and its gold labels."""


def fit_article_model(
    articles: Sequence[Article],
    labels: Sequence[str],
    c: float = ARTICLE_MODEL_C,
    label_models: str = "",
) -> ArticleLabelModel:
    """One logistic regression over every (article, label) pair: the features plus
    one indicator column per label, whose weights become the labels' intercepts."""
    rows, targets = [], []
    for scored, statements, gold in articles:
        for index, label in enumerate(labels):
            indicator = [0.0] * len(labels)
            indicator[index] = 1.0
            rows.append(label_features(scored, statements, label) + indicator)
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
        label_models=label_models,
    )
