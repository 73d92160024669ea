"""Lexical retrieval: BM25 over the question's terms and their expansions, then the boosts that
word matching alone misses, in this order:

1. headline credit: a news lead restates its headline (inverted pyramid), so a question's match
   with an article's headline is credited to the article's first paragraph;
2. source: paragraphs of an outlet the question names ("According to Softpedia, ...");
3. outcome: for "how did it end", what the articles report last;
4. answer kind: paragraphs holding the kind of answer asked for (a date for "when", ...);
5. names: for "who", the name most outlets agree on (``index.corroboration``);
6. proximity: the question's terms near each other (``index.proximity``).
"""

from __future__ import annotations

import numpy as np

from index.bm25 import top_k
from index.context import Context
from index.corroboration import prefer_agreed_names
from index.expansion import Alternative
from index.proximity import proximity_at
from index.query import EXPANSION_WEIGHT, Query

# News leads restate the headline (inverted pyramid): a question's match with an article's
# headline is credited, at this weight, to the article's first paragraph.
LEAD_WEIGHT = 0.75
# A paragraph or sentence holding the kind of answer asked for (a date for "when", ...).
ANSWER_KIND_BOOST = 0.3
# A paragraph from an outlet the question names ("According to Softpedia, ...").
SOURCE_BOOST = 1.0
# An outcome question's credit to what the articles report last, as a share of the best word
# match (enough to lift those paragraphs; the question's own words still count).
OUTCOME_CREDIT = 0.5
# How much the proximity of the question's terms in a candidate adds to its score.
PROXIMITY_WEIGHT = 0.3
# Ranked paragraphs looked at to compose an answer: enough for three results and the other
# outlets' copies of each (copies of one report score alike).
CANDIDATES = 10
# Paragraphs the answer-kind boost may promote into the candidates (one further down would
# rarely come within reach, and checking each costs a regular-expression search).
_POOL = 2 * CANDIDATES

Ranked = list[tuple[int, float]]


def rank_lexical(ctx: Context, query: Query) -> Ranked:
    """The best CANDIDATES paragraphs by the question's words: source numbers and scores,
    best first."""
    scores = _bm25(ctx, query)
    for outlet in query.sources:
        scores[ctx.outlet_paragraphs[outlet]] *= 1 + SOURCE_BOOST
    if query.kind == "outcome":
        # What the articles report last is how the story came out: as strong as the best
        # word match, so the question's own words still order those paragraphs.
        credit = OUTCOME_CREDIT * max(1.0, float(scores.max(initial=0.0)))
        for i in ctx.latest_event:
            scores[i] += credit
    pool = _answer_kind(ctx, query, top_k(scores, _POOL))
    if query.kind == "who" and pool:
        asked = {f for t in query.terms for f in query.forms(t)}
        asked |= {x for t in query.terms for a in query.expansions[t] for x in a}
        pool = prefer_agreed_names(pool[:CANDIDATES], ctx.text_of, ctx.article_of, asked)
    return _nearer_first(ctx, query, pool[:CANDIDATES])


def _bm25(ctx: Context, query: Query) -> np.ndarray:
    """BM25 of each question term plus, at reduced weight, its best-scoring expansion, plus
    the headline credit of lead paragraphs: a score per paragraph. What each term adds is
    kept for later questions (``BM25Index.term_postings``, ``Context.lead_credit``)."""
    docs, contributions = [], []
    for term in query.terms:  # a term the question repeats counts again, as in BM25
        found, weights = ctx.index.term_postings(
            query.forms(term), query.expansions[term], EXPANSION_WEIGHT
        )
        docs.append(found)
        contributions.append(weights)
    # Python floats, added in the order ``Query.weights`` adds them (the same sums).
    headlines = [0.0] * len(ctx.leads)
    for term, alternatives in query.expansions.items():
        for sets, weight in ctx.lead_credit(query.forms(term), alternatives):
            for n in sets:
                headlines[n] += weight
    credited = [n for n, weight in enumerate(headlines) if weight > 0]
    docs.append(ctx.leads[credited])
    contributions.append(np.array([LEAD_WEIGHT * headlines[n] for n in credited]))
    # bincount adds each paragraph's contributions in this order, starting from 0.0 (and
    # gives integers when there are none).
    return np.bincount(
        np.concatenate(docs), np.concatenate(contributions), minlength=ctx.index.size
    ).astype(np.float64, copy=False)


def _answer_kind(ctx: Context, query: Query, pool: Ranked) -> Ranked:
    """The pool with the paragraphs holding the kind of answer asked for boosted."""
    if not query.kind or not pool:
        return pool
    boost = 1 + ANSWER_KIND_BOOST
    # Only a paragraph within reach of the candidates once boosted can change them.
    reach = pool[min(CANDIDATES, len(pool)) - 1][1] / boost
    out = [
        (i, s * boost if s >= reach and ctx.compiled.has_kind(i, query.kind) else s)
        for i, s in pool
    ]
    out.sort(key=lambda item: (-item[1], item[0]))
    return out


def _nearer_first(ctx: Context, query: Query, candidates: Ranked) -> Ranked:
    """The candidates re-scored with the proximity of the question's terms in them, best
    first."""
    if len(query.expansions) < 2:
        return candidates
    # Each term the corpus uses, as a postings row, with the question terms it stands for:
    # the term itself, a form of it, or a one-word expansion of it.
    stands_for: dict[int, list[str]] = {}
    rows_of = ctx.kept(_rows_found_as)
    for term, alternatives in query.expansions.items():
        for row in rows_of(query.forms(term), alternatives):
            stands_for.setdefault(row, []).append(term)
    weight = query.idfs(ctx.index.idf)
    out = [
        (i, s + PROXIMITY_WEIGHT * proximity_at(ctx.compiled.positions_of(i), stands_for, weight))
        for i, s in candidates
    ]
    out.sort(key=lambda item: (-item[1], item[0]))
    return out


def _rows_found_as(
    ctx: Context, forms: tuple[str, ...], alternatives: tuple[Alternative, ...]
) -> tuple[int, ...]:
    """The postings rows of what a question term is found as in a paragraph: its forms and
    its one-word expansions that the corpus uses (kept by ``Context.kept`` for the terms of
    later questions)."""
    one_word = (a[0] for a in alternatives if len(a) == 1)
    rows = map(ctx.index.row, dict.fromkeys([*forms, *one_word]))
    return tuple(row for row in rows if row is not None)
