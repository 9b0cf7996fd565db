"""``monitor label``: the user teaches the classifier on their own corpus.

Statements whose label scores sit closest to a threshold (or whose stance is
least certain) are shown first: a label there is worth the most to the next
``monitor train``. Each answer is appended to a JSONL training file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from monitor.classify import LABELS, STANCES, Classifier

LABEL_KEYS = "abcdefghijk"  # one key per label, in the order of LABELS
STANCE_KEYS = {"r": "restrictive", "p": "protective", "n": "neutral"}
USER_FILE = "user-labelled.jsonl"


def already_labelled(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {
        json.loads(line)["text"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def uncertainty(scores: dict[str, float], classifier: Classifier, stance_score: float) -> float:
    """0 = the model cannot decide; larger = surer. The nearest threshold wins."""
    margins = [abs(scores.get(label, 0.0) - classifier.threshold(label, 0.5)) for label in LABELS]
    return min(min(margins), abs(stance_score - 0.5))


def least_certain(
    db: sqlite_utils.Database, classifier: Classifier, skip: set[str], limit: int
) -> Iterator[dict[str, Any]]:
    rows = [
        row
        for row in db.query(
            "select s.id, s.speaker_text, s.cue, s.content, a.title from statements s "
            "join articles a on a.id = s.article_id"
        )
        if row["content"] not in skip
    ]
    texts = [f"{row['cue'] or ''} {row['content']}" for row in rows]
    scores = classifier.score_texts(texts)
    stances = classifier.stances(texts, [None] * len(texts))
    ranked = sorted(
        zip(rows, scores, stances, strict=True),
        key=lambda item: uncertainty(item[1], classifier, item[2][1]),
    )
    for row, label_scores, (stance, _) in ranked[:limit]:
        suggested = [
            label
            for label, score in label_scores.items()
            if score >= classifier.threshold(label, 0.5)
        ]
        yield {**row, "suggested": suggested, "stance": stance}


def example(text: str, labels: list[str], stance: str, relevant: bool) -> dict[str, Any]:
    if stance not in STANCES:
        raise ValueError(stance)
    return {
        "text": text,
        "labels": labels if relevant else [],
        "stance": stance if relevant else "neutral",
        "relevant": relevant,
        "source": "user:monitor-label",
    }
