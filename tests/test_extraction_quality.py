"""Extraction quality must not drop below the committed scores: on the demo gold
(texts written with the project) and on the open-news test split (real reporting,
annotated by hand; only scored, never tuned on)."""

import json
from pathlib import Path

import pytest

from monitor.evaluation.extraction import ACCURACIES, PARTS, evaluate_folders
from monitor.evaluation.gold import default_gold_folders
from monitor.settings import Settings
from tests.conftest import SEED, shared_path

pytestmark = pytest.mark.slow
SETTINGS = Settings()
COMMITTED = json.loads((Path(SETTINGS.models_dir) / "extraction_metrics.json").read_text())
OPEN_NEWS_GOLD = Path(__file__).parent / "gold" / "open-news"
# The targets of the first extraction issue, on the demo gold.
DEMO_TARGETS = {"countries": 0.95, "persons": 0.90, "figures": 0.85, "statements": 0.85}
SPEAKER_TARGET = 0.90
# Scores move a little with unrelated changes (a retrained model, a new rule);
# a drop larger than this fails.
TOLERANCE = 0.005


@pytest.fixture(scope="module")
def demo(analyzer):
    if not (SEED / "expected.json").exists():
        pytest.skip("../shared/seed is absent: the committed scores include the seed article")
    return evaluate_folders(SETTINGS, default_gold_folders(SETTINGS), analyzer=analyzer)


@pytest.fixture(scope="module")
def open_news(analyzer):
    shared_path("corpus", "open-news")
    return evaluate_folders(SETTINGS, [OPEN_NEWS_GOLD], "test", analyzer=analyzer)


def _not_below(measured: dict, committed: dict) -> list[str]:
    drops = []
    for part in PARTS:
        if measured[part]["f1"] < committed[part]["f1"] - TOLERANCE:
            drops.append(f"{part} F1 {committed[part]['f1']} -> {measured[part]['f1']}")
    for name in ACCURACIES:
        key = f"{name}_accuracy"
        if measured[key] < committed[key] - TOLERANCE:
            drops.append(f"{key} {committed[key]} -> {measured[key]}")
    if measured["labels_macro_f1"] < committed["labels_macro_f1"] - TOLERANCE:
        drops.append("labels macro F1")
    return drops


def test_demo_scores_not_below_committed(demo):
    assert _not_below(demo, COMMITTED["demo"]) == []


def test_open_news_test_scores_not_below_committed(open_news):
    assert _not_below(open_news, COMMITTED["open_news_test"]) == []


def test_committed_demo_scores_meet_the_targets():
    demo = COMMITTED["demo"]
    for part, target in DEMO_TARGETS.items():
        assert demo[part]["f1"] >= target, part
    assert demo["speaker_accuracy"] >= SPEAKER_TARGET


def test_gold_covers_enough_documents(demo, open_news):
    assert demo["documents"] >= 26  # at least 25 demo articles plus the seed
    assert open_news["documents"] >= 25


NEWS_PAGES_GOLD = Path(__file__).parent / "gold" / "news-pages"


def test_news_pages_scores_not_below_committed(analyzer):
    # General news (a second dev set): quotes and figures as quote studies score them.
    shared_path("fixtures", "pages")
    pages = evaluate_folders(SETTINGS, [NEWS_PAGES_GOLD], analyzer=analyzer)
    assert _not_below(pages, COMMITTED["news_pages"]) == []


WRITTEN_NEWS_GOLD = Path(__file__).parent / "gold" / "written-news"


def test_written_news_scores_not_below_committed(analyzer):
    # Articles written for the project by annotators who never saw the monitor: a
    # third dev set for attribution (see its README).
    scores = evaluate_folders(SETTINGS, [WRITTEN_NEWS_GOLD], analyzer=analyzer)
    assert _not_below(scores, COMMITTED["written_news"]) == []


FIGURE_NEWS_GOLD = Path(__file__).parent / "gold" / "figure-news"


def test_figure_news_scores_not_below_committed(analyzer):
    # Migration reporting dense in numbers, written and annotated for the project by
    # people who never saw the monitor: a dev set for figures, their country and year.
    scores = evaluate_folders(SETTINGS, [FIGURE_NEWS_GOLD], analyzer=analyzer)
    assert _not_below(scores, COMMITTED["figure_news"]) == []


STANCE_NEWS_GOLD = Path(__file__).parent / "gold" / "stance-news"
FRESH_NEWS_GOLD = Path(__file__).parent / "gold" / "fresh-news"
QUOTE_NEWS_GOLD = Path(__file__).parent / "gold" / "quote-news"
BLIND_NEWS_GOLD = Path(__file__).parent / "gold" / "blind-news"
GENERAL_NEWS_GOLD = Path(__file__).parent / "gold" / "general-news"


def test_stance_news_scores_not_below_committed(analyzer):
    # Statement-dense migration reporting written to teach stance: who said what is a
    # dev set here; its stance column is trained on (see its README).
    scores = evaluate_folders(SETTINGS, [STANCE_NEWS_GOLD], analyzer=analyzer)
    assert _not_below(scores, COMMITTED["stance_news"]) == []


@pytest.mark.parametrize("split", ["dev", "test"])
def test_fresh_news_scores_not_below_committed(analyzer, split):
    # Excerpts scored before they were read: the dev half read since, the test half
    # only scored.
    scores = evaluate_folders(SETTINGS, [FRESH_NEWS_GOLD], split, analyzer=analyzer)
    assert _not_below(scores, COMMITTED[f"fresh_news_{split}"]) == []


@pytest.mark.parametrize("split", ["dev", "test"])
def test_quote_news_scores_not_below_committed(analyzer, split):
    # Quote-dense news scored before it was read (twenty-second session): who said
    # what, the dev half read since, the test half only scored.
    scores = evaluate_folders(SETTINGS, [QUOTE_NEWS_GOLD], split, analyzer=analyzer)
    assert _not_below(scores, COMMITTED[f"quote_news_{split}"]) == []


@pytest.mark.parametrize("split", ["dev", "test"])
def test_blind_news_scores_not_below_committed(analyzer, split):
    # Statements and figures scored before they were read (twenty-third session): the
    # dev half may be read, the test half is only scored.
    scores = evaluate_folders(SETTINGS, [BLIND_NEWS_GOLD], split, analyzer=analyzer)
    assert _not_below(scores, COMMITTED[f"blind_news_{split}"]) == []


@pytest.mark.parametrize("split", ["dev", "test"])
def test_general_news_scores_not_below_committed(analyzer, split):
    # Who said what in news on other subjects than migration, scored before it was
    # read (twenty-fourth session): the dev half may be read, the test half only scored.
    scores = evaluate_folders(SETTINGS, [GENERAL_NEWS_GOLD], split, analyzer=analyzer)
    assert _not_below(scores, COMMITTED[f"general_news_{split}"]) == []
