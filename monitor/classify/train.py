"""Training and re-measuring the classifier: the library behind ``monitor train``
and ``monitor eval classifier``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from monitor.classify.bundle_files import load_bundle, save_bundle
from monitor.classify.learn import manifesto_test_metrics, train
from monitor.classify.rules import load_rules
from monitor.classify.training_data import (
    Example,
    TrainingDataError,
    load_training,
    manifesto_path,
    read_manifesto,
)
from monitor.settings import Settings

CLASSIFIER_METRICS = "classifier_metrics.json"


def training_sets(settings: Settings) -> tuple[list[Example], str, list[Example]]:
    """(training examples, their hash, the manifesto test split). Raises
    TrainingDataError when the data is malformed or there is none."""
    shared = Path(settings.shared_dir)
    examples, data_hash = load_training(
        Path(settings.models_dir),
        shared,
        Path(settings.news_gold_dir),
        (
            Path(settings.written_news_gold_dir),
            Path(settings.stance_news_gold_dir),
            Path(settings.fresh_news_gold_dir),
            Path(settings.quote_news_gold_dir),
        ),
    )
    if not examples:
        raise TrainingDataError(f"no training examples in {settings.models_dir}/training")
    manifesto = manifesto_path(shared)
    test = read_manifesto(manifesto, "test") if manifesto else []
    return examples, data_hash, test


def train_and_save(
    settings: Settings, progress: Callable[[str], None] = lambda message: None
) -> dict[str, Any]:
    """Train every model from the training data, save the bundle and its metrics."""
    examples, data_hash, test = training_sets(settings)
    progress(f"Training on {len(examples)} examples (data {data_hash}) ...")
    bundle, metadata = train(
        examples, data_hash, load_rules(settings.models_dir), test, progress=progress
    )
    save_bundle(bundle, metadata, Path(settings.models_dir))
    write_metrics(settings, metadata["metrics"], keep_others=False)
    return metadata["metrics"]


def saved_model_metrics(settings: Settings) -> dict[str, Any] | None:
    """The saved bundle's training metrics, with the manifesto test split re-measured
    on the saved models (so the numbers belong to these files); None when untrained."""
    loaded = load_bundle(Path(settings.models_dir))
    if loaded is None:
        return None
    bundle, metadata = loaded
    metrics = dict(metadata["metrics"])
    _, _, test = training_sets(settings)
    if test:
        metrics["manifesto_test"] = manifesto_test_metrics(
            bundle, test, load_rules(settings.models_dir)
        )
    return metrics


def write_metrics(settings: Settings, metrics: dict[str, Any], keep_others: bool = True) -> Path:
    """Write the metrics file. ``keep_others`` keeps scores already there that this
    measurement did not redo (another gold split of the same saved model); after a
    retraining they belong to the old model and are dropped."""
    path = Path(settings.models_dir) / CLASSIFIER_METRICS
    if keep_others and path.exists():
        earlier = json.loads(path.read_text(encoding="utf-8"))
        metrics = {**{k: v for k, v in earlier.items() if k not in metrics}, **metrics}
    path.write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    return path
