"""The transparent rule layer: documented patterns per label, stance cues and
the relevance patterns of ``models/label_rules.yaml``."""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from monitor.codebook import LABELS

SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"\u2018])|\n+")
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


class RuleLayer:
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
        # One pass per label over a sentence first: most sentences trigger no rule of
        # most labels, and one alternation is cheaper than each of its patterns.
        self._by_label = {
            label: (
                re.compile("|".join(f"(?:{pattern})" for pattern, _ in entries), re.I),
                [rule for rule in self.rules if rule.label == label],
            )
            for label, entries in raw["labels"].items()
        }
        self.stance_cues = {
            stance: [re.compile(p, re.I) for p in patterns]
            for stance, patterns in raw["stance"].items()
        }

    # -- labels -----------------------------------------------------------------
    def label_scores(self, text: str) -> dict[str, float]:
        """Noisy-or score per label for one sentence or statement."""
        misses: dict[str, float] = {}
        for label, (any_rule, rules) in self._by_label.items():
            if not any_rule.search(text):
                continue
            for rule in rules:
                if rule.pattern.search(text):
                    misses[label] = misses.get(label, 1.0) * (1.0 - rule.weight)
        return {label: round(1.0 - miss, 4) for label, miss in misses.items()}

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

    def mentions_migration(self, text: str) -> bool:
        """True when one of the documented relevance patterns occurs in ``text``."""
        return any(pattern.search(text) for pattern in self.relevance)


@functools.lru_cache(maxsize=4)
def load_rules(models_dir: str) -> RuleLayer:
    return RuleLayer(Path(models_dir) / "label_rules.yaml")
