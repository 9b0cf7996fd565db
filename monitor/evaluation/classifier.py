"""The classifier alone, on the gold statements of real texts.

Extraction errors (a statement not found, a wrong span) are taken out of the
measure: each gold statement's own text (speaker, cue and content, the way the
pipeline shows it to the classifier) is classified, and its stance and labels
are compared with the gold. Statement labels are scored only for statements
of articles the gold marks relevant.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from monitor.classify.classifier import load_classifier
from monitor.classify.training_data import statement_text
from monitor.codebook import LABELS, STANCES
from monitor.evaluation.extraction import Tally, class_scores
from monitor.evaluation.gold import GoldError, load_gold
from monitor.settings import Settings


def gold_statement_texts(folders: list[Path], settings: Settings, split: str | None) -> list[dict]:
    """Every gold statement with a span, as (text, speaker type, stance, labels)."""
    items = []
    for document in load_gold(folders, settings, split):
        if not document.gold.get("relevant", True):
            continue
        for statement in document.gold.get("statements", []):
            if "start" not in statement:
                continue
            content = document.text[statement["start"] : statement["end"]]
            text = statement_text(statement["speaker"], statement.get("cue"), content)
            items.append(
                {
                    "text": text,
                    "speaker_type": statement.get("speaker_type"),
                    "stance": statement.get("stance"),
                    "labels": set(statement.get("labels", [])),
                }
            )
    return items


def evaluate_classifier_on_gold(
    settings: Settings, folders: list[Path], split: str | None
) -> dict[str, Any]:
    items = gold_statement_texts(folders, settings, split)
    if not items:
        raise GoldError("no gold statements found")
    classifier = load_classifier(settings.models_dir)
    texts = [item["text"] for item in items]
    stances = classifier.stances(texts, [item["speaker_type"] for item in items])
    scores = classifier.score_texts(texts)
    confusion: Counter = Counter()
    micro = Tally()
    per_label = {label: Tally() for label in LABELS}
    for item, (stance, _), label_scores in zip(items, stances, scores, strict=True):
        if item["stance"]:
            confusion[(item["stance"], stance)] += 1
        found = {
            str(entry["label"])
            for entry in classifier.above_threshold(label_scores, settings.label_threshold)
        }
        micro.add(len(found & item["labels"]), len(found), len(item["labels"]))
        for label in LABELS:
            per_label[label].add(
                int(label in found and label in item["labels"]),
                int(label in found),
                int(label in item["labels"]),
            )
    judged = sum(confusion.values())
    right = sum(n for (gold, found), n in confusion.items() if gold == found)
    label_scores = {label: t.scores() for label, t in per_label.items() if t.found or t.expected}
    return {
        "statements": len(items),
        "stance_accuracy": round(right / judged, 4) if judged else 0.0,
        "stance_per_class": {stance: class_scores(confusion, stance) for stance in STANCES},
        "stance_majority_baseline": round(
            max(Counter(gold for gold, _ in confusion.elements()).values()) / judged, 4
        )
        if judged
        else 0.0,
        "statement_labels_micro": micro.scores(),
        "statement_labels_macro_f1": round(
            sum(s["f1"] for s in label_scores.values()) / len(label_scores), 4
        )
        if label_scores
        else 0.0,
        "statement_labels_per_label": label_scores,
    }


def format_gold_report(name: str, metrics: dict[str, Any]) -> str:
    per_class = metrics["stance_per_class"]
    micro = metrics["statement_labels_micro"]
    return "\n".join(
        [
            f"{name}: {metrics['statements']} gold statements",
            f"  stance accuracy {metrics['stance_accuracy']:.3f} "
            f"(always the commonest class: {metrics['stance_majority_baseline']:.3f}); F1 "
            + ", ".join(f"{s} {per_class[s]['f1']:.3f}" for s in STANCES),
            f"  statement labels: micro precision {micro['precision']:.3f}, recall "
            f"{micro['recall']:.3f}, F1 {micro['f1']:.3f}; macro F1 "
            f"{metrics['statement_labels_macro_f1']:.3f}",
        ]
    )


def feed_item_texts(labels_path: Path, shared_dir: Path) -> list[tuple[str, bool]]:
    """(text, judged relevant) of every hand-judged feed item whose feed is present:
    its title and summary, as the crawler would store a summary-only item."""
    import json

    import feedparser
    import lxml.html

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    feeds: dict[str, dict[str, Any]] = {}
    items = []
    for item in labels["items"]:
        path = shared_dir / item["feed"]
        if not path.exists():
            continue
        if item["feed"] not in feeds:
            entries = feedparser.parse(path.read_bytes()).entries
            feeds[item["feed"]] = {str(e.get("id") or e.get("link")): e for e in entries}
        entry = feeds[item["feed"]].get(item["id"])
        if entry is None:
            raise GoldError(f"{labels_path}: {item['feed']} has no item {item['id']!r}")
        summary = str(entry.get("summary") or "")
        body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        items.append((f"{entry.get('title', '')}.\n{' '.join(body.split())}", item["relevant"]))
    return items


def evaluate_gate_on_feed_items(settings: Settings, labels_path: Path) -> dict[str, Any]:
    """The relevance gate on general news: real feed items (mostly not about
    migration) judged by hand. The gate never trained on them."""
    items = feed_item_texts(labels_path, Path(settings.shared_dir))
    if not items:
        raise GoldError(f"{labels_path}: none of its feeds is in {settings.shared_dir}")
    classifier = load_classifier(settings.models_dir)
    scores = classifier.relevance_scores([text for text, _ in items])
    tally = Tally()
    right = 0
    for (_, relevant), score in zip(items, scores, strict=True):
        judged = score >= settings.relevance_threshold
        tally.add(int(judged and relevant), int(judged), int(relevant))
        right += judged == relevant
    return {**tally.scores(), "accuracy": round(right / len(items), 4), "items": len(items)}


def format_gate_report(metrics: dict[str, Any]) -> str:
    return (
        f"Relevance gate on {metrics['items']} hand-judged feed items of general news: "
        f"accuracy {metrics['accuracy']:.3f}, precision {metrics['precision']:.3f}, "
        f"recall {metrics['recall']:.3f} ({metrics['found']} judged relevant, "
        f"{metrics['expected']} relevant)"
    )
