"""What the engine keeps between questions (per term, per paragraph, per question read) gives
the same answers, to the last bit, as working everything out afresh."""

from __future__ import annotations

import gc
import itertools
import random
import weakref
from collections.abc import Callable, Hashable, Mapping, Sequence

import numpy as np
import pytest

from index.answer import Answer, _kept_pairs, group_reports, same_report, shingles
from index.bm25 import kept_entries
from index.context import Context
from index.corpus import load_corpus
from index.engine import Engine
from index.evaluation import load_questions
from index.lexical import LEAD_WEIGHT, _bm25
from index.proximity import positions, proximity_at
from index.query import EXPANSION_WEIGHT, Query
from index.question import _read_question, read_question
from index.text import sentences, tokens, words
from tests.conftest import DEV_QUESTIONS, ROOT, SEED_CORPUS

FOLLOWUPS = ROOT / "benchmarks" / "questions" / "dev_followups.json"


def words_only() -> Engine:
    return Engine(load_corpus(SEED_CORPUS))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return words_only()


@pytest.fixture(scope="module")
def queries(engine: Engine) -> list[Query]:
    return [engine.read(q.text) for q in load_questions(DEV_QUESTIONS)]


def walked(
    sequence: Sequence[Hashable], stands_for: Mapping[Hashable, Sequence[str]], weight: dict
) -> float:
    """Proximity as first written: a walk through the sequence (the reference)."""
    at: dict[str, list[int]] = {}
    for n, token in enumerate(sequence):
        for term in stands_for.get(token, ()):
            at.setdefault(term, []).append(n)
    score = 0.0
    for a, b in itertools.combinations(at, 2):
        distance = min((abs(x - y) for x in at[a] for y in at[b] if x != y), default=0)
        if distance:
            score += min(weight[a], weight[b]) / distance**2
    return score


def test_proximity_from_positions_adds_the_same_pairs_in_the_same_order() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        vocabulary = list(range(rng.randint(1, 8)))
        terms = [f"t{n}" for n in range(rng.randint(1, 5))]
        stands_for = {
            token: rng.sample(terms, rng.randint(1, len(terms)))
            for token in rng.sample(vocabulary, rng.randint(1, len(vocabulary)))
        }
        weight = {t: rng.choice([0.3, 1.1, 2.7, 1 / 3]) for t in rng.sample(terms, len(terms))}
        sequence = [rng.choice(vocabulary) for _ in range(rng.randint(0, 30))]
        assert proximity_at(positions(sequence), stands_for, weight) == walked(
            sequence, stands_for, weight
        )


def test_a_term_s_postings_are_its_group_then_its_expansions_read_only(
    engine: Engine, queries: list[Query]
) -> None:
    index = engine.context.index
    for query in queries:
        for term in query.terms:
            forms, alternatives = query.forms(term), query.expansions[term]
            docs, weights = index.term_postings(forms, alternatives, EXPANSION_WEIGHT)
            found, scores = index.group_postings(forms)
            if alternatives:
                more, better = index.best_matches(alternatives)
                found = np.concatenate([found, more])
                scores = np.concatenate([scores, EXPANSION_WEIGHT * better])
            assert np.array_equal(docs, found) and np.array_equal(weights, scores)
            assert not docs.flags.writeable and not weights.flags.writeable


def fresh_bm25(ctx: Context, query: Query) -> np.ndarray:
    """Lexical scores worked out term by term, nothing kept (the reference)."""
    docs, contributions = [], []
    for term in query.terms:
        found, weights = ctx.index.group_postings(query.forms(term))
        docs.append(found)
        contributions.append(weights)
        if query.expansions[term]:
            found, weights = ctx.index.best_matches(query.expansions[term])
            docs.append(found)
            contributions.append(EXPANSION_WEIGHT * weights)
    weights = query.weights(ctx.in_headlines, ctx.index.idf, len(ctx.leads))
    credited = np.flatnonzero(weights > 0)
    docs.append(ctx.leads[credited])
    contributions.append(LEAD_WEIGHT * weights[credited])
    return np.bincount(
        np.concatenate(docs), np.concatenate(contributions), minlength=ctx.index.size
    ).astype(np.float64, copy=False)


