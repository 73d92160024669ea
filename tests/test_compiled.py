"""The compiled corpus holds, per paragraph, what the engine would otherwise work out at every
question: the same answers, precomputed."""

from __future__ import annotations

import pytest

from index.answer import shingles
from index.answer_types import KINDS, has_kind
from index.compiled import Compiled, compile_corpus
from index.corpus import Corpus, load_corpus
from index.text import sentences, tokens, words
from tests.conftest import SEED_CORPUS


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SEED_CORPUS)


@pytest.fixture(scope="module")
def compiled(corpus: Corpus) -> Compiled:
    return compile_corpus(corpus)


def test_each_paragraph_s_tokens_sentences_kinds_and_shingles_are_its_own(corpus, compiled) -> None:
    compiled.check()
    spelling = compiled.bm25.postings.terms
    assert compiled.bm25.size == len(corpus.paragraphs)
    assert [spelling[r] for r in compiled.tokens] == [
        t for p in corpus.paragraphs for t in tokens(p.text)
    ]
    seen = set()
    for n, paragraph in enumerate(corpus.paragraphs):
        text = paragraph.text
        assert compiled.terms_of(n) == frozenset(tokens(text))
        assert compiled.sentences_of(n, text) == [
            (s, frozenset(tokens(s))) for s in sentences(text)
        ]
        for kind in KINDS:
            # Pakistan, named in most of the titles, is what the seed corpus is about.
            assert compiled.has_kind(n, kind) == has_kind(text, kind, frozenset({"pakistan"}))
            if compiled.has_kind(n, kind):
                seen.add(kind)
        assert not compiled.has_kind(n, "outcome")  # judged by date, never by text
        assert compiled.shingles_of(n) == shingles(words(text))
    assert seen == set(KINDS)  # the seed corpus has every kind somewhere


def test_the_postings_index_the_same_tokens(corpus, compiled) -> None:
    for n, paragraph in enumerate(corpus.paragraphs):
        for term in tokens(paragraph.text):
            docs, _ = compiled.bm25.postings_of(term)
            assert n in docs.tolist()


def test_a_place_the_corpus_is_about_answers_no_where(corpus, compiled) -> None:
    held = {p.key for n, p in enumerate(corpus.paragraphs) if compiled.has_kind(n, "where")}
    assert held  # Canada, Waterloo, India, Mumbai ...
    for paragraph in corpus.paragraphs:
        if paragraph.key not in held:
            assert not has_kind(paragraph.text, "where", frozenset({"pakistan"}))
    # "Pakistan" alone, in every article's story, places nothing.
    only_pakistan = [p for p in corpus.paragraphs if has_kind(p.text, "where")]
    assert any(p.key not in held for p in only_pakistan)
