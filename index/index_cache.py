"""The compiled BM25 index, saved next to the corpus so a start-up loads arrays instead of
tokenising and indexing every paragraph again.

The cache lives in ``<corpus>/.cache/`` and is keyed by a fingerprint of exactly what the index
is made from: every paragraph (article id, number, text) and the index settings (k1, b, the
tokeniser's code and stemmer). A cache that is missing or stale (a ``corpus add``, a changed
setting) is rebuilt quietly; one that is damaged is rebuilt with a warning. Writing is atomic
(a temporary file renamed into place), so a reader never sees half a cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import Stemmer

import index.text
from index.bm25 import K1, B, BM25Index, Postings
from index.corpus import Corpus
from index.text import tokens

log = logging.getLogger(__name__)

CACHE_DIR = ".cache"
CACHE_FILE = "bm25.npz"
# Bump when the saved layout or the way postings are compiled changes.
FORMAT = 1
# Called with (paragraphs done, paragraphs in all) while an index is built.
Progress = Callable[[int, int], None]
_PROGRESS_STEP = 2000


def cache_path(corpus: Corpus) -> Path:
    return corpus.root / CACHE_DIR / CACHE_FILE


def load_index(
    corpus: Corpus, *, k1: float = K1, b: float = B, progress: Progress | None = None
) -> BM25Index:
    """The corpus's index: from the cache when it is current, else built and saved."""
    path = cache_path(corpus)
    key = fingerprint(corpus, k1=k1, b=b)
    index = _read(path, key, len(corpus.paragraphs))
    if index is None:
        index = build_index(corpus, k1=k1, b=b, progress=progress)
        _write(path, key, index.postings)
    return index


def build_index(
    corpus: Corpus, *, k1: float = K1, b: float = B, progress: Progress | None = None
) -> BM25Index:
    """Tokenise every paragraph (reporting progress) and compile the index."""
    paragraphs = corpus.paragraphs
    docs = []
    for n, paragraph in enumerate(paragraphs, 1):
        docs.append(tokens(paragraph.text))
        if progress and (n % _PROGRESS_STEP == 0 or n == len(paragraphs)):
            progress(n, len(paragraphs))
    return BM25Index(docs, k1=k1, b=b)


def fingerprint(corpus: Corpus, *, k1: float = K1, b: float = B) -> str:
    """A hash of the paragraphs and of everything that turns them into postings."""
    settings = {
        "format": FORMAT,
        "k1": k1,
        "b": b,
        "stemmer": ["english", Stemmer.version()],
        "tokeniser": hashlib.sha256(Path(index.text.__file__).read_bytes()).hexdigest(),
    }
    h = hashlib.blake2b(json.dumps(settings, sort_keys=True).encode(), digest_size=20)
    for p in corpus.paragraphs:
        h.update(f"\x00{p.article_id}\x00{p.number}\x00{len(p.text)}\x00".encode())
        h.update(p.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _read(path: Path, key: str, size: int) -> BM25Index | None:
    if not path.exists():
        log.info("no index cache at %s: building the index", path)
        return None
    try:
        with np.load(path, allow_pickle=False) as saved:
            meta: dict[str, Any] = json.loads(str(saved["meta"]))
            if meta.get("key") != key or meta.get("size") != size:
                log.info("index cache %s is stale (corpus or settings changed): rebuilding", path)
                return None
            raw = bytes(saved["terms"])
            postings = Postings(
                size=size,
                terms=tuple(raw.decode("utf-8").split("\n")) if raw else (),
                idf=saved["idf"],
                indptr=saved["indptr"],
                indices=saved["indices"],
                weights=saved["weights"],
            )
        return BM25Index.from_postings(postings)
    except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        log.warning("index cache %s is unreadable (%s): rebuilding it", path, exc)
        return None


def _write(path: Path, key: str, postings: Postings) -> None:
    """Save atomically; a cache that cannot be written only costs the next start-up time."""
    meta = json.dumps({"key": key, "size": postings.size, "format": FORMAT})
    terms = np.frombuffer("\n".join(postings.terms).encode("utf-8"), dtype=np.uint8)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                np.savez(
                    out,
                    meta=np.array(meta),
                    terms=terms,
                    idf=postings.idf,
                    indptr=postings.indptr,
                    indices=postings.indices,
                    weights=postings.weights,
                )
            os.chmod(temp, 0o644)  # mkstemp makes it private; a bot may run as another user
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.warning("could not save the index cache %s (%s)", path, exc)
