"""A question as the engine reads it: its content terms, what each may also be written as,
and the kind of answer it asks for; and the weight a set of words carries for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from index.expansion import Alternative

# How much an expansion (synonym, acronym, prefix) counts against the question's own word.
EXPANSION_WEIGHT = 0.5


@dataclass(frozen=True)
class Query:
    """A question as the engine reads it: content terms, their expansions, the answer kind."""

    text: str  # cut to MAX_QUESTION_CHARS, markup stripped
    terms: tuple[str, ...]
    expansions: dict[str, tuple[Alternative, ...]]
    kind: str | None
    # Terms that name the same thing as a question term, scored as that term ("bb": BlackBerry).
    equivalents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Outlets the question names ("According to TechJuice, ..."): their paragraphs are preferred.
    sources: tuple[str, ...] = ()
    words: dict[str, str] = field(default_factory=dict)  # term -> the word written

    def term_of(self, word: str) -> str | None:
        """The term the question's reading made of a word it wrote ("contries": "countri"),
        or None for a word it did not read as a term."""
        return self._terms_by_word.get(word)

    @cached_property
    def _terms_by_word(self) -> dict[str, str]:
        return {word: term for term, word in self.words.items()}

    def forms(self, term: str) -> tuple[str, ...]:
        """The term and the terms that name the same thing."""
        found = self._forms.get(term)
        return self._forms_of(term) if found is None else found

    @cached_property
    def _forms(self) -> dict[str, tuple[str, ...]]:
        """``forms`` of each of the question's terms, worked out once: every stage asks."""
        return {term: self._forms_of(term) for term in self.expansions}

    def _forms_of(self, term: str) -> tuple[str, ...]:
        equivalents = self.equivalents.get(term)
        return (term, *equivalents) if equivalents else (term,)

    def idf(self, term: str, idf: Callable[[str], float]) -> float:
        """The term's idf, scored as one with its equivalents: that of the commonest."""
        found = self.idfs(idf).get(term)
        return forms_idf(self.forms(term), idf) if found is None else found

    def idfs(self, idf: Callable[[str], float]) -> dict[str, float]:
        """``idf`` of each of the question's terms under ``idf`` (an index's), worked out once
        per index: every stage weighs by them."""
        found = self._idfs.get(idf)
        if found is None:
            found = {term: forms_idf(self.forms(term), idf) for term in self.expansions}
            self._idfs[idf] = found
        return found

    @cached_property
    def _idfs(self) -> dict[Callable[[str], float], dict[str, float]]:
        return {}

    def match(self, term: str, present: frozenset[str]) -> float:
        """How much of a question term a token set holds: 1 for the term (or an equivalent),
        EXPANSION_WEIGHT for one of its expansions instead, else 0."""
        if not present.isdisjoint(self.forms(term)):
            return 1.0
        if _holds_one(present, *self._alternatives[term]):
            return EXPANSION_WEIGHT
        return 0.0

    @cached_property
    def _alternatives(self) -> dict[str, tuple[frozenset[str], tuple[Alternative, ...]]]:
        """Each of the question's terms' expansions, split for ``_holds_one``: the one-word
        ones as a set, the others (phrases) as they are; worked out once, for every set of
        words the question is matched against."""
        return {
            term: (
                frozenset(a[0] for a in alternatives if len(a) == 1),
                tuple(a for a in alternatives if len(a) != 1),
            )
            for term, alternatives in self.expansions.items()
        }

    def weight(self, present: frozenset[str], idf: Callable[[str], float]) -> float:
        """Weight of a token set for this query: each term's idf where the set has the term,
        a share of it where the set has one of its expansions instead."""
        return self.weigher(idf)(present)

    def weigher(self, idf: Callable[[str], float]) -> Callable[[frozenset[str]], float]:
        """``weight`` as a function of the token set alone, for weighing many sets (the
        sentences of a paragraph): each term's forms, expansions and idf are looked up once
        per index (the stages that weigh sentences ask again)."""
        found = self._weighers.get(idf)
        if found is None:
            found = self._weighers[idf] = self._weigher(idf)
        return found

    @cached_property
    def _weighers(self) -> dict[Callable[[str], float], Callable[[frozenset[str]], float]]:
        return {}

    def _weigher(self, idf: Callable[[str], float]) -> Callable[[frozenset[str]], float]:
        idfs = self.idfs(idf)
        terms = [
            (self.forms(term), *self._alternatives[term], idfs[term]) for term in self.expansions
        ]

        def weigh(present: frozenset[str]) -> float:
            total = 0.0
            for forms, words, phrases, weight in terms:
                # ``match``: the term (or an equivalent), else one of its expansions.
                if not present.isdisjoint(forms):
                    total += 1.0 * weight
                elif _holds_one(present, words, phrases):
                    total += EXPANSION_WEIGHT * weight
            return total

        return weigh

    def weights(
        self, having: Callable[[str], np.ndarray], idf: Callable[[str], float], n: int
    ) -> np.ndarray:
        """``weight`` of ``n`` token sets at once, where ``having(term)`` lists the sets (by
        number, ascending) that have the term; the same additions in the same order, so the
        same floats (adding 0.0 where a set has nothing to add changes no sum)."""
        total = np.zeros(n)
        for term, alternatives in self.expansions.items():
            for sets, weight in set_weights(self.forms(term), alternatives, having, idf, n):
                total[sets] += weight
        return total


def _holds_one(
    present: frozenset[str], words: frozenset[str], phrases: tuple[Alternative, ...]
) -> bool:
    """Whether the token set holds one of a term's expansions, as ``Query._alternatives``
    splits them: one of the one-word ``words``, or every word of one of the ``phrases``."""
    return not present.isdisjoint(words) or (
        bool(phrases) and any(present.issuperset(a) for a in phrases)
    )


def forms_idf(forms: tuple[str, ...], idf: Callable[[str], float]) -> float:
    """The idf of a term scored as one with its other forms: that of the commonest."""
    return min(map(idf, forms))


def set_weights(
    forms: tuple[str, ...],
    alternatives: tuple[Alternative, ...],
    having: Callable[[str], np.ndarray],
    idf: Callable[[str], float],
    n: int,
) -> tuple[tuple[np.ndarray, float], ...]:
    """What one question term (its ``forms`` and ``alternatives``) adds to ``Query.weights``:
    its idf to the sets having one of its forms, then EXPANSION_WEIGHT of it to those having
    one of its alternatives instead (each a list of set numbers, ascending, and the weight
    added to each). It depends on the term alone, so it can be kept for other questions."""
    found = (
        having(forms[0])
        if len(forms) == 1
        else np.unique(np.concatenate([having(t) for t in forms]))
    )
    weight = forms_idf(forms, idf)
    expanded = [_having_all(having, a, n) for a in alternatives]
    if not any(map(len, expanded)):
        return ((found, weight),)
    instead = np.zeros(n, bool)
    for sets in expanded:
        instead[sets] = True
    instead[found] = False
    return (found, weight), (np.flatnonzero(instead), EXPANSION_WEIGHT * weight)


def _having_all(having: Callable[[str], np.ndarray], terms: Alternative, n: int) -> np.ndarray:
    """The sets (of ``n``) that have every one of the terms."""
    if len(terms) == 1:
        return having(terms[0])
    count = np.bincount(np.concatenate([having(t) for t in terms]), minlength=n)
    return np.flatnonzero(count == len(terms))
