"""Examples the classifier learns from.

* ``models/training/*.jsonl``: sentences and statements written for this
  project in the register of news reports and official statements, one JSON
  object a line: ``text``, ``labels``, ``stance``, ``relevant``, ``source`` and,
  where known, ``speaker_type`` (a feature of stance).
  ``monitor label`` appends the user's own labels here too.
* The ``train`` split of the UK manifesto sentences (Benoit et al. 2016) in
  ``../shared/fixtures/labeled/`` when present: relevance from
  ``about_immigration``, stance from ``position_mean`` (> 0.33 restrictive,
  < -0.33 protective, otherwise neutral). Its ``test`` split is never read
  for training: it is the external check.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.codebook import LABELS, SPEAKER_TYPES, STANCES
from monitor.urls import canonical_url

# Real news statements train the models from the gold's dev split only: the test
# split stays unseen, so its scores remain a measure.
NEWS_TRAINING_SPLIT = "dev"
# Statements of the news articles written for the project (tests/gold/written-news):
# news register with many neutral statements, but not real copy (classify/learn.py
# weighs them below the real ones).
WRITTEN_NEWS_SOURCE = "news-gold-written"
MANIFESTO_FILE = Path("fixtures") / "labeled" / "uk-manifesto-immigration-sentences.csv"
RESTRICTIVE_FROM = 0.33  # position_mean above this is restrictive
PROTECTIVE_BELOW = -0.33  # and below this protective


class TrainingDataError(ValueError):
    """A training line is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Example:
    text: str
    labels: tuple[str, ...]
    stance: str
    relevant: bool
    source: str
    has_labels: bool = True
    """False for examples (the manifesto) that say nothing about frame labels."""
    article_url: str | None = None
    """The article a statement labelled with ``monitor label`` comes from."""
    speaker_type: str | None = None
    """Who speaks (an actor type), when the source says: a feature of stance."""


def statement_text(speaker: str | None, cue: str | None, content: str) -> str:
    """A statement as the classifier reads it, in the pipeline, in training and in
    evaluation alike: who, the cue ("warned that"), what."""
    return " ".join(filter(None, (speaker, cue, content)))


def read_jsonl(path: Path) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise TrainingDataError(f"{where}: not JSON ({error.msg})") from error
        unknown = set(row.get("labels", [])) - set(LABELS)
        if unknown:
            raise TrainingDataError(f"{where}: unknown label {sorted(unknown)[0]!r}")
        if row.get("speaker_type") not in (None, *SPEAKER_TYPES):
            raise TrainingDataError(f"{where}: unknown speaker type {row['speaker_type']!r}")
        if row.get("stance") not in STANCES:
            raise TrainingDataError(f"{where}: stance must be one of {', '.join(STANCES)}")
        if not isinstance(row.get("text"), str) or not row["text"].strip():
            raise TrainingDataError(f"{where}: text is missing")
        examples.append(
            Example(
                text=row["text"].strip(),
                labels=tuple(row.get("labels", [])),
                stance=row["stance"],
                relevant=bool(row.get("relevant", True)),
                source=str(row.get("source", path.stem)),
                article_url=row.get("article_url") or None,
                speaker_type=row.get("speaker_type") or None,
            )
        )
    return examples


def stance_from_position(position: float) -> str:
    if position > RESTRICTIVE_FROM:
        return "restrictive"
    if position < PROTECTIVE_BELOW:
        return "protective"
    return "neutral"


def read_manifesto(path: Path, split: str) -> list[Example]:
    """One split of the manifesto sentences as examples without frame labels."""
    examples = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["split"] != split:
                continue
            relevant = row["about_immigration"] == "1"
            position = row.get("position_mean") or ""
            stance = (
                stance_from_position(float(position))
                if relevant and position not in {"", "NA"}
                else "neutral"
            )
            examples.append(
                Example(
                    text=row["text"],
                    labels=(),
                    stance=stance,
                    relevant=relevant,
                    source=f"manifesto-{split}",
                    has_labels=False,
                    speaker_type="party",
                )
            )
    return examples


def manifesto_path(shared_dir: Path) -> Path | None:
    path = shared_dir / MANIFESTO_FILE
    return path if path.exists() else None


