"""BM25 over paragraphs: rank-bm25 defines the scores (with Lucene's idf), compiled for speed.

rank-bm25's ``BM25Okapi`` idf is ``log((N - df + 0.5) / (df + 0.5))``: negative for a term in
more than half of the documents, then floored at ``epsilon * mean idf``. On a small corpus about
one story ("blackberry" and "pakistan" are everywhere) that floor can outrank rarer terms and the
mean can be <= 0. Lucene's ``log(1 + (N - df + 0.5) / (df + 0.5))`` is positive and falls
monotonically with df, so ranking follows the evidence.

rank-bm25's ``get_scores`` walks every document for every query term in Python (~0.15 s a
question at 50,000 paragraphs). The model it builds is compiled once into postings: for each
term, the paragraphs that use it and the term's precomputed BM25 contribution there, with the
same floating-point operations as ``get_scores``. A question then adds a few rows and partially
sorts only the paragraphs that matched. The postings are plain arrays, so they can be saved and
loaded (``index.index_cache``) instead of rebuilt at every start.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
from rank_bm25 import BM25Okapi

K1 = 1.5
B = 0.75
# Question terms whose postings (with their expansions') are kept for questions asked again
# (``BM25Index.term_postings``): at most this many, and at most as many as this budget holds
# when every entry holds the most it can (twice 12 bytes a paragraph: the term's postings and
# its expansions'; nearly all hold far less, and a term without expansions holds a view of
# the postings). 1,024 terms on the seed corpus, 16 at 50,000 paragraphs.
_KEPT_TERMS = 1024
_KEPT_BYTES = 16 << 20


class LuceneBM25(BM25Okapi):  # type: ignore[misc]  # rank_bm25 ships no type hints
    """``BM25Okapi`` with Lucene's idf (positive, monotonic in document frequency)."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        self.idf = {
            term: math.log(1.0 + (self.corpus_size - df + 0.5) / (df + 0.5))
            for term, df in nd.items()
        }


@dataclass(frozen=True)
class Postings:
    """A compiled model: row ``r`` is term ``terms[r]``; its paragraphs are
    ``indices[indptr[r]:indptr[r + 1]]`` (ascending) with contributions ``weights[...]``."""

    size: int  # number of documents
    terms: tuple[str, ...]  # sorted
    idf: np.ndarray  # float64, one per term
    indptr: np.ndarray  # int64, len(terms) + 1
    indices: np.ndarray  # int32 document numbers
    weights: np.ndarray  # float64 BM25 contributions

    def check(self) -> None:
        """Raise ValueError unless the arrays fit together (a damaged cache must not load)."""
        n = len(self.terms)
        if self.idf.shape != (n,) or self.indptr.shape != (n + 1,):
            raise ValueError("term arrays do not match the vocabulary")
        if self.indices.shape != self.weights.shape or self.indices.ndim != 1:
            raise ValueError("posting arrays differ in shape")
        if int(self.indptr[0]) != 0 or int(self.indptr[-1]) != len(self.indices):
            raise ValueError("row pointers do not cover the postings")
        if n and np.any(np.diff(self.indptr) <= 0):
            raise ValueError("row pointers are not increasing")
        if len(self.indices) and not (self.indices.min() >= 0 and self.indices.max() < self.size):
            raise ValueError("a posting points outside the documents")


def compile_model(model: BM25Okapi, size: int) -> Postings:
    """Precompute every (term, document) contribution of ``model.get_scores``.

    ``get_scores`` adds, per query term, ``idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl /
    avgdl)))``; the same expression is evaluated here in the same order, so sums of rows equal
    its scores (bit for bit when the terms are added in query order).
    """
    terms = tuple(sorted(model.idf)) if size else ()
    if not terms:
        empty = np.zeros(0)
        return Postings(size, (), empty, np.zeros(1, np.int64), np.zeros(0, np.int32), empty)
    row = {t: r for r, t in enumerate(terms)}
    freqs: list[dict[str, int]] = model.doc_freqs[:size]
    counts = np.fromiter(map(len, freqs), np.int64, size)
    docs = np.repeat(np.arange(size, dtype=np.int32), counts)
    total = int(counts.sum())
    rows = np.fromiter(map(row.__getitem__, chain.from_iterable(freqs)), np.int64, total)
    tf = np.fromiter(chain.from_iterable(f.values() for f in freqs), np.float64, total)
    order = np.lexsort((docs, rows))  # by term, then document
    docs, rows, tf = docs[order], rows[order], tf[order]
    idf = np.array([model.idf[t] for t in terms], dtype=np.float64)
    doc_len = np.asarray(model.doc_len[:size])[docs]
    k1, b, avgdl = model.k1, model.b, model.avgdl
    weights = idf[rows] * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * doc_len / avgdl)))
    indptr = np.zeros(len(terms) + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=len(terms)), out=indptr[1:])
    return Postings(size, terms, idf, indptr, docs, weights)


