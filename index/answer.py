"""What an answer is, and how ranked paragraphs become one.

Extractive only: an answer is a paragraph from the corpus with its best sentence picked out
and its citation; the same quote or fact reported by several outlets becomes one result that
cites all of them. Front ends render these objects; they never rank or decide.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from index.corpus import Article, Paragraph

# Two paragraphs report the same thing when this share of the shorter one's word 3-shingles
# occurs in the other (containment finds a quote inside a longer paragraph; Jaccard does not).
SAME_REPORT_CONTAINMENT = 0.5
# A copy of a report scoring at least this share of the best copy may lead its group instead,
# when more of its wording is shared by the other outlets.
CORROBORATED_SHARE = 0.5
# Pairs of paragraphs whose ``same_report`` is kept, per corpus (``group_reports`` compares
# the same candidates question after question): two numbers and a bool each.
_KEPT_PAIRS = 4096


@dataclass(frozen=True)
class Source:
    """One paragraph of one article."""

    article: Article
    paragraph: Paragraph

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.id,
            "outlet": self.article.outlet,
            "paragraph": self.paragraph.number,
        }


@dataclass(frozen=True)
class Citation:
    """A result: the cited paragraph, its best sentence, its score, and other outlets that
    report the same thing."""

    article: Article
    paragraph: Paragraph
    highlight: str
    score: float
    also_in: tuple[Source, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.article.citation(self.paragraph),
            "highlight": self.highlight,
            "score": round(self.score, 6),
            "also_in": [s.to_dict() for s in self.also_in],
        }


@dataclass(frozen=True)
class Answer:
    question: str
    citations: tuple[Citation, ...] = ()
    reason: str = ""  # why the engine abstained; empty when answered
    # Answered, but the engine is unsure the passage answers the question: front ends show it
    # as "the closest passage I found" with the same citation.
    tentative: bool = False
    # The earlier questions of the conversation this one was read with, or None when it was
    # taken to stand alone.
    context: tuple[str, ...] | None = None

    @property
    def answered(self) -> bool:
        return bool(self.citations)

    @property
    def outcome(self) -> str:
        """``answered``, ``tentative`` or ``declined``."""
        if not self.answered:
            return "declined"
        return "tentative" if self.tentative else "answered"

    @property
    def text(self) -> str:
        """The answer itself: the best sentence of the best paragraph (verbatim)."""
        return self.citations[0].highlight if self.citations else ""

    def to_dict(self) -> dict[str, Any]:
        """The ``ask --json`` shape (a contract: other tools read these names)."""
        return {
            "question": self.question,
            "answered": self.answered,
            "tentative": self.answered and self.tentative,
            "answer": self.text,
            "reason": self.reason,
            "citations": [c.to_dict() for c in self.citations],
            "context": list(self.context) if self.context is not None else None,
        }


def best_sentence(weighed: Iterable[tuple[str, float]]) -> str:
    """The sentence that weighs most; ties go to the earlier sentence, so a lead sentence wins
    over a later one that says no more."""
    best, best_score = "", -1.0
    for sentence, score in weighed:
        if score > best_score:
            best, best_score = sentence, score
    return best


def shingles(words: list[str], n: int = 3) -> frozenset[int]:
    """Hashes of the n-grams of a text's ``index.text.words`` (of all of them when there are
    fewer). Python's hashes differ between processes: compare only shingles made by one."""
    if len(words) < n:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(map(hash, zip(*(words[i:] for i in range(n)), strict=False)))


