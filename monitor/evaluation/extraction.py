"""Extraction quality against hand-made gold files.

What is scored (matching rules in :mod:`monitor.evaluation.matching`):

* countries (ISO codes per document), persons and organisations (kind
  ``organisation`` on both sides), on every document;
* figures (value and kind) and, over matched figures, how often the country
  and the year are right;
* statements: a found statement matches a gold one when their content spans
  overlap (gold with only a gist and a cue, like the seed's: when the cue is
  the same). ``statements`` scores finding them; ``attributed_statements``
  also needs the speaker and the cue right; ``quotes_30`` and ``quotes_80``
  find them as quote-attribution studies do: a found span must cover more
  than 30% (80%) of the gold span. Over matched statements: speaker,
  ``speaker_type`` and stance accuracy, with per-class F1 for stance;
* article labels (micro and macro F1, and per label), the labels of matched
  statements (micro, ``statement_labels``) and relevance accuracy.

Figures, statements and labels are scored on documents the gold marks as
relevant (the gate skips the rest).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.analysis.analyze import Analyzer
from monitor.codebook import LABELS, STANCES
from monitor.evaluation.gold import GoldDocument, GoldError, annotated_parts, load_gold
from monitor.evaluation.matching import (
    alias_table,
    best_matches,
    match,
    overlaps,
    same_cue,
    same_figure,
    same_organisation,
    same_person,
    same_speaker,
)
from monitor.settings import Settings

PARTS = (
    "countries",
    "persons",
    "organisations",
    "figures",
    "statements",
    "attributed_statements",
    "quotes_30",
    "quotes_80",
    "labels_micro",
    "statement_labels",
)
ACCURACIES = (
    "speaker",
    "speaker_type",
    "stance",
    "figure_country",
    "figure_year",
    "relevance",
)
EXTRACTION_METRICS = "extraction_metrics.json"
# How much of a gold statement a found one must cover, for the quotes_NN parts.
QUOTE_COVERAGES = {"quotes_30": 0.3, "quotes_80": 0.8}


@dataclass
class Tally:
    true_positives: int = 0
    found: int = 0
    expected: int = 0

    def add(self, true_positives: int, found: int, expected: int) -> None:
        self.true_positives += true_positives
        self.found += found
        self.expected += expected

    def scores(self) -> dict[str, float]:
        precision = self.true_positives / self.found if self.found else 0.0
        recall = self.true_positives / self.expected if self.expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.true_positives,
            "found": self.found,
            "expected": self.expected,
        }


@dataclass
class Accuracy:
    right: int = 0
    judged: int = 0

    def add(self, right: bool) -> None:
        self.right += bool(right)
        self.judged += 1

    def scores(self) -> dict[str, float]:
        return {
            "accuracy": round(self.right / self.judged, 4) if self.judged else 0.0,
            "judged": self.judged,
        }


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: {p: Tally() for p in PARTS})
    accuracies: dict[str, Accuracy] = field(
        default_factory=lambda: {a: Accuracy() for a in ACCURACIES}
    )
    labels: dict[str, Tally] = field(default_factory=lambda: {label: Tally() for label in LABELS})
    stances: Counter = field(default_factory=Counter)  # (gold, found) -> count
    documents: int = 0

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {part: tally.scores() for part, tally in self.tallies.items()}
        for name, accuracy in self.accuracies.items():
            result[f"{name}_accuracy"] = accuracy.scores()["accuracy"]
            result[f"{name}_judged"] = accuracy.judged
        per_label = {label: t.scores() for label, t in self.labels.items() if t.found or t.expected}
        result["labels_per_label"] = per_label
        result["labels_macro_f1"] = (
            round(sum(s["f1"] for s in per_label.values()) / len(per_label), 4)
            if per_label
            else 0.0
        )
        result["stance_per_class"] = {
            stance: class_scores(self.stances, stance) for stance in STANCES
        }
        result["stance_confusion"] = {
            f"{gold}->{found}": count for (gold, found), count in sorted(self.stances.items())
        }
        result["documents"] = self.documents
        return result


def class_scores(confusion: Counter, stance: str) -> dict[str, float]:
    tally = Tally(
        confusion[(stance, stance)],
        sum(n for (_, found), n in confusion.items() if found == stance),
        sum(n for (gold, _), n in confusion.items() if gold == stance),
    )
    return tally.scores()


# --- scoring ----------------------------------------------------------------------


def evaluate(documents: list[GoldDocument], analyzer: Analyzer, aliases: dict[str, str]) -> Report:
    report = Report()
    analyses = analyzer.analyze_many(
        [d.text for d in documents],
        force=True,
        published=[d.gold.get("published_at") for d in documents],
    )
    for document, analysis in zip(documents, analyses, strict=True):
        gold = document.gold
        parts = annotated_parts(gold)
        report.documents += 1
        if "relevance" in parts and "relevant" in gold:
            report.accuracies["relevance"].add(bool(analysis["relevant"]) == gold["relevant"])
        if "countries" in parts:
            gold_countries = set(gold.get("countries", []))
            found_countries = {c["iso3"] for c in analysis["countries"]}
            report.tallies["countries"].add(
                len(gold_countries & found_countries), len(found_countries), len(gold_countries)
            )
        if "actors" in parts:
            _score_actors(gold, analysis, report, aliases)
        if "figures" in parts:
            _score_figures(gold, analysis, report)
        if "statements" in parts:
            _score_statements(gold, analysis, report, aliases)
        if "labels" in parts:
            _score_labels(gold, analysis, report)
    return report


def _score_actors(gold: dict, analysis: dict, report: Report, aliases: dict[str, str]) -> None:
    tallies = report.tallies
    for part, kind, equal in (
        ("persons", "person", same_person),
        ("organisations", "organisation", lambda g, f: same_organisation(g, f, aliases)),
    ):
        gold_names = [a["name"] for a in gold.get("actors", []) if a["kind"] == kind]
        found_names = [a["name"] for a in analysis["actors"] if a["kind"] == kind]
        pairs = match(gold_names, found_names, equal)
        tallies[part].add(len(pairs), len(found_names), len(gold_names))


def _score_figures(gold: dict, analysis: dict, report: Report) -> None:
    pairs = match(gold.get("figures", []), analysis["figures"], same_figure)
    report.tallies["figures"].add(len(pairs), len(analysis["figures"]), len(gold["figures"]))
    for gold_figure, found in pairs:
        report.accuracies["figure_country"].add(gold_figure.get("country") == found["country"])
        report.accuracies["figure_year"].add(gold_figure.get("year") == found["year"])


def _score_statements(gold: dict, analysis: dict, report: Report, aliases: dict) -> None:
    gold_statements = gold.get("statements", [])
    found = analysis["statements"]

    def same_statement(gold_statement: dict, statement: dict) -> bool:
        if "start" in gold_statement:
            return overlaps(gold_statement, statement)
        return same_cue(gold_statement.get("cue"), statement.get("cue"))

    pairs = match(gold_statements, found, same_statement)
    attributed = 0
    for gold_statement, statement in pairs:
        speaker_right = same_speaker(gold_statement["speaker"], statement["speaker"], aliases)
        report.accuracies["speaker"].add(speaker_right)
        if "speaker_type" in gold_statement:
            report.accuracies["speaker_type"].add(
                gold_statement["speaker_type"] == statement["speaker_type"]
            )
        if gold_statement.get("stance"):
            report.accuracies["stance"].add(gold_statement["stance"] == statement["stance"])
            report.stances[(gold_statement["stance"], statement["stance"])] += 1
        attributed += speaker_right and same_cue(gold_statement.get("cue"), statement.get("cue"))
        if "labels" in gold_statement:
            gold_labels, found_labels = set(gold_statement["labels"]), set(statement["labels"])
            report.tallies["statement_labels"].add(
                len(gold_labels & found_labels), len(found_labels), len(gold_labels)
            )
    report.tallies["statements"].add(len(pairs), len(found), len(gold_statements))
    report.tallies["attributed_statements"].add(attributed, len(found), len(gold_statements))
    # Gold that gives statements by gist and cue only (the seed) has no spans to cover.
    if all("start" in s for s in gold_statements):
        for part, above in QUOTE_COVERAGES.items():
            covered = best_matches(gold_statements, found, above)
            report.tallies[part].add(len(covered), len(found), len(gold_statements))


def _score_labels(gold: dict, analysis: dict, report: Report) -> None:
    if "labels" not in gold:
        return
    gold_labels = set(gold["labels"])
    found_labels = {item["label"] for item in analysis["labels"]}
    report.tallies["labels_micro"].add(
        len(gold_labels & found_labels), len(found_labels), len(gold_labels)
    )
    for label in LABELS:
        report.labels[label].add(
            int(label in gold_labels and label in found_labels),
            int(label in found_labels),
            int(label in gold_labels),
        )


# --- running and reporting --------------------------------------------------------


def evaluate_folders(
    settings: Settings,
    folders: list[Path],
    split: str | None = None,
    analyzer: Analyzer | None = None,
) -> dict[str, Any]:
    """Scores of the analysis against every gold file in ``folders`` (of one split)."""
    documents = load_gold(folders, settings, split)
    if not documents:
        raise GoldError("no gold files found")
    aliases = alias_table(Path(settings.models_dir))
    metrics = evaluate(documents, analyzer or Analyzer(settings), aliases).as_dict()
    root = Path(settings.models_dir).parent
    metrics["gold"] = [os.path.relpath(folder, root) for folder in folders]
    metrics["split"] = split
    return metrics


def format_report(metrics: dict[str, Any]) -> str:
    lines = [f"{'part':22} {'precision':>9} {'recall':>7} {'F1':>6} {'found':>6} {'gold':>6}"]
    for part in PARTS:
        row = metrics[part]
        lines.append(
            f"{part:22} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f} "
            f"{row['found']:6d} {row['expected']:6d}"
        )
    lines.append(f"{'labels_macro':22} {'':9} {'':7} {metrics['labels_macro_f1']:6.3f}")
    lines.append("")
    for name in ACCURACIES:
        lines.append(
            f"{name + ' accuracy':22} {metrics[f'{name}_accuracy']:9.3f}"
            f"   ({metrics[f'{name}_judged']} judged)"
        )
    per_class = metrics["stance_per_class"]
    lines.append(
        "stance F1 by class:    "
        + ", ".join(f"{stance} {per_class[stance]['f1']:.3f}" for stance in STANCES)
    )
    lines.append(f"{metrics['documents']} documents")
    return "\n".join(lines)


def write_floor(settings: Settings, key: str, metrics: dict[str, Any]) -> Path:
    """Save the scores under ``key`` of the committed floor the quality tests hold
    the code to (``demo`` for the default gold, ``open_news_test`` and so on)."""
    target = Path(settings.models_dir) / EXTRACTION_METRICS
    floors = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    if "countries" in floors:  # the single-set layout of earlier versions
        floors = {"demo": floors}
    floors[key] = metrics
    target.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
    return target
