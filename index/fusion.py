"""Fusing the lexical and the dense rankings into one.

Each mode is its own function, picked by name (``FusionMode``):
- ``scores`` (the default): each side's scores put on one scale (the lexical ones as a share of
  the best; the cosines min-max over the corpus) and added, LEXICAL_SHARE of the lexical one
  and the rest of the dense one. A question that matches one paragraph by its words far better
  than any other keeps it first; one whose words the articles do not use is ranked by meaning.
  The lexical share shrinks with what the articles know of the question's words
  (``lexical_share``): the best match of a question most of whose weight is in words they never
  use ("would bailing on pak have wrecked bb") is only the best paragraph for its one known
  word, but as a share of the best it would count as much as a full match.
- ``rrf``: reciprocal-rank fusion (Cormack et al. 2009), the usual baseline: ranks, not scores.
- ``lexical``: the lexical ranking alone (meaning turned off).

Measured on the development sets (``docs/evaluation.md``): score fusion with equal shares beat
RRF at every k tried; a weight that leans on meaning in proportion to how poorly the question's
words are known did no better than equal shares, while leaning on it only for a question whose
words are mostly unknown (``lexical_share``) ranked a few more first and declined fewer.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

import numpy as np

# The lexical side's share of a fused score.
LEXICAL_SHARE = 0.5
# A question at least this share of whose weight lies in words the articles know is fused in
# equal shares; below it, the lexical share falls in proportion (``lexical_share``).
KNOWN_ENOUGH = 0.5
# RRF's constant: small, since a one-topic corpus of a few dozen paragraphs has short rankings.
RRF_K = 2
# Dense results that RRF looks at (the lexical side gives its own candidates).
RRF_DEPTH = 20


class Hit(NamedTuple):
    """A ranked paragraph: its number in ``Corpus.paragraphs`` order, and its score."""

    paragraph: int
    score: float


class FusionMode(StrEnum):
    SCORES = "scores"
    RRF = "rrf"
    LEXICAL = "lexical"


def fuse(
    lexical: Sequence[tuple[int, float]],
    similarities: np.ndarray | None,
    limit: int,
    mode: FusionMode = FusionMode.SCORES,
    known: float = 1.0,
) -> list[Hit]:
    """The best ``limit`` paragraphs of the two rankings fused, best first. ``lexical``: the
    lexical candidates, best first; ``similarities``: every paragraph's cosine with the
    question, or None when meaning is turned off; ``known``: the share of the question's
    weight in words the articles know (``index.evidence.known_share``)."""
    if similarities is None or mode is FusionMode.LEXICAL or not len(similarities):
        return [Hit(p, s) for p, s in lexical[:limit]]
    if mode is FusionMode.RRF:
        return _rrf(lexical, similarities, limit)
    return _scores(lexical, similarities, limit, lexical_share(known))


def lexical_share(known: float) -> float:
    """The lexical side's share of a fused score for a question ``known`` of whose weight lies
    in words the articles know: LEXICAL_SHARE from KNOWN_ENOUGH up, less in proportion below."""
    return LEXICAL_SHARE * min(1.0, known / KNOWN_ENOUGH)


def _scores(
    lexical: Sequence[tuple[int, float]], similarities: np.ndarray, limit: int, share: float
) -> list[Hit]:
    low, high = float(similarities.min()), float(similarities.max())
    fused = (1 - share) * (similarities - low) / max(high - low, 1e-9)
    best = lexical[0][1] if lexical else 0.0
    if best > 0:
        for paragraph, score in lexical:
            fused[paragraph] += share * score / best
    return _top(fused, limit)


def _rrf(lexical: Sequence[tuple[int, float]], similarities: np.ndarray, limit: int) -> list[Hit]:
    fused = np.zeros(len(similarities))
    for rank, (paragraph, _) in enumerate(lexical):
        fused[paragraph] += 1 / (RRF_K + rank + 1)
    for rank, paragraph in enumerate(np.argsort(-similarities, kind="stable")[:RRF_DEPTH]):
        fused[paragraph] += 1 / (RRF_K + rank + 1)
    return _top(fused, limit)


def _top(scores: np.ndarray, limit: int) -> list[Hit]:
    """The ``limit`` best (ties: the earlier paragraph), best first."""
    order = np.argsort(-scores, kind="stable")[:limit]
    return [Hit(int(p), float(scores[p])) for p in order]