def load_training(
    models_dir: Path,
    shared_dir: Path,
    news_gold: Path | None = None,
    written_news: Sequence[Path] = (),
) -> tuple[list[Example], str]:
    """All training examples and a hash that identifies them (for the model's metadata)."""
    digest = hashlib.sha256()
    examples: list[Example] = []
    for path in sorted((models_dir / "training").glob("*.jsonl")):
        digest.update(path.name.encode() + path.read_bytes())
        examples += read_jsonl(path)
    if news_gold is not None:
        # Statements a user labelled in articles of the gold's test split would
        # make its scores a measure of memory: they never train.
        kept_for_testing = split_urls(news_gold, shared_dir, "test")
        examples = [
            e
            for e in examples
            if not (e.article_url and canonical_url(e.article_url) in kept_for_testing)
        ]
    manifesto = manifesto_path(shared_dir)
    if manifesto is not None:
        train = read_manifesto(manifesto, "train")
        digest.update(b"manifesto-train" + "\n".join(e.text for e in train).encode())
        examples += train
    if news_gold is not None:
        news = read_gold_statements(news_gold, shared_dir, NEWS_TRAINING_SPLIT)
        digest.update(
            b"news-gold" + "\n".join(f"{e.text}|{e.stance}|{e.labels}" for e in news).encode()
        )
        examples += news
    for folder in written_news:
        written = read_written_statements(folder)
        digest.update(
            b"written-news" + "\n".join(f"{e.text}|{e.stance}|{e.labels}" for e in written).encode()
        )
        examples += written
    return examples, digest.hexdigest()[:16]


def split_ids(gold_dir: Path, split: str) -> set[str] | None:
    """The ids of one split of a gold folder; None when it has no ``split.json``."""
    split_file = gold_dir / "split.json"
    if not split_file.is_file():
        return None
    return set(json.loads(split_file.read_text(encoding="utf-8"))[split])


def split_documents(
    gold_dir: Path, shared_dir: Path, split: str
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(id, gold, corpus record) of each text of one split of a gold folder whose
    texts are in the shared folder; nothing when the split or the texts are absent."""
    wanted = split_ids(gold_dir, split)
    if wanted is None:
        return
    for path in sorted(gold_dir.glob("*.json")):
        if path.stem not in wanted:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = shared_dir / gold.get("source", "")
        if source.is_file():
            yield path.stem, gold, json.loads(source.read_text(encoding="utf-8"))


def split_urls(gold_dir: Path, shared_dir: Path, split: str) -> set[str]:
    """The canonical URLs of one split's texts (empty when the texts are absent)."""
    return {
        canonical_url(record["url"])
        for _, _, record in split_documents(gold_dir, shared_dir, split)
        if record.get("url")
    }


def sources_of(examples: list[Example]) -> dict[str, int]:
    """How many examples each kind of source gave (a file, the manifesto, the news
    gold, the user's labels): what a model was trained on, for its metadata."""
    counts: dict[str, int] = {}
    for example in examples:
        kind = example.source.partition(":")[0]
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


def read_gold_statements(gold_dir: Path, shared_dir: Path, split: str) -> list[Example]:
    """The hand-annotated statements of real news (one split of a gold folder whose
    texts are in the shared folder), as the pipeline shows them to the classifier:
    speaker, cue and content. Empty when the texts are absent."""
    examples = []
    for stem, gold, record in split_documents(gold_dir, shared_dir, split):
        if not gold.get("relevant"):
            continue
        text = record["text"]
        for statement in gold.get("statements", []):
            content = text[statement["start"] : statement["end"]]
            examples.append(_statement_example(statement, content, f"news-gold-{split}:{stem}"))
    return examples


def _statement_example(statement: dict[str, Any], content: str, source: str) -> Example:
    """A gold statement as the pipeline shows it to the classifier: speaker, cue and
    content. The article travels with it in ``source``: cross-validation holds out
    whole articles (stance_prior)."""
    return Example(
        text=statement_text(statement["speaker"], statement.get("cue"), content),
        labels=tuple(statement.get("labels", [])),
        stance=statement["stance"],
        relevant=True,
        source=source,
        speaker_type=statement.get("speaker_type"),
    )


def read_written_statements(gold_dir: Path) -> list[Example]:
    """The statements with a stance in the written-news gold (each file's ``quote`` is
    the statement's words), as the pipeline shows them to the classifier; only the dev
    split of a folder that has a ``split.json``. Empty when the folder is absent (an
    installed package has no tests folder)."""
    examples = []
    # The test split of a folder that has one is only ever scored.
    wanted = split_ids(gold_dir, "dev")
    for path in sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []:
        if path.name == "split.json" or wanted is not None and path.stem not in wanted:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold.get("relevant"):
            continue
        for statement in gold.get("statements", []):
            if statement.get("stance") not in STANCES or not statement.get("quote"):
                continue
            source = f"{WRITTEN_NEWS_SOURCE}:{path.stem}"
            examples.append(_statement_example(statement, statement["quote"], source))
    return examples