def containment(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    """Share of the smaller shingle set found in the other (0 when either is empty)."""
    if not a or not b or a.isdisjoint(b):  # most pairs share nothing: the quick answer
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_report(a: frozenset[int], b: frozenset[int]) -> bool:
    return containment(a, b) >= SAME_REPORT_CONTAINMENT


# Per ``shingles_of`` (one per compiled corpus), held weakly so that a corpus's cache goes
# with it: ``same_report`` of pairs of its paragraphs, by number.
_kept_pairs: WeakKeyDictionary[Callable[[int], frozenset[int]], Callable[[int, int], bool]] = (
    WeakKeyDictionary()
)


def same_report_of(shingles_of: Callable[[int], frozenset[int]]) -> Callable[[int, int], bool]:
    """``same_report`` of two paragraphs by number, kept for pairs compared again (an
    lru_cache of _KEPT_PAIRS pairs per ``shingles_of``: comparing shingle sets costs far more
    than looking up two numbers). A ``shingles_of`` that cannot be referred to weakly gets no
    cache."""
    try:
        found = _kept_pairs.get(shingles_of)
        if found is None:
            found = _kept_pairs[shingles_of] = _kept_same_report(weakref.ref(shingles_of))
        return found
    except TypeError:  # not weakly referable
        return lambda a, b: same_report(shingles_of(a), shingles_of(b))


def _kept_same_report(
    shingles: weakref.ref[Callable[[int], frozenset[int]]],
) -> Callable[[int, int], bool]:
    """The cache of ``same_report_of``; it refers to ``shingles_of`` weakly, so that it does
    not keep its corpus alive (it goes with it)."""

    @lru_cache(maxsize=_KEPT_PAIRS)
    def same(a: int, b: int) -> bool:
        shingles_of = shingles()
        assert shingles_of is not None
        return same_report(shingles_of(a), shingles_of(b))

    return same


def group_reports(
    ranked: Sequence[tuple[int, float]],
    article_of: Callable[[int], str],
    shingles_of: Callable[[int], frozenset[int]],
    limit: int,
) -> list[list[tuple[int, float]]]:
    """The first ``limit`` groups of ranked paragraphs (numbers and scores, best first) that
    report the same thing, in rank order: each group is led by its best-scoring paragraph and
    lists the rest best first, one per article."""
    groups: list[list[tuple[int, float]]] = []
    same = same_report_of(shingles_of)
    for paragraph, score in ranked:
        # A paragraph joins the first group it matches; once there are ``limit`` groups, one
        # that matches none of them would only start or join a group that is not returned.
        for group in groups:
            if same(group[0][0], paragraph):
                if all(article_of(p) != article_of(paragraph) for p, _ in group):
                    group.append((paragraph, score))
                break
        else:
            if len(groups) < limit:
                groups.append([(paragraph, score)])
    return groups


def prefer_corroborated(
    groups: Sequence[list[tuple[int, float]]],
    ranked: Sequence[tuple[int, float]],
    article_of: Callable[[int], str],
    shingles_of: Callable[[int], frozenset[int]],
    holds: Callable[[int], int] = lambda paragraph: 0,
) -> list[list[tuple[int, float]]]:
    """Each group led by the copy whose wording other outlets share most, among the copies
    scoring nearly as well as the best: where outlets disagree on a detail (one names the COO
    "Marty Chief", the others "Marty Beard"), the answer quotes the reading most of them give,
    and still cites the others. Wording is compared with every ``ranked`` paragraph of another
    article. ``holds`` says how well a copy holds the kind of answer asked for (the one naming
    a quote's speaker, for "who said it?"): the copies that hold it best come first, whatever
    their score. The lead keeps the group's best score (its rank)."""
    pool: list[tuple[str, frozenset[int]]] = []  # made when a group first needs it

    def support(paragraph: int) -> float:
        """How many other articles share each of the paragraph's shingles, on average."""
        own, article = shingles_of(paragraph), article_of(paragraph)
        if not own:
            return 0.0
        if not pool:
            pool.extend((article_of(p), shingles_of(p)) for p, _ in ranked)
        others: dict[str, set[int]] = {}
        for a, sh in pool:
            if a != article:
                others.setdefault(a, set()).update(own & sh)
        return sum(map(len, others.values())) / len(own)

    out = []
    for group in groups:
        best = group[0][1]
        most = max(holds(p) for p, _ in group)
        holding = [(p, s) for p, s in group if holds(p) == most]
        eligible = [(p, s) for p, s in holding if s >= CORROBORATED_SHARE * best] or holding
        if len(eligible) < 2 and eligible[0] == group[0]:
            out.append(list(group))
            continue
        lead = max(eligible, key=lambda item: support(item[0]))  # ties: the better-ranked
        out.append([(lead[0], best), *(item for item in group if item[0] != lead[0])])
    return out