def test_kept_term_scores_are_bit_for_bit_the_fresh_ones(
    engine: Engine, queries: list[Query]
) -> None:
    for _ in range(2):  # the second time from what was kept
        for query in queries:
            assert np.array_equal(_bm25(engine.context, query), fresh_bm25(engine.context, query))


def test_weighing_sentences_at_once_matches_term_by_term(
    engine: Engine, queries: list[Query]
) -> None:
    ctx = engine.context
    idf = ctx.index.idf
    for query in queries:
        weigh = query.weigher(idf)
        for paragraph in ctx.corpus.paragraphs[:12]:
            for sentence in sentences(paragraph.text):
                present = frozenset(tokens(sentence))
                expected = 0.0
                for term in query.expansions:
                    share = query.match(term, present)
                    if share:
                        expected += share * query.idf(term, idf)
                assert weigh(present) == expected == query.weight(present, idf)


def test_kept_results_are_per_function_and_bounded(engine: Engine) -> None:
    calls: list[int] = []

    def double(ctx: Context, n: int) -> int:
        calls.append(n)
        return 2 * n

    twice = engine.context.kept(double, maxsize=2)
    assert engine.context.kept(double) is twice
    assert [twice(1), twice(1), twice(2), twice(3), twice(1)] == [2, 2, 4, 6, 2]
    assert calls == [1, 2, 3, 1]  # 1 was dropped for 3: two kept at most
    assert kept_entries(1024, 16 << 20, 24 * 43) == 1024
    assert kept_entries(1024, 16 << 20, 24 * 50_000) == 16


def test_a_reading_is_kept_and_is_what_reading_afresh_gives(engine: Engine) -> None:
    question = "why did BB stay in pakstan after all??"
    first = read_question(engine.context, question)
    assert read_question(engine.context, question) is first
    assert first == _read_question(engine.context, question)


def whole(answer: Answer) -> dict:
    """The answer as ``ask --json`` gives it, with its scores unrounded."""
    return {**answer.to_dict(), "scores": [c.score for c in answer.citations]}


def test_answers_do_not_depend_on_what_was_asked_before() -> None:
    asked = [(q.text, q.context) for q in load_questions(DEV_QUESTIONS)]
    asked += [(q.text, q.context) for q in load_questions(FOLLOWUPS)][:20]
    one, other = words_only(), words_only()
    forwards = [whole(one.ask(q, 3, c)) for q, c in asked]
    backwards = [whole(other.ask(q, 3, c)) for q, c in reversed(asked)][::-1]
    assert forwards == backwards
    assert forwards == [whole(one.ask(q, 3, c)) for q, c in asked]  # asked again


def test_same_report_is_kept_per_corpus_and_goes_with_it() -> None:
    def sets(texts: list[str]) -> Callable[[int], frozenset[int]]:
        found = [shingles(words(t)) for t in texts]
        return lambda n: found[n]

    quote = "we will not give access to our customers' servers"
    a = sets([quote, "a different story altogether here", f"he said {quote} on monday"])
    b = sets(["nothing alike at all", quote, f"{quote} today"])
    ranked = [(0, 3.0), (1, 2.0), (2, 1.0)]
    for shingles_of, expected in [(a, [[(0, 3.0), (2, 1.0)], [(1, 2.0)]]), (b, None)]:
        for _ in range(2):  # the second time from what was kept
            groups = group_reports(ranked, str, shingles_of, 3)
            if expected is not None:
                assert groups == expected
            for group in groups:
                for p, _ in group[1:]:
                    assert same_report(shingles_of(group[0][0]), shingles_of(p))
    assert group_reports(ranked, str, b, 3) == [[(0, 3.0)], [(1, 2.0), (2, 1.0)]]
    assert a in _kept_pairs and b in _kept_pairs
    gone = [weakref.ref(a), weakref.ref(b)]
    del a, b, shingles_of
    gc.collect()
    assert [ref() for ref in gone] == [None, None]  # the cache kept neither alive
