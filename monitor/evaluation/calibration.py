"""Article-label thresholds chosen on real news, for precision.

Trained on short statements, the label models score many sentences of an
article above their threshold, so nearly every label a word can trigger is
tagged. Here each label's article threshold is chosen on the gold's dev split
(never the test split): the threshold with the best F1 among those whose
precision reaches ``min_precision``; where none does, the one with the best
precision. A label with too few gold articles on the split to measure its
precision (``MIN_SUPPORT``) is rare in real news, and the models trained on
statements over-tag it most ("integration", "conditionality" on reports of
arrivals): it is tagged only above every dev article that does not have it, and
never below ``RARE_LABEL_MIN_SHARE``.

The scores calibrated are article shares (``Classifier.article_scores``): the
part of an article's sentences and statements that the label model puts in the
label.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from monitor.analysis.analyze import Analyzer
from monitor.classify.classifier import ARTICLE_THRESHOLDS, UNCALIBRATED_ARTICLE_SHARE
from monitor.codebook import LABELS
from monitor.evaluation.extraction import Tally
from monitor.evaluation.gold import GoldError, load_gold
from monitor.settings import Settings

MIN_PRECISION = 0.75
MIN_SUPPORT = 3  # gold articles a label needs on the split before it is calibrated
# A label too rare on the split to calibrate needs at least the share an
# uncalibrated label needs, and more than any dev article without it.
RARE_LABEL_MIN_SHARE = UNCALIBRATED_ARTICLE_SHARE


def calibrate_article_labels(
    settings: Settings,
    folders: list[Path],
    split: str = "dev",
    min_precision: float = MIN_PRECISION,
    analyzer: Analyzer | None = None,
) -> dict[str, Any]:
    documents = [d for d in load_gold(folders, settings, split) if d.gold.get("relevant", True)]
    if not documents:
        raise GoldError("no relevant gold documents to calibrate on")
    analyzer = analyzer or Analyzer(settings)
    analyses = analyzer.analyze_many(
        [d.text for d in documents],
        force=True,
        published=[d.gold.get("published_at") for d in documents],
    )
    scored = [
        (analysis["_article_scores"], set(document.gold.get("labels", [])))
        for document, analysis in zip(documents, analyses, strict=True)
    ]
    thresholds, report = choose_thresholds(scored, min_precision)
    return {
        "thresholds": thresholds,
        "min_precision": min_precision,
        "split": split,
        "documents": len(documents),
        "gold": [os.path.relpath(folder, Path(settings.models_dir).parent) for folder in folders],
        "per_label": report,
        "held_out": held_out_scores(scored, min_precision),
    }


Scored = list[tuple[dict[str, float], set[str]]]
"""Each article's label shares with its gold labels."""


def choose_thresholds(
    scored: Scored, min_precision: float
) -> tuple[dict[str, float], dict[str, Any]]:
    """Each label's article threshold on ``scored``, with what it gives there."""
    thresholds: dict[str, float] = {}
    report: dict[str, Any] = {}
    for label in LABELS:
        pairs = [(scores.get(label, 0.0), label in gold) for scores, gold in scored]
        support = sum(is_gold for _, is_gold in pairs)
        if support < MIN_SUPPORT:
            threshold, tally = _above_every_negative(pairs, RARE_LABEL_MIN_SHARE)
            thresholds[label] = threshold
            rule = "above every dev article without it"
            report[label] = {"threshold": threshold, "rule": rule, **tally.scores()}
            continue
        threshold, tally = _best_threshold(pairs, min_precision)
        thresholds[label] = threshold
        report[label] = {"threshold": threshold, **tally.scores()}
    return thresholds, report


def held_out_scores(scored: Scored, min_precision: float) -> dict[str, Any]:
    """What the calibration is worth on articles it did not see: each article's
    labels decided with thresholds chosen on all the other articles. The scores
    on the calibration articles themselves flatter the thresholds."""
    per_label = {label: Tally() for label in LABELS}
    for held, (scores, gold) in enumerate(scored):
        thresholds, _ = choose_thresholds(scored[:held] + scored[held + 1 :], min_precision)
        for label, tally in per_label.items():
            tagged = scores.get(label, 0.0) >= thresholds[label]
            tally.add(int(tagged and label in gold), int(tagged), int(label in gold))
    micro = Tally()
    for tally in per_label.values():
        micro.add(tally.true_positives, tally.found, tally.expected)
    used = [t.scores()["f1"] for t in per_label.values() if t.found or t.expected]
    return {
        "micro": micro.scores(),
        "macro_f1": round(sum(used) / len(used), 4) if used else 0.0,
        "per_label": {label: tally.scores() for label, tally in per_label.items()},
    }


def _above_every_negative(pairs: list[tuple[float, bool]], own: float) -> tuple[float, Tally]:
    highest_negative = max((score for score, is_gold in pairs if not is_gold), default=0.0)
    threshold = round(max(own, highest_negative + 0.0001), 4)
    tagged = [is_gold for score, is_gold in pairs if score >= threshold]
    return threshold, Tally(sum(tagged), len(tagged), sum(is_gold for _, is_gold in pairs))


def _best_threshold(pairs: list[tuple[float, bool]], min_precision: float) -> tuple[float, Tally]:
    support = sum(is_gold for _, is_gold in pairs)
    options = []
    for candidate in sorted({score for score, _ in pairs if score > 0}):
        tagged = [is_gold for score, is_gold in pairs if score >= candidate]
        tally = Tally(sum(tagged), len(tagged), support)
        scores = tally.scores()
        options.append(
            (
                scores["precision"] >= min_precision,
                scores["f1"],
                scores["precision"],
                candidate,
                tally,
            )
        )
    if not options:
        return 1.0, Tally(0, 0, support)
    reaching = [o for o in options if o[0] and o[4].true_positives]
    best = (
        max(reaching, key=lambda o: (o[1], -o[3]))
        if reaching
        else max(options, key=lambda o: (o[2], o[1]))
    )
    return round(best[3], 4), best[4]


def write_thresholds(settings: Settings, calibration: dict[str, Any]) -> Path:
    path = Path(settings.models_dir) / ARTICLE_THRESHOLDS
    path.write_text(json.dumps(calibration, indent=1) + "\n", encoding="utf-8")
    return path
