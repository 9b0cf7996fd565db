"""The gold sets: every file sound, its text unchanged, the open-news split fixed."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from monitor.codebook import LABELS, STANCES
from monitor.evaluation.gold import GoldError, load_gold
from monitor.settings import Settings
from tests.conftest import SHARED, shared_path
from tests.gold.open_news_gold import ACTOR_TYPES, STATEMENT_KINDS, corpus_text, problems

GOLD = Path(__file__).parent / "gold" / "open-news"
SPLIT = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))


def gold_files(folder: Path = GOLD) -> list[Path]:
    return sorted(path for path in folder.glob("*.json") if path.name != "split.json")


def test_the_split_covers_every_gold_file_once():
    ids = {path.stem for path in gold_files()}
    dev, test = set(SPLIT["dev"]), set(SPLIT["test"])
    assert not dev & test
    assert dev | test == ids
    assert len(ids) == 88 and 55 <= len(dev) <= 65


@pytest.mark.parametrize("path", gold_files(), ids=lambda path: path.stem)
def test_gold_file_is_sound(path):
    corpus = shared_path("corpus", "open-news", f"{path.stem}.json")
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["source"] == f"corpus/open-news/{path.stem}.json"
    text = json.loads(corpus.read_text(encoding="utf-8"))["text"]
    assert problems(gold, text) == []


def test_a_changed_text_is_refused(tmp_path):
    shared_path("corpus", "open-news")
    folder = tmp_path / "gold"
    folder.mkdir()
    gold = json.loads((GOLD / "001.json").read_text(encoding="utf-8"))
    gold["sha256"] = "0" * 64
    (folder / "001.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldError, match="changed since it was annotated"):
        load_gold([folder], Settings(shared_dir=str(SHARED)))


def test_a_split_reads_only_its_files():
    shared_path("corpus", "open-news")
    documents = load_gold([GOLD], Settings(shared_dir=str(SHARED)), "test")
    assert sorted(d.name.split("/")[1] for d in documents) == sorted(SPLIT["test"])


NEWS_PAGES = Path(__file__).parent / "gold" / "news-pages"


@pytest.mark.parametrize("path", gold_files(NEWS_PAGES), ids=lambda path: path.stem)
def test_news_page_gold_is_sound(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    shared_path(*Path(gold["source"]).parts)
    assert "statements" in gold["annotated"]
    assert problems(gold, corpus_text(gold["source"], SHARED)) == []


WRITTEN_NEWS = Path(__file__).parent / "gold" / "written-news"


@functools.cache
def gold_texts(folder: Path) -> dict[str, str]:
    """The text the evaluation reads for each gold file of a folder of NAME.txt files."""
    return {d.name: d.text for d in load_gold([folder], Settings())}


QUOTE_NEWS = Path(__file__).parent / "gold" / "quote-news"
BLIND_NEWS = Path(__file__).parent / "gold" / "blind-news"
GENERAL_NEWS = Path(__file__).parent / "gold" / "general-news"


@pytest.mark.parametrize(
    "path",
    gold_files(WRITTEN_NEWS)
    + gold_files(QUOTE_NEWS)
    + gold_files(BLIND_NEWS)
    + gold_files(GENERAL_NEWS),
    ids=lambda path: f"{path.parent.name}/{path.stem}",
)
def test_statement_gold_is_sound(path):
    # The written, quote, blind and general news: each statement span given as words found
    # exactly once in the text the evaluation reads; a continuation has no cue of its
    # own. (The blind news annotate figures too, checked below.)
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = gold_texts(path.parent)[f"{path.parent.name}/{path.stem}"]
    # Articles on migration also carry stances and labels (statements' and the
    # article's); the others, statements only.
    relevant = gold["relevant"]
    annotated = [part for part in gold["annotated"] if part != "figures"]
    assert annotated == (["statements", "labels"] if relevant else ["statements"])
    assert ("figures" in gold["annotated"]) == (path.parent == BLIND_NEWS)
    for statement in gold["statements"]:
        assert text.count(statement["quote"]) == 1, statement["quote"]
        assert statement["kind"] in STATEMENT_KINDS and statement["speaker"]
        assert statement["speaker_type"] in ACTOR_TYPES
        assert isinstance(statement["negated"], bool)
        assert not statement["continuation"] or statement["cue"] is None
        if relevant:
            assert statement["stance"] in STANCES
            assert set(statement["labels"]) <= set(gold["labels"]) <= set(LABELS)


@pytest.mark.parametrize(
    "folder", [QUOTE_NEWS, BLIND_NEWS, GENERAL_NEWS], ids=lambda folder: folder.name
)
def test_a_scored_sets_split_covers_every_file_once(folder):
    split = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    ids = {path.stem for path in gold_files(folder)}
    assert not set(split["dev"]) & set(split["test"])
    assert set(split["dev"]) | set(split["test"]) == ids


FIGURE_NEWS = Path(__file__).parent / "gold" / "figure-news"
FIGURE_KINDS = {"count", "percent", "money", "change", "other"}


@pytest.mark.parametrize(
    "path",
    gold_files(FIGURE_NEWS) + gold_files(BLIND_NEWS),
    ids=lambda path: f"{path.parent.name}/{path.stem}",
)
def test_figure_gold_is_sound(path):
    # The figure news (figures only) and the blind news: each figure with the words it
    # stands for, dated against a publication day.
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = gold_texts(path.parent)[f"{path.parent.name}/{path.stem}"]
    assert "figures" in gold["annotated"] and gold["published_at"][:4].isdigit()
    assert gold["annotated"] == ["figures"] or path.parent == BLIND_NEWS
    for figure in gold["figures"]:
        assert figure["quote"] in text, figure["quote"]
        assert figure["kind"] in FIGURE_KINDS and isinstance(figure["value"], int | float)
        assert figure["country"] is None or re.fullmatch(r"[A-Z]{3}", figure["country"])
        assert figure["year"] is None or 1900 < figure["year"] < 2100
        if figure["kind"] == "money":
            assert re.fullmatch(r"[A-Z]{3}", figure["unit"] or ""), figure["quote"]
