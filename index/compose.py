"""Composing an answer from ranked paragraphs: the same report from several outlets becomes
one result citing all of them, led by the wording most of them share; each result carries its
best sentence."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from index.answer import Answer, Citation, group_reports, prefer_corroborated
from index.context import Context
from index.highlight import highlight
from index.query import Query

# How many reports an answer cites, unless asked for another number.
MAX_RESULTS = 3
# A further result must score at least this share of the best one to be worth showing.
RELATIVE_FLOOR = 0.3
# Kinds of answer one outlet's copy of a report may hold where another's does not (the
# speaker of a quote, the day it was said).
NAMED_KINDS = ("who", "when")


def compose(
    ctx: Context,
    question: str,
    query: Query,
    ranked: Sequence[tuple[int, float]],
    k: int,
    *,
    tentative: bool,
    context: tuple[str, ...] | None = None,
) -> Answer:
    """The answer citing the best ``k`` reports among ``ranked`` (best first)."""
    groups = prefer_corroborated(
        group_reports(ranked, ctx.article_of, ctx.compiled.shingles_of, max(1, k)),
        ranked,
        ctx.article_of,
        ctx.compiled.shingles_of,
        partial(ctx.holds, kind=query.kind) if query.kind in NAMED_KINDS else lambda p: 0,
    )
    best = groups[0][0][1]
    citations = [
        Citation(
            article=ctx.sources[lead].article,
            paragraph=ctx.sources[lead].paragraph,
            highlight=highlight(ctx, query, lead, follows_up=context is not None),
            score=score,
            also_in=tuple(ctx.sources[i] for i, _ in group[1:]),
        )
        for group in groups
        for lead, score in group[:1]
        if score >= RELATIVE_FLOOR * best
    ]
    return Answer(
        question=question, citations=tuple(citations), tentative=tentative, context=context
    )
