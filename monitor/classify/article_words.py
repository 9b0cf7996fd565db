"""What an article's own words say about its labels.

The label models score one sentence or statement at a time and learnt from short
texts written for the project, so an article's label evidence is a sum of
sentence-sized guesses: a story that mentions "the European Commission" twice, or
quotes one figure, looks as much about EU coordination or asylum figures as one
that is. Which labels an article is about is a judgement on the whole text, and
gold articles (real news, news written for the project, the demo) teach it
directly: one logistic regression per label over the article's words
(TF-IDF of single words, sublinear counts, the ``WORD_VOCABULARY`` most frequent
words that appear in two articles or more).

Its probability is one more feature of the article-label model
(``article_model``), beside the summaries of the sentence scores, never the
answer alone: a label that two or three gold articles carry cannot be learnt
from words, but its sentences still speak for it.

Stored as plain JSON with the article model: the vocabulary, its inverse
document frequencies and each label's weights. ``probabilities`` recomputes the
features by hand, as scikit-learn's ``TfidfVectorizer`` does (tested).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

# Chosen by five-fold cross-validation over the gold articles (QUALITY.md): 3,000
# to 5,000 single words scored alike (macro F1 within 0.01), 30,000 words and
# word pairs 0.02 lower; weighing the rarer answer up ("balanced") added 0.03.
WORD_VOCABULARY = 4000
WORD_MODEL_C = 4.0
# scikit-learn's default token: two or more word characters.
TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class WordModel:
    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    intercepts: dict[str, float]

    def probabilities(self, text: str) -> dict[str, float]:
        """Each label's probability that an article of these words is about it."""
        counts = Counter(
            self.vocabulary[token]
            for token in TOKEN.findall(text.lower())
            if token in self.vocabulary
        )
        values = {i: (1.0 + math.log(n)) * self.idf[i] for i, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        result = {}
        for label, intercept in self.intercepts.items():
            weights = self.weights[label]
            z = intercept + sum(weights[i] * v for i, v in values.items()) / norm
            result[label] = 1.0 / (1.0 + math.exp(-z))
        return result

    def as_json(self) -> dict[str, Any]:
        words = sorted(self.vocabulary, key=self.vocabulary.get)
        return {
            "words": words,
            "idf": [round(v, 5) for v in self.idf],
            "weights": {
                label: [round(w, 5) for w in self.weights[label]] for label in sorted(self.weights)
            },
            "intercepts": {label: round(b, 5) for label, b in sorted(self.intercepts.items())},
        }

    @classmethod
    def from_json(cls, saved: dict[str, Any]) -> WordModel:
        return cls(
            {word: i for i, word in enumerate(saved["words"])},
            tuple(saved["idf"]),
            {label: tuple(w) for label, w in saved["weights"].items()},
            dict(saved["intercepts"]),
        )


def word_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        sublinear_tf=True,
        min_df=2,
        stop_words="english",
        max_features=WORD_VOCABULARY,
        token_pattern=TOKEN.pattern,
    )


def fit_word_model(
    texts: Sequence[str], golds: Sequence[set[str]], labels: Sequence[str]
) -> WordModel:
    """One regression per label over the words of ``texts`` (gold labels ``golds``).
    A label that every article or none carries gets no weights: its intercept says
    how often it is there, as far as a probability can."""
    vectorizer = word_vectorizer()
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no word in two texts: only how often each label is there
        vectorizer, matrix = None, None
    size = matrix.shape[1] if matrix is not None else 0
    weights, intercepts = {}, {}
    for label in labels:
        truth = np.array([label in gold for gold in golds])
        if matrix is not None and 0 < truth.sum() < len(truth):
            model = LogisticRegression(C=WORD_MODEL_C, max_iter=2000, class_weight="balanced").fit(
                matrix, truth
            )
            weights[label] = tuple(float(w) for w in model.coef_[0])
            intercepts[label] = float(model.intercept_[0])
        else:
            share = min(max(float(truth.mean()) if len(truth) else 0.0, 1e-4), 1 - 1e-4)
            weights[label] = (0.0,) * size
            intercepts[label] = math.log(share / (1 - share))
    if vectorizer is None:
        return WordModel({}, (), weights, intercepts)
    return WordModel(
        {word: int(i) for word, i in vectorizer.vocabulary_.items()},
        tuple(float(v) for v in vectorizer.idf_),
        weights,
        intercepts,
    )
