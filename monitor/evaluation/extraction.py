"""Extraction quality against hand-made gold files.

A gold file has the shape of ``../shared/seed/expected.json``. Its text is
found beside it (same name, ``.txt`` or ``.html``), through ``url_path`` in
the bundled demo site, or, for a folder holding ``expected.json`` and
``article.txt`` (the seed), in that pair.

Matching rules (also in the README):

* countries: ISO codes, per document;
* persons: same name after case and accent folding, or same surname with a
  compatible first name (one side may give only the surname);
* organisations and groups: same name after folding, after mapping both
  sides through the curated institutions' aliases ("EU Agency for Asylum"
  = "EUAA"), or one name containing the other;
* figures: same value (sign ignored, within 0.5%) and same kind, where a
  percentage change may be called ``percent`` or ``change`` (annotators
  differ);
* statements: ours is found when its content span overlaps the gold quote's
  position in the text (gold without a quote, like the seed's gists: when the
  cue verb is the same); the speaker is correct when its name matches the
  gold speaker by the person or organisation rules.

Figures and statements are scored on documents the gold marks as relevant
(the gate skips the rest); countries, persons and organisations on all.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.analyze import Analyzer
from monitor.demo import GOLD_DIR, SITE_DIR
from monitor.extract import extract_page
from monitor.nlp.gazetteer import slugify
from monitor.pdf import extract_pdf
from monitor.settings import Settings

PARTS = ("countries", "persons", "organisations", "figures", "statements")
SEED_GOLD = ("expected.json", "article.txt")


@dataclass
class GoldDocument:
    name: str
    text: str
    gold: dict[str, Any]


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
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: {p: Tally() for p in PARTS})
    speakers_correct: int = 0
    speakers_judged: int = 0
    documents: int = 0

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {part: tally.scores() for part, tally in self.tallies.items()}
        result["speaker_accuracy"] = round(
            self.speakers_correct / self.speakers_judged if self.speakers_judged else 0.0, 4
        )
        result["speakers_judged"] = self.speakers_judged
        result["documents"] = self.documents
        return result


# --- loading ------------------------------------------------------------------


def _text_of(path: Path, gold: dict[str, Any], settings: Settings) -> str:
    for suffix in (".txt", ".html"):
        sibling = path.with_suffix(suffix)
        if sibling.exists():
            return _as_text(sibling.read_text(encoding="utf-8"), sibling, settings)
    if path.name == SEED_GOLD[0] and (path.parent / SEED_GOLD[1]).exists():
        return (path.parent / SEED_GOLD[1]).read_text(encoding="utf-8")
    if gold.get("url_path"):
        page = SITE_DIR / gold["url_path"].lstrip("/")
        if page.suffix == ".pdf":  # the text the crawler stores for a PDF
            return extract_pdf(page.read_bytes(), settings).text
        html = page.read_text(encoding="utf-8").replace("__BASE__", "http://127.0.0.1")
        return _as_text(html, page, settings)
    raise FileNotFoundError(f"{path}: no text beside it and no url_path")


def _as_text(raw: str, path: Path, settings: Settings) -> str:
    if path.suffix == ".html":
        return extract_page(raw, f"http://127.0.0.1/{path.name}", settings).text
    return raw


def load_gold(folders: Iterable[Path], settings: Settings) -> list[GoldDocument]:
    documents = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            documents.append(
                GoldDocument(f"{folder.name}/{path.stem}", _text_of(path, gold, settings), gold)
            )
    return documents


def default_gold_folders() -> list[Path]:
    """The demo gold, and the seed article when ../shared is beside the project."""
    folders = [GOLD_DIR]
    seed = Path(Settings().models_dir).parent.parent / "shared" / "seed"
    if (seed / SEED_GOLD[0]).exists():
        folders.append(seed)
    return folders


# --- matching ---------------------------------------------------------------------


def fold(name: str | None) -> str:
    """Lowercase ASCII words, curly quotes and leading articles removed."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("'s ", " "))
    text = re.sub(r"^(the|a|an)\s+", "", re.sub(r"\s+", " ", text).strip())
    return text


def alias_table(institutions_file: Path) -> dict[str, str]:
    import yaml

    table: dict[str, str] = {}
    for entry in yaml.safe_load(institutions_file.read_text(encoding="utf-8")) or []:
        for alias in [
            entry["name"],
            *entry.get("aliases", []),
            *entry.get("ambiguous_aliases", []),
        ]:
            table.setdefault(fold(alias), slugify(entry["name"]))
    return table


def same_person(gold: str | None, found: str | None) -> bool:
    gold_words, found_words = fold(gold).split(), fold(found).split()
    if not gold_words or not found_words:
        return False
    if gold_words == found_words:
        return True
    if gold_words[-1] != found_words[-1]:
        return False
    return len(gold_words) == 1 or len(found_words) == 1 or gold_words[0] == found_words[0]


