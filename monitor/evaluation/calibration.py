"""The article-label model fitted on gold articles (``monitor calibrate``).

Trained on short statements, the label models score many sentences of an article
above their own threshold, so nearly every label a word can trigger would be
tagged. Which labels an article is about is learnt here instead, from gold
article labels (``article_model``) of every gold folder that has them
(``calibration_folders``). A folder with a ``split.json`` gives only its dev
split: the test split is never read.

``monitor calibrate`` also says what the model is worth on articles it did not
learn from: five-fold cross-validation over the gold articles.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.model_selection import KFold

from monitor.analysis.analyze import Analyzer
from monitor.classify.article_model import (
    ARTICLE_MODEL_FILE,
    Article,
    fit_article_model,
)
from monitor.classify.classifier import label_models_id
from monitor.codebook import LABELS
from monitor.evaluation.extraction import Tally
from monitor.evaluation.gold import (
    SPLIT_FILE,
    GoldDocument,
    GoldError,
    annotated_parts,
    load_gold,
)
from monitor.settings import Settings

CV_FOLDS = 5
CV_SEED = 20261206


def calibration_folders(settings: Settings) -> list[Path]:
    """The gold the model learns from by default: every gold folder with article
    labels (only the dev split of one that has a test split). Measured on
    cross-validation over their news (QUALITY.md, twenty-sixth session), the
    statement-dense and quote-dense sets taught the model what annotators call an
    article's subject (one to three labels) better than the demo and the open-news
    dev split alone, whose model tagged every label a few sentences touch."""
    from monitor.demo import GOLD_DIR

    return [
        Path(settings.news_gold_dir),
        Path(settings.written_news_gold_dir),
        GOLD_DIR,
        Path(settings.stance_news_gold_dir),
        Path(settings.fresh_news_gold_dir),
        Path(settings.quote_news_gold_dir),
        Path(settings.blind_news_gold_dir),
    ]


def calibration_documents(settings: Settings, folders: Sequence[Path]) -> list[GoldDocument]:
    """Every relevant gold article with annotated labels in ``folders`` (the dev split
    of a folder that has one)."""
    documents = []
    for folder in folders:
        split = "dev" if (folder / SPLIT_FILE).exists() else None
        documents += [
            d
            for d in load_gold([folder], settings, split)
            if d.gold.get("relevant", True) and "labels" in annotated_parts(d.gold)
        ]
    if not documents:
        raise GoldError("no relevant gold articles with labels to calibrate on")
    return documents


def gold_articles(
    settings: Settings, folders: Sequence[Path], analyzer: Analyzer | None = None
) -> list[Article]:
    """The articles of ``calibration_documents``, with the label scores of their
    texts and their words."""
    documents = calibration_documents(settings, folders)
    analyzer = analyzer or Analyzer(settings)
    analyses = analyzer.analyze_many(
        [d.text for d in documents],
        force=True,
        published=[d.gold.get("published_at") for d in documents],
    )
    articles: list[Article] = []
    for document, analysis in zip(documents, analyses, strict=True):
        evidence = analysis.get("_label_evidence") or {"texts": [], "statements": 0}
        articles.append(
            (
                evidence["texts"],
                evidence["statements"],
                set(document.gold.get("labels", [])),
                evidence.get("words", ""),
            )
        )
    return articles


def calibrate_article_labels(
    settings: Settings, folders: Sequence[Path], analyzer: Analyzer | None = None
) -> dict[str, Any]:
    """The model fitted on every gold article of ``folders``, with its cross-validated
    scores; what ``write_article_model`` saves."""
    analyzer = analyzer or Analyzer(settings)
    articles = gold_articles(settings, folders, analyzer)
    model = fit_article_model(
        articles, LABELS, label_models=label_models_id(analyzer.classifier.metadata)
    )
    root = Path(settings.models_dir).parent
    return {
        **model.as_json(),
        "gold": [os.path.relpath(folder, root) for folder in folders],
        "articles": len(articles),
        "cross_validated": cross_validated(articles),
    }


def cross_validated(articles: Sequence[Article]) -> dict[str, Any]:
    """Each article's labels decided by a model fitted on the other folds."""
    per_label = {label: Tally() for label in LABELS}
    folds = KFold(min(CV_FOLDS, len(articles)), shuffle=True, random_state=CV_SEED)
    for train, held in folds.split(articles):
        model = fit_article_model([articles[i] for i in train], LABELS)
        for i in held:
            scored, statements, gold, words = articles[i]
            found = set(model.tagged(scored, statements, words))
            for label, tally in per_label.items():
                tally.add(int(label in found and label in gold), int(label in found),
                          int(label in gold))
    micro = Tally()
    for tally in per_label.values():
        micro.add(tally.true_positives, tally.found, tally.expected)
    used = [t.scores()["f1"] for t in per_label.values() if t.found or t.expected]
    return {
        "folds": CV_FOLDS,
        "micro": micro.scores(),
        "macro_f1": round(sum(used) / len(used), 4) if used else 0.0,
        "per_label": {label: tally.scores() for label, tally in per_label.items()},
    }


def write_article_model(settings: Settings, calibration: dict[str, Any]) -> Path:
    path = Path(settings.models_dir) / ARTICLE_MODEL_FILE
    path.write_text(json.dumps(calibration, indent=1) + "\n", encoding="utf-8")
    return path
