"""Saving and loading the trained bundle: skops for the models, JSON beside it.

skops (no pickle) refuses types it was not told to trust, so a models folder
from elsewhere cannot run code when the monitor loads it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED

import numpy as np
import skops.io as skio

from monitor.classify.learn import Bundle

MODEL_FILE = "classifier.skops"
META_FILE = "classifier.json"
VOCABULARY_FILE = "classifier_vocabulary.json"


def _estimators(bundle: Bundle) -> list[Any]:
    models = [bundle.relevance, bundle.stance, *bundle.labels.values()]
    if bundle.stance_meaning is not None:
        models.append(bundle.stance_meaning)
    return [
        calibrated.estimator for model in models for calibrated in model.calibrated_classifiers_
    ]


def save_bundle(bundle: Bundle, metadata: dict[str, Any], models_dir: Path) -> None:
    """Write the models (skops), their vocabularies (JSON) and metadata (JSON).

    skops writes a dictionary entry by entry with type information, which for a
    100,000-term vocabulary is tens of megabytes; the vocabularies go to a plain
    JSON list instead, and weights are kept as float32 (the scores change in
    the seventh decimal).
    """
    vocabularies = {}
    for name, vectorizer in bundle.features.transformer_list:
        vocabulary = vectorizer.vocabulary_
        terms = [""] * len(vocabulary)
        for term, index in vocabulary.items():
            terms[index] = term
        vocabularies[name] = terms
    for estimator in _estimators(bundle):
        estimator.coef_ = estimator.coef_.astype(np.float32)
    saved = {name: vectorizer.vocabulary_ for name, vectorizer in bundle.features.transformer_list}
    try:
        for _, vectorizer in bundle.features.transformer_list:
            del vectorizer.vocabulary_
        skio.dump(bundle.as_dict(), models_dir / MODEL_FILE, compression=ZIP_DEFLATED)
    finally:
        for name, vectorizer in bundle.features.transformer_list:
            vectorizer.vocabulary_ = saved[name]
    (models_dir / VOCABULARY_FILE).write_text(
        json.dumps(vocabularies, ensure_ascii=False), encoding="utf-8"
    )
    (models_dir / META_FILE).write_text(json.dumps(metadata, indent=1) + "\n", encoding="utf-8")


def load_bundle(models_dir: Path) -> tuple[Bundle, dict[str, Any]] | None:
    """The trained bundle, or None when the project has not been trained yet.

    skops refuses to load types it does not know; the types it lists are
    checked against the scikit-learn and numpy modules this file was written
    with before they are trusted.
    """
    path = models_dir / MODEL_FILE
    if not path.exists():
        return None
    untrusted = skio.get_untrusted_types(file=path)
    unexpected = [
        t for t in untrusted if not t.startswith(("sklearn.", "numpy.", "scipy.", "builtins."))
    ]
    if unexpected:
        raise ValueError(f"{path}: refusing to load unexpected types {unexpected}")
    raw = skio.load(path, trusted=untrusted)
    vocabularies = json.loads((models_dir / VOCABULARY_FILE).read_text(encoding="utf-8"))
    for name, vectorizer in raw["features"].transformer_list:
        vectorizer.vocabulary_ = {term: index for index, term in enumerate(vocabularies[name])}
    bundle = Bundle(
        raw["features"],
        raw["relevance"],
        raw["labels"],
        raw["stance"],
        raw["thresholds"],
        raw["combine"],
        float(raw.get("relevance_threshold", 0.5)),
        bool(raw.get("relevance_rules", False)),
        float(raw.get("stance_neutral_weight", 1.0)),
        float(raw.get("stance_speaker_type_weight", 0.0)),
        raw.get("stance_meaning"),
        float(raw.get("stance_embedding_share", 0.0)),
    )
    metadata = json.loads((models_dir / META_FILE).read_text(encoding="utf-8"))
    return bundle, metadata
