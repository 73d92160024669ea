"""Compound nouns in a passage: words it uses only to qualify another noun.

English builds nouns from two words, the second the head ("law enforcement" is an
enforcement, "back doors" are doors, "court order" is an order). The first only qualifies
it: a passage that writes "law enforcement" does not speak of a law, nor "back doors" of
backing down. A question's word that a passage uses only so is not held by it, unless the
question names the head too ("back doors" asked about as such). WordNet tells which pairs of
words are such compounds (its noun entries of two words); names ("Saudi Arabia") are not
read as compounds: their first word is written with a capital.
"""

from __future__ import annotations

from index.text import STOPWORDS, stem, written_words
from index.thesaurus import WordNet, wordnet


def modifiers_only(text: str) -> dict[str, frozenset[str]]:
    """The terms the text uses only as the first word of a compound noun, each with the
    terms of the heads it qualifies ("law": {"enforc"} in "... assist law enforcement ...")."""
    thesaurus = wordnet()
    if thesaurus is None:
        return {}
    written = written_words(text)
    read = [w.casefold().removesuffix("'s") for w in written]
    uses: dict[str, int] = {}
    heads: dict[str, list[str]] = {}
    for as_written, word, after in zip(written, read, [*read[1:], ""], strict=True):
        if word in STOPWORDS:
            continue
        term = stem(word)
        uses[term] = uses.get(term, 0) + 1
        qualifies = after and after not in STOPWORDS and as_written.islower()
        if qualifies and _compound(thesaurus, word, after):
            heads.setdefault(term, []).append(stem(after))
    return {t: frozenset(h) for t, h in heads.items() if len(h) == uses[t]}


def _compound(thesaurus: WordNet, first: str, second: str) -> bool:
    """Whether WordNet has the two words as a noun, the second in any of its base forms
    ("back doors": "back door")."""
    return any(
        thesaurus.base_forms(f"{first} {head}", "noun")
        for head in dict.fromkeys([second, *thesaurus.base_forms(second, "noun")])
    )
