"""Check gold files against their texts, and find offsets for annotators.

    python tests/gold/open_news_gold.py tests/gold/open-news/*.json
    python tests/gold/open_news_gold.py --find 022 "52,000"
    python tests/gold/open_news_gold.py --find tests/gold/news-pages/bbc.json "said"

A saved page (``source`` ending in ``.html``) is read as the evaluation reads it:
its text extracted by the crawler's extraction.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
LABELS = {
    "return_policy", "rights_concerns", "conditionality", "border_control",
    "externalisation", "smuggling_trafficking", "information_campaigns",
    "asylum_figures", "protection_access", "integration", "eu_coordination",
}
ACTOR_TYPES = {
    "government", "court", "eu_institution", "international_org", "ngo", "party", "media", "other",
}
FIGURE_KINDS = {"count", "percent", "money", "change", "other"}
STATEMENT_KINDS = {"direct", "indirect", "according_to"}
STANCES = {"restrictive", "protective", "neutral"}


def corpus_text(source: str, shared: Path = SHARED) -> str:
    if source.endswith((".html", ".htm")):
        from monitor.crawl.files import read_document
        from monitor.evaluation.gold import PAGE_BASE_URL
        from monitor.settings import Settings

        page = str(shared / source)
        return read_document(page, Settings(), PAGE_BASE_URL, keep_short=False).text
    return json.loads((shared / source).read_text(encoding="utf-8"))["text"]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def problems(gold: dict, text: str) -> list[str]:
    """Every way the gold file breaks the shape in README.md; empty when it is sound."""
    found: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            found.append(message)

    need(gold.get("sha256") == text_sha256(text), "sha256 does not match the text")
    need(isinstance(gold.get("relevant"), bool), "relevant must be true or false")
    need(set(gold.get("labels", [])) <= LABELS, f"unknown labels {gold.get('labels')}")
    for code in gold.get("countries", []):
        need(isinstance(code, str) and len(code) == 3 and code.isupper(), f"country {code!r}")
    for actor in gold.get("actors", []):
        need(actor.get("kind") in {"person", "organisation", "group"}, f"actor kind {actor}")
        need(actor.get("type") in ACTOR_TYPES, f"actor type {actor}")
        need(bool(actor.get("name")), f"actor without name {actor}")
    for figure in gold.get("figures", []):
        _check_span(figure, text, found)
        need(figure.get("kind") in FIGURE_KINDS, f"figure kind {figure}")
        need(isinstance(figure.get("value"), int | float), f"figure value {figure}")
        need(bool(figure.get("counts")), f"figure without counts {figure}")
        year = figure.get("year")
        need(year is None or isinstance(year, int), f"figure year {figure}")
    for statement in gold.get("statements", []):
        _check_span(statement, text, found)
        need(bool(statement.get("speaker")), f"statement without speaker {statement}")
        need(statement.get("speaker_type") in ACTOR_TYPES, f"speaker_type {statement}")
        need(statement.get("kind") in STATEMENT_KINDS, f"statement kind {statement}")
        if gold.get("relevant"):  # stance is about migration policy
            need(statement.get("stance") in STANCES, f"stance {statement}")
        need(set(statement.get("labels", [])) <= set(gold.get("labels", [])),
             f"statement labels not among the article labels {statement}")
        need(isinstance(statement.get("negated"), bool), f"negated {statement}")
        need(bool(statement.get("gist")), f"statement without gist {statement}")
        cue = statement.get("cue")
        if cue and statement.get("kind") != "direct":
            window = text[max(0, statement["start"] - 300): statement["end"] + 300]
            need(cue.lower() in window.lower(), f"cue {cue!r} not near its content")
    if not gold.get("relevant") and "annotated" not in gold:
        need(not gold.get("figures") and not gold.get("statements") and not gold.get("labels"),
             "a text that is not relevant has no labels, figures or statements")
    return found


def _check_span(item: dict, text: str, found: list[str]) -> None:
    start, end = item.get("start"), item.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        found.append(f"bad span {start}-{end} in {item}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--find"]:
        if argv[1].endswith(".json"):
            text = corpus_text(json.loads(Path(argv[1]).read_text(encoding="utf-8"))["source"])
        else:
            text = corpus_text(f"corpus/open-news/{argv[1]}.json")
        words, position = argv[2], -1
        while (position := text.find(words, position + 1)) >= 0:
            context = text[max(0, position - 40) : position + len(words) + 40]
            print(f"{position} {position + len(words)}  ...{context!r}")
        return 0
    status, show = 0, "--show" in argv
    for name in [arg for arg in argv if not arg.startswith("--")]:
        gold = json.loads(Path(name).read_text(encoding="utf-8"))
        text = corpus_text(gold["source"])
        for problem in problems(gold, text):
            print(f"{name}: {problem}")
            status = 1
        for item in gold.get("figures", []) + gold.get("statements", []) if show else []:
            print(f"{name}: {text[item['start']:item['end']]!r}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
