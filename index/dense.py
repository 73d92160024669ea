"""Dense retrieval: every paragraph's meaning as a vector, encoded once, and a question's
similarity to each.

The vectors are kept in the corpus's cache folder, one file per model
(``.cache/vectors-<model>.npz``), each row keyed by a hash of the paragraph's text. Loading them
encodes only paragraphs that no row has (``corpus add`` encodes just the new articles; an
unchanged corpus encodes nothing), and rows of paragraphs that are gone are dropped. Writing is
atomic and happens after every chunk of paragraphs, so an interrupted build keeps what it had
encoded and the next one goes on from there; the articles themselves are never touched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.embedding import Embedder
from index.index_cache import save_atomically

log = logging.getLogger(__name__)

CACHE_DIR = ".cache"
# Paragraphs encoded between two saves: an interrupted build loses at most this many.
CHUNK = 256
# Bump when the saved layout changes.
FORMAT = 1
# Questions' vectors kept for questions asked again.
KEPT_QUESTIONS = 1024
_KEY_BYTES = 16

# Called with (paragraphs encoded, paragraphs to encode).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DenseIndex:
    """Unit vectors of the corpus's paragraphs (``Corpus.paragraphs`` order) and the model
    that made them, which also encodes questions."""

    embedder: Embedder
    vectors: np.ndarray  # float32 (paragraphs, dimension)
    # Questions' vectors, kept for questions asked again (a follow-up encodes the earlier
    # question's text, which was encoded when it was asked).
    _asked: OrderedDict[str, np.ndarray] = field(
        default_factory=OrderedDict, compare=False, repr=False
    )

    # Front ends answer in several threads at once.
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def encode(self, question: str) -> np.ndarray:
        """The question's unit vector."""
        with self._lock:
            kept = self._asked.get(question)
            if kept is not None:
                self._asked.move_to_end(question)
                return kept
        vector: np.ndarray = self.embedder.encode_queries([question])[0]
        with self._lock:
            self._asked[question] = vector
            if len(self._asked) > KEPT_QUESTIONS:
                self._asked.popitem(last=False)
        return vector

    def forget_questions(self) -> None:
        """Drop the questions' vectors kept for questions asked again."""
        with self._lock:
            self._asked.clear()

    def similarities(self, vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every paragraph to a question's vector."""
        scores: np.ndarray = self.vectors @ vector
        return scores


def vectors_path(root: Path | str, model: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in model)
    return Path(root) / CACHE_DIR / f"vectors-{safe}.npz"


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_KEY_BYTES).digest()


def load_dense(
    root: Path | str | None,
    texts: Sequence[str],
    embedder: Embedder,
    progress: Progress | None = None,
) -> DenseIndex:
    """The vectors of ``texts`` (the corpus's paragraphs): read from the corpus's cache
    folder, the missing ones encoded (and saved) first. ``root`` None keeps nothing on disk."""
    path = None if root is None else vectors_path(root, embedder.name)
    keys = [text_key(t) for t in texts]
    saved = _read(path, embedder) if path is not None else {}
    missing = [i for i, k in enumerate(keys) if k not in saved]
    if missing:
        log.info("encoding %d paragraphs with %s", len(missing), embedder.name)
    tell = progress or (lambda done, total: None)
    for start in range(0, len(missing), CHUNK):
        tell(start, len(missing))
        chunk = missing[start : start + CHUNK]
        for i, vector in zip(
            chunk, embedder.encode_passages([texts[i] for i in chunk]), strict=True
        ):
            saved[keys[i]] = vector
        if path is not None:
            _write(path, embedder, saved, keys)
    if missing:
        tell(len(missing), len(missing))
    elif path is not None and len(saved) != len(set(keys)):
        _write(path, embedder, saved, keys)  # drop the rows of paragraphs that are gone
    vectors = (
        np.stack([saved[k] for k in keys]).astype(np.float32, copy=False)
        if keys
        else np.zeros((0, embedder.dimension), dtype=np.float32)
    )
    return DenseIndex(embedder, vectors)


def _read(path: Path, embedder: Embedder) -> dict[bytes, np.ndarray]:
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta != _meta(embedder):
                return {}
            keys, vectors = data["keys"], data["vectors"]
            if keys.shape != (len(vectors), _KEY_BYTES) or vectors.shape[1:] != (
                embedder.dimension,
            ):
                raise ValueError("keys and vectors do not match")
            return {bytes(k): v for k, v in zip(keys, vectors, strict=True)}
    except Exception as exc:  # any damage means "encode again", never a crash
        log.warning("vectors %s are unreadable (%s): encoding again", path, exc)
        return {}


def _write(
    path: Path, embedder: Embedder, saved: dict[bytes, np.ndarray], keys: Sequence[bytes]
) -> None:
    """Save the vectors of the current paragraphs that are encoded so far, atomically (as the
    index cache is saved: a temporary file renamed into place)."""
    kept = [k for k in dict.fromkeys(keys) if k in saved]
    vectors = (
        np.stack([saved[k] for k in kept])
        if kept
        else np.zeros((0, embedder.dimension), dtype=np.float32)
    )
    save_atomically(
        path,
        lambda out: np.savez(
            out,
            meta=np.array(json.dumps(_meta(embedder))),
            keys=np.frombuffer(b"".join(kept), dtype=np.uint8).reshape(-1, _KEY_BYTES),
            vectors=vectors,
        ),
    )


def _meta(embedder: Embedder) -> dict[str, object]:
    return {"format": FORMAT, "model": embedder.name, "dimension": embedder.dimension}
