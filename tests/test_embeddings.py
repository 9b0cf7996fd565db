"""Statement embeddings (monitor.classify.embeddings) and the stance model that reads them."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from monitor.classify import embeddings
from monitor.classify.bundle_files import load_bundle
from monitor.classify.embeddings import EmbeddingModelMissing, embed
from monitor.classify.stance_model import combined_probabilities
from monitor.settings import Settings

MODELS = Path(Settings().models_dir)


def _similarity(first: str, second: str) -> float:
    a, b = embed([first, second])
    return float(a @ b)


def test_rows_are_unit_length_and_repeatable():
    texts = ["The minister said returns would resume.", "Rights groups condemned the deal."]
    rows = embed(texts)
    assert rows.shape == (2, embeddings.load_embedder().dimensions)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(rows, embed(texts))


def test_empty_text_has_a_zero_vector_not_nan():
    rows = embed([""])
    assert np.isfinite(rows).all() and not rows.any()
    assert embed([]).shape == (0, embeddings.load_embedder().dimensions)


def test_statements_that_mean_the_same_are_closer_than_unrelated_ones():
    # Different words, same policy: what tf-idf cannot see and the embedding should.
    deport = "The government will deport rejected asylum seekers."
    send_back = "Officials plan to send failed applicants back to their home countries."
    weather = "Heavy rain is expected across the north on Tuesday."
    assert _similarity(deport, send_back) > _similarity(deport, weather) + 0.1


def test_reading_the_vectors_leaves_logging_alone():
    # The package's own code configures the root logger when imported; the monitor
    # reads only its data files, in a fresh interpreter so nothing else interferes.
    script = (
        "import logging\n"
        "from monitor.classify.embeddings import embed\n"
        "embed(['The ministry denied the claims.'])\n"
        "import sys\n"
        "print(len(logging.getLogger().handlers), 'wordllama' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "False"]


def test_a_missing_package_says_how_to_fix_it(monkeypatch):
    monkeypatch.setattr(embeddings.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EmbeddingModelMissing, match="make install"):
        embeddings.package_folder()


def test_missing_files_are_named(monkeypatch, tmp_path):
    monkeypatch.setattr(embeddings, "package_folder", lambda package="": tmp_path)
    embeddings.load_embedder.cache_clear()
    try:
        with pytest.raises(EmbeddingModelMissing, match="safetensors is missing"):
            embeddings.load_embedder()
    finally:
        embeddings.load_embedder.cache_clear()


def test_the_stance_averages_both_models_and_needs_the_embeddings():
    bundle, metadata = load_bundle(MODELS)
    assert bundle.reads_meaning
    assert metadata["stance"]["embedding_share"] == bundle.stance_embedding_share
    texts = ["The agency said it would speed up deportations to Tunisia."]
    matrix, rows, kinds = bundle.features.transform(texts), embed(texts), ["government"]
    with pytest.raises(ValueError, match="embeddings"):
        bundle.stance_probabilities(matrix, kinds)
    weight = bundle.stance_speaker_type_weight
    words, _ = combined_probabilities(bundle.stance, None, matrix, None, kinds, weight)
    meaning = bundle.stance_meaning.predict_proba(rows)
    share = bundle.stance_embedding_share
    averaged, _ = combined_probabilities(
        bundle.stance, bundle.stance_meaning, matrix, rows, kinds, weight, share
    )
    assert np.allclose(averaged, (1 - share) * words + share * meaning)


def test_a_bundle_without_the_meaning_model_reads_words_alone():
    # Models trained before the embedding model existed load and answer as before.
    bundle, _ = load_bundle(MODELS)
    texts = ["Rights groups said the pushbacks were unlawful."]
    matrix = bundle.features.transform(texts)
    bundle.stance_meaning = None
    assert not bundle.reads_meaning
    probabilities, classes = bundle.stance_probabilities(matrix, ["ngo"])
    assert probabilities.shape == (1, len(classes))
