"""Error analysis: every disagreement with the gold, sorted into kinds and counted.

``monitor eval errors --gold DIR --split dev`` lists the kinds, most frequent
first, with one example each, so that work goes to the errors that cost most.
Run it on the dev split only: reading the test split's errors one by one would
turn it into a second dev split.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from monitor.analysis.analyze import Analyzer
from monitor.evaluation.gold import GoldDocument, annotated_parts
from monitor.evaluation.matching import (
    match,
    overlaps,
    same_cue,
    same_figure,
    same_organisation,
    same_person,
    same_speaker,
)

VAGUE = re.compile(
    r"^(?:some |several |many |a few )?(?:tens of |hundreds of )?"
    r"(?:dozens|hundreds|thousands|millions|scores)\b",
    re.I,
)
UNIT_AFTER = re.compile(
    r"^\s*-?(?:years?|year-old|months?|weeks?|days?|hours?|minutes?|km|kilometres?|"
    r"kilometers?|miles?|metres?|meters?|GMT|am|pm|a\.m\.|p\.m\.)\b",
    re.I,
)
PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.I)
EXAMPLE_CHARS = 110


@dataclass
class Error:
    kind: str
    document: str
    example: str


def _snippet(text: str, start: int, end: int) -> str:
    piece = text[max(0, start - 30) : min(len(text), end + 30)].replace("\n", " ")
    return piece[:EXAMPLE_CHARS]


def figure_errors(document: GoldDocument, analysis: dict[str, Any]) -> list[Error]:
    text, name, errors = document.text, document.name, []
    gold_figures = document.gold.get("figures", [])
    pairs = match(gold_figures, analysis["figures"], same_figure)
    matched_gold = {id(g) for g, _ in pairs}
    matched_found = {id(f) for _, f in pairs}
    for gold, found in pairs:
        if gold.get("country") != found["country"]:
            kind = (
                "no country"
                if gold.get("country") and not found["country"]
                else ("country where gold has none" if not gold.get("country") else "other country")
            )
            errors.append(
                Error(f"figure: {kind}", name, _snippet(text, found["start"], found["end"]))
            )
        if gold.get("year") != found["year"]:
            kind = (
                "year where gold has none"
                if gold.get("year") is None
                else ("no year" if found["year"] is None else "other year")
            )
            errors.append(
                Error(f"figure: {kind}", name, _snippet(text, found["start"], found["end"]))
            )
    for gold in gold_figures:
        if id(gold) in matched_gold:
            continue
        near = [f for f in analysis["figures"] if "start" in gold and overlaps(gold, f)]
        kind = "value or kind read wrong" if near else "missed"
        start, end = gold.get("start", 0), gold.get("end", 0)
        errors.append(Error(f"figure: {kind}", name, _snippet(text, start, end)))
    for found in analysis["figures"]:
        if id(found) in matched_found:
            continue
        if any("start" in g and overlaps(g, found) for g in gold_figures):
            continue  # counted above as a value read wrong
        after = text[found["end"] : found["end"] + 15]
        if VAGUE.match(found["text"]):
            kind = "vague amount taken as a figure"
        elif UNIT_AFTER.match(after):
            kind = "duration, distance, age or time taken as a figure"
        else:
            kind = "spurious figure"
        errors.append(Error(f"figure: {kind}", name, _snippet(text, found["start"], found["end"])))
    return errors


def statement_errors(
    document: GoldDocument, analysis: dict[str, Any], aliases: dict[str, str]
) -> list[Error]:
    text, name, errors = document.text, document.name, []
    gold_statements = [g for g in document.gold.get("statements", []) if "start" in g]
    found = analysis["statements"]
    pairs = match(gold_statements, found, overlaps)
    matched_gold = {id(g) for g, _ in pairs}
    matched_found = {id(f) for _, f in pairs}
    for gold, statement in pairs:
        where = _snippet(text, statement["start"], statement["end"])
        if not same_speaker(gold["speaker"], statement["speaker"], aliases):
            errors.append(Error(f"speaker: {_speaker_error(statement)}", name, where))
        if not same_cue(gold.get("cue"), statement.get("cue")):
            kind = "cue where gold has none" if not gold.get("cue") else "cue missed or other"
            errors.append(Error(f"statement: {kind}", name, where))
        if gold.get("speaker_type") and gold["speaker_type"] != statement["speaker_type"]:
            errors.append(
                Error(
                    f"speaker type: {gold['speaker_type']} read as {statement['speaker_type']}",
                    name,
                    where,
                )
            )
        if gold.get("stance") and gold["stance"] != statement["stance"]:
            errors.append(
                Error(f"stance: {gold['stance']} read as {statement['stance']}", name, where)
            )
    for gold in gold_statements:
        if id(gold) not in matched_gold:
            kind = "continuation" if gold.get("continuation") else gold["kind"]
            if gold["kind"] == "direct" and not gold.get("cue") and not gold.get("continuation"):
                kind = "speech or debate turn"
            errors.append(
                Error(f"statement missed: {kind}", name, _snippet(text, gold["start"], gold["end"]))
            )
    for statement in found:
        if id(statement) in matched_found:
            continue
        words = len(statement["content"].split())
        kind = "short quoted phrase" if words <= 5 else f"{statement['kind']}"
        errors.append(
            Error(
                f"spurious statement: {kind}",
                name,
                _snippet(text, statement["start"], statement["end"]),
            )
        )
    return errors


def _speaker_error(statement: dict[str, Any]) -> str:
    speaker = (statement.get("speaker") or "").strip()
    if not speaker:
        return "left empty"
    if PRONOUN.match(speaker):
        return "an unresolved pronoun"
    return "another actor"


def country_errors(document: GoldDocument, analysis: dict[str, Any]) -> list[Error]:
    gold_countries, name = set(document.gold.get("countries", [])), document.name
    errors = [
        Error("country: not in the body's countries", name, country["name"])
        for country in analysis["countries"]
        if country["iso3"] not in gold_countries
    ]
    found_codes = {c["iso3"] for c in analysis["countries"]}
    errors += [Error("country: missed", name, code) for code in gold_countries - found_codes]
    return errors


def actor_errors(
    document: GoldDocument, analysis: dict[str, Any], aliases: dict[str, str]
) -> list[Error]:
    gold, name, errors = document.gold, document.name, []
    for kind, equal in (
        ("person", same_person),
        ("organisation", lambda g, f: same_organisation(g, f, aliases)),
    ):
        gold_names = [a["name"] for a in gold.get("actors", []) if a["kind"] == kind]
        found_names = [a["name"] for a in analysis["actors"] if a["kind"] == kind]
        pairs = match(gold_names, found_names, equal)
        matched = {f for _, f in pairs}
        for found_name in found_names:
            if found_name not in matched:
                errors.append(Error(f"{kind}: spurious", name, found_name))
        matched_gold = {g for g, _ in pairs}
        for gold_name in gold_names:
            if gold_name not in matched_gold:
                errors.append(Error(f"{kind}: missed", name, gold_name))
    return errors


def label_errors(document: GoldDocument, analysis: dict[str, Any]) -> list[Error]:
    gold = set(document.gold.get("labels", []))
    found = {item["label"] for item in analysis["labels"]}
    errors = [
        Error(f"label: {label} tagged, not what the article is about", document.name, "")
        for label in sorted(found - gold)
    ]
    errors += [Error(f"label: {label} missed", document.name, "") for label in sorted(gold - found)]
    return errors


def find_errors(
    documents: list[GoldDocument], analyzer: Analyzer, aliases: dict[str, str]
) -> list[Error]:
    errors: list[Error] = []
    analyses = analyzer.analyze_many(
        [d.text for d in documents],
        force=True,
        published=[d.gold.get("published_at") for d in documents],
    )
    for document, analysis in zip(documents, analyses, strict=True):
        parts = annotated_parts(document.gold)
        if "relevance" in parts and bool(analysis["relevant"]) != document.gold.get(
            "relevant", True
        ):
            errors.append(Error("relevance: wrong", document.name, ""))
        if "countries" in parts:
            errors += country_errors(document, analysis)
        if "actors" in parts:
            errors += actor_errors(document, analysis, aliases)
        if "figures" in parts:
            errors += figure_errors(document, analysis)
        if "statements" in parts:
            errors += statement_errors(document, analysis, aliases)
        if "labels" in parts:
            errors += label_errors(document, analysis)
    return errors


def error_table(errors: list[Error], top: int = 40) -> str:
    """Kinds by frequency, each with its count, the documents it occurs in and one example."""
    counts = Counter(error.kind for error in errors)
    examples: dict[str, Error] = {}
    documents: dict[str, set[str]] = defaultdict(set)
    for error in errors:
        examples.setdefault(error.kind, error)
        documents[error.kind].add(error.document)
    lines = [f"{'count':>5} {'docs':>4}  kind / example"]
    for kind, count in counts.most_common(top):
        example = examples[kind]
        lines.append(f"{count:5d} {len(documents[kind]):4d}  {kind}")
        if example.example:
            lines.append(f"{'':11}{example.document}: {example.example!r}")
    return "\n".join(lines)
