"""``monitor label``: the user teaches the classifier on their own corpus.

Statements whose label scores sit closest to a threshold (or whose stance is
least certain) are shown first: a label there is worth the most to the next
``monitor train``. Each answer is appended to a JSONL training file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from monitor import store
from monitor.classify.classifier import Classifier
from monitor.classify.training_data import statement_text
from monitor.codebook import LABELS, STANCES

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
        {**row, "text": statement_text(row["speaker_text"], row["cue"], row["content"])}
        for row in store.statements_for_labelling(db)
    ]
    # Files written before the text carried speaker and cue hold the content alone.
    rows = [row for row in rows if row["text"] not in skip and row["content"] not in skip]
    texts = [row["text"] for row in rows]
    scores = classifier.score_texts(texts)
    stances = classifier.stances(texts, [row.get("speaker_type") for row in rows])
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


def example(
    text: str,
    labels: list[str],
    stance: str,
    relevant: bool,
    article_url: str | None = None,
    speaker_type: str | None = None,
) -> dict[str, Any]:
    """A training line. ``text`` is the statement as the classifier reads it
    (speaker, cue, content); ``article_url`` lets ``monitor train`` leave out
    statements of articles kept for testing; ``speaker_type`` is a stance feature."""
    if stance not in STANCES:
        raise ValueError(stance)
    record = {
        "text": text,
        "labels": labels if relevant else [],
        "stance": stance if relevant else "neutral",
        "relevant": relevant,
        "source": "user:monitor-label",
    }
    if article_url:
        record["article_url"] = article_url
    if speaker_type:
        record["speaker_type"] = speaker_type
    return record


def label_interactively(
    items: Iterable[dict[str, Any]],
    out: Path,
    getchar: Callable[[], str],
    echo: Callable[[str], None],
) -> int:
    """Show each statement, read one key at a time, append each answer to ``out``.

    Keys: a-k toggle a label, r/p/n set the stance, x marks "not about
    migration", Enter saves and goes on, s skips, q quits. Returns how many
    statements were labelled.
    """
    saved = 0
    legend = "  ".join(f"{key}:{name}" for key, name in zip(LABEL_KEYS, LABELS, strict=True))
    for item in items:
        labels, stance, relevant = set(item["suggested"]), item["stance"], True
        echo(
            f"\n{item['title']}\n  {item['speaker_text'] or '(no speaker)'} "
            f"{item['cue'] or ''}: {item['content']}"
        )
        echo(f"  {legend}\n  r/p/n stance, x not about migration, Enter save, s skip, q quit")
        while True:
            echo(
                f"  labels: {', '.join(sorted(labels)) or '-'}; stance: {stance}; "
                f"relevant: {'yes' if relevant else 'no'}"
            )
            key = getchar()
            if key in LABEL_KEYS:
                labels ^= {LABELS[LABEL_KEYS.index(key)]}
            elif key in STANCE_KEYS:
                stance = STANCE_KEYS[key]
            elif key == "x":
                relevant = not relevant
            elif key in {"\r", "\n"}:
                with out.open("a", encoding="utf-8") as handle:
                    record = example(
                        item["text"],
                        sorted(labels),
                        stance,
                        relevant,
                        item.get("url"),
                        item.get("speaker_type"),
                    )
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                saved += 1
                break
            elif key == "s":
                break
            elif key == "q":
                return saved
    return saved
