"""Which of a follow-up's first candidates answers what it now asks: a learned order.

A follow-up ("when was that?", "why tho?", "and the actual msgs?") is retrieved with the
earlier questions' words and meaning, which find what the conversation is about. Which of the
first few passages answers what the follow-up itself asks is told by a few signs, each measured
for every candidate among the first REACH:
- ``prior``: its place in the order the retrieval stages left (1 / (1 + rank));
- ``meaning``: its cosine with the question less the best among them (x10);
- ``kind``: it holds the kind of answer the follow-up's own words ask for (a date for "when
  was that?", a name for "who said it?", a figure for "how many?");
- ``lede``: it is an article's first paragraph, which sums up the whole story: the earlier
  answer's words find it again, while the follow-up asks about a detail;
- ``reason``: the follow-up asks "why" and the passage gives a reason ("due to", "after");
- ``own``: the share of the follow-up's own words (their idf weight) the passage holds ("ceo"
  in "and the ceo?"); 0 when it has none ("when was that?").

How much each counts is measured, not guessed: a listwise logistic model (the softmax of the
candidates' scores against the one holding the gold answer), fitted on the conversations in
``benchmarks/`` by ``benchmarks/train_followup_order.py`` and kept in ``followup_order.json``
beside this module (data, like ``confidence.json``: refitting it is no code change). The
candidates are sorted by their scores, the best first (ties keep their order); those after the
first REACH keep their place. With meaning turned off there is no ``meaning`` to weigh, and the
order stays as the stages left it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from index.answer_types import FILTERING_KINDS, expected_kind
from index.context import Context
from index.evidence import evidence
from index.fitted import Linear, from_json, standardised
from index.followup import Reading
from index.fusion import Hit

MODEL_PATH = Path(__file__).with_name("followup_order.json")
# The candidates reordered: as many as an answer shows and two more.
REACH = 5
NAMES = ("prior", "meaning", "kind", "lede", "reason", "own")


def features(
    ctx: Context, hits: Sequence[Hit], reading: Reading, similarities: np.ndarray
) -> np.ndarray:
    """One row of ``NAMES`` per candidate among the first REACH of ``hits``; ``reading``: the
    follow-up as read (its own text says what it asks for), ``similarities``: every
    paragraph's cosine with its meaning."""
    head = [h.paragraph for h in hits[:REACH]]
    kind = expected_kind(reading.query.text)

    def own(paragraph: int) -> float:
        held = [t for t in evidence(ctx, reading.query, paragraph) if t.term in reading.own]
        total = sum(t.weight for t in held)
        return sum(t.weight * t.in_top for t in held) / total if total else 0.0

    best = max((float(similarities[p]) for p in head), default=0.0)
    rows = [
        [
            1 / (1 + rank),
            10 * (float(similarities[p]) - best),
            float(kind in FILTERING_KINDS and ctx.holds(p, kind or "") > 0),
            float(ctx.is_lead(p)),
            float(kind == "why" and ctx.compiled.has_kind(p, "why")),
            own(p),
        ]
        for rank, p in enumerate(head)
    ]
    return np.asarray(rows, dtype=float).reshape(len(rows), len(NAMES))


@dataclass(frozen=True)
class Order(Linear):
    """A fitted listwise model: weights over standardised features."""

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return self.linear(rows)

    @classmethod
    def from_json(cls, text: str) -> Order:
        return from_json(cls, text, NAMES, "follow-up order")


@cache
def order() -> Order:
    """The fitted order shipped with the engine."""
    return Order.from_json(MODEL_PATH.read_text(encoding="utf-8"))


def follow_up_order(
    ctx: Context, hits: list[Hit], reading: Reading, similarities: np.ndarray | None
) -> list[Hit]:
    """The follow-up's first REACH candidates in the fitted order, best first; the rest after
    them as they were."""
    if similarities is None or len(hits) < 2:
        return hits
    head = hits[:REACH]
    scores = order().scores(features(ctx, head, reading, similarities))
    ranked = sorted(range(len(head)), key=lambda i: -scores[i])  # stable: ties keep order
    return [*(head[i] for i in ranked), *hits[REACH:]]


def fit(
    lists: Sequence[np.ndarray],
    answers: Sequence[np.ndarray],
    *,
    l2: float = 1.0,
    steps: int = 2000,
    rate: float = 0.5,
) -> Order:
    """The listwise logistic model by gradient descent on standardised features
    (deterministic). ``lists``: each follow-up's candidate rows (REACH of them, ``features``);
    ``answers``: for each, which candidates hold its gold answer. Follow-ups none of whose
    candidates holds it teach nothing of their order and are left out."""
    kept = [(x, y.astype(float)) for x, y in zip(lists, answers, strict=True) if y.any()]
    x = np.stack([k[0] for k in kept])
    target = np.stack([k[1] / k[1].sum() for k in kept])
    x, mean, scale = standardised(x)
    w = np.zeros(x.shape[2])
    for _ in range(steps):
        s = x @ w
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        gradient = np.einsum("nkd,nk->d", x, p - target) / len(x) + l2 * w / len(x)
        w -= rate * gradient
    return Order(NAMES, tuple(mean.tolist()), tuple(scale.tolist()), tuple(w.tolist()))
