"""What the stance model knows besides the words, set on real news statements.

Who speaks: a statement's speaker type is a feature of its own. In real news
gold, rights groups, courts and UN agencies are almost never restrictive and
governments are the restrictive side's main voice; the words alone ("the
scheme was unlawful", "we share the public's anger") often do not say which way
a statement leans. It is one feature among thousands, not a rule: a government's
call for safe routes still reads as protective.

How readily the stance model answers "neutral".

The stance model learns mostly from manifesto sentences, which nearly always
take a side; in news, announcements, procedure and reported figures take none.
A weight on the neutral probability moves the decision towards the register the
monitor reads. It is chosen by cross-validation over whole news articles: each
fold's model never saw the held-out articles' statements, so the weight is
measured on statements as new to the model as tomorrow's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import scipy.sparse

from monitor.classify.training_data import WRITTEN_NEWS_SOURCE, Example
from monitor.codebook import SPEAKER_TYPES

NEWS_FOLDS = 5
NEUTRAL_WEIGHTS = tuple(round(w, 2) for w in np.arange(1.0, 2.01, 0.1))
# Held-out accuracies at least this close to the best count as the best, however
# small their standard error (three statements in 600; at 100% it is zero).
NEUTRAL_WEIGHT_TOLERANCE = 0.005
RANDOM_STATE = 0
# The value of a speaker type's column beside the text's tf-idf features (rows of
# unit length); 0 leaves the type out. Held-out news statements (the article folds
# below) were right for 0.647 of 624 without it, 0.700 at 0.25, 0.686 at 0.5 and
# 0.676 at 1; on 352 statements of fresh real excerpts no model learnt from, 0.597
# without, 0.651 at 0.25 and 0.670 at 0.5. The smaller weight lets the words weigh more.
SPEAKER_TYPE_WEIGHT = 0.25


def with_speaker_types(matrix: Any, speaker_types: Sequence[str | None], weight: float) -> Any:
    """The text features with one column per speaker type (all zero when unknown)."""
    if not weight:
        return matrix
    columns = scipy.sparse.lil_matrix((matrix.shape[0], len(SPEAKER_TYPES)))
    for row, kind in enumerate(speaker_types):
        if kind in SPEAKER_TYPES:
            columns[row, SPEAKER_TYPES.index(kind)] = weight
    return scipy.sparse.hstack([matrix, columns.tocsr()], format="csr")


def weigh_neutral(probabilities: np.ndarray, classes: Sequence[str], weight: float) -> np.ndarray:
    """Probabilities with neutral's multiplied by ``weight``, rows summing to 1 again."""
    adjusted = np.array(probabilities, dtype=float, copy=True)
    if "neutral" in classes and weight != 1.0:
        adjusted[:, list(classes).index("neutral")] *= weight
        adjusted /= adjusted.sum(axis=1, keepdims=True)
    return adjusted


def article_of(example: Example) -> str:
    """The news article a gold statement comes from ("news-gold-dev:017" -> "017")."""
    return example.source.partition(":")[2] or example.source


def _news_folds(news: Sequence[int], examples: Sequence[Example]) -> list[set[str]]:
    articles = sorted({article_of(examples[i]) for i in news})
    np.random.RandomState(RANDOM_STATE).shuffle(articles)
    return [set(articles[k::NEWS_FOLDS]) for k in range(NEWS_FOLDS)]


def choose_neutral_weight(
    examples: Sequence[Example],
    is_news: Callable[[Example], bool],
    fit_and_score: Callable[[list[int], list[int]], tuple[np.ndarray, list[str]]],
) -> tuple[float, dict[str, Any]]:
    """The neutral weight that makes held-out news statements most often right.

    ``fit_and_score(train, held_out)`` fits a stance model on the examples at the
    ``train`` indexes and returns (probabilities for ``held_out``, class order).
    Returns the weight and a report of accuracy with and without it. With too
    few news articles to fold, the weight stays 1 (no adjustment).
    """
    news = [i for i, e in enumerate(examples) if is_news(e)]
    folds = _news_folds(news, examples)
    if len(news) < NEWS_FOLDS * 4 or any(not fold for fold in folds):
        return 1.0, {"news_statements": len(news), "weight": 1.0}
    others = [i for i, e in enumerate(examples) if not is_news(e)]
    held_truth: list[str] = []
    held_real: list[bool] = []
    held_probabilities: list[np.ndarray] = []
    classes: list[str] = []
    for fold in folds:
        held = [i for i in news if article_of(examples[i]) in fold]
        train = others + [i for i in news if article_of(examples[i]) not in fold]
        probabilities, classes = fit_and_score(train, held)
        held_probabilities.append(probabilities)
        held_truth += [examples[i].stance for i in held]
        held_real += [not examples[i].source.startswith(WRITTEN_NEWS_SOURCE) for i in held]
    stacked = np.vstack(held_probabilities)
    truth = np.array(held_truth)
    real = np.array(held_real)

    def accuracy(weight: float, among: np.ndarray | None = None) -> float:
        predicted = np.array(classes)[weigh_neutral(stacked, classes, weight).argmax(axis=1)]
        right = predicted == truth
        return float(np.mean(right if among is None else right[among]))

    # The smallest weight within one standard error of the best accuracy (the
    # one-standard-error rule), so the model is moved no further than the evidence
    # asks. Differences smaller than that are noise: one gold statement split in two
    # once moved the best weight from 1.2 to 1.3, and with the embedding model the
    # best on these folds (1.5) cost the demo gold four points and the fresh real
    # excerpts' read half one, where 1.2 lost nothing (QUALITY.md).
    top = max(accuracy(w) for w in NEUTRAL_WEIGHTS)
    error = max(float(np.sqrt(top * (1 - top) / len(truth))), NEUTRAL_WEIGHT_TOLERANCE)
    best = min(w for w in NEUTRAL_WEIGHTS if accuracy(w) >= top - error)
    return float(best), {
        "news_statements": len(news),
        "news_articles": sum(len(fold) for fold in folds),
        "weight": float(best),
        "accuracy_unweighted": round(accuracy(1.0), 4),
        "accuracy_weighted": round(accuracy(best), 4),
        "accuracy_best": round(top, 4),
        "standard_error": round(error, 4),
        # The real reporting alone (the open-news dev split), held out the same way:
        # the written news outnumber it.
        "real_news_statements": int(real.sum()),
        "accuracy_real_news": round(accuracy(best, real), 4) if real.any() else None,
    }
