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
    return proximity_at(positions(sequence), stands_for, weight)


def positions(sequence: Iterable[Token]) -> dict[Token, tuple[int, ...]]:
    """Where each term of a sequence stands (ascending), the terms in order of first use:
    what ``proximity_at`` needs of a paragraph, which can be worked out once per paragraph
    (``index.compiled.Compiled.positions_of``)."""
    found: dict[Token, list[int]] = {}
    for at, token in enumerate(sequence):
        found.setdefault(token, []).append(at)
    return {token: tuple(at) for token, at in found.items()}


def proximity_at(
    where: Mapping[Token, Sequence[int]],
    stands_for: Mapping[Token, Sequence[str]],
    weight: Mapping[str, float],
) -> float:
    """``proximity`` of the sequence whose ``positions`` are ``where``."""
    at: dict[str, list[int]] = {}
    # Each term's first position, and its place among the terms its word there stands for:
    # a walk through the sequence meets the terms in this order, and the pairs are added in
    # it (the same sums, added in the same order, as walking the sequence).
    first: dict[str, tuple[int, int]] = {}
    # Only the tokens the sequence holds (a set intersection, in C); the order they are met
    # in here changes nothing: ``first`` orders the terms.
    for token in where.keys() & stands_for.keys():
        found = where[token]
        if not found:
            continue
        start = found[0]
        for rank, term in enumerate(stands_for[token]):
            held = at.get(term)
            if held is None:
                at[term] = list(found)
                first[term] = (start, rank)
            else:
                held.extend(found)
                if start < first[term][0]:
                    first[term] = (start, rank)
    if len(at) < 2:
        return 0.0
    met = sorted(at, key=first.__getitem__)
    score = 0.0
    for a, b in itertools.combinations(met, 2):
        here, there = at[a], at[b]
        # Most terms occur once in a paragraph: their distance, with no search.
        if len(here) == 1 and len(there) == 1:
            distance = abs(here[0] - there[0])
        else:
            distance = _nearest(here, there)
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
