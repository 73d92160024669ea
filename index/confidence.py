"""How likely the best passage is to answer the question: a calibrated probability.

"Sure" must mean right. Which signals say so, and how much each, is measured, not guessed: a
logistic model over the signals below, fitted on every question file in ``benchmarks/`` by
``benchmarks/train_confidence.py`` and kept in ``confidence.json`` beside this module (data,
like the corpus: refitting it is no code change). An answer is given as sure when its
probability reaches the file's threshold (``sure_at``), the lowest at which the answers so
given were right at least ``precision`` of the time when each family of question files was
scored by a model fitted without it. The judge (``index.abstention``) still makes an answer
tentative, whatever its probability, for what the signals cannot see (a "why" answered with no
reason, an announced exit later called off, ...).

The signals are those of the retrieval and the evidence the judge already weighs: how much of
the question the passage holds (its words' idf weight), whether the rankings by words and by
meaning agree on it, how far ahead of the next it stands on each side, whether it holds the
kind of answer asked for, whether it is a lede, whether the question follows up an earlier
one, and the kind of question. With meaning turned off there are no such signals: the judge's
rule by words alone decides (``abstention._sure``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import numpy as np

from index.abstention import TermEvidence
from index.context import Context
from index.fitted import Linear, from_json, standardised
from index.fusion import Hit

MODEL_PATH = Path(__file__).with_name("confidence.json")
# The kinds of question told apart (``answer_types.expected_kind``; None: no kind).
KINDS = ("why", "who", "when", "how many", "outcome", "where", None)
# Terms beyond this many say nothing more of how specific a question is.
MAX_TERMS = 6
# Lexical candidates beyond this rank count as absent.
ABSENT_RANK = 20


@dataclass(frozen=True)
class Signals:
    """What the judge knows of a question's best passage, each as a number."""

    coverage: float  # share of the question's weight the passage holds
    unknown: float  # share of its weight in words the articles never use
    agreed: float  # the rankings by words and by meaning put the same report first
    near: float  # the passage is among the closest by meaning
    kind_held: float  # it holds the date, name or number asked for
    follow_up: float  # the question was read with earlier ones
    dense_rank: float  # 1 / (1 + passages closer by meaning)
    dense_gap: float  # its cosine less the closest passage's (x10)
    dense_margin: float  # the closest passage's cosine less the second's (x10)
    lexical_rank: float  # 1 / (1 + its rank by words)
    lexical_margin: float  # the best word score's lead over the second, as a share of it
    fused_margin: float  # the passage's lead over the second in the fused ranking
    terms: float  # how many terms the question has, up to MAX_TERMS, as a share of it
    lede: float  # the passage is an article's first paragraph
    about_the_story: float  # answered by how the story went, not by its words
    leaning: float  # a follow-up with no words of its own
    kind: str | None  # the kind of question

    def vector(self) -> list[float]:
        values = asdict(self)
        kind = values.pop("kind")
        return [float(v) for v in values.values()] + [float(kind == k) for k in KINDS]

    @staticmethod
    def names() -> list[str]:
        fields = [f for f in Signals.__dataclass_fields__ if f != "kind"]
        return fields + [f"kind={k}" for k in KINDS]


def signals(
    ctx: Context,
    terms: Sequence[TermEvidence],
    hits: Sequence[Hit],
    lexical: Sequence[tuple[int, float]],
    similarities: np.ndarray | None,
    *,
    agreed: bool | None,
    near: bool | None,
    kind_held: bool,
    follow_up: bool,
    about_the_story: bool,
    leaning: bool,
    kind: str | None,
) -> Signals | None:
    """The signals of the best of ``hits``; None when meaning is off or nothing was found."""
    if similarities is None or not hits or not terms or len(similarities) < 2:
        return None
    top = hits[0].paragraph
    total = sum(t.weight for t in terms) or 1.0
    ordered = np.sort(similarities)[::-1]
    ranks = [p for p, _ in lexical]
    lexical_rank = ranks.index(top) if top in ranks else ABSENT_RANK
    best = lexical[0][1] if lexical else 0.0
    return Signals(
        coverage=sum(t.weight * t.in_top for t in terms) / total,
        unknown=sum(t.weight * (1 - t.known) for t in terms) / total,
        agreed=float(bool(agreed)),
        near=float(bool(near)),
        kind_held=float(kind_held),
        follow_up=float(follow_up),
        dense_rank=1 / (1 + int((similarities > similarities[top]).sum())),
        dense_gap=10 * float(similarities[top] - ordered[0]),
        dense_margin=10 * float(ordered[0] - ordered[1]),
        lexical_rank=1 / (1 + lexical_rank),
        lexical_margin=(best - lexical[1][1]) / best if len(lexical) > 1 and best > 0 else 0.0,
        fused_margin=_margin(hits),
        terms=min(len(terms), MAX_TERMS) / MAX_TERMS,
        lede=float(ctx.is_lead(top)),
        about_the_story=float(about_the_story),
        leaning=float(leaning),
        kind=kind,
    )


def _margin(hits: Sequence[Hit]) -> float:
    if len(hits) < 2 or hits[0].score <= 0:
        return 0.0
    return (hits[0].score - hits[1].score) / hits[0].score


@dataclass(frozen=True)
class Model(Linear):
    """A fitted logistic model: weights over standardised signals, and the threshold."""

    bias: float
    sure_at: float

    def probability(self, signals: Signals) -> float:
        return float(self.probabilities(np.asarray([signals.vector()]))[0])

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """The probability of each row of signal vectors (``Signals.vector``)."""
        z = np.clip(self.linear(vectors) + self.bias, -50.0, 50.0)
        probabilities: np.ndarray = 1 / (1 + np.exp(-z))
        return probabilities

    @classmethod
    def from_json(cls, text: str) -> Model:
        return from_json(cls, text, tuple(Signals.names()), "confidence model")


@cache
def model() -> Model:
    """The fitted model shipped with the engine."""
    return Model.from_json(MODEL_PATH.read_text(encoding="utf-8"))


def fit(
    vectors: Sequence[Sequence[float]],
    labels: Sequence[bool],
    *,
    l2: float = 1e-3,
    steps: int = 1500,
    rate: float = 0.5,
) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], float]:
    """Logistic regression by gradient descent on standardised features (deterministic):
    the features' means and scales, the weights and the bias."""
    x = np.asarray(vectors, dtype=float)
    y = np.asarray(labels, dtype=float)
    x, mean, scale = standardised(x)
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) / len(y)
        gradient[:-1] += l2 * w[:-1]
        w -= rate * gradient
    return tuple(mean.tolist()), tuple(scale.tolist()), tuple(w[:-1].tolist()), float(w[-1])
