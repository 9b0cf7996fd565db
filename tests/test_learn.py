"""Training mechanics on a small, generated data set (fast; the real data is
checked in test_classifier_quality.py)."""

import itertools
import json

import numpy as np
import pytest
import scipy.sparse

from monitor.classify.bundle_files import load_bundle, save_bundle
from monitor.classify.embeddings import embed
from monitor.classify.learn import train
from monitor.classify.rules import load_rules
from monitor.classify.stance_prior import with_speaker_types
from monitor.classify.training_data import (
    Example,
    TrainingDataError,
    read_jsonl,
    stance_from_position,
)
from monitor.codebook import LABELS, SPEAKER_TYPES
from monitor.settings import Settings

COUNTRIES = ["Italy", "Greece", "Spain", "Malta", "Cyprus", "Poland", "Belgium", "Sweden"]
TEMPLATES = {
    "return_policy": ("{c} will deport rejected asylum seekers on charter flights", "restrictive"),
    "rights_concerns": ("Rights groups warn that detention in {c} violates the law", "protective"),
    "border_control": (
        "{c} extends border checks and fences to stop irregular crossings",
        "restrictive",
    ),
    "protection_access": (
        "{c} pledges to resettle refugees through humanitarian visas",
        "protective",
    ),
}
OTHER = "The central bank of {c} kept interest rates unchanged on {d}"


def examples() -> list[Example]:
    rows = []
    for (label, (template, stance)), country, day in itertools.product(
        TEMPLATES.items(), COUNTRIES, ["Monday", "Friday"]
    ):
        rows.append(
            Example(template.format(c=country) + f" from {day}", (label,), stance, True, "test")
        )
    for country, day in itertools.product(COUNTRIES, ["Monday", "Tuesday", "Friday"]):
        rows.append(Example(OTHER.format(c=country, d=day), (), "neutral", False, "test"))
    return rows


@pytest.fixture(scope="module")
def trained():
    return train(examples(), "hash", load_rules(Settings().models_dir))


def test_training_is_reproducible(trained):
    bundle, metadata = trained
    again, metadata_again = train(examples(), "hash", load_rules(Settings().models_dir))
    assert metadata["thresholds"] == metadata_again["thresholds"]
    texts = ["Greece will deport people", "Interest rates rose"]
    first = bundle.relevance.predict_proba(bundle.features.transform(texts))
    second = again.relevance.predict_proba(again.features.transform(texts))
    assert np.allclose(first, second)


def test_metadata_records_version_data_and_metrics(trained):
    _, metadata = trained
    assert metadata["training_data_sha256"] == "hash"
    assert set(metadata["thresholds"]) == set(LABELS)
    assert "macro" in metadata["metrics"]["cv_labels"]
    assert metadata["metrics"]["cv_stance"]["confusion_matrix"]


def test_saved_with_skops_and_loaded_back(trained, tmp_path):
    bundle, metadata = trained
    save_bundle(bundle, metadata, tmp_path)
    loaded, loaded_metadata = load_bundle(tmp_path)
    assert loaded_metadata["thresholds"] == metadata["thresholds"]
    text = ["Spain will deport rejected asylum seekers"]
    assert np.allclose(
        loaded.relevance.predict_proba(loaded.features.transform(text)),
        bundle.relevance.predict_proba(bundle.features.transform(text)),
    )
    assert not (tmp_path / "classifier.pkl").exists()
    # The stance model reads speaker types and embeddings: the loaded one must too.
    assert loaded.stance_speaker_type_weight == bundle.stance_speaker_type_weight > 0
    assert loaded.reads_meaning and bundle.reads_meaning
    matrix = loaded.features.transform(text)
    assert np.allclose(
        loaded.stance_probabilities(matrix, ["ngo"], embed(text))[0],
        bundle.stance_probabilities(bundle.features.transform(text), ["ngo"], embed(text))[0],
    )


