"""When to say "the articles don't answer that" instead of answering.

A single score threshold does not work on a one-topic corpus: an out-of-scope question that
shares a word or two with the story ("Why is the Victoria police chief under investigation?")
scores inside the answerable range. These rules look at the evidence instead: are the
question's words ones the articles use at all, does it name something (a proper name) the
articles never mention, and does the best paragraph carry most of the question's weight?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.bm25 import BM25Index
from index.text import STOPWORDS, stem, words

# Share of the question's distinct terms the corpus must know.
MIN_KNOWN_SHARE = 0.5
# Share of the question's idf weight (unknown terms weigh as much as the rarest) that the best
# paragraph must contain.
MIN_TOP_COVERAGE = 0.35

_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+)", re.UNICODE)


@dataclass(frozen=True)
class Evidence:
    question: str  # markup already stripped
    terms: Sequence[str]  # the question's content terms
    index: BM25Index
    top_terms: Sequence[str]  # the best paragraph's terms (empty when nothing matched)


def judge(ev: Evidence) -> str:
    """Why the engine should abstain, or "" to answer."""
    distinct = list(dict.fromkeys(ev.terms))
    if not distinct:
        return "The question has no words to look up in the articles."
    unknown = [t for t in distinct if not ev.index.known(t)]
    names = _unknown_names(ev.question, ev.index)
    if names:
        return f"The articles never mention {_quote_list(names)}."
    if len(unknown) / len(distinct) > 1 - MIN_KNOWN_SHARE:
        shown = [w for w in _surface(ev.question) if stem(w) in unknown]
        return f"The articles do not cover this (they never mention {_quote_list(shown)})."
    if not ev.top_terms:
        return "No paragraph in the articles matches the question."
    present = set(ev.top_terms)
    total = sum(ev.index.idf(t) for t in distinct)
    covered = sum(ev.index.idf(t) for t in distinct if t in present)
    if covered / total < MIN_TOP_COVERAGE:
        return "No paragraph in the articles answers the question closely enough."
    return ""


def _unknown_names(question: str, index: BM25Index) -> list[str]:
    """Capitalised words inside the question (not its first word) that the corpus never uses:
    a question about a person, place or thing the articles do not mention."""
    out = []
    for word in _CAPITALISED.findall(question):
        folded = words(word)
        if folded and all(w not in STOPWORDS and not index.known(stem(w)) for w in folded):
            out.append(word)
    return list(dict.fromkeys(out))


def _surface(question: str) -> list[str]:
    return list(dict.fromkeys(w for w in words(question) if w not in STOPWORDS))


def _quote_list(items: Sequence[str]) -> str:
    quoted = [f"“{i}”" for i in items] or ["its words"]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
