"""The answer sentence: the sentence of a cited paragraph that weighs most for the question."""

from __future__ import annotations

from index.answer import best_sentence
from index.answer_types import has_kind
from index.context import Context
from index.lexical import ANSWER_KIND_BOOST
from index.query import Query

# Kinds of answer a sentence must hold to answer: a date for "when", a figure for "how many".
_DEMANDED = frozenset({"when", "how many"})


def highlight(ctx: Context, query: Query, paragraph: int) -> str:
    """The paragraph's sentence that weighs most for the query, boosted where it holds the
    kind of answer asked for (a sentence can only hold what its paragraph holds). Asked how the
    story came out, a paragraph that reports its latest dated event answers with the sentence
    that reports it."""
    if query.kind == "outcome" and paragraph in ctx.latest_quotes:
        return ctx.latest_quotes[paragraph]
    kind = query.kind if query.kind and ctx.compiled.has_kind(paragraph, query.kind) else None
    boost = 1 + ANSWER_KIND_BOOST
    sentences = ctx.compiled.sentences_of(paragraph, ctx.text_of(paragraph))
    if kind in _DEMANDED:
        # The paragraph holds one, so some sentence does: one without it does not answer.
        holding = [(s, t) for s, t in sentences if has_kind(s, kind)]
        sentences = holding or sentences
    weighed = []
    for sentence, terms in sentences:
        weight = query.weight(terms, ctx.index.idf)
        if kind and has_kind(sentence, kind):
            weight *= boost
        weighed.append((sentence, weight))
    return best_sentence(weighed)