def test_speaker_types_are_columns_beside_the_text_features():
    text = scipy.sparse.csr_matrix(np.ones((3, 2)))
    typed = with_speaker_types(text, ["ngo", None, "not-a-type"], 0.25)
    assert typed.shape == (3, 2 + len(SPEAKER_TYPES))
    assert typed[0, 2 + SPEAKER_TYPES.index("ngo")] == 0.25
    # Unknown or missing types add nothing; weight 0 (an older bundle) adds no columns.
    assert typed[1:, 2:].nnz == 0
    assert with_speaker_types(text, ["ngo"] * 3, 0.0).shape == (3, 2)


def test_no_bundle_means_rules_only(tmp_path):
    assert load_bundle(tmp_path) is None


def test_training_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "x", "labels": ["nope"], "stance": "neutral"}) + "\n")
    with pytest.raises(TrainingDataError, match=r"bad.jsonl:1: unknown label 'nope'"):
        read_jsonl(path)


def test_training_lines_may_say_who_speaks(tmp_path):
    path = tmp_path / "mine.jsonl"
    line = {"text": "Amnesty said x", "labels": [], "stance": "protective", "speaker_type": "ngo"}
    path.write_text(json.dumps(line) + "\n" + json.dumps({**line, "speaker_type": "NGO!"}) + "\n")
    with pytest.raises(TrainingDataError, match=r"mine.jsonl:2: unknown speaker type 'NGO!'"):
        read_jsonl(path)
    path.write_text(json.dumps(line) + "\n")
    assert read_jsonl(path)[0].speaker_type == "ngo"


def test_manifesto_stance_mapping():
    assert stance_from_position(0.5) == "restrictive"
    assert stance_from_position(-0.5) == "protective"
    assert stance_from_position(0.2) == "neutral"


def test_the_neutral_weight_moves_no_further_than_the_evidence():
    """Held out, a weight that gets one more statement right in 400 is noise: the
    smallest weight within the tolerance of the best is chosen."""
    from monitor.classify.stance_prior import choose_neutral_weight

    # Each example's neutral probability wins from the weight ``threshold`` on.
    thresholds = [1.05] * 10 + [1.25] + [5.0] * 389
    truths = ["neutral"] * 11 + ["protective"] * 389
    rows = [
        Example(f"statement {i}", (), stance, True, f"news-gold-dev:a{i}")
        for i, stance in enumerate(truths)
    ]
    classes = ["neutral", "protective", "restrictive"]

    def fit_and_score(train, held):
        return np.array([[1.0, thresholds[i], 0.0] for i in held]) / 3, classes

    weight, report = choose_neutral_weight(rows, lambda e: True, fit_and_score)
    assert weight == 1.1  # 399 of 400 right; 1.3 gets all 400
    assert report["accuracy_weighted"] == 0.9975


def test_the_neutral_weight_stays_within_one_standard_error_of_the_best():
    """At 70% right on 400 statements the standard error is 2.3 points: a weight that
    gets 8 more right (2 points) is not worth moving to; one that gets 12 more is."""
    from monitor.classify.stance_prior import choose_neutral_weight

    classes = ["neutral", "protective", "restrictive"]

    def chosen(extra_right: int) -> float:
        # All 400 are neutral: 272 come out neutral at any weight, ``extra_right``
        # once the weight reaches 1.5, and the rest never.
        thresholds = [1.0] * 272 + [1.45] * extra_right + [5.0] * (128 - extra_right)
        rows = [
            Example(f"statement {i}", (), "neutral", True, f"news-gold-dev:a{i}")
            for i in range(400)
        ]

        def fit_and_score(train, held):
            return np.array([[1.0, thresholds[i], 0.0] for i in held]) / 3, classes

        return choose_neutral_weight(rows, lambda e: True, fit_and_score)[0]

    assert chosen(8) == 1.0
    assert chosen(12) == 1.5
