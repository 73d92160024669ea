"""The compiled index scores exactly as the rank-bm25 model it was compiled from."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from index.bm25 import K1, B, BM25Index, LuceneBM25, top_k
from index.corpus import load_corpus
from index.text import tokens

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def seed_documents() -> list[list[str]]:
    return [tokens(p.text) for p in load_corpus(CORPUS).paragraphs]


def synthetic_documents(n: int = 400, seed: int = 7) -> list[list[str]]:
    """Zipf-distributed words, lengths 0..60 (some empty documents)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(800)]
    weights = [1 / (r + 1) for r in range(len(vocab))]
    return [rng.choices(vocab, weights, k=rng.randint(0, 60)) for _ in range(n)]


def random_questions(docs: list[list[str]], n: int, seed: int = 11) -> list[list[str]]:
    """Known words (often repeated) mixed with words no document uses."""
    rng = random.Random(seed)
    vocab = sorted({t for d in docs for t in d})
    out = []
    for _ in range(n):
        q = rng.sample(vocab, rng.randint(1, 6)) + ["zzunknown"] * rng.randint(0, 1)
        q += rng.choices(q, k=rng.randint(0, 2))  # repeated terms count once per occurrence
        rng.shuffle(q)
        out.append(q)
    return out


def brute_top(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    order = sorted(np.flatnonzero(scores > 0), key=lambda i: (-scores[i], i))
    return [(int(i), float(scores[i])) for i in order[:k]]


@pytest.mark.parametrize("make_docs", [seed_documents, synthetic_documents])
def test_scores_equal_rank_bm25(make_docs) -> None:
    docs = make_docs()
    model = LuceneBM25(docs, k1=K1, b=B)
    index = BM25Index(docs)
    for q in random_questions(docs, 200):
        expected = np.asarray(model.get_scores(q))
        assert np.allclose(index.scores(q), expected, rtol=0, atol=1e-5)
        assert index.top(q, 10) == brute_top(expected, 10)
        matched, scores = index.matches(q)  # the nonzero scores, exactly
        assert list(matched) == list(np.flatnonzero(expected))
        assert np.array_equal(scores, expected[matched])  # same additions, same order


@pytest.mark.parametrize("make_docs", [seed_documents, synthetic_documents])
def test_idf_and_vocabulary_are_the_model_s(make_docs) -> None:
    docs = make_docs()
    model = LuceneBM25(docs, k1=K1, b=B)
    index = BM25Index(docs)
    for term, idf in model.idf.items():
        assert index.known(term)
        assert index.idf(term) == pytest.approx(idf, abs=1e-12)
    assert not index.known("zzunknown")
    assert index.idf("zzunknown") > max(model.idf.values())
    assert index.size == len(docs)


def test_repeated_term_counts_per_occurrence() -> None:
    docs = synthetic_documents()
    index = BM25Index(docs)
    once, twice = index.scores(["w3"]), index.scores(["w3", "w3"])
    assert np.array_equal(twice, 2 * once)


def test_top_breaks_ties_by_document_order() -> None:
    docs = [["x", "y"], ["a"], ["y", "x"], ["x", "y"], ["b"]]
    index = BM25Index(docs)
    assert [i for i, _ in index.top(["x"], 2)] == [0, 2]
    assert [i for i, _ in index.top(["x"], 10)] == [0, 2, 3]


def test_top_k_bounds() -> None:
    docs = synthetic_documents(50)
    index = BM25Index(docs)
    assert index.top(["w1"], 0) == []
    full = brute_top(index.scores(["w1", "w5"]), 1000)
    assert index.top(["w1", "w5"], 1000) == full
    assert index.top(["w1", "w5"], 1) == full[:1]


def test_empty_query_and_unknown_terms_score_nothing() -> None:
    index = BM25Index(synthetic_documents(50))
    assert index.top([], 5) == []
    assert index.top(["zzunknown", "nope"], 5) == []
    assert not index.scores(["zzunknown"]).any()
    assert index.scores([]).shape == (50,)


@pytest.mark.parametrize("docs", [[], [[]], [[], []]])
def test_empty_corpus_and_empty_documents(docs) -> None:
    index = BM25Index(docs)
    assert index.size == len(docs)
    assert index.top(["anything"], 3) == []
    assert index.scores(["anything"]).shape == (len(docs),)
    assert not index.known("anything")
    assert index.idf("anything") > 0


@pytest.mark.parametrize("k", [0, 1, 3, 30, 500])
def test_top_k_equals_a_full_sort(k: int) -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        # Few distinct values, many zeros: ties at the k-th place are common.
        scores = rng.choice([0.0, 0.0, 0.0, 0.5, 1.0, 1.5, 2.25], size=300)
        assert top_k(scores, k) == brute_top(scores, k)
    assert top_k(np.zeros(0), k) == []


@pytest.mark.parametrize("make_docs", [seed_documents, synthetic_documents])
def test_best_matches_take_each_document_s_best_query(make_docs) -> None:
    docs = make_docs()
    index = BM25Index(docs)
    questions = random_questions(docs, 300, seed=5)
    for queries in zip(questions[0::3], questions[1::3], questions[2::3], strict=True):
        for group in (queries[:1], queries[:2], queries):
            expected = np.max([index.scores(q) for q in group], axis=0)
            matched, scores = index.best_matches(group)
            assert list(matched) == list(np.flatnonzero(expected))
            assert np.array_equal(scores, expected[matched])
    assert [len(a) for a in index.best_matches([])] == [0, 0]
    assert [len(a) for a in index.best_matches([["zzunknown"]])] == [0, 0]
