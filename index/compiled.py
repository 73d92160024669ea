"""The corpus compiled for answering: what the engine needs to know of every paragraph, worked
out once per corpus (and saved by ``index.index_cache``) instead of at every question.

- The BM25 postings of the paragraphs' tokens (``index.bm25``).
- The kinds of answer each paragraph holds (``index.answer_types``), one bit per kind: boosting
  the candidates of a "when" question then costs no regular-expression search.
- Each paragraph's hashed word 3-shingles (``index.answer.shingles``), which tell the same report
  in several outlets. The hashes are Python's, which differ between processes; they are only
  ever compared with each other, all made by one compilation.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from index.answer import shingles
from index.answer_types import KINDS, kinds_of
from index.bm25 import K1, B, BM25Index
from index.corpus import Corpus
from index.text import content_stems, words

# Called with (paragraphs done, paragraphs in all) while a corpus is compiled.
Progress = Callable[[int, int], None]
_PROGRESS_STEP = 2000


@dataclass(frozen=True)
class Compiled:
    """Paragraph ``n`` of the corpus (in ``Corpus.paragraphs`` order) is document ``n``."""

    bm25: BM25Index
    kinds: np.ndarray  # uint8 per paragraph: bit k set when it holds an answer of KINDS[k]
    shingle_starts: np.ndarray  # int64, paragraphs + 1: paragraph n's shingles start here
    shingles: np.ndarray  # int64 shingle hashes, paragraph after paragraph

    def check(self) -> None:
        """Raise ValueError unless the paragraph arrays fit the postings (which check
        themselves when loaded): a damaged cache must not load."""
        n = self.bm25.size
        if self.kinds.shape != (n,) or self.shingle_starts.shape != (n + 1,):
            raise ValueError("paragraph arrays do not match the index")
        starts = self.shingle_starts
        if starts[0] != 0 or starts[-1] != len(self.shingles) or np.any(np.diff(starts) < 0):
            raise ValueError("shingle pointers do not cover the shingles")

    def has_kind(self, paragraph: int, kind: str) -> bool:
        return kind in KINDS and bool(self.kinds[paragraph] >> KINDS.index(kind) & 1)

    def shingles_of(self, paragraph: int) -> frozenset[int]:
        start, end = self.shingle_starts[paragraph], self.shingle_starts[paragraph + 1]
        return frozenset(self.shingles[start:end].tolist())


def compile_corpus(
    corpus: Corpus, *, k1: float = K1, b: float = B, progress: Progress | None = None
) -> Compiled:
    """Read every paragraph once (reporting progress) and compile what answering needs."""
    paragraphs = corpus.paragraphs
    docs: list[list[str]] = []
    kinds = np.zeros(len(paragraphs), np.uint8)
    starts = array("q", [0])
    hashes = array("q")
    for n, paragraph in enumerate(paragraphs, 1):
        w = words(paragraph.text)
        docs.append(content_stems(w))
        kinds[n - 1] = kinds_of(paragraph.text)
        hashes.extend(shingles(w))
        starts.append(len(hashes))
        if progress and (n % _PROGRESS_STEP == 0 or n == len(paragraphs)):
            progress(n, len(paragraphs))
    return Compiled(
        BM25Index(docs, k1=k1, b=b),
        kinds,
        np.frombuffer(starts, np.int64),
        np.frombuffer(hashes, np.int64),
    )
