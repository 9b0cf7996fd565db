"""The article-label model's parts: the word model, per-label thresholds, and what
happens with a model saved by another version."""

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from monitor.classify.article_model import (
    ARTICLE_LABEL_PRECISION,
    ARTICLE_LABEL_PROBABILITY,
    ARTICLE_MODEL_FILE,
    ArticleModelError,
    load_article_model,
    precise_threshold,
)
from monitor.classify.article_words import (
    WORD_MODEL_C,
    WordModel,
    fit_word_model,
    word_vectorizer,
)

MODELS = Path(__file__).resolve().parent.parent / "models"

# Short stories written for these tests, two kinds, each told a few ways.
RETURNS = [
    "The ministry chartered a deportation flight and returned forty rejected asylum"
    " seekers to Iraq.",
    "Police escorted the returnees to the airport; the return flight left at dawn.",
    "A second deportation flight to Nigeria is planned, the ministry said.",
    "Rejected applicants will be returned faster under the new return law.",
]
SCHOOLS = [
    "The city opened language schools for refugees and a job centre for newcomers.",
    "Integration courses are full, teachers say, and employers want apprentices.",
    "Refugees who pass the language course can apply for citizenship sooner.",
    "A job centre helps newcomers into work and offers language schools.",
]


def test_the_word_model_computes_what_scikit_learn_computes():
    texts = RETURNS + SCHOOLS
    golds = [{"return_policy"}] * 4 + [{"integration"}] * 4
    model = fit_word_model(texts, golds, ["return_policy", "integration"])
    vectorizer = word_vectorizer()
    matrix = vectorizer.fit_transform(texts)
    reference = LogisticRegression(C=WORD_MODEL_C, max_iter=2000, class_weight="balanced")
    reference.fit(matrix, np.array([g == {"integration"} for g in golds]))
    unseen = "Newcomers want language schools, and one was returned on a flight."
    expected = reference.predict_proba(vectorizer.transform([unseen]))[0, 1]
    assert model.probabilities(unseen)["integration"] == pytest.approx(expected, abs=1e-9)
    assert model.probabilities(SCHOOLS[0])["integration"] > 0.5
    assert model.probabilities(RETURNS[0])["integration"] < 0.5


def test_the_word_model_survives_its_json():
    texts = RETURNS + SCHOOLS
    golds = [{"return_policy"}] * 4 + [{"integration"}] * 4
    model = fit_word_model(texts, golds, ["return_policy", "integration"])
    again = WordModel.from_json(json.loads(json.dumps(model.as_json())))
    for text in (RETURNS[1], SCHOOLS[2], "", "words it never saw"):
        for label, p in model.probabilities(text).items():
            assert again.probabilities(text)[label] == pytest.approx(p, abs=1e-3)


def test_a_label_no_article_carries_gets_its_rarity_and_no_words():
    model = fit_word_model(RETURNS + SCHOOLS, [set()] * 8, ["conditionality"])
    assert set(model.weights["conditionality"]) == {0.0}
    assert model.probabilities(RETURNS[0])["conditionality"] < 0.01
    # No word in two texts: nothing to learn from, and no error.
    bare = fit_word_model(["alpha", "beta"], [{"integration"}, set()], ["integration"])
    assert bare.probabilities("alpha beta")["integration"] == pytest.approx(0.5)


def test_each_label_takes_the_best_threshold_that_is_precise_enough():
    golds = [{"x"}] * 6 + [set()] * 6
    # The true articles score 0.3 to 0.8; two false ones score 0.4 and 0.7.
    scores = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] + [0.4, 0.7, 0.1, 0.1, 0.1, 0.1]
    held_out = [{"x": s} for s in scores]
    # From 0.3: 6 right of 8 (0.75, F1 0.857); from 0.45: 4 of 5 (F1 0.727). From
    # 0.2 the same articles are tagged as from 0.3, and the lower threshold wins.
    assert ARTICLE_LABEL_PRECISION == 0.75
    assert precise_threshold(held_out, golds, "x") == 0.2
    # Without the two true articles below 0.45, precision decides alone.
    stricter = [{"x": s} for s in [0.5, 0.5, 0.5, 0.6, 0.7, 0.8] + [0.4, 0.4, 0.4, 0.7, 0.1, 0.1]]
    assert precise_threshold(stricter, golds, "x") == 0.45
    # A label no threshold makes precise keeps even odds.
    noise = [{"x": 0.9}] * 6 + [{"x": 0.9}] * 6
    assert precise_threshold(noise, golds, "x") == ARTICLE_LABEL_PROBABILITY
    assert precise_threshold(held_out, [set()] * 12, "x") == ARTICLE_LABEL_PROBABILITY


def _copy_models(tmp_path: Path) -> dict:
    for path in MODELS.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    return json.loads((tmp_path / ARTICLE_MODEL_FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("missing", ["thresholds", "word_model"])
def test_a_model_saved_by_another_version_is_refused_and_the_pipeline_goes_on(
    tmp_path, caplog, missing
):
    from monitor.classify.classifier import load_classifier

    saved = _copy_models(tmp_path)
    del saved[missing]
    (tmp_path / ARTICLE_MODEL_FILE).write_text(json.dumps(saved), encoding="utf-8")
    with pytest.raises(ArticleModelError, match=f"no {missing}.*monitor calibrate"):
        load_article_model(tmp_path)
    with caplog.at_level("WARNING"):
        classifier = load_classifier(str(tmp_path))
    assert classifier.article_model is None
    assert "monitor calibrate" in caplog.text
    # Article labels fall back to shares instead of failing the run.
    assert classifier.best_labels([{"integration": 0.9}] * 4, 0, SCHOOLS[0])


def test_the_committed_model_has_a_threshold_for_every_label():
    from monitor.codebook import LABELS

    model = load_article_model(MODELS)
    assert model is not None
    assert set(model.thresholds) == set(LABELS)
    assert all(0.0 < t < 1.0 and not math.isnan(t) for t in model.thresholds.values())
    assert len(model.words.vocabulary) > 1000