def same_organisation(gold: str | None, found: str | None, aliases: dict[str, str]) -> bool:
    gold_name, found_name = fold(gold), fold(found)
    if not gold_name or not found_name:
        return False
    if gold_name == found_name:
        return True
    gold_id, found_id = aliases.get(gold_name), aliases.get(found_name)
    if gold_id and gold_id == found_id:
        return True
    shorter, longer = sorted((gold_name, found_name), key=len)
    return len(shorter) >= 3 and f" {shorter} " in f" {longer} "


def same_speaker(gold: str | None, found: str | None, aliases: dict[str, str]) -> bool:
    return same_person(gold, found) or same_organisation(gold, found, aliases)


def _match(gold_items: list, found_items: list, equal) -> int:
    """Greedy one-to-one matching; returns the number of pairs."""
    unused = list(found_items)
    pairs = 0
    for item in gold_items:
        for candidate in unused:
            if equal(item, candidate):
                unused.remove(candidate)
                pairs += 1
                break
    return pairs


def _same_figure(gold: dict, found: dict) -> bool:
    gold_value, found_value = abs(float(gold["value"])), abs(float(found["value"]))
    if abs(gold_value - found_value) > 0.005 * max(gold_value, 1.0):
        return False
    kinds = {gold["kind"], found["kind"]}
    return len(kinds) == 1 or kinds == {"percent", "change"}


# --- scoring ----------------------------------------------------------------------


def evaluate(documents: list[GoldDocument], analyzer: Analyzer, aliases: dict[str, str]) -> Report:
    report = Report()
    analyses = analyzer.analyze_many([d.text for d in documents], force=True)
    for document, analysis in zip(documents, analyses, strict=True):
        gold = document.gold
        report.documents += 1
        tallies = report.tallies
        gold_countries = set(gold.get("countries", []))
        found_countries = {c["iso3"] for c in analysis["countries"]}
        tallies["countries"].add(
            len(gold_countries & found_countries), len(found_countries), len(gold_countries)
        )
        gold_people = [a["name"] for a in gold.get("actors", []) if a["kind"] == "person"]
        found_people = [a["name"] for a in analysis["actors"] if a["kind"] == "person"]
        tallies["persons"].add(
            _match(gold_people, found_people, same_person), len(found_people), len(gold_people)
        )
        gold_orgs = [a["name"] for a in gold.get("actors", []) if a["kind"] != "person"]
        found_orgs = [a["name"] for a in analysis["actors"] if a["kind"] != "person"]
        tallies["organisations"].add(
            _match(gold_orgs, found_orgs, lambda g, f: same_organisation(g, f, aliases)),
            len(found_orgs),
            len(gold_orgs),
        )
        if not gold.get("relevant", True):
            continue
        tallies["figures"].add(
            _match(gold["figures"], analysis["figures"], _same_figure),
            len(analysis["figures"]),
            len(gold["figures"]),
        )
        _score_statements(document, analysis, report, aliases)
    return report


def _score_statements(
    document: GoldDocument, analysis: dict, report: Report, aliases: dict[str, str]
) -> None:
    found = analysis["statements"]
    used: set[int] = set()
    matched = 0
    for gold in document.gold.get("statements", []):
        if "quote" in gold:
            position = document.text.find(gold["quote"])
            if position < 0:
                continue
            end = position + len(gold["quote"])

            def matches(statement: dict, start: int = position, stop: int = end) -> bool:
                return statement["start"] < stop and start < statement["end"]
        else:  # the seed gives a gist, not a quote: its cue identifies the statement

            def matches(statement: dict, cue: str = gold["cue"]) -> bool:
                return (statement["cue"] or "").lower() == cue.lower()

        for index, statement in enumerate(found):
            if index in used or not matches(statement):
                continue
            used.add(index)
            matched += 1
            report.speakers_judged += 1
            report.speakers_correct += same_speaker(gold["speaker"], statement["speaker"], aliases)
            break
    report.tallies["statements"].add(matched, len(found), len(document.gold.get("statements", [])))


def format_report(metrics: dict[str, Any]) -> str:
    lines = [f"{'part':14} {'precision':>9} {'recall':>7} {'F1':>6} {'found':>6} {'gold':>6}"]
    for part in PARTS:
        row = metrics[part]
        lines.append(
            f"{part:14} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f} "
            f"{row['found']:6d} {row['expected']:6d}"
        )
    lines.append(
        f"speaker correct, of statements found: {metrics['speaker_accuracy']:.3f} "
        f"({metrics['speakers_judged']} judged); {metrics['documents']} documents"
    )
    return "\n".join(lines)
