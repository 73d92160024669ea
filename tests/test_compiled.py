"""The compiled corpus holds, per paragraph, what the engine would otherwise work out at every
question: the same answers, precomputed."""

from __future__ import annotations

from index.answer import shingles
from index.answer_types import KINDS, has_kind
from index.compiled import compile_corpus
from index.corpus import load_corpus
from index.text import tokens, words
from tests.conftest import SEED_CORPUS


def test_each_paragraph_s_kinds_shingles_and_terms_are_its_own() -> None:
    corpus = load_corpus(SEED_CORPUS)
    compiled = compile_corpus(corpus)
    compiled.check()
    assert compiled.bm25.size == len(corpus.paragraphs)
    seen = set()
    for n, paragraph in enumerate(corpus.paragraphs):
        text = paragraph.text
        for kind in KINDS:
            assert compiled.has_kind(n, kind) == has_kind(text, kind)
            if compiled.has_kind(n, kind):
                seen.add(kind)
        assert not compiled.has_kind(n, "outcome")  # judged by date, never by text
        assert compiled.shingles_of(n) == shingles(words(text))
        for term in set(tokens(text)):
            assert compiled.bm25.has(n, term)
        assert not compiled.bm25.has(n, "zzunknown")
    assert seen == set(KINDS)  # the seed corpus has every kind somewhere


def test_has_is_false_for_terms_of_other_paragraphs() -> None:
    corpus = load_corpus(SEED_CORPUS)
    compiled = compile_corpus(corpus)
    for n, paragraph in enumerate(corpus.paragraphs):
        absent = {t for p in corpus.paragraphs for t in tokens(p.text)} - set(
            tokens(paragraph.text)
        )
        assert not any(compiled.bm25.has(n, t) for t in sorted(absent)[:50])
