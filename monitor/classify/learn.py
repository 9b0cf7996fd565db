"""Train and evaluate the learned classifier (scikit-learn; bundle_files saves it).

Three models share one text representation (estimators.text_features):

* relevance: is a sentence about migration at all (binary);
* labels: one calibrated binary model per frame label of the codebook (monitor/codebook.py), with a
  threshold per label chosen on cross-validated predictions (not by hand);
  where the transparent rule layer measurably helps a label, its score is
  combined with the model's (the better of the two, decided by
  cross-validation too);
* stance: restrictive / protective / neutral (three classes; stance_model adds a
  second reading of each statement, from its embedding).

Everything is seeded, so ``monitor train`` is reproducible. The bundle is
saved with skops (no pickle) beside a JSON file with its version, date,
training-data hash, thresholds and metrics.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from monitor.classify.embeddings import EMBEDDING_DESCRIPTION, embed
from monitor.classify.estimators import (
    CV_FOLDS,
    RANDOM_STATE,
    calibrated,
    is_news_gold,
    source_weights,
    text_features,
)
from monitor.classify.rules import RuleLayer
from monitor.classify.stance_model import (
    EMBEDDING_SHARE,
    combined_probabilities,
    cross_validated_stance,
    fit_stance,
    stance_report,
    stance_scores,
)
from monitor.classify.stance_prior import SPEAKER_TYPE_WEIGHT, choose_neutral_weight, weigh_neutral
from monitor.classify.training_data import WRITTEN_NEWS_SOURCE, Example, sources_of
from monitor.codebook import LABELS

THRESHOLD_GRID = np.round(np.arange(0.10, 0.91, 0.05), 2)
# Part of the pipeline version stored with each analysis: a new value marks analyses made
# by older models as out of date. 2: the stance model also reads statement embeddings.
MODEL_VERSION = "2"
LABEL_C = 1.0
RELEVANCE_C = 4.0
MIN_POSITIVES = 3  # examples a label needs before it gets a model of its own


def label_model() -> CalibratedClassifierCV:
    """A linear SVM per label, calibrated to probabilities. In cross-validation it
    beat logistic regression on the labels (macro F1 0.802 vs 0.795 to 0.799 for
    C from 4 to 20); stance and relevance stay with logistic regression."""
    return CalibratedClassifierCV(
        LinearSVC(C=LABEL_C, class_weight="balanced", random_state=RANDOM_STATE),
        method="sigmoid",
        cv=3,
        ensemble=False,
    )


@dataclass
class Bundle:
    """What ``monitor train`` saves and the pipeline loads."""

    features: FeatureUnion
    relevance: CalibratedClassifierCV
    labels: dict[str, CalibratedClassifierCV]
    stance: CalibratedClassifierCV
    thresholds: dict[str, float]
    combine: dict[str, str]
    """Per label: "model" (the model's score) or "max" (the better of model and rules)."""
    relevance_threshold: float = 0.5
    relevance_rules: bool = False
    """True when a sentence the rule patterns call relevant counts as relevant too."""
    stance_neutral_weight: float = 1.0
    """Multiplies the neutral probability before the stance is chosen (stance_prior)."""
    stance_speaker_type_weight: float = 0.0
    """The speaker-type columns' value in the stance model's input; 0: it has none."""
    stance_meaning: CalibratedClassifierCV | None = None
    """The stance model on statement embeddings (stance_model); None in older bundles."""
    stance_embedding_share: float = 0.0
    """The meaning model's share of the stance probabilities; 0: words alone."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "features": self.features,
            "relevance": self.relevance,
            "labels": self.labels,
            "stance": self.stance,
            "thresholds": self.thresholds,
            "combine": self.combine,
            "relevance_threshold": self.relevance_threshold,
            "relevance_rules": self.relevance_rules,
            "stance_neutral_weight": self.stance_neutral_weight,
            "stance_speaker_type_weight": self.stance_speaker_type_weight,
            "stance_meaning": self.stance_meaning,
            "stance_embedding_share": self.stance_embedding_share,
        }

    @property
    def reads_meaning(self) -> bool:
        """True when the stance also needs the statements' embeddings."""
        return self.stance_meaning is not None and self.stance_embedding_share > 0

    def stance_probabilities(
        self,
        matrix: Any,
        speaker_types: Sequence[str | None],
        embeddings: np.ndarray | None = None,
    ) -> tuple[np.ndarray, list[str]]:
        """Stance probabilities as the pipeline decides on them, and the class order.
        ``embeddings`` (one row per statement) are needed when ``reads_meaning``."""
        if self.reads_meaning and embeddings is None:
            raise ValueError("this stance model needs the statements' embeddings")
        probabilities, classes = combined_probabilities(
            self.stance,
            self.stance_meaning,
            matrix,
            embeddings,
            speaker_types,
            self.stance_speaker_type_weight,
            self.stance_embedding_share,
        )
        return weigh_neutral(probabilities, classes, self.stance_neutral_weight), classes

    def relevant(
        self,
        texts: Sequence[str],
        rules: RuleLayer,
        threshold: float | None = None,
        matrix: Any = None,
    ) -> list[bool]:
        """Which sentences are about migration (model, and rules where they helped).

        ``threshold`` overrides the cross-validated one (the article gate asks for
        more confidence than a single sentence's label needs)."""
        if not texts:
            return []
        threshold = self.relevance_threshold if threshold is None else threshold
        probabilities = self.relevance.predict_proba(
            matrix if matrix is not None else self.features.transform(list(texts))
        )[:, 1]
        return [
            bool(p >= threshold or (self.relevance_rules and rules.mentions_migration(text)))
            for p, text in zip(probabilities, texts, strict=True)
        ]


class FastLabelScorer:
    """All label probabilities with one sparse matrix product.

    Each label model is a linear SVM followed by a sigmoid calibration, so
    ``p = expit(-(a * (x . w + c) + b))``. Asking eleven scikit-learn models in
    turn repeats input validation eleven times; stacking their weights gives the
    same numbers (tested) in one product.
    """

    def __init__(self, labels: dict[str, CalibratedClassifierCV]):
        self.names = list(labels)
        parts = [model.calibrated_classifiers_[0] for model in labels.values()]
        self.weights = np.vstack([p.estimator.coef_.ravel() for p in parts]).T.astype(np.float64)
        self.intercepts = np.array([float(p.estimator.intercept_[0]) for p in parts])
        self.slopes = np.array([float(p.calibrators[0].a_) for p in parts])
        self.offsets = np.array([float(p.calibrators[0].b_) for p in parts])

    def __call__(self, matrix: Any) -> np.ndarray:
        """Probabilities, one row per text, one column per label (in ``names``)."""
        decisions = np.asarray(matrix @ self.weights) + self.intercepts
        return expit(-(self.slopes * decisions + self.offsets))


# --- training ---------------------------------------------------------------------


def _label_matrix(examples: Sequence[Example]) -> np.ndarray:
    return np.array([[label in e.labels for label in LABELS] for e in examples], dtype=int)


def _best_threshold(truth: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    best = (0.5, -1.0)
    for threshold in THRESHOLD_GRID:
        _, _, f1, _ = precision_recall_fscore_support(
            truth, scores >= threshold, average="binary", zero_division=0
        )
        if f1 > best[1] + 1e-9:
            best = (float(threshold), float(f1))
    return best


def _rule_scores(rules: RuleLayer, texts: Sequence[str]) -> np.ndarray:
    return np.array([[rules.label_scores(t).get(label, 0.0) for label in LABELS] for t in texts])


def cross_validated_labels(examples: Sequence[Example], rules: RuleLayer) -> dict[str, Any]:
    """Out-of-fold label scores, per-label thresholds and the rule combination."""
    texts = [e.text for e in examples]
    truth = _label_matrix(examples)
    scores = np.zeros(truth.shape)
    folds = StratifiedKFold(CV_FOLDS, shuffle=True, random_state=RANDOM_STATE)
    strata = [int(e.relevant) for e in examples]
    for train_index, test_index in folds.split(texts, strata):
        features = text_features()
        train_matrix = features.fit_transform([texts[i] for i in train_index])
        test_matrix = features.transform([texts[i] for i in test_index])
        for column, _label in enumerate(LABELS):
            target = truth[train_index, column]
            if target.sum() < MIN_POSITIVES:
                continue
            model = label_model().fit(train_matrix, target)
            scores[test_index, column] = model.predict_proba(test_matrix)[:, 1]
    rules_matrix = _rule_scores(rules, texts)
    thresholds, combine, predictions = {}, {}, np.zeros(truth.shape, dtype=int)
    for column, label in enumerate(LABELS):
        alone = _best_threshold(truth[:, column], scores[:, column])
        mixed_scores = np.maximum(scores[:, column], rules_matrix[:, column])
        mixed = _best_threshold(truth[:, column], mixed_scores)
        if mixed[1] > alone[1] + 0.005:  # rules must help measurably
            thresholds[label], combine[label] = mixed[0], "max"
            predictions[:, column] = mixed_scores >= mixed[0]
        else:
            thresholds[label], combine[label] = alone[0], "model"
            predictions[:, column] = scores[:, column] >= alone[0]
    return {
        "truth": truth,
        "predictions": predictions,
        "thresholds": thresholds,
        "combine": combine,
    }


def label_report(truth: np.ndarray, predictions: np.ndarray) -> dict[str, Any]:
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predictions, average=None, zero_division=0
    )
    report: dict[str, Any] = {
        label: {
            "precision": round(float(p), 4),
            "recall": round(float(r), 4),
            "f1": round(float(f), 4),
            "support": int(s),
        }
        for label, p, r, f, s in zip(LABELS, precision, recall, f1, support, strict=True)
    }
    for average in ("micro", "macro"):
        p, r, f, _ = precision_recall_fscore_support(
            truth, predictions, average=average, zero_division=0
        )
        report[average] = {
            "precision": round(float(p), 4),
            "recall": round(float(r), 4),
            "f1": round(float(f), 4),
        }
    return report


def _out_of_fold(
    examples: Sequence[Example], truth: np.ndarray, c: float
) -> Iterator[tuple[np.ndarray, Any, Any]]:
    """For each stratified fold: (held-out indexes, a source-weighted model fitted on the
    other folds, the held-out texts' features)."""
    texts = [e.text for e in examples]
    folds = StratifiedKFold(CV_FOLDS, shuffle=True, random_state=RANDOM_STATE)
    weights = source_weights(examples)
    for train_index, test_index in folds.split(texts, truth):
        features = text_features()
        model = calibrated(c).fit(
            features.fit_transform([texts[i] for i in train_index]),
            truth[train_index],
            sample_weight=weights[train_index],
        )
        yield test_index, model, features.transform([texts[i] for i in test_index])


def cross_validated_relevance(examples: Sequence[Example], rules: RuleLayer) -> dict[str, Any]:
    """Out-of-fold relevance; also picks the threshold and whether the rule
    patterns should count, by the F1 they give on held-out folds."""
    texts = [e.text for e in examples]
    truth = np.array([int(e.relevant) for e in examples])
    scores = np.zeros(len(examples))
    for test_index, model, held_out in _out_of_fold(examples, truth, RELEVANCE_C):
        scores[test_index] = model.predict_proba(held_out)[:, 1]
    rule_hits = np.array([rules.mentions_migration(text) for text in texts])
    # Each source of examples weighs the same in the choice, so the many written
    # examples do not decide alone how the gate treats other kinds of text.
    groups = [np.array([e.has_labels == flag for e in examples]) for flag in (True, False)]
    groups = [group for group in groups if group.any() and truth[group].any()]
    best = (0.5, False, -1.0)
    for use_rules in (False, True):
        for threshold in THRESHOLD_GRID:
            predicted = ((scores >= threshold) | (rule_hits if use_rules else False)).astype(int)
            f1 = float(np.mean([binary_report(truth[g], predicted[g])["f1"] for g in groups]))
            if f1 > best[2] + 0.002:  # the rules must help measurably
                best = (float(threshold), use_rules, f1)
    threshold, use_rules, _ = best
    predicted = (scores >= threshold) | (rule_hits if use_rules else False)
    return {
        **binary_report(truth, predicted.astype(int)),
        "threshold": threshold,
        "with_rules": use_rules,
    }


def binary_report(truth: Sequence[int], predictions: Sequence[int]) -> dict[str, float]:
    p, r, f, _ = precision_recall_fscore_support(
        truth, predictions, average="binary", zero_division=0
    )
    return {
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1": round(float(f), 4),
        "n": len(truth),
    }


def fit_bundle(
    examples: Sequence[Example], thresholds: dict[str, float], combine: dict[str, str]
) -> Bundle:
    """The final models, trained on every example."""
    # The written news stays out of the vocabulary: the gate and labels read as before.
    features = text_features().fit(
        [e.text for e in examples if not e.source.startswith(WRITTEN_NEWS_SOURCE)]
    )
    for _, vectorizer in features.transformer_list:
        # The discarded-terms set is only for introspection and would be most of the file.
        if hasattr(vectorizer, "stop_words_"):
            delattr(vectorizer, "stop_words_")
        # numpy integers would each become a file of their own in the skops archive.
        vectorizer.vocabulary_ = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
    every = features.transform([e.text for e in examples])
    weights = source_weights(examples)
    # The news gold gives statements of relevant articles only: all positives from
    # one register would teach the gate that news is migration news. It trains
    # stance and labels, not relevance.
    for_relevance = np.where([is_news_gold(e) for e in examples], 0.0, weights)
    # (Written news is left out, not weighed zero: it would move the calibration folds.)
    gate = [i for i, e in enumerate(examples) if not e.source.startswith(WRITTEN_NEWS_SOURCE)]
    relevance = calibrated(RELEVANCE_C).fit(
        every[gate],
        [int(examples[i].relevant) for i in gate],
        sample_weight=for_relevance[gate],
    )
    # The news gold trains stance only: its articles also calibrate the article
    # labels (monitor calibrate), which must be measured on scores the label
    # models did not learn from.
    labelled = [i for i, e in enumerate(examples) if e.has_labels and not is_news_gold(e)]
    truth = _label_matrix([examples[i] for i in labelled])
    # A label with too few examples gets no model; the rule layer answers for it.
    labels = {
        label: label_model().fit(every[labelled], truth[:, column])
        for column, label in enumerate(LABELS)
        if truth[:, column].sum() >= MIN_POSITIVES
    }
    relevant = [i for i, e in enumerate(examples) if e.relevant]
    stated = [examples[i] for i in relevant]
    stance, meaning = fit_stance(every[relevant], embed([e.text for e in stated]), stated)
    bundle = Bundle(features, relevance, labels, stance, thresholds, combine)
    bundle.stance_speaker_type_weight = SPEAKER_TYPE_WEIGHT
    bundle.stance_meaning = meaning
    bundle.stance_embedding_share = EMBEDDING_SHARE
    return bundle


def training_metadata(
    data_hash: str, counts: dict[str, Any], metrics: dict[str, Any], bundle: Bundle
) -> dict[str, Any]:
    import sklearn

    return {
        "version": MODEL_VERSION,
        "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training_data_sha256": data_hash,
        "examples": counts,
        "scikit_learn": sklearn.__version__,
        "thresholds": bundle.thresholds,
        "combine_with_rules": bundle.combine,
        "stance": {
            "speaker_type_weight": bundle.stance_speaker_type_weight,
            "neutral_weight": bundle.stance_neutral_weight,
            "embedding_share": bundle.stance_embedding_share,
            "embeddings": EMBEDDING_DESCRIPTION if bundle.reads_meaning else None,
        },
        "metrics": metrics,
    }


# --- the whole job ------------------------------------------------------------------


def manifesto_test_metrics(
    bundle: Bundle, examples: Sequence[Example], rules: RuleLayer
) -> dict[str, Any]:
    """Relevance and stance of the final models on the manifesto's held-out split."""
    matrix = bundle.features.transform([e.text for e in examples])
    relevant = bundle.relevant([e.text for e in examples], rules)
    metrics: dict[str, Any] = {
        "relevance": binary_report(
            [int(e.relevant) for e in examples], [int(flag) for flag in relevant]
        )
    }
    clear = [i for i, e in enumerate(examples) if e.relevant and e.stance != "neutral"]
    predicted = []
    if clear:
        # As the pipeline decides: with the neutral weight the news set.
        weighted, classes = bundle.stance_probabilities(
            matrix[clear],
            [examples[i].speaker_type for i in clear],
            embed([examples[i].text for i in clear]) if bundle.reads_meaning else None,
        )
        predicted = [classes[i] for i in weighted.argmax(axis=1)]
    metrics["stance_clear_position"] = stance_report(
        [examples[i].stance for i in clear], list(predicted)
    )
    return metrics


def train(
    examples: Sequence[Example],
    data_hash: str,
    rules: RuleLayer,
    manifesto_test: Sequence[Example] = (),
    progress=lambda message: None,
) -> tuple[Bundle, dict[str, Any]]:
    """Cross-validate, choose thresholds, fit the final models; returns them with metadata."""
    labelled = [e for e in examples if e.has_labels and not is_news_gold(e)]
    progress(f"  labels: {CV_FOLDS}-fold cross-validation on {len(labelled)} examples")
    folds = cross_validated_labels(labelled, rules)
    metrics: dict[str, Any] = {"cv_labels": label_report(folds["truth"], folds["predictions"])}
    relevant = [e for e in examples if e.relevant]
    progress(f"  stance: cross-validation on {len(relevant)} examples")
    metrics["cv_stance"] = cross_validated_stance(relevant)
    progress(f"  relevance: cross-validation on {len(examples)} examples")
    metrics["cv_relevance"] = cross_validated_relevance(
        [e for e in examples if not is_news_gold(e)], rules
    )
    progress("  stance: neutral weight by cross-validation over news articles")
    weight, metrics["cv_news_stance"] = choose_neutral_weight(
        relevant, is_news_gold, lambda train, held: stance_scores(relevant, train, held)
    )
    progress("  fitting the final models on every example")
    bundle = fit_bundle(examples, folds["thresholds"], folds["combine"])
    bundle.stance_neutral_weight = weight
    bundle.relevance_threshold = metrics["cv_relevance"]["threshold"]
    bundle.relevance_rules = metrics["cv_relevance"]["with_rules"]
    if manifesto_test:
        metrics["manifesto_test"] = manifesto_test_metrics(bundle, manifesto_test, rules)
    counts = {
        "total": len(examples),
        "with_labels": len(labelled),
        "relevant": len(relevant),
        "by_source": sources_of(list(examples)),
    }
    return bundle, training_metadata(data_hash, counts, metrics, bundle)
