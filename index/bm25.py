"""BM25 over paragraphs: rank-bm25 defines the scores, with Lucene's idf.

rank-bm25's ``BM25Okapi`` idf is ``log((N - df + 0.5) / (df + 0.5))``: negative for a term in
more than half of the documents, then floored at ``epsilon * mean idf``. On a small corpus about
one story ("blackberry" and "pakistan" are everywhere) that floor can outrank rarer terms and the
mean can be <= 0. Lucene's ``log(1 + (N - df + 0.5) / (df + 0.5))`` is positive and falls
monotonically with df, so ranking follows the evidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rank_bm25 import BM25Okapi

K1 = 1.5
B = 0.75


class LuceneBM25(BM25Okapi):  # type: ignore[misc]  # rank_bm25 ships no type hints
    """``BM25Okapi`` with Lucene's idf (positive, monotonic in document frequency)."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        self.idf = {
            term: math.log(1.0 + (self.corpus_size - df + 0.5) / (df + 0.5)) for term, df in nd.items()
        }


class BM25Index:
    """Paragraph token lists in, scores out; deterministic ranking (ties by paragraph order)."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        docs = [list(d) for d in documents]
        # rank-bm25 divides by the average length: an empty corpus (or only empty documents)
        # still gets a model, which then scores everything 0.
        self.model = LuceneBM25(docs or [[]], k1=K1, b=B)
        self.size = len(docs)
        self.df = _document_frequencies(docs)

    def idf(self, term: str) -> float:
        """The term's idf; a term the corpus never uses gets the idf of a term in no document."""
        value = self.model.idf.get(term)
        if value is None:
            return math.log(1.0 + (self.size + 0.5) / 0.5)
        return float(value)

    def known(self, term: str) -> bool:
        return term in self.model.idf

    def scores(self, query: Sequence[str]) -> np.ndarray:
        if not self.size:
            return np.zeros(0)
        return np.asarray(self.model.get_scores(list(query)), dtype=float)

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The k best (document index, score) with a positive score, best first."""
        scores = self.scores(query)
        order = sorted(np.flatnonzero(scores > 0), key=lambda i: (-scores[i], i))
        return [(int(i), float(scores[i])) for i in order[:k]]


def _document_frequencies(docs: Sequence[Sequence[str]]) -> dict[str, int]:
    df: dict[str, int] = {}
    for doc in docs:
        for term in set(doc):
            df[term] = df.get(term, 0) + 1
    return df