class BM25Index:
    """Paragraph token lists in, scores out; deterministic ranking (ties by paragraph order)."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = K1, b: float = B) -> None:
        docs = [list(d) for d in documents]
        # rank-bm25 divides by the average length: an empty corpus (or only empty documents)
        # still gets a model, which then scores everything 0.
        model = LuceneBM25(docs or [[]], k1=k1, b=b)
        self._adopt(compile_model(model, len(docs)))

    @classmethod
    def from_postings(cls, postings: Postings) -> BM25Index:
        """An index over already compiled postings (as loaded from a cache)."""
        postings.check()
        index = cls.__new__(cls)
        index._adopt(postings)
        return index

    def _adopt(self, postings: Postings) -> None:
        self.postings = postings
        self.size = postings.size
        self._row = {t: r for r, t in enumerate(postings.terms)}
        # Each term's idf as a Python float, read at every question (one float per term).
        self._idf: dict[str, float] = dict(zip(postings.terms, postings.idf.tolist(), strict=True))
        self._unused_idf = math.log(1.0 + (self.size + 0.5) / 0.5)
        kept = kept_entries(_KEPT_TERMS, _KEPT_BYTES, 24 * self.size)
        self.term_postings: Callable[
            [tuple[str, ...], tuple[tuple[str, ...], ...], float], tuple[np.ndarray, np.ndarray]
        ] = lru_cache(maxsize=kept)(self._term_postings)

    def idf(self, term: str) -> float:
        """The term's idf; a term the corpus never uses gets the idf of a term in no document."""
        return self._idf.get(term, self._unused_idf)

    def known(self, term: str) -> bool:
        return term in self._row

    def row(self, term: str) -> int | None:
        """The term's row in the postings, None when the corpus never uses it."""
        return self._row.get(term)

    def frequency(self, term: str) -> int:
        """How many documents use the term."""
        row = self._row.get(term)
        if row is None:
            return 0
        return int(self.postings.indptr[row + 1] - self.postings.indptr[row])

    def postings_of(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """The documents that use the term (ascending) and its contribution to each."""
        row = self._row.get(term)
        if row is None:
            return _NOTHING
        p = self.postings
        lo, hi = p.indptr[row], p.indptr[row + 1]
        return p.indices[lo:hi], p.weights[lo:hi]

    def group_postings(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Postings of several terms scored as one (as Lucene's SynonymQuery does): a document
        using any of them gets its best term-frequency factor times the group's idf, which is
        that of its commonest member. "BB" then weighs what "BlackBerry" weighs, not what a
        rare ticker symbol would."""
        rows = [(t, *self.postings_of(t)) for t in terms]
        rows = [r for r in rows if len(r[1])]
        if len(rows) <= 1:
            return rows[0][1:] if rows else _NOTHING
        idf = min(self.idf(t) for t, _, _ in rows)
        docs = np.concatenate([d for _, d, _ in rows])
        factors = np.concatenate([w / self.idf(t) for t, _, w in rows])
        best = np.zeros(self.size)
        np.maximum.at(best, docs, factors)
        found = np.flatnonzero(best)
        return found.astype(docs.dtype), idf * best[found]

    def _term_postings(
        self, forms: tuple[str, ...], expansions: tuple[tuple[str, ...], ...], share: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """A question term's documents and contributions: ``group_postings(forms)``, then
        (when it has expansions) ``best_matches(expansions)`` at ``share`` of their score, the
        two concatenated in that order (``term_postings``, which keeps them for questions
        asked again: they depend on the term alone, not on the question). Read-only."""
        docs, weights = self.group_postings(forms)
        if expansions:
            found, scores = self.best_matches(expansions)
            docs, weights = np.concatenate([docs, found]), np.concatenate([weights, share * scores])
        for array in (docs, weights):
            array.flags.writeable = False
        return docs, weights

    def matches(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The documents the query matches (ascending) and their scores: ``scores`` without
        the documents that score 0."""
        rows = [r for r in map(self.postings_of, query) if len(r[0])]
        if len(rows) <= 1:
            return rows[0] if rows else _NOTHING
        scores = self.scores(query)
        docs = np.flatnonzero(scores > 0)
        return docs, scores[docs]

    def best_matches(self, queries: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The documents any of the queries matches (ascending), each with its best score
        among them (scores are positive, so a query that does not match never wins)."""
        found = [m for m in map(self.matches, queries) if len(m[0])]
        if len(found) <= 1:
            return found[0] if found else _NOTHING
        docs = np.concatenate([d for d, _ in found])
        order = np.argsort(docs, kind="stable")
        docs, scores = docs[order], np.concatenate([s for _, s in found])[order]
        first = np.empty(len(docs), bool)  # the first of each document's run
        first[0] = True
        np.not_equal(docs[1:], docs[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        return docs[starts], np.maximum.reduceat(scores, starts)

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """Every document's score, as ``get_scores``: a term repeated in the query counts once
        per occurrence, and each document's contributions are added in query order (bincount
        adds in input order, starting from 0.0)."""
        rows = [self.postings_of(t) for t in query] or [_NOTHING]
        return np.bincount(
            np.concatenate([d for d, _ in rows]),
            np.concatenate([w for _, w in rows]),
            minlength=self.size,
        ).astype(np.float64, copy=False)  # bincount gives integers when nothing matched

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The k best (document index, score) with a positive score, best first."""
        if k <= 0 or not any(t in self._row for t in query):
            return []
        return top_k(self.scores(query), k)


_NOTHING = (np.zeros(0, np.int32), np.zeros(0))


def kept_entries(most: int, budget: int, entry: int) -> int:
    """How many entries of at most ``entry`` bytes a cache keeps: ``most``, or fewer when
    they would not fit in ``budget`` bytes (16 at least)."""
    return min(most, max(16, budget // max(entry, 1)))


def top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (index, score) with a positive score, best first, ties in index order.

    A partial sort over the positive scores only: the same result as sorting every score by
    (-score, index), without sorting paragraphs that did not match or will not be shown.
    """
    matched = np.flatnonzero(scores > 0)
    found = scores[matched]
    if len(matched) > k > 0:
        # Keep everything tied with the k-th best, then order by score and index.
        kth = np.partition(found, len(found) - k)[len(found) - k]
        keep = found >= kth
        matched, found = matched[keep], found[keep]
    order = np.lexsort((matched, -found))[: max(k, 0)]
    return list(zip(matched[order].tolist(), found[order].tolist(), strict=True))
