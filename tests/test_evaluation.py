"""The evaluation itself: matching rules, splits, the report and the error table."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from monitor.analysis.analyze import Analyzer
from monitor.cli import cli
from monitor.crawl.files import read_document
from monitor.evaluation.errors import Error, error_table
from monitor.evaluation.extraction import Report, evaluate, format_report
from monitor.evaluation.gold import (
    PAGE_BASE_URL,
    GoldError,
    annotated_parts,
    load_gold,
    text_sha256,
)
from monitor.evaluation.matching import best_matches, coverage, same_cue, same_figure, same_speaker
from monitor.settings import Settings


@pytest.mark.parametrize(
    ("gold", "found", "same"),
    [
        ("IOM and UNHCR", "UNHCR", True),
        ("Cecilia Wikström and Claude Moraes", "Moraes", True),
        ("Freddy Roosemont", "Roosemont", True),
        ("Freddy Roosemont", "Theo Francken", False),
        ("Human Rights Watch", "Amnesty International", False),
        # A state acting and its government are one actor (the gold's convention).
        ("Pakistan", "Pakistani government", True),
        ("United States", "the U.S. government", True),
        ("Italy", "government of Italy", True),
        ("Italy", "Tunisian government", False),
        ("Pakistan", "Pakistani authorities", False),
    ],
)
def test_speakers(gold, found, same):
    assert same_speaker(gold, found, {}) is same


@pytest.mark.parametrize(
    ("gold", "found", "same"),
    [("warned", "has warned", True), (None, None, True), ("said", None, False),
     ("according to", "according to", True), ("denied", "said", False)],
)
def test_cues(gold, found, same):
    assert same_cue(gold, found) is same


def test_coverage_is_the_share_of_the_gold_span_the_found_one_covers():
    gold = {"start": 100, "end": 200}
    assert coverage(gold, {"start": 150, "end": 400}) == 0.5
    assert coverage(gold, {"start": 0, "end": 1000}) == 1.0
    assert coverage(gold, {"start": 200, "end": 300}) == 0.0


def test_quotes_pair_with_the_span_that_covers_most_and_only_above_the_bar():
    gold = [{"start": 0, "end": 100}, {"start": 200, "end": 300}]
    found = [
        {"start": 0, "end": 20},  # covers 20% of the first
        {"start": 10, "end": 95},  # covers 85% of the first
        {"start": 250, "end": 400},  # covers 50% of the second
    ]
    assert best_matches(gold, found, 0.3) == [(gold[0], found[1]), (gold[1], found[2])]
    assert best_matches(gold, found, 0.8) == [(gold[0], found[1])]
    # Each found span is used once.
    twice = best_matches([gold[0], gold[0]], found, 0.1)
    assert twice == [(gold[0], found[1]), (gold[0], found[0])]


def test_a_change_may_be_called_a_percentage_but_values_must_agree():
    assert same_figure({"value": -45, "kind": "change"}, {"value": 45, "kind": "percent"})
    assert not same_figure({"value": 213000, "kind": "count"}, {"value": 213, "kind": "count"})


def gold_folder(tmp_path, split=None):
    folder = tmp_path / "gold"
    folder.mkdir()
    text = "Officials said 1,200 people arrived. The minister said returns would resume."
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "a.json").write_text(
        json.dumps(
            {
                "relevant": True,
                "labels": ["asylum_figures"],
                "countries": [],
                "actors": [],
                "figures": [{"value": 1200, "kind": "count", "country": None, "year": None}],
                "statements": [
                    {"speaker": "minister", "cue": "said", "quote": "returns would resume",
                     "stance": "restrictive"}
                ],
            }
        ),
        encoding="utf-8",
    )
    if split:
        (folder / "split.json").write_text(json.dumps(split), encoding="utf-8")
    return folder


def test_a_split_needs_a_split_file(tmp_path):
    with pytest.raises(GoldError, match="no split.json"):
        load_gold([gold_folder(tmp_path)], Settings(), "dev")
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "split.json").write_text('{"dev": [], "test": []}', encoding="utf-8")
    assert load_gold([folder], Settings(), "dev") == []


def test_quotes_in_demo_style_gold_become_spans(tmp_path):
    (document,) = load_gold([gold_folder(tmp_path)], Settings())
    statement = document.gold["statements"][0]
    assert document.text[statement["start"] : statement["end"]] == "returns would resume"


def test_the_report_names_every_part():
    report = format_report(Report().as_dict())
    for part in ("attributed_statements", "labels_macro", "stance accuracy", "relevance"):
        assert part in report


def test_eval_extraction_on_a_split_writes_json(tmp_path):
    folder = gold_folder(tmp_path, {"dev": ["a"], "test": []})
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(
        cli, ["eval", "extraction", "--gold", str(folder), "--split", "dev", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["documents"] == 1 and scores["split"] == "dev"
    assert scores["figures"]["expected"] == 1
    empty = CliRunner().invoke(
        cli, ["eval", "extraction", "--gold", str(folder), "--split", "test"]
    )
    assert empty.exit_code == 1 and "no gold files found" in empty.output


PAGE = """<html><head><title>Talks on returns</title></head><body><article>
<h1>Talks on returns</h1>
<p>The interior minister said on Monday that 1,200 people had been returned this year,
and that the talks with neighbouring states would go on until an agreement was found.</p>
<p>"We will not stop until the agreement is signed," she told reporters in the capital,
adding that further flights were planned for the coming weeks and months.</p>
</article></body></html>"""


def page_gold(tmp_path, **fields):
    """A shared folder holding one saved page, and a gold folder describing it."""
    shared = tmp_path / "shared"
    (shared / "pages").mkdir(parents=True)
    (shared / "pages" / "talks.html").write_text(PAGE, encoding="utf-8")
    settings = Settings(shared_dir=str(shared))
    text = read_document(
        str(shared / "pages" / "talks.html"), settings, PAGE_BASE_URL, keep_short=False
    ).text
    quote = "We will not stop until the agreement is signed"
    gold = {
        "source": "pages/talks.html",
        "sha256": text_sha256(text),
        "relevant": False,
        "annotated": ["statements"],
        "statements": [
            {"start": text.index(quote), "end": text.index(quote) + len(quote),
             "speaker": "interior minister", "cue": "told", "kind": "direct"}
        ],
    } | fields
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "talks.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder, settings, text


def test_a_saved_page_is_read_as_the_crawler_reads_it(tmp_path):
    folder, settings, text = page_gold(tmp_path)
    (document,) = load_gold([folder], settings)
    assert document.text == text and "1,200 people" in text
    folder, settings, _ = page_gold(tmp_path / "changed", sha256="0" * 64)
    with pytest.raises(GoldError, match="changed since it was annotated"):
        load_gold([folder], settings)


def test_only_the_parts_a_gold_file_annotates_are_scored(tmp_path):
    # An off-topic page whose quotes alone were annotated, as quote studies do:
    # its statements count, its figure and its countries are neither missed nor spurious.
    folder, settings, _ = page_gold(tmp_path)
    documents = load_gold([folder], settings)
    scores = evaluate(documents, Analyzer(settings), {}).as_dict()
    assert scores["statements"]["expected"] == 1
    assert scores["figures"]["expected"] == scores["figures"]["found"] == 0
    assert scores["countries"]["found"] == 0
    assert annotated_parts({"relevant": False}) == {"relevance", "countries", "actors"}
    with pytest.raises(GoldError, match="unknown annotated parts"):
        annotated_parts({"annotated": ["quotes"]})


def test_error_table_counts_kinds_most_frequent_first():
    errors = [Error("b", "d1", "x"), Error("a", "d1", "y"), Error("a", "d2", "z")]
    lines = error_table(errors).splitlines()
    assert lines[1].split() == ["2", "2", "a"] and "d1: 'y'" in lines[2]
