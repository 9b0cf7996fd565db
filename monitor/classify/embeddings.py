"""Statement embeddings for the stance model: static word vectors, averaged.

The stance model's tf-idf features only know the words they were trained on;
real statements say the same thing in other words ("send them back", "remove",
"deport"). A dense vector per statement carries that similarity over.

The vectors are WordLlama's (MIT licence): token embeddings taken from large
language models and trained further for sentence similarity, 256 dimensions,
shipped inside the ``wordllama`` wheel. A statement's vector is the mean of its
tokens' vectors, normalised to unit length, so embedding costs a table look-up
per token: about 10,000 statements a second on one core, against about 185 for
a small transformer (all-MiniLM-L6-v2), which would have taken the analysis
below its speed target (QUALITY.md).

Only the package's data files are read. Importing its Python code would
configure the root logger as a side effect, and its loader looks for a file
under a name the wheel does not use and then tries the network.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

EMBEDDING_PACKAGE = "wordllama"
EMBEDDING_WEIGHTS = "weights/l2_supercat_256.safetensors"
EMBEDDING_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
EMBEDDING_TENSOR = "embedding.weight"
# Recorded in the trained model's metadata: what its stance model read.
EMBEDDING_DESCRIPTION = f"{EMBEDDING_PACKAGE} {EMBEDDING_WEIGHTS}, mean of token vectors"


class EmbeddingModelMissing(RuntimeError):
    """The embedding files are not where the pinned package puts them."""


class StatementEmbedder:
    """Unit-length mean token vectors of texts (one row per text)."""

    def __init__(self, vectors: np.ndarray, tokenizer: Tokenizer):
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    def __call__(self, texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return rows
        encoded = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        for row, encoding in enumerate(encoded):
            ids = np.asarray(encoding.ids, dtype=np.int64)
            ids = ids[(ids >= 0) & (ids < len(self.vectors))]
            if not len(ids):
                continue  # an empty text keeps a zero vector: no direction at all
            mean = self.vectors[ids].mean(axis=0)
            norm = float(np.linalg.norm(mean))
            if norm > 0:
                rows[row] = mean / norm
        return rows


def package_folder(package: str = EMBEDDING_PACKAGE) -> Path:
    """Where ``package`` is installed, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing(
            f"the {package!r} package is not installed: run `make install` "
            "(it is one of the monitor's pinned dependencies)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


@functools.lru_cache(maxsize=1)
def load_embedder() -> StatementEmbedder:
    """The statement embedder, loaded once per process (about 0.1 s, 32 MB)."""
    folder = package_folder()
    weights, tokenizer = folder / EMBEDDING_WEIGHTS, folder / EMBEDDING_TOKENIZER
    for path in (weights, tokenizer):
        if not path.is_file():
            raise EmbeddingModelMissing(
                f"{path} is missing: reinstall the pinned {EMBEDDING_PACKAGE} package"
            )
    return StatementEmbedder(
        load_file(str(weights))[EMBEDDING_TENSOR], Tokenizer.from_file(str(tokenizer))
    )


def embed(texts: list[str]) -> np.ndarray:
    """Each text's embedding (see ``StatementEmbedder``)."""
    return load_embedder()(texts)
