"""Answers that several sources give: redundancy as evidence (as in AskMSR-style question
answering). For a "who" question, the names the best paragraphs give are counted by how many
different articles give them; paragraphs with the name most articles agree on are preferred.
Where one outlet misnames a person ("Marty Chief" for "Marty Beard"), the majority's reading
answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from index.text import stem, words

# Two or more capitalised words in a row: a person's (or organisation's) name.
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
# A paragraph giving the name most articles agree on gains this share of its score.
AGREEMENT_BOOST = 0.5


def names_in(text: str, asked: Collection[str]) -> set[str]:
    """The names in the text that are not made of words the question itself uses."""
    out = set()
    for m in _NAME.finditer(text):
        name = m.group(0)
        if not any(stem(w) in asked for w in words(name)):
            out.add(" ".join(name.split()))
    return out


def prefer_agreed_names(
    pool: Sequence[tuple[int, float]],
    text_of: Callable[[int], str],
    article_of: Callable[[int], str],
    asked: Collection[str],
) -> list[tuple[int, float]]:
    """The pool re-scored: paragraphs holding the name that most articles in it give (two at
    least) are boosted; ties between names go to the one the better paragraphs give."""
    found = {i: names_in(text_of(i), asked) for i, _ in pool}
    articles: dict[str, set[str]] = {}
    weight: dict[str, float] = {}
    for i, score in pool:
        for name in found[i]:
            articles.setdefault(name, set()).add(article_of(i))
            weight[name] = weight.get(name, 0.0) + score
    if not articles:
        return list(pool)
    best = max(articles, key=lambda n: (len(articles[n]), weight[n]))
    if len(articles[best]) < 2:
        return list(pool)
    out = [(i, s * (1 + AGREEMENT_BOOST) if best in found[i] else s) for i, s in pool]
    out.sort(key=lambda item: (-item[1], item[0]))
    return out
