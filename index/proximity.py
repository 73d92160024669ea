"""How close together a passage holds a question's terms (term proximity).

BM25 scores a paragraph by which of the question's terms it holds, wherever they stand. A
paragraph that holds two of them side by side ("reputation on security" for "security rep")
more likely says what the question asks than one that mentions them in different sentences.
As in the proximity scores of Büttcher, Clarke and Lushman (2006) and Rasolofo and Savoy
(2003), each pair of the question's terms found in the paragraph adds the lesser of their
weights divided by the square of the distance between their nearest occurrences (counted in
content words, so stopwords between them do not count). A term is found where the paragraph
has it, one of its forms or a one-word expansion of it ("reputation" for "rep").
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

Token = TypeVar("Token", bound=Hashable)


def proximity(
    sequence: Sequence[Token],
    stands_for: Mapping[Token, Sequence[str]],
    weight: Mapping[str, float],
) -> float:
    """``sequence``: the paragraph's content terms in order (as strings or as any other keys);
    ``stands_for``: the question terms that each such term stands for; ``weight``: each
    question term's weight."""
    positions: dict[str, list[int]] = {}
    for at in [at for at, token in enumerate(sequence) if token in stands_for]:
        for term in stands_for[sequence[at]]:
            positions.setdefault(term, []).append(at)
    score = 0.0
    for a, b in itertools.combinations(positions, 2):
        distance = _nearest(positions[a], positions[b])
        if distance:
            score += min(weight[a], weight[b]) / distance**2
    return score


def _nearest(a: Iterable[int], b: Iterable[int]) -> int:
    """The least distance between a position in ``a`` and a different one in ``b`` (0 when
    the only ones are the same word, standing for both terms)."""
    best = 0
    for x in a:
        for y in b:
            distance = abs(x - y)
            if distance and (not best or distance < best):
                best = distance
    return best
