"""The answer sentence: the sentence of a cited paragraph that weighs most for the question."""

from __future__ import annotations

from index.answer import best_sentence
from index.answer_types import asks_for_speaker, attributes, has_kind
from index.context import Context
from index.lexical import ANSWER_KIND_BOOST
from index.query import Query

# Kinds of answer a sentence must hold to answer: a date for "when", a figure for "how many".
_DEMANDED = frozenset({"when", "how many"})


def highlight(ctx: Context, query: Query, paragraph: int, *, follows_up: bool = False) -> str:
    """The paragraph's sentence that weighs most for the query, boosted where it holds the
    kind of answer asked for (a sentence can only hold what its paragraph holds). Asked how the
    story came out, a paragraph that reports its latest dated event answers with the sentence
    that reports it. Asked how something came out as a follow-up (``follows_up``: "how did
    that end?" after "which countries made similar demands?"), any other paragraph answers
    with its last sentence: the words the earlier question lends name the episode, which the
    sentence that sets it up weighs most for, and news tells how an episode came out after it
    ("However, the company was able to convince them ...")."""
    if query.kind == "outcome" and paragraph in ctx.latest_quotes:
        return ctx.latest_quotes[paragraph]
    if query.kind == "outcome" and follows_up:
        told = ctx.kept(_sentences)(paragraph)
        if told:
            return told[-1][0]
    kind = query.kind if query.kind and ctx.compiled.has_kind(paragraph, query.kind) else None
    boost = 1 + ANSWER_KIND_BOOST
    sentences = ctx.kept(_sentences)(paragraph)
    # Whether each sentence holds the kind of answer asked for (none when the paragraph does not).
    holding = ctx.kept(_holding)(paragraph, kind) if kind else (False,) * len(sentences)
    if kind in _DEMANDED and any(holding):
        # The paragraph holds one, so some sentence does: one without it does not answer.
        sentences = tuple(s for s, held in zip(sentences, holding, strict=True) if held)
        holding = (True,) * len(sentences)
    if query.kind == "who" and asks_for_speaker(query.text):
        # Asked who said something: the sentence that names whoever said it answers.
        saying = ctx.kept(_attributing)(paragraph)
        if any(saying):
            sentences = tuple(s for s, said in zip(sentences, saying, strict=True) if said)
            holding = tuple(h for h, said in zip(holding, saying, strict=True) if said)
    weigh = query.weigher(ctx.index.idf)
    weighed = []
    for (sentence, terms), held in zip(sentences, holding, strict=True):
        weight = weigh(terms)
        if held:
            weight *= boost
        weighed.append((sentence, weight))
    return best_sentence(weighed)


def _sentences(ctx: Context, paragraph: int) -> tuple[tuple[str, frozenset[str]], ...]:
    """The paragraph's sentences with their terms (``Compiled.sentences_of``), kept by
    ``Context.kept``: the same paragraphs keep being cited."""
    return tuple(ctx.compiled.sentences_of(paragraph, ctx.text_of(paragraph)))


def _holding(ctx: Context, paragraph: int, kind: str) -> tuple[bool, ...]:
    """Whether each of the paragraph's sentences holds an answer of the kind (``has_kind``,
    a regular-expression search per sentence), kept by ``Context.kept``."""
    return tuple(has_kind(sentence, kind) for sentence, _ in ctx.kept(_sentences)(paragraph))


def _attributing(ctx: Context, paragraph: int) -> tuple[bool, ...]:
    """Whether each of the paragraph's sentences names who said what it reports
    (``answer_types.attributes``), kept by ``Context.kept``."""
    return tuple(attributes(sentence) for sentence, _ in ctx.kept(_sentences)(paragraph))
