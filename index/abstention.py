"""When to say "the articles don't answer that" instead of answering.

A single score threshold does not work on a one-topic corpus: an out-of-scope question that
shares a word or two with the story ("Why is the Victoria police chief under investigation?")
scores inside the answerable range. These rules look at the evidence instead: are the
question's words ones the articles use at all, does it name something (a proper name) the
articles never mention, and does the best paragraph carry enough of the question's weight?
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.text import STOPWORDS, stem, words

# Share of the question's distinct terms the corpus must know (itself or an expansion).
MIN_KNOWN_SHARE = 0.5
# Share of the question's weight (idf; unknown terms weigh as much as the rarest) that the
# best paragraph must contain.
MIN_TOP_COVERAGE = 0.45

# A capitalised word that does not start a sentence.
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+)", re.UNICODE)


@dataclass(frozen=True)
class TermEvidence:
    term: str
    weight: float  # idf; the highest possible for a term the corpus never uses
    known: bool  # the corpus uses it, or one of its expansions
    in_top: bool  # the best paragraph contains it, or one of its expansions


def judge(
    question: str,
    terms: Sequence[TermEvidence],
    is_known_word: Callable[[str], bool],
    *,
    about_the_story: bool = False,
) -> str:
    """Why the engine should abstain, or "" to answer. ``question`` has markup stripped;
    ``about_the_story``: the question asks how the story came out ("How did it end?"), which
    the engine answers with what the articles report last, so it needs no words of its own."""
    if not terms:
        return "" if about_the_story else "The question has no words to look up in the articles."
    names = unknown_names(question, is_known_word)
    if names:
        return f"The articles never mention {_quote_list(names)}."
    unknown = {t.term for t in terms if not t.known}
    if len(unknown) / len(terms) > 1 - MIN_KNOWN_SHARE:
        shown = [w for w in dict.fromkeys(words(question)) if stem(w) in unknown]
        return f"The articles do not cover this (they never mention {_quote_list(shown)})."
    if about_the_story:
        return ""  # the best paragraph was chosen for what it reports last, not for its words
    if not any(t.in_top for t in terms):
        return "No paragraph in the articles matches the question."
    total = sum(t.weight for t in terms)
    if sum(t.weight for t in terms if t.in_top) / total < MIN_TOP_COVERAGE:
        return "No paragraph in the articles answers the question closely enough."
    return ""


def unknown_names(question: str, is_known_word: Callable[[str], bool]) -> list[str]:
    """Capitalised words inside the question (not starting a sentence) that the corpus never
    uses: a question about a person, place or thing the articles do not mention."""
    out = []
    for word in _CAPITALISED.findall(question):
        folded = [w for w in words(word) if w not in STOPWORDS]
        if folded and not any(is_known_word(w) for w in folded):
            out.append(word)
    return list(dict.fromkeys(out))


def _quote_list(items: Sequence[str]) -> str:
    quoted = [f"“{i}”" for i in items] or ["its words"]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
