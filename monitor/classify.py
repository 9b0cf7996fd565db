"""Relevance gate, frame labels and speaker stance.

This is the transparent rule layer (``models/label_rules.yaml``): documented
patterns per label, scored as a noisy-or of pattern weights. It is pure and
fast, so it runs before spaCy (the gate) and on every statement. A learned
scikit-learn model can be combined with it through the same interface
(:class:`Classifier` methods return scores in [0, 1]).
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

LABELS = (
    "return_policy",
    "rights_concerns",
    "conditionality",
    "border_control",
    "externalisation",
    "smuggling_trafficking",
    "information_campaigns",
    "asylum_figures",
    "protection_access",
    "integration",
    "eu_coordination",
)
STANCES = ("restrictive", "protective", "neutral")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"\u2018])|\n+")
# The gate's score: how many sentences speak of migration, and how dense they are.
GATE_SENTENCES_FOR_FULL_SCORE = 3
GATE_DENSITY_FOR_FULL_SCORE = 0.2
STANCE_MARGIN = 1
TIE_BREAK = {
    "ngo": "protective",
    "court": "protective",
    "international_org": "protective",
    "government": "restrictive",
}  # a stance needs at least this many more cues than the opposite one


@dataclass(frozen=True)
class LabelRule:
    label: str
    pattern: re.Pattern[str]
    weight: float


class Classifier:
    """Scores texts against the rule file; one instance per process."""

    def __init__(self, rules_path: Path):
        raw = yaml.safe_load(rules_path.read_text(encoding="utf-8"))
        self.version = (
            f"rules-{raw.get('version', 0)}-"
            + hashlib.sha256(rules_path.read_bytes()).hexdigest()[:8]
        )
        self.relevance = [re.compile(p, re.I) for p in raw["relevance"]]
        unknown = set(raw["labels"]) - set(LABELS)
        if unknown:
            raise ValueError(f"{rules_path}: unknown label {sorted(unknown)[0]!r}")
        self.rules = [
            LabelRule(label, re.compile(pattern, re.I), float(weight))
            for label, entries in raw["labels"].items()
            for pattern, weight in entries
        ]
        self.stance_cues = {
            stance: [re.compile(p, re.I) for p in patterns]
            for stance, patterns in raw["stance"].items()
        }

    # -- relevance --------------------------------------------------------------
    def relevance_score(self, text: str) -> float:
        """0..1: how much of the text is about migration, asylum or returns."""
        sentences = [s for s in SENTENCE_SPLIT.split(text) if s.strip()]
        if not sentences:
            return 0.0
        hits = sum(1 for s in sentences if any(p.search(s) for p in self.relevance))
        count_part = min(1.0, hits / GATE_SENTENCES_FOR_FULL_SCORE)
        density_part = min(1.0, (hits / len(sentences)) / GATE_DENSITY_FOR_FULL_SCORE)
        return round(0.6 * count_part + 0.4 * density_part, 4)

    # -- labels -----------------------------------------------------------------
    def label_scores(self, text: str) -> dict[str, float]:
        """Noisy-or score per label for one sentence or statement."""
        misses: dict[str, float] = {}
        for rule in self.rules:
            if rule.pattern.search(text):
                misses[rule.label] = misses.get(rule.label, 1.0) * (1.0 - rule.weight)
        return {label: round(1.0 - miss, 4) for label, miss in misses.items()}

    def labels(self, text: str, threshold: float) -> list[dict[str, float | str]]:
        scores = self.label_scores(text)
        return sorted(
            (
                {"label": label, "score": score}
                for label, score in scores.items()
                if score >= threshold
            ),
            key=lambda item: (-float(item["score"]), str(item["label"])),
        )

    def article_labels(self, texts: list[str], threshold: float) -> list[dict[str, float | str]]:
        """An article's labels: the best score any of its sentences or statements reaches."""
        best: dict[str, float] = {}
        for text in texts:
            for label, score in self.label_scores(text).items():
                best[label] = max(score, best.get(label, 0.0))
        return sorted(
            (
                {"label": label, "score": score}
                for label, score in best.items()
                if score >= threshold
            ),
            key=lambda item: (-float(item["score"]), str(item["label"])),
        )

    # -- stance -----------------------------------------------------------------
    def stance(self, text: str, speaker_type: str | None = None) -> tuple[str, float]:
        """(stance, confidence) from the balance of restrictive and protective cues.

        When both directions have cues in equal number, the speaker's type breaks
        the tie (rights groups and courts that raise a point about returns are
        usually warning about them); with no cues at all the statement is neutral.
        """
        counts = {
            stance: sum(1 for pattern in patterns if pattern.search(text))
            for stance, patterns in self.stance_cues.items()
        }
        restrictive, protective = counts.get("restrictive", 0), counts.get("protective", 0)
        difference = restrictive - protective
        if difference == 0 and restrictive and speaker_type in TIE_BREAK:
            return TIE_BREAK[speaker_type], 0.55
        if abs(difference) < STANCE_MARGIN:
            return "neutral", 0.5
        confidence = round(1 - math.exp(-abs(difference)), 4)
        return ("restrictive" if difference > 0 else "protective"), confidence

    def sentences(self, text: str) -> list[str]:
        return [s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()]


@functools.lru_cache(maxsize=4)
def load_classifier(models_dir: str) -> Classifier:
    return Classifier(Path(models_dir) / "label_rules.yaml")
